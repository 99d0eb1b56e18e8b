// Workflow run use cases: start a run (validated params, run + step rows in one write, then the
// engine takes it in the background), cancel one, list them.
import type { Database } from "../../db.js";
import type { Engine } from "../../engine/engine.js";
import { stepRoles } from "../../engine/nodes.js";
import { validateParams } from "../../engine/template.js";
import { RUN_STATUSES } from "../../engine/types.js";
import { ConflictError, NotFoundError, ValidationError } from "../../errors.js";
import type { Prisma } from "../../generated/sqlite/client.js";
import { statusList } from "../../validation.js";
import { definitionOf, getWorkflowRow } from "../workflow/workflow.service.js";

export async function executeWorkflow(
  db: Database,
  engine: Engine,
  idOrName: string,
  params: unknown,
  limits: { jsonLimit: number },
) {
  const template = await getWorkflowRow(db, idOrName);
  const definition = definitionOf(template);
  const values = validateParams(definition.parameters, params ?? {});
  // The parameters are the inputs of the run's root execution: the same limit as any execution's.
  const bytes = Buffer.byteLength(JSON.stringify(values));
  if (bytes > limits.jsonLimit)
    throw ValidationError.field("params", `is ${bytes} bytes; the limit is ${limits.jsonLimit} bytes`);
  const steps = stepRoles(definition.steps);
  const now = new Date();
  const run = await db.prisma.workflowRun.create({
    data: {
      workflowId: template.id,
      workflowName: template.name,
      definition: definition as unknown as Prisma.InputJsonValue,
      params: values as Prisma.InputJsonValue,
      status: "pending",
      ownerId: engine.ownerId,
      heartbeatAt: now,
      steps: {
        create: steps.map((s, position) => ({
          stepId: s.id,
          agentName: s.agent,
          role: s.role,
          position,
          status: "pending",
        })),
      },
    },
  });
  engine.launch(run.id);
  return run;
}

export async function getRunRow(db: Database, id: string) {
  const run = await db.prisma.workflowRun.findUnique({ where: { id } });
  if (!run) throw new NotFoundError("WorkflowRun", id);
  return run;
}

/** Asks the run to stop: at once when it runs here, at its owner's next heartbeat otherwise. */
export async function cancelWorkflowRun(db: Database, engine: Engine, id: string) {
  const run = await getRunRow(db, id);
  if (run.status !== "pending" && run.status !== "running")
    throw new ConflictError(`run '${id}' already finished (${run.status})`, "id");
  await db.prisma.workflowRun.update({ where: { id }, data: { cancelRequested: true } });
  engine.cancel(id);
  return run;
}

export interface RunFilter {
  workflow?: string | null;
  status?: string | null;
  limit?: number | null;
  offset?: number | null;
}

export async function runWhere(db: Database, f: RunFilter): Promise<Prisma.WorkflowRunWhereInput> {
  const statuses = statusList(f.status, RUN_STATUSES);
  const workflowId = f.workflow ? (await getWorkflowRow(db, f.workflow)).id : null;
  return {
    ...(statuses.length ? { status: { in: statuses } } : {}),
    ...(workflowId ? { workflowId } : {}),
  };
}
