// Who is calling. With authentication on, a request carries a token as `Authorization: Bearer …`
// (REST, GraphQL), in graphql-ws `connectionParams` ({ authorization: "Bearer …" } or { token }),
// or a dashboard session cookie set by POST /auth/session (HttpOnly, SameSite=Strict). With it off
// (allowed only on a loopback address) every caller is the local user and may do everything.
import type { IncomingMessage } from "node:http";
import type { Database } from "../db.js";
import { LOCAL, type Principal, parseStoredScopes, grantedScopes } from "./scopes.js";
import { activeToken, hashSecret, sessionToken } from "./tokens.js";

export const SESSION_COOKIE = "baton_session";
/** A token looked up is trusted this long before it is read again (revocation on another instance). */
const CACHE_MS = 2_000;
/** `lastUsedAt` is written at most this often per token and instance. */
const TOUCH_MS = 60_000;

type TokenRow = { id: string; name: string; scopes: string };

/** A request's credential: the bearer token if it sent one, else its session cookie. */
export type Credential = { kind: "bearer"; secret: string } | { kind: "session"; secret: string };

export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** `Bearer abc` → abc; anything else → null. */
export function bearer(header: unknown): string | null {
  if (typeof header !== "string") return null;
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
  return m ? (m[1] as string) : null;
}

export function requestCredential(req: IncomingMessage): Credential | null {
  if (req.headers.authorization !== undefined) {
    const secret = bearer(req.headers.authorization);
    // A malformed Authorization header is a credential that fails, not an absent one.
    return { kind: "bearer", secret: secret ?? "" };
  }
  const session = cookieValue(req.headers.cookie, SESSION_COOKIE);
  return session ? { kind: "session", secret: session } : null;
}

/** graphql-ws connectionParams: `{ authorization: "Bearer …" }` or `{ token: "…" }`. */
export function paramsCredential(params: Readonly<Record<string, unknown>> | undefined): Credential | null {
  if (!params) return null;
  const fromHeader = params.authorization ?? params.Authorization;
  if (fromHeader !== undefined) return { kind: "bearer", secret: bearer(fromHeader) ?? "" };
  if (params.token !== undefined)
    return { kind: "bearer", secret: typeof params.token === "string" ? params.token : "" };
  return null;
}

export interface AuthenticatorOptions {
  db: Database;
  /** Whether requests must carry a credential (BATON_AUTH). */
  required: boolean;
}

export function createAuthenticator({ db, required }: AuthenticatorOptions) {
  const cache = new Map<string, { principal: Principal | null; until: number }>();
  const touched = new Map<string, number>();

  const principalOf = (token: TokenRow, via: "bearer" | "session"): Principal => ({
    kind: "token",
    tokenId: token.id,
    name: token.name,
    scopes: grantedScopes(parseStoredScopes(token.scopes)),
    via,
  });

  function touch(tokenId: string) {
    const now = Date.now();
    if ((touched.get(tokenId) ?? 0) > now - TOUCH_MS) return;
    touched.set(tokenId, now);
    db.prisma.apiToken.update({ where: { id: tokenId }, data: { lastUsedAt: new Date(now) } }).catch(() => {
      // The token may have been revoked in between: nothing to record.
    });
  }

  /** The principal a credential proves, or null when it proves nothing (unknown, revoked, expired). */
  async function verify(credential: Credential): Promise<Principal | null> {
    if (!credential.secret) return null;
    const key = `${credential.kind}:${hashSecret(credential.secret)}`;
    const hit = cache.get(key);
    let principal: Principal | null;
    if (hit && hit.until > Date.now()) principal = hit.principal;
    else {
      const token =
        credential.kind === "bearer"
          ? await activeToken(db, credential.secret)
          : await sessionToken(db, credential.secret);
      principal = token ? principalOf(token, credential.kind) : null;
      if (cache.size > 10_000) cache.clear();
      cache.set(key, { principal, until: Date.now() + CACHE_MS });
    }
    if (principal?.kind === "token") touch(principal.tokenId);
    return principal;
  }

  return {
    required,
    /**
     * The caller: LOCAL when authentication is off; with it on, the token's principal, or null when
     * the request proves no live token (the caller answers 401).
     */
    async authenticate(credential: Credential | null): Promise<Principal | null> {
      if (!required) return LOCAL;
      return credential ? verify(credential) : null;
    },
    /** Checks a token secret (the dashboard's login) regardless of mode. */
    verifyToken: (secret: string) => verify({ kind: "bearer", secret }),
    /** Forgets cached answers: a token revoked here stops working here at once. */
    forget() {
      cache.clear();
    },
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;
