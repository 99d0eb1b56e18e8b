// The dashboard's login: POST /auth/session with a token opens a session whose secret the browser
// keeps in an HttpOnly, SameSite=Strict cookie (scripts cannot read it, other sites cannot send
// it); GET says who the caller is; DELETE logs out. Only the session's SHA-256 is stored.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Database } from "../db.js";
import { recordAudit } from "./audit.js";
import { type Authenticator, cookieValue, requestCredential, SESSION_COOKIE } from "./auth.js";
import { SCOPES } from "./scopes.js";
import { closeSession, openSession, SESSION_TTL_MS } from "./tokens.js";

export const SESSION_PATH = "/auth/session";

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    ...headers,
  });
  res.end(text);
}

const error = (code: string, message: string, field?: string) => ({
  error: { code, message, ...(field ? { field } : {}) },
});

/** Secure when the browser reached Baton over HTTPS (directly or through a proxy that says so). */
function cookie(req: IncomingMessage, value: string, maxAgeSeconds: number) {
  const secure =
    (req.socket as { encrypted?: boolean }).encrypted || req.headers["x-forwarded-proto"] === "https" ? "; Secure" : "";
  return `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeSeconds}${secure}`;
}

async function readJson(req: IncomingMessage, limit = 4096): Promise<unknown> {
  let text = "";
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > limit) throw new Error(`the body is larger than ${limit} bytes`);
  }
  return JSON.parse(text);
}

export function createSessionRoutes({ db, auth }: { db: Database; auth: Authenticator }) {
  return async function handleSession(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === "GET") {
      const principal = await auth.authenticate(requestCredential(req));
      const who =
        principal?.kind === "token"
          ? { actor: principal.name, scopes: SCOPES.filter((s) => principal.scopes.has(s)) }
          : principal
            ? { actor: "local", scopes: [...SCOPES] }
            : { actor: null, scopes: [] };
      return send(res, 200, { authentication: auth.required, authenticated: principal !== null, ...who });
    }
    if (req.method === "POST") {
      let body: unknown;
      try {
        body = await readJson(req);
      } catch (e) {
        return send(res, 400, error("INVALID_JSON", `malformed JSON body: ${(e as Error).message}`));
      }
      const token = (body as { token?: unknown } | null)?.token;
      if (typeof token !== "string" || token.trim() === "")
        return send(res, 400, error("VALIDATION_FAILED", "token: give the API token to log in with", "token"));
      const principal = await auth.verifyToken(token.trim());
      if (principal?.kind !== "token")
        return send(
          res,
          401,
          error("UNAUTHENTICATED", "token: not a valid token (unknown, revoked or expired)", "token"),
        );
      const secret = await openSession(db, principal.tokenId);
      await recordAudit(db, {
        principal,
        via: "rest",
        operation: "login",
        request: "POST /auth/session",
        outcome: "ok",
      });
      return send(
        res,
        200,
        {
          authentication: auth.required,
          authenticated: true,
          actor: principal.name,
          scopes: SCOPES.filter((s) => principal.scopes.has(s)),
        },
        { "set-cookie": cookie(req, secret, SESSION_TTL_MS / 1000) },
      );
    }
    if (req.method === "DELETE") {
      const secret = cookieValue(req.headers.cookie, SESSION_COOKIE);
      if (secret) await closeSession(db, secret);
      auth.forget();
      res.writeHead(204, { "set-cookie": cookie(req, "", 0), "cache-control": "no-store" });
      res.end();
      return;
    }
    res.setHeader("allow", "GET, POST, DELETE");
    send(res, 405, error("METHOD_NOT_ALLOWED", `${req.method} is not allowed on ${SESSION_PATH}`));
  };
}
