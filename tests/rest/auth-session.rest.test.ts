// The dashboard's login (a token exchanged for an HttpOnly, SameSite=Strict session cookie), the
// stance on exposure (no BATON_AUTH=off and no token-less start beyond loopback), and the
// zero-set-up default (loopback, authentication off, every write audited as `local`).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseEnv } from "../../server/env.js";
import { start } from "../../server/main.js";
import { createToken } from "../../server/security/tokens.js";
import { agentBody, uniqueName } from "../testkit/factories.js";
import { gqlResult } from "../testkit/graphql.js";
import { rest } from "../testkit/rest.js";
import { createTestDatabase, startTestServer, type TestServer } from "../testkit/server.js";

let server: TestServer;
let secret: string;
let tokenId: string;

beforeAll(async () => {
  server = await startTestServer({ env: { BATON_AUTH: "on" } });
  ({
    secret,
    token: { id: tokenId },
  } = await createToken(server.db, { name: "dashboard", scopes: ["write"] }));
});
afterAll(() => server?.stop());

async function login(token: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/auth/session`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ token }),
  });
  return {
    status: res.status,
    cookie: res.headers.get("set-cookie"),
    body: (await res.json()) as Record<string, unknown>,
  };
}

const withCookie = (cookie: string) => rest(server.url, { cookie });

describe("POST /auth/session (the dashboard's login)", () => {
  test("sets an HttpOnly, SameSite=Strict session cookie that then stands for the token", async () => {
    const res = await login(secret);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      authentication: true,
      authenticated: true,
      actor: "dashboard",
      scopes: ["read", "write"],
    });
    expect(res.cookie).toMatch(/^baton_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/);
    const cookie = (res.cookie as string).split(";")[0] as string;
    // The cookie is not the token: it names a session, stored as its hash.
    expect(cookie).not.toContain(secret);

    const api = withCookie(cookie);
    expect((await api.get("/auth/session")).body).toMatchObject({ authenticated: true, actor: "dashboard" });
    expect((await api.get("/agents")).status).toBe(200);
    const created = await api.post<{ id: string }>("/agents", agentBody({ name: uniqueName("ByCookie") }));
    expect(created.status).toBe(201);
    expect((await api.delete("/executions/anything")).status).toBe(403);
    const graphql = await gqlResult<{ viewer: { actor: string } }>(server.url, "{ viewer { actor } }", undefined, {
      cookie,
    });
    expect(graphql.data?.viewer.actor).toBe("dashboard");
  });

  test("Secure is added when the request came over HTTPS through a proxy", async () => {
    const res = await login(secret, { "x-forwarded-proto": "https" });
    expect(res.cookie).toMatch(/; Secure$/);
  });

  test("logging out ends the session: the old cookie is refused", async () => {
    const cookie = ((await login(secret)).cookie as string).split(";")[0] as string;
    const out = await fetch(`${server.url}/auth/session`, { method: "DELETE", headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/^baton_session=; HttpOnly; SameSite=Strict; Path=\/; Max-Age=0$/);
    expect((await withCookie(cookie).get("/agents")).status).toBe(401);
  });

  test("revoking the token ends every session opened with it", async () => {
    const other = await createToken(server.db, { name: "temp", scopes: ["read"] });
    const cookie = ((await login(other.secret)).cookie as string).split(";")[0] as string;
    expect((await withCookie(cookie).get("/agents")).status).toBe(200);
    const admin = await createToken(server.db, { name: "admin", scopes: ["admin"] });
    const revoked = await rest(server.url, { authorization: `Bearer ${admin.secret}` }).delete(
      `/tokens/${other.token.id}`,
    );
    expect(revoked.status).toBe(200);
    expect((await withCookie(cookie).get("/agents")).status).toBe(401);
    expect(await server.db.prisma.authSession.count({ where: { tokenId: other.token.id } })).toBe(0);
  });

  test("a wrong or missing token: 401 / 400 naming `token`, no cookie, no session", async () => {
    const sessions = await server.db.prisma.authSession.count();
    const wrong = await login("baton_wrongwrongwrongwrongwrongwrong1");
    expect([wrong.status, wrong.cookie, wrong.body]).toEqual([
      401,
      null,
      {
        error: {
          code: "UNAUTHENTICATED",
          message: "token: not a valid token (unknown, revoked or expired)",
          field: "token",
        },
      },
    ]);
    const missing = await fetch(`${server.url}/auth/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect([missing.status, ((await missing.json()) as { error: { field: string } }).error.field]).toEqual([
      400,
      "token",
    ]);
    // A page elsewhere cannot log a browser in (drive-by guard), nor post a form.
    expect((await login(secret, { origin: "http://evil.test" })).status).toBe(403);
    const form = await fetch(`${server.url}/auth/session`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `token=${secret}`,
    });
    expect(form.status).toBe(415);
    expect(await server.db.prisma.authSession.count()).toBe(sessions);
  });

  test("the token's id is in the audit log of the login, never the secret", async () => {
    await login(secret);
    const entry = await server.db.prisma.auditEntry.findFirstOrThrow({
      where: { operation: "login", tokenId },
      orderBy: { at: "desc" },
    });
    expect([entry.actor, entry.via, entry.request, entry.outcome]).toEqual([
      "dashboard",
      "rest",
      "POST /auth/session",
      "ok",
    ]);
  });
});

describe("exposure", () => {
  test("BATON_AUTH=off beyond loopback is a configuration error", () => {
    expect(() => parseEnv({ HOST: "0.0.0.0", BATON_AUTH: "off" })).toThrow(
      "BATON_AUTH: off is allowed only when HOST is a loopback address (127.0.0.1, ::1, localhost), not 0.0.0.0",
    );
    expect(parseEnv({ HOST: "0.0.0.0" }).authRequired).toBe(true);
    expect(parseEnv({ HOST: "127.0.0.1" }).authRequired).toBe(false);
    expect(parseEnv({ HOST: "::1", BATON_AUTH: "on" }).authRequired).toBe(true);
  });

  test("listening beyond loopback without a live token refuses to start; with one it starts and asks for it", async () => {
    const database = await createTestDatabase();
    const env = {
      DATABASE_URL: database.url,
      PORT: "0",
      HOST: "0.0.0.0",
      LOG_LEVEL: "silent",
      BATON_SEED: "off",
    } as const;
    try {
      await expect(start(env)).rejects.toThrow(
        "refusing to listen on 0.0.0.0 without an API token: anyone who reaches the port would be refused",
      );
      const { openDatabase } = await import("../../server/db.js");
      const db = await openDatabase(database.url);
      // A revoked token does not count.
      const revoked = await createToken(db, { name: "old", scopes: ["admin"] });
      await db.prisma.apiToken.update({ where: { id: revoked.token.id }, data: { revokedAt: new Date() } });
      await db.close();
      await expect(start(env)).rejects.toThrow("refusing to listen on 0.0.0.0");

      const db2 = await openDatabase(database.url);
      const live = await createToken(db2, { name: "ops", scopes: ["read"] });
      await db2.close();
      const app = await start(env);
      try {
        const local = app.url.replace("0.0.0.0", "127.0.0.1");
        expect((await rest(local).get("/agents")).status).toBe(401);
        expect((await rest(local, { authorization: `Bearer ${live.secret}` }).get("/agents")).status).toBe(200);
      } finally {
        await app.stop();
      }
    } finally {
      await database.drop();
    }
  });
});

describe("authentication off (the loopback default)", () => {
  let local: TestServer;
  beforeAll(async () => {
    local = await startTestServer();
  });
  afterAll(() => local?.stop());

  test("needs no token, says so, and audits writes as `local`", async () => {
    const api = rest(local.url);
    expect((await api.get("/auth/session")).body).toEqual({
      authentication: false,
      authenticated: true,
      actor: "local",
      scopes: ["read", "write", "run", "admin"],
    });
    const created = await api.post<{ id: string }>("/agents", agentBody({ name: uniqueName("Local") }));
    expect(created.status).toBe(201);
    const entry = await local.db.prisma.auditEntry.findFirstOrThrow({ where: { target: created.body.id } });
    expect([entry.actor, entry.tokenId, entry.via, entry.operation, entry.outcome]).toEqual([
      "local",
      null,
      "rest",
      "createAgent",
      "ok",
    ]);
  });
});
