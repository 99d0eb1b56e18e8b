// workflowRun(id) and workflowRuns over graphql-ws: a run's subscriber gets every state change of
// that run (run and steps) in order, numbered by seq, and nothing of other runs; the list
// subscription gets run-level changes only, filtered by template and status. An event carries the
// run's status as runStatus (kind RUN) or the step's as stepStatus (kind STEP), by GraphQL enum names.
import { vi } from "vitest";
import { uniqueExecutionId } from "../testkit/executions.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { RestClient } from "../testkit/rest.js";
import { subscribe } from "../testkit/subscriptions.js";
import {
  type Brief,
  expectTail,
  listEvents,
  RUN_SUBSCRIPTION,
  type RunEvent,
  type RunSub,
  type RunsSub,
  RUNS_SUBSCRIPTION,
  runEvents,
  successSequence,
  untilEnded,
} from "../testkit/workflow-events.js";
import { attemptsOf, registerMockAgent, scriptedSequence, startRun, waitForRun } from "../testkit/workflows.js";

/** A sequential template s1…sN over one agent, each step scripted through the run's parameters. */
const sequentialWorkflow = (api: RestClient, agent: string, count: number) =>
  scriptedSequence(
    api,
    agent,
    Array.from({ length: count }, (_, i) => `s${i + 1}`),
  );

const finished = (api: RestClient, runId: string) => waitForRun(api, runId, 15_000);

describe("workflowRun(id)", () => {
  test("two concurrent runs: each subscriber gets every change of its own run, in order, and nothing else", async ({
    server,
    api,
  }) => {
    const agent = await registerMockAgent(api, { latency_ms: 30, outputs: { n: "{{input.n}}" } });
    const flow = await sequentialWorkflow(api, agent, 3);
    // s1 waits long enough for the subscriptions to go live before it finishes.
    const slow = { s1: { latency_ms: 700 } };
    const runA = await startRun(api, flow.id, slow);
    const subA: RunSub = subscribe(server.url, RUN_SUBSCRIPTION, { id: runA.id });
    const runB = await startRun(api, flow.id, slow);
    const subB: RunSub = subscribe(server.url, RUN_SUBSCRIPTION, { id: runB.id });
    const nobody: RunSub = subscribe(server.url, RUN_SUBSCRIPTION, { id: uniqueExecutionId("no-such-run") });
    try {
      const [a, b] = [await untilEnded(subA), await untilEnded(subB)];
      const full = successSequence(["s1", "s2", "s3"]);
      // At worst `run running` and `s1 running` were missed; s1's end was not.
      expectTail(a, full, 3);
      expectTail(b, full, 3);
      expect(new Set(a.map((e) => e.runId))).toEqual(new Set([runA.id]));
      expect(new Set(b.map((e) => e.runId))).toEqual(new Set([runB.id]));
      expect(new Set([...a, ...b].map((e) => e.workflowId))).toEqual(new Set([flow.id]));

      // Each step event names the execution of that attempt and, once it succeeded, its outputs;
      // the final run event carries neither.
      const rowA = await finished(api, runA.id);
      expect(rowA.status).toBe("succeeded");
      const execOf = new Map(rowA.steps.map((s) => [s.step_id, s.execution_id]));
      for (const e of a.filter((x) => x.kind === "STEP")) {
        expect(e.executionId).toBe(execOf.get(e.stepId as string));
        expect(e.error).toBeNull();
        expect(e.failedStepId).toBeNull();
        expect(e.outputs).toEqual(e.stepStatus === "SUCCEEDED" ? { n: Number((e.stepId as string).slice(1)) } : null);
      }
      expect(a.at(-1)).toMatchObject({
        kind: "RUN",
        runStatus: "SUCCEEDED",
        stepStatus: null,
        error: null,
        failedStepId: null,
        stepId: null,
        attempts: null,
        executionId: null,
        outputs: null,
      });
      expect(nobody.values).toEqual([]);
      expect([...subA.errors, ...subB.errors, ...nobody.errors]).toEqual([]);
    } finally {
      await Promise.all([subA.close(), subB.close(), nobody.close()]);
    }
  });

  test("a failing step: its retry, its failure, the later steps skipped, the run failed naming it", async ({
    server,
    api,
  }) => {
    const agent = await registerMockAgent(
      api,
      { latency_ms: 20, outputs: { ok: true } },
      { retry: { max_retries: 1 } },
    );
    const flow = await sequentialWorkflow(api, agent, 3);
    const run = await startRun(api, flow.id, { s1: { latency_ms: 700 }, s2: { fail: "disk full" } });
    const sub: RunSub = subscribe(server.url, RUN_SUBSCRIPTION, { id: run.id });
    try {
      const events = await untilEnded(sub);
      const full: Brief[] = [
        ["RUN", null, "RUNNING", null],
        ["STEP", "s1", "RUNNING", 1],
        ["STEP", "s1", "SUCCEEDED", 1],
        ["STEP", "s2", "RUNNING", 1],
        // attempt 1 failed; the step stays running for its retry
        ["STEP", "s2", "RUNNING", 1],
        ["STEP", "s2", "RUNNING", 2],
        ["STEP", "s2", "FAILED", 2],
        ["STEP", "s3", "SKIPPED", 0],
        ["RUN", null, "FAILED", null],
      ];
      expectTail(events, full, 3);
      const row = await finished(api, run.id);
      const s2 = attemptsOf(row, "s2");
      expect(s2.map((e) => [e.attempt, e.status, e.error])).toEqual([
        [1, "failure", "disk full"],
        [2, "failure", "disk full"],
      ]);
      const s2Events = events.filter((e) => e.stepId === "s2");
      expect(s2Events.map((e) => [e.stepStatus, e.attempts, e.executionId])).toEqual([
        ["RUNNING", 1, s2[0]?.id],
        ["RUNNING", 1, s2[0]?.id],
        ["RUNNING", 2, s2[1]?.id],
        ["FAILED", 2, s2[1]?.id],
      ]);
      expect(s2Events[1]?.error).toBe("disk full");
      expect(s2Events[3]?.error).toBe("disk full");
      expect(events.find((e) => e.stepId === "s3")).toMatchObject({ executionId: null, error: null });
      expect(events.at(-1)).toMatchObject({
        kind: "RUN",
        runStatus: "FAILED",
        stepStatus: null,
        failedStepId: "s2",
        error: "step 's2' failed: disk full",
      });
      expect(row).toMatchObject({ status: "failed", failed_step_id: "s2", error: "step 's2' failed: disk full" });
      expect(row.steps.map((s) => [s.step_id, s.status])).toEqual([
        ["s1", "succeeded"],
        ["s2", "failed"],
        ["s3", "skipped"],
      ]);
      expect(sub.errors).toEqual([]);
    } finally {
      await sub.close();
    }
  });

  test("a retry's start event carries no error, as the step row persisted with it has none", async ({
    server,
    api,
  }) => {
    const agent = await registerMockAgent(api, {}, { retry: { max_retries: 1 } });
    const flow = await sequentialWorkflow(api, agent, 2);
    const run = await startRun(api, flow.id, { s1: { latency_ms: 700 }, s2: { fail: "disk full" } });
    const sub: RunSub = subscribe(server.url, RUN_SUBSCRIPTION, { id: run.id });
    try {
      const events = await untilEnded(sub);
      const retryStart = events.find((e) => e.stepId === "s2" && e.stepStatus === "RUNNING" && e.attempts === 2);
      // startAttempt writes the step row with error NULL; the event announcing it must agree.
      expect(retryStart).toMatchObject({ stepStatus: "RUNNING", attempts: 2, error: null });
    } finally {
      await sub.close();
    }
  });

  test("a cancelled run: the running step and the rest cancelled, then the run", async ({ server, api }) => {
    const agent = await registerMockAgent(api, { latency_ms: 20 });
    const flow = await sequentialWorkflow(api, agent, 3);
    const run = await startRun(api, flow.id, { s1: { latency_ms: 700 }, s2: { latency_ms: 10_000 } });
    const sub: RunSub = subscribe(server.url, RUN_SUBSCRIPTION, { id: run.id });
    try {
      await vi.waitFor(
        () => {
          if (!runEvents(sub).some((e) => e.stepId === "s2" && e.stepStatus === "RUNNING"))
            throw new Error("s2 not yet");
        },
        { timeout: 10_000, interval: 20 },
      );
      expect((await api.post(`/workflow-runs/${run.id}/cancel`)).status).toBe(200);
      const events = await untilEnded(sub);
      expectTail(
        events,
        [
          ["RUN", null, "RUNNING", null],
          ["STEP", "s1", "RUNNING", 1],
          ["STEP", "s1", "SUCCEEDED", 1],
          ["STEP", "s2", "RUNNING", 1],
          ["STEP", "s2", "CANCELLED", 1],
          ["STEP", "s3", "CANCELLED", 0],
          ["RUN", null, "CANCELLED", null],
        ],
        3,
      );
      expect(events.at(-1)).toMatchObject({ runStatus: "CANCELLED", stepStatus: null, failedStepId: null });
      const row = await finished(api, run.id);
      expect(row.status).toBe("cancelled");
      expect(row.executions.find((e) => e.workflow_step_id === "s2")?.status).toBe("cancelled");
    } finally {
      await sub.close();
    }
  });
});

describe("workflowRuns", () => {
  test("run-level events only, filtered by template and by status", async ({ server, api }) => {
    const agent = await registerMockAgent(api, { latency_ms: 10 });
    const [w, other] = [await sequentialWorkflow(api, agent, 3), await sequentialWorkflow(api, agent, 3)];
    const ofW: RunsSub = subscribe(server.url, RUNS_SUBSCRIPTION, { workflow: w.id });
    const failedOfW: RunsSub = subscribe(server.url, RUNS_SUBSCRIPTION, { workflow: w.id, status: ["FAILED"] });
    const ofOther: RunsSub = subscribe(server.url, RUNS_SUBSCRIPTION, { workflow: other.id });
    const anyFailed: RunsSub = subscribe(server.url, RUNS_SUBSCRIPTION, { status: ["FAILED", "CANCELLED"] });
    const ofWByName: RunsSub = subscribe(server.url, RUNS_SUBSCRIPTION, { workflow: w.name });
    const subs = [ofW, failedOfW, ofOther, anyFailed, ofWByName];
    // Runs made only to learn that the subscriptions are live: s1 fails at once, in both templates.
    const probes = new Set<string>();
    const failFast = { s1: { fail: "probe" } };
    try {
      await vi.waitFor(
        async () => {
          if (subs.every((s) => listEvents(s).some((e) => probes.has(e.runId)))) return;
          for (const flow of [w, other]) probes.add((await startRun(api, flow.id, failFast)).id);
          throw new Error("subscriptions not live yet");
        },
        { timeout: 10_000, interval: 100 },
      );
      // Probes still running are waited out so that none of their events lands among the runs below.
      for (const id of probes) await finished(api, id);
      const starts = subs.map((s) => s.values.length);
      const events = (i: number) =>
        listEvents(subs[i] as RunsSub)
          .slice(starts[i])
          .filter((e) => !probes.has(e.runId));

      const ok = await startRun(api, w.id);
      await finished(api, ok.id);
      const bad = await startRun(api, w.id, { s2: { fail: "boom" } });
      await finished(api, bad.id);
      const elsewhere = await startRun(api, other.id);
      await finished(api, elsewhere.id);
      // Sentinels: once each subscriber has its sentinel's final event, it has everything before.
      const sentinelW = await startRun(api, w.id, failFast);
      const sentinelOther = await startRun(api, other.id, failFast);
      await vi.waitFor(
        () => {
          const done = (i: number, id: string) => events(i).some((e) => e.runId === id && e.runStatus === "FAILED");
          if (!(done(0, sentinelW.id) && done(1, sentinelW.id) && done(2, sentinelOther.id)))
            throw new Error("sentinels not seen");
          if (!(done(3, sentinelW.id) && done(3, sentinelOther.id) && done(4, sentinelW.id)))
            throw new Error("sentinels not seen");
        },
        { timeout: 10_000, interval: 20 },
      );
      const brief = (e: RunEvent) => [e.runId, e.runStatus];
      for (const i of [0, 1, 2, 3, 4]) {
        for (const e of events(i))
          expect(e).toMatchObject({ kind: "RUN", stepId: null, stepStatus: null, attempts: null });
      }
      expect(events(0).map(brief)).toEqual([
        [ok.id, "RUNNING"],
        [ok.id, "SUCCEEDED"],
        [bad.id, "RUNNING"],
        [bad.id, "FAILED"],
        [sentinelW.id, "RUNNING"],
        [sentinelW.id, "FAILED"],
      ]);
      expect(events(0).find((e) => e.runId === bad.id && e.runStatus === "FAILED")).toMatchObject({
        workflowId: w.id,
        failedStepId: "s2",
        error: "step 's2' failed: boom",
      });
      // A template's name selects the same runs as its id.
      expect(events(4)).toEqual(events(0));
      expect(events(1).map(brief)).toEqual([
        [bad.id, "FAILED"],
        [sentinelW.id, "FAILED"],
      ]);
      expect(events(2).map(brief)).toEqual([
        [elsewhere.id, "RUNNING"],
        [elsewhere.id, "SUCCEEDED"],
        [sentinelOther.id, "RUNNING"],
        [sentinelOther.id, "FAILED"],
      ]);
      // Sentinels run concurrently: their order between each other is not fixed.
      expect(events(3).map(brief).slice(0, 1)).toEqual([[bad.id, "FAILED"]]);
      expect(new Set(events(3).map(brief).slice(1).map(String))).toEqual(
        new Set([`${sentinelW.id},FAILED`, `${sentinelOther.id},FAILED`]),
      );
      expect(subs.flatMap((s) => s.errors)).toEqual([]);
    } finally {
      await Promise.all(subs.map((s) => s.close()));
    }
  });
});
