// Issue 15 §1: GET /agents, GET /agents/{id} and GET /patterns answer from the registry's read model
// (server/modules/agent/registry.read.ts). Their bodies must be byte for byte what executing the
// route's GraphQL operation answers (the path they replaced), for every filter, page and error —
// and a write made behind the server's back (plain SQL) is seen by the next read.
import { sql } from "../../server/sql.js";
import type { Context } from "../../server/graphql/context.js";
import { schema } from "../../server/graphql/schema.js";
import { buildOperation } from "../../server/rest/operations.js";
import { restSchema } from "../../server/rest/rest-schema.js";
import { type RestRoute, routes } from "../../server/rest/routes.js";
import { LOCAL } from "../../server/security/scopes.js";
import { agentBody, uniqueName, uniqueToken } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";

const shim = restSchema(schema);
const route = (path: string) => routes.find((r) => r.method === "GET" && r.path === path) as RestRoute;

/** What the route answered before the read model: its GraphQL operation, formatted as handler.ts does. */
async function viaGraphql(path: string, variables: Record<string, unknown>, ctx: Context) {
  const { serialise: _, ...plain } = route(path);
  const op = buildOperation(shim, plain);
  const coerced = op.coerce(variables);
  if (coerced.errors) throw coerced.errors[0];
  const result = await op.run(variables, ctx);
  if (result.errors?.length) {
    const e = result.errors[0]?.originalError as { code?: string; message: string; field?: string | null };
    return { status: "error", code: e.code, message: e.message, field: e.field ?? null };
  }
  const value = (result.data as { result: Record<string, unknown> }).result;
  if (plain.connection)
    return {
      agents: value.nodes,
      total: value.total,
      limit: variables.first ?? 50,
      offset: variables.offset ?? 0,
    };
  if (Array.isArray(value)) return { [plain.field]: value };
  const { __typename: _t, ...rest } = value;
  return rest;
}

/** The same request through the read model. */
async function viaModel(path: string, variables: Record<string, unknown>, ctx: Context) {
  const op = buildOperation(shim, route(path));
  const coerced = op.coerce(variables);
  if (coerced.errors) throw coerced.errors[0];
  try {
    return JSON.parse(await (route(path).serialise as NonNullable<RestRoute["serialise"]>)(ctx, coerced.coerced));
  } catch (e) {
    const err = e as { code?: string; message: string; field?: string | null };
    return { status: "error", code: err.code, message: err.message, field: err.field ?? null };
  }
}

describe("registry reads from the read model", () => {
  let ctx: Context;
  const cap = uniqueToken("cap");
  const names: string[] = [];

  test("every filter, page and error answers as the GraphQL operation did", async ({ server, api }) => {
    ctx = { db: server.db, auth: LOCAL, origin: { via: "rest" } } as unknown as Context;
    // Agents of every shape: lists, patterns in any case, contracts, an open circuit.
    for (let i = 0; i < 7; i++) {
      const name = uniqueName(i % 2 ? "Zeta" : "alpha");
      names.push(name);
      const body = agentBody({
        name,
        description: i === 3 ? "Reviews 100% of the diffs_here" : `Agent number ${i} WITH Mixed Case`,
        capabilities: i < 4 ? [cap, `other-${i}`] : [`solo-${i}`],
        tools: i === 5 ? ["Biome", "tsc"] : [],
        coordinationPatterns: i % 3 === 0 ? ["sequential", "PARALLEL"] : ["hierarchical"],
      });
      if (i === 2) body.runner = { kind: "mock", settings: {} };
      if (i === 4) body.input_schema = { type: "object", properties: { path: { type: "string" } } };
      const created = await api.post<{ id: string }>("/agents", body);
      expect(created.status).toBe(201);
      if (i === 6) expect((await api.post(`/agents/${created.body.id}/circuit/open`, {})).status).toBe(200);
    }
    const cases: [string, Record<string, unknown>][] = [
      ["/agents", {}],
      ["/agents", { first: 3 }],
      ["/agents", { first: 2, offset: 3 }],
      ["/agents", { first: 200, offset: 1000 }],
      ["/agents", { capability: cap }],
      ["/agents", { capability: ` ${cap} ` }],
      ["/agents", { capability: "nope" }],
      ["/agents", { pattern: "Parallel" }],
      ["/agents", { pattern: "hierarchical", capability: cap }],
      ["/agents", { pattern: "nope" }],
      ["/agents", { q: "mixed case" }],
      ["/agents", { q: "BIOME" }],
      ["/agents", { q: "100%" }],
      ["/agents", { q: "diffs_here" }],
      ["/agents", { q: "ZETA" }],
      ["/agents", { q: "x".repeat(201) }],
      ["/agents", { first: 0 }],
      ["/agents", { first: 201 }],
      ["/agents", { offset: -1 }],
      ["/agents", { pattern: "nope", first: 0 }],
      ["/agents/{id}", { id: names[0] }],
      ["/agents/{id}", { id: names[6] }],
      ["/agents/{id}", { id: "no-such-agent" }],
      ["/patterns", {}],
    ];
    for (const [path, variables] of cases) {
      const want = await viaGraphql(path, variables, ctx);
      const got = await viaModel(path, variables, ctx);
      expect(JSON.stringify(got), `${path} ${JSON.stringify(variables)}`).toBe(JSON.stringify(want));
    }
    // By id as well as by name.
    const byName = await api.get<{ id: string }>(`/agents/${names[1]}`);
    const byId = await api.get<{ name: string }>(`/agents/${byName.body.id}`);
    expect(byId.body.name).toBe(names[1]);
  });

  test("a write made in plain SQL, behind the server's back, is what the next read answers", async ({
    server,
    api,
  }) => {
    const name = uniqueName("Behind");
    const created = await api.post<{ id: string }>(
      "/agents",
      agentBody({ name, description: "before", tools: ["Read"] }),
    );
    expect((await api.get<{ description: string }>(`/agents/${name}`)).body.description).toBe("before");
    await server.db.sql.write([sql`UPDATE "Agent" SET "description" = 'after' WHERE "id" = ${created.body.id}`]);
    expect((await api.get<{ description: string }>(`/agents/${name}`)).body.description).toBe("after");
    await server.db.sql.write([
      sql`INSERT INTO "AgentTool" ("agentId", "name", "position") VALUES (${created.body.id}, 'sqltool', 99)`,
    ]);
    const listed = await api.get<{ agents: { name: string; tools: string[] }[]; total: number }>("/agents", {
      q: "sqltool",
    });
    expect(listed.body.agents.map((a) => [a.name, a.tools])).toEqual([[name, ["Read", "sqltool"]]]);
    await server.db.sql.write([sql`DELETE FROM "Agent" WHERE "id" = ${created.body.id}`]);
    expect((await api.get(`/agents/${name}`)).status).toBe(404);
    const patterns = await api.get<{ patterns: { slug: string }[] }>("/patterns");
    await server.db.sql.write([
      sql`UPDATE "CoordinationPattern" SET "whenToUse" = 'rewritten' WHERE "slug" = 'parallel'`,
    ]);
    const after = await api.get<{ patterns: { slug: string; when_to_use: string }[] }>("/patterns");
    expect(after.body.patterns.map((p) => p.slug)).toEqual(patterns.body.patterns.map((p) => p.slug));
    expect(after.body.patterns.find((p) => p.slug === "parallel")?.when_to_use).toBe("rewritten");
  });
});
