// Retrying a failed or cancelled execution. Inside a workflow run it resumes the run from that
// step (run-recovery.ts). Outside one, the agent is invoked again — through the engine, so its
// circuit breaker, timeout and runner rules apply — with the same inputs under the same parent, as
// a new execution (attempt + 1) recorded at once and finished when the agent answers.
import type { Database } from "../../db.js";
import type { Engine } from "../../engine/engine.js";
import { describeProblem, jsonProblem } from "../../engine/json-check.js";
import { oversize } from "../../engine/invoke.js";
import type { Json } from "../../engine/types.js";
import { ConflictError, NotFoundError } from "../../errors.js";
import type { BatonPubSub } from "../../graphql/pubsub.js";
import { newId } from "../../ids.js";
import { withNotionOutbox } from "../../integrations/notion/outbox.js";
import { publishExecutions } from "../execution/execution.events.js";
import { resumeWorkflowRun, retryRunExecution } from "./run-recovery.js";

const RETRYABLE = ["failure", "cancelled"];

export async function retryExecution(
  db: Database,
  engine: Engine,
  pubsub: BatonPubSub,
  id: string,
  limits: { jsonLimit: number },
): Promise<{ runId: string | null; executionId: string | null }> {
  const execution = await db.prisma.execution.findUnique({ where: { id } });
  if (!execution) throw new NotFoundError("execution", id);
  if (!RETRYABLE.includes(execution.status))
    throw new ConflictError(
      `execution '${id}' did not fail (it is ${execution.status}): only FAILURE or CANCELLED executions are retried`,
      "id",
    );
  if (execution.workflowRunId) {
    const { workflowRunId, workflowStepId } = execution;
    // The run's root stands for the whole run: retrying it resumes the run.
    if (!workflowStepId) {
      await resumeWorkflowRun(db, engine, pubsub, workflowRunId);
      return { runId: workflowRunId, executionId: null };
    }
    return {
      runId: await retryRunExecution(db, engine, pubsub, { id, workflowRunId, workflowStepId }),
      executionId: null,
    };
  }

  const agent = await db.prisma.agent.findUnique({ where: { name: execution.agentName }, select: { id: true } });
  if (!agent)
    throw new ConflictError(
      `agent '${execution.agentName}' is not registered: there is no runner to retry execution '${id}' with`,
      "id",
    );
  const now = new Date();
  const newIdValue = newId();
  const retry = await withNotionOutbox(
    db,
    [newIdValue],
    db.prisma.execution.create({
      data: {
        id: newIdValue,
        agentName: execution.agentName,
        agentId: agent.id,
        status: "in_progress",
        timestamp: now,
        inputs: execution.inputs ?? undefined,
        parentExecutionId: execution.parentExecutionId,
        // A retried root is a root of its own; a retried child hangs where the original did.
        rootId: execution.parentExecutionId ? execution.rootId : newIdValue,
        depth: execution.parentExecutionId ? execution.depth : 0,
        attempt: execution.attempt + 1,
      },
    }),
  );
  publishExecutions(pubsub, "recorded", [retry]);
  void finishRetry(db, engine, pubsub, retry, limits).catch(() => {
    // The server is stopping (the engine's invocations are aborted): the execution stays as written.
  });
  return { runId: null, executionId: retry.id };
}

async function finishRetry(
  db: Database,
  engine: Engine,
  pubsub: BatonPubSub,
  retry: { id: string; agentName: string; inputs: unknown; attempt: number; timestamp: Date },
  limits: { jsonLimit: number },
) {
  const result = await engine.invokeAgent({
    agent: retry.agentName,
    input: (retry.inputs ?? {}) as Json,
    executionId: retry.id,
    attempt: retry.attempt,
  });
  let outputs = result.outputs;
  let error = result.ok ? null : result.error;
  let ok = result.ok;
  const problem = outputs === undefined ? null : jsonProblem(outputs);
  const bytes = problem ? null : oversize(outputs, limits.jsonLimit);
  if (problem || bytes !== null) {
    error = problem
      ? `outputs cannot be stored: ${describeProblem(problem).slice(0, 200)}`
      : `outputs are ${bytes} bytes; the limit is ${limits.jsonLimit} bytes (BATON_JSON_LIMIT)`;
    outputs = undefined;
    ok = false;
  }
  const endedAt = new Date();
  const updated = await withNotionOutbox(
    db,
    [retry.id],
    db.prisma.execution.update({
      where: { id: retry.id },
      data: {
        status: ok ? "success" : result.cancelled ? "cancelled" : "failure",
        endedAt,
        durationMs: Math.max(0, endedAt.getTime() - retry.timestamp.getTime()),
        error,
        ...(outputs !== undefined ? { outputs: outputs as object } : {}),
      },
    }),
  );
  publishExecutions(pubsub, "updated", [updated]);
}
