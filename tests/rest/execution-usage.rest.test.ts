// An execution's model, input/output tokens and cost (docs/architecture.md "Tokens and cost"), recorded and
// changed over REST (POST one and a batch, PATCH) and GraphQL, read back exactly; refused values
// answer 400 / ValidationError naming the field and write nothing; the OpenAPI document describes
// the four fields.
import { describe, expect, test } from "../testkit/fixtures.js";
import { type ExecutionBody, type RestExecution, uniqueExecutionId } from "../testkit/executions.js";
import type { RestError } from "../testkit/rest.js";
import type { TestServer } from "../testkit/server.js";

const rowCount = (server: TestServer) => server.db.prisma.execution.count();
const usageOf = (e: RestExecution) => [e.model, e.input_tokens, e.output_tokens, e.cost_usd];

describe("recording what an execution used", () => {
  test("POST one, POST a batch and PATCH store model, tokens and cost exactly; unknown stays null", async ({ api }) => {
    const id = uniqueExecutionId("u");
    const one = await api.post<RestExecution>("/executions", {
      id,
      agent_name: "CodeAgent",
      status: "success",
      duration_ms: 1_200,
      model: "claude-sonnet-4-5-20250929",
      input_tokens: 123_456,
      output_tokens: 7_890,
      cost_usd: 0.488718,
    });
    expect(one.status).toBe(201);
    expect(usageOf(one.body)).toEqual(["claude-sonnet-4-5-20250929", 123_456, 7_890, 0.488718]);
    expect(usageOf((await api.get<RestExecution>(`/executions/${id}`)).body)).toEqual([
      "claude-sonnet-4-5-20250929",
      123_456,
      7_890,
      0.488718,
    ]);

    const ids = [uniqueExecutionId("b"), uniqueExecutionId("b")];
    const batch = await api.post<{ count: number }>("/executions", [
      { id: ids[0], agent_name: "TestAgent", status: "success", input_tokens: 0, output_tokens: 0, cost_usd: 0 },
      // A model and a cost with nine decimals; no tokens.
      { id: ids[1], agent_name: "TestAgent", status: "failure", model: "gpt-x", cost_usd: 1.000000001 },
    ]);
    expect(batch.status).toBe(201);
    const [a, b] = await Promise.all(ids.map((i) => api.get<RestExecution>(`/executions/${i}`)));
    expect(usageOf(a?.body as RestExecution)).toEqual([null, 0, 0, 0]);
    expect(usageOf(b?.body as RestExecution)).toEqual(["gpt-x", null, null, 1.000000001]);

    // Finishing an execution with PATCH sets them; a later PATCH of notes keeps them.
    const open = uniqueExecutionId("p");
    expect((await api.post("/executions", { id: open, agent_name: "ReviewAgent", status: "in_progress" })).status).toBe(
      201,
    );
    const finished = await api.patch<RestExecution>(`/executions/${open}`, {
      status: "success",
      model: "claude-haiku-4-5",
      input_tokens: 2_000,
      output_tokens: 300,
      cost_usd: 0.0035,
    });
    expect(finished.status).toBe(200);
    expect(usageOf(finished.body)).toEqual(["claude-haiku-4-5", 2_000, 300, 0.0035]);
    expect((await api.patch(`/executions/${open}`, { notes: "looked fine" })).status).toBe(200);
    expect(usageOf((await api.get<RestExecution>(`/executions/${open}`)).body)).toEqual([
      "claude-haiku-4-5",
      2_000,
      300,
      0.0035,
    ]);
  });

  test("GraphQL records and updates them in camelCase", async ({ graphql }) => {
    const recorded = await graphql.query<{ recordExecution: { id: string } }>(
      `mutation($input: RecordExecutionInput!) { recordExecution(input: $input) { ... on Execution { id } } }`,
      { input: { agentName: "TestAgent", status: "IN_PROGRESS", model: "m1", inputTokens: 5 } },
    );
    const id = recorded.recordExecution.id;
    const updated = await graphql.query<{ updateExecution: Record<string, unknown> }>(
      `mutation($id: ID!, $input: UpdateExecutionInput!) {
         updateExecution(id: $id, input: $input) { ... on Execution { model inputTokens outputTokens costUsd } } }`,
      { id, input: { status: "SUCCESS", outputTokens: 9, costUsd: 0.25 } },
    );
    expect(updated.updateExecution).toEqual({ model: "m1", inputTokens: 5, outputTokens: 9, costUsd: 0.25 });
  });
});

describe("refused values", () => {
  const base = { agent_name: "TestAgent", status: "success" } as const;
  const BAD: [Record<string, unknown>, string][] = [
    [{ input_tokens: -1 }, "input_tokens"],
    [{ input_tokens: 1.5 }, "input_tokens"],
    [{ input_tokens: "12" }, "input_tokens"],
    [{ input_tokens: 2_147_483_648 }, "input_tokens"],
    [{ output_tokens: -5 }, "output_tokens"],
    [{ cost_usd: -0.01 }, "cost_usd"],
    [{ cost_usd: 1_000_000.01 }, "cost_usd"],
    [{ cost_usd: "0.1" }, "cost_usd"],
    [{ model: "" }, "model"],
    [{ model: "m".repeat(201) }, "model"],
    [{ model: 7 }, "model"],
  ];

  test("POST answers 400 naming the field, and writes nothing", async ({ api, server }) => {
    const before = await rowCount(server);
    for (const [extra, field] of BAD) {
      const res = await api.post<RestError>("/executions", { ...base, ...extra });
      expect({ extra, status: res.status, code: res.body.error?.code, field: res.body.error?.field }).toEqual({
        extra,
        status: 400,
        code: "VALIDATION_FAILED",
        field,
      });
    }
    // The longest model accepted is 200 characters.
    const ok = await api.post<RestExecution>("/executions", { ...base, model: "m".repeat(200) });
    expect([ok.status, ok.body.model]).toEqual([201, "m".repeat(200)]);
    expect(await rowCount(server)).toBe(before + 1);
  });

  test("a batch names the member's field and writes none of it", async ({ api, server }) => {
    const before = await rowCount(server);
    const ids = [uniqueExecutionId("r"), uniqueExecutionId("r")];
    const batch: ExecutionBody[] = [
      { id: ids[0], ...base, input_tokens: 10 },
      { id: ids[1], ...base, cost_usd: -1 },
    ];
    const res = await api.post<RestError>("/executions", batch);
    expect([res.status, res.body.error.code, res.body.error.field]).toEqual([400, "VALIDATION_FAILED", "[1].cost_usd"]);
    expect(await rowCount(server)).toBe(before);
  });

  test("PATCH answers 400 naming the field and changes nothing", async ({ api }) => {
    const id = uniqueExecutionId("q");
    expect((await api.post("/executions", { id, agent_name: "TestAgent", status: "in_progress" })).status).toBe(201);
    for (const [extra, field] of BAD) {
      const res = await api.patch<RestError>(`/executions/${id}`, { status: "success", ...extra });
      expect({ extra, status: res.status, field: res.body.error?.field }).toEqual({ extra, status: 400, field });
    }
    const after = (await api.get<RestExecution>(`/executions/${id}`)).body;
    expect([after.status, ...usageOf(after)]).toEqual(["in_progress", null, null, null, null]);
  });

  test("GraphQL answers a ValidationError naming the field", async ({ graphql }) => {
    const res = await graphql.query<{ recordExecution: Record<string, unknown> }>(
      `mutation($input: RecordExecutionInput!) {
         recordExecution(input: $input) { __typename ... on ValidationError { issues { field message } } } }`,
      { input: { agentName: "TestAgent", status: "SUCCESS", inputTokens: -3, costUsd: 2e6 } },
    );
    expect(res.recordExecution).toEqual({
      __typename: "ValidationError",
      issues: [
        { field: "inputTokens", message: "must be ≥ 0" },
        { field: "costUsd", message: "must be at most 1000000 US dollars" },
      ],
    });
  });
});

test("the OpenAPI document describes the four fields on the execution and its inputs", async ({ api }) => {
  const doc = (
    await api.get<{ components: { schemas: Record<string, { properties?: Record<string, unknown> }> } }>(
      "/openapi.json",
    )
  ).body;
  for (const name of ["Execution", "RecordExecutionInput", "UpdateExecutionInput"]) {
    const props = Object.keys(doc.components.schemas[name]?.properties ?? {});
    expect({
      name,
      has: ["model", "input_tokens", "output_tokens", "cost_usd"].filter((p) => props.includes(p)),
    }).toEqual({
      name,
      has: ["model", "input_tokens", "output_tokens", "cost_usd"],
    });
  }
});
