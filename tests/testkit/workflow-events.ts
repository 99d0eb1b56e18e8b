// A workflow run's changes over graphql-ws: the workflowRun(id) and workflowRuns subscriptions,
// their event, and readers of what a subscriber received: waiting for a run's final event, and
// comparing events with the sequence a run goes through.
import { expect, vi } from "vitest";
import type { WorkflowRunMessage } from "../../server/graphql/pubsub.js";
import type { Subscription } from "./subscriptions.js";
import { type GqlRunStatus, type GqlStepStatus, isFinishedGql } from "./workflows.js";

/** Every field of a WorkflowRunEvent. */
export const RUN_EVENT_FIELDS =
  "seq kind runId workflowId runStatus stepStatus error failedStepId stepId attempts executionId outputs at";
/** Every change of one run (run and steps): variables `{ id }`. */
export const RUN_SUBSCRIPTION = `subscription($id: ID!) { workflowRun(id: $id) { ${RUN_EVENT_FIELDS} } }`;
/** Run-level changes of every run: variables `{ workflow?, status? }` (a template's id or name, a list of statuses). */
export const RUNS_SUBSCRIPTION = `subscription($workflow: ID, $status: [WorkflowRunStatus!]) {
  workflowRuns(workflow: $workflow, status: $status) { ${RUN_EVENT_FIELDS} }
}`;

/**
 * A WorkflowRunEvent as a subscriber gets it: the message the server publishes, its outputs parsed,
 * kinds and statuses by their GraphQL names, the status as `runStatus` (kind RUN) or `stepStatus` (STEP).
 */
export type RunEvent = Omit<WorkflowRunMessage, "outputs" | "kind" | "status"> & {
  kind: "RUN" | "STEP";
  runStatus: GqlRunStatus | null;
  stepStatus: GqlStepStatus | null;
  outputs: unknown;
};
export type RunSub = Subscription<{ workflowRun: RunEvent }>;
export type RunsSub = Subscription<{ workflowRuns: RunEvent }>;

export const runEvents = (sub: RunSub) => sub.values.map((v) => v.workflowRun);
export const listEvents = (sub: RunsSub) => sub.values.map((v) => v.workflowRuns);

/** The status an event announces: the run's (kind RUN) or the step's (kind STEP). */
export const statusOf = (e: RunEvent): string | null => (e.kind === "RUN" ? e.runStatus : e.stepStatus);

/** Waits for the run-level event that ends the run; returns every event received. */
export async function untilEnded(sub: RunSub, timeoutMs = 15_000): Promise<RunEvent[]> {
  await vi.waitFor(
    () => {
      if (!runEvents(sub).some((e) => e.kind === "RUN" && isFinishedGql({ status: e.runStatus ?? "" })))
        throw new Error("the run's final event has not arrived");
    },
    { timeout: timeoutMs, interval: 20 },
  );
  return runEvents(sub);
}

export type Brief = [kind: string, stepId: string | null, status: string | null, attempts: number | null];
export const brief = (e: RunEvent): Brief => [e.kind, e.stepId, statusOf(e), e.attempts];

/** The events of a run whose steps all succeed at their first attempt, one after the other. */
export const successSequence = (steps: string[]): Brief[] => [
  ["RUN", null, "RUNNING", null],
  ...steps.flatMap((id): Brief[] => [
    ["STEP", id, "RUNNING", 1],
    ["STEP", id, "SUCCEEDED", 1],
  ]),
  ["RUN", null, "SUCCEEDED", null],
];

/** Each event carries the status of its kind only: `runStatus` on RUN events, `stepStatus` on STEP events. */
export function expectOneStatusEach(events: RunEvent[]) {
  expect(events.map((e) => [e.seq, e.kind === "RUN" ? e.stepStatus : e.runStatus])).toEqual(
    events.map((e) => [e.seq, null]),
  );
}

/**
 * The subscription opens after the run was executed and had already started, so the first events
 * may predate it. What did arrive must be exactly the tail of the full sequence (seq says where it
 * starts, at `mustStartBy` at the latest), numbered without gaps, in order of time.
 */
export function expectTail(events: RunEvent[], full: Brief[], mustStartBy: number) {
  expect(events.length).toBeGreaterThan(0);
  const first = (events[0] as RunEvent).seq;
  expect(first, "the subscription went live too late to prove anything").toBeLessThanOrEqual(mustStartBy);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => first + i));
  expect(events.map(brief)).toEqual(full.slice(first - 1));
  expectOneStatusEach(events);
  const times = events.map((e) => Date.parse(e.at));
  expect(times).toEqual([...times].sort((a, b) => a - b));
}
