import { handoffSources } from "../../engine/nodes.js";
import type { NodeDef } from "../../engine/types.js";
import { builder } from "../../graphql/builder.js";
import { domainEnum } from "../../graphql/enums.js";
import { ConflictError, NotFoundError, ValidationError } from "../../graphql/errors.js";
import { connectionType, type Page, paging } from "../../graphql/connection.js";
import { RunnerKind } from "../agent/agent.schema.js";
import {
  createWorkflow,
  deleteWorkflow,
  flatSteps,
  getWorkflowId,
  getWorkflowRow,
  MAX_WORKFLOW_PAGE,
  patternsOf,
  updateWorkflow,
  type WorkflowFilter,
  workflowWhere,
} from "./workflow.service.js";
import { maskStepSecrets, stepsNeedAdmin } from "./step-secrets.js";

const StepRole = domainEnum<"step" | "supervisor" | "worker" | "aggregate">(
  "WorkflowStepRole",
  "The part a step plays in its group.",
  {
    step: "A step of a sequential or parallel group",
    supervisor: "The step that starts a hierarchical group",
    worker: "A step working under a supervisor",
    aggregate: "The step that gathers the workers' outputs",
  },
);

type StepShape = ReturnType<typeof flatSteps>[number] & {
  after: string[];
  runnerKind: string | null;
  runnerSource: "step" | "agent";
};

export const WorkflowStep = builder.objectRef<StepShape>("WorkflowStep").implement({
  description: "A step of a template, flattened in definition order, with where it sits and what runs it.",
  fields: (t) => ({
    id: t.exposeString("id", {
      description: "The step's id, unique in its template; runs, events and executions name the step by it",
    }),
    agentName: t.string({ description: "Name of the agent the step invokes", resolve: (s) => s.agent }),
    description: t.string({
      nullable: true,
      description: "What the step is for, as written in the template; null when none",
      resolve: (s) => s.def.description ?? null,
    }),
    role: t.field({ type: StepRole, description: "The part it plays in its group", resolve: (s) => s.role }),
    path: t.exposeStringList("path", { description: "The groups it sits in, outermost first" }),
    after: t.exposeStringList("after", {
      description: "The steps that hand work to it directly (the flow's edges into it)",
    }),
    optional: t.boolean({
      description: "In a parallel group: true when its failure does not fail the group",
      resolve: (s) => s.def.optional === true,
    }),
    timeoutMs: t.int({
      nullable: true,
      description: "The step's timeout in milliseconds; null when the runner's own timeout applies",
      resolve: (s) => s.def.timeout_ms ?? null,
    }),
    runnerKind: t.field({
      type: RunnerKind,
      nullable: true,
      description: "The runner this step uses (its override, else its agent's); null when the agent is gone",
      resolve: (s) => s.runnerKind as never,
    }),
    runnerSource: t.string({
      description: "`step` when the template overrides the runner for this step, `agent` when it uses its agent's",
      resolve: (s) => s.runnerSource,
    }),
    input: t.field({
      type: "JSON",
      nullable: true,
      description:
        "The step's input as written: any JSON whose strings may hold {{ expressions }} (docs/workflows.md); null when none (the agent gets {})",
      resolve: (s) => s.def.input ?? null,
    }),
    outputSchema: t.field({
      type: "JSON",
      nullable: true,
      description: "JSON Schema the step's outputs must satisfy before later steps may use them; null when none",
      resolve: (s) => s.def.output_schema ?? null,
    }),
  }),
});

export const WorkflowTemplate = builder.prismaObject("WorkflowTemplate", {
  description: "A reusable multi-agent workflow.",
  fields: (t) => ({
    id: t.exposeID("id", {
      description: "Baton's id for the template; wherever a template's id is asked for, its name works too",
    }),
    name: t.exposeString("name", { description: "Unique name" }),
    description: t.exposeString("description", { description: "What the workflow is for; empty when none was given" }),
    parameters: t.expose("parameters", {
      type: "JSON",
      description: "JSON Schema (an object schema) of the parameters executeWorkflow takes",
    }),
    steps: t.field({
      type: "JSON",
      description:
        "The step tree as written (see docs/workflows.md); secrets in a step's runner override (http headers, " +
        "command env) read as ********, as an agent's do",
      resolve: (w) => maskStepSecrets(w.steps),
    }),
    onFailure: t.exposeString("onFailure", {
      description: 'What a failed run does: "fail" (stays FAILED) or "rollback" (rolled back at once)',
    }),
    memory: t.field({
      type: "JSON",
      nullable: true,
      description:
        'Serena memory for its runs (docs/serena.md): {"serena": true} writes every handoff to .serena/memories, ' +
        '{"serena": false} turns BATON_SERENA_DIR off for it; null leaves it to BATON_SERENA_DIR',
      resolve: (w) => (w.memory ?? null) as object | null,
    }),
    patterns: t.stringList({
      description: "Keys of the coordination patterns its steps use (sequential, parallel, hierarchical)",
      resolve: (w) => patternsOf(w),
    }),
    stepList: t.field({
      type: [WorkflowStep],
      description: "Every step, flattened, with its runner",
      resolve: async (w, _a, ctx) => {
        const steps = flatSteps(w);
        const sources = handoffSources(w.steps as unknown as NodeDef[]);
        const agents = new Map(
          (
            await ctx.db.prisma.agent.findMany({
              where: { name: { in: [...new Set(steps.map((s) => s.agent))] } },
              select: { name: true, runnerKind: true },
            })
          ).map((a) => [a.name, a.runnerKind]),
        );
        return steps.map((s) => ({
          ...s,
          after: sources.get(s.id) ?? [],
          runnerKind: s.def.runner?.kind ?? agents.get(s.agent) ?? null,
          runnerSource: s.def.runner ? ("step" as const) : ("agent" as const),
        }));
      },
    }),
    runCount: t.relationCount("runs", { description: "How many runs it has had" }),
    runs: t.relation("runs", {
      description: "Its runs, most recent first",
      args: { limit: t.arg.int({ defaultValue: 10, description: "How many: 1 to 100 (values outside are clamped)" }) },
      query: (args) => ({
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: Math.min(Math.max(args.limit ?? 10, 1), 100),
      }),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the template was created" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the template was last changed" }),
  }),
});

type WorkflowPage = Page & { where: ReturnType<typeof workflowWhere> };
const WorkflowTemplateConnection = connectionType<WorkflowPage>({
  name: "WorkflowTemplate",
  model: "WorkflowTemplate",
  description: "A page of the workflow templates matching a filter, ordered by name.",
  rows: (page, query, ctx) =>
    ctx.db.prisma.workflowTemplate.findMany({
      ...query,
      where: page.where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: page.limit,
      skip: page.offset,
    }),
  row: (id, query, ctx) => ctx.db.prisma.workflowTemplate.findUniqueOrThrow({ ...query, where: { id } }),
});

const WorkflowInput = builder.inputType("WorkflowInput", {
  description: "A template. `steps` is the step tree (docs/workflows.md); `parameters` a JSON Schema object.",
  fields: (t) => ({
    name: t.string({
      description: "Unique name, 1–100 characters (trimmed); required to create, leave out to keep on update",
    }),
    description: t.string({
      description: "What the workflow is for: at most 2000 characters; default empty, or kept on update",
    }),
    parameters: t.field({
      type: "JSON",
      description:
        "JSON Schema of the run parameters, { type: object, properties, required }; default no parameters, or kept on update",
    }),
    steps: t.field({
      type: "JSON",
      description:
        "The step tree: a list of steps and sequential / parallel / hierarchical groups (docs/workflows.md); " +
        "required to create, kept on update when left out",
    }),
    onFailure: t.string({
      description:
        'What a failed run does: "fail" (it stays FAILED) or "rollback" (its steps\' compensations run at once, ' +
        "docs/workflows.md); default fail, or kept on update",
    }),
    memory: t.field({
      type: "JSON",
      description:
        'Serena memory (docs/serena.md): {"serena": true} or {"serena": false}; default none (BATON_SERENA_DIR ' +
        "decides), or kept on update",
    }),
  }),
});

const workflowPaging = paging(MAX_WORKFLOW_PAGE, 50);

builder.queryFields((t) => ({
  workflows: t.field({
    type: WorkflowTemplateConnection,
    description: "Workflow templates matching every given filter, ordered by name.",
    args: {
      q: t.arg.string({ description: "Text in the name or description (case-insensitive)" }),
      pattern: t.arg.string({ description: "Only templates using this pattern: sequential, parallel or hierarchical" }),
      ...workflowPaging.args(t.arg),
    },
    resolve: (_r, args, ctx) => {
      const where = workflowWhere(ctx.db, args as WorkflowFilter);
      return { where, ...workflowPaging.page(args, () => ctx.db.prisma.workflowTemplate.count({ where })) };
    },
  }),
  workflow: t.prismaField({
    type: "WorkflowTemplate",
    nullable: true,
    description: "A template by id or unique name; null with a NOT_FOUND error when there is none.",
    args: { id: t.arg.id({ required: true, description: "The template's id or unique name" }) },
    resolve: async (query, _r, { id }, ctx) =>
      ctx.db.prisma.workflowTemplate.findUniqueOrThrow({
        ...query,
        where: { id: await getWorkflowId(ctx.db, String(id)) },
      }),
  }),
}));

builder.mutationFields((t) => ({
  createWorkflow: t.prismaField({
    authScopes: (_root, { input }) => (stepsNeedAdmin(input.steps) ? { admin: true } : { write: true }),
    type: "WorkflowTemplate",
    description: "Create a template; every problem is reported at once, naming the step.",
    errors: {
      types: [ValidationError, ConflictError],
      union: { description: "The created template, or why it was not created." },
    },
    args: { input: t.arg({ type: WorkflowInput, required: true, description: "The template to create" }) },
    resolve: async (query, _r, { input }, ctx) => {
      const row = await createWorkflow(ctx.db, input, ctx.limits);
      ctx.pubsub.publish("workflowChanged", { kind: "created", workflowId: row.id, name: row.name });
      return ctx.db.prisma.workflowTemplate.findUniqueOrThrow({ ...query, where: { id: row.id } });
    },
  }),
  updateWorkflow: t.prismaField({
    authScopes: (_root, { input }) => (stepsNeedAdmin(input.steps) ? { admin: true } : { write: true }),
    type: "WorkflowTemplate",
    description: "Change a template (fields given replace the stored ones). Runs already started keep theirs.",
    errors: {
      types: [ValidationError, ConflictError, NotFoundError],
      union: { description: "The template as changed, or why it was not changed." },
    },
    args: {
      id: t.arg.id({ required: true, description: "The template's id or unique name" }),
      input: t.arg({
        type: WorkflowInput,
        required: true,
        description: "The fields to change; the result is validated as a whole again",
      }),
    },
    resolve: async (query, _r, { id, input }, ctx) => {
      const row = await updateWorkflow(ctx.db, String(id), input, ctx.limits);
      ctx.pubsub.publish("workflowChanged", { kind: "updated", workflowId: row.id, name: row.name });
      return ctx.db.prisma.workflowTemplate.findUniqueOrThrow({ ...query, where: { id: row.id } });
    },
  }),
  deleteWorkflow: t.prismaField({
    authScopes: { write: true },
    type: "WorkflowTemplate",
    description: "Delete a template; its runs stay. Answers the template as it was.",
    errors: { types: [NotFoundError], union: { description: "The deleted template as it was, or NotFoundError." } },
    args: { id: t.arg.id({ required: true, description: "The template's id or unique name" }) },
    resolve: async (query, _r, { id }, ctx) => {
      // Load everything selected (run count, runs) before the row is gone.
      const row = await getWorkflowRow(ctx.db, String(id));
      const answer = await ctx.db.prisma.workflowTemplate.findUniqueOrThrow({ ...query, where: { id: row.id } });
      await deleteWorkflow(ctx.db, row.id);
      ctx.pubsub.publish("workflowChanged", { kind: "deleted", workflowId: row.id, name: row.name });
      return answer;
    },
  }),
}));

const WorkflowChangeKind = domainEnum<"created" | "updated" | "deleted">(
  "WorkflowChangeKind",
  "What happened to a template.",
  { created: "Created", updated: "Changed", deleted: "Deleted (its runs stay)" },
);
const WorkflowChange = builder
  .objectRef<{ kind: "created" | "updated" | "deleted"; workflowId: string; name: string }>("WorkflowChange")
  .implement({
    description: "A workflow template created, changed or deleted.",
    fields: (t) => ({
      kind: t.field({ type: WorkflowChangeKind, description: "What happened to it", resolve: (c) => c.kind }),
      workflowId: t.exposeID("workflowId", { description: "The template's id (for DELETED, the id it had)" }),
      name: t.exposeString("name", {
        description: "The template's name after the change (for DELETED, its last name)",
      }),
    }),
  });

builder.subscriptionFields((t) => ({
  workflowChanged: t.field({
    type: WorkflowChange,
    description: "Each workflow template created, updated or deleted, on any instance.",
    subscribe: (_root, _args, ctx) => ctx.pubsub.subscribe("workflowChanged"),
    resolve: (change) => change,
  }),
}));
