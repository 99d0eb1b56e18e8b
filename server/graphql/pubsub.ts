// Typed events for subscriptions. In-memory by default; with REDIS_URL every instance publishes
// to and subscribes from Redis (graphql-yoga's Redis event target), so a subscriber connected to
// one instance sees events raised on any other.
import { getEventListeners, setMaxListeners } from "node:events";
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { createPubSub, type PubSub } from "graphql-yoga";
import { Redis } from "ioredis";

export type AgentChange = { kind: "created" | "updated" | "deleted"; agentId: string; name: string };
/** An agent's circuit breaker changed (state or failure count); dates ISO. */
export type AgentHealthChange = {
  agentId: string;
  name: string;
  previousState: "closed" | "open" | "half_open";
  state: "closed" | "open" | "half_open";
  consecutiveFailures: number;
  openedAt: string | null;
  retryAfter: string | null;
  at: string;
};
/** An alert was raised, acknowledged or resolved (modules/alert/alert.store.ts); dates ISO. */
export type AlertChange = {
  event: "raised" | "acknowledged" | "resolved";
  alert: {
    id: string;
    kind: "circuit_open" | "repeated_failures";
    state: "open" | "acknowledged" | "resolved";
    agentId: string;
    agentName: string;
    message: string;
    raisedAt: string;
    acknowledgedAt: string | null;
    acknowledgedBy: string | null;
    resolvedAt: string | null;
  };
};
export type WorkflowChange = { kind: "created" | "updated" | "deleted"; workflowId: string; name: string };

/** An execution as plain JSON (dates ISO, inputs/outputs as JSON text) so it crosses Redis intact. */
export type ExecutionEvent = { kind: "recorded" | "updated"; execution: Record<string, string | number | null> };
/** The executions one write recorded or updated: one message per batch, not per row. */
export type ExecutionBatch = { kind: ExecutionEvent["kind"]; executions: ExecutionEvent["execution"][] };

/** A workflow run's state change as plain JSON (dates ISO, outputs as JSON text). */
export type WorkflowRunMessage = {
  seq: number;
  kind: "run" | "step";
  runId: string;
  workflowId: string | null;
  status: string;
  error: string | null;
  failedStepId: string | null;
  stepId: string | null;
  attempts: number | null;
  executionId: string | null;
  outputs: string | null;
  at: string;
};

export type Events = {
  agentChanged: [AgentChange];
  /** Circuit breaker changes of every agent. */
  agentHealthChanged: [AgentHealthChange];
  /** Alerts raised, acknowledged and resolved, of every agent. */
  alertChanged: [AlertChange];
  workflowChanged: [WorkflowChange];
  executionEvents: [ExecutionBatch];
  /** Every change of one run (run and steps), by run id. */
  workflowRun: [runId: string, message: WorkflowRunMessage];
  /** Run-level changes of every run, for lists. */
  workflowRuns: [WorkflowRunMessage];
};

export type BatonPubSub = PubSub<Events> & {
  /**
   * Whether a published `topic` (with `id`, for per-run topics) can reach anyone, so a publisher
   * can skip building a large payload: in memory, whether a subscriber listens on this instance;
   * with Redis always true (other instances' subscribers are not known here).
   */
  watched(topic: keyof Events, id?: string): boolean;
  /**
   * Whether events reach other subscribers now (for `GET /health`): in memory always; with Redis,
   * whether both the publishing and the subscribing connection are ready. Cheap: no round trip.
   */
  connected(): boolean;
};

export interface PubSubHandle {
  pubsub: BatonPubSub;
  close(): Promise<void>;
}

/**
 * Redis channels are `<prefix><topic>`, so several Baton deployments (or test runs) can share one
 * Redis without seeing each other's events; instances of one deployment must use the same prefix.
 */
function prefixedTarget(target: EventTarget, prefix: string): EventTarget {
  if (prefix === "") return target;
  return {
    addEventListener: (topic, callback, options) => target.addEventListener(prefix + topic, callback, options),
    removeEventListener: (topic, callback, options) => target.removeEventListener(prefix + topic, callback, options),
    dispatchEvent: (event) =>
      target.dispatchEvent(new CustomEvent(prefix + event.type, { detail: (event as CustomEvent).detail })),
  };
}

export async function createBatonPubSub(redisUrl?: string, redisPrefix = "baton:"): Promise<PubSubHandle> {
  if (!redisUrl) {
    // Many dashboards may watch one run: one listener each on the same topic is expected.
    const eventTarget = new EventTarget();
    setMaxListeners(0, eventTarget);
    const pubsub = createPubSub<Events>({ eventTarget } as Parameters<typeof createPubSub<Events>>[0]);
    return {
      pubsub: Object.assign(pubsub, {
        // yoga's pubsub adds one listener per open subscription, on `topic` or `topic:id`.
        watched: (topic: keyof Events, id?: string) =>
          getEventListeners(eventTarget, id === undefined ? topic : `${topic}:${id}`).length > 0,
        connected: () => true,
      }),
      close: async () => undefined,
    };
  }
  const options = { lazyConnect: true, maxRetriesPerRequest: 3 };
  const publishClient = new Redis(redisUrl, options);
  const subscribeClient = new Redis(redisUrl, options);
  // Fail fast at start-up when Redis is unreachable, rather than on the first event.
  await Promise.all([publishClient.connect(), subscribeClient.connect()]);
  const eventTarget = prefixedTarget(
    createRedisEventTarget({ publishClient, subscribeClient }) as unknown as EventTarget,
    redisPrefix,
  );
  return {
    pubsub: Object.assign(createPubSub<Events>({ eventTarget } as Parameters<typeof createPubSub<Events>>[0]), {
      watched: () => true,
      connected: () => publishClient.status === "ready" && subscribeClient.status === "ready",
    }),
    close: async () => {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
