import { handoffSources } from "../../engine/nodes.js";
import type { NodeDef } from "../../engine/types.js";
import { builder } from "../../graphql/builder.js";
import { ConflictError, NotFoundError, ValidationError } from "../../graphql/errors.js";
import { pageOf } from "../../validation.js";
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

const StepRole = builder.enumType("WorkflowStepRole", {
  values: ["step", "supervisor", "worker", "aggregate"] as const,
});

type StepShape = ReturnType<typeof flatSteps>[number] & {
  after: string[];
  runnerKind: string | null;
  runnerSource: "step" | "agent";
};

export const WorkflowStep = builder.objectRef<StepShape>("WorkflowStep").implement({
  description: "A step of a template, flattened in definition order, with where it sits and what runs it.",
  fields: (t) => ({
    id: t.exposeString("id"),
    agentName: t.string({ resolve: (s) => s.agent }),
    description: t.string({ nullable: true, resolve: (s) => s.def.description ?? null }),
    role: t.field({ type: StepRole, resolve: (s) => s.role }),
    path: t.exposeStringList("path", { description: "The groups it sits in, outermost first" }),
    after: t.exposeStringList("after", {
      description: "The steps that hand work to it directly (the flow's edges into it)",
    }),
    optional: t.boolean({ resolve: (s) => s.def.optional === true }),
    timeoutMs: t.int({ nullable: true, resolve: (s) => s.def.timeout_ms ?? null }),
    runnerKind: t.field({
      type: RunnerKind,
      nullable: true,
      description: "The runner this step uses (its override, else its agent's); null when the agent is gone",
      resolve: (s) => s.runnerKind as never,
    }),
    runnerSource: t.string({
      description: "step (an override in the template) or agent",
      resolve: (s) => s.runnerSource,
    }),
    input: t.field({ type: "JSON", nullable: true, resolve: (s) => s.def.input ?? null }),
    outputSchema: t.field({ type: "JSON", nullable: true, resolve: (s) => s.def.output_schema ?? null }),
  }),
});

export const WorkflowTemplate = builder.prismaObject("WorkflowTemplate", {
  description: "A reusable multi-agent workflow.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    description: t.exposeString("description"),
    parameters: t.expose("parameters", { type: "JSON", description: "JSON Schema of the run parameters" }),
    steps: t.expose("steps", { type: "JSON", description: "The step tree as written (see docs/workflows.md)" }),
    patterns: t.stringList({ description: "Coordination patterns it uses", resolve: (w) => patternsOf(w) }),
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
    runCount: t.relationCount("runs"),
    runs: t.relation("runs", {
      description: "Most recent runs first",
      args: { limit: t.arg.int({ defaultValue: 10 }) },
      query: (args) => ({
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: Math.min(Math.max(args.limit ?? 10, 1), 100),
      }),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

type ListShape = { where: ReturnType<typeof workflowWhere>; limit: number; offset: number };
const WorkflowList = builder.objectRef<ListShape>("WorkflowList").implement({
  fields: (t) => ({
    workflows: t.prismaField({
      type: ["WorkflowTemplate"],
      resolve: (query, page, _a, ctx) =>
        ctx.db.prisma.workflowTemplate.findMany({
          ...query,
          where: page.where,
          orderBy: [{ name: "asc" }],
          take: page.limit,
          skip: page.offset,
        }),
    }),
    total: t.int({ resolve: (page, _a, ctx) => ctx.db.prisma.workflowTemplate.count({ where: page.where }) }),
    limit: t.exposeInt("limit"),
    offset: t.exposeInt("offset"),
  }),
});

const WorkflowInput = builder.inputType("WorkflowInput", {
  description: "A template. `steps` is the step tree (docs/workflows.md); `parameters` a JSON Schema object.",
  fields: (t) => ({
    name: t.string(),
    description: t.string(),
    parameters: t.field({ type: "JSON" }),
    steps: t.field({ type: "JSON" }),
  }),
});

builder.queryFields((t) => ({
  workflows: t.field({
    type: WorkflowList,
    errors: { types: [ValidationError] },
    args: {
      q: t.arg.string({ description: "Text in the name or description" }),
      pattern: t.arg.string({ description: "sequential | parallel | hierarchical" }),
      limit: t.arg.int({ description: "1–200, default 50" }),
      offset: t.arg.int(),
    },
    resolve: (_r, args, ctx) => ({
      where: workflowWhere(ctx.db, args as WorkflowFilter),
      ...pageOf(args, MAX_WORKFLOW_PAGE, 50),
    }),
  }),
  workflow: t.prismaField({
    type: "WorkflowTemplate",
    description: "A template by id or unique name.",
    errors: { types: [NotFoundError] },
    args: { id: t.arg.string({ required: true }) },
    resolve: async (query, _r, { id }, ctx) =>
      ctx.db.prisma.workflowTemplate.findUniqueOrThrow({ ...query, where: { id: await getWorkflowId(ctx.db, id) } }),
  }),
}));

builder.mutationFields((t) => ({
  createWorkflow: t.prismaField({
    type: "WorkflowTemplate",
    description: "Create a template; every problem is reported at once, naming the step.",
    errors: { types: [ValidationError, ConflictError] },
    args: { input: t.arg({ type: WorkflowInput, required: true }) },
    resolve: async (query, _r, { input }, ctx) => {
      const row = await createWorkflow(ctx.db, input);
      ctx.pubsub.publish("workflowChanged", { kind: "created", workflowId: row.id, name: row.name });
      return ctx.db.prisma.workflowTemplate.findUniqueOrThrow({ ...query, where: { id: row.id } });
    },
  }),
  updateWorkflow: t.prismaField({
    type: "WorkflowTemplate",
    description: "Change a template (fields given replace the stored ones). Runs already started keep theirs.",
    errors: { types: [ValidationError, ConflictError, NotFoundError] },
    args: { id: t.arg.string({ required: true }), input: t.arg({ type: WorkflowInput, required: true }) },
    resolve: async (query, _r, { id, input }, ctx) => {
      const row = await updateWorkflow(ctx.db, id, input);
      ctx.pubsub.publish("workflowChanged", { kind: "updated", workflowId: row.id, name: row.name });
      return ctx.db.prisma.workflowTemplate.findUniqueOrThrow({ ...query, where: { id: row.id } });
    },
  }),
  deleteWorkflow: t.prismaField({
    type: "WorkflowTemplate",
    description: "Delete a template; its runs stay. Answers the template as it was.",
    errors: { types: [NotFoundError] },
    args: { id: t.arg.string({ required: true }) },
    resolve: async (query, _r, { id }, ctx) => {
      // Load everything selected (run count, runs) before the row is gone.
      const row = await getWorkflowRow(ctx.db, id);
      const answer = await ctx.db.prisma.workflowTemplate.findUniqueOrThrow({ ...query, where: { id: row.id } });
      await deleteWorkflow(ctx.db, row.id);
      ctx.pubsub.publish("workflowChanged", { kind: "deleted", workflowId: row.id, name: row.name });
      return answer;
    },
  }),
}));

const WorkflowChangeKind = builder.enumType("WorkflowChangeKind", {
  values: ["created", "updated", "deleted"] as const,
});
const WorkflowChange = builder
  .objectRef<{ kind: "created" | "updated" | "deleted"; workflowId: string; name: string }>("WorkflowChange")
  .implement({
    fields: (t) => ({
      kind: t.field({ type: WorkflowChangeKind, resolve: (c) => c.kind }),
      workflowId: t.exposeID("workflowId"),
      name: t.exposeString("name"),
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
