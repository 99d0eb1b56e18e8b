import { builder } from "../../graphql/builder.js";
import { domainEnum } from "../../graphql/enums.js";
import { ConflictError, NotFoundError, ValidationError } from "../../graphql/errors.js";
import type { WorkflowRunMessage } from "../../graphql/pubsub.js";
import type { RUN_STATUSES, STEP_STATUSES } from "../../engine/types.js";
import { connectionType, type Page, paging } from "../../graphql/connection.js";
import { getWorkflowId, MAX_WORKFLOW_PAGE } from "../workflow/workflow.service.js";
import { cancelWorkflowRun, executeWorkflow, getRunStatus, type RunFilter, runWhere } from "./workflow-run.service.js";
import { maskDefinitionSecrets } from "../workflow/step-secrets.js";
import { runMemories } from "./run-memories.js";

const RunStatus = domainEnum<(typeof RUN_STATUSES)[number]>("WorkflowRunStatus", "Where a run stands.", {
  pending: "Created, no step started yet",
  running: "Steps are running",
  succeeded: "Every step that had to succeed did",
  failed: "A step failed (failedStepId names it)",
  cancelled: "Stopped on request",
  rolling_back: "Being rolled back: its steps' compensations are running (then the files it wrote are restored)",
  rolled_back:
    "Rolled back: every compensation succeeded and the files it wrote are as before it (error: why it had failed)",
  rollback_failed:
    "Its rollback stopped: error names the compensation that failed (or the file that could not be restored)",
});
const StepStatus = domainEnum<(typeof STEP_STATUSES)[number]>("WorkflowStepStatus", "Where a step of a run stands.", {
  pending: "Waiting for the steps before it",
  running: "Its agent is working (attempts counts the tries)",
  succeeded: "Its agent answered and the output met its contract",
  failed: "Its last attempt failed",
  skipped: "Never ran: an earlier step failed",
  cancelled: "Stopped when the run was cancelled",
});

builder.prismaObject("WorkflowStepRun", {
  name: "WorkflowStepState",
  description: "A step's state in one run, persisted at every change.",
  fields: (t) => ({
    stepId: t.exposeString("stepId", { description: "The step's id in the run's definition" }),
    agentName: t.exposeString("agentName", { description: "Name of the agent the step invokes" }),
    role: t.exposeString("role", {
      description: "The part the step plays in its group: step, supervisor, worker or aggregate (lower-case)",
    }),
    position: t.exposeInt("position", { description: "The step's place in definition order, from 0" }),
    status: t.field({ type: StepStatus, description: "Where the step stands", resolve: (s) => s.status as never }),
    attempts: t.exposeInt("attempts", { description: "Attempts started so far (0 until the step first runs)" }),
    outputs: t.expose("outputs", {
      type: "JSON",
      nullable: true,
      description: "What the step produced once it succeeded; null until then",
    }),
    error: t.exposeString("error", {
      nullable: true,
      description: "The latest attempt's error (also while a retry waits); null when it has none",
    }),
    executionId: t.exposeID("executionId", {
      nullable: true,
      description: "The latest attempt's execution; null until the step first runs",
    }),
    execution: t.prismaField({
      type: "Execution",
      nullable: true,
      description: "The latest attempt's execution; null until the step first runs",
      resolve: (query, s, _a, ctx) =>
        s.executionId ? ctx.db.prisma.execution.findUnique({ ...query, where: { id: s.executionId } }) : null,
    }),
    startedAt: t.expose("startedAt", {
      type: "DateTime",
      nullable: true,
      description: "When its first attempt started; null until then",
    }),
    endedAt: t.expose("endedAt", {
      type: "DateTime",
      nullable: true,
      description: "When it ended (succeeded, failed, skipped or cancelled); null until then",
    }),
  }),
});

builder.prismaObject("WorkflowRun", {
  description: "One execution of a workflow template.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "Baton's id for the run" }),
    workflowId: t.exposeID("workflowId", {
      nullable: true,
      description: "The template it was started from; null once that template is deleted",
    }),
    workflow: t.relation("workflow", {
      nullable: true,
      description: "The template it was started from; null once that template is deleted",
    }),
    workflowName: t.exposeString("workflowName", {
      description: "The template's name when the run started (kept when the template is renamed or deleted)",
    }),
    definition: t.field({
      type: "JSON",
      description:
        "The template's { parameters, steps } when the run started: what it runs, whatever the template " +
        "becomes; secrets in step runner overrides read as ********",
      resolve: (r) => maskDefinitionSecrets(r.definition),
    }),
    params: t.expose("params", {
      type: "JSON",
      description: "The run's parameters, checked against the template's schema with its defaults applied",
    }),
    status: t.field({ type: RunStatus, description: "Where the run stands", resolve: (r) => r.status as never }),
    error: t.exposeString("error", {
      nullable: true,
      description:
        "Why the run did not succeed (e.g. `step '<id>' failed: …`, `cancelled`); null while it runs or once it succeeded",
    }),
    failedStepId: t.exposeString("failedStepId", {
      nullable: true,
      description: "The step whose failure ended the run (FAILED only); null otherwise",
    }),
    rootExecutionId: t.exposeID("rootExecutionId", {
      nullable: true,
      description:
        "The execution every step hangs under, the root of the run's handoff tree; null until the run starts",
    }),
    outputs: t.expose("outputs", {
      type: "JSON",
      nullable: true,
      description:
        "The run's result, set when it ends: the outputs of its last top-level node (a step's own; a sequential or " +
        "parallel group's as an object of its steps' outputs by id; a hierarchical group's aggregate's); null until then",
    }),
    cancelRequested: t.exposeBoolean("cancelRequested", {
      description: "True once cancelWorkflowRun asked the run to stop",
    }),
    resumeCount: t.exposeInt("resumeCount", { description: "Times another server took the run over" }),
    memories: t.stringList({
      description:
        "The Serena memories its handoffs were written to (baton/handoffs/<run>/<step>, docs/serena.md), read " +
        "from .serena/memories; empty when memory is off for it. REST: only on GET /workflow-runs/{id}",
      resolve: (r, _a, ctx) => runMemories(r, ctx.memory),
    }),
    steps: t.relation("steps", {
      description: "Every step's state in this run, in definition order",
      query: { orderBy: { position: "asc" } },
    }),
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
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When executeWorkflow created the run" }),
    startedAt: t.expose("startedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the engine started it; null while PENDING",
    }),
    endedAt: t.expose("endedAt", {
      type: "DateTime",
      nullable: true,
      description: "When it ended (SUCCEEDED, FAILED or CANCELLED); null until then",
    }),
    durationMs: t.int({
      nullable: true,
      description: "endedAt − startedAt in milliseconds; null until the run ends",
      select: { startedAt: true, endedAt: true },
      resolve: (r) => (r.startedAt && r.endedAt ? r.endedAt.getTime() - r.startedAt.getTime() : null),
    }),
  }),
});

type RunPage = Page & { where: Awaited<ReturnType<typeof runWhere>> };
const WorkflowRunConnection = connectionType<RunPage>({
  name: "WorkflowRun",
  model: "WorkflowRun",
  description: "A page of workflow runs matching a filter, most recent first.",
  rows: (page, query, ctx) =>
    ctx.db.prisma.workflowRun.findMany({
      ...query,
      where: page.where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: page.limit,
      skip: page.offset,
    }),
  row: (id, query, ctx) => ctx.db.prisma.workflowRun.findUniqueOrThrow({ ...query, where: { id } }),
});

const EventKind = domainEnum<"run" | "step">("WorkflowRunEventKind", "What a run event is about.", {
  run: "The run as a whole",
  step: "One of its steps",
});
const WorkflowRunEvent = builder.objectRef<WorkflowRunMessage>("WorkflowRunEvent").implement({
  description: "A change of a run (kind run) or of one of its steps (kind step).",
  fields: (t) => ({
    seq: t.exposeInt("seq", { description: "Per run, in order of the changes (restarts at 1 after a takeover)" }),
    kind: t.field({
      type: EventKind,
      description: "Whether the run as a whole (RUN) or one of its steps (STEP) changed",
      resolve: (e) => e.kind,
    }),
    runId: t.exposeID("runId", { description: "The run that changed" }),
    workflowId: t.exposeID("workflowId", {
      nullable: true,
      description: "The run's template; null when that template has been deleted",
    }),
    runStatus: t.field({
      type: RunStatus,
      nullable: true,
      description: "The run's new status (kind RUN); null for a step's change",
      resolve: (e) => (e.kind === "run" ? (e.status as never) : null),
    }),
    stepStatus: t.field({
      type: StepStatus,
      nullable: true,
      description: "The step's new status (kind STEP); null for the run's change",
      resolve: (e) => (e.kind === "step" ? (e.status as never) : null),
    }),
    error: t.exposeString("error", {
      nullable: true,
      description: "RUN: why the run did not succeed, once it ends; STEP: the latest attempt's error. Null when none",
    }),
    failedStepId: t.exposeString("failedStepId", {
      nullable: true,
      description: "RUN: the step whose failure ended the run; null otherwise and for STEP",
    }),
    stepId: t.exposeString("stepId", { nullable: true, description: "STEP: the step that changed; null for RUN" }),
    attempts: t.exposeInt("attempts", {
      nullable: true,
      description: "STEP: attempts started so far; null for RUN",
    }),
    executionId: t.exposeID("executionId", {
      nullable: true,
      description: "STEP: the latest attempt's execution (null before the first); null for RUN",
    }),
    outputs: t.field({
      type: "JSON",
      nullable: true,
      description: "STEP: the step's outputs when this change is its success; null otherwise",
      resolve: (e) => (e.outputs === null ? null : JSON.parse(e.outputs)),
    }),
    at: t.field({ type: "DateTime", description: "When the change happened", resolve: (e) => e.at }),
  }),
});

const runPaging = paging(MAX_WORKFLOW_PAGE, 50);

builder.queryFields((t) => ({
  workflowRuns: t.field({
    type: WorkflowRunConnection,
    description: "Workflow runs matching every given filter, most recent first.",
    args: {
      workflow: t.arg.id({ description: "Only runs of this template (id or name)" }),
      status: t.arg({ type: [RunStatus], description: "Only runs in one of these statuses" }),
      ...runPaging.args(t.arg),
    },
    resolve: async (_r, args, ctx) => {
      const filter: RunFilter = {
        workflow: args.workflow == null ? null : String(args.workflow),
        status: args.status?.join(","),
      };
      const where = await runWhere(ctx.db, filter);
      return { where, ...runPaging.page(args, () => ctx.db.prisma.workflowRun.count({ where })) };
    },
  }),
  workflowRun: t.prismaField({
    type: "WorkflowRun",
    nullable: true,
    description: "A run by id; null with a NOT_FOUND error when there is none.",
    args: { id: t.arg.id({ required: true, description: "The run's id" }) },
    resolve: async (query, _r, { id }, ctx) => {
      await getRunStatus(ctx.db, String(id));
      return ctx.db.prisma.workflowRun.findUniqueOrThrow({ ...query, where: { id: String(id) } });
    },
  }),
}));

builder.mutationFields((t) => ({
  executeWorkflow: t.prismaField({
    authScopes: { run: true },
    type: "WorkflowRun",
    description: "Start a run with these parameters; returns at once, steps run in the background.",
    errors: {
      types: [ValidationError, NotFoundError],
      union: { description: "The new run (PENDING), or why it was not started." },
    },
    args: {
      id: t.arg.id({ required: true, description: "The template's id or unique name" }),
      params: t.arg({
        type: "JSON",
        description: "Values for the template's parameter schema (defaults applied, unknown names refused); default {}",
      }),
    },
    resolve: async (query, _r, { id, params }, ctx) => {
      const runId = await executeWorkflow(ctx.db, ctx.engine, String(id), params, ctx.limits);
      return ctx.db.prisma.workflowRun.findUniqueOrThrow({ ...query, where: { id: runId } });
    },
  }),
  cancelWorkflowRun: t.prismaField({
    authScopes: { run: true },
    type: "WorkflowRun",
    description: "Stop a run: the running steps are aborted, the rest cancelled.",
    errors: {
      types: [NotFoundError, ConflictError],
      union: {
        description: "The run (stopping or stopped), or why it cannot be cancelled (ConflictError: it has ended).",
      },
    },
    args: { id: t.arg.id({ required: true, description: "The run's id" }) },
    resolve: async (query, _r, { id }, ctx) => {
      await cancelWorkflowRun(ctx.db, ctx.engine, String(id));
      return ctx.db.prisma.workflowRun.findUniqueOrThrow({ ...query, where: { id: String(id) } });
    },
  }),
}));

builder.subscriptionFields((t) => ({
  workflowRun: t.field({
    type: WorkflowRunEvent,
    description: "Every state change of one run (run and steps), from any instance, in order.",
    args: { id: t.arg.id({ required: true, description: "The run's id" }) },
    subscribe: (_r, { id }, ctx) => ctx.pubsub.subscribe("workflowRun", String(id)),
    resolve: (e) => e,
  }),
  workflowRuns: t.field({
    type: WorkflowRunEvent,
    description: "Run-level changes of every run (started, finished), optionally of one template.",
    args: {
      workflow: t.arg.id({ description: "Only runs of this template (id or name)" }),
      status: t.arg({ type: [RunStatus], description: "Only changes into one of these statuses" }),
    },
    subscribe: async function* (_r, args, ctx) {
      const statuses: string[] = args.status ?? [];
      const workflowId = args.workflow != null ? await getWorkflowId(ctx.db, String(args.workflow)) : null;
      for await (const e of ctx.pubsub.subscribe("workflowRuns")) {
        if (workflowId && e.workflowId !== workflowId) continue;
        if (statuses.length && !statuses.includes(e.status)) continue;
        yield e;
      }
    },
    resolve: (e) => e,
  }),
}));
