// Input no database can store, or nested past the documented limit, is a 400 naming the field on
// both providers — never a 500 from the database, never a row written — and a step whose outputs
// cannot be stored fails with a clear error and ends its run instead of leaving it running.
import { describe, expect, test } from "../testkit/fixtures.js";
import type { RestClient } from "../testkit/rest.js";
import { rawBody } from "../testkit/rest.js";
import { registerAgent, runWorkflow } from "../testkit/workflows.js";

/** `{ a: { a: … { a: 1 } } }` with `depth` objects. */
const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i += 1) v = { a: v };
  return v;
};

async function executionCount(api: RestClient) {
  return ((await api.get<{ total: number }>("/executions", { limit: 1 })).body as { total: number }).total;
}

describe("unstorable input", () => {
  test.for([
    [
      "a NUL character in inputs",
      { inputs: { note: "a\u0000b" } },
      "inputs",
      "inputs: /note contains a NUL character (\\u0000)",
    ],
    [
      "a lone surrogate in outputs",
      { outputs: { note: "\ud800" } },
      "outputs",
      "outputs: /note contains a lone UTF-16 surrogate (invalid Unicode)",
    ],
    [
      "a NUL character in a key",
      { inputs: { "k\u0000": 1 } },
      "inputs",
      "inputs: has a key that contains a NUL character (\\u0000)",
    ],
    ["inputs nested 65 deep", { inputs: nested(65) }, "inputs", undefined],
    [
      "a NUL character in the error text",
      { error: "boom\u0000" },
      "error",
      "error: contains a NUL character (\\u0000)",
    ],
    [
      "a NUL character in the agent's name",
      { agent_name: "Test\u0000Agent" },
      "agent_name",
      "agent_name: contains a NUL character (\\u0000)",
    ],
  ] as const)("%s is 400 naming the field, and nothing is written", async ([, extra, field, message], { api }) => {
    const before = await executionCount(api);
    const res = await api.post<{ error: { code: string; field: string; message: string } }>("/executions", {
      agent_name: "TestAgent",
      status: "success",
      ...extra,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.field).toBe(field);
    if (message) expect(res.body.error.message).toBe(message);
    expect(await executionCount(api)).toBe(before);
  });

  test("inputs nested exactly 64 deep are stored and read back whole", async ({ api }) => {
    const res = await api.post<{ id: string; inputs: unknown }>("/executions", {
      agent_name: "TestAgent",
      status: "success",
      inputs: nested(63),
    });
    expect(res.status).toBe(201);
    expect((await api.get<{ inputs: unknown }>(`/executions/${res.body.id}`)).body.inputs).toEqual(nested(63));
  });

  test("NUL in a path id or a query value is 400 naming it, on every provider", async ({ api }) => {
    const byId = await api.get<{ error: { field: string } }>("/agents/Test%00Agent");
    expect([byId.status, byId.body.error.field]).toEqual([400, "id"]);
    const byQuery = await api.get<{ error: { field: string } }>("/executions", { agent: "Test\u0000Agent" });
    expect([byQuery.status, byQuery.body.error.field]).toEqual([400, "agent"]);
    const lone = await api.post<{ error: { field: string } }>(
      "/agents",
      rawBody('{"name": "Lone\\ud800Agent", "capabilities": ["x"]}'),
    );
    expect([lone.status, lone.body.error.field]).toEqual([400, "name"]);
  });

  test("a year-0000 timestamp is 400 naming it", async ({ api }) => {
    const res = await api.post<{ error: { field: string } }>("/executions", {
      agent_name: "TestAgent",
      status: "success",
      timestamp: "0000-01-01T00:00:00Z",
    });
    expect([res.status, res.body.error.field]).toEqual([400, "timestamp"]);
  });
});

describe("contradictory times", () => {
  test("ended_at and duration_ms that disagree are 400 on duration_ms; agreeing ones are stored", async ({ api }) => {
    const base = { agent_name: "TestAgent", status: "success", timestamp: "2026-11-01T10:00:00.000Z" };
    const bad = await api.post<{ error: { field: string; message: string } }>("/executions", {
      ...base,
      ended_at: "2026-11-01T10:00:05.000Z",
      duration_ms: 9000,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      field: "duration_ms",
      message: "duration_ms: contradicts the end time, 5000 ms after the start: give one of the two, or both agreeing",
    });
    const good = await api.post<{ duration_ms: number }>("/executions", {
      ...base,
      ended_at: "2026-11-01T10:00:05.000Z",
      duration_ms: 5000,
    });
    expect([good.status, good.body.duration_ms]).toEqual([201, 5000]);
    const far = await api.post<{ error: { field: string } }>("/executions", { ...base, duration_ms: 9e15 });
    expect([far.status, far.body.error.field]).toEqual([400, "duration_ms"]);
  });
});

describe("a step whose outputs cannot be stored", () => {
  test.for([
    [
      "nested 6,000 deep",
      // Built as text: Node's own JSON.stringify overflows its stack at this depth.
      'process.stdout.write(\'{"a":\'.repeat(6000) + "1" + "}".repeat(6000));',
      "outputs cannot be stored: /a is nested deeper than 64 levels",
    ],
    [
      "with a NUL character",
      'process.stdout.write(JSON.stringify({ text: "a\\u0000b" }));',
      "outputs cannot be stored: /text contains a NUL character (\\u0000)",
    ],
  ] as const)("fails (%s) with a clear error and the run ends failed", async ([, script, error], { api }) => {
    const agent = await registerAgent(api, {
      kind: "command",
      settings: { command: process.execPath, args: ["-e", script] },
    });
    const { run } = await runWorkflow(api, [
      { id: "emit", agent },
      { id: "after", agent: "TestAgent" },
    ]);
    expect(run.status).toBe("failed");
    expect(run.failed_step_id).toBe("emit");
    expect(run.steps.map((s) => [s.step_id, s.status, s.error])).toEqual([
      ["emit", "failed", error],
      ["after", "skipped", null],
    ]);
  });
});
