import { describe, expect, it } from "vitest";
import { applyRunEvent, applyRunEvents, type LiveRun, type RunEventFields } from "./run-state.ts";

const T0 = "2026-01-01T10:00:00.000Z";
const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();

const pendingStep = (stepId: string) => ({
  stepId,
  status: "pending",
  attempts: 0,
  outputs: null,
  error: null,
  executionId: null,
  startedAt: null,
  endedAt: null,
});

const snapshot = (): LiveRun => ({
  id: "run1",
  status: "pending",
  error: null,
  failedStepId: null,
  startedAt: null,
  endedAt: null,
  steps: [pendingStep("plan"), pendingStep("build")],
});

const runEvent = (status: string, s: number, extra: Partial<RunEventFields> = {}): RunEventFields => ({
  kind: "run",
  runId: "run1",
  status,
  at: at(s),
  ...extra,
});

const stepEvent = (stepId: string, status: string, attempts: number, s: number, extra: Partial<RunEventFields> = {}) =>
  ({ kind: "step", runId: "run1", stepId, status, attempts, at: at(s), ...extra }) satisfies RunEventFields;

describe("applyRunEvents", () => {
  it("follows a run from start to success, step by step", () => {
    const run = applyRunEvents(snapshot(), [
      runEvent("running", 0),
      stepEvent("plan", "running", 1, 1, { executionId: "e1" }),
      stepEvent("plan", "succeeded", 1, 2, { executionId: "e1", outputs: { plan: "ok" } }),
      stepEvent("build", "running", 1, 2, { executionId: "e2" }),
      stepEvent("build", "succeeded", 1, 5, { executionId: "e2", outputs: {} }),
      runEvent("succeeded", 5),
    ]);
    expect(run).toEqual({
      id: "run1",
      status: "succeeded",
      error: null,
      failedStepId: null,
      startedAt: at(0),
      endedAt: at(5),
      steps: [
        {
          ...pendingStep("plan"),
          status: "succeeded",
          attempts: 1,
          outputs: { plan: "ok" },
          executionId: "e1",
          startedAt: at(1),
          endedAt: at(2),
        },
        {
          ...pendingStep("build"),
          status: "succeeded",
          attempts: 1,
          outputs: {},
          executionId: "e2",
          startedAt: at(2),
          endedAt: at(5),
        },
      ],
    });
  });

  it("names the failed step and its error; the steps after it are skipped", () => {
    const run = applyRunEvents(snapshot(), [
      runEvent("running", 0),
      stepEvent("plan", "running", 1, 1),
      stepEvent("plan", "failed", 1, 2, { error: "boom" }),
      stepEvent("build", "skipped", 0, 2),
      runEvent("failed", 2, { error: "step 'plan' failed: boom", failedStepId: "plan" }),
    ]);
    expect(run.status).toBe("failed");
    expect(run.failedStepId).toBe("plan");
    expect(run.error).toBe("step 'plan' failed: boom");
    expect(run.steps.map((s) => [s.stepId, s.status, s.error])).toEqual([
      ["plan", "failed", "boom"],
      ["build", "skipped", null],
    ]);
  });

  it("shows a retry as the next attempt running again, keeping the last error until it finishes", () => {
    const run = applyRunEvents(snapshot(), [
      stepEvent("plan", "running", 1, 1),
      stepEvent("plan", "running", 1, 2, { error: "flaky" }),
      stepEvent("plan", "running", 2, 3, { error: "flaky" }),
    ]);
    expect(run.steps[0]).toMatchObject({
      status: "running",
      attempts: 2,
      error: "flaky",
      startedAt: at(1),
      endedAt: null,
    });
    const done = applyRunEvent(run, stepEvent("plan", "succeeded", 2, 4, { outputs: { n: 1 } }));
    expect(done.steps[0]).toMatchObject({
      status: "succeeded",
      attempts: 2,
      error: null,
      outputs: { n: 1 },
      endedAt: at(4),
    });
  });

  it("ignores events older than what it shows (a snapshot fetched after them)", () => {
    const fresh: LiveRun = {
      ...snapshot(),
      status: "running",
      startedAt: at(0),
      steps: [
        {
          ...pendingStep("plan"),
          status: "succeeded",
          attempts: 1,
          outputs: { a: 1 },
          startedAt: at(1),
          endedAt: at(2),
        },
        pendingStep("build"),
      ],
    };
    const stale = [runEvent("pending", 0), stepEvent("plan", "running", 1, 1)];
    expect(applyRunEvents(fresh, stale)).toBe(fresh);
    // …while news still lands on top of it.
    const next = applyRunEvents(fresh, [...stale, stepEvent("build", "running", 1, 3)]);
    expect(next.steps.map((s) => s.status)).toEqual(["succeeded", "running"]);
  });

  it("applies events received before the first snapshot in any order with it", () => {
    const events = [runEvent("running", 0), stepEvent("plan", "running", 1, 1)];
    const base = applyRunEvents(snapshot(), events);
    expect(base.status).toBe("running");
    expect(base.steps[0]?.status).toBe("running");
  });

  it("leaves the run alone for another run's events and unknown steps", () => {
    const run = snapshot();
    expect(applyRunEvent(run, { ...runEvent("running", 0), runId: "other" })).toBe(run);
    expect(applyRunEvent(run, stepEvent("nope", "running", 1, 0))).toBe(run);
  });
});
