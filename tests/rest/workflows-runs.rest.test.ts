// Running workflows through REST: the handoff tree a run records (a root execution, then each
// step under the one it received the work from: sequence, fan-out, supervisor), retries as
// executions of their own, how a failing step or a broken output contract ends the run, parallel
// branches that really overlap, and cancelling a run mid-step.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { RestError } from "../testkit/rest.js";
import {
  attemptsOf,
  createWorkflow,
  executionOf,
  getRun,
  handoffs,
  isFinished,
  overlap,
  pollUntil,
  type RestWorkflowRun,
  registerMockAgent,
  registerNodeScriptAgent,
  rootOf,
  runWorkflow,
  span,
  startRun,
  stepState,
  stepStatuses,
  waitForRun,
  waitForStep,
} from "../testkit/workflows.js";

/** Every execution of the run hangs under its root and names the run, the template and (but the root) its step. */
function expectOneTree(run: RestWorkflowRun, workflowId: string) {
  const root = rootOf(run);
  for (const e of run.executions ?? []) {
    expect({ id: e.id, root_id: e.root_id, workflow_run_id: e.workflow_run_id, workflow_id: e.workflow_id }).toEqual({
      id: e.id,
      root_id: root.id,
      workflow_run_id: run.id,
      workflow_id: workflowId,
    });
  }
}

describe("a sequential run", () => {
  test("hands off step to step under a root execution, resolving params and earlier outputs", async ({ api }) => {
    const planner = await registerMockAgent(api, { outputs: { plan: "plan for {{input.topic}}", n: "{{input.n}}" } });
    const writer = await registerMockAgent(api, { outputs: { draft: "{{input.plan}} (x{{input.n}})" } });
    const reviewer = await registerMockAgent(api, { outputs: { ok: true, text: "{{input.draft}}" } });
    const parameters = {
      type: "object",
      properties: { topic: { type: "string" }, count: { type: "integer", default: 2 } },
      required: ["topic"],
    };
    const { workflow, run } = await runWorkflow(
      api,
      [
        { id: "plan", agent: planner, input: { topic: "{{params.topic}}", n: "{{params.count}}" } },
        {
          id: "write",
          agent: writer,
          input: {
            plan: "{{steps.plan.output.plan}}",
            n: "{{steps.plan.output.n}}",
            status: "{{steps.plan.status}}",
            run: "{{run.id}}",
          },
        },
        { id: "review", agent: reviewer, input: { draft: "{{steps.write.output.draft}}" } },
      ],
      { parameters, params: { topic: "testing" } },
    );

    expect(run).toMatchObject({
      workflow_id: workflow.id,
      workflow_name: workflow.name,
      params: { topic: "testing", count: 2 },
      status: "succeeded",
      error: null,
      failed_step_id: null,
      outputs: { ok: true, text: "plan for testing (x2)" },
      cancel_requested: false,
      resume_count: 0,
    });
    expect(handoffs(run)).toEqual({
      root: [null, 0],
      plan: ["root", 1],
      write: ["plan", 2],
      review: ["write", 3],
    });
    expectOneTree(run, workflow.id);

    const root = rootOf(run);
    expect(root).toMatchObject({
      agent_name: `workflow:${workflow.name}`,
      status: "success",
      inputs: { topic: "testing", count: 2 },
      outputs: { ok: true, text: "plan for testing (x2)" },
      error: null,
      parent_execution_id: null,
      root_id: root.id,
      workflow_step_id: null,
      attempt: 1,
    });
    expect([run.root_execution_id, run.started_at, run.ended_at]).toEqual([root.id, root.timestamp, root.ended_at]);
    expect(run.duration_ms).toBe(Date.parse(root.ended_at as string) - Date.parse(root.timestamp));

    const io = (step: string) => {
      const e = executionOf(run, step);
      return [e.agent_name, e.status, e.attempt, e.inputs, e.outputs, e.error];
    };
    expect(io("plan")).toEqual([
      planner,
      "success",
      1,
      { topic: "testing", n: 2 },
      { plan: "plan for testing", n: 2 },
      null,
    ]);
    expect(io("write")).toEqual([
      writer,
      "success",
      1,
      { plan: "plan for testing", n: 2, status: "succeeded", run: run.id },
      { draft: "plan for testing (x2)" },
      null,
    ]);
    expect(io("review")).toEqual([
      reviewer,
      "success",
      1,
      { draft: "plan for testing (x2)" },
      { ok: true, text: "plan for testing (x2)" },
      null,
    ]);

    // Each step's state points at its execution and carries its outputs and times.
    expect(run.steps).toEqual(
      ["plan", "write", "review"].map((id, position) => {
        const e = executionOf(run, id);
        return {
          step_id: id,
          agent_name: e.agent_name,
          role: "step",
          position,
          status: "succeeded",
          attempts: 1,
          outputs: e.outputs,
          error: null,
          execution_id: e.id,
          started_at: e.timestamp,
          ended_at: e.ended_at,
        };
      }),
    );
  });

  test("a run starts pending and is listed under its template", async ({ api }) => {
    const agent = await registerMockAgent(api, { latency_ms: 50 });
    const workflow = await createWorkflow(api, { steps: [{ id: "only", agent }] });
    const started = await startRun(api, workflow.id);
    expect(started).toMatchObject({
      workflow_id: workflow.id,
      status: "pending",
      params: {},
      root_execution_id: null,
      started_at: null,
      ended_at: null,
      steps: [expect.objectContaining({ step_id: "only", status: "pending", attempts: 0, execution_id: null })],
    });
    const done = await waitForRun(api, started.id);
    expect([done.status, done.outputs]).toEqual(["succeeded", {}]);
    const listed = await api.get<{ runs: { id: string; status: string }[]; total: number }>("/workflow-runs", {
      workflow: workflow.id,
    });
    expect([listed.body.total, listed.body.runs.map((r) => [r.id, r.status])]).toEqual([
      1,
      [[started.id, "succeeded"]],
    ]);
  });
});

describe("a large template", () => {
  // 601 rows: the step rows go in 500 a statement, so the order must hold across statements.
  test("601 steps in a row: every step row written pending in order, then each runs after the one before", async ({
    api,
  }) => {
    const agent = await registerMockAgent(api, { outputs: { n: "{{input.n}}" } });
    const ids = Array.from({ length: 601 }, (_, i) => `s${i}`);
    const workflow = await createWorkflow(api, {
      steps: ids.map((id, i) => ({
        id,
        agent,
        input: { n: i, ...(i > 0 ? { prev: `{{steps.s${i - 1}.output.n}}` } : {}) },
      })),
    });
    const started = await startRun(api, workflow.id);
    expect(started.steps.map((s) => s.step_id)).toEqual(ids);
    expect(new Set(started.steps.map((s) => `${s.status}/${s.attempts}`))).toEqual(new Set(["pending/0"]));
    // Polled slowly: each read carries the run's 600 executions.
    const done = await pollUntil(() => getRun(api, started.id), isFinished, "the 601-step run", 60_000, 500);
    expect(done.status).toBe("succeeded");
    expect(done.steps.map((s) => [s.step_id, s.status])).toEqual(ids.map((id) => [id, "succeeded"]));
    // The last step read the output of the one before it: the order held across the insert's chunks.
    expect(executionOf(done, "s600").inputs).toEqual({ n: 600, prev: 599 });
  }, 90_000);
});

describe("runs at the same time", () => {
  test("each get a tree of their own and all finish", async ({ api }) => {
    const agent = await registerMockAgent(api, { latency_ms: 20, outputs: { n: "{{input.n}}" } });
    const workflow = await createWorkflow(api, {
      parameters: { type: "object", properties: { n: { type: "integer" } } },
      steps: [
        { id: "a", agent, input: { n: "{{params.n}}" } },
        {
          parallel: [
            { id: "b", agent, input: { n: "{{steps.a.output.n}}" } },
            { id: "c", agent, input: { n: "{{steps.a.output.n}}" } },
          ],
        },
        { id: "d", agent, input: { n: "{{steps.c.output.n}}" } },
      ],
    });
    const ns = [1, 2, 3, 4, 5, 6, 7, 8];
    const started = await Promise.all(ns.map((n) => startRun(api, workflow.id, { n })));
    const runs = await Promise.all(started.map((r) => waitForRun(api, r.id)));
    expect(runs.map((r) => [r.status, r.outputs])).toEqual(ns.map((n) => ["succeeded", { n }]));
    for (const run of runs) {
      expect(handoffs(run)).toEqual({
        root: [null, 0],
        a: ["root", 1],
        b: ["a", 2],
        c: ["a", 2],
        d: ["a", 2],
      });
      expectOneTree(run, workflow.id);
    }
  });
});

describe("a parallel group", () => {
  test("fans out from the step before it; the node after it hands off from the same source", async ({ api }) => {
    const agent = await registerMockAgent(api, { outputs: { said: "{{input.say}}" } });
    const step = (id: string, input: unknown = { say: id }) => ({ id, agent, input });
    const { workflow, run } = await runWorkflow(api, [
      step("a"),
      { parallel: [step("b"), step("c"), { sequential: [step("d"), step("e", { say: "{{steps.d.output.said}}!" })] }] },
      step("f", { say: "{{steps.b.output.said}}+{{steps.e.output.said}}" }),
    ]);

    expect(run.status).toBe("succeeded");
    expect(handoffs(run)).toEqual({
      root: [null, 0],
      a: ["root", 1],
      b: ["a", 2],
      c: ["a", 2],
      d: ["a", 2],
      e: ["d", 3],
      f: ["a", 2],
    });
    expectOneTree(run, workflow.id);
    expect(executionOf(run, "e").outputs).toEqual({ said: "d!" });
    expect(run.outputs).toEqual({ said: "b+d!" });
    expect(stepStatuses(run)).toEqual({
      a: "succeeded",
      b: "succeeded",
      c: "succeeded",
      d: "succeeded",
      e: "succeeded",
      f: "succeeded",
    });
  });

  test("a group first in the template fans out from the root, and so does the step after it", async ({ api }) => {
    const agent = await registerMockAgent(api, { outputs: { v: "{{input.v}}" } });
    const { run } = await runWorkflow(api, [
      {
        parallel: [
          { id: "x", agent, input: { v: 1 } },
          { id: "y", agent, input: { v: 2 } },
        ],
      },
      { id: "z", agent, input: { v: "{{steps.x.output.v}}" } },
    ]);
    expect(run.status).toBe("succeeded");
    expect(handoffs(run)).toEqual({ root: [null, 0], x: ["root", 1], y: ["root", 1], z: ["root", 1] });
  });

  test("a last group's outputs are the run's, by step id", async ({ api }) => {
    const agent = await registerMockAgent(api, { outputs: { v: "{{input.v}}" } });
    const { run } = await runWorkflow(api, [
      { id: "first", agent, input: { v: 0 } },
      {
        parallel: [
          { id: "left", agent, input: { v: 1 } },
          { id: "right", agent, input: { v: 2 } },
        ],
      },
    ]);
    expect([run.status, run.outputs]).toEqual(["succeeded", { left: { v: 1 }, right: { v: 2 } }]);
  });

  test("branches run at the same time and the next step waits for the slowest", async ({ api }) => {
    const slow = await registerMockAgent(api, { latency_ms: 300, outputs: { done: "{{input.n}}" } });
    const quick = await registerMockAgent(api);
    const { run } = await runWorkflow(api, [
      {
        parallel: [
          { id: "b1", agent: slow, input: { n: 1 } },
          { id: "b2", agent: slow, input: { n: 2 } },
          { id: "b3", agent: slow, input: { n: 3, __mock: { latency_ms: 150 } } },
        ],
      },
      { id: "join", agent: quick },
    ]);
    expect(run.status).toBe("succeeded");
    const branches = ["b1", "b2", "b3"].map((id) => span(executionOf(run, id)));
    for (const [i, a] of branches.entries())
      for (const [j, b] of branches.entries())
        if (i !== j) expect({ i, j, overlap: overlap(a, b) }).toEqual({ i, j, overlap: true });
    for (const [start, end] of branches) expect(end - start).toBeGreaterThanOrEqual(140);
    const groupStart = Math.min(...branches.map((b) => b[0]));
    const groupEnd = Math.max(...branches.map((b) => b[1]));
    // One 300 ms branch after another would take 750 ms; side by side, a little over 300.
    expect(groupEnd - groupStart).toBeLessThan(600);
    expect(Date.parse(executionOf(run, "join").timestamp)).toBeGreaterThanOrEqual(groupEnd);
  });
});

describe("a hierarchical group", () => {
  test("runs the workers under the supervisor, then the aggregate with every worker's output", async ({ api }) => {
    const lead = await registerMockAgent(api, { outputs: { tasks: ["lint", "test"], by: "lead" } });
    const worker = await registerMockAgent(api, { outputs: { task: "{{input.task}}", ok: true } });
    const after = await registerMockAgent(api, { outputs: { summary: "{{input.s}}" } });
    const { workflow, run } = await runWorkflow(api, [
      {
        hierarchical: {
          supervisor: { id: "lead", agent: lead, input: { goal: "ship" } },
          workers: [
            { id: "w_lint", agent: worker, input: { task: "{{steps.lead.output.tasks[0]}}" } },
            { id: "w_test", agent: worker, input: { task: "{{steps.lead.output.tasks[1]}}" } },
          ],
          aggregate: {
            id: "merge",
            // `\\{{` keeps the mock's own `{{input.…}}` placeholder away from the template's expressions.
            input: {
              all: "{{workers}}",
              lint: "{{workers.w_lint.task}}",
              __mock: { outputs: { merged: "\\{{input.all}}" } },
            },
          },
        },
      },
      { id: "report", agent: after, input: { s: "{{steps.merge.output.merged.w_test.task}} done" } },
    ]);

    expect(run.status).toBe("succeeded");
    expect(handoffs(run)).toEqual({
      root: [null, 0],
      lead: ["root", 1],
      w_lint: ["lead", 2],
      w_test: ["lead", 2],
      merge: ["lead", 2],
      report: ["merge", 3],
    });
    expectOneTree(run, workflow.id);
    const workers = { w_lint: { task: "lint", ok: true }, w_test: { task: "test", ok: true } };
    const merge = executionOf(run, "merge");
    // The aggregate runs as the supervisor's agent unless it names its own.
    expect(merge.agent_name).toBe(lead);
    expect(merge.inputs).toEqual({
      all: workers,
      lint: "lint",
      __mock: { outputs: { merged: "{{input.all}}" } },
    });
    expect(merge.outputs).toEqual({ merged: workers });
    expect(run.outputs).toEqual({ summary: "test done" });
    expect(run.steps.map((s) => [s.step_id, s.role, s.position, s.agent_name, s.status])).toEqual([
      ["lead", "supervisor", 0, lead, "succeeded"],
      ["w_lint", "worker", 1, worker, "succeeded"],
      ["w_test", "worker", 2, worker, "succeeded"],
      ["merge", "aggregate", 3, lead, "succeeded"],
      ["report", "step", 4, after, "succeeded"],
    ]);
    const leadEnd = span(executionOf(run, "lead"))[1];
    const workerEnds = ["w_lint", "w_test"].map((id) => span(executionOf(run, id)));
    for (const [start] of workerEnds) expect(start).toBeGreaterThanOrEqual(leadEnd);
    expect(Date.parse(merge.timestamp)).toBeGreaterThanOrEqual(Math.max(...workerEnds.map((w) => w[1])));
  });

  test("nests: a group of workers hands off inside itself, and a hierarchy in a branch hands off from the fan-out", async ({
    api,
  }) => {
    const agent = await registerMockAgent(api, { outputs: { v: "{{input.v}}" } });
    const step = (id: string, v: unknown = id) => ({ id, agent, input: { v } });
    const { run } = await runWorkflow(api, [
      step("start"),
      {
        parallel: [
          {
            hierarchical: {
              supervisor: step("sup"),
              workers: [step("w1"), { sequential: [step("w2"), step("w3", "{{steps.w2.output.v}}+")] }],
              aggregate: { id: "agg", input: { v: "{{workers}}" } },
            },
          },
          step("side"),
        ],
      },
      step("end", "{{steps.agg.output.v.w3}}"),
    ]);
    expect(run.status).toBe("succeeded");
    expect(handoffs(run)).toEqual({
      root: [null, 0],
      start: ["root", 1],
      sup: ["start", 2],
      w1: ["sup", 3],
      w2: ["sup", 3],
      w3: ["w2", 4],
      agg: ["sup", 3],
      side: ["start", 2],
      end: ["start", 2],
    });
    expect(executionOf(run, "agg").outputs).toEqual({ v: { w1: { v: "w1" }, w2: { v: "w2" }, w3: { v: "w2+" } } });
    expect(run.outputs).toEqual({ v: { v: "w2+" } });
  });

  test("a failing supervisor skips its workers and aggregate", async ({ api }) => {
    const agent = await registerMockAgent(api);
    const { run } = await runWorkflow(api, [
      {
        hierarchical: {
          supervisor: { id: "sup", agent, input: { __mock: { fail: "no plan" } } },
          workers: [{ id: "w", agent }],
          aggregate: { id: "agg" },
        },
      },
    ]);
    expect([run.status, run.error, run.failed_step_id]).toEqual(["failed", "step 'sup' failed: no plan", "sup"]);
    expect(stepStatuses(run)).toEqual({ sup: "failed", w: "skipped", agg: "skipped" });
    expect(Object.keys(handoffs(run)).sort()).toEqual(["root", "sup"]);
  });

  test("a failing worker skips the aggregate and fails the run", async ({ api }) => {
    const agent = await registerMockAgent(api);
    const { run } = await runWorkflow(api, [
      {
        hierarchical: {
          supervisor: { id: "sup", agent },
          workers: [
            { id: "good", agent },
            { id: "bad", agent, input: { __mock: { fail: "worker crashed" } } },
          ],
          aggregate: { id: "agg" },
        },
      },
      { id: "next", agent },
    ]);
    expect([run.status, run.error, run.failed_step_id]).toEqual(["failed", "step 'bad' failed: worker crashed", "bad"]);
    expect(stepStatuses(run)).toEqual({
      sup: "succeeded",
      good: "succeeded",
      bad: "failed",
      agg: "skipped",
      next: "skipped",
    });
    expect(Object.keys(handoffs(run)).sort()).toEqual(["bad", "good", "root", "sup"]);
  });
});

describe("retries", () => {
  test("each attempt is an execution of its own under the same parent, as many as the agent's policy allows", async ({
    api,
  }) => {
    const flaky = await registerMockAgent(
      api,
      { failure_rate: 1, error: "service unavailable" },
      { retry: { max_retries: 2, backoff: "fixed", initial_delay_ms: 60, max_delay_ms: 60 } },
    );
    const ok = await registerMockAgent(api);
    const { run } = await runWorkflow(api, [
      { id: "prep", agent: ok },
      { id: "call", agent: flaky },
      { id: "after", agent: ok },
    ]);

    expect([run.status, run.error, run.failed_step_id]).toEqual([
      "failed",
      "step 'call' failed: service unavailable",
      "call",
    ]);
    expect(handoffs(run)).toEqual({
      root: [null, 0],
      prep: ["root", 1],
      call: ["prep", 2],
      "call#2": ["prep", 2],
      "call#3": ["prep", 2],
    });
    const attempts = attemptsOf(run, "call");
    expect(attempts.map((e) => [e.attempt, e.status, e.error, e.agent_name])).toEqual([
      [1, "failure", "service unavailable", flaky],
      [2, "failure", "service unavailable", flaky],
      [3, "failure", "service unavailable", flaky],
    ]);
    // The policy's delay separates the attempts.
    for (let i = 1; i < attempts.length; i++) {
      const prevEnd = span(attempts[i - 1] as (typeof attempts)[number])[1];
      expect(Date.parse((attempts[i] as (typeof attempts)[number]).timestamp) - prevEnd).toBeGreaterThanOrEqual(58);
    }
    expect(stepState(run, "call")).toMatchObject({
      status: "failed",
      attempts: 3,
      error: "service unavailable",
      execution_id: attempts[2]?.id,
      outputs: null,
    });
    expect(stepState(run, "after")).toMatchObject({ status: "skipped", attempts: 0, execution_id: null });
  });

  test("a step's retry overrides its agent's policy, in both directions", async ({ api }) => {
    const patient = await registerMockAgent(
      api,
      { failure_rate: 1, error: "nope" },
      { retry: { max_retries: 5, backoff: "fixed", initial_delay_ms: 0, max_delay_ms: 0 } },
    );
    const impatient = await registerMockAgent(api, { failure_rate: 1, error: "nope" });

    const fewer = await runWorkflow(api, [{ id: "s", agent: patient, retry: { max_retries: 1 } }]);
    expect([fewer.run.status, stepState(fewer.run, "s").attempts, attemptsOf(fewer.run, "s").length]).toEqual([
      "failed",
      2,
      2,
    ]);

    const more = await runWorkflow(api, [
      {
        id: "s",
        agent: impatient,
        retry: { max_retries: 3, backoff: "linear", initial_delay_ms: 10, max_delay_ms: 50 },
      },
    ]);
    expect([more.run.status, stepState(more.run, "s").attempts]).toEqual(["failed", 4]);
    expect(attemptsOf(more.run, "s").map((e) => [e.attempt, e.status])).toEqual([
      [1, "failure"],
      [2, "failure"],
      [3, "failure"],
      [4, "failure"],
    ]);
  });

  test("a step that succeeds on a retry hands off from its successful attempt", async ({ api }) => {
    const dir = mkdtempSync(join(tmpdir(), "baton-retry-"));
    try {
      // Fails twice (counting its calls in a file), then answers.
      const script = `
        const fs = require("node:fs");
        const file = process.argv[1];
        const n = fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8")) + 1 : 1;
        fs.writeFileSync(file, String(n));
        if (n < 3) { console.error("not yet (call " + n + ")"); process.exit(1); }
        console.log(JSON.stringify({ call: n }));`;
      const third = await registerNodeScriptAgent(
        api,
        script,
        { args: [join(dir, "calls")] },
        { retry: { max_retries: 3, backoff: "exponential", initial_delay_ms: 40, max_delay_ms: 1000 } },
      );
      const echo = await registerMockAgent(api, { outputs: { got: "{{input.call}}" } });
      const { run } = await runWorkflow(api, [
        { id: "eventually", agent: third },
        { id: "next", agent: echo, input: { call: "{{steps.eventually.output.call}}" } },
      ]);

      expect(run.status).toBe("succeeded");
      expect(handoffs(run)).toEqual({
        root: [null, 0],
        eventually: ["root", 1],
        "eventually#2": ["root", 1],
        "eventually#3": ["root", 1],
        next: ["eventually#3", 2],
      });
      const attempts = attemptsOf(run, "eventually");
      expect(attempts.map((e) => [e.status, e.error, e.outputs])).toEqual([
        ["failure", "exited with code 1: not yet (call 1)", null],
        ["failure", "exited with code 1: not yet (call 2)", null],
        ["success", null, { call: 3 }],
      ]);
      // Exponential backoff: 40 ms before attempt 2, 80 ms before attempt 3.
      const gap = (i: number) =>
        Date.parse((attempts[i] as (typeof attempts)[number]).timestamp) -
        span(attempts[i - 1] as (typeof attempts)[number])[1];
      expect(gap(1)).toBeGreaterThanOrEqual(38);
      expect(gap(2)).toBeGreaterThanOrEqual(78);
      // The step ran from its first attempt's start to its last attempt's end.
      expect(stepState(run, "eventually")).toMatchObject({
        status: "succeeded",
        attempts: 3,
        error: null,
        outputs: { call: 3 },
        execution_id: attempts[2]?.id,
        started_at: attempts[0]?.timestamp,
        ended_at: attempts[2]?.ended_at,
      });
      expect(executionOf(run, "next").outputs).toEqual({ got: 3 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a failing step", () => {
  test("fails the run naming the step, skips everything after it and ends the root in failure", async ({ api }) => {
    const agent = await registerMockAgent(api, { outputs: { ok: true } });
    const { run } = await runWorkflow(api, [
      { id: "a", agent },
      { id: "b", agent, input: { __mock: { fail: "disk full" } } },
      { id: "c", agent },
      {
        parallel: [
          { id: "d", agent },
          { id: "e", agent },
        ],
      },
    ]);

    expect([run.status, run.error, run.failed_step_id]).toEqual(["failed", "step 'b' failed: disk full", "b"]);
    expect(stepStatuses(run)).toEqual({ a: "succeeded", b: "failed", c: "skipped", d: "skipped", e: "skipped" });
    expect(stepState(run, "b")).toMatchObject({ attempts: 1, error: "disk full", outputs: null });
    expect(handoffs(run)).toEqual({ root: [null, 0], a: ["root", 1], b: ["a", 2] });
    expect(executionOf(run, "b")).toMatchObject({ status: "failure", error: "disk full", outputs: null });
    expect(rootOf(run)).toMatchObject({ status: "failure", error: "step 'b' failed: disk full" });
    expect(run.ended_at).toBe(rootOf(run).ended_at);
  });

  test("an optional parallel step may fail without failing the run", async ({ api }) => {
    const agent = await registerMockAgent(api, { outputs: { ok: true } });
    const { run } = await runWorkflow(api, [
      {
        parallel: [
          { id: "nice_to_have", agent, optional: true, input: { __mock: { fail: "lint server down" } } },
          { id: "must", agent },
        ],
      },
      { id: "after", agent },
    ]);
    expect([run.status, run.error, run.failed_step_id, run.outputs]).toEqual(["succeeded", null, null, { ok: true }]);
    expect(stepStatuses(run)).toEqual({ nice_to_have: "failed", must: "succeeded", after: "succeeded" });
    expect(stepState(run, "nice_to_have").error).toBe("lint server down");
    expect(handoffs(run)).toEqual({
      root: [null, 0],
      nice_to_have: ["root", 1],
      must: ["root", 1],
      after: ["root", 1],
    });
    expect(rootOf(run).status).toBe("success");
  });

  test("a later step reads an optional step's failure in {{steps.<id>.status}}", async ({ api }) => {
    const agent = await registerMockAgent(api, { outputs: { ok: true } });
    const report = await registerMockAgent(api, { outputs: { lint: "{{input.lint}}", out: "{{input.out}}" } });
    const { run } = await runWorkflow(api, [
      {
        parallel: [
          { id: "lint", agent, optional: true, input: { __mock: { fail: "linter crashed" } } },
          { id: "build", agent },
        ],
      },
      { id: "report", agent: report, input: { lint: "{{steps.lint.status}}", out: "{{steps.lint.output}}" } },
    ]);
    expect(run.status).toBe("succeeded");
    // The status is the one thing a later step can learn about an optional step: it must say it failed.
    expect(executionOf(run, "report").inputs).toEqual({ lint: "failed", out: null });
    expect(run.outputs).toEqual({ lint: "failed", out: null });
  });

  test("a step whose agent is no longer registered (renamed since) fails the run, naming the agent", async ({
    api,
  }) => {
    const agent = await registerMockAgent(api);
    const gone = await registerMockAgent(api);
    const workflow = await createWorkflow(api, {
      steps: [
        { id: "a", agent },
        { id: "b", agent: gone },
        { id: "c", agent },
      ],
    });
    // Deleting an agent a template calls is refused (409); renaming it leaves the step's name behind.
    expect((await api.delete(`/agents/${gone}`)).status).toBe(409);
    expect((await api.patch(`/agents/${gone}`, { name: `${gone}Renamed` })).status).toBe(200);
    const run = await waitForRun(api, (await startRun(api, workflow.id)).id);
    expect([run.status, run.error, run.failed_step_id]).toEqual([
      "failed",
      `step 'b' failed: agent '${gone}' is not registered`,
      "b",
    ]);
    expect(stepStatuses(run)).toEqual({ a: "succeeded", b: "failed", c: "skipped" });
    expect(executionOf(run, "b")).toMatchObject({
      agent_name: gone,
      status: "failure",
      parent_execution_id: executionOf(run, "a").id,
    });
  });

  test("a failing branch lets its siblings finish, then fails the run", async ({ api }) => {
    const agent = await registerMockAgent(api, { outputs: { ok: true } });
    const { run } = await runWorkflow(api, [
      {
        parallel: [
          { id: "fast_fail", agent, input: { __mock: { fail: "bad input" } } },
          { id: "slow_ok", agent, input: { __mock: { latency_ms: 200 } } },
        ],
      },
      { id: "after", agent },
    ]);
    expect([run.status, run.error, run.failed_step_id]).toEqual([
      "failed",
      "step 'fast_fail' failed: bad input",
      "fast_fail",
    ]);
    expect(stepStatuses(run)).toEqual({ fast_fail: "failed", slow_ok: "succeeded", after: "skipped" });
    expect(executionOf(run, "slow_ok").status).toBe("success");
  });
});

describe("an output contract", () => {
  const contract = {
    type: "object",
    required: ["count", "items"],
    properties: { count: { type: "integer" }, items: { type: "array", items: { type: "string" } } },
  };

  test("fails the step whose outputs break it, naming where; the next step never runs", async ({ api }) => {
    const agent = await registerMockAgent(api, { outputs: { count: "three", items: ["a", 2] } });
    const next = await registerMockAgent(api);
    const { run } = await runWorkflow(api, [
      { id: "produce", agent, output_schema: contract },
      { id: "consume", agent: next, input: { n: "{{steps.produce.output.count}}" } },
    ]);

    const error = "output breaks the step's contract: /count must be integer; /items/1 must be string";
    expect([run.status, run.error, run.failed_step_id]).toEqual([
      "failed",
      `step 'produce' failed: ${error}`,
      "produce",
    ]);
    expect(stepStatuses(run)).toEqual({ produce: "failed", consume: "skipped" });
    // The execution keeps what the agent answered, for whoever debugs the contract.
    expect(executionOf(run, "produce")).toMatchObject({
      status: "failure",
      error,
      outputs: { count: "three", items: ["a", 2] },
    });
    expect(stepState(run, "produce")).toMatchObject({ status: "failed", error, outputs: null });
    expect(attemptsOf(run, "consume")).toEqual([]);
  });

  test("names a missing required output", async ({ api }) => {
    const agent = await registerMockAgent(api, { outputs: { count: 1 } });
    const { run } = await runWorkflow(api, [{ id: "produce", agent, output_schema: contract }]);
    expect(run.error).toBe(
      "step 'produce' failed: output breaks the step's contract: must have required property 'items'",
    );
  });

  test("passes outputs that keep it on to the next step", async ({ api }) => {
    const agent = await registerMockAgent(api, { outputs: { count: 2, items: ["a", "b"] } });
    const next = await registerMockAgent(api, { outputs: { n: "{{input.n}}" } });
    const { run } = await runWorkflow(api, [
      { id: "produce", agent, output_schema: contract },
      { id: "consume", agent: next, input: { n: "{{steps.produce.output.count}}" } },
    ]);
    expect([run.status, run.outputs]).toEqual(["succeeded", { n: 2 }]);
  });
});

describe("POST /workflow-runs/{id}/cancel", () => {
  test("stops the running step at once and cancels what was left", async ({ api }) => {
    const slow = await registerMockAgent(api, { latency_ms: 5000 });
    const quick = await registerMockAgent(api);
    const workflow = await createWorkflow(api, {
      steps: [
        { id: "first", agent: quick },
        { id: "long", agent: slow },
        {
          parallel: [
            { id: "p1", agent: quick },
            { id: "p2", agent: quick },
          ],
        },
      ],
    });
    const started = await startRun(api, workflow.id);
    await waitForStep(api, started.id, "long", "running");

    const asked = Date.now();
    const res = await api.post<RestWorkflowRun>(`/workflow-runs/${started.id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: started.id, cancel_requested: true });
    const run = await waitForRun(api, started.id, 5000);
    expect(Date.now() - asked).toBeLessThan(2000);

    expect([run.status, run.error, run.failed_step_id]).toEqual(["cancelled", "cancelled", null]);
    expect(stepStatuses(run)).toEqual({ first: "succeeded", long: "cancelled", p1: "cancelled", p2: "cancelled" });
    const long = executionOf(run, "long");
    expect(long.status).toBe("cancelled");
    expect(Date.parse(long.ended_at as string) - Date.parse(long.timestamp)).toBeLessThan(2000);
    expect(rootOf(run).status).toBe("cancelled");
    expect(Object.keys(handoffs(run)).sort()).toEqual(["first", "long", "root"]);
  });

  test("stops every running parallel branch", async ({ api }) => {
    const slow = await registerMockAgent(api, { latency_ms: 5000 });
    const workflow = await createWorkflow(api, {
      steps: [
        {
          parallel: [
            { id: "b1", agent: slow },
            { id: "b2", agent: slow },
          ],
        },
        { id: "after", agent: slow },
      ],
    });
    const started = await startRun(api, workflow.id);
    await waitForStep(api, started.id, "b2", "running");
    await waitForStep(api, started.id, "b1", "running");
    const asked = Date.now();
    expect((await api.post(`/workflow-runs/${started.id}/cancel`)).status).toBe(200);
    const run = await waitForRun(api, started.id, 5000);
    expect(Date.now() - asked).toBeLessThan(2000);
    expect(stepStatuses(run)).toEqual({ b1: "cancelled", b2: "cancelled", after: "cancelled" });
    expect([executionOf(run, "b1").status, executionOf(run, "b2").status, rootOf(run).status]).toEqual([
      "cancelled",
      "cancelled",
      "cancelled",
    ]);
  });

  test("stops a step waiting to retry without another attempt", async ({ api }) => {
    const flaky = await registerMockAgent(
      api,
      { failure_rate: 1, error: "busy" },
      { retry: { max_retries: 3, backoff: "fixed", initial_delay_ms: 5000, max_delay_ms: 5000 } },
    );
    const workflow = await createWorkflow(api, { steps: [{ id: "call", agent: flaky }] });
    const started = await startRun(api, workflow.id);
    // The first attempt failed and the step is waiting 5 s for the second.
    await pollUntil(
      () => getRun(api, started.id),
      (r) => (r.executions ?? []).some((e) => e.workflow_step_id === "call" && e.status === "failure"),
      "first attempt failing",
    );
    const asked = Date.now();
    expect((await api.post(`/workflow-runs/${started.id}/cancel`)).status).toBe(200);
    const run = await waitForRun(api, started.id, 5000);
    expect(Date.now() - asked).toBeLessThan(2000);
    expect([run.status, stepState(run, "call").status, stepState(run, "call").attempts]).toEqual([
      "cancelled",
      "cancelled",
      1,
    ]);
    expect(attemptsOf(run, "call").map((e) => [e.attempt, e.status])).toEqual([[1, "failure"]]);
  });

  test("refuses a run that already finished with 409, and an unknown run with 404", async ({ api }) => {
    const agent = await registerMockAgent(api);
    const { run } = await runWorkflow(api, [{ id: "only", agent }]);
    const again = await api.post<RestError>(`/workflow-runs/${run.id}/cancel`);
    expect([again.status, again.body.error]).toEqual([
      409,
      { code: "CONFLICT", message: `run '${run.id}' already finished (succeeded)`, field: "id" },
    ]);
    expect((await getRun(api, run.id)).cancel_requested).toBe(false);

    const unknown = await api.post<RestError>("/workflow-runs/no-such-run/cancel");
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "NOT_FOUND"]);
  });
});
