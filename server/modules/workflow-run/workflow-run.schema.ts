import { builder } from "../../graphql/builder.js";
import { ConflictError, NotFoundError, ValidationError } from "../../graphql/errors.js";
import type { WorkflowRunMessage } from "../../graphql/pubsub.js";
import { RUN_STATUSES, STEP_STATUSES } from "../../engine/types.js";
import { commaList, pageOf } from "../../validation.js";
import { getWorkflowId, MAX_WORKFLOW_PAGE } from "../workflow/workflow.service.js";
import { cancelWorkflowRun, executeWorkflow, getRunStatus, type RunFilter, runWhere } from "./workflow-run.service.js";

const RunStatus = builder.enumType("WorkflowRunStatus", { values: RUN_STATUSES });
const StepStatus = builder.enumType("WorkflowStepStatus", { values: STEP_STATUSES });

builder.prismaObject("WorkflowStepRun", {
  name: "WorkflowStepState",
  description: "A step's state in one run, persisted at every change.",
  fields: (t) => ({
    stepId: t.exposeString("stepId"),
    agentName: t.exposeString("agentName"),
    role: t.exposeString("role"),
    position: t.exposeInt("position"),
    status: t.field({ type: StepStatus, resolve: (s) => s.status as never }),
    attempts: t.exposeInt("attempts"),
    outputs: t.expose("outputs", { type: "JSON", nullable: true }),
    error: t.exposeString("error", { nullable: true }),
    executionId: t.exposeID("executionId", { nullable: true, description: "The latest attempt's execution" }),
    execution: t.prismaField({
      type: "Execution",
      nullable: true,
      resolve: (query, s, _a, ctx) =>
        s.executionId ? ctx.db.prisma.execution.findUnique({ ...query, where: { id: s.executionId } }) : null,
    }),
    startedAt: t.expose("startedAt", { type: "DateTime", nullable: true }),
    endedAt: t.expose("endedAt", { type: "DateTime", nullable: true }),
  }),
});

builder.prismaObject("WorkflowRun", {
  description: "One execution of a workflow template.",
  fields: (t) => ({
    id: t.exposeID("id"),
    workflowId: t.exposeID("workflowId", { nullable: true }),
    workflow: t.relation("workflow", { nullable: true, description: "Null once the template is deleted" }),
    workflowName: t.exposeString("workflowName"),
    definition: t.expose("definition", { type: "JSON", description: "The template as it was when the run started" }),
    params: t.expose("params", { type: "JSON" }),
    status: t.field({ type: RunStatus, resolve: (r) => r.status as never }),
    error: t.exposeString("error", { nullable: true }),
    failedStepId: t.exposeString("failedStepId", { nullable: true }),
    rootExecutionId: t.exposeID("rootExecutionId", {
      nullable: true,
      description: "The execution every step hangs under: the run's handoff tree",
    }),
    outputs: t.expose("outputs", { type: "JSON", nullable: true }),
    cancelRequested: t.exposeBoolean("cancelRequested"),
    resumeCount: t.exposeInt("resumeCount", { description: "Times another server took the run over" }),
    steps: t.relation("steps", { query: { orderBy: { position: "asc" } } }),
    executions: t.prismaField({
      type: ["Execution"],
      description: "Every execution the run recorded (root, steps, retries), by start",
      resolve: (query, r, _a, ctx) =>
        ctx.db.prisma.execution.findMany({
          ...query,
          where: { workflowRunId: r.id },
          orderBy: [{ timestamp: "asc" }, { depth: "asc" }, { id: "asc" }],
        }),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    startedAt: t.expose("startedAt", { type: "DateTime", nullable: true }),
    endedAt: t.expose("endedAt", { type: "DateTime", nullable: true }),
    durationMs: t.int({
      nullable: true,
      select: { startedAt: true, endedAt: true },
      resolve: (r) => (r.startedAt && r.endedAt ? r.endedAt.getTime() - r.startedAt.getTime() : null),
    }),
  }),
});

type RunListShape = { where: Awaited<ReturnType<typeof runWhere>>; limit: number; offset: number };
const WorkflowRunList = builder.objectRef<RunListShape>("WorkflowRunList").implement({
  fields: (t) => ({
    runs: t.prismaField({
      type: ["WorkflowRun"],
      resolve: (query, page, _a, ctx) =>
        ctx.db.prisma.workflowRun.findMany({
          ...query,
          where: page.where,
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: page.limit,
          skip: page.offset,
        }),
    }),
    total: t.int({ resolve: (page, _a, ctx) => ctx.db.prisma.workflowRun.count({ where: page.where }) }),
    limit: t.exposeInt("limit"),
    offset: t.exposeInt("offset"),
  }),
});

const EventKind = builder.enumType("WorkflowRunEventKind", { values: ["run", "step"] as const });
const WorkflowRunEvent = builder.objectRef<WorkflowRunMessage>("WorkflowRunEvent").implement({
  description: "A change of a run (kind run) or of one of its steps (kind step).",
  fields: (t) => ({
    seq: t.exposeInt("seq", { description: "Per run, in order of the changes (restarts at 1 after a takeover)" }),
    kind: t.field({ type: EventKind, resolve: (e) => e.kind }),
    runId: t.exposeID("runId"),
    workflowId: t.exposeID("workflowId", { nullable: true }),
    status: t.string({
      description: "The run's status (kind run) or the step's (kind step)",
      resolve: (e) => e.status,
    }),
    error: t.exposeString("error", { nullable: true }),
    failedStepId: t.exposeString("failedStepId", { nullable: true }),
    stepId: t.exposeString("stepId", { nullable: true }),
    attempts: t.exposeInt("attempts", { nullable: true }),
    executionId: t.exposeID("executionId", { nullable: true }),
    outputs: t.field({
      type: "JSON",
      nullable: true,
      resolve: (e) => (e.outputs === null ? null : JSON.parse(e.outputs)),
    }),
    at: t.field({ type: "DateTime", resolve: (e) => e.at }),
  }),
});

builder.queryFields((t) => ({
  workflowRuns: t.field({
    type: WorkflowRunList,
    errors: { types: [ValidationError, NotFoundError] },
    args: {
      workflow: t.arg.string({ description: "Template id or name" }),
      status: t.arg.string({ description: "Run status (comma-separated for several)" }),
      limit: t.arg.int({ description: "1–200, default 50" }),
      offset: t.arg.int(),
    },
    resolve: async (_r, args, ctx) => {
      const page = pageOf(args, MAX_WORKFLOW_PAGE, 50);
      return { where: await runWhere(ctx.db, args as RunFilter), ...page };
    },
  }),
  workflowRun: t.prismaField({
    type: "WorkflowRun",
    errors: { types: [NotFoundError] },
    args: { id: t.arg.string({ required: true }) },
    resolve: async (query, _r, { id }, ctx) => {
      await getRunStatus(ctx.db, id);
      return ctx.db.prisma.workflowRun.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

builder.mutationFields((t) => ({
  executeWorkflow: t.prismaField({
    type: "WorkflowRun",
    description: "Start a run with these parameters; returns at once, steps run in the background.",
    errors: { types: [ValidationError, NotFoundError] },
    args: {
      id: t.arg.string({ required: true, description: "Template id or name" }),
      params: t.arg({ type: "JSON", description: "Values for the template's parameter schema" }),
    },
    resolve: async (query, _r, { id, params }, ctx) => {
      const runId = await executeWorkflow(ctx.db, ctx.engine, id, params, ctx.limits);
      return ctx.db.prisma.workflowRun.findUniqueOrThrow({ ...query, where: { id: runId } });
    },
  }),
  cancelWorkflowRun: t.prismaField({
    type: "WorkflowRun",
    description: "Stop a run: the running steps are aborted, the rest cancelled.",
    errors: { types: [NotFoundError, ConflictError] },
    args: { id: t.arg.string({ required: true }) },
    resolve: async (query, _r, { id }, ctx) => {
      await cancelWorkflowRun(ctx.db, ctx.engine, id);
      return ctx.db.prisma.workflowRun.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
}));

builder.subscriptionFields((t) => ({
  workflowRun: t.field({
    type: WorkflowRunEvent,
    description: "Every state change of one run (run and steps), from any instance, in order.",
    args: { id: t.arg.string({ required: true }) },
    subscribe: (_r, { id }, ctx) => ctx.pubsub.subscribe("workflowRun", id),
    resolve: (e) => e,
  }),
  workflowRuns: t.field({
    type: WorkflowRunEvent,
    description: "Run-level changes of every run (started, finished), optionally of one template.",
    args: { workflow: t.arg.string({ description: "Template id or name" }), status: t.arg.string() },
    subscribe: async function* (_r, args, ctx) {
      const statuses = commaList(args.status);
      const workflowId = args.workflow ? await getWorkflowId(ctx.db, args.workflow) : null;
      for await (const e of ctx.pubsub.subscribe("workflowRuns")) {
        if (workflowId && e.workflowId !== workflowId) continue;
        if (statuses.length && !statuses.includes(e.status)) continue;
        yield e;
      }
    },
    resolve: (e) => e,
  }),
}));
