// Agent contracts over the API: an agent's input_schema / output_schema stored and read back (REST
// and GraphQL), refused when they are not JSON Schema (the field named, nothing written), used when a
// template is saved (reads of undeclared output fields, literal inputs missing required fields) and
// when a step runs (its input and output checked, the step failing with the path that broke).
import { agentBody, uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { RestClient, RestError } from "../testkit/rest.js";
import { attemptsOf, createWorkflow, getRun, runWorkflow, startRun, waitForRun } from "../testkit/workflows.js";

const squareIn = { type: "object", required: ["n"], properties: { n: { type: "integer" } } };
const squareOut = {
  type: "object",
  required: ["value"],
  properties: { value: { type: "integer" }, note: { type: "string" } },
};

interface ContractAgent {
  name: string;
  input_schema: unknown;
  output_schema: unknown;
}

/** A mock agent with contracts, answering `outputs` (its `{{input.x}}` placeholders filled). */
async function contractAgent(api: RestClient, outputs: Record<string, unknown>, contracts: object = {}) {
  const name = uniqueName("Contract");
  const res = await api.post<ContractAgent>("/agents", {
    ...agentBody({ name, runner: { kind: "mock", settings: { outputs, latency_ms: 0 } } }),
    retry_policy: { max_retries: 0, backoff: "fixed", initial_delay_ms: 0, max_delay_ms: 0 },
    input_schema: squareIn,
    output_schema: squareOut,
    ...contracts,
  });
  if (res.status !== 201) throw new Error(`POST /agents: ${res.status} ${res.text}`);
  return res.body;
}

describe("declaring contracts", () => {
  test("REST stores both schemas as given and reads them back; {} removes one, null keeps it", async ({ api }) => {
    const agent = await contractAgent(api, { value: 1 });
    expect([agent.input_schema, agent.output_schema]).toEqual([squareIn, squareOut]);
    expect((await api.get<ContractAgent>(`/agents/${agent.name}`)).body).toMatchObject({
      input_schema: squareIn,
      output_schema: squareOut,
    });

    const kept = await api.patch<ContractAgent>(`/agents/${agent.name}`, { input_schema: null, description: "x" });
    expect([kept.status, kept.body.input_schema, kept.body.output_schema]).toEqual([200, squareIn, squareOut]);
    const removed = await api.patch<ContractAgent>(`/agents/${agent.name}`, { output_schema: {} });
    expect([removed.status, removed.body.input_schema, removed.body.output_schema]).toEqual([200, squareIn, null]);
    const plain = await api.post<ContractAgent>("/agents", agentBody({ name: uniqueName("NoContract") }));
    expect([plain.body.input_schema, plain.body.output_schema]).toEqual([null, null]);
  });

  test("a schema that is not JSON Schema is refused with 400 naming the field; nothing is written", async ({ api }) => {
    const cases: [unknown, string, string][] = [
      ["object", "input_schema", 'must be a JSON Schema object (e.g. {"type": "object", "properties": {…}}) or null'],
      [
        { type: "objekt" },
        "input_schema.type",
        'invalid JSON Schema: must be equal to one of the allowed values: "array", "boolean", "integer", "null", "number", "object", "string"',
      ],
      [
        { type: "object", requird: ["n"] },
        "input_schema",
        'invalid JSON Schema: strict mode: unknown keyword: "requird"',
      ],
      [
        { $ref: "#/$defs/missing" },
        "input_schema",
        "invalid JSON Schema: can't resolve reference #/$defs/missing from id #",
      ],
    ];
    for (const [schema, field, message] of cases) {
      const name = uniqueName("BadContract");
      const res = await api.post<RestError>("/agents", { ...agentBody({ name }), input_schema: schema });
      expect([res.status, res.body.error.code, res.body.error.issues], JSON.stringify(schema)).toEqual([
        400,
        "VALIDATION_FAILED",
        [{ field, message }],
      ]);
      expect((await api.get(`/agents/${name}`)).status).toBe(404);
    }
    const agent = await contractAgent(api, { value: 1 });
    const res = await api.patch<RestError>(`/agents/${agent.name}`, {
      output_schema: { type: "object", minimum: "1" },
    });
    expect([res.status, res.body.error.issues]).toEqual([
      400,
      [{ field: "output_schema.minimum", message: "invalid JSON Schema: must be number" }],
    ]);
    expect((await api.get<ContractAgent>(`/agents/${agent.name}`)).body.output_schema).toEqual(squareOut);
  });

  test("GraphQL takes and shows inputSchema / outputSchema; a refusal names the field", async ({ graphql }) => {
    const name = uniqueName("GqlContract");
    const create = `mutation($input: CreateAgentInput!) {
      createAgent(input: $input) {
        __typename ... on Agent { name inputSchema outputSchema } ... on ValidationError { issues { field message } }
      }
    }`;
    const made = await graphql.query<{ createAgent: { inputSchema: unknown; outputSchema: unknown } }>(create, {
      input: { name, inputSchema: squareIn, outputSchema: squareOut },
    });
    expect(made.createAgent).toEqual({ __typename: "Agent", name, inputSchema: squareIn, outputSchema: squareOut });
    const refused = await graphql.query<{ createAgent: unknown }>(create, {
      input: { name: uniqueName("GqlContract"), outputSchema: { properties: { a: { type: 5 } } } },
    });
    expect(refused.createAgent).toEqual({
      __typename: "ValidationError",
      issues: [
        {
          field: "outputSchema.properties.a.type",
          message:
            'invalid JSON Schema: must be equal to one of the allowed values: "array", "boolean", "integer", "null", "number", "object", "string"',
        },
      ],
    });
  });

  test("the OpenAPI document describes input_schema and output_schema of an agent", async ({ api }) => {
    const doc = (
      await api.get<{ components: { schemas: Record<string, { properties: Record<string, unknown> }> } }>(
        "/openapi.json",
      )
    ).body;
    const agent = doc.components.schemas.Agent?.properties ?? {};
    expect(Object.keys(agent)).toEqual(expect.arrayContaining(["input_schema", "output_schema"]));
  });
});

describe("templates are checked against contracts when saved", () => {
  test("reading an output field the producer's contract does not declare: 400 naming the step and expression", async ({
    api,
  }) => {
    const agent = await contractAgent(api, { value: 4 });
    const steps = (read: string) => [
      { id: "sq", agent: agent.name, input: { n: 2 } },
      { id: "use", agent: agent.name, input: { n: read } },
    ];
    const name = uniqueName("wf");
    const res = await api.post<RestError>("/workflows", { name, steps: steps("{{steps.sq.output.valeu}}") });
    expect([res.status, res.body.error.issues]).toEqual([
      400,
      [
        {
          field: "steps[1].input.n",
          message: `step 'use': {{steps.sq.output.valeu}} reads output.valeu of step 'sq', but agent ${agent.name}'s output_schema has no field 'valeu' (declared: note, value)`,
        },
      ],
    ]);
    expect((await api.get(`/workflows/${name}`)).status).toBe(404);
    expect((await api.post("/workflows", { name, steps: steps("{{steps.sq.output.value}}") })).status).toBe(201);
  });

  test("a literal input missing what the agent's input_schema requires: 400 naming the step", async ({ api }) => {
    const agent = await contractAgent(api, { value: 4 });
    const res = await api.post<RestError>("/workflows", {
      name: uniqueName("wf"),
      steps: [{ id: "sq", agent: agent.name, input: { m: 2 } }],
    });
    expect([res.status, res.body.error.issues]).toEqual([
      400,
      [
        {
          field: "steps[0].input",
          message: `step 'sq': input breaks agent ${agent.name}'s input_schema: /n is required`,
        },
      ],
    ]);
  });
});

describe("contracts at run time", () => {
  test("an input that breaks the agent's input contract fails the step before the agent runs", async ({ api }) => {
    const agent = await contractAgent(api, { value: 9 });
    const workflow = await createWorkflow(api, {
      parameters: { type: "object", properties: { n: {} } },
      steps: [{ id: "sq", agent: agent.name, input: { n: "{{params.n}}" } }],
    });
    const good = await waitForRun(api, (await startRun(api, workflow.id, { n: 3 })).id);
    expect([good.status, good.outputs]).toEqual(["succeeded", { value: 9 }]);

    const bad = await getRun(api, (await waitForRun(api, (await startRun(api, workflow.id, { n: "three" })).id)).id);
    const error = `input breaks agent '${agent.name}''s input contract: /n must be integer`;
    expect([bad.status, bad.error, bad.steps.map((s) => [s.step_id, s.status, s.error])]).toEqual([
      "failed",
      `step 'sq' failed: ${error}`,
      [["sq", "failed", error]],
    ]);
    expect(attemptsOf(bad, "sq")).toEqual([]);
  });

  test("an output that breaks the agent's output contract fails the step, naming the path", async ({ api }) => {
    const agent = await contractAgent(api, { value: "{{input.n}}", note: 5 });
    const { run } = await runWorkflow(api, [{ id: "sq", agent: agent.name, input: { n: 3 } }]);
    const error = `output breaks agent '${agent.name}''s output contract: /note must be string`;
    expect([run.status, run.steps.map((s) => [s.step_id, s.status, s.error])]).toEqual([
      "failed",
      [["sq", "failed", error]],
    ]);
    const detail = await getRun(api, run.id);
    expect(attemptsOf(detail, "sq").map((e) => [e.status, e.error, e.outputs])).toEqual([
      ["failure", error, { value: 3, note: 5 }],
    ]);
  });

  test("the agent's contract and the step's output_schema both hold", async ({ api }) => {
    const agent = await contractAgent(api, { value: "{{input.n}}" });
    const { run } = await runWorkflow(api, [
      {
        id: "sq",
        agent: agent.name,
        input: { n: 3 },
        output_schema: { type: "object", properties: { value: { minimum: 10 } } },
      },
    ]);
    expect(run.steps.map((s) => s.error)).toEqual(["output breaks the step's contract: /value must be >= 10"]);
  });
});
