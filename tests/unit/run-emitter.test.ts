// The engine's run emitter: a run's events are numbered whether or not anyone listens (so a late
// subscriber sees the run's own seq), but messages are built and published only for listeners.
import { describe, expect, test } from "vitest";
import type { RunEvent } from "../../server/engine/ports.js";
import { createBatonPubSub } from "../../server/graphql/pubsub.js";
import { createRunEmitter } from "../../server/modules/workflow-run/workflow-run.events.js";

const at = new Date("2026-12-01T10:00:00.000Z");
const step = (stepId: string, status: "running" | "succeeded"): RunEvent => ({
  kind: "step",
  runId: "run-1",
  workflowId: "wf-1",
  stepId,
  status,
  attempts: 1,
  error: null,
  executionId: `exec-${stepId}`,
  outputs: status === "succeeded" ? { done: stepId } : undefined,
  at,
});
const run = (status: "running" | "succeeded"): RunEvent => ({
  kind: "run",
  runId: "run-1",
  workflowId: "wf-1",
  status,
  error: null,
  failedStepId: null,
  at,
});

describe("the run emitter", () => {
  test("numbers every event, and publishes only to topics someone watches", async () => {
    const { pubsub, close } = await createBatonPubSub();
    const emit = createRunEmitter(pubsub);
    emit.run(run("running")); // seq 1, nobody listens
    emit.run(step("a", "running")); // seq 2

    const one = pubsub.subscribe("workflowRun", "run-1")[Symbol.asyncIterator]();
    const first = one.next(); // listening from here
    expect(pubsub.watched("workflowRuns")).toBe(false);
    emit.run(step("a", "succeeded")); // seq 3
    expect(await first).toEqual({
      done: false,
      value: {
        seq: 3,
        kind: "step",
        runId: "run-1",
        workflowId: "wf-1",
        status: "succeeded",
        error: null,
        failedStepId: null,
        stepId: "a",
        attempts: 1,
        executionId: "exec-a",
        outputs: '{"done":"a"}',
        at: "2026-12-01T10:00:00.000Z",
      },
    });
    const list = pubsub.subscribe("workflowRuns")[Symbol.asyncIterator]();
    const listed = list.next();
    const next = one.next();
    emit.run(run("succeeded")); // seq 4, to both
    expect([(await next).value?.seq, (await listed).value?.seq]).toEqual([4, 4]);
    await one.return?.();
    await list.return?.();
    await close();
  });
});
