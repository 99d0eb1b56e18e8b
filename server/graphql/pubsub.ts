// Typed events for subscriptions. In-memory by default; with REDIS_URL the same events cross
// instances through graphql-yoga's Redis event target (wired in main/app when configured).
import { createPubSub, type PubSub } from "graphql-yoga";

export type AgentChange = { kind: "created" | "updated" | "deleted"; agentId: string; name: string };

/** An execution as plain JSON (dates ISO, inputs/outputs as JSON text) so it crosses Redis intact. */
export type ExecutionEvent = { kind: "recorded" | "updated"; execution: Record<string, string | number | null> };

export type Events = {
  agentChanged: [AgentChange];
  executionEvents: [ExecutionEvent];
};

export type BatonPubSub = PubSub<Events>;

export function createBatonPubSub(eventTarget?: Parameters<typeof createPubSub>[0]): BatonPubSub {
  return createPubSub<Events>(eventTarget as Parameters<typeof createPubSub<Events>>[0]);
}
