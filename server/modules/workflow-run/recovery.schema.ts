// Failure recovery in the API: resume a failed or cancelled run, re-run a run, retry a failed
// execution (inside a run: its run resumes from that step; outside: its agent runs again).
import { builder } from "../../graphql/builder.js";
import { ConflictError, NotFoundError, ValidationError } from "../../graphql/errors.js";
import { rerunWorkflowRun, resumeWorkflowRun } from "./run-recovery.js";
import { retryExecution } from "./execution-retry.js";
import { rollbackWorkflow } from "./run-rollback.js";

const ExecutionRetry = builder
  .objectRef<{ runId: string | null; executionId: string | null }>("ExecutionRetry")
  .implement({
    description:
      "What a retry started: inside a workflow run, the run (RUNNING again, the step's new attempt follows); " +
      "outside one, the new execution (attempt + 1, IN_PROGRESS until the agent answers).",
    fields: (t) => ({
      run: t.prismaField({
        type: "WorkflowRun",
        nullable: true,
        description: "The run resumed from the execution's step; null for an execution outside a run",
        resolve: (query, r, _a, ctx) =>
          r.runId ? ctx.db.prisma.workflowRun.findUnique({ ...query, where: { id: r.runId } }) : null,
      }),
      execution: t.prismaField({
        type: "Execution",
        nullable: true,
        description: "The new execution of the agent, under the same parent; null inside a run (its step makes one)",
        resolve: (query, r, _a, ctx) =>
          r.executionId ? ctx.db.prisma.execution.findUnique({ ...query, where: { id: r.executionId } }) : null,
      }),
    }),
  });

builder.mutationFields((t) => ({
  resumeWorkflowRun: t.prismaField({
    type: "WorkflowRun",
    authScopes: { run: true },
    description:
      "Run a FAILED or CANCELLED run again from where it stopped: every step that did not succeed gets a new " +
      "attempt, succeeded steps keep their outputs. ConflictError while it runs, once it succeeded, or when " +
      "another request resumed it first.",
    errors: { types: [NotFoundError, ConflictError], union: { description: "The run (RUNNING again), or why not." } },
    args: { id: t.arg.id({ required: true, description: "The run's id" }) },
    resolve: async (query, _r, { id }, ctx) => {
      await resumeWorkflowRun(ctx.db, ctx.engine, ctx.pubsub, String(id));
      return ctx.db.prisma.workflowRun.findUniqueOrThrow({ ...query, where: { id: String(id) } });
    },
  }),
  rerunWorkflowRun: t.prismaField({
    type: "WorkflowRun",
    authScopes: { run: true },
    description:
      "Start a new run of a finished run's definition (as it was when that run started) with its parameters; " +
      "values in `params` replace theirs one by one (checked against the definition's schema again).",
    errors: {
      types: [NotFoundError, ConflictError, ValidationError],
      union: { description: "The new run (PENDING), or why it was not started." },
    },
    args: {
      id: t.arg.id({ required: true, description: "The finished run to run again" }),
      params: t.arg({
        type: "JSON",
        description: "Parameter values to change, by name; the others are the old run's (default: none changed)",
      }),
    },
    resolve: async (query, _r, { id, params }, ctx) => {
      const runId = await rerunWorkflowRun(ctx.db, ctx.engine, String(id), params ?? undefined, ctx.limits);
      return ctx.db.prisma.workflowRun.findUniqueOrThrow({ ...query, where: { id: runId } });
    },
  }),
  retryExecution: t.field({
    type: ExecutionRetry,
    // Inside a run it resumes the run (run); outside one it invokes the agent again (run too).
    authScopes: { run: true },
    description:
      "Retry a FAILURE or CANCELLED execution. Inside a workflow run it resumes that run from the execution's step " +
      "(it must be the step's latest attempt); outside one, the agent runs again with the same inputs under the " +
      "same parent, as a new execution with attempt + 1. ConflictError when it did not fail or its agent has no runner.",
    errors: { types: [NotFoundError, ConflictError], union: { description: "What the retry started, or why not." } },
    args: { id: t.arg.id({ required: true, description: "The execution's id" }) },
    resolve: (_r, { id }, ctx) => retryExecution(ctx.db, ctx.engine, ctx.pubsub, String(id), ctx.limits),
  }),
}));

builder.mutationFields((t) => ({
  rollbackWorkflowRun: t.prismaField({
    type: "WorkflowRun",
    authScopes: { run: true },
    description:
      "Roll back a finished run (saga): the compensations of its succeeded steps run in reverse order of completion, " +
      "then the files its builtin steps wrote are restored; answers when done, ROLLED_BACK or ROLLBACK_FAILED (error " +
      "names the compensation that failed). ConflictError while it runs or once it was rolled back.",
    errors: {
      types: [NotFoundError, ConflictError],
      union: { description: "The run (ROLLED_BACK or ROLLBACK_FAILED), or why it was not rolled back." },
    },
    args: { id: t.arg.id({ required: true, description: "The run's id" }) },
    resolve: async (query, _r, { id }, ctx) => {
      const run = await ctx.db.prisma.workflowRun.findUnique({ where: { id: String(id) }, select: { id: true } });
      if (!run) throw new NotFoundError("WorkflowRun", String(id), "id");
      await ctx.engine.rollback(String(id));
      return ctx.db.prisma.workflowRun.findUniqueOrThrow({ ...query, where: { id: String(id) } });
    },
  }),
  rollbackWorkflow: t.prismaField({
    type: "WorkflowRun",
    authScopes: { run: true },
    description:
      "Roll back a template's most recent finished run (or the run `runId` names, which must be that template's); " +
      "as rollbackWorkflowRun. ConflictError when it has no finished run, or that run is running or rolled back.",
    errors: {
      types: [NotFoundError, ConflictError],
      union: { description: "The run rolled back (ROLLED_BACK or ROLLBACK_FAILED), or why not." },
    },
    args: {
      id: t.arg.id({ required: true, description: "The template's id or unique name" }),
      runId: t.arg.id({ description: "The run to roll back (default: the template's most recent finished run)" }),
    },
    resolve: async (query, _r, { id, runId }, ctx) => {
      const target = await rollbackWorkflow(ctx.db, ctx.engine, String(id), runId ? String(runId) : null);
      return ctx.db.prisma.workflowRun.findUniqueOrThrow({ ...query, where: { id: target } });
    },
  }),
}));
