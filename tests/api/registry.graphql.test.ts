// The agent registry through GraphQL: the same behaviour as REST, in camelCase, mutations answering
// result unions, queries answering the object (or null with a NOT_FOUND error) and connections.
// Agents made here carry capabilities or tokens unique to the test, so expected lists are exact.
import { type AgentInput, agentInput, uniqueName, uniqueToken } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import {
  AGENT_FIELDS,
  type Connection,
  ERROR_FIELDS,
  errorsOf,
  type GqlAgent,
  type GqlError,
  type GraphQLClient as GraphQL,
  PAGE_INFO,
} from "../testkit/graphql.js";

type AgentList = Required<
  Pick<Connection<{ name: string; coordinationPatterns: string[] }>, "nodes" | "totalCount" | "pageInfo">
>;

const CREATE = `mutation Create($input: CreateAgentInput!) {
  createAgent(input: $input) { __typename ... on Agent { ${AGENT_FIELDS} } ${ERROR_FIELDS} }
}`;
const GET = `query Get($id: ID!) {
  agent(id: $id) { __typename ${AGENT_FIELDS} }
}`;
const LIST = `query List($capability: String, $pattern: String, $q: String, $first: Int, $offset: Int) {
  agents(capability: $capability, pattern: $pattern, q: $q, first: $first, offset: $offset) {
    nodes { name coordinationPatterns } totalCount ${PAGE_INFO}
  }
}`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateAgentInput!) {
  updateAgent(id: $id, input: $input) { __typename ... on Agent { ${AGENT_FIELDS} } ${ERROR_FIELDS} }
}`;
const DELETE = `mutation Delete($id: ID!) {
  deleteAgent(id: $id) { __typename ... on DeletedAgent { id name } ${ERROR_FIELDS} }
}`;

async function register(graphql: GraphQL, input: AgentInput): Promise<GqlAgent> {
  const { createAgent } = await graphql.query<{ createAgent: GqlAgent | GqlError }>(CREATE, { input });
  expect(createAgent.__typename).toBe("Agent");
  return createAgent as GqlAgent;
}

async function list(graphql: GraphQL, filter: Record<string, unknown>): Promise<AgentList> {
  return (await graphql.query<{ agents: AgentList }>(LIST, filter)).agents;
}

const names = (l: AgentList) => l.nodes.map((a) => a.name);
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe("createAgent", () => {
  test("returns the stored Agent with the defaults filled in", async ({ graphql }) => {
    const name = uniqueName();
    const cap = uniqueToken();

    const agent = await register(graphql, {
      name,
      description: "Checks links.",
      capabilities: [cap],
      tools: ["WebFetch"],
      coordinationPatterns: ["Hierarchical"],
      runner: { kind: "HTTP", settings: { url: "https://example.test/run", timeout_ms: 5000 } },
    });

    const { id, createdAt, updatedAt, ...rest } = agent;
    expect(id).toMatch(/^\w{10,}$/);
    expect(Number.isNaN(Date.parse(createdAt))).toBe(false);
    expect(Number.isNaN(Date.parse(updatedAt))).toBe(false);
    expect(rest).toEqual({
      __typename: "Agent",
      name,
      description: "Checks links.",
      capabilities: [cap],
      tools: ["WebFetch"],
      coordinationPatterns: ["hierarchical"],
      runner: { kind: "HTTP", settings: { url: "https://example.test/run", timeout_ms: 5000 } },
      retryPolicy: { maxRetries: 2, backoff: "EXPONENTIAL", initialDelayMs: 1000, maxDelayMs: 30_000 },
      circuitBreaker: { failureThreshold: 5, cooldownMs: 60_000 },
    });
  });
});

describe("agent(id)", () => {
  test("finds an agent by id and by name", async ({ graphql }) => {
    const created = await register(graphql, agentInput());

    const byId = await graphql.query<{ agent: GqlAgent }>(GET, { id: created.id });
    const byItsName = await graphql.query<{ agent: GqlAgent }>(GET, { id: created.name });

    expect(byId.agent).toEqual(created);
    expect(byItsName.agent).toEqual(created);
  });
});

describe("agents", () => {
  test("lists every agent ordered by name, seeded ones included", async ({ graphql }) => {
    const created = await register(graphql, agentInput());

    const all = await list(graphql, { first: 200 });

    expect(all.totalCount).toBe(all.nodes.length);
    expect(all.pageInfo.hasNextPage).toBe(false);
    expect(names(all)).toEqual([...names(all)].sort(byName));
    expect(names(all)).toEqual(expect.arrayContaining([created.name, "BuildAgent", "TestAgent"]));
  });

  test("without first, a page holds 50 agents", async ({ graphql }) => {
    const before = (await list(graphql, { first: 1 })).totalCount;
    for (let i = before; i < 51; i++) await register(graphql, agentInput({ name: uniqueName("Fifty") }));
    const all = await list(graphql, { first: 200 });
    expect(all.totalCount).toBeGreaterThan(50);

    const page = await list(graphql, {});

    expect(names(page)).toEqual(names(all).slice(0, 50));
    expect([page.totalCount, page.pageInfo.hasNextPage, page.pageInfo.hasPreviousPage]).toEqual([
      all.totalCount,
      true,
      false,
    ]);
  });

  test("filters by capability", async ({ graphql }) => {
    const cap = uniqueToken();
    const p = uniqueName("Cap");
    await register(graphql, agentInput({ name: `${p}_b`, capabilities: [cap] }));
    await register(graphql, agentInput({ name: `${p}_a`, capabilities: ["other", cap] }));
    await register(graphql, agentInput({ name: `${p}_c` }));

    const found = await list(graphql, { capability: cap });

    expect(names(found)).toEqual([`${p}_a`, `${p}_b`]);
    expect(found.totalCount).toBe(2);
  });

  test("filters by pattern, given in any case", async ({ graphql }) => {
    await register(graphql, agentInput({ coordinationPatterns: ["parallel"] }));
    const all = await list(graphql, { first: 200 });
    const expected = all.nodes.filter((a) => a.coordinationPatterns.includes("parallel")).map((a) => a.name);

    const found = await list(graphql, { pattern: "PARALLEL", first: 200 });

    expect(names(found)).toEqual(expected);
    expect(names(found)).toEqual(expect.arrayContaining(["ReviewAgent", "TestAgent"]));
    expect(names(found)).not.toContain("CodeAgent");
  });

  test("combines capability and pattern", async ({ graphql }) => {
    const cap = uniqueToken();
    const p = uniqueName("Both");
    await register(graphql, agentInput({ name: `${p}_a`, capabilities: [cap], coordinationPatterns: ["sequential"] }));
    await register(
      graphql,
      agentInput({ name: `${p}_b`, capabilities: [cap], coordinationPatterns: ["hierarchical"] }),
    );
    await register(
      graphql,
      agentInput({ name: `${p}_c`, capabilities: ["x"], coordinationPatterns: ["hierarchical"] }),
    );

    const found = await list(graphql, { capability: cap, pattern: "hierarchical" });

    expect(names(found)).toEqual([`${p}_b`]);
    expect(found.totalCount).toBe(1);
  });

  test("searches name, description, capabilities and tools, case-insensitively", async ({ graphql }) => {
    const word = `zq${uniqueToken("w").replace(/-/g, "")}`;
    const p = uniqueName("Q");
    await register(graphql, agentInput({ name: `${p}_a`, tools: [word.toUpperCase()] }));
    await register(graphql, agentInput({ name: `${p}_b`, capabilities: [`x-${word}`] }));
    await register(graphql, agentInput({ name: `${p}_c`, description: `About ${word}.` }));
    await register(graphql, agentInput({ name: `${p}_d_${word.toUpperCase()}` }));
    await register(graphql, agentInput({ name: `${p}_e` }));

    const found = await list(graphql, { q: ` ${word} ` });

    expect(names(found)).toEqual([`${p}_a`, `${p}_b`, `${p}_c`, `${p}_d_${word.toUpperCase()}`]);
    expect(found.totalCount).toBe(4);
  });

  test("pages with first and offset; totalCount counts every match", async ({ graphql }) => {
    const cap = uniqueToken();
    const p = uniqueName("Page");
    const all = ["c", "a", "b"].map((s) => `${p}_${s}`);
    for (const name of all) await register(graphql, agentInput({ name, capabilities: [cap] }));
    const sorted = [...all].sort(byName);

    const first = await list(graphql, { capability: cap, first: 2, offset: 0 });
    const second = await list(graphql, { capability: cap, first: 2, offset: 2 });

    expect(first).toEqual({
      nodes: sorted.slice(0, 2).map((name) => ({ name, coordinationPatterns: ["sequential"] })),
      totalCount: 3,
      pageInfo: {
        hasNextPage: true,
        hasPreviousPage: false,
        startCursor: expect.any(String),
        endCursor: expect.any(String),
      },
    });
    expect(names(second)).toEqual(sorted.slice(2));
    expect(second.totalCount).toBe(3);
    expect(second.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: expect.any(String),
      endCursor: second.pageInfo.startCursor,
    });
  });
});

describe("updateAgent", () => {
  test("replaces the lists given and keeps every other field", async ({ graphql }) => {
    const created = await register(
      graphql,
      agentInput({ capabilities: ["a", "b"], tools: ["Read", "Grep"], coordinationPatterns: ["sequential"] }),
    );

    const { updateAgent } = await graphql.query<{ updateAgent: GqlAgent }>(UPDATE, {
      id: created.name,
      input: { tools: ["Edit"], coordinationPatterns: ["parallel", "Sequential"], circuitBreaker: { cooldownMs: 5 } },
    });

    expect(updateAgent).toEqual({
      ...created,
      tools: ["Edit"],
      coordinationPatterns: ["parallel", "sequential"],
      circuitBreaker: { failureThreshold: 5, cooldownMs: 5 },
      updatedAt: updateAgent.updatedAt,
    });
    expect((await graphql.query<{ agent: GqlAgent }>(GET, { id: created.id })).agent).toEqual(updateAgent);
  });
});

describe("deleteAgent", () => {
  test("returns the deleted id and name; the agent is NOT_FOUND afterwards", async ({ graphql }) => {
    const created = await register(graphql, agentInput());

    const { deleteAgent } = await graphql.query<{ deleteAgent: unknown }>(DELETE, { id: created.id });

    expect(deleteAgent).toEqual({ __typename: "DeletedAgent", id: created.id, name: created.name });
    const res = await graphql.result<{ agent: GqlAgent | null }>(GET, { id: created.id });
    expect(res.data).toEqual({ agent: null });
    expect(errorsOf(res)).toEqual([
      {
        message: `Agent '${created.id}' was not found`,
        path: ["agent"],
        extensions: { code: "NOT_FOUND", field: "id" },
      },
    ]);
  });
});
