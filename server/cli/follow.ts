// Following a workflow run live: its workflowRun(id) graphql-ws subscription, reconciled with the
// run as REST reports it (GET /workflow-runs/{id}) when the socket opens and every few seconds —
// the subscription has no replay, so changes made before it went live come from there. Each
// step's state only moves forward, so a change reported twice (live and fetched) prints once.
import type { BatonClient } from "./client.js";
import type { RestRun } from "./runs.js";

const RUN_EVENT_QUERY = `subscription($id: ID!) {
  workflowRun(id: $id) { kind runStatus stepStatus stepId attempts error failedStepId at }
}`;

interface LiveEvent {
  kind: "RUN" | "STEP";
  runStatus: string | null;
  stepStatus: string | null;
  stepId: string | null;
  attempts: number | null;
  error: string | null;
  failedStepId: string | null;
  at: string;
}

export const FINISHED_RUN = new Set(["succeeded", "failed", "cancelled", "rolled_back", "rollback_failed"]);
const FINISHED_STEP = new Set(["succeeded", "failed", "skipped", "cancelled"]);

/** How often the run is re-read while followed, for changes the socket did not bring. */
const RECONCILE_MS = 2_000;

/** One change the view shows: a step's or the run's new state. */
export interface Change {
  type: "run" | "step";
  run_id: string;
  step_id: string | null;
  agent_name: string | null;
  status: string;
  attempts: number | null;
  error: string | null;
  /** When the server made the change. */
  at: string;
  /** ms from the run's creation to the change. */
  elapsed_ms: number;
  /** A finished step's time from its first attempt's start to its end. */
  duration_ms: number | null;
  /** `live` from the subscription, `fetched` from re-reading the run (a change made before it went live). */
  source: "live" | "fetched";
}

/** Where a step's state stands: pending 0, attempt n running 2n, attempt n failed and a retry waiting 2n+1, finished last. */
function rank(status: string, attempts: number, error: string | null): number {
  if (FINISHED_STEP.has(status)) return Number.MAX_SAFE_INTEGER;
  if (status === "pending") return 0;
  return attempts * 2 + (error ? 1 : 0);
}

const runRank = (status: string) =>
  FINISHED_RUN.has(status) ? 3 : status === "rolling_back" ? 2 : status === "running" ? 1 : 0;

export interface FollowView {
  /** A change, as it is learnt. */
  change(c: Change, steps: ReadonlyMap<string, StepState>): void;
  /** The run has ended; `run` is its final REST state. */
  end(run: RestRun, steps: ReadonlyMap<string, StepState>): void;
  /** Following stops (ended, interrupted or failed): timers and cursor are released. */
  close(): void;
}

export interface StepState {
  id: string;
  agent: string;
  status: string;
  attempts: number;
  error: string | null;
  rank: number;
  startedAt: number | null;
  endedAt: number | null;
}

/** Follows run `initial` (as POST …/execute answered) until it ends; returns its final state. */
export async function followRun(client: BatonClient, initial: RestRun, view: FollowView): Promise<RestRun> {
  const origin = Date.parse(initial.created_at);
  const steps = new Map<string, StepState>(
    initial.steps.map((s) => [
      s.step_id,
      {
        id: s.step_id,
        agent: s.agent_name,
        status: "pending",
        attempts: 0,
        error: null,
        rank: 0,
        startedAt: null,
        endedAt: null,
      },
    ]),
  );
  let runStatus = initial.status;
  let ended = false;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const emitRun = (status: string, error: string | null, at: number, source: Change["source"]) => {
    if (runRank(status) <= runRank(runStatus)) return;
    runStatus = status;
    view.change(
      {
        type: "run",
        run_id: initial.id,
        step_id: null,
        agent_name: null,
        status,
        attempts: null,
        error,
        at: new Date(at).toISOString(),
        elapsed_ms: at - origin,
        duration_ms: null,
        source,
      },
      steps,
    );
    if (FINISHED_RUN.has(status)) {
      ended = true;
      finish();
    }
  };

  const emitStep = (
    id: string,
    next: { status: string; attempts: number; error: string | null; at: number; startedAt: number | null },
    source: Change["source"],
  ) => {
    const step = steps.get(id);
    if (!step) return;
    const r = rank(next.status, next.attempts, next.error);
    if (r <= step.rank) return;
    step.rank = r;
    step.status = next.status;
    step.attempts = next.attempts;
    step.error = next.error;
    if (step.startedAt === null && next.status === "running") step.startedAt = next.at;
    if (step.startedAt === null && next.startedAt !== null) step.startedAt = next.startedAt;
    if (FINISHED_STEP.has(next.status)) step.endedAt = next.at;
    view.change(
      {
        type: "step",
        run_id: initial.id,
        step_id: id,
        agent_name: step.agent,
        status: next.status,
        attempts: next.attempts,
        error: next.error,
        at: new Date(next.at).toISOString(),
        elapsed_ms: next.at - origin,
        duration_ms: step.endedAt !== null && step.startedAt !== null ? step.endedAt - step.startedAt : null,
        source,
      },
      steps,
    );
  };

  /**
   * The changes a run read over REST shows that were not shown yet, in order of time: each step's
   * current state and, for a step first seen past its start, its start (attempt 1 at started_at),
   * so every step that ran shows when it started. (Attempts between the first and the current one
   * are not in the run's state: only the socket tells them.)
   */
  const fromRest = (run: RestRun) => {
    const started = rank("running", 1, null);
    const changes: { at: number; apply: () => void }[] = [];
    for (const s of run.steps) {
      const startedAt = s.started_at ? Date.parse(s.started_at) : null;
      const at = s.ended_at ? Date.parse(s.ended_at) : (startedAt ?? Date.now());
      const step = steps.get(s.step_id);
      if (step && startedAt !== null && step.rank < started && rank(s.status, s.attempts, s.error) > started)
        changes.push({
          at: startedAt,
          apply: () =>
            emitStep(s.step_id, { status: "running", attempts: 1, error: null, at: startedAt, startedAt }, "fetched"),
        });
      changes.push({
        at,
        apply: () =>
          emitStep(s.step_id, { status: s.status, attempts: s.attempts, error: s.error, at, startedAt }, "fetched"),
      });
    }
    for (const c of changes.sort((a, b) => a.at - b.at)) c.apply();
  };

  const reconcile = async () => {
    const run = await client.get<RestRun>(`/workflow-runs/${encodeURIComponent(initial.id)}`);
    if (run.status !== "pending" && runRank(runStatus) === 0)
      emitRun("running", null, run.started_at ? Date.parse(run.started_at) : Date.now(), "fetched");
    fromRest(run);
    if (FINISHED_RUN.has(run.status))
      emitRun(run.status, run.error, run.ended_at ? Date.parse(run.ended_at) : Date.now(), "fetched");
    return run;
  };

  const applyLive = (e: LiveEvent) => {
    const at = Date.parse(e.at);
    if (e.kind === "RUN" && e.runStatus) emitRun(e.runStatus.toLowerCase(), e.error, at, "live");
    else if (e.kind === "STEP" && e.stepId && e.stepStatus)
      emitStep(
        e.stepId,
        { status: e.stepStatus.toLowerCase(), attempts: e.attempts ?? 0, error: e.error, at, startedAt: null },
        "live",
      );
  };

  let failure: unknown = null;
  const fail = (e: unknown) => {
    failure ??= e;
    finish();
  };
  // Live events wait until the first re-read has told what happened before the socket opened,
  // so the view shows the changes in the order they happened.
  let held: LiveEvent[] | null = [];
  const sub = client.subscribe<{ workflowRun: LiveEvent }>(
    RUN_EVENT_QUERY,
    { id: initial.id },
    {
      connected: () => {
        reconcile()
          .then(() => {
            const waiting = held ?? [];
            held = null;
            for (const e of waiting) applyLive(e);
          })
          .catch(fail);
      },
      next: ({ workflowRun: e }) => {
        if (held) held.push(e);
        else applyLive(e);
      },
    },
  );
  sub.done.catch(fail);
  // A re-read that fails is not fatal: a lost server also closes the socket, which is.
  const timer = setInterval(() => {
    if (!ended && !held) reconcile().catch(() => undefined);
  }, RECONCILE_MS);
  try {
    await finished;
    if (failure) throw failure;
    // The final state (outputs, error, duration) and any step change the socket missed.
    const run = await reconcile();
    view.end(run, steps);
    return run;
  } finally {
    clearInterval(timer);
    view.close();
    await sub.close();
  }
}
