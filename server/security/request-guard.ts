// The first thing every HTTP request and WebSocket upgrade meets: it keeps web pages the user
// happens to visit from driving Baton (which runs programs) through the user's browser.
//  - Host must be a loopback name or a configured one: a DNS-rebound name is refused (421).
//  - A browser's Origin must be this server's own or opted in (BATON_ALLOWED_ORIGINS): a page on
//    another origin is refused (403), and only opted-in origins get CORS headers.
//  - Writes carry a JSON body type (415 otherwise): a form or text/plain POST, which a page can send
//    without a CORS preflight, never reaches a route.
//  - Fetch metadata: a browser says where a request comes from (Sec-Fetch-Site). A request another
//    site's page makes without an Origin (an <img>, a <script>, a no-cors GET) is refused (403), and
//    so is any cross-site request, even a link followed, to a GET that changes state
//    (GET /executions/sync). Following a link from elsewhere to the dashboard or a read still works.
// Clients that are not browsers (curl, scripts, tests) send no Origin and are not affected by it.
import type { IncomingMessage, ServerResponse } from "node:http";

export interface RequestGuardOptions {
  /** Origins (scheme://host[:port]) allowed to call from another origin, with CORS. */
  allowedOrigins: readonly string[];
  /** Host names served besides the loopback ones; `*` serves any (behind a proxy that checks it). */
  allowedHosts: readonly string[];
  /** Paths (`{param}` templates allowed) whose GET changes state: no other site may reach them at all. */
  stateChangingGets?: readonly string[];
}

export interface Refusal {
  status: 403 | 415 | 421;
  code: "FORBIDDEN_ORIGIN" | "FORBIDDEN_SITE" | "UNSUPPORTED_MEDIA_TYPE" | "MISDIRECTED_REQUEST";
  message: string;
}

const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"];
/** Request body types a write may carry; GraphQL also takes its own JSON media type. */
const JSON_TYPES = ["application/json"];
const GRAPHQL_JSON_TYPES = ["application/json", "application/graphql+json"];
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH"]);
const CORS_METHODS = "GET, POST, PATCH, DELETE";
const CORS_HEADERS = "content-type, authorization, x-graphql-yoga-csrf";

/** The host name of a Host header (`[::1]:4000` → `[::1]`, `Example.COM.` → `example.com`), or null. */
function hostName(header: string | undefined): string | null {
  if (!header) return null;
  try {
    return new URL(`http://${header}`).hostname.replace(/\.$/, "").toLowerCase();
  } catch {
    return null;
  }
}

/** An Origin header as `scheme://host[:port]` (lower case, default port dropped), or null ("null"). */
export function normaliseOrigin(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.origin === "null" ? null : url.origin;
  } catch {
    return null;
  }
}

const truncate = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n)}…` : s);

export function createRequestGuard(options: RequestGuardOptions) {
  const anyHost = options.allowedHosts.includes("*");
  // A bare IPv6 address (HOST=::1) is written in brackets in a Host header.
  const bracketed = (h: string) => (h.includes(":") && !h.startsWith("[") ? `[${h}]` : h);
  const hosts = new Set([...LOOPBACK_HOSTS, ...options.allowedHosts.map((h) => hostName(bracketed(h)) ?? h)]);
  const allowedOrigins = new Set(options.allowedOrigins.map((o) => normaliseOrigin(o)).filter(Boolean));
  const stateChangingGets = (options.stateChangingGets ?? []).map(
    (t) => new RegExp(`^${t.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}/]+\}/g, "[^/]+")}$`),
  );

  function checkHost(req: IncomingMessage): Refusal | null {
    if (anyHost) return null;
    const name = hostName(req.headers.host);
    if (name && hosts.has(name)) return null;
    return {
      status: 421,
      code: "MISDIRECTED_REQUEST",
      message: `this server does not answer to Host '${truncate(req.headers.host ?? "")}': use 127.0.0.1, localhost or [::1], or list the name in BATON_ALLOWED_HOSTS`,
    };
  }

  /** Same origin: the Origin's host and port are the Host the request was sent to. */
  function isOwnOrigin(origin: string, req: IncomingMessage): boolean {
    try {
      return new URL(origin).host === new URL(`http://${req.headers.host ?? ""}`).host;
    } catch {
      return false;
    }
  }

  /** null when the request may go on; the Origin is absent (not a browser), its own or allowed. */
  function checkOrigin(req: IncomingMessage): Refusal | null {
    const raw = req.headers.origin;
    if (raw === undefined) return null;
    const origin = normaliseOrigin(raw);
    if (origin && (isOwnOrigin(origin, req) || allowedOrigins.has(origin))) return null;
    return {
      status: 403,
      code: "FORBIDDEN_ORIGIN",
      message: `requests from origin '${truncate(raw)}' are not allowed: list it in BATON_ALLOWED_ORIGINS to let its pages call Baton`,
    };
  }

  /**
   * null unless a browser says the request comes from another site (Sec-Fetch-Site cross-site or
   * same-site: another port of localhost is the same site) and it is either not a navigation (a
   * subresource or no-cors fetch, which carries no Origin for GET) or a navigation to a GET that
   * changes state. An opted-in origin's CORS requests pass. Clients that send no fetch metadata
   * (curl, scripts, older browsers) are not affected.
   */
  function checkFetchSite(req: IncomingMessage, path: string): Refusal | null {
    const site = req.headers["sec-fetch-site"];
    if (site === undefined || site === "same-origin" || site === "none") return null;
    const origin = req.headers.origin && normaliseOrigin(req.headers.origin);
    if (origin && (allowedOrigins.has(origin) || isOwnOrigin(origin, req))) return null;
    const method = req.method ?? "GET";
    const read = method === "GET" || method === "HEAD";
    if (read && stateChangingGets.some((re) => re.test(path))) {
      return {
        status: 403,
        code: "FORBIDDEN_SITE",
        message: `${method} ${path} changes state: a page on another site cannot trigger it; call it from the dashboard or a script (or POST it)`,
      };
    }
    if (read && req.headers["sec-fetch-mode"] === "navigate") return null;
    return {
      status: 403,
      code: "FORBIDDEN_SITE",
      message: `a page on another site (Sec-Fetch-Site: ${truncate(String(site), 20)}) cannot call ${truncate(path)}: list its origin in BATON_ALLOWED_ORIGINS to let its pages call Baton`,
    };
  }

  function checkBodyType(req: IncomingMessage, path: string): Refusal | null {
    if (!WRITE_METHODS.has(req.method ?? "")) return null;
    const types = path === "/graphql" ? GRAPHQL_JSON_TYPES : JSON_TYPES;
    const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (types.includes(type)) return null;
    return {
      status: 415,
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: `${req.method} ${path} takes a JSON body: send Content-Type: application/json${type ? ` (got '${truncate(type)}')` : ""}`,
    };
  }

  /** CORS headers for an opted-in origin calling from elsewhere; nothing for the same origin. */
  function corsHeaders(req: IncomingMessage): Record<string, string> | null {
    const origin = req.headers.origin && normaliseOrigin(req.headers.origin);
    if (!origin || !allowedOrigins.has(origin) || isOwnOrigin(origin, req)) return null;
    return { "access-control-allow-origin": origin, "access-control-allow-credentials": "true", vary: "Origin" };
  }

  return {
    /**
     * Checks a request before any route sees it. Answers it (and returns true) when it is refused
     * or is a CORS preflight; otherwise adds the CORS headers it is owed and returns false.
     */
    handle(req: IncomingMessage, res: ServerResponse, path: string): boolean {
      const refusal = checkHost(req) ?? checkOrigin(req) ?? checkFetchSite(req, path) ?? checkBodyType(req, path);
      if (refusal) {
        const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message } });
        res.writeHead(refusal.status, { "content-type": "application/json; charset=utf-8", vary: "Origin" });
        res.end(body);
        return true;
      }
      const cors = corsHeaders(req);
      if (cors) for (const [k, v] of Object.entries(cors)) res.setHeader(k, v);
      if (req.method === "OPTIONS" && req.headers["access-control-request-method"]) {
        // A preflight: allowed origins learn what they may send; the own origin never asks.
        res.writeHead(204, {
          ...(cors
            ? { "access-control-allow-methods": CORS_METHODS, "access-control-allow-headers": CORS_HEADERS }
            : {}),
          "access-control-max-age": "600",
        });
        res.end();
        return true;
      }
      return false;
    },
    /** The refusal of a WebSocket upgrade (rebound Host, foreign Origin), or null to accept it. */
    checkUpgrade(req: IncomingMessage): Refusal | null {
      return checkHost(req) ?? checkOrigin(req);
    },
  };
}

export type RequestGuard = ReturnType<typeof createRequestGuard>;
