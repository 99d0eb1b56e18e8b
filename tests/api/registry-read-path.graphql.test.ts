// Issue 15 §1: GraphQL queries that select only registry fields (agents, agent, patterns, pattern and
// what lies beneath them) answer from the registry's read model (server/modules/agent/
// registry.graphql.ts) without Prisma. Each answer must be byte for byte what the Pothos resolvers
// answer: the reference is the same document with one extra field the read path does not serve,
// skipped (`__schema @skip(if: true)`), which sends the operation down the Pothos path without
// changing what it answers. Limits, authentication and CSRF apply to these queries as to any other.
import { parse } from "graphql";
import { sql } from "../../server/sql.js";
import { openDatabase } from "../../server/db.js";
import { createToken } from "../../server/security/tokens.js";
import { type BatonProcess, spawnBaton } from "../testkit/baton-process.js";
import { agentBody, uniqueName, uniqueToken } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { gqlResult } from "../testkit/graphql.js";
import { createTestDatabase, startTestServer, type TestServer } from "../testkit/server.js";
import { subscribe } from "../testkit/subscriptions.js";

const AGENT = `id name description capabilities tools coordinationPatterns
  runner { kind settings } retryPolicy { maxRetries backoff initialDelayMs maxDelayMs }
  circuitBreaker { failureThreshold cooldownMs } alertPolicy { failures windowMs }
  inputSchema outputSchema circuit { state consecutiveFailures openedAt retryAfter } createdAt updatedAt`;
const PAGE = "pageInfo { hasNextPage hasPreviousPage startCursor endCursor }";

/** The document with a skipped field the read path does not serve, added to the end of each query. */
function onPothosPath(query: string): string {
  const ends = parse(query)
    .definitions.flatMap((d) =>
      d.kind === "OperationDefinition" && d.operation === "query" ? [d.selectionSet.loc?.end ?? 0] : [],
    )
    .sort((a, b) => b - a);
  // Inserted before each operation's closing brace, on its line: no other position moves.
  return ends.reduce(
    (q, end) => `${q.slice(0, end - 1)} __schema @skip(if: true) { description }${q.slice(end - 1)}`,
    query,
  );
}

async function post(url: string, query: string, variables?: Record<string, unknown>, headers = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.text() };
}

/** Runs `fn` with the server's Prisma client replaced by one that counts (and refuses) every use. */
async function withoutPrisma<T>(server: TestServer, fn: () => Promise<T>): Promise<{ value: T; prismaUses: number }> {
  const real = server.db.prisma;
  let prismaUses = 0;
  server.db.prisma = new Proxy(real, {
    get(target, key, receiver) {
      prismaUses++;
      return Reflect.get(target, key, receiver);
    },
  });
  try {
    return { value: await fn(), prismaUses };
  } finally {
    server.db.prisma = real;
  }
}

describe("GraphQL registry reads from the read model", () => {
  test("nested selections, aliases, fragments, variables, paging and errors answer as the Pothos resolvers do", async ({
    server,
    api,
  }) => {
    const cap = uniqueToken("rp");
    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      const name = uniqueName(i % 2 ? "Rp-zeta" : "rp-alpha");
      names.push(name);
      const body = agentBody({
        name,
        description: i === 1 ? "Reviews 100% of the diffs_here" : `Read path agent ${i} ÄÖ`,
        capabilities: i < 3 ? [cap, `other-${i}`] : [`solo-${i}`],
        tools: i === 2 ? ["Biome", "tsc"] : [],
        coordinationPatterns: i % 2 === 0 ? ["sequential", "PARALLEL"] : ["hierarchical"],
      });
      if (i === 3)
        body.runner = { kind: "http", settings: { url: "http://127.0.0.1:9/x", headers: { "x-key": "s3" } } };
      if (i === 4) body.output_schema = { type: "object", properties: { ok: { type: "boolean" } } };
      const created = await api.post<{ id: string }>("/agents", body);
      expect(created.status).toBe(201);
      if (i === 4) expect((await api.post(`/agents/${created.body.id}/circuit/open`, {})).status).toBe(200);
    }
    const firstId = (await api.get<{ id: string }>(`/agents/${names[0]}`)).body.id;
    const patterns = await api.get<{ patterns: { id: string }[] }>("/patterns");
    const patternId = patterns.body.patterns[1]?.id;

    const LIST = `query List($capability: String, $pattern: String, $q: String, $first: Int, $offset: Int, $after: String) {
  agents(capability: $capability, pattern: $pattern, q: $q, first: $first, offset: $offset, after: $after) {
    totalCount
    nodes { ${AGENT} }
    edges { cursor node { id name } }
    ${PAGE}
  }
}`;
    const cases: [string, Record<string, unknown>?][] = [
      [LIST, {}],
      [LIST, { capability: cap }],
      [LIST, { capability: cap, first: 2 }],
      [LIST, { capability: cap, first: 2, offset: 2 }],
      [LIST, { capability: cap, first: 1, after: Buffer.from("position:0").toString("base64url") }],
      [LIST, { first: 200, offset: 1000 }],
      [LIST, { pattern: "Parallel", q: "rp-" }],
      [LIST, { pattern: "nope" }],
      [LIST, { q: "READ PATH" }],
      [LIST, { q: "x".repeat(201) }],
      [LIST, { first: 0 }],
      [LIST, { first: 201 }],
      [LIST, { offset: -1 }],
      [LIST, { first: 2, offset: 1, after: "cG9zaXRpb246MA" }],
      [LIST, { after: "not-a-cursor" }],
      [LIST, { pattern: "nope", first: 0 }],
      // Aliases, by id and by name, a missing one (partial data with NOT_FOUND).
      [
        `{
  a: agent(id: "${firstId}") { key: id label: name r: runner { k: kind s: settings } c: circuit { state } }
  b: agent(id: "${names[4]}") { circuit { state consecutiveFailures openedAt retryAfter } outputSchema }
  missing: agent(id: "no-such-agent") { id }
  secret: agent(id: "${names[3]}") { runner { kind settings } }
}`,
      ],
      // Fragments, inline fragments and __typename at every level.
      [
        `fragment AgentBits on Agent { __typename id name retryPolicy { ...on RetryPolicy { backoff maxRetries } } }
query Library {
  __typename
  patterns { __typename ...PatternBits agents { ...AgentBits } }
  one: agents(first: 3, capability: "${cap}") { __typename nodes { ...AgentBits } edges { __typename cursor } }
}
fragment PatternBits on CoordinationPattern { id slug name description whenToUse diagramUrl exampleWorkflowId }`,
      ],
      // Directives with variables; a pattern by id, by key in any case, by name, and a missing one.
      [
        `query Pick($withTools: Boolean!, $skipName: Boolean!) {
  byId: pattern(id: "${patternId}") { slug agents { name tools @include(if: $withTools) } }
  byKey: pattern(id: "HIERARCHICAL") { id name @skip(if: $skipName) }
  byName: pattern(id: "Sequential") { slug }
  nope: pattern(id: "nope") { id }
}`,
        { withTools: true, skipName: false },
      ],
      [`query Two { agent(id: "${names[1]}") { name } } query Other { patterns { slug } }`],
    ];
    for (const [query, variables] of cases) {
      const fast = await withoutPrisma(server, () => post(server.url, query, variables));
      const slow = await withoutPrisma(server, () => post(server.url, onPothosPath(query), variables));
      const label = `${query.slice(0, 60)} ${JSON.stringify(variables ?? {})}`;
      expect(fast.value.body, label).toBe(slow.value.body);
      expect(fast.value.status, label).toBe(slow.value.status);
      // The read path used no Prisma; the reference did whenever it answered data.
      expect(fast.prismaUses, label).toBe(0);
      if ((JSON.parse(slow.value.body) as { data?: unknown }).data != null)
        expect(slow.prismaUses, label).toBeGreaterThan(0);
    }
    // An operation picked by name from a document of two.
    const named = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: cases.at(-1)?.[0], operationName: "Two" }),
    });
    expect(await named.json()).toEqual({ data: { agent: { name: names[1] } } });

    // A `q` the model cannot match as the database would (LIKE wildcards, non-ASCII folding) asks
    // the database which agents match, and still answers what the Pothos path does.
    for (const q of ["100%", "diffs_here", "äö"]) {
      const fast = await post(server.url, LIST, { q });
      const slow = await post(server.url, onPothosPath(LIST), { q });
      expect(fast.body, q).toBe(slow.body);
    }
  });

  test("the answers' values are the stored registry's", async ({ server, graphql }) => {
    const res = await withoutPrisma(server, () =>
      graphql.result<{ patterns: { slug: string; agents: { name: string }[] }[]; agent: { name: string } }>(
        `{ patterns { slug agents { name } } agent(id: "TestAgent") { name capabilities } }`,
      ),
    );
    expect(res.prismaUses).toBe(0);
    const rows = await server.db.sql.all<{ slug: string; name: string }>(
      sql`SELECT p."slug", a."name" FROM "CoordinationPattern" p LEFT JOIN "AgentPattern" ap ON ap."patternSlug" = p."slug"
          LEFT JOIN "Agent" a ON a."id" = ap."agentId" ORDER BY p."position", a."name"`,
    );
    const expected = [...new Set(rows.map((r) => r.slug))].map((slug) => ({
      slug,
      agents: rows.filter((r) => r.slug === slug && r.name !== null).map((r) => ({ name: r.name })),
    }));
    expect(res.value.data?.patterns).toEqual(expected);
    const caps = await server.db.sql.all<{ name: string }>(
      sql`SELECT c."name" FROM "AgentCapability" c JOIN "Agent" a ON a."id" = c."agentId" WHERE a."name" = 'TestAgent' ORDER BY c."position"`,
    );
    expect(res.value.data?.agent).toEqual({ name: "TestAgent", capabilities: caps.map((c) => c.name) });
  });

  test("a registry query over graphql-ws answers as over HTTP, without Prisma", async ({ server }) => {
    const query = `{ agents(first: 3) { totalCount nodes { ${AGENT} } } patterns { slug agents { name } } }`;
    const viaHttp = await post(server.url, query);
    const viaWs = await withoutPrisma(server, async () => {
      const sub = subscribe<unknown>(server.url, query);
      try {
        await expect.poll(() => sub.values.length + sub.errors.length, { timeout: 10_000 }).toBe(1);
        return { values: sub.values, errors: sub.errors };
      } finally {
        await sub.close();
      }
    });
    expect(viaWs.value).toEqual({ values: [JSON.parse(viaHttp.body).data], errors: [] });
    expect(viaWs.prismaUses).toBe(0);
  });

  test("a registry query deeper than the depth limit is refused before it runs", async ({ graphql }) => {
    // Inline fragments count as levels: a registry-only document can pass the limit of 12.
    const nest = (n: number) => `{ patterns { ${"... on CoordinationPattern { ".repeat(n)}slug${" }".repeat(n)} } }`;
    const within = await graphql.result<{ patterns: { slug: string }[] }>(nest(8));
    expect(within.data?.patterns.map((p) => p.slug)).toEqual(["sequential", "parallel", "hierarchical"]);
    const deep = await graphql.result(nest(13));
    expect(deep.data ?? undefined).toBeUndefined();
    expect(deep.errors?.map((e) => e.message)).toEqual([expect.stringMatching(/depth/i)]);
  });

  test("a GET of a registry query without the CSRF header is refused; with it, it answers", async ({ server }) => {
    const url = `${server.url}/graphql?query=${encodeURIComponent('{ agent(id: "TestAgent") { name } }')}`;
    const refused = await fetch(url, { headers: { accept: "application/json" } });
    expect(refused.status).toBe(403);
    const allowed = await fetch(url, { headers: { accept: "application/json", "x-graphql-yoga-csrf": "1" } });
    expect(await allowed.json()).toEqual({ data: { agent: { name: "TestAgent" } } });
    const foreign = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://evil.example" },
      body: JSON.stringify({ query: "{ patterns { slug } }" }),
    });
    expect(foreign.status).toBe(403);
  });
});

describe("GraphQL registry reads with authentication on", () => {
  test("refused without a valid token, answered with one", async () => {
    const server = await startTestServer({ env: { BATON_AUTH: "on" } });
    try {
      const query = '{ agent(id: "TestAgent") { name } patterns { slug } }';
      const none = await post(server.url, query);
      expect(none.status).toBe(401);
      expect(JSON.parse(none.body).error.code).toBe("UNAUTHENTICATED");
      const bad = await post(server.url, query, undefined, { authorization: "Bearer not-a-token" });
      expect(bad.status).toBe(401);
      const { secret } = await createToken(server.db, { name: uniqueName("reader"), scopes: ["read"] });
      const ok = await post(server.url, query, undefined, { authorization: `Bearer ${secret}` });
      expect(JSON.parse(ok.body)).toEqual({
        data: {
          agent: { name: "TestAgent" },
          patterns: [{ slug: "sequential" }, { slug: "parallel" }, { slug: "hierarchical" }],
        },
      });
    } finally {
      await server.stop();
    }
  });
});

describe("GraphQL registry reads across two instances", () => {
  test("a write through one instance, or in plain SQL, is the other's next GraphQL answer", {
    timeout: 180_000,
  }, async () => {
    const database = await createTestDatabase();
    const instances: BatonProcess[] = [];
    const db = await openDatabase(database.url);
    try {
      instances.push(await spawnBaton({ DATABASE_URL: database.url }));
      instances.push(await spawnBaton({ DATABASE_URL: database.url }));
      const [a, b] = instances.map((i) => i.url) as [string, string];
      const name = uniqueName("GqlTwin");
      const read = async (url: string) =>
        (
          await gqlResult<{ agents: { nodes: { id: string; description: string; coordinationPatterns: string[] }[] } }>(
            url,
            `query ($q: String) { agents(q: $q) { nodes { id description coordinationPatterns } } }`,
            { q: name },
          )
        ).data?.agents.nodes;
      // Both read models are warm before the writes.
      expect(await read(a)).toEqual([]);
      expect(await read(b)).toEqual([]);
      const created = await gqlResult<{ createAgent: { id: string } }>(
        b,
        `mutation ($input: CreateAgentInput!) { createAgent(input: $input) { ... on Agent { id } } }`,
        { input: { name, description: "first", coordinationPatterns: ["parallel"] } },
      );
      const id = created.data?.createAgent.id as string;
      expect(await read(a)).toEqual([{ id, description: "first", coordinationPatterns: ["parallel"] }]);
      await gqlResult(
        a,
        `mutation ($id: ID!) { updateAgent(id: $id, input: { description: "second" }) { __typename } }`,
        {
          id,
        },
      );
      expect(await read(b)).toEqual([{ id, description: "second", coordinationPatterns: ["parallel"] }]);
      const agentsOfParallel = async (url: string) =>
        (
          await gqlResult<{ pattern: { agents: { id: string }[] } }>(
            url,
            `{ pattern(id: "parallel") { agents { id } } }`,
          )
        ).data?.pattern.agents.some((x) => x.id === id);
      expect(await agentsOfParallel(a)).toBe(true);
      // No instance wrote these: only the RegistryVersion trigger tells the read models.
      await db.sql.write([sql`UPDATE "Agent" SET "description" = 'third' WHERE "id" = ${id}`]);
      await db.sql.write([sql`DELETE FROM "AgentPattern" WHERE "agentId" = ${id}`]);
      expect(await read(a)).toEqual([{ id, description: "third", coordinationPatterns: [] }]);
      expect(await read(b)).toEqual([{ id, description: "third", coordinationPatterns: [] }]);
      expect(await agentsOfParallel(b)).toBe(false);
      await gqlResult(a, `mutation ($id: ID!) { deleteAgent(id: $id) { __typename } }`, { id });
      const gone = await gqlResult<{ agent: null }>(b, `query ($id: ID!) { agent(id: $id) { id } }`, { id });
      expect(gone.errors?.map((e) => e.extensions?.code)).toEqual(["NOT_FOUND"]);
    } finally {
      await Promise.all(instances.map((i) => i.stop()));
      await db.close();
      await database.drop();
    }
  });
});
