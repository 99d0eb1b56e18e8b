// The execution streams' delivery (issue 10 §4): each subscriber has a bounded queue of the
// batches published since it last took a message. The queue holds references to the published
// batches (shared by every subscriber), so it costs little; what a subscriber takes is
// - the next batch as it was published (the same object for every subscriber with the same
//   filter, so ws-delivery executes and serialises it once for all of them), when it keeps up;
// - everything pending merged into one message, the latest state per execution, when it fell
//   behind (coalesced);
// - a resync marker, when it fell too far behind: more than `backedUpRows` executions pending
//   while its socket is backed up (more than ws-delivery's high-water mark unsent), or more than
//   `maxRows` pending in any case. The pending changes are dropped; the client refetches what
//   it shows, then applies the messages that follow. The socket is never closed for being slow.
import { socketBacklog } from "../../graphql/ws-delivery.js";
import type { BatonPubSub, ExecutionBatch, ExecutionEvent } from "../../graphql/pubsub.js";

export type Row = ExecutionEvent["execution"];
export type Kind = ExecutionEvent["kind"];
/** One change as a message carries it. */
export interface Change {
  kind: Kind;
  execution: Row;
}
/** One message of `executionChanges`: changes in order, or a resync marker (no changes). */
export interface Changes {
  resync: boolean;
  events: Change[];
}

export const STREAM_LIMITS = {
  /** Pending executions that make a backed-up subscriber resync (the largest batch is 5,000). */
  backedUpRows: 5_000,
  /** Pending executions that make any subscriber resync. */
  maxRows: 50_000,
};

export interface StreamFilter {
  /** Distinguishes filters: subscribers with the same key share messages. */
  key: string;
  matches(row: Row): boolean;
}

/** A batch's message per filter key: the same object for every subscriber with that filter. */
const messages = new WeakMap<ExecutionBatch, Map<string, Changes>>();

function messageOf(batch: ExecutionBatch, filter: StreamFilter): Changes {
  let byFilter = messages.get(batch);
  if (!byFilter) {
    byFilter = new Map();
    messages.set(batch, byFilter);
  }
  let message = byFilter.get(filter.key);
  if (!message) {
    const rows = filter.key === "" ? batch.executions : batch.executions.filter((r) => filter.matches(r));
    message = { resync: false, events: rows.map((execution) => ({ kind: batch.kind, execution })) };
    byFilter.set(filter.key, message);
  }
  return message;
}

/** Several messages as one: the latest state per execution, at its first place; recorded stays recorded. */
function coalesce(pending: Changes[]): Changes {
  const byId = new Map<unknown, Change>();
  for (const m of pending)
    for (const e of m.events) {
      const seen = byId.get(e.execution.id);
      byId.set(
        e.execution.id,
        seen ? { kind: seen.kind === "recorded" ? "recorded" : e.kind, execution: e.execution } : e,
      );
    }
  return { resync: false, events: [...byId.values()] };
}

const hasUpdates = (m: Changes) => m.events.some((e) => e.kind === "updated");

const RESYNC: Changes = { resync: true, events: [] };

/**
 * The messages for one subscriber: `context` is the operation's GraphQL context (ws-delivery
 * knows its socket). Ends when the consumer returns it.
 */
export async function* executionChanges(
  pubsub: BatonPubSub,
  filter: StreamFilter,
  context: unknown,
  limits = STREAM_LIMITS,
): AsyncGenerator<Changes> {
  const backlog = socketBacklog(context);
  const pending: Changes[] = [];
  let pendingRows = 0;
  let resync = false;
  const waiting: { wake: (() => void) | null } = { wake: null };
  const source = pubsub.subscribe("executionEvents");
  // Drain the pubsub into this queue at once, whether or not the consumer is ready.
  const pump = (async () => {
    for await (const batch of source) {
      const message = messageOf(batch, filter);
      if (message.events.length === 0) continue;
      pending.push(message);
      pendingRows += message.events.length;
      const behind =
        pendingRows > limits.maxRows || (pendingRows > limits.backedUpRows && backlog.bytes() > backlog.highWater);
      if (behind) {
        pending.length = 0;
        pendingRows = 0;
        resync = true;
      }
      waiting.wake?.();
    }
  })();
  try {
    for (;;) {
      if (!resync && pending.length === 0) {
        await new Promise<void>((resolve) => {
          waiting.wake = resolve;
        });
        waiting.wake = null;
      }
      if (resync) {
        resync = false;
        yield RESYNC;
        continue;
      }
      const taken = pending.splice(0);
      pendingRows = 0;
      // Recorded executions are new ids: nothing to merge, and each message stays shared with
      // the other subscribers (executed and serialised once). Updates are merged per execution.
      if (taken.length === 1 || !taken.some(hasUpdates)) yield* taken;
      else yield coalesce(taken);
    }
  } finally {
    await source.return?.();
    await pump;
  }
}

/**
 * The same queue, one execution a message (`executionEvents`). Each event object is shared by the
 * subscribers with the same filter, so it is executed and serialised once. A resync ends the
 * subscription with an error saying so: the client refetches and subscribes again.
 */
export async function* executionEvents(
  pubsub: BatonPubSub,
  filter: StreamFilter,
  context: unknown,
  limits = STREAM_LIMITS,
): AsyncGenerator<Change> {
  for await (const message of executionChanges(pubsub, filter, context, limits)) {
    if (message.resync)
      throw new Error(
        "RESYNC: this subscriber fell too far behind and updates were dropped; refetch, then subscribe again " +
          "(executionChanges delivers batches and marks a resync without ending)",
      );
    yield* message.events;
  }
}
