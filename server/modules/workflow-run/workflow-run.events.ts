// The engine's Emitter over the pubsub: run and step changes for workflowRun(id) / workflowRuns
// subscribers, and the run's executions for executionEvents (so the timeline stays live).
import type { Emitter, ExecutionRecord, RunEvent } from "../../engine/ports.js";
import type { BatonPubSub, WorkflowRunMessage } from "../../graphql/pubsub.js";
import { publishExecutions } from "../execution/execution.events.js";

const FINISHED = new Set(["succeeded", "failed", "cancelled"]);

export function createRunEmitter(pubsub: BatonPubSub): Emitter {
  // Numbered per run so a subscriber can tell order and gaps; restarts from 1 when another
  // instance resumes the run.
  const seqs = new Map<string, number>();
  return {
    run(event: RunEvent) {
      const seq = (seqs.get(event.runId) ?? 0) + 1;
      seqs.set(event.runId, seq);
      if (event.kind === "run" && FINISHED.has(event.status)) seqs.delete(event.runId);
      // Numbered either way (a later subscriber sees the run's own seq), built only for a listener:
      // a step's outputs are serialised for the message.
      const forRun = pubsub.watched("workflowRun", event.runId);
      const forRuns = event.kind === "run" && pubsub.watched("workflowRuns");
      if (!forRun && !forRuns) return;
      const message: WorkflowRunMessage = {
        seq,
        kind: event.kind,
        runId: event.runId,
        workflowId: event.workflowId,
        status: event.status,
        error: event.error,
        failedStepId: event.kind === "run" ? event.failedStepId : null,
        stepId: event.kind === "step" ? event.stepId : null,
        attempts: event.kind === "step" ? event.attempts : null,
        executionId: event.kind === "step" ? event.executionId : null,
        outputs: event.kind === "step" && event.outputs !== undefined ? JSON.stringify(event.outputs) : null,
        at: event.at.toISOString(),
      };
      if (forRun) pubsub.publish("workflowRun", event.runId, message);
      if (forRuns) pubsub.publish("workflowRuns", message);
    },
    execution(kind, e: ExecutionRecord) {
      const updatedAt = e.endedAt ?? e.startedAt;
      publishExecutions(pubsub, kind, [
        {
          id: e.id,
          agentName: e.agentName,
          agentId: e.agentId,
          status: e.status,
          timestamp: e.startedAt,
          endedAt: e.endedAt,
          durationMs: e.endedAt ? e.endedAt.getTime() - e.startedAt.getTime() : null,
          inputs: e.inputs,
          outputs: e.outputs ?? null,
          error: e.error,
          parentExecutionId: e.parentExecutionId,
          rootId: e.rootId,
          depth: e.depth,
          workflowId: e.workflowId,
          workflowRunId: e.workflowRunId,
          workflowStepId: e.workflowStepId,
          attempt: e.attempt,
          model: e.usage?.model ?? null,
          inputTokens: e.usage?.inputTokens ?? null,
          outputTokens: e.usage?.outputTokens ?? null,
          costUsd: e.usage?.costUsd ?? null,
          createdAt: e.startedAt,
          updatedAt,
        },
      ]);
    },
  };
}
