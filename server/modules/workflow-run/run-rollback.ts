// Rolling back a finished run (saga). The steps that succeeded are undone in reverse order of
// completion: each one's `compensate` agent call runs (its input may read `{{steps.<id>.output}}`
// and `{{params.<name>}}`), recorded as an execution under the run's root — the run's rollback
// branch, `workflowStepId` "rollback:<step>". Then the files builtin steps wrote are put back as
// they were before the run, from the snapshots in the database (file-snapshots.ts). The run ends
// ROLLED_BACK, or ROLLBACK_FAILED naming the compensation that failed (the compensations after it
// in the order are not run: they may rely on it; the file snapshots are restored all the same,
// they depend on no agent).
// One conditional UPDATE (finished → rolling_back, taking the run's lease) decides between
// concurrent rollbacks; a run rolled back is neither resumable nor rolled back again (409), it can
// be re-run. A rollback outlives its server: the instance rolling back renews the run's lease like
// a running run's, and when it dies (or stops) the next instance to claim the run continues the
// rollback — a compensation that already succeeded is not run again (its execution says so), one
// the dead server left in progress is closed as interrupted and runs again.
import type { Database } from "../../db.js";
import type { Engine } from "../../engine/engine.js";
import { resolveInput } from "../../engine/expressions.js";
import type { FileSnapshots } from "../../engine/file-snapshots.js";
import { flattenNodes } from "../../engine/template.js";
import type { Json, JsonObject, TemplateDefinition } from "../../engine/types.js";
import { ConflictError, NotFoundError } from "../../errors.js";
import type { BatonPubSub } from "../../graphql/pubsub.js";
import { newId } from "../../ids.js";
import { sql, timeParam } from "../../sql.js";
import { publishExecutions } from "../execution/execution.events.js";
import { getWorkflowId } from "../workflow/workflow.service.js";
import { createRunEmitter } from "./workflow-run.events.js";
import { withNotionOutbox } from "../../integrations/notion/outbox.js";

/** The execution's `workflowStepId` for the compensation of `stepId`. */
export const rollbackStepId = (stepId: string) => `rollback:${stepId}`;
const ROLLBACK_PREFIX = "rollback:";

function notRollbackable(id: string, status: string): ConflictError {
  if (status === "pending" || status === "running")
    return new ConflictError(`run '${id}' is still ${status}: cancel it or wait for it to end`, "id");
  if (status === "rolling_back") return new ConflictError(`run '${id}' is being rolled back`, "id");
  return new ConflictError(`run '${id}' was already rolled back (${status})`, "id");
}

export interface RollbackOutcome {
  status: "rolled_back" | "rollback_failed";
  error: string | null;
}

/**
 * How a rollback begins: asked for (a finished run; 409 otherwise), the automatic one of a failed
 * run whose template says on_failure rollback (only while that intent is still pending), or the
 * continuation of one a stopped instance left `rolling_back` (already claimed by this instance).
 */
export type RollbackMode = "request" | "pending" | "continue";

export interface RollbackDeps {
  db: Database;
  engine: Engine;
  pubsub: BatonPubSub;
  snapshots: FileSnapshots;
}

/**
 * Rolls back a run and waits for the end; null when it stopped before the end (the server is
 * stopping, or another instance owns the run now: it goes on there) or, in "pending" mode, when
 * there was nothing pending. ConflictError ("request") while the run runs, once it was rolled
 * back, or when another request started first.
 */
export async function rollbackWorkflowRun(
  deps: RollbackDeps,
  id: string,
  mode: RollbackMode,
  signal: AbortSignal,
): Promise<RollbackOutcome | null> {
  const { db, engine } = deps;
  const exists = await db.prisma.workflowRun.findUnique({ where: { id }, select: { status: true } });
  if (!exists) throw new NotFoundError("WorkflowRun", id, "id");
  if (mode !== "continue") {
    const now = timeParam(db.provider, new Date());
    const guard =
      mode === "pending"
        ? sql`"status" = 'failed' AND "rollbackPending"`
        : sql`"status" IN ('succeeded', 'failed', 'cancelled')`;
    const pg = db.provider === "postgresql";
    const started = await db.sql.writeIf(
      sql`UPDATE "WorkflowRun" SET "status" = 'rolling_back', "rollbackPending" = ${pg ? sql`FALSE` : sql`0`},
        "ownerId" = ${engine.ownerId}, "heartbeatAt" = ${now}, "updatedAt" = ${now}
        WHERE "id" = ${id} AND ${guard} RETURNING "id"`,
      [],
    );
    if (!started) {
      if (mode === "pending") return null;
      const current = await db.prisma.workflowRun.findUniqueOrThrow({ where: { id }, select: { status: true } });
      throw notRollbackable(id, current.status);
    }
  }
  return continueRollback(deps, id, signal);
}

/** The latest compensation execution of each step, by step id. */
async function compensationsDone(db: Database, runId: string) {
  const rows = await db.prisma.execution.findMany({
    where: { workflowRunId: runId, workflowStepId: { startsWith: ROLLBACK_PREFIX } },
    orderBy: [{ attempt: "asc" }, { timestamp: "asc" }],
  });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) latest.set((r.workflowStepId as string).slice(ROLLBACK_PREFIX.length), r);
  return latest;
}

async function continueRollback(deps: RollbackDeps, id: string, signal: AbortSignal): Promise<RollbackOutcome | null> {
  const { db, engine, pubsub } = deps;
  const run = await db.prisma.workflowRun.findUniqueOrThrow({
    where: { id },
    select: {
      status: true,
      error: true,
      workflowId: true,
      definition: true,
      params: true,
      rootExecutionId: true,
      steps: { select: { stepId: true, status: true, outputs: true, endedAt: true, position: true } },
    },
  });
  if (run.status !== "rolling_back") return null;
  const emit = createRunEmitter(pubsub);
  const announce = (status: string, error: string | null) =>
    emit.run({
      kind: "run",
      runId: id,
      workflowId: run.workflowId,
      status: status as never,
      error,
      failedStepId: null,
      at: new Date(),
    });
  announce("rolling_back", run.error);

  const definition = run.definition as unknown as TemplateDefinition;
  const defs = new Map(flattenNodes(definition.steps).steps.map((s) => [s.id, s.def]));
  const outputs: Record<string, { output: Json; status: string }> = {};
  for (const s of run.steps)
    outputs[s.stepId] = { output: s.status === "succeeded" ? ((s.outputs ?? null) as Json) : null, status: s.status };
  // Reverse order of completion (a later position first when two ended in the same millisecond).
  const todo = run.steps
    .filter((s) => s.status === "succeeded" && defs.get(s.stepId)?.compensate)
    .sort((a, b) => (b.endedAt?.getTime() ?? 0) - (a.endedAt?.getTime() ?? 0) || b.position - a.position);
  const earlier = await compensationsDone(db, id);

  let failure: string | null = null;
  for (const s of todo) {
    const compensate = defs.get(s.stepId)?.compensate;
    if (!compensate) continue;
    const before = earlier.get(s.stepId);
    if (before?.status === "success") continue;
    if (before?.status === "failure") {
      // Decided before the server stopped: the rollback failed there.
      failure = `compensation of step '${s.stepId}' (${compensate.agent}) failed: ${before.error ?? "failed"}`;
      break;
    }
    if (before?.status === "in_progress") await closeInterrupted(db, pubsub, before.id, before.timestamp);
    const input = resolveInput((compensate.input ?? {}) as Json, {
      params: run.params as JsonObject,
      steps: outputs,
      run: { id },
    });
    const result = await compensateStep(db, engine, pubsub, {
      runId: id,
      workflowId: run.workflowId,
      rootId: run.rootExecutionId,
      stepId: s.stepId,
      agent: compensate.agent,
      input,
      timeoutMs: compensate.timeout_ms,
      attempt: (before?.attempt ?? 0) + 1,
    });
    // The server is stopping: the compensation was cut short, the rollback goes on elsewhere.
    if (signal.aborted) return null;
    if (result !== null) {
      failure = `compensation of step '${s.stepId}' (${compensate.agent}) failed: ${result}`;
      break;
    }
  }
  let restoreError: string | null = null;
  try {
    await deps.snapshots.restore(id);
  } catch (e) {
    restoreError = `restoring the files the run wrote failed: ${(e as Error).message}`;
  }
  const status = failure || restoreError ? "rollback_failed" : "rolled_back";
  // Rolled back: the run's own error (why it failed) stays; a failed rollback says what failed.
  const error = failure ?? restoreError ?? run.error;
  const endedAt = timeParam(db.provider, new Date());
  // Only while this instance still holds the run: one that stalled past its lease stays silent.
  const ended = await db.sql.writeIf(
    sql`UPDATE "WorkflowRun" SET "status" = ${status}, "error" = ${error}, "heartbeatAt" = NULL, "updatedAt" = ${endedAt}
      WHERE "id" = ${id} AND "status" = 'rolling_back' AND "ownerId" = ${engine.ownerId} RETURNING "id"`,
    [],
  );
  if (!ended) return null;
  announce(status, error);
  return { status, error };
}

/** A compensation a stopped server left in progress ends cancelled, like an interrupted step attempt. */
async function closeInterrupted(db: Database, pubsub: BatonPubSub, id: string, startedAt: Date) {
  const endedAt = new Date();
  const closed = await withNotionOutbox(
    db,
    [id],
    db.prisma.execution.update({
      where: { id },
      data: {
        status: "cancelled",
        endedAt,
        durationMs: Math.max(0, endedAt.getTime() - startedAt.getTime()),
        error: "interrupted: the server running this compensation stopped before it finished",
      },
    }),
  );
  publishExecutions(pubsub, "updated", [closed]);
}

/** Runs one compensation as an execution under the run's root; null when it succeeded, else why not. */
async function compensateStep(
  db: Database,
  engine: Engine,
  pubsub: BatonPubSub,
  c: {
    runId: string;
    workflowId: string | null;
    rootId: string | null;
    stepId: string;
    agent: string;
    input: Json;
    timeoutMs?: number;
    attempt: number;
  },
): Promise<string | null> {
  const agent = await db.prisma.agent.findUnique({ where: { name: c.agent }, select: { id: true } });
  const id = newId();
  const record = await withNotionOutbox(
    db,
    [id],
    db.prisma.execution.create({
      data: {
        id,
        agentName: c.agent,
        agentId: agent?.id ?? null,
        status: "in_progress",
        timestamp: new Date(),
        inputs: c.input as object,
        parentExecutionId: c.rootId,
        rootId: c.rootId ?? id,
        depth: c.rootId ? 1 : 0,
        workflowId: c.workflowId,
        workflowRunId: c.runId,
        workflowStepId: rollbackStepId(c.stepId),
        attempt: c.attempt,
      },
    }),
  );
  publishExecutions(pubsub, "recorded", [record]);
  const result = agent
    ? await engine.invokeAgent({
        agent: c.agent,
        input: c.input,
        executionId: id,
        attempt: c.attempt,
        timeoutMs: c.timeoutMs,
      })
    : { ok: false as const, error: `agent '${c.agent}' is not registered`, outputs: undefined, cancelled: false };
  const endedAt = new Date();
  const updated = await withNotionOutbox(
    db,
    [id],
    db.prisma.execution.update({
      where: { id },
      data: {
        status: result.ok ? "success" : result.cancelled ? "cancelled" : "failure",
        endedAt,
        durationMs: Math.max(0, endedAt.getTime() - record.timestamp.getTime()),
        error: result.ok ? null : result.error,
        ...(result.outputs !== undefined ? { outputs: result.outputs as object } : {}),
      },
    }),
  );
  publishExecutions(pubsub, "updated", [updated]);
  return result.ok ? null : result.error;
}

/**
 * Rolls back a template's run: `runId` when given (it must be that template's), else its most
 * recent finished run that was not rolled back yet.
 */
export async function rollbackWorkflow(
  db: Database,
  engine: Engine,
  idOrName: string,
  runId: string | null | undefined,
): Promise<string> {
  const workflowId = await getWorkflowId(db, idOrName);
  let target: string;
  if (runId) {
    const run = await db.prisma.workflowRun.findUnique({ where: { id: runId }, select: { workflowId: true } });
    if (!run || run.workflowId !== workflowId) throw new NotFoundError("WorkflowRun", runId, "runId");
    target = runId;
  } else {
    const last = await db.prisma.workflowRun.findFirst({
      where: { workflowId, status: { in: ["succeeded", "failed", "cancelled", "rolled_back", "rollback_failed"] } },
      orderBy: [{ endedAt: "desc" }, { createdAt: "desc" }],
      select: { id: true },
    });
    if (!last) throw new ConflictError(`workflow '${idOrName}' has no finished run to roll back`, "id");
    target = last.id;
  }
  await engine.rollback(target);
  return target;
}
