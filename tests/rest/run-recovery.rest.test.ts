// Retry and re-run (issue 11 §4): a failed run resumes from its failed step — succeeded steps are
// kept, the failed one gets a new attempt, the skipped ones run — and ends anew; an execution
// outside a run is retried as a new execution of its agent under the same parent; a whole run is
// re-run with the same or edited parameters. Refusals are 409s that change nothing.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { RestClient } from "../testkit/rest.js";
import {
  attemptsOf,
  createWorkflow,
  getRun,
  handoffs,
  pollUntil,
  registerMockAgent,
  registerNodeScriptAgent,
  rootOf,
  startRun,
  stepStatuses,
  waitForRun,
} from "../testkit/workflows.js";

/** Fails while its mode file says `fail`; answers `{ "step": <input.n> }` once it says `ok`. Logs each call. */
const SCRIPT = `
  const fs = require("node:fs");
  const [log, modeFile] = process.argv.slice(1);
  let input = "";
  process.stdin.on("data", (d) => (input += d)).on("end", () => {
    fs.appendFileSync(log, "call\\n");
    if (fs.readFileSync(modeFile, "utf8").trim() === "fail") { console.error("flaky: not yet"); process.exit(1); }
    console.log(JSON.stringify({ step: JSON.parse(input).n }));
  });`;

async function flakyAgent(api: RestClient) {
  const dir = mkdtempSync(join(tmpdir(), "baton-retry-"));
  const log = join(dir, "calls.log");
  const modeFile = join(dir, "mode");
  writeFileSync(log, "");
  writeFileSync(modeFile, "fail");
  const name = await registerNodeScriptAgent(api, SCRIPT, { args: [log, modeFile] });
  return {
    name,
    calls: () => readFileSync(log, "utf8").split("\n").filter(Boolean).length,
    heal: () => writeFileSync(modeFile, "ok"),
  };
}

/** Fails its first `failures` calls (counted in a file, one line per call), then answers `{ "call": n }`. */
const COUNTED = `
  const fs = require("node:fs");
  const [log, failures] = process.argv.slice(1);
  process.stdin.resume();
  process.stdin.on("end", () => {
    fs.appendFileSync(log, "call\\n");
    const n = fs.readFileSync(log, "utf8").split("\\n").filter(Boolean).length;
    if (n <= Number(failures)) { console.error("failure " + n); process.exit(1); }
    console.log(JSON.stringify({ call: n }));
  });`;

async function countedAgent(api: RestClient, failures: number, maxRetries: number) {
  const dir = mkdtempSync(join(tmpdir(), "baton-budget-"));
  const log = join(dir, "calls.log");
  writeFileSync(log, "");
  const name = await registerNodeScriptAgent(
    api,
    COUNTED,
    { args: [log, String(failures)] },
    { retry: { max_retries: maxRetries, backoff: "fixed", initial_delay_ms: 10, max_delay_ms: 10 } },
  );
  // Its circuit must not open on these failures (the default trips at 5): every attempt reaches it.
  const patched = await api.patch(`/agents/${name}`, { circuit_breaker: { failure_threshold: 100 } });
  expect(patched.status, patched.text).toBe(200);
  return { name, calls: () => readFileSync(log, "utf8").split("\n").filter(Boolean).length };
}

interface RestRetry {
  run: { id: string; status: string } | null;
  execution: { id: string; status: string; attempt: number; parent_execution_id: string | null } | null;
}

describe("resuming a failed run", () => {
  test("keeps the succeeded step, gives the failed one a new attempt, runs the skipped one, and succeeds", async ({
    api,
  }) => {
    const mock = await registerMockAgent(api, { outputs: { ok: true } });
    const flaky = await flakyAgent(api);
    const wf = await createWorkflow(api, {
      steps: [
        { id: "build", agent: mock },
        { id: "test", agent: flaky.name, input: { n: 2 } },
        { id: "ship", agent: mock },
      ],
    });
    const failed = await waitForRun(api, (await startRun(api, wf.id)).id);
    expect([failed.status, failed.failed_step_id, stepStatuses(failed)]).toEqual([
      "failed",
      "test",
      { build: "succeeded", test: "failed", ship: "skipped" },
    ]);
    const buildExecution = attemptsOf(failed, "build")[0]?.id;
    const failedTest = attemptsOf(failed, "test")[0];
    expect(flaky.calls()).toBe(1);

    flaky.heal();
    const retried = await api.post<RestRetry>(`/executions/${failedTest?.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.execution).toBeNull();
    expect(retried.body.run?.id).toBe(failed.id);

    const done = await waitForRun(api, failed.id);
    expect([done.status, done.error, done.failed_step_id, stepStatuses(done)]).toEqual([
      "succeeded",
      null,
      null,
      { build: "succeeded", test: "succeeded", ship: "succeeded" },
    ]);
    // Build ran once (kept); test has attempts 1 (failure) and 2 (success) under build; ship ran after.
    expect(attemptsOf(done, "build").map((e) => e.id)).toEqual([buildExecution]);
    expect(attemptsOf(done, "test").map((e) => [e.attempt, e.status])).toEqual([
      [1, "failure"],
      [2, "success"],
    ]);
    expect(handoffs(done)).toEqual({
      root: [null, 0],
      build: ["root", 1],
      test: ["build", 2],
      "test#2": ["build", 2],
      ship: ["test#2", 3],
    });
    expect(rootOf(done).status).toBe("success");
    expect(done.outputs).toEqual({ ok: true });
    expect(flaky.calls()).toBe(2);
  });

  test("POST /workflow-runs/{id}/resume resumes a cancelled run; a succeeded or running one is 409", async ({
    api,
  }) => {
    const slow = await registerMockAgent(api, { outputs: { done: 1 }, latency_ms: 400 });
    const wf = await createWorkflow(api, {
      steps: [
        { id: "a", agent: slow },
        { id: "b", agent: slow },
      ],
    });
    const started = await startRun(api, wf.id);
    await pollUntil(
      () => getRun(api, started.id),
      (r) => r.steps.some((s) => s.status === "running"),
      "a step running",
    );
    expect((await api.post(`/workflow-runs/${started.id}/resume`)).status).toBe(409);
    expect((await api.post(`/workflow-runs/${started.id}/cancel`)).status).toBe(200);
    const cancelled = await waitForRun(api, started.id);
    expect(cancelled.status).toBe("cancelled");

    const resumed = await api.post<{ id: string; status: string }>(`/workflow-runs/${started.id}/resume`);
    expect([resumed.status, resumed.body.status]).toEqual([200, "running"]);
    const done = await waitForRun(api, started.id);
    expect([done.status, stepStatuses(done)]).toEqual(["succeeded", { a: "succeeded", b: "succeeded" }]);

    const again = await api.post<{ error: { code: string; message: string } }>(`/workflow-runs/${started.id}/resume`);
    expect([again.status, again.body.error.message]).toEqual([
      409,
      `run '${started.id}' succeeded: there is nothing to resume (re-run it instead)`,
    ]);
  });

  test("two resumes at once: one resumes, the other is 409, and the step runs once more, not twice", async ({
    api,
  }) => {
    const flaky = await flakyAgent(api);
    const wf = await createWorkflow(api, { steps: [{ id: "only", agent: flaky.name, input: { n: 1 } }] });
    const failed = await waitForRun(api, (await startRun(api, wf.id)).id);
    expect(failed.status).toBe("failed");
    flaky.heal();
    const answers = await Promise.all([
      api.post(`/workflow-runs/${failed.id}/resume`),
      api.post(`/workflow-runs/${failed.id}/resume`),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const done = await waitForRun(api, failed.id);
    expect(done.status).toBe("succeeded");
    expect(attemptsOf(done, "only").map((e) => e.attempt)).toEqual([1, 2]);
    expect(flaky.calls()).toBe(2);
  });

  test("an earlier attempt, a succeeded execution or an unknown one cannot be retried", async ({ api }) => {
    const ok = await api.post<{ id: string }>("/executions", { agent_name: "TestAgent", status: "success" });
    const refused = await api.post<{ error: { code: string; message: string } }>(`/executions/${ok.body.id}/retry`);
    expect([refused.status, refused.body.error.message]).toEqual([
      409,
      `execution '${ok.body.id}' did not fail (it is success): only FAILURE or CANCELLED executions are retried`,
    ]);
    expect((await api.post("/executions/no-such-execution/retry")).status).toBe(404);

    const flaky = await flakyAgent(api);
    const wf = await createWorkflow(api, { steps: [{ id: "only", agent: flaky.name, input: { n: 1 } }] });
    const failed = await waitForRun(api, (await startRun(api, wf.id)).id);
    const first = attemptsOf(failed, "only")[0]?.id as string;
    expect((await api.post(`/executions/${first}/retry`)).status).toBe(200);
    const again = await waitForRun(api, failed.id);
    expect(again.status).toBe("failed");
    const older = await api.post<{ error: { message: string } }>(`/executions/${first}/retry`);
    expect([older.status, older.body.error.message]).toEqual([
      409,
      `execution '${first}' is an earlier attempt of step 'only': retry its latest attempt (${attemptsOf(again, "only")[1]?.id})`,
    ]);
  });
});

describe("a resumed step's retry policy", () => {
  test("each resume gives the step its whole retry budget again, its attempts numbered after the earlier ones", async ({
    api,
  }) => {
    // 3 attempts per go (max_retries 2); the agent fails its first 6 calls.
    const agent = await countedAgent(api, 6, 2);
    const mock = await registerMockAgent(api, { outputs: { ok: true } });
    const wf = await createWorkflow(api, {
      steps: [
        { id: "before", agent: mock },
        { id: "flaky", agent: agent.name },
        { id: "after", agent: mock },
      ],
    });
    const first = await waitForRun(api, (await startRun(api, wf.id)).id);
    const attempts = (run: typeof first) => attemptsOf(run, "flaky").map((e) => [e.attempt, e.status]);
    expect([first.status, stepStatuses(first), attempts(first), agent.calls()]).toEqual([
      "failed",
      { before: "succeeded", flaky: "failed", after: "skipped" },
      [
        [1, "failure"],
        [2, "failure"],
        [3, "failure"],
      ],
      3,
    ]);

    // Retrying the latest attempt: three more attempts (4, 5, 6), all failing — calls 4 to 6.
    const retried = await api.post<RestRetry>(`/executions/${attemptsOf(first, "flaky")[2]?.id}/retry`);
    expect(retried.status).toBe(200);
    const second = await waitForRun(api, first.id);
    expect([second.status, second.failed_step_id, attempts(second), agent.calls()]).toEqual([
      "failed",
      "flaky",
      [
        [1, "failure"],
        [2, "failure"],
        [3, "failure"],
        [4, "failure"],
        [5, "failure"],
        [6, "failure"],
      ],
      6,
    ]);
    expect(second.steps.find((s) => s.step_id === "flaky")?.attempts).toBe(6);

    // Resuming the run: attempt 7 is the agent's 7th call, which succeeds; the step after runs.
    expect((await api.post(`/workflow-runs/${first.id}/resume`)).status).toBe(200);
    const third = await waitForRun(api, first.id);
    expect([third.status, stepStatuses(third), attempts(third).slice(6), agent.calls()]).toEqual([
      "succeeded",
      { before: "succeeded", flaky: "succeeded", after: "succeeded" },
      [[7, "success"]],
      7,
    ]);
    expect(attemptsOf(third, "flaky").at(-1)?.outputs).toEqual({ call: 7 });
    expect(attemptsOf(third, "before")).toHaveLength(1);
    expect(attemptsOf(third, "after")).toHaveLength(1);
  });
});

describe("retrying an execution outside a run", () => {
  test("invokes its agent again with the same inputs under the same parent, as attempt + 1", async ({ api }) => {
    const flaky = await flakyAgent(api);
    const parent = await api.post<{ id: string }>("/executions", { agent_name: "TestAgent", status: "success" });
    const failed = await api.post<{ id: string }>("/executions", {
      agent_name: flaky.name,
      status: "failure",
      parent_execution_id: parent.body.id,
      inputs: { n: 7 },
      error: "it broke",
    });
    flaky.heal();
    const retried = await api.post<RestRetry>(`/executions/${failed.body.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.run).toBeNull();
    expect(retried.body.execution).toMatchObject({
      attempt: 2,
      parent_execution_id: parent.body.id,
      status: "in_progress",
    });
    const id = retried.body.execution?.id as string;
    const finished = await pollUntil(
      () => api.get<{ status: string; outputs: unknown; inputs: unknown; root_id: string }>(`/executions/${id}`),
      (r) => r.body.status !== "in_progress",
      "the retry to finish",
    );
    expect(finished.body).toMatchObject({
      status: "success",
      inputs: { n: 7 },
      outputs: { step: 7 },
      root_id: parent.body.id,
    });
    expect(flaky.calls()).toBe(1);
  });

  test("an agent that is not registered has no runner: 409, nothing recorded", async ({ api }) => {
    const failed = await api.post<{ id: string }>("/executions", {
      agent_name: "NobodyRegisteredThis",
      status: "failure",
    });
    const before = (await api.get<{ total: number }>("/executions", { agent: "NobodyRegisteredThis" })).body.total;
    const refused = await api.post<{ error: { message: string } }>(`/executions/${failed.body.id}/retry`);
    expect([refused.status, refused.body.error.message]).toEqual([
      409,
      `agent 'NobodyRegisteredThis' is not registered: there is no runner to retry execution '${failed.body.id}' with`,
    ]);
    expect((await api.get<{ total: number }>("/executions", { agent: "NobodyRegisteredThis" })).body.total).toBe(
      before,
    );
  });
});

describe("re-running a run", () => {
  test("starts a new run of the same definition; the body's values replace the old run's one by one", async ({
    api,
  }) => {
    const mock = await registerMockAgent(api, { outputs: { echo: "{{input.v}}-{{input.w}}" } });
    const wf = await createWorkflow(api, {
      parameters: {
        type: "object",
        properties: { v: { type: "string", default: "one" }, w: { type: "string", default: "two" } },
      },
      steps: [{ id: "s", agent: mock, input: { v: "{{params.v}}", w: "{{params.w}}" } }],
    });
    const first = await waitForRun(api, (await startRun(api, wf.id, { v: "first", w: "x" })).id);
    expect(first.outputs).toEqual({ echo: "first-x" });

    const same = await api.post<{ id: string; params: unknown }>(`/workflow-runs/${first.id}/rerun`);
    expect([same.status, same.body.params]).toEqual([201, { v: "first", w: "x" }]);
    expect(same.body.id).not.toBe(first.id);
    expect((await waitForRun(api, same.body.id)).outputs).toEqual({ echo: "first-x" });

    const edited = await api.post<{ id: string; params: unknown }>(`/workflow-runs/${first.id}/rerun`, { v: "second" });
    expect(edited.body.params).toEqual({ v: "second", w: "x" });
    expect((await waitForRun(api, edited.body.id)).outputs).toEqual({ echo: "second-x" });

    const runs = await api.get<{ total: number }>("/workflow-runs", { workflow: wf.id });
    const bad = await api.post<{ error: { code: string; field: string } }>(`/workflow-runs/${first.id}/rerun`, {
      v: 5,
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    expect((await api.get<{ total: number }>("/workflow-runs", { workflow: wf.id })).body.total).toBe(runs.body.total);
  });
});
