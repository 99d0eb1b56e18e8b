// Rolling back a finished run (saga). The steps that succeeded are undone in reverse order of
// completion: each one's `compensate` agent call runs (its input may read `{{steps.<id>.output}}`
// and `{{params.<name>}}`), recorded as an execution under the run's root — the run's rollback
// branch, `workflowStepId` "rollback:<step>". Then the files builtin steps wrote are put back as
// they were before the run (file-snapshots.ts). The run ends ROLLED_BACK, or ROLLBACK_FAILED
// naming the compensation that failed (the compensations after it in the order are not run: they
// may rely on it; the file snapshots are restored all the same, they depend on no agent).
// One conditional UPDATE (finished → rolling_back) decides between concurrent rollbacks; a run
// rolled back is neither resumable nor rolled back again (409), it can be re-run.
import type { Database } from "../../db.js";
import type { Engine } from "../../engine/engine.js";
import { resolveInput } from "../../engine/expressions.js";
import { flattenNodes } from "../../engine/template.js";
import type { Json, JsonObject, TemplateDefinition } from "../../engine/types.js";
import { ConflictError, NotFoundError } from "../../errors.js";
import type { BatonPubSub } from "../../graphql/pubsub.js";
import { newId } from "../../ids.js";
import { sql, timeParam } from "../../sql.js";
import { publishExecutions } from "../execution/execution.events.js";
import { getWorkflowId } from "../workflow/workflow.service.js";
import { restoreSnapshots } from "../../engine/file-snapshots.js";
import { createRunEmitter } from "./workflow-run.events.js";

/** The execution's `workflowStepId` for the compensation of `stepId`. */
export const rollbackStepId = (stepId: string) => `rollback:${stepId}`;

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
 * Rolls back a finished run and waits for the end; ConflictError while it runs, once it was
 * rolled back, or when another request started first.
 */
export async function rollbackWorkflowRun(
  db: Database,
  engine: Engine,
  pubsub: BatonPubSub,
  id: string,
  workdir: string,
): Promise<RollbackOutcome> {
  const run = await db.prisma.workflowRun.findUnique({
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
  if (!run) throw new NotFoundError("WorkflowRun", id, "id");
  if (!["succeeded", "failed", "cancelled"].includes(run.status)) throw notRollbackable(id, run.status);
  const now = new Date();
  const started = await db.sql.writeIf(
    sql`UPDATE "WorkflowRun" SET "status" = 'rolling_back', "updatedAt" = ${timeParam(db.provider, now)}
      WHERE "id" = ${id} AND "status" IN ('succeeded', 'failed', 'cancelled') RETURNING "id"`,
    [],
  );
  if (!started) {
    const current = await db.prisma.workflowRun.findUniqueOrThrow({ where: { id }, select: { status: true } });
    throw notRollbackable(id, current.status);
  }
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
  const done = run.steps
    .filter((s) => s.status === "succeeded" && defs.get(s.stepId)?.compensate)
    .sort((a, b) => (b.endedAt?.getTime() ?? 0) - (a.endedAt?.getTime() ?? 0) || b.position - a.position);

  let failure: string | null = null;
  for (const s of done) {
    const compensate = defs.get(s.stepId)?.compensate;
    if (!compensate) continue;
    const input = resolveInput((compensate.input ?? {}) as Json, {
      params: run.params as JsonObject,
      steps: outputs,
      run: { id },
    });
    const error = await compensateStep(db, engine, pubsub, {
      runId: id,
      workflowId: run.workflowId,
      rootId: run.rootExecutionId,
      stepId: s.stepId,
      agent: compensate.agent,
      input,
      timeoutMs: compensate.timeout_ms,
    });
    if (error !== null) {
      failure = `compensation of step '${s.stepId}' (${compensate.agent}) failed: ${error}`;
      break;
    }
  }
  let restoreError: string | null = null;
  try {
    await restoreSnapshots(workdir, id);
  } catch (e) {
    restoreError = `restoring the files the run wrote failed: ${(e as Error).message}`;
  }
  const status = failure || restoreError ? "rollback_failed" : "rolled_back";
  // Rolled back: the run's own error (why it failed) stays; a failed rollback says what failed.
  const error = failure ?? restoreError ?? run.error;
  const endedAt = new Date();
  await db.prisma.workflowRun.update({ where: { id }, data: { status, error, updatedAt: endedAt } });
  announce(status, error);
  return { status, error };
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
  },
): Promise<string | null> {
  const agent = await db.prisma.agent.findUnique({ where: { name: c.agent }, select: { id: true } });
  const id = newId();
  const record = await db.prisma.execution.create({
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
      attempt: 1,
    },
  });
  publishExecutions(pubsub, "recorded", [record]);
  const result = agent
    ? await engine.invokeAgent({ agent: c.agent, input: c.input, executionId: id, attempt: 1, timeoutMs: c.timeoutMs })
    : { ok: false as const, error: `agent '${c.agent}' is not registered`, outputs: undefined, cancelled: false };
  const endedAt = new Date();
  const updated = await db.prisma.execution.update({
    where: { id },
    data: {
      status: result.ok ? "success" : result.cancelled ? "cancelled" : "failure",
      endedAt,
      durationMs: Math.max(0, endedAt.getTime() - record.timestamp.getTime()),
      error: result.ok ? null : result.error,
      ...(result.outputs !== undefined ? { outputs: result.outputs as object } : {}),
    },
  });
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
