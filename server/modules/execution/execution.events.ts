// Execution events on the pubsub: serialised so they survive the Redis event target.
import type { Execution } from "../../generated/sqlite/client.js";
import type { BatonPubSub, ExecutionEvent } from "../../graphql/pubsub.js";
import { toExecution } from "./execution.views.js";

export function serialiseExecution(e: Omit<Execution, "inputs" | "outputs"> & { inputs: unknown; outputs: unknown }) {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    ...e,
    timestamp: iso(e.timestamp),
    endedAt: iso(e.endedAt),
    createdAt: iso(e.createdAt),
    updatedAt: iso(e.updatedAt),
    inputs: e.inputs === null || e.inputs === undefined ? null : JSON.stringify(e.inputs),
    outputs: e.outputs === null || e.outputs === undefined ? null : JSON.stringify(e.outputs),
  } as ExecutionEvent["execution"];
}

export function publishExecutions(
  pubsub: BatonPubSub,
  kind: ExecutionEvent["kind"],
  rows: Parameters<typeof serialiseExecution>[0][],
) {
  // One message for the whole batch: dispatching (and, with Redis, sending) one per row cost more
  // than validating the rows did.
  if (rows.length > 0) pubsub.publish("executionEvents", { kind, executions: rows.map(serialiseExecution) });
}

export const eventExecution = (event: ExecutionEvent) => toExecution(event.execution);
