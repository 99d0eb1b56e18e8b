// Workflow runs outlive their server. Real Baton processes (`node --import tsx server/main.ts`) on
// one database: the process running a run is killed (SIGKILL), stopped (SIGTERM) or stalled
// (SIGSTOP) mid-step, and the run must end exactly as if nothing happened, except for the one
// interrupted attempt: steps that succeeded are not run again, the step that was running gets its
// attempt closed as `cancelled` ("interrupted…") and a second attempt, and no execution is lost,
// duplicated or left in progress.
//
// The processes are shared by the tests of this file (each takes ~4 s to start): `alive` holds the
// running instances on the shared database, and each test starts what it needs.
import { once } from "node:events";
import { afterAll, beforeAll, vi } from "vitest";
import { type BatonProcess, spawnBaton } from "../testkit/baton-process.js";
import type { RestExecution } from "../testkit/executions.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { type RestClient, rest } from "../testkit/rest.js";
import { createTestDatabase, type TestDatabase } from "../testkit/server.js";
import {
  attemptsOf,
  getRun,
  isFinished,
  type RestWorkflowRun,
  type RestWorkflowRunDetail,
  registerMockAgent,
  scriptedSequence,
  startRun,
  stepState,
} from "../testkit/workflows.js";

const LEASE_MS = 1_000;
/** The engine's default heartbeat: leaseMs / 3. */
const HEARTBEAT_MS = Math.floor(LEASE_MS / 3);
const STEP_MS = 700;
const STEPS = ["s1", "s2", "s3", "s4"];
/** Run parameters that keep the agent's STEP_MS for s2 only (the step interrupted), to save time. */
const S2_SLOW = { s1: { latency_ms: 100 }, s3: { latency_ms: 100 }, s4: { latency_ms: 100 } };

let database: TestDatabase;
/** Running instances on `database` (lease LEASE_MS), oldest first. */
const alive: BatonProcess[] = [];
/** Every process started, for the logs attached to a failure. */
const started: BatonProcess[] = [];
let flow: { workflowId: string; workflowName: string } | undefined;

const env = () => ({ DATABASE_URL: database.url, BATON_RUN_LEASE_MS: String(LEASE_MS) });

async function spawn(extra: Record<string, string> = {}) {
  const p = await spawnBaton({ ...env(), ...extra });
  started.push(p);
  return p;
}

/** At least `n` running instances (started one after the other: the first migrates). */
async function instances(n: number): Promise<BatonProcess[]> {
  while (alive.length < n) alive.push(await spawn());
  return alive.slice(0, n);
}

const isGone = (p: BatonProcess) => p.child.exitCode !== null || p.child.signalCode !== null;

/** Sends `signal` and waits for the process to exit; it leaves `alive`. */
async function terminate(p: BatonProcess, signal: "SIGKILL" | "SIGTERM") {
  alive.splice(alive.indexOf(p), 1);
  if (isGone(p)) return;
  const exited = once(p.child, "exit");
  p.child.kill(signal);
  await exited;
}

/** One mock agent (STEP_MS per call) and a sequential template s1…s4 over it, made once. */
async function sequentialFlow(api: RestClient) {
  if (flow) return flow;
  const agent = await registerMockAgent(api, { latency_ms: STEP_MS, outputs: { n: "{{input.n}}" } });
  // Each step's mock script (e.g. a latency) can be set per run: { "s2": { "latency_ms": 50 } }.
  const wf = await scriptedSequence(api, agent, STEPS, { description: "four mock steps, one after the other" });
  flow = { workflowId: wf.id, workflowName: wf.name };
  return flow;
}

async function execute(api: RestClient, params: Record<string, unknown> = {}) {
  return startRun(api, (await sequentialFlow(api)).workflowId, params);
}

/** Polls the run until `ready` says yes (a failed read counts as not yet); returns the run as it then was. */
async function waitRun(
  api: RestClient,
  id: string,
  ready: (run: RestWorkflowRunDetail) => boolean,
  what: string,
  timeout = 20_000,
): Promise<RestWorkflowRunDetail> {
  let run: RestWorkflowRunDetail | undefined;
  await vi.waitFor(
    async () => {
      run = await getRun(api, id);
      if (!ready(run)) throw new Error(`run ${id}: still waiting for ${what} (status ${run.status})`);
    },
    { timeout, interval: 20 },
  );
  return run as RestWorkflowRunDetail;
}

/** The step is running with its first attempt in progress (the moment to pull the plug). */
const stepRunning = (stepId: string) => (run: RestWorkflowRunDetail) => {
  const step = run.steps.find((s) => s.step_id === stepId);
  const exec = run.executions.find((e) => e.id === step?.execution_id);
  return step?.status === "running" && exec?.status === "in_progress";
};

/** Starts a run on `owner` with only s2 slow; returns it as `reader` sees it once s2 is running. */
async function startUntilS2Running(owner: BatonProcess, reader = owner): Promise<RestWorkflowRunDetail> {
  const run = await execute(rest(owner.url), S2_SLOW);
  return waitRun(rest(reader.url), run.id, stepRunning("s2"), "s2 running");
}

const attemptOf = (run: RestWorkflowRunDetail, stepId: string, attempt: number) =>
  attemptsOf(run, stepId).find((e) => e.attempt === attempt);

/**
 * The run succeeded after exactly one takeover: `interrupted` ran twice (attempt 1 cancelled as
 * interrupted, attempt 2 succeeded), every other step once, and the handoff chain is intact.
 */
function expectResumedOnce(run: RestWorkflowRunDetail, interrupted: string, params: Record<string, unknown> = {}) {
  const { workflowName } = flow as NonNullable<typeof flow>;
  expect(run).toMatchObject({ status: "succeeded", error: null, failed_step_id: null, resume_count: 1 });
  expect(run.outputs).toEqual({ n: 4 });
  expect(run.executions.filter((e) => e.status === "in_progress")).toEqual([]);
  // 1 root + one per step + the interrupted attempt
  expect(run.executions).toHaveLength(1 + STEPS.length + 1);

  const root = run.executions.find((e) => e.workflow_step_id === null) as RestExecution;
  expect(root).toMatchObject({
    id: run.root_execution_id,
    agent_name: `workflow:${workflowName}`,
    status: "success",
    parent_execution_id: null,
    depth: 0,
    attempt: 1,
    error: null,
  });
  expect(root.ended_at).not.toBeNull();
  expect(root.outputs).toEqual({ n: 4 });

  let parent = root;
  for (const [i, stepId] of STEPS.entries()) {
    const execs = attemptsOf(run, stepId);
    const step = stepState(run, stepId);
    const last = execs.at(-1) as RestExecution;
    if (stepId === interrupted) {
      expect(execs.map((e) => [e.attempt, e.status])).toEqual([
        [1, "cancelled"],
        [2, "success"],
      ]);
      const first = execs[0] as RestExecution;
      expect(first.error ?? "").toMatch(/^interrupted/);
      expect(first.ended_at, "the interrupted attempt is closed").not.toBeNull();
      expect(first.outputs).toBeNull();
    } else {
      expect(
        execs.map((e) => [e.attempt, e.status]),
        `${stepId} ran once`,
      ).toEqual([[1, "success"]]);
    }
    for (const e of execs) {
      // Both attempts hand off from the same execution: the previous step's successful one.
      expect(e).toMatchObject({ parent_execution_id: parent.id, root_id: root.id, depth: i + 1 });
      expect(e.inputs).toEqual({ n: i + 1, __mock: params[stepId] ?? {} });
    }
    expect(last).toMatchObject({ status: "success", outputs: { n: i + 1 }, error: null });
    expect(step).toMatchObject({
      status: "succeeded",
      attempts: stepId === interrupted ? 2 : 1,
      execution_id: last.id,
      outputs: { n: i + 1 },
      error: null,
    });
    parent = last;
  }
}

/** A test on real processes: a generous timeout, and every process's output attached to a failure. */
const processTest = (name: string, body: () => Promise<void>) =>
  test(name, { timeout: 60_000 }, async () => {
    try {
      await body();
    } catch (e) {
      const logs = started.map((p, i) => `--- process ${i} (pid ${p.child.pid}) ---\n${p.output()}`).join("\n");
      throw new Error(`${(e as Error).message}\n${logs}`, { cause: e });
    }
  });

describe("workflow runs across server restarts", () => {
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const p of started) {
      if (!isGone(p)) p.child.kill("SIGCONT");
      await p.stop();
    }
    await database?.drop();
  });

  processTest(
    "SIGKILL mid-step, then a new process: the run resumes and no execution is lost or duplicated",
    async () => {
      const [a] = (await instances(1)) as [BatonProcess];
      const run = await startUntilS2Running(a);
      expect(run).toMatchObject({ status: "running", resume_count: 0 });
      expect(run.steps.map((s) => s.status)).toEqual(["succeeded", "running", "pending", "pending"]);

      await terminate(a, "SIGKILL");
      expect(a.child.signalCode).toBe("SIGKILL");
      const [b] = (await instances(1)) as [BatonProcess];
      const after = await waitRun(rest(b.url), run.id, isFinished, "the end of the run");
      expectResumedOnce(after, "s2", S2_SLOW);
    },
  );

  processTest("two instances: when the owner is killed the other takes the run over after the lease", async () => {
    const [owner, other] = (await instances(2)) as [BatonProcess, BatonProcess];
    const [apiOwner, apiOther] = [rest(owner.url), rest(other.url)];
    const run = await execute(apiOwner);
    // s3 starts 2 × STEP_MS after the run: longer than a lease, so the other instance had every
    // chance to take over a run whose owner is alive, and must not have.
    const before = await waitRun(apiOther, run.id, stepRunning("s3"), "s3 running");
    expect(before).toMatchObject({ status: "running", resume_count: 0 });
    expect(before.executions).toHaveLength(4);

    const killedAt = Date.now();
    await terminate(owner, "SIGKILL");
    const resumed = await waitRun(apiOther, run.id, (r) => attemptOf(r, "s3", 2) !== undefined, "s3's second attempt");
    const takeoverMs = Date.parse(attemptOf(resumed, "s3", 2)?.timestamp ?? "") - killedAt;
    // The owner's last heartbeat is at most a heartbeat old when it dies; the other instance
    // notices a lease later, at its next heartbeat (plus a second for a busy machine). That it
    // does not take over earlier, from a live owner, is what `before` showed.
    expect(takeoverMs, "taken over within lease + heartbeat").toBeLessThanOrEqual(LEASE_MS + HEARTBEAT_MS + 1_000);
    expect(takeoverMs).toBeGreaterThan(0);

    const after = await waitRun(apiOther, run.id, isFinished, "the end of the run");
    expectResumedOnce(after, "s3");
  });

  processTest(
    "an owner that stalls past its lease and wakes up after the takeover does not run the run a second time",
    async () => {
      const [owner, other] = (await instances(2)) as [BatonProcess, BatonProcess];
      const apiOther = rest(other.url);
      const run = await startUntilS2Running(owner, other);
      // A stall (GC pause, suspended VM, SIGSTOP): the owner neither heartbeats nor writes.
      owner.child.kill("SIGSTOP");
      try {
        // The other instance takes over and is running s2 again when the owner wakes up.
        await waitRun(
          apiOther,
          run.id,
          (r) => attemptOf(r, "s2", 2)?.status === "in_progress",
          "s2's second attempt in progress",
        );
        expect((await getRun(apiOther, run.id)).resume_count).toBe(1);
      } finally {
        owner.child.kill("SIGCONT");
      }
      const after = await waitRun(apiOther, run.id, isFinished, "the end of the run");
      // Whatever the woken owner would still write (its s2 attempt, the steps after) lands by now.
      await new Promise((r) => setTimeout(r, STEP_MS + 1_000));
      const settled = await getRun(apiOther, run.id);
      // Only the instance holding the lease writes: the woken owner neither closes its stale
      // attempt as a success nor runs s3 and s4 again, nor finishes the run.
      expectResumedOnce(settled, "s2", S2_SLOW);
      // A run is never reported finished while one of its executions is still in progress.
      expect(after.executions.filter((e) => e.status === "in_progress")).toEqual([]);
      expect(settled.ended_at).toBe(after.ended_at);
    },
  );

  processTest(
    "a run cancelled while its owner is dead ends cancelled on takeover, its interrupted attempt closed",
    async () => {
      const [owner, other] = (await instances(2)) as [BatonProcess, BatonProcess];
      const apiOther = rest(other.url);
      const run = await startUntilS2Running(owner, other);
      await terminate(owner, "SIGKILL");
      // Nobody runs it now: the cancel is a flag the next owner reads when it takes the run over.
      const cancel = await apiOther.post<RestWorkflowRun>(`/workflow-runs/${run.id}/cancel`);
      expect(cancel.status, cancel.text).toBe(200);
      const after = await waitRun(apiOther, run.id, isFinished, "the end of the run");
      expect(after).toMatchObject({ status: "cancelled", error: "cancelled", failed_step_id: null, resume_count: 1 });
      expect(after.steps.map((s) => [s.step_id, s.status])).toEqual([
        ["s1", "succeeded"],
        ["s2", "cancelled"],
        ["s3", "cancelled"],
        ["s4", "cancelled"],
      ]);
      // Nothing runs after the cancel: the root, s1 and s2's interrupted attempt, all closed.
      expect(
        after.executions
          .map((e) => [e.workflow_step_id, e.attempt, e.status])
          .sort((x, y) => String(x).localeCompare(String(y))),
      ).toEqual([
        [null, 1, "cancelled"],
        ["s1", 1, "success"],
        ["s2", 1, "cancelled"],
      ]);
      expect(after.executions.every((e) => e.ended_at !== null)).toBe(true);
    },
  );

  processTest(
    "SIGTERM mid-step releases the run: a restarted server resumes it at once, without waiting for the lease",
    async () => {
      // Only one instance on the database, so only the restarted one can resume the run.
      while (alive.length > 1) await terminate(alive[alive.length - 1] as BatonProcess, "SIGTERM");
      const [a] = (await instances(1)) as [BatonProcess];
      const run = await startUntilS2Running(a);

      const stoppedAt = Date.now();
      await terminate(a, "SIGTERM");
      const stopMs = Date.now() - stoppedAt;
      expect(a.child.exitCode, "a graceful stop exits 0").toBe(0);
      // Graceful: s2's runner is aborted at once, not waited for.
      expect(stopMs).toBeLessThan(STEP_MS + 1_500);

      // A lease far longer than this test: only a released run can be resumed now.
      const longLease = 60_000;
      const b = await spawn({ BATON_RUN_LEASE_MS: String(longLease) });
      const readyAt = Date.now();
      try {
        const after = await waitRun(rest(b.url), run.id, isFinished, "the end of the run");
        const resumedAt = Date.parse(attemptOf(after, "s2", 2)?.timestamp ?? "");
        // Claimed when the server started (before it listened), not a lease later.
        expect(resumedAt - readyAt).toBeLessThan(1_000);
        expect(resumedAt - stoppedAt).toBeLessThan(longLease);
        expectResumedOnce(after, "s2", S2_SLOW);
      } finally {
        await b.stop();
      }
    },
  );
});
