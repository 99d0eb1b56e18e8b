// Bad requests to the REST registry: each is a 4xx naming the code and the snake_case field at
// fault, nothing is written, and the server goes on serving.
import { parseEnv } from "../../server/env.js";
import { agentBody, uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { type RestAgent, type RestAgentList, type RestClient, type RestError, rawBody } from "../testkit/rest.js";

const agentCount = async (api: RestClient) => (await api.get<RestAgentList>("/agents", { limit: 1 })).body.total;

/** Expected failure: status, error.code and error.field (undefined when no field is at fault). */
interface Rejection {
  status: number;
  code: string;
  field: string | undefined;
}

function expectRejected(res: { status: number; body: unknown }, expected: Rejection) {
  const { error } = res.body as RestError;
  expect({ status: res.status, code: error.code, field: error.field }).toEqual(expected);
  expect(error.message).toEqual(expect.any(String));
}

const invalid = (field: string | undefined): Rejection => ({ status: 400, code: "VALIDATION_FAILED", field });

describe("POST /agents rejects invalid metadata and writes nothing", () => {
  const cases: [string, () => Record<string, unknown>, Rejection][] = [
    ["an empty name", () => agentBody({ name: "" }), invalid("name")],
    ["a name of only spaces", () => agentBody({ name: "   " }), invalid("name")],
    ["a name over 64 characters", () => agentBody({ name: `A${"b".repeat(64)}` }), invalid("name")],
    ["a name with a space and '!'", () => agentBody({ name: "Bad name!" }), invalid("name")],
    ["a name starting with a digit", () => agentBody({ name: "1Agent" }), invalid("name")],
    ["a description over 2000 characters", () => agentBody({ description: "x".repeat(2001) }), invalid("description")],
    [
      "an unknown coordination pattern",
      () => agentBody({ coordinationPatterns: ["sequential", "swarm"] }),
      invalid("coordination_patterns[1]"),
    ],
    [
      "a capability listed twice (case-insensitively)",
      () => agentBody({ capabilities: ["Linting", "linting"] }),
      invalid("capabilities[1]"),
    ],
    ["a tool listed twice", () => agentBody({ tools: ["Read", "Grep", "Read"] }), invalid("tools[2]")],
    [
      "a pattern listed twice",
      () => agentBody({ coordinationPatterns: ["parallel", "Parallel"] }),
      invalid("coordination_patterns[1]"),
    ],
    [
      "more than 50 capabilities",
      () => agentBody({ capabilities: Array.from({ length: 51 }, (_, i) => `c${i}`) }),
      invalid("capabilities"),
    ],
    ["an empty capability", () => agentBody({ capabilities: ["ok", " "] }), invalid("capabilities[1]")],
    ["a number as name", () => ({ ...agentBody(), name: 5 }), invalid("name")],
    [
      "a string as retry_policy.max_retries",
      () => ({ ...agentBody(), retry_policy: { max_retries: "x" } }),
      invalid("retry_policy.max_retries"),
    ],
    [
      "a negative retry_policy.max_retries",
      () => ({ ...agentBody(), retry_policy: { max_retries: -1 } }),
      invalid("retry_policy.max_retries"),
    ],
    [
      "max_delay_ms below initial_delay_ms",
      () => ({ ...agentBody(), retry_policy: { initial_delay_ms: 5000, max_delay_ms: 10 } }),
      invalid("retry_policy.max_delay_ms"),
    ],
    [
      "an unknown backoff",
      () => ({ ...agentBody(), retry_policy: { backoff: "random" } }),
      invalid("retry_policy.backoff"),
    ],
    [
      "a zero circuit_breaker.failure_threshold",
      () => ({ ...agentBody(), circuit_breaker: { failure_threshold: 0 } }),
      invalid("circuit_breaker.failure_threshold"),
    ],
    [
      "a number in the capabilities list",
      () => ({ ...agentBody(), capabilities: ["ok", 7] }),
      invalid("capabilities[1]"),
    ],
    ["a string as runner", () => ({ ...agentBody(), runner: "mock" }), invalid("runner")],
    ["an unknown runner kind", () => ({ ...agentBody(), runner: { kind: "shell" } }), invalid("runner.kind")],
    [
      "an http runner without an http(s) URL",
      () => agentBody({ runner: { kind: "http", settings: { url: "ftp://example.test" } } }),
      invalid("runner.settings.url"),
    ],
    [
      "a command runner without a command",
      () => agentBody({ runner: { kind: "command", settings: { args: ["x"] } } }),
      invalid("runner.settings.command"),
    ],
    [
      "a runner setting the kind does not know",
      () => agentBody({ runner: { kind: "mock", settings: { latency: 5 } } }),
      invalid("runner.settings"),
    ],
    ["an unknown body field", () => ({ ...agentBody(), colour: "red" }), invalid("colour")],
    [
      "an unknown nested field",
      () => ({ ...agentBody(), retry_policy: { retries: 3 } }),
      invalid("retry_policy.retries"),
    ],
    ["a body without a name", () => ({ description: "nameless" }), invalid("name")],
  ];

  test.for(cases)("%s", async ([, body, expected], { api }) => {
    const before = await agentCount(api);

    const res = await api.post("/agents", body());

    expectRejected(res, expected);
    expect(await agentCount(api)).toBe(before);
  });

  test("a name of exactly 64 characters is accepted", async ({ api }) => {
    const name = `A${uniqueName().replace(/_/g, "x")}`.padEnd(64, "z");

    const res = await api.post<RestAgent>("/agents", agentBody({ name }));

    expect(res.status).toBe(201);
    expect(res.body.name).toBe(name);
  });

  test("a duplicate name is 409 CONFLICT and leaves the first agent as it was", async ({ api }) => {
    const body = agentBody();
    const first = await api.post<RestAgent>("/agents", body);
    const before = await agentCount(api);

    const res = await api.post("/agents", { ...body, description: "the second one" });

    expectRejected(res, { status: 409, code: "CONFLICT", field: "name" });
    expect(await agentCount(api)).toBe(before);
    expect((await api.get(`/agents/${first.body.id}`)).body).toEqual(first.body);
  });

  test("every problem is listed in error.issues, the first one in error.field", async ({ api }) => {
    const res = await api.post<RestError>("/agents", {
      ...agentBody({ name: "9lives" }),
      retry_policy: { max_retries: 99 },
    });

    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe("name");
    expect(res.body.error.issues?.map((i) => i.field)).toEqual(["name", "retry_policy.max_retries"]);
  });
});

describe("POST /agents rejects bodies that are not a JSON object", () => {
  const cases: [string, () => unknown, Rejection][] = [
    ["malformed JSON", () => rawBody('{"name": "Broken",'), { status: 400, code: "INVALID_JSON", field: undefined }],
    ["a JSON array", () => [agentBody()], invalid(undefined)],
    ["a JSON string", () => "TestAgent", invalid(undefined)],
    ["a JSON number", () => 42, invalid(undefined)],
    ["JSON null", () => rawBody("null"), invalid(undefined)],
    ["an empty body", () => rawBody(""), invalid(undefined)],
  ];

  test.for(cases)("%s", async ([, body, expected], { api }) => {
    const before = await agentCount(api);

    const res = await api.post("/agents", body());

    expectRejected(res, expected);
    expect(await agentCount(api)).toBe(before);
  });

  test("JSON null is reported without GraphQL's words", async ({ api }) => {
    const res = await api.post<RestError>("/agents", rawBody("null"));

    expect(res.body.error.message).toBe("a JSON object body is required");
  });

  test("a body over the size limit is 413 PAYLOAD_TOO_LARGE", async ({ api }) => {
    const limit = parseEnv({}).BATON_BODY_LIMIT;
    const before = await agentCount(api);
    const body = JSON.stringify({ ...agentBody(), description: "x".repeat(limit) });

    const res = await api.post("/agents", rawBody(body));

    expectRejected(res, { status: 413, code: "PAYLOAD_TOO_LARGE", field: undefined });
    expect(await agentCount(api)).toBe(before);
  });
});

describe("GET /agents rejects bad query parameters", () => {
  const cases: [string, Record<string, string>, Rejection][] = [
    ["an unknown parameter", { colour: "red" }, invalid("colour")],
    ["a camelCase spelling of nothing known", { pageSize: "5" }, invalid("pageSize")],
    ["a limit that is not a number", { limit: "ten" }, invalid("limit")],
    ["a fractional limit", { limit: "1.5" }, invalid("limit")],
    ["a limit of 0", { limit: "0" }, invalid("limit")],
    ["a limit over 200", { limit: "201" }, invalid("limit")],
    ["a negative offset", { offset: "-1" }, invalid("offset")],
    ["an offset that is not a number", { offset: "first" }, invalid("offset")],
    ["an unknown pattern", { pattern: "swarm" }, invalid("pattern")],
    ["a search text over 200 characters", { q: "q".repeat(201) }, invalid("q")],
  ];

  test.for(cases)("%s", async ([, query, expected], { api }) => {
    expectRejected(await api.get("/agents", query), expected);
  });

  test("a parameter given twice", async ({ api }) => {
    expectRejected(await api.get("/agents?limit=1&limit=2"), invalid("limit"));
  });
});

describe("unknown agents are 404 NOT_FOUND", () => {
  test.for(["GET", "PATCH", "DELETE"])("%s /agents/{unknown}", async (method, { api }) => {
    const before = await agentCount(api);

    const res = await api.request(
      method,
      `/agents/${uniqueName("Nobody")}`,
      method === "PATCH" ? { tools: [] } : undefined,
    );

    expectRejected(res, { status: 404, code: "NOT_FOUND", field: "id" });
    expect(await agentCount(api)).toBe(before);
  });

  test("an unknown path is 404 and a wrong method 405 with Allow", async ({ api }) => {
    expectRejected(await api.get("/agentz"), { status: 404, code: "NOT_FOUND", field: undefined });

    const put = await api.request("PUT", "/agents", agentBody());
    expectRejected(put, { status: 405, code: "METHOD_NOT_ALLOWED", field: undefined });
    expect(put.headers.get("allow")).toBe("GET, POST");
  });
});

describe("PATCH /agents/{id} rejects invalid changes and keeps the agent as it was", () => {
  const cases: [string, Record<string, unknown>, Rejection][] = [
    ["an empty name", { name: "" }, invalid("name")],
    ["a bad pattern", { coordination_patterns: ["parallel", "mesh"] }, invalid("coordination_patterns[1]")],
    ["duplicate capabilities", { capabilities: ["a", "A"] }, invalid("capabilities[1]")],
    ["a wrong type", { retry_policy: { max_retries: "x" } }, invalid("retry_policy.max_retries")],
    ["an unknown field", { id: "other" }, invalid("id")],
  ];

  test.for(cases)("%s", async ([, change, expected], { api }) => {
    const agent = (await api.post<RestAgent>("/agents", agentBody())).body;

    expectRejected(await api.patch(`/agents/${agent.id}`, change), expected);

    expect((await api.get(`/agents/${agent.id}`)).body).toEqual(agent);
  });

  test("renaming onto a taken name is 409 CONFLICT", async ({ api }) => {
    const agent = (await api.post<RestAgent>("/agents", agentBody())).body;

    expectRejected(await api.patch(`/agents/${agent.id}`, { name: "TestAgent" }), {
      status: 409,
      code: "CONFLICT",
      field: "name",
    });
    expect((await api.get(`/agents/${agent.id}`)).body).toEqual(agent);
  });

  test("malformed JSON", async ({ api }) => {
    const agent = (await api.post<RestAgent>("/agents", agentBody())).body;

    expectRejected(await api.patch(`/agents/${agent.id}`, rawBody("{")), {
      status: 400,
      code: "INVALID_JSON",
      field: undefined,
    });
    expect((await api.get(`/agents/${agent.id}`)).body).toEqual(agent);
  });
});

test("after all those bad requests the server still registers and lists agents", async ({ api }) => {
  const before = await agentCount(api);

  const res = await api.post<RestAgent>("/agents", agentBody());

  expect(res.status).toBe(201);
  expect(await agentCount(api)).toBe(before + 1);
});
