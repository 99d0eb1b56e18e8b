// A step's input and outputs obey BATON_JSON_LIMIT like recorded executions do: an oversize output
// fails the step (and the run) naming both sizes; an oversize input fails the step before its agent
// is invoked, so no execution carries it.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RestClient, rest } from "../testkit/rest.js";
import { startTestServer, type TestServer } from "../testkit/server.js";
import { attemptsOf, registerMockAgent, runWorkflow, stepState } from "../testkit/workflows.js";

const LIMIT = 2000;
let server: TestServer;
let api: RestClient;

beforeAll(async () => {
  server = await startTestServer({ env: { BATON_JSON_LIMIT: String(LIMIT) } });
  api = rest(server.url);
});
afterAll(() => server.stop());

describe("BATON_JSON_LIMIT in workflow runs", () => {
  test("an output over the limit fails its step and the run, naming the sizes; later steps are skipped", async () => {
    const big = { text: "x".repeat(3000) };
    const agent = await registerMockAgent(api, { outputs: big });
    const small = await registerMockAgent(api, { outputs: { ok: true } });

    const { run } = await runWorkflow(api, [
      { id: "talk", agent },
      { id: "after", agent: small },
    ]);

    const bytes = Buffer.byteLength(JSON.stringify(big));
    const error = `outputs are ${bytes} bytes; the limit is ${LIMIT} bytes (BATON_JSON_LIMIT)`;
    expect(run.status).toBe("failed");
    expect(run.error).toBe(`step 'talk' failed: ${error}`);
    expect(stepState(run, "talk")).toMatchObject({ status: "failed", error, outputs: null });
    expect(stepState(run, "after").status).toBe("skipped");
    const [execution] = attemptsOf(run, "talk");
    expect(execution).toMatchObject({ status: "failure", error, outputs: null });
  });

  test("an input over the limit fails the step before its agent runs: no execution for it", async () => {
    const agent = await registerMockAgent(api, { outputs: { ok: true } });
    const text = "y".repeat(800);
    const input = { a: "{{params.text}}", b: "{{params.text}}", c: "{{params.text}}" };

    const { run } = await runWorkflow(api, [{ id: "read", agent, input }], {
      parameters: { type: "object", properties: { text: { type: "string" } } },
      params: { text },
    });

    const bytes = Buffer.byteLength(JSON.stringify({ a: text, b: text, c: text }));
    const error = `input is ${bytes} bytes; the limit is ${LIMIT} bytes (BATON_JSON_LIMIT)`;
    expect(run.status).toBe("failed");
    expect(run.error).toBe(`step 'read' failed: ${error}`);
    expect(stepState(run, "read")).toMatchObject({ status: "failed", attempts: 0, error, execution_id: null });
    expect(attemptsOf(run, "read")).toEqual([]);
  });

  test("parameters over the limit are refused with 400 naming params, and no run is created", async () => {
    const agent = await registerMockAgent(api);
    const { workflow } = await runWorkflow(api, [{ id: "only", agent }], {
      parameters: { type: "object", properties: { text: { type: "string" } } },
    });
    const before = (await api.get<{ total: number }>(`/workflow-runs?workflow=${workflow.id}`)).body.total;
    const text = "z".repeat(2500);

    const res = await api.post<{ error: { code: string; field: string; message: string } }>(
      `/workflows/${workflow.id}/execute`,
      { text },
    );

    const bytes = Buffer.byteLength(JSON.stringify({ text }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "VALIDATION_FAILED",
      field: "params",
      message: `params: is ${bytes} bytes; the limit is ${LIMIT} bytes`,
    });
    expect((await api.get<{ total: number }>(`/workflow-runs?workflow=${workflow.id}`)).body.total).toBe(before);
  });
});
