// Getting a failed run going again. Resume: a failed or cancelled run runs again from where it
// stopped — every step that did not succeed (the failed one, those skipped or cancelled after it)
// is pending again and gets a new attempt; succeeded steps keep their outputs and are not repeated;
// the run is `running` until its new end. Re-run: a new run of the same definition (the copy the
// run was started with, so a template edited or deleted since does not matter), with the same
// parameters or edited ones.
import type { Database } from "../../db.js";
import type { Engine } from "../../engine/engine.js";
import { validateParams } from "../../engine/template.js";
import type { TemplateDefinition } from "../../engine/types.js";
import { ConflictError, NotFoundError, ValidationError } from "../../errors.js";
import { sql, timeParam } from "../../sql.js";
import { publishExecutions } from "../execution/execution.events.js";
import type { BatonPubSub } from "../../graphql/pubsub.js";
import { startRun } from "./workflow-run.service.js";
import { notionOutboxStatements, notionQueued } from "../../integrations/notion/outbox.js";

const RESUMABLE = ["failed", "cancelled"];

/** Why a run in `status` cannot be resumed. */
function notResumable(id: string, status: string): ConflictError {
  return new ConflictError(
    status === "succeeded"
      ? `run '${id}' succeeded: there is nothing to resume (re-run it instead)`
      : status.startsWith("roll")
        ? `run '${id}' was rolled back (${status}): a rolled-back run is not resumed (re-run it instead)`
        : `run '${id}' is still ${status}: cancel it or wait for it to end`,
    "id",
  );
}

/**
 * Resumes a failed or cancelled run; ConflictError when it is still going or succeeded, or when
 * another request resumed it first (the status change is one conditional UPDATE).
 */
export async function resumeWorkflowRun(db: Database, engine: Engine, pubsub: BatonPubSub, id: string) {
  const run = await db.prisma.workflowRun.findUnique({
    where: { id },
    select: { status: true, rootExecutionId: true },
  });
  if (!run) throw new NotFoundError("WorkflowRun", id, "id");
  if (!RESUMABLE.includes(run.status)) throw notResumable(id, run.status);
  const now = new Date();
  const time = timeParam(db.provider, now);
  const pg = db.provider === "postgresql";
  const resumed = await db.sql.writeIf(
    // The guard is the status change itself: of two concurrent resumes, one finds the run failed.
    sql`UPDATE "WorkflowRun" SET "status" = 'running', "error" = NULL, "failedStepId" = NULL, "endedAt" = NULL,
      "cancelRequested" = ${pg ? sql`FALSE` : sql`0`}, "rollbackPending" = ${pg ? sql`FALSE` : sql`0`}, "ownerId" = ${engine.ownerId}, "heartbeatAt" = ${time},
      "updatedAt" = ${time}
      WHERE "id" = ${id} AND "status" IN ('failed', 'cancelled') RETURNING "id"`,
    [
      // A fresh retry budget: the step's policy counts its attempts from those already made.
      sql`UPDATE "WorkflowStepRun" SET "status" = 'pending', "error" = NULL, "endedAt" = NULL,
        "attemptBase" = "attempts", "updatedAt" = ${time}
        WHERE "runId" = ${id} AND "status" IN ('failed', 'skipped', 'cancelled')`,
      // The run's root execution is open again until the run ends anew.
      ...(run.rootExecutionId
        ? [
            sql`UPDATE "Execution" SET "status" = 'in_progress', "endedAt" = NULL, "durationMs" = NULL,
              "error" = NULL, "outputs" = NULL, "updatedAt" = ${time} WHERE "id" = ${run.rootExecutionId}`,
            // Its Notion page shows it running again (committed with the change).
            ...notionOutboxStatements(db, [run.rootExecutionId]),
          ]
        : []),
    ],
  );
  if (resumed && run.rootExecutionId) notionQueued(db);
  if (!resumed) {
    const now = await db.prisma.workflowRun.findUniqueOrThrow({ where: { id }, select: { status: true } });
    throw notResumable(id, now.status);
  }
  if (run.rootExecutionId) {
    const root = await db.prisma.execution.findUnique({ where: { id: run.rootExecutionId } });
    if (root) publishExecutions(pubsub, "updated", [root]);
  }
  engine.launch(id);
}

/** A new run of a run's definition, with its parameters edited by `params` (checked again); its id. */
export async function rerunWorkflowRun(
  db: Database,
  engine: Engine,
  id: string,
  params: unknown,
  limits: { jsonLimit: number },
) {
  const run = await db.prisma.workflowRun.findUnique({
    where: { id },
    select: { status: true, workflowId: true, workflowName: true, definition: true, params: true },
  });
  if (!run) throw new NotFoundError("WorkflowRun", id, "id");
  if (run.status === "pending" || run.status === "running")
    throw new ConflictError(`run '${id}' is still ${run.status}: cancel it or wait for it to end`, "id");
  const definition = run.definition as unknown as TemplateDefinition;
  // Edits replace the old run's values one by one; the rest are kept (an empty edit: the same run).
  const edits = params && typeof params === "object" && !Array.isArray(params) ? params : {};
  if (params !== undefined && params !== null && edits !== params)
    throw ValidationError.field("params", "must be an object of parameter values");
  const values = validateParams(definition.parameters, { ...(run.params as object), ...edits });
  // The template may have been deleted since: the new run keeps its name, not a dangling id.
  const workflowId = run.workflowId
    ? ((await db.prisma.workflowTemplate.findUnique({ where: { id: run.workflowId }, select: { id: true } }))?.id ??
      null)
    : null;
  return startRun(db, engine, { workflowId, workflowName: run.workflowName, definition, values }, limits);
}

/**
 * Retries a failed or cancelled execution of a workflow run: resumes its run from that step. The
 * execution must be its step's latest attempt (or the run's root); its run id.
 */
export async function retryRunExecution(
  db: Database,
  engine: Engine,
  pubsub: BatonPubSub,
  execution: { id: string; workflowRunId: string; workflowStepId: string | null },
) {
  if (execution.workflowStepId) {
    const step = await db.prisma.workflowStepRun.findUnique({
      where: { runId_stepId: { runId: execution.workflowRunId, stepId: execution.workflowStepId } },
      select: { executionId: true, status: true },
    });
    if (step && step.executionId !== execution.id)
      throw new ConflictError(
        `execution '${execution.id}' is an earlier attempt of step '${execution.workflowStepId}': retry its latest attempt (${step.executionId})`,
        "id",
      );
  }
  await resumeWorkflowRun(db, engine, pubsub, execution.workflowRunId);
  return execution.workflowRunId;
}
