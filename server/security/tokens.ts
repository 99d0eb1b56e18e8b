// API tokens and dashboard sessions. A secret is random (192 bits), shown once, and stored only as
// its SHA-256: a copy of the database gives no one a usable token. Tokens are revoked, never
// deleted, so the audit log keeps naming them.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Database } from "../db.js";
import { NotFoundError } from "../errors.js";
import { parseOrThrow } from "../validation.js";
import { SCOPES, type Scope, storedScopes } from "./scopes.js";

/** Every token starts so: secret scanners and people can tell what it is. */
export const TOKEN_PREFIX = "baton_";
/** Characters of a secret kept in the clear to tell tokens apart (`baton_` + 6). */
const SHOWN = TOKEN_PREFIX.length + 6;
/** A dashboard session lasts this long after login. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

const tokenInput = z.object({
  name: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
  scopes: z
    .array(z.enum(SCOPES, { message: `must be one of ${SCOPES.join(", ")}` }))
    .min(1, `give at least one scope: ${SCOPES.join(", ")}`),
  expiresAt: z
    .date()
    .nullish()
    .refine((d) => !d || d.getTime() > Date.now(), { message: "must be in the future" }),
});

export interface TokenInput {
  name: string;
  scopes: Scope[] | string[];
  expiresAt?: Date | null;
}

/** Creates a token; the secret is in the answer and nowhere else. */
export async function createToken(db: Database, input: TokenInput) {
  const data = parseOrThrow(tokenInput, input);
  const secret = `${TOKEN_PREFIX}${randomBytes(24).toString("base64url")}`;
  const token = await db.prisma.apiToken.create({
    data: {
      name: data.name,
      scopes: storedScopes(data.scopes),
      secretHash: hashSecret(secret),
      prefix: secret.slice(0, SHOWN),
      expiresAt: data.expiresAt ?? null,
    },
  });
  return { token, secret };
}

/** Revokes a token (by id, or by its shown prefix) and ends its dashboard sessions; idempotent. */
export async function revokeToken(db: Database, idOrPrefix: string) {
  const found =
    (await db.prisma.apiToken.findUnique({ where: { id: idOrPrefix } })) ??
    (idOrPrefix.startsWith(TOKEN_PREFIX)
      ? await db.prisma.apiToken.findFirst({ where: { prefix: idOrPrefix.slice(0, SHOWN) } })
      : null);
  if (!found) throw new NotFoundError("token", idOrPrefix);
  const [, token] = await db.prisma.$transaction([
    db.prisma.authSession.deleteMany({ where: { tokenId: found.id } }),
    db.prisma.apiToken.update({ where: { id: found.id }, data: { revokedAt: found.revokedAt ?? new Date() } }),
  ]);
  return token;
}

/** The token a secret belongs to, while it is neither revoked nor expired. */
export async function activeToken(db: Database, secret: string) {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const token = await db.prisma.apiToken.findUnique({ where: { secretHash: hashSecret(secret) } });
  return token && isActive(token) ? token : null;
}

export const isActive = (t: { revokedAt: Date | null; expiresAt: Date | null }, now = Date.now()) =>
  !t.revokedAt && (!t.expiresAt || t.expiresAt.getTime() > now);

/** Tokens that can still be used: a server listening beyond loopback needs at least one. */
export function countActiveTokens(db: Database) {
  const now = new Date();
  return db.prisma.apiToken.count({
    where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
  });
}

/** Opens a dashboard session for an active token; returns the cookie's secret. */
export async function openSession(db: Database, tokenId: string) {
  const secret = randomBytes(32).toString("base64url");
  await db.prisma.authSession.create({
    data: { tokenId, secretHash: hashSecret(secret), expiresAt: new Date(Date.now() + SESSION_TTL_MS) },
  });
  return secret;
}

/** The token behind a session cookie, while both the session and the token are live. */
export async function sessionToken(db: Database, secret: string) {
  const session = await db.prisma.authSession.findUnique({
    where: { secretHash: hashSecret(secret) },
    include: { token: true },
  });
  if (!session || session.expiresAt.getTime() <= Date.now() || !isActive(session.token)) return null;
  return session.token;
}

export async function closeSession(db: Database, secret: string) {
  await db.prisma.authSession.deleteMany({ where: { secretHash: hashSecret(secret) } });
}
