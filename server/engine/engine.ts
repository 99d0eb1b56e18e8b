// The engine of one server instance: runs the workflow runs it owns in the background, renews
// their lease, picks up runs whose owner stopped (a crashed or restarted server: the database is
// the queue), and stops them on cancel. Runs outlive the process: on shutdown they are released
// as persisted, never marked finished, so the next owner resumes them. Rollbacks are leased the
// same way: one this instance was rolling back, or a failed run whose automatic rollback had not
// started, is continued by the next instance to claim it.
import { setMaxListeners } from "node:events";
import { type AbortReason, type ExecutorDeps, executeRun } from "./executor.js";
import { type InvokeResult, invokeRunner, numberOr } from "./invoke.js";
import { noBreaker, type Outcome } from "./recovery/circuit-breaker.js";
import type { Json, JsonObject } from "./types.js";

/** One call of a registered agent outside any workflow run (a retried execution). */
export interface AgentCall {
  agent: string;
  input: Json;
  /** The execution the call is recorded as (made by the caller). */
  executionId: string;
  attempt: number;
  /** Instead of the agent's own timeout (a compensation's `timeout_ms`). */
  timeoutMs?: number;
}

export interface EngineOptions {
  /** This instance's identity in run leases (the RunStore fences writes with the same id). */
  ownerId: string;
  /** A run whose owner has not renewed its lease for this long is taken over. */
  leaseMs: number;
  /** How often leases are renewed and orphans looked for (default leaseMs / 3). */
  heartbeatMs?: number;
  onError(message: string, error: unknown): void;
  /**
   * Rolls a run back (the module's rollback): "request" for a finished run (throws when it cannot
   * be), "pending" for a failed run whose template says on_failure rollback, "continue" for one a
   * stopped instance left rolling back. `signal` aborts when this server stops.
   */
  rollback?(runId: string, mode: "request" | "pending" | "continue", signal: AbortSignal): Promise<unknown>;
}

export interface Engine {
  readonly ownerId: string;
  /** Looks for orphaned runs now, then every heartbeat. */
  start(): Promise<void>;
  /** Runs a run this instance created (already owned by `ownerId`). */
  launch(runId: string): void;
  /** Stops a run this instance is running; false when it runs elsewhere (its owner will see the flag). */
  cancel(runId: string): boolean;
  /**
   * Invokes a registered agent once, outside a run: its circuit breaker admits it (or the call is
   * refused at once) and hears the outcome, its runner's timeout applies, and stopping the server
   * aborts it.
   */
  invokeAgent(call: AgentCall): Promise<InvokeResult & { refused?: boolean }>;
  /**
   * Rolls back a finished run (the module's rollback, given as EngineOptions.rollback); throws
   * what it throws (a run still running, or already rolled back).
   */
  rollback(runId: string): Promise<unknown>;
  /** Whether the engine has started and is not closed (`GET /health`). */
  running(): boolean;
  /** Resolves when the run is no longer running here (for tests and graceful stops). */
  settled(runId: string): Promise<void>;
  close(): Promise<void>;
}

export function createEngine(deps: ExecutorDeps, options: EngineOptions): Engine {
  const { ownerId } = options;
  const active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  // Rollbacks asked for through the API, while they run: their runs' leases are renewed too.
  const rollbacks = new Map<string, { controller: AbortController; done: Promise<unknown> }>();
  const heartbeatMs = options.heartbeatMs ?? Math.max(50, Math.floor(options.leaseMs / 3));
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | null = null;
  let closed = false;
  let started = false;
  // Calls outside runs (retried executions) stop with the server too.
  const calls = new AbortController();
  setMaxListeners(0, calls.signal);

  function launch(runId: string) {
    if (closed || active.has(runId)) return;
    const controller = new AbortController();
    // Every running step of a wide parallel group listens to the run's signal.
    setMaxListeners(0, controller.signal);
    const done = (async () => {
      try {
        const run = await deps.store.load(runId);
        if (!run) return;
        if (run.status === "rolling_back" || (run.status === "failed" && run.rollbackPending)) {
          // Claimed from a stopped instance in the middle of a rollback, or just before one.
          await options.rollback?.(runId, run.status === "failed" ? "pending" : "continue", controller.signal);
          return;
        }
        if (run.status !== "pending" && run.status !== "running") return;
        if (run.cancelRequested) controller.abort("cancel" satisfies AbortReason);
        const status = await executeRun(deps, run, controller.signal);
        if (status === "failed" && run.definition.on_failure === "rollback" && options.rollback)
          await options.rollback(runId, "pending", controller.signal);
        // Halted (shutdown) or lost to another instance: stop whatever branch is still running.
        if (status === null) controller.abort("shutdown" satisfies AbortReason);
      } catch (e) {
        options.onError(`workflow run ${runId} stopped unexpectedly`, e);
      } finally {
        active.delete(runId);
      }
    })();
    active.set(runId, { controller, done });
  }

  async function tick() {
    const now = new Date();
    const leased = [...new Set([...active.keys(), ...rollbacks.keys()])];
    const cancelled = await deps.store.heartbeat(ownerId, leased, now);
    for (const id of cancelled) active.get(id)?.controller.abort("cancel" satisfies AbortReason);
    if (closed) return;
    const claimed = await deps.store.claimOrphans(ownerId, new Date(now.getTime() - options.leaseMs), now);
    for (const id of claimed) launch(id);
  }

  function scheduleTick() {
    if (ticking || closed) return;
    ticking = tick()
      .catch((e: unknown) => options.onError("workflow heartbeat failed", e))
      .finally(() => {
        ticking = null;
      });
  }

  return {
    ownerId,
    async start() {
      await tick();
      timer = setInterval(scheduleTick, heartbeatMs);
      timer.unref();
      started = true;
    },
    running: () => started && !closed,
    launch,
    async invokeAgent(call) {
      const agent = await deps.agents(call.agent);
      if (!agent) return { ok: false, error: `agent '${call.agent}' is not registered` };
      const breaker = deps.breaker ?? noBreaker;
      const admission = agent.id ? await breaker.admit(agent.id) : { ok: true as const, trial: false };
      if (!admission.ok) return { ok: false, error: admission.error, refused: true };
      const settings = agent.runner.settings as JsonObject;
      const result = await invokeRunner(
        deps.runners[agent.runner.kind],
        {
          agent: { name: call.agent, kind: agent.runner.kind, settings },
          input: call.input,
          timeoutMs: call.timeoutMs ?? numberOr(settings.timeout_ms),
          runId: "",
          stepId: "",
          attempt: call.attempt,
          executionId: call.executionId,
        },
        calls.signal,
      );
      const outcome = result.ok ? "success" : result.cancelled ? "cancelled" : "failure";
      const reported: Outcome =
        outcome === "failure" ? { kind: outcome, executionId: call.executionId } : { kind: outcome };
      if (agent.id) await breaker.report(agent.id, reported, admission.trial);
      return result;
    },
    async rollback(runId) {
      const rollback = options.rollback;
      if (!rollback) throw new Error("this engine cannot roll runs back");
      if (closed) throw new Error("the server is stopping: roll the run back on another instance");
      const controller = new AbortController();
      setMaxListeners(0, controller.signal);
      const done = rollback(runId, "request", controller.signal);
      const entry = { controller, done };
      rollbacks.set(runId, entry);
      try {
        return await done;
      } finally {
        if (rollbacks.get(runId) === entry) rollbacks.delete(runId);
      }
    },
    cancel(runId) {
      const run = active.get(runId);
      run?.controller.abort("cancel" satisfies AbortReason);
      return Boolean(run);
    },
    async settled(runId) {
      await active.get(runId)?.done;
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await ticking;
      calls.abort("shutdown");
      const running = [...active.values(), ...rollbacks.values()];
      for (const r of running) r.controller.abort("shutdown" satisfies AbortReason);
      await Promise.all(running.map((r) => r.done.catch(() => undefined)));
      // Let the next instance (or this one restarted) take the runs over without waiting a lease.
      await deps.store.release(ownerId).catch((e: unknown) => options.onError("releasing workflow runs failed", e));
    },
  };
}
