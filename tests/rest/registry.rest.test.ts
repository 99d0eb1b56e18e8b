// The agent registry through REST: register, read, list with filters and paging, update, delete.
// Every agent a test makes carries capabilities or tokens unique to that test, so the seeded
// agents (and other tests) never change the expected lists, which are computed here by hand.
import { agentBody, uniqueName, uniqueToken } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { RestAgent, RestAgentList, RestClient, RestError } from "../testkit/rest.js";

async function register(api: RestClient, body: Record<string, unknown>): Promise<RestAgent> {
  const res = await api.post<RestAgent>("/agents", body);
  expect(res.status).toBe(201);
  return res.body;
}

const names = (list: RestAgentList) => list.agents.map((a) => a.name);
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe("registering an agent", () => {
  test("returns 201 with the agent as stored, defaults filled in", async ({ api }) => {
    const name = uniqueName();
    const cap = uniqueToken();
    const res = await api.post<RestAgent>("/agents", {
      name,
      description: "Runs the linters.",
      capabilities: [cap, "linting"],
      tools: ["eslint", "biome"],
      coordination_patterns: ["Parallel", "SEQUENTIAL"],
      runner: { kind: "command", settings: { command: "npm", args: ["run", "lint"], timeout_ms: 60_000 } },
    });

    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const { id, created_at, updated_at, ...rest } = res.body;
    expect(id).toMatch(/^\w{10,}$/);
    expect(Number.isNaN(Date.parse(created_at))).toBe(false);
    expect(updated_at).toBe(created_at);
    expect(rest).toEqual({
      name,
      description: "Runs the linters.",
      capabilities: [cap, "linting"],
      tools: ["eslint", "biome"],
      coordination_patterns: ["parallel", "sequential"],
      runner: { kind: "command", settings: { command: "npm", args: ["run", "lint"], timeout_ms: 60_000 } },
      retry_policy: { max_retries: 2, backoff: "exponential", initial_delay_ms: 1000, max_delay_ms: 30_000 },
      circuit_breaker: { failure_threshold: 5, cooldown_ms: 60_000 },
      alert_policy: { failures: 3, window_ms: 600_000 },
      input_schema: null,
      output_schema: null,
      circuit: { state: "closed", consecutive_failures: 0, opened_at: null, retry_after: null },
    });
  });

  test("needs only a name", async ({ api }) => {
    const name = uniqueName();
    const res = await api.post<RestAgent>("/agents", { name });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name,
      description: "",
      capabilities: [],
      tools: [],
      coordination_patterns: [],
      runner: { kind: "mock", settings: {} },
    });
  });

  test("keeps the retry policy and circuit breaker given, merged over the defaults", async ({ api }) => {
    const agent = await register(
      api,
      agentBody({ retryPolicy: { maxRetries: 5, backoff: "linear" }, circuitBreaker: { cooldownMs: 1000 } }),
    );

    expect(agent.retry_policy).toEqual({
      max_retries: 5,
      backoff: "linear",
      initial_delay_ms: 1000,
      max_delay_ms: 30_000,
    });
    expect(agent.circuit_breaker).toEqual({ failure_threshold: 5, cooldown_ms: 1000 });
  });
});

describe("reading an agent", () => {
  test("by id and by name return the same agent", async ({ api }) => {
    const created = await register(api, agentBody());

    const byId = await api.get<RestAgent>(`/agents/${created.id}`);
    const byItsName = await api.get<RestAgent>(`/agents/${created.name}`);

    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(created);
    expect(byItsName.status).toBe(200);
    expect(byItsName.body).toEqual(created);
  });

  test("a seeded agent is readable by its name", async ({ api }) => {
    const res = await api.get<RestAgent>("/agents/TestAgent");

    expect(res.status).toBe(200);
    expect(res.body.capabilities).toEqual(["testing", "test-generation", "coverage"]);
    expect(res.body.coordination_patterns).toEqual(["sequential", "parallel", "hierarchical"]);
  });
});

describe("listing agents", () => {
  test("lists everyone ordered by name, with total, default limit 50 and offset 0", async ({ api }) => {
    const created = [await register(api, agentBody()), await register(api, agentBody())];

    const res = await api.get<RestAgentList>("/agents", { limit: 200 });

    expect(res.status).toBe(200);
    expect(res.body.limit).toBe(200);
    expect(res.body.offset).toBe(0);
    expect(res.body.total).toBe(res.body.agents.length);
    expect(names(res.body)).toEqual([...names(res.body)].sort(byName));
    expect(names(res.body)).toEqual(expect.arrayContaining([...created.map((a) => a.name), "TestAgent", "SyncAgent"]));
    const defaults = await api.get<RestAgentList>("/agents");
    expect({ limit: defaults.body.limit, offset: defaults.body.offset }).toEqual({ limit: 50, offset: 0 });
  });

  test("filters by capability, exactly (not by substring)", async ({ api }) => {
    const cap = uniqueToken();
    const p = uniqueName("Cap");
    await register(api, agentBody({ name: `${p}_c`, capabilities: [cap] }));
    await register(api, agentBody({ name: `${p}_a`, capabilities: ["x-other", cap] }));
    await register(api, agentBody({ name: `${p}_b`, capabilities: [`${cap}-more`] }));

    const res = await api.get<RestAgentList>("/agents", { capability: cap });

    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual([`${p}_a`, `${p}_c`]);
    expect(res.body.total).toBe(2);
  });

  test("filters by pattern, given in any case", async ({ api }) => {
    await register(api, agentBody({ coordinationPatterns: ["hierarchical"] }));
    const all = await api.get<RestAgentList>("/agents", { limit: 200 });
    const expected = all.body.agents.filter((a) => a.coordination_patterns.includes("hierarchical")).map((a) => a.name);

    const res = await api.get<RestAgentList>("/agents", { pattern: "Hierarchical", limit: 200 });

    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual(expected);
    expect(res.body.total).toBe(expected.length);
    expect(names(res.body)).toEqual(expect.arrayContaining(["CodeAgent", "DeployAgent", "TestAgent"]));
    expect(names(res.body)).not.toContain("ReviewAgent");
  });

  test("combines capability and pattern (both must match)", async ({ api }) => {
    const cap = uniqueToken();
    const p = uniqueName("Both");
    await register(api, agentBody({ name: `${p}_a`, capabilities: [cap], coordinationPatterns: ["parallel"] }));
    await register(api, agentBody({ name: `${p}_b`, capabilities: [cap], coordinationPatterns: ["sequential"] }));
    await register(
      api,
      agentBody({ name: `${p}_c`, capabilities: [cap], coordinationPatterns: ["sequential", "parallel"] }),
    );
    await register(api, agentBody({ name: `${p}_d`, capabilities: ["x"], coordinationPatterns: ["parallel"] }));

    const res = await api.get<RestAgentList>("/agents", { capability: cap, pattern: "parallel" });

    expect(names(res.body)).toEqual([`${p}_a`, `${p}_c`]);
    expect(res.body.total).toBe(2);
  });

  test("searches name, description, capabilities and tools, case-insensitively", async ({ api }) => {
    const word = `zq${uniqueToken("w").replace(/-/g, "")}`;
    const p = uniqueName("Q");
    await register(api, agentBody({ name: `${p}_a_${word}` }));
    await register(api, agentBody({ name: `${p}_b`, description: `Knows ${word.toUpperCase()} well.` }));
    await register(api, agentBody({ name: `${p}_c`, capabilities: [`${word}-analysis`] }));
    await register(api, agentBody({ name: `${p}_d`, tools: [`Tool${word}`] }));
    await register(api, agentBody({ name: `${p}_e` }));

    const res = await api.get<RestAgentList>("/agents", { q: word.toUpperCase() });

    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual([`${p}_a_${word}`, `${p}_b`, `${p}_c`, `${p}_d`]);
    expect(res.body.total).toBe(4);
  });

  test("search finds seeded agents by a word of their description", async ({ api }) => {
    const res = await api.get<RestAgentList>("/agents", { q: "OPENAPI" });

    expect(names(res.body)).toEqual(["DocsAgent"]);
  });

  test("pages with limit and offset; total counts every match", async ({ api }) => {
    const cap = uniqueToken();
    const p = uniqueName("Page");
    const all = ["e", "b", "d", "a", "c"].map((s) => `${p}_${s}`);
    for (const name of all) await register(api, agentBody({ name, capabilities: [cap] }));
    const sorted = [...all].sort(byName);

    const page = async (limit: number, offset: number) =>
      (await api.get<RestAgentList>("/agents", { capability: cap, limit, offset })).body;

    expect(await page(2, 0)).toMatchObject({ total: 5, limit: 2, offset: 0 });
    expect(names(await page(2, 0))).toEqual(sorted.slice(0, 2));
    expect(names(await page(2, 2))).toEqual(sorted.slice(2, 4));
    expect(names(await page(2, 4))).toEqual(sorted.slice(4));
    expect(await page(2, 10)).toEqual({ agents: [], total: 5, limit: 2, offset: 10 });
  });
});

describe("updating an agent", () => {
  test("PATCH replaces the lists given and keeps every other field", async ({ api }) => {
    const created = await register(
      api,
      agentBody({
        capabilities: ["a", "b"],
        tools: ["Read", "Write"],
        coordinationPatterns: ["sequential", "parallel"],
        retryPolicy: { maxRetries: 4 },
      }),
    );

    const res = await api.patch<RestAgent>(`/agents/${created.id}`, {
      capabilities: ["c"],
      coordination_patterns: ["HIERARCHICAL"],
      retry_policy: { backoff: "fixed" },
    });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...created,
      capabilities: ["c"],
      coordination_patterns: ["hierarchical"],
      retry_policy: { ...created.retry_policy, backoff: "fixed" },
      updated_at: res.body.updated_at,
    });
    expect(Date.parse(res.body.updated_at)).toBeGreaterThanOrEqual(Date.parse(created.updated_at));
    expect((await api.get(`/agents/${created.id}`)).body).toEqual(res.body);
  });

  test("an empty list clears it", async ({ api }) => {
    const created = await register(api, agentBody({ tools: ["Read", "Write"] }));

    const res = await api.patch<RestAgent>(`/agents/${created.name}`, { tools: [] });

    expect(res.status).toBe(200);
    expect(res.body.tools).toEqual([]);
  });

  test("renaming moves the name: the new one resolves, the old one is 404", async ({ api }) => {
    const created = await register(api, agentBody());
    const renamed = uniqueName("Renamed");

    const res = await api.patch<RestAgent>(`/agents/${created.name}`, { name: renamed });

    expect(res.status).toBe(200);
    expect(res.body.id).toBe(created.id);
    expect((await api.get<RestAgent>(`/agents/${renamed}`)).body.id).toBe(created.id);
    expect((await api.get<RestError>(`/agents/${created.name}`)).status).toBe(404);
  });

  test("moving an agent to another capability changes what the filter finds", async ({ api }) => {
    const from = uniqueToken();
    const to = uniqueToken();
    const created = await register(api, agentBody({ capabilities: [from] }));

    await api.patch(`/agents/${created.id}`, { capabilities: [to] });

    expect((await api.get<RestAgentList>("/agents", { capability: from })).body.total).toBe(0);
    expect(names((await api.get<RestAgentList>("/agents", { capability: to })).body)).toEqual([created.name]);
  });
});

describe("deleting an agent", () => {
  test("returns its id and name; afterwards it is 404 and gone from the list", async ({ api }) => {
    const cap = uniqueToken();
    const created = await register(api, agentBody({ capabilities: [cap] }));

    const res = await api.delete(`/agents/${created.name}`);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: created.id, name: created.name });
    const after = await api.get<RestError>(`/agents/${created.id}`);
    expect(after.status).toBe(404);
    expect(after.body.error.code).toBe("NOT_FOUND");
    expect((await api.get<RestAgentList>("/agents", { capability: cap })).body).toMatchObject({ agents: [], total: 0 });
    expect((await api.delete<RestError>(`/agents/${created.id}`)).status).toBe(404);
  });

  test("frees the name for a new agent", async ({ api }) => {
    const body = agentBody();
    const first = await register(api, body);
    await api.delete(`/agents/${first.id}`);

    const second = await api.post<RestAgent>("/agents", body);

    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.id);
  });
});
