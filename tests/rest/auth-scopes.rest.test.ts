// With authentication on, every API path needs a live token and every write the scope it names:
// read (queries), write (records, registry, templates with mock runners), run (start/cancel
// runs), admin (runners that execute things, step overrides, deleting executions, tokens, audit).
// Each route family is tried with each scope; a refusal is 403 FORBIDDEN and writes nothing.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Scope, SCOPES } from "../../server/security/scopes.js";
import { createToken } from "../../server/security/tokens.js";
import { agentBody, uniqueName } from "../testkit/factories.js";
import { gqlResult } from "../testkit/graphql.js";
import { type RestClient, type RestResponse, rest } from "../testkit/rest.js";
import { startTestServer, type TestServer } from "../testkit/server.js";

let server: TestServer;
const secrets = {} as Record<Scope, string>;
const as = (scope: Scope) => rest(server.url, { authorization: `Bearer ${secrets[scope]}` });
let admin: RestClient;

beforeAll(async () => {
  server = await startTestServer({ env: { BATON_AUTH: "on" } });
  for (const scope of SCOPES)
    secrets[scope] = (await createToken(server.db, { name: `t-${scope}`, scopes: [scope] })).secret;
  admin = as("admin");
});
afterAll(() => server?.stop());

/** A template of one mock step: any scope with write may make it. */
const mockTemplate = () => ({ name: uniqueName("wf"), steps: [{ id: "a", agent: "TestAgent" }] });

interface Case {
  name: string;
  /** The scopes that may do it (others get 403). */
  allowed: Scope[];
  /** The status when allowed. */
  status: number;
  call: (api: RestClient) => Promise<RestResponse<unknown>>;
}

const recorded = async () => {
  const r = await admin.post<{ id: string }>("/executions", { agent_name: "TestAgent", status: "success" });
  return r.body.id;
};

const cases: Case[] = [
  { name: "GET /agents", allowed: ["read", "write", "run", "admin"], status: 200, call: (api) => api.get("/agents") },
  {
    name: "GET /executions/timeline",
    allowed: ["read", "write", "run", "admin"],
    status: 200,
    call: (api) => api.get("/executions/timeline"),
  },
  { name: "GET /metrics", allowed: ["read", "write", "run", "admin"], status: 200, call: (api) => api.get("/metrics") },
  {
    name: "POST /agents (mock runner)",
    allowed: ["write", "admin"],
    status: 201,
    call: (api) => api.post("/agents", agentBody({ name: uniqueName("Mock") })),
  },
  {
    name: "POST /agents (command runner)",
    allowed: ["admin"],
    status: 201,
    call: (api) =>
      api.post("/agents", {
        ...agentBody({ name: uniqueName("Cmd") }),
        runner: { kind: "command", settings: { command: "true" } },
      }),
  },
  {
    name: "PATCH /agents/{id} (http runner)",
    allowed: ["admin"],
    status: 200,
    call: (api) =>
      api.patch("/agents/DocsAgent", { runner: { kind: "http", settings: { url: "http://127.0.0.1:9/x" } } }),
  },
  {
    name: "PATCH /agents/{id} (description)",
    allowed: ["write", "admin"],
    status: 200,
    call: (api) => api.patch("/agents/TestAgent", { description: uniqueName("d") }),
  },
  {
    name: "POST /executions",
    allowed: ["write", "admin"],
    status: 201,
    call: (api) => api.post("/executions", { agent_name: "TestAgent", status: "success" }),
  },
  {
    name: "DELETE /executions/{id}",
    allowed: ["admin"],
    status: 200,
    call: async (api) => api.delete(`/executions/${await recorded()}`),
  },
  {
    name: "POST /workflows (mock steps)",
    allowed: ["write", "admin"],
    status: 201,
    call: (api) => api.post("/workflows", mockTemplate()),
  },
  {
    name: "POST /workflows (a step's runner override runs a command)",
    allowed: ["admin"],
    status: 201,
    call: (api) =>
      api.post("/workflows", {
        name: uniqueName("wf"),
        steps: [{ id: "a", agent: "TestAgent", runner: { kind: "command", settings: { command: "true" } } }],
      }),
  },
  {
    name: "POST /workflows/{id}/execute",
    allowed: ["run", "admin"],
    status: 201,
    call: async (api) => {
      const wf = await admin.post<{ id: string }>("/workflows", mockTemplate());
      return api.post(`/workflows/${wf.body.id}/execute`, {});
    },
  },
  {
    name: "POST /workflow-runs/{id}/cancel (an unknown run: 404 once allowed)",
    allowed: ["run", "admin"],
    status: 404,
    call: (api) => api.post("/workflow-runs/no-such-run/cancel"),
  },
  {
    name: "DELETE /workflows/{id}",
    allowed: ["write", "admin"],
    status: 200,
    call: async (api) => {
      const wf = await admin.post<{ id: string }>("/workflows", mockTemplate());
      return api.delete(`/workflows/${wf.body.id}`);
    },
  },
  {
    name: "DELETE /agents/{id}",
    allowed: ["write", "admin"],
    status: 200,
    call: async (api) => {
      const agent = await admin.post<{ id: string }>("/agents", agentBody({ name: uniqueName("Gone") }));
      return api.delete(`/agents/${agent.body.id}`);
    },
  },
  {
    name: "GET /patterns",
    allowed: ["read", "write", "run", "admin"],
    status: 200,
    call: (api) => api.get("/patterns"),
  },
  {
    name: "GET /workflow-runs",
    allowed: ["read", "write", "run", "admin"],
    status: 200,
    call: (api) => api.get("/workflow-runs"),
  },
  {
    name: "GET /executions/graph",
    allowed: ["read", "write", "run", "admin"],
    status: 200,
    call: (api) => api.get("/executions/graph"),
  },
  { name: "GET /tokens", allowed: ["admin"], status: 200, call: (api) => api.get("/tokens") },
  {
    name: "POST /tokens",
    allowed: ["admin"],
    status: 201,
    call: (api) => api.post("/tokens", { name: uniqueName("tok"), scopes: ["read"] }),
  },
  { name: "GET /audit", allowed: ["admin"], status: 200, call: (api) => api.get("/audit") },
];

describe("with BATON_AUTH=on", () => {
  test.each(cases)("$name: the scopes that may, and 403 FORBIDDEN for the others", async (c) => {
    for (const scope of SCOPES) {
      const res = await c.call(as(scope));
      if (c.allowed.includes(scope)) expect([scope, res.status], res.text).toEqual([scope, c.status]);
      else {
        expect([scope, res.status]).toEqual([scope, 403]);
        expect((res.body as { error: { code: string; message: string } }).error).toMatchObject({
          code: "FORBIDDEN",
          message: expect.stringMatching(
            new RegExp(`needs a token with the ${c.allowed[0]}( or \\w+)* scope; 't-${scope}' has`),
          ),
        });
      }
    }
  });

  test("a refused write changes nothing: no agent, template or token appears", async () => {
    const before = await Promise.all([
      server.db.prisma.agent.count(),
      server.db.prisma.workflowTemplate.count(),
      server.db.prisma.apiToken.count(),
      server.db.prisma.workflowRun.count(),
    ]);
    const read = as("read");
    const name = uniqueName("Nope");
    expect((await read.post("/agents", agentBody({ name }))).status).toBe(403);
    expect((await read.post("/workflows", mockTemplate())).status).toBe(403);
    expect((await read.post("/tokens", { name, scopes: ["admin"] })).status).toBe(403);
    expect((await as("write").post("/workflows/test-parallel/execute", {})).status).toBe(403);
    const after = await Promise.all([
      server.db.prisma.agent.count(),
      server.db.prisma.workflowTemplate.count(),
      server.db.prisma.apiToken.count(),
      server.db.prisma.workflowRun.count(),
    ]);
    expect(after).toEqual(before);
  });

  test("no token, a malformed header, an unknown, revoked or expired token: 401 on every API path", async () => {
    const expired = await createToken(server.db, { name: "old", scopes: ["admin"] });
    await server.db.prisma.apiToken.update({
      where: { id: expired.token.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const revoked = await admin.post<{ token: { id: string }; secret: string }>("/tokens", {
      name: "gone",
      scopes: ["admin"],
    });
    expect((await admin.delete(`/tokens/${revoked.body.token.id}`)).status).toBe(200);

    const callers: [string, Record<string, string>][] = [
      ["none", {}],
      ["malformed", { authorization: `Basic ${secrets.admin}` }],
      ["unknown", { authorization: "Bearer baton_notatokenatallnotatokenatall" }],
      ["revoked", { authorization: `Bearer ${revoked.body.secret}` }],
      ["expired", { authorization: `Bearer ${expired.secret}` }],
    ];
    for (const [who, headers] of callers) {
      const api = rest(server.url, headers);
      for (const [method, path] of [
        ["GET", "/agents"],
        ["GET", "/executions/timeline"],
        ["POST", "/executions"],
        ["GET", "/tokens"],
      ] as const) {
        const res = await api.request(
          method,
          path,
          method === "POST" ? { agent_name: "X", status: "success" } : undefined,
        );
        expect([who, path, res.status]).toEqual([who, path, 401]);
        expect(res.headers.get("www-authenticate")).toBe('Bearer realm="baton"');
        expect((res.body as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
      }
      const graphql = await gqlResult(server.url, "{ agents { totalCount } }", undefined, headers);
      expect([who, graphql.status]).toEqual([who, 401]);
    }
    // What needs no token: the health probe, the OpenAPI document, GraphiQL's page, who-am-I.
    const anonymous = rest(server.url);
    expect((await anonymous.get("/health")).status).toBe(200);
    expect((await anonymous.get("/openapi.json")).status).toBe(200);
    expect((await anonymous.get("/auth/session")).body).toEqual({
      authentication: true,
      authenticated: false,
      actor: null,
      scopes: [],
    });
    const graphiql = await fetch(`${server.url}/graphql`, { headers: { accept: "text/html" } });
    expect([graphiql.status, (await graphiql.text()).includes("GraphiQL")]).toEqual([200, true]);
  });

  test("GraphQL: a query needs read, a mutation its scope (FORBIDDEN in the errors, nothing written)", async () => {
    const read = { authorization: `Bearer ${secrets.read}` };
    const q = await gqlResult<{ viewer: { actor: string; scopes: string[]; authentication: boolean } }>(
      server.url,
      "{ viewer { actor scopes authentication } }",
      undefined,
      read,
    );
    expect(q.data?.viewer).toEqual({ actor: "t-read", scopes: ["READ"], authentication: true });
    const name = uniqueName("G");
    const m = await gqlResult(
      server.url,
      "mutation($name: String!) { createAgent(input: { name: $name }) { __typename } }",
      { name },
      read,
    );
    expect(m.data).toBeNull();
    expect(m.errors?.[0]).toMatchObject({
      message: "createAgent needs a token with the write scope; 't-read' has read",
      extensions: { code: "FORBIDDEN" },
    });
    expect(await server.db.prisma.agent.count({ where: { name } })).toBe(0);
    const viewerAdmin = await gqlResult<{ viewer: { scopes: string[] } }>(
      server.url,
      "{ viewer { scopes } }",
      undefined,
      { authorization: `Bearer ${secrets.admin}` },
    );
    expect(viewerAdmin.data?.viewer.scopes).toEqual(["READ", "WRITE", "RUN", "ADMIN"]);
  });

  test("the audit log names the token (never its secret), the operation, the request and the outcome", async () => {
    const write = as("write");
    const name = uniqueName("Audited");
    const created = await write.post<{ id: string }>("/agents", agentBody({ name }));
    expect(created.status).toBe(201);
    expect((await write.delete("/executions/nope")).status).toBe(403);
    const log = await admin.get<{ entries: Record<string, unknown>[]; total: number }>("/audit", {
      token: (await server.db.prisma.apiToken.findFirstOrThrow({ where: { name: "t-write" } })).id,
      limit: 500,
    });
    expect(log.status).toBe(200);
    const mine = log.body.entries.filter((e) => e.target === created.body.id || e.target === "nope");
    expect(mine.map((e) => [e.actor, e.via, e.operation, e.request, e.outcome, e.target])).toEqual([
      ["t-write", "rest", "deleteExecution", "DELETE /executions/nope", "FORBIDDEN", "nope"],
      ["t-write", "rest", "createAgent", "POST /agents", "ok", created.body.id],
    ]);
    const everything = JSON.stringify((await admin.get("/audit", { limit: 500 })).body);
    const tokens = JSON.stringify((await admin.get("/tokens", { include_revoked: "true" })).body);
    for (const secret of Object.values(secrets)) {
      expect(everything).not.toContain(secret);
      expect(tokens).not.toContain(secret);
    }
    expect(tokens).not.toContain("secret_hash");
  });

  test("a token is stored as its SHA-256 only, shown once, and records when it was last used", async () => {
    const res = await admin.post<{
      token: { id: string; prefix: string; scopes: string[]; last_used_at: null };
      secret: string;
    }>("/tokens", { name: "ci", scopes: ["read", "run"] });
    expect(res.status).toBe(201);
    const { token, secret } = res.body;
    expect(secret).toMatch(/^baton_[A-Za-z0-9_-]{32}$/);
    expect(token).toMatchObject({ prefix: secret.slice(0, 12), scopes: ["read", "run"], last_used_at: null });
    const row = await server.db.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    const { createHash } = await import("node:crypto");
    expect(row.secretHash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(secret);
    // Listed later without its secret.
    const listed = await admin.get<{ tokens: Record<string, unknown>[] }>("/tokens");
    expect(Object.keys(listed.body.tokens.find((t) => t.id === token.id) ?? {}).sort()).toEqual([
      "active",
      "created_at",
      "expires_at",
      "id",
      "last_used_at",
      "name",
      "prefix",
      "revoked_at",
      "scopes",
    ]);
    expect((await rest(server.url, { authorization: `Bearer ${secret}` }).get("/agents")).status).toBe(200);
    await expect
      .poll(async () => (await server.db.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt)
      .not.toBeNull();
  });

  test("bad token input is a 400 naming the field, and nothing is created", async () => {
    const before = await server.db.prisma.apiToken.count();
    const cases: [unknown, string][] = [
      [{ name: "", scopes: ["read"] }, "name"],
      [{ name: "x", scopes: [] }, "scopes"],
      [{ name: "x", scopes: ["root"] }, "scopes[0]"],
      [{ name: "x", scopes: ["read"], expires_at: "2001-01-01T00:00:00Z" }, "expires_at"],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post<{ error: { code: string; field: string } }>("/tokens", body);
      expect([res.status, res.body.error.code, res.body.error.field]).toEqual([400, "VALIDATION_FAILED", field]);
    }
    expect(await server.db.prisma.apiToken.count()).toBe(before);
  });
});
