// The agent registry through GraphQL: the same behaviour as REST, in camelCase and result unions.
// Agents made here carry capabilities or tokens unique to the test, so expected lists are exact.
import { type AgentInput, agentInput, uniqueName, uniqueToken } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import {
  AGENT_FIELDS,
  ERROR_FIELDS,
  type GqlAgent,
  type GqlError,
  type GraphQLClient as GraphQL,
} from "../testkit/graphql.js";

interface AgentList {
  __typename: "AgentList";
  agents: { name: string; coordinationPatterns: string[] }[];
  total: number;
  limit: number;
  offset: number;
}

const CREATE = `mutation Create($input: CreateAgentInput!) {
  createAgent(input: $input) { __typename ... on Agent { ${AGENT_FIELDS} } ${ERROR_FIELDS} }
}`;
const GET = `query Get($id: String!) {
  agent(id: $id) { __typename ... on Agent { ${AGENT_FIELDS} } ${ERROR_FIELDS} }
}`;
const LIST = `query List($capability: String, $pattern: String, $q: String, $limit: Int, $offset: Int) {
  agents(capability: $capability, pattern: $pattern, q: $q, limit: $limit, offset: $offset) {
    __typename ... on AgentList { agents { name coordinationPatterns } total limit offset } ${ERROR_FIELDS}
  }
}`;
const UPDATE = `mutation Update($id: String!, $input: UpdateAgentInput!) {
  updateAgent(id: $id, input: $input) { __typename ... on Agent { ${AGENT_FIELDS} } ${ERROR_FIELDS} }
}`;
const DELETE = `mutation Delete($id: String!) {
  deleteAgent(id: $id) { __typename ... on DeletedAgent { id name } ${ERROR_FIELDS} }
}`;

async function register(graphql: GraphQL, input: AgentInput): Promise<GqlAgent> {
  const { createAgent } = await graphql.query<{ createAgent: GqlAgent | GqlError }>(CREATE, { input });
  expect(createAgent.__typename).toBe("Agent");
  return createAgent as GqlAgent;
}

async function list(graphql: GraphQL, filter: Record<string, unknown>): Promise<AgentList> {
  const { agents } = await graphql.query<{ agents: AgentList | GqlError }>(LIST, filter);
  expect(agents.__typename).toBe("AgentList");
  return agents as AgentList;
}

const names = (l: AgentList) => l.agents.map((a) => a.name);
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
      runner: { kind: "http", settings: { url: "https://example.test/run", timeout_ms: 5000 } },
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
      runner: { kind: "http", settings: { url: "https://example.test/run", timeout_ms: 5000 } },
      retryPolicy: { maxRetries: 2, backoff: "exponential", initialDelayMs: 1000, maxDelayMs: 30_000 },
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

    const all = await list(graphql, { limit: 200 });

    expect(all.total).toBe(all.agents.length);
    expect(names(all)).toEqual([...names(all)].sort(byName));
    expect(names(all)).toEqual(expect.arrayContaining([created.name, "BuildAgent", "TestAgent"]));
    expect((await list(graphql, {})).limit).toBe(50);
  });

  test("filters by capability", async ({ graphql }) => {
    const cap = uniqueToken();
    const p = uniqueName("Cap");
    await register(graphql, agentInput({ name: `${p}_b`, capabilities: [cap] }));
    await register(graphql, agentInput({ name: `${p}_a`, capabilities: ["other", cap] }));
    await register(graphql, agentInput({ name: `${p}_c` }));

    const found = await list(graphql, { capability: cap });

    expect(names(found)).toEqual([`${p}_a`, `${p}_b`]);
    expect(found.total).toBe(2);
  });

  test("filters by pattern, given in any case", async ({ graphql }) => {
    await register(graphql, agentInput({ coordinationPatterns: ["parallel"] }));
    const all = await list(graphql, { limit: 200 });
    const expected = all.agents.filter((a) => a.coordinationPatterns.includes("parallel")).map((a) => a.name);

    const found = await list(graphql, { pattern: "PARALLEL", limit: 200 });

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
    expect(found.total).toBe(1);
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
    expect(found.total).toBe(4);
  });

  test("pages with limit and offset; total counts every match", async ({ graphql }) => {
    const cap = uniqueToken();
    const p = uniqueName("Page");
    const all = ["c", "a", "b"].map((s) => `${p}_${s}`);
    for (const name of all) await register(graphql, agentInput({ name, capabilities: [cap] }));
    const sorted = [...all].sort(byName);

    const first = await list(graphql, { capability: cap, limit: 2, offset: 0 });
    const second = await list(graphql, { capability: cap, limit: 2, offset: 2 });

    expect(first).toEqual({
      __typename: "AgentList",
      agents: sorted.slice(0, 2).map((name) => ({ name, coordinationPatterns: ["sequential"] })),
      total: 3,
      limit: 2,
      offset: 0,
    });
    expect(names(second)).toEqual(sorted.slice(2));
    expect(second.total).toBe(3);
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
  test("returns the deleted id and name; the agent is NotFound afterwards", async ({ graphql }) => {
    const created = await register(graphql, agentInput());

    const { deleteAgent } = await graphql.query<{ deleteAgent: unknown }>(DELETE, { id: created.id });

    expect(deleteAgent).toEqual({ __typename: "DeletedAgent", id: created.id, name: created.name });
    const { agent } = await graphql.query<{ agent: GqlError }>(GET, { id: created.id });
    expect(agent).toEqual({
      __typename: "NotFoundError",
      code: "NOT_FOUND",
      message: `Agent '${created.id}' was not found`,
      field: "id",
    });
  });
});
