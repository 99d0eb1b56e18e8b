// The executor without a server: an in-memory RunStore that keeps what a database would (runs,
// step rows, executions), an Emitter that records every announcement with the stored state at that
// moment, and a scripted runner. Covers the order of steps and the handoff tree they record
// (sequential, parallel, hierarchical), failures, retries, timeouts, contracts, cancel, shutdown
// and resuming a run some other process left half done.
import { describe, expect, test } from "vitest";
import { executeRun, type ExecutorDeps } from "../../server/engine/executor.js";
import type {
  AgentRuntime,
  ExecutionRecord,
  FinishedExecution,
  NewExecution,
  RunChange,
  RunEvent,
  RunStore,
  StepChange,
  StoredRun,
  StoredStep,
} from "../../server/engine/ports.js";
import {
  type Json,
  type JsonObject,
  type NodeDef,
  RUNNER_KINDS,
  type RunnerInvocation,
  type RunnerKind,
  type RunnerResult,
  type RunStatus,
  type StepDef,
} from "../../server/engine/types.js";

// ---- an in-memory database ------------------------------------------------------------------

interface MemExecution extends NewExecution {
  status: "in_progress" | FinishedExecution["status"];
  outputs: Json | undefined;
  error: string | null;
  endedAt: Date | null;
}
interface MemStep extends StoredStep {
  startedAt: Date | null;
  endedAt: Date | null;
}
interface MemRun {
  id: string;
  workflowId: string | null;
  workflowName: string;
  definition: { parameters: JsonObject; steps: NodeDef[]; on_failure?: "fail" | "rollback" };
  params: JsonObject;
  status: RunStatus;
  error: string | null;
  failedStepId: string | null;
  outputs: Json | undefined;
  rootExecutionId: string | null;
  cancelRequested: boolean;
  startedAt: Date | null;
  endedAt: Date | null;
  steps: Map<string, MemStep>;
}

const clone = <T>(v: T): T => structuredClone(v);

class MemoryStore implements RunStore {
  readonly runs = new Map<string, MemRun>();
  readonly executions = new Map<string, MemExecution>();
  /** Every write, in order: `startAttempt s1`, `finishRun`… */
  readonly writes: string[] = [];
  /** What each finishRun wrote. */
  readonly finishes: RunChange[] = [];

  executionsOf(runId: string): MemExecution[] {
    return [...this.executions.values()].filter((e) => e.workflowRunId === runId);
  }

  async load(runId: string): Promise<StoredRun | null> {
    const run = this.runs.get(runId);
    if (!run) return null;
    const execs = this.executionsOf(runId);
    return {
      id: run.id,
      workflowId: run.workflowId,
      workflowName: run.workflowName,
      definition: clone(run.definition),
      params: clone(run.params),
      status: run.status,
      rootExecutionId: run.rootExecutionId,
      cancelRequested: run.cancelRequested,
      steps: [...run.steps.values()].map((s) => ({
        stepId: s.stepId,
        status: s.status,
        attempts: s.attempts,
        outputs: clone(s.outputs),
        error: s.error,
        executionId: s.executionId,
      })),
      executionDepths: new Map(execs.map((e) => [e.id, e.depth])),
      executionStatuses: new Map(execs.map((e) => [e.id, e.status])),
      openExecutions: execs
        .filter((e) => e.status === "in_progress")
        .map((e) => ({ ...clone(e), status: "in_progress" as const })),
    };
  }

  private insert(e: NewExecution) {
    if (this.executions.has(e.id)) throw new Error(`duplicate execution id ${e.id}`);
    this.executions.set(e.id, { ...clone(e), status: "in_progress", outputs: undefined, error: null, endedAt: null });
  }

  private finish(e: FinishedExecution) {
    const row = this.executions.get(e.id);
    if (!row) throw new Error(`no execution ${e.id}`);
    Object.assign(row, { status: e.status, error: e.error, endedAt: e.endedAt });
    if (e.outputs !== undefined) row.outputs = clone(e.outputs);
  }

  private change(runId: string, ids: string[], c: StepChange) {
    const run = this.runs.get(runId) as MemRun;
    for (const id of ids) {
      const s = run.steps.get(id);
      if (!s) throw new Error(`no step ${id}`);
      s.status = c.status;
      if (c.attempts !== undefined) s.attempts = c.attempts;
      if (c.outputs !== undefined) s.outputs = clone(c.outputs);
      if (c.error !== undefined) s.error = c.error;
      if (c.executionId !== undefined) s.executionId = c.executionId;
      if (c.startedAt) s.startedAt ??= c.startedAt;
      if (c.endedAt) s.endedAt = c.endedAt;
    }
  }

  private update(runId: string, c: RunChange) {
    const run = this.runs.get(runId) as MemRun;
    if (c.status) run.status = c.status;
    if (c.error !== undefined) run.error = c.error;
    if (c.failedStepId !== undefined) run.failedStepId = c.failedStepId;
    if (c.outputs !== undefined) run.outputs = clone(c.outputs);
    if (c.rootExecutionId) run.rootExecutionId = c.rootExecutionId;
    if (c.startedAt) run.startedAt ??= c.startedAt;
    if (c.endedAt) run.endedAt = c.endedAt;
  }

  async startAttempt(runId: string, stepId: string, e: NewExecution) {
    this.writes.push(`startAttempt ${stepId}`);
    this.insert(e);
    this.change(runId, [stepId], {
      status: "running",
      attempts: e.attempt,
      executionId: e.id,
      error: null,
      startedAt: e.startedAt,
    });
  }
  async finishAttempt(runId: string, stepId: string, e: FinishedExecution, step: StepChange) {
    this.writes.push(`finishAttempt ${stepId} ${e.status}`);
    this.finish(e);
    this.change(runId, [stepId], step);
  }
  async setSteps(runId: string, ids: string[], change: StepChange) {
    if (ids.length === 0) return;
    this.writes.push(`setSteps ${ids.join(",")} ${change.status}`);
    this.change(runId, ids, change);
  }
  async startRun(runId: string, root: NewExecution | null, change: RunChange) {
    this.writes.push("startRun");
    if (root) this.insert(root);
    this.update(runId, change);
  }
  async finishRun(runId: string, change: RunChange, root: FinishedExecution | null) {
    this.writes.push(`finishRun ${change.status}`);
    this.finishes.push(clone(change));
    if (root) this.finish(root);
    this.update(runId, change);
  }
  async claimOrphans(): Promise<string[]> {
    return [];
  }
  async heartbeat(): Promise<string[]> {
    return [];
  }
  async release() {}
}

// ---- a run to execute -----------------------------------------------------------------------

interface Announced {
  event: RunEvent;
  /** The step's stored row when its event was announced (step events only). */
  stored: StoredStep | null;
}

type Script = (inv: RunnerInvocation) => Promise<RunnerResult> | RunnerResult;

/** A runner for every kind: `scripts[stepId]` decides, else it succeeds with `{ step, attempt }`. */
function scriptedRunners(scripts: Record<string, Script>, calls: RunnerInvocation[]) {
  const run = async (inv: RunnerInvocation): Promise<RunnerResult> => {
    calls.push(inv);
    const script = scripts[inv.stepId];
    return script ? script(inv) : { ok: true, outputs: { step: inv.stepId, attempt: inv.attempt } };
  };
  return Object.fromEntries(RUNNER_KINDS.map((kind) => [kind, { kind, run }])) as ExecutorDeps["runners"];
}

/** Resolves when `signal` aborts (a runner that only ends when stopped). */
const untilAborted = (signal: AbortSignal) =>
  new Promise<RunnerResult>((resolve) => {
    if (signal.aborted) resolve({ ok: false, error: "aborted" });
    signal.addEventListener("abort", () => resolve({ ok: false, error: "aborted" }), { once: true });
  });

const noRetry = { max_retries: 0, backoff: "fixed", initial_delay_ms: 0, max_delay_ms: 0 } as const;

function setup(steps: NodeDef[], options: { scripts?: Record<string, Script>; params?: JsonObject } = {}) {
  const store = new MemoryStore();
  const announced: Announced[] = [];
  const executionEvents: { kind: "recorded" | "updated"; execution: ExecutionRecord }[] = [];
  const calls: RunnerInvocation[] = [];
  const agents = new Map<string, AgentRuntime>();
  let ids = 0;
  const runId = "run-1";
  const deps: ExecutorDeps = {
    store,
    emit: {
      run(event) {
        const row = event.kind === "step" ? store.runs.get(event.runId)?.steps.get(event.stepId) : undefined;
        announced.push({
          event: clone(event),
          stored: row
            ? {
                stepId: row.stepId,
                status: row.status,
                attempts: row.attempts,
                outputs: clone(row.outputs),
                error: row.error,
                executionId: row.executionId,
              }
            : null,
        });
      },
      execution(kind, execution) {
        executionEvents.push({ kind, execution: clone(execution) });
      },
    },
    runners: scriptedRunners(options.scripts ?? {}, calls),
    agents: async (name) => agents.get(name) ?? null,
    newId: () => {
      ids += 1;
      return `ex-${ids}`;
    },
  };
  const stepIds: string[] = [];
  const collect = (n: NodeDef) => {
    if ("id" in n && typeof n.id === "string") stepIds.push(n.id);
    else if ("sequential" in n) n.sequential.forEach(collect);
    else if ("parallel" in n) n.parallel.forEach(collect);
    else if ("hierarchical" in n) {
      stepIds.push(n.hierarchical.supervisor.id);
      n.hierarchical.workers.forEach(collect);
      stepIds.push(n.hierarchical.aggregate.id);
    }
  };
  steps.forEach(collect);
  const blank = (stepId: string): MemStep => ({
    stepId,
    status: "pending",
    attempts: 0,
    outputs: null,
    error: null,
    executionId: null,
    startedAt: null,
    endedAt: null,
  });
  store.runs.set(runId, {
    id: runId,
    workflowId: "wf-1",
    workflowName: "flow",
    definition: { parameters: { type: "object", properties: {} }, steps },
    params: options.params ?? {},
    status: "pending",
    error: null,
    failedStepId: null,
    outputs: undefined,
    rootExecutionId: null,
    cancelRequested: false,
    startedAt: null,
    endedAt: null,
    steps: new Map(stepIds.map((id) => [id, blank(id)])),
  });

  const agent = (name: string, retry: Partial<AgentRuntime["retry"]> = {}) =>
    agents.set(name, {
      id: `agent-${name}`,
      runner: { name, kind: "mock", settings: {} },
      retry: { ...noRetry, ...retry },
    });
  agent("A");
  agent("B");

  return {
    store,
    deps,
    runId,
    calls,
    agent,
    announced,
    executionEvents,
    run: store.runs.get(runId) as MemRun,
    /** Loads the run as persisted and executes it to its end (or halt). */
    async execute(signal: AbortSignal = new AbortController().signal) {
      const loaded = await store.load(runId);
      return executeRun(deps, loaded as StoredRun, signal);
    },
    stepEvents: () =>
      announced
        .map((a) => a.event)
        .filter((e) => e.kind === "step")
        .map((e) => [e.stepId, e.status, e.attempts]),
    runEvents: () =>
      announced
        .map((a) => a.event)
        .filter((e) => e.kind === "run")
        .map((e) => e.status),
    /** The executions of a step, by attempt. */
    attemptsOf: (stepId: string) =>
      store
        .executionsOf(runId)
        .filter((e) => e.workflowStepId === stepId)
        .sort((a, b) => a.attempt - b.attempt),
    root: () => store.executions.get(store.runs.get(runId)?.rootExecutionId ?? "") as MemExecution,
    stepRow: (stepId: string) => store.runs.get(runId)?.steps.get(stepId) as MemStep,
  };
}

const step = (id: string, extra: Partial<StepDef> = {}): StepDef => ({ id, agent: "A", ...extra });

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Waits (a few ticks at most) for a condition the executor reaches asynchronously. */
async function until(condition: () => boolean, what: string) {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// ---- tests ----------------------------------------------------------------------------------

describe("executor: order and the handoff tree", () => {
  test("sequential: one after the other, each handing off to the next, announced after it is stored", async () => {
    const t = setup([step("s1"), step("s2", { agent: "B" }), step("s3")]);
    expect(await t.execute()).toBe("succeeded");
    expect(t.calls.map((c) => c.stepId)).toEqual(["s1", "s2", "s3"]);
    expect(t.store.writes).toEqual([
      "startRun",
      "startAttempt s1",
      "finishAttempt s1 success",
      "startAttempt s2",
      "finishAttempt s2 success",
      "startAttempt s3",
      "finishAttempt s3 success",
      "finishRun succeeded",
    ]);
    expect(t.runEvents()).toEqual(["running", "succeeded"]);
    expect(t.stepEvents()).toEqual([
      ["s1", "running", 1],
      ["s1", "succeeded", 1],
      ["s2", "running", 1],
      ["s2", "succeeded", 1],
      ["s3", "running", 1],
      ["s3", "succeeded", 1],
    ]);
    const root = t.root();
    expect(root).toMatchObject({
      agentName: "workflow:flow",
      parentExecutionId: null,
      rootId: root.id,
      depth: 0,
      status: "success",
      workflowStepId: null,
      outputs: { step: "s3", attempt: 1 },
    });
    const [s1, s2, s3] = ["s1", "s2", "s3"].map((id) => t.attemptsOf(id)[0] as MemExecution) as [
      MemExecution,
      MemExecution,
      MemExecution,
    ];
    expect([s1, s2, s3].map((e) => [e.parentExecutionId, e.depth, e.rootId, e.agentName, e.agentId])).toEqual([
      [root.id, 1, root.id, "A", "agent-A"],
      [s1.id, 2, root.id, "B", "agent-B"],
      [s2.id, 3, root.id, "A", "agent-A"],
    ]);
    expect(t.run).toMatchObject({ status: "succeeded", error: null, failedStepId: null });
    expect(t.run.outputs).toEqual({ step: "s3", attempt: 1 });
    // Live executions: the root and each step recorded when started, updated when finished.
    expect(t.executionEvents.map((e) => [e.kind, e.execution.id, e.execution.status])).toEqual([
      ["recorded", root.id, "in_progress"],
      ["recorded", s1?.id, "in_progress"],
      ["updated", s1?.id, "success"],
      ["recorded", s2?.id, "in_progress"],
      ["updated", s2?.id, "success"],
      ["recorded", s3?.id, "in_progress"],
      ["updated", s3?.id, "success"],
      ["updated", root.id, "success"],
    ]);
  });

  test("step inputs see the parameters and earlier steps' outputs", async () => {
    const t = setup([step("s1"), step("s2", { input: { who: "{{params.who}}", from: "{{steps.s1.output.n}}" } })], {
      params: { who: "ada" },
      scripts: { s1: () => ({ ok: true, outputs: { n: 41 } }) },
    });
    expect(await t.execute()).toBe("succeeded");
    expect(t.calls[1]?.input).toEqual({ who: "ada", from: 41 });
    expect(t.attemptsOf("s2")[0]?.inputs).toEqual({ who: "ada", from: 41 });
  });

  test("parallel: branches start together from the same execution; the join waits for all of them", async () => {
    const gates = { b: deferred<RunnerResult>(), c: deferred<RunnerResult>() };
    const t = setup([step("a"), { parallel: [step("b"), step("c")] }, step("d")], {
      scripts: { b: () => gates.b.promise, c: () => gates.c.promise },
    });
    const done = t.execute();
    await until(() => t.calls.length === 3, "b and c to start");
    expect(t.calls.map((c) => c.stepId)).toEqual(["a", "b", "c"]);
    gates.c.resolve({ ok: true, outputs: "c" });
    await until(() => t.stepRow("c").status === "succeeded", "c to finish");
    expect(t.calls).toHaveLength(3); // d waits for b
    gates.b.resolve({ ok: true, outputs: "b" });
    expect(await done).toBe("succeeded");
    const [a, b, c, d] = ["a", "b", "c", "d"].map((id) => t.attemptsOf(id)[0] as MemExecution);
    expect(b?.parentExecutionId).toBe(a?.id);
    expect(c?.parentExecutionId).toBe(a?.id);
    expect([b?.depth, c?.depth]).toEqual([2, 2]);
    // After a join the handoff continues from the execution the group fanned out from.
    expect(d).toMatchObject({ parentExecutionId: a?.id, depth: 2 });
  });

  test("parallel: an optional branch may fail, a required one fails the group and skips what follows", async () => {
    const fail: Script = () => ({ ok: false, error: "nope" });
    const optional = setup([{ parallel: [step("p1"), step("p2", { optional: true })] }, step("after")], {
      scripts: { p2: fail },
    });
    expect(await optional.execute()).toBe("succeeded");
    expect(optional.stepRow("p2").status).toBe("failed");
    expect(optional.stepRow("after").status).toBe("succeeded");

    const required = setup([{ parallel: [step("p1"), step("p2")] }, step("after")], { scripts: { p2: fail } });
    expect(await required.execute()).toBe("failed");
    expect(required.run).toMatchObject({ failedStepId: "p2", error: "step 'p2' failed: nope" });
    expect(required.stepRow("p1").status).toBe("succeeded");
    expect(required.stepRow("after").status).toBe("skipped");
    expect(required.attemptsOf("after")).toEqual([]);
  });

  test("hierarchical: workers hang under the supervisor, the aggregate gets every worker's output", async () => {
    const t = setup([
      {
        hierarchical: {
          supervisor: step("sup"),
          workers: [step("w1"), step("w2")],
          aggregate: { id: "agg", agent: "A", input: { all: "{{workers}}" } },
        },
      },
    ]);
    expect(await t.execute()).toBe("succeeded");
    const [sup, w1, w2, agg] = ["sup", "w1", "w2", "agg"].map((id) => t.attemptsOf(id)[0] as MemExecution);
    expect(sup?.parentExecutionId).toBe(t.root().id);
    expect([w1?.parentExecutionId, w2?.parentExecutionId]).toEqual([sup?.id, sup?.id]);
    expect([w1?.depth, w2?.depth]).toEqual([2, 2]);
    expect(agg).toMatchObject({ parentExecutionId: sup?.id, depth: 2 });
    expect(agg?.inputs).toEqual({ all: { w1: { step: "w1", attempt: 1 }, w2: { step: "w2", attempt: 1 } } });
    expect(t.run.outputs).toEqual({ step: "agg", attempt: 1 });
  });

  test("hierarchical: a failed supervisor skips its workers and the aggregate", async () => {
    const t = setup(
      [
        {
          hierarchical: {
            supervisor: step("sup"),
            workers: [step("w1")],
            aggregate: { id: "agg", agent: "A" },
          },
        },
      ],
      { scripts: { sup: () => ({ ok: false, error: "no plan" }) } },
    );
    expect(await t.execute()).toBe("failed");
    expect(["sup", "w1", "agg"].map((id) => t.stepRow(id).status)).toEqual(["failed", "skipped", "skipped"]);
    expect(t.calls.map((c) => c.stepId)).toEqual(["sup"]);
  });
});

describe("executor: failures", () => {
  test("a failed step: later steps skipped (never started), the run failed naming the step", async () => {
    const t = setup([step("s1"), step("s2"), step("s3"), step("s4")], {
      scripts: { s2: () => ({ ok: false, error: "disk full", outputs: { partial: true } }) },
    });
    expect(await t.execute()).toBe("failed");
    expect(t.stepEvents()).toEqual([
      ["s1", "running", 1],
      ["s1", "succeeded", 1],
      ["s2", "running", 1],
      ["s2", "failed", 1],
      ["s3", "skipped", 0],
      ["s4", "skipped", 0],
    ]);
    expect(t.run).toMatchObject({ status: "failed", failedStepId: "s2", error: "step 's2' failed: disk full" });
    expect(t.attemptsOf("s2")[0]).toMatchObject({ status: "failure", error: "disk full", outputs: { partial: true } });
    expect(t.root()).toMatchObject({ status: "failure", error: "step 's2' failed: disk full" });
    expect(t.store.executionsOf(t.runId)).toHaveLength(3);
  });

  test("retries: every attempt is an execution from the same parent; the step succeeds on the third", async () => {
    const t = setup([step("s1"), step("s2")], {
      scripts: {
        s2: (inv) => (inv.attempt < 3 ? { ok: false, error: `flaky ${inv.attempt}` } : { ok: true, outputs: 3 }),
      },
    });
    t.agent("A", { max_retries: 2 });
    expect(await t.execute()).toBe("succeeded");
    const s1 = t.attemptsOf("s1")[0] as MemExecution;
    expect(t.attemptsOf("s2").map((e) => [e.attempt, e.status, e.error, e.parentExecutionId, e.depth])).toEqual([
      [1, "failure", "flaky 1", s1.id, 2],
      [2, "failure", "flaky 2", s1.id, 2],
      [3, "success", null, s1.id, 2],
    ]);
    expect(t.stepRow("s2")).toMatchObject({ status: "succeeded", attempts: 3, error: null, outputs: 3 });
    expect(t.stepEvents().filter(([id]) => id === "s2")).toEqual([
      ["s2", "running", 1],
      ["s2", "running", 1],
      ["s2", "running", 2],
      ["s2", "running", 2],
      ["s2", "running", 3],
      ["s2", "succeeded", 3],
    ]);
  });

  test("a step's retry override wins over its agent's policy; exhausted retries fail the step", async () => {
    const t = setup([step("s1", { retry: { max_retries: 1 } })], {
      scripts: { s1: (inv) => ({ ok: false, error: `no ${inv.attempt}` }) },
    });
    t.agent("A", { max_retries: 5 });
    expect(await t.execute()).toBe("failed");
    expect(t.attemptsOf("s1").map((e) => e.error)).toEqual(["no 1", "no 2"]);
    expect(t.run.error).toBe("step 's1' failed: no 2");
  });

  test("every step event says what was stored for the step at that moment", async () => {
    const t = setup([step("s1"), step("s2"), step("s3")], {
      scripts: { s2: (inv) => (inv.attempt === 1 ? { ok: false, error: "flaky" } : { ok: true, outputs: 2 }) },
    });
    t.agent("A", { max_retries: 1 });
    expect(await t.execute()).toBe("succeeded");
    const mismatches = t.announced
      .filter((a) => a.event.kind === "step")
      .map((a) => {
        const e = a.event as Extract<RunEvent, { kind: "step" }>;
        const said = { status: e.status, attempts: e.attempts, error: e.error, executionId: e.executionId };
        const s = a.stored as StoredStep;
        const stored = { status: s.status, attempts: s.attempts, error: s.error, executionId: s.executionId };
        return { step: e.stepId, said, stored };
      })
      .filter((m) => JSON.stringify(m.said) !== JSON.stringify(m.stored));
    expect(mismatches).toEqual([]);
  });

  test("a step of an unregistered agent fails with an execution that says so", async () => {
    const t = setup([step("s1", { agent: "Ghost" })]);
    expect(await t.execute()).toBe("failed");
    expect(t.attemptsOf("s1")).toHaveLength(1);
    expect(t.attemptsOf("s1")[0]).toMatchObject({
      agentName: "Ghost",
      agentId: null,
      status: "failure",
      error: "agent 'Ghost' is not registered",
    });
    expect(t.calls).toEqual([]);
  });

  test("a timeout aborts the runner and fails the attempt", async () => {
    let aborted: unknown;
    const t = setup([step("s1", { timeout_ms: 30 })], {
      scripts: {
        s1: async (inv) => {
          const r = await untilAborted(inv.signal);
          aborted = inv.signal.reason;
          return r;
        },
      },
    });
    expect(await t.execute()).toBe("failed");
    expect(t.attemptsOf("s1")[0]).toMatchObject({ status: "failure", error: "timed out after 30 ms" });
    await until(() => aborted !== undefined, "the runner to see the abort");
    expect(aborted).toBe("timeout");
  });

  test("outputs that break the step's contract fail it, and are kept on the execution", async () => {
    const t = setup(
      [
        step("s1", {
          output_schema: { type: "object", required: ["files"], properties: { files: { type: "array" } } },
        }),
        step("s2"),
      ],
      { scripts: { s1: () => ({ ok: true, outputs: { file: "a.ts" } }) } },
    );
    expect(await t.execute()).toBe("failed");
    const e = t.attemptsOf("s1")[0] as MemExecution;
    expect(e.status).toBe("failure");
    expect(e.error).toMatch(/^output breaks the step's contract: /);
    expect(e.outputs).toEqual({ file: "a.ts" });
    expect(t.stepRow("s2").status).toBe("skipped");
  });
});

describe("executor: on_failure rollback", () => {
  test("the write that fails the run records the rollback it asks for (so a crash before it starts loses nothing)", async () => {
    const t = setup([step("s1"), step("s2")], { scripts: { s2: () => ({ ok: false, error: "broken" }) } });
    (t.store.runs.get(t.runId) as MemRun).definition.on_failure = "rollback";
    expect(await t.execute()).toBe("failed");
    expect(t.store.writes.filter((w) => w.startsWith("finishRun"))).toEqual(["finishRun failed"]);
    expect(t.store.finishes).toEqual([
      expect.objectContaining({ status: "failed", failedStepId: "s2", rollbackPending: true }),
    ]);
  });

  test("no rollback is recorded for a run that succeeds, nor for a template that does not ask for one", async () => {
    const ok = setup([step("s1")]);
    (ok.store.runs.get(ok.runId) as MemRun).definition.on_failure = "rollback";
    expect(await ok.execute()).toBe("succeeded");
    const plain = setup([step("s1")], { scripts: { s1: () => ({ ok: false, error: "broken" }) } });
    expect(await plain.execute()).toBe("failed");
    for (const t of [ok, plain]) {
      expect(t.store.finishes).toHaveLength(1);
      expect(t.store.finishes[0]).not.toHaveProperty("rollbackPending");
    }
  });
});

describe("executor: cancel and shutdown", () => {
  test("cancel mid-step: the runner is aborted, the step and the rest cancelled, the run cancelled", async () => {
    const t = setup([step("s1"), step("s2"), step("s3")], { scripts: { s2: (inv) => untilAborted(inv.signal) } });
    const controller = new AbortController();
    const done = t.execute(controller.signal);
    await until(() => t.stepRow("s2").status === "running", "s2 to start");
    controller.abort("cancel");
    expect(await done).toBe("cancelled");
    expect(["s1", "s2", "s3"].map((id) => t.stepRow(id).status)).toEqual(["succeeded", "cancelled", "cancelled"]);
    expect(t.attemptsOf("s2")[0]).toMatchObject({ status: "cancelled" });
    expect(t.attemptsOf("s3")).toEqual([]);
    expect(t.run).toMatchObject({ status: "cancelled", error: "cancelled", failedStepId: null });
    expect(t.root()).toMatchObject({ status: "cancelled" });
    expect(t.runEvents()).toEqual(["running", "cancelled"]);
  });

  test("shutdown mid-step: the run is left exactly as stored, for the next owner to resume", async () => {
    const t = setup([step("s1"), step("s2"), step("s3")], { scripts: { s2: (inv) => untilAborted(inv.signal) } });
    const controller = new AbortController();
    const done = t.execute(controller.signal);
    await until(() => t.stepRow("s2").status === "running", "s2 to start");
    const writes = t.store.writes.length;
    controller.abort("shutdown");
    expect(await done).toBeNull();
    expect(t.store.writes).toHaveLength(writes); // nothing written after the halt
    expect(t.run.status).toBe("running");
    expect(t.stepRow("s2")).toMatchObject({ status: "running", attempts: 1 });
    expect(t.attemptsOf("s2")[0]?.status).toBe("in_progress");
    expect(t.stepRow("s3").status).toBe("pending");
    expect(t.runEvents()).toEqual(["running"]);
  });
});

describe("executor: resuming a run another process left", () => {
  /** Runs s1…s4 and halts it (as a stopping server would) while `at` is in progress. */
  async function halfDone(at: string) {
    const steps = [step("s1"), step("s2"), step("s3"), step("s4")];
    let holding = true;
    const t = setup(steps, {
      scripts: Object.fromEntries(
        steps.map((s) => [
          s.id,
          (inv: RunnerInvocation) =>
            inv.stepId === at && holding
              ? untilAborted(inv.signal)
              : { ok: true, outputs: { step: inv.stepId, attempt: inv.attempt } },
        ]),
      ),
    });
    const controller = new AbortController();
    const done = t.execute(controller.signal);
    await until(() => t.stepRow(at).status === "running", `${at} to start`);
    controller.abort("shutdown");
    expect(await done).toBeNull();
    holding = false;
    t.calls.length = 0;
    t.announced.length = 0;
    t.executionEvents.length = 0;
    return t;
  }

  test("succeeded steps are not run again; the interrupted attempt is closed and run again as attempt 2", async () => {
    const t = await halfDone("s2");
    const interrupted = t.attemptsOf("s2")[0] as MemExecution;
    const s1 = t.attemptsOf("s1")[0] as MemExecution;
    expect(await t.execute()).toBe("succeeded");
    expect(t.calls.map((c) => [c.stepId, c.attempt])).toEqual([
      ["s2", 2],
      ["s3", 1],
      ["s4", 1],
    ]);
    expect(t.attemptsOf("s1")).toHaveLength(1);
    const [first, second] = t.attemptsOf("s2");
    expect(first).toMatchObject({ id: interrupted.id, status: "cancelled" });
    expect(first?.error).toMatch(/^interrupted/);
    expect(first?.endedAt).not.toBeNull();
    expect(second).toMatchObject({ attempt: 2, status: "success", parentExecutionId: s1.id, depth: 2 });
    expect(t.attemptsOf("s3")[0]).toMatchObject({ parentExecutionId: second?.id, depth: 3 });
    expect(t.stepRow("s2")).toMatchObject({ status: "succeeded", attempts: 2, executionId: second?.id, error: null });
    expect(t.store.executionsOf(t.runId)).toHaveLength(1 + 4 + 1);
    expect(t.store.executionsOf(t.runId).filter((e) => e.status === "in_progress")).toEqual([]);
    expect(t.root()).toMatchObject({ status: "success", outputs: { step: "s4", attempt: 1 } });
    expect(t.run.status).toBe("succeeded");
  });

  test("a rerun after an interruption does not use up the retry policy (max_retries 0 still reruns)", async () => {
    const t = await halfDone("s3");
    expect(await t.execute()).toBe("succeeded");
    expect(t.attemptsOf("s3").map((e) => [e.attempt, e.status])).toEqual([
      [1, "cancelled"],
      [2, "success"],
    ]);
  });

  test("a resumed run announces the closing of its interrupted attempt and of its root execution", async () => {
    const t = await halfDone("s2");
    const interrupted = (t.attemptsOf("s2")[0] as MemExecution).id;
    const rootId = t.root().id;
    expect(await t.execute()).toBe("succeeded");
    const events = t.executionEvents.map((e) => [e.kind, e.execution.id, e.execution.status]);
    // executionEvents subscribers (the live timeline) saw both in progress: they must see them end.
    expect(events).toContainEqual(["updated", interrupted, "cancelled"]);
    expect(events.at(-1)).toEqual(["updated", rootId, "success"]);
    // Run subscribers learn that the run goes on, then how it ended.
    expect(t.runEvents()).toEqual(["running", "succeeded"]);
  });

  test("a run cancelled while its owner was gone ends cancelled, its interrupted attempt closed too", async () => {
    const t = await halfDone("s2");
    t.run.cancelRequested = true;
    const controller = new AbortController();
    // What the engine does with a run it takes over whose cancel was requested.
    controller.abort("cancel");
    expect(await t.execute(controller.signal)).toBe("cancelled");
    expect(t.calls).toEqual([]);
    expect(["s1", "s2", "s3", "s4"].map((id) => t.stepRow(id).status)).toEqual([
      "succeeded",
      "cancelled",
      "cancelled",
      "cancelled",
    ]);
    expect(t.store.executionsOf(t.runId).filter((e) => e.status === "in_progress")).toEqual([]);
    expect(t.attemptsOf("s2").map((e) => e.status)).toEqual(["cancelled"]);
  });

  test("a finished run loaded again is not run again", async () => {
    const t = setup([step("s1"), step("s2")]);
    expect(await t.execute()).toBe("succeeded");
    t.calls.length = 0;
    const writes = t.store.writes.length;
    const status = await t.execute();
    // The engine only launches active runs, but the executor itself must not redo finished steps.
    expect(t.calls).toEqual([]);
    expect(status).toBe("succeeded");
    expect(t.store.executionsOf(t.runId)).toHaveLength(3);
    expect(t.store.writes.slice(writes).filter((w) => w.startsWith("startAttempt"))).toEqual([]);
  });
});

// Kinds are checked against the engine's list so a new runner kind does not silently go unscripted.
test("the scripted runners cover every runner kind", () => {
  const runners = scriptedRunners({}, []);
  expect(Object.keys(runners).sort()).toEqual([...RUNNER_KINDS].sort() as RunnerKind[]);
});
