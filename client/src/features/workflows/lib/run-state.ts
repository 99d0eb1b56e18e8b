// A run as the page shows it: the last snapshot from the API with every workflowRun(id) event
// received since laid over it. Changes only move forward — a step's (attempt, pending → running →
// finished) and a run's (pending → running → finished) — so an event older than the snapshot (it
// arrived before a refetch's answer) changes nothing, and the order of snapshot and events does
// not matter.
import { isFinished, statusRank } from "./status.ts";

export interface LiveStep {
  stepId: string;
  status: string;
  attempts: number;
  outputs?: unknown;
  error?: string | null;
  executionId?: string | null;
  startedAt?: string | null;
  endedAt?: string | null;
}

export interface LiveRun<S extends LiveStep = LiveStep> {
  id: string;
  status: string;
  error?: string | null;
  failedStepId?: string | null;
  startedAt?: string | null;
  endedAt?: string | null;
  steps: readonly S[];
}

/** The fields of a WorkflowRunEvent the page applies. */
export interface RunEventFields {
  kind: "run" | "step";
  runId: string;
  status: string;
  at: string;
  error?: string | null;
  failedStepId?: string | null;
  stepId?: string | null;
  attempts?: number | null;
  executionId?: string | null;
  outputs?: unknown;
}

function applyRun<R extends LiveRun>(run: R, e: RunEventFields): R {
  if (statusRank(e.status) < statusRank(run.status)) return run;
  const finished = isFinished(e.status);
  return {
    ...run,
    status: e.status,
    error: e.error ?? run.error ?? null,
    failedStepId: e.failedStepId ?? run.failedStepId ?? null,
    startedAt: run.startedAt ?? (e.status === "running" ? e.at : null),
    endedAt: finished ? (run.endedAt ?? e.at) : (run.endedAt ?? null),
  };
}

function applyStep<S extends LiveStep>(step: S, e: RunEventFields): S {
  const attempts = e.attempts ?? step.attempts;
  const stale =
    attempts < step.attempts || (attempts === step.attempts && statusRank(e.status) < statusRank(step.status));
  if (stale) return step;
  const finished = isFinished(e.status);
  return {
    ...step,
    status: e.status,
    attempts,
    error: e.error ?? null,
    outputs: e.outputs ?? step.outputs ?? null,
    executionId: e.executionId ?? step.executionId ?? null,
    startedAt: step.startedAt ?? (e.status === "running" ? e.at : null),
    endedAt: finished ? (step.endedAt ?? e.at) : null,
  };
}

/** The run after one event (the same object when the event is not news). */
export function applyRunEvent<R extends LiveRun>(run: R, e: RunEventFields): R {
  if (e.runId !== run.id) return run;
  if (e.kind === "run") return applyRun(run, e);
  const index = run.steps.findIndex((s) => s.stepId === e.stepId);
  const step = run.steps[index];
  if (!step) return run;
  const next = applyStep(step, e);
  if (next === step) return run;
  const steps = [...run.steps];
  steps[index] = next;
  return { ...run, steps };
}

export function applyRunEvents<R extends LiveRun>(run: R, events: readonly RunEventFields[]): R {
  return events.reduce(applyRunEvent, run);
}
