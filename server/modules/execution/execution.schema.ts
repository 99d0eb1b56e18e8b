import { builder } from "../../graphql/builder.js";
import { connectionArgs, connectionType, type Page, pageOf } from "../../graphql/connection.js";
import { domainEnum } from "../../graphql/enums.js";
import { ConflictError, NotFoundError, ValidationError } from "../../graphql/errors.js";
import { eventExecution, publishExecutions, publishWritten } from "./execution.events.js";
import {
  ancestorIds,
  descendantIds,
  filterOf,
  getExecution,
  parseFilter,
  resolveFilter,
  prismaWhere,
  recordExecutions,
  updateExecution,
} from "./execution.service.js";
import type { EXECUTION_STATUSES, RecordInput, UpdateInput } from "./execution.validation.js";

export const ExecutionStatus = domainEnum<(typeof EXECUTION_STATUSES)[number]>(
  "ExecutionStatus",
  "Where an execution stands.",
  {
    pending: "Recorded, not started",
    in_progress: "Running",
    success: "Finished and did what was asked",
    failure: "Finished with an error",
    cancelled: "Stopped before it finished (not a failure)",
  },
);

export const Execution = builder.prismaObject("Execution", {
  description: "One invocation of an agent; its parent is the execution that handed work to it.",
  fields: (t) => ({
    id: t.exposeID("id"),
    agentName: t.exposeString("agentName"),
    agent: t.relation("agent", { nullable: true, description: "The registered agent, when one has this name." }),
    status: t.field({ type: ExecutionStatus, resolve: (e) => e.status as (typeof EXECUTION_STATUSES)[number] }),
    timestamp: t.expose("timestamp", { type: "DateTime", description: "Start" }),
    endedAt: t.expose("endedAt", { type: "DateTime", nullable: true }),
    durationMs: t.exposeInt("durationMs", { nullable: true }),
    inputs: t.expose("inputs", { type: "JSON", nullable: true }),
    outputs: t.expose("outputs", { type: "JSON", nullable: true }),
    error: t.exposeString("error", { nullable: true }),
    parentExecutionId: t.exposeID("parentExecutionId", { nullable: true }),
    rootId: t.exposeID("rootId", { description: "The root of this execution's handoff tree" }),
    depth: t.exposeInt("depth", { description: "Handoffs between the root and this execution" }),
    workflowId: t.exposeID("workflowId", { nullable: true }),
    workflow: t.prismaField({
      type: "WorkflowTemplate",
      nullable: true,
      description: "The template it ran under, while that template exists.",
      // Prisma batches the findUnique calls of one tick into one query, so a list costs one lookup.
      resolve: (query, e, _a, ctx) =>
        e.workflowId ? ctx.db.prisma.workflowTemplate.findUnique({ ...query, where: { id: e.workflowId } }) : null,
    }),
    workflowRunId: t.exposeID("workflowRunId", { nullable: true }),
    workflowStepId: t.exposeString("workflowStepId", { nullable: true }),
    attempt: t.exposeInt("attempt"),
    parent: t.relation("parent", { nullable: true }),
    children: t.relation("children", { query: { orderBy: [{ timestamp: "asc" }, { id: "asc" }] } }),
    ancestors: t.prismaField({
      type: ["Execution"],
      description: "The handoff chain above this execution, root first.",
      resolve: async (query, e, _a, ctx) => orderedByIds(ctx, query, await ancestorIds(ctx.db, e.id)),
    }),
    descendants: t.prismaField({
      type: ["Execution"],
      description: "Every execution below this one, by depth then start.",
      resolve: async (query, e, _a, ctx) => orderedByIds(ctx, query, await descendantIds(ctx.db, e.id)),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

async function orderedByIds(ctx: { db: { prisma: import("../../db.js").Db } }, query: object, ids: string[]) {
  const rows = await ctx.db.prisma.execution.findMany({ ...query, where: { id: { in: ids } } });
  const at = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => (at.get(a.id) ?? 0) - (at.get(b.id) ?? 0));
}

export const filterArgs = (t: PothosArgs) => ({
  agent: t.arg.stringList({ description: "Only executions of these agents (by name)" }),
  status: t.arg({ type: [ExecutionStatus], description: "Only executions in one of these statuses" }),
  startDate: t.arg({
    type: "DateOrDateTime",
    description: "Only executions started at or after this instant (a date: its midnight, UTC)",
  }),
  endDate: t.arg({
    type: "DateOrDateTime",
    description: "Only executions started at or before this instant (a date: the whole day, UTC)",
  }),
  workflow: t.arg.id({ description: "Only executions run under this workflow template (id or name)" }),
  workflowRun: t.arg.id({ description: "Only executions of this workflow run" }),
});
type PothosArgs = Parameters<Parameters<typeof builder.queryFields>[0]>[0];

const ExecutionSort = domainEnum<"timestamp_desc" | "timestamp_asc" | "duration_desc" | "duration_asc">(
  "ExecutionSort",
  "The order of an execution list; ties are broken by id.",
  {
    timestamp_desc: "Most recent start first",
    timestamp_asc: "Earliest start first",
    duration_desc: "Longest first (unfinished last)",
    duration_asc: "Shortest first (unfinished last)",
  },
);
const sortOrder = {
  timestamp_desc: [{ timestamp: "desc" }, { id: "desc" }],
  timestamp_asc: [{ timestamp: "asc" }, { id: "asc" }],
  duration_desc: [{ durationMs: { sort: "desc", nulls: "last" } }, { id: "desc" }],
  duration_asc: [{ durationMs: { sort: "asc", nulls: "last" } }, { id: "asc" }],
} as const;

type ExecutionPage = Page & { where: ReturnType<typeof prismaWhere>; sort: keyof typeof sortOrder };
const ExecutionConnection = connectionType<ExecutionPage>({
  name: "Execution",
  model: "Execution",
  description: "A page of the executions matching a filter, in the order asked for.",
  rows: (page, query, ctx) =>
    ctx.db.prisma.execution.findMany({
      ...query,
      where: page.where,
      orderBy: [...sortOrder[page.sort]] as never,
      take: page.limit,
      skip: page.offset,
    }),
  row: (id, query, ctx) => ctx.db.prisma.execution.findUniqueOrThrow({ ...query, where: { id } }),
});

const json = () => ({ type: "JSON" as const });
const RecordExecutionInput = builder.inputType("RecordExecutionInput", {
  fields: (t) => ({
    id: t.string({
      description: "Optional id of your own (letters, digits, _ and -), so a batch can refer to its members",
    }),
    agentName: t.string({ required: true }),
    status: t.field({ type: ExecutionStatus, required: true }),
    timestamp: t.field({ type: "DateTime", description: "Start; default now" }),
    endedAt: t.field({ type: "DateTime" }),
    durationMs: t.int(),
    inputs: t.field(json()),
    outputs: t.field(json()),
    error: t.string(),
    parentExecutionId: t.string({ description: "The execution that handed off to this one" }),
    workflowId: t.string(),
    workflowRunId: t.string(),
    workflowStepId: t.string(),
    attempt: t.int(),
  }),
});
const UpdateExecutionInput = builder.inputType("UpdateExecutionInput", {
  fields: (t) => ({
    status: t.field({ type: ExecutionStatus }),
    endedAt: t.field({ type: "DateTime" }),
    durationMs: t.int(),
    outputs: t.field(json()),
    error: t.string(),
  }),
});

const RecordedExecutions = builder.objectRef<{ ids: string[] }>("RecordedExecutions").implement({
  fields: (t) => ({
    count: t.int({ resolve: (r) => r.ids.length }),
    ids: t.idList({ description: "Ids in the order given", resolve: (r) => r.ids }),
    executions: t.prismaField({
      type: ["Execution"],
      resolve: (query, r, _a, ctx) => orderedByIds(ctx, query, r.ids),
    }),
  }),
});

builder.queryFields((t) => ({
  executions: t.field({
    type: ExecutionConnection,
    description: "Executions matching every given filter, most recent first unless sorted otherwise.",
    args: {
      ...filterArgs(t),
      sort: t.arg({ type: ExecutionSort, defaultValue: "timestamp_desc", description: "The order of the list" }),
      ...connectionArgs(t.arg, 1000, 100),
    },
    resolve: async (_r, args, ctx) => {
      const where = prismaWhere(await resolveFilter(ctx.db, filterOf(args)));
      const page = pageOf(args, 1000, 100, () => ctx.db.prisma.execution.count({ where }));
      return { where, sort: args.sort ?? "timestamp_desc", ...page };
    },
  }),
  execution: t.prismaField({
    type: "Execution",
    nullable: true,
    description: "An execution by id; null with a NOT_FOUND error when there is none.",
    args: { id: t.arg.id({ required: true, description: "The execution's id" }) },
    resolve: async (query, _r, { id }, ctx) => {
      await getExecution(ctx.db, String(id));
      return ctx.db.prisma.execution.findUniqueOrThrow({ ...query, where: { id: String(id) } });
    },
  }),
}));

builder.mutationFields((t) => ({
  recordExecution: t.prismaField({
    type: "Execution",
    description: "Record one execution (finished, or pending/in_progress to update later).",
    errors: { types: [ValidationError, ConflictError] },
    args: { input: t.arg({ type: RecordExecutionInput, required: true }) },
    resolve: async (query, _r, { input }, ctx) => {
      const rows = await recordExecutions(ctx.db, [input as RecordInput], ctx.limits);
      publishWritten(ctx.pubsub, "recorded", rows);
      return ctx.db.prisma.execution.findUniqueOrThrow({ ...query, where: { id: (rows[0] as { id: string }).id } });
    },
  }),
  recordExecutions: t.field({
    type: RecordedExecutions,
    description: "Record a batch (up to 5,000) in one transaction: all or nothing.",
    errors: { types: [ValidationError, ConflictError] },
    args: { executions: t.arg({ type: [RecordExecutionInput], required: true }) },
    resolve: async (_r, { executions }, ctx) => {
      const rows = await recordExecutions(ctx.db, executions as RecordInput[], ctx.limits, { batch: true });
      publishWritten(ctx.pubsub, "recorded", rows);
      return { ids: rows.map((r) => r.id) };
    },
  }),
  updateExecution: t.prismaField({
    type: "Execution",
    description: "Progress or finish an execution. A finished execution cannot change (ConflictError).",
    errors: { types: [ValidationError, ConflictError, NotFoundError] },
    args: {
      id: t.arg.id({ required: true, description: "The execution's id" }),
      input: t.arg({ type: UpdateExecutionInput, required: true }),
    },
    resolve: async (query, _r, { id, input }, ctx) => {
      const row = await updateExecution(ctx.db, String(id), input as UpdateInput, ctx.limits);
      publishExecutions(ctx.pubsub, "updated", [row]);
      return ctx.db.prisma.execution.findUniqueOrThrow({ ...query, where: { id: String(id) } });
    },
  }),
}));

const ExecutionEventKind = domainEnum<"recorded" | "updated">("ExecutionEventKind", "What happened to an execution.", {
  recorded: "Recorded (alone or in a batch)",
  updated: "Progressed or finished",
});
const ExecutionEventRef = builder
  .objectRef<{ kind: "recorded" | "updated"; execution: ReturnType<typeof eventExecution> }>("ExecutionEvent")
  .implement({
    fields: (t) => ({
      kind: t.field({ type: ExecutionEventKind, resolve: (e) => e.kind }),
      execution: t.field({ type: Execution, resolve: (e) => e.execution }),
    }),
  });

builder.subscriptionFields((t) => ({
  executionEvents: t.field({
    type: ExecutionEventRef,
    description: "Each execution recorded or updated (on any instance) that matches the filter.",
    args: {
      agent: t.arg.stringList({ description: "Only executions of these agents (by name)" }),
      status: t.arg({ type: [ExecutionStatus], description: "Only executions (now) in one of these statuses" }),
      workflowRun: t.arg.id({ description: "Only executions of this workflow run" }),
      rootId: t.arg.id({ description: "Only executions of the handoff tree under this root execution" }),
    },
    subscribe: async function* (_r, args, ctx) {
      const f = parseFilter(filterOf({ agent: args.agent, status: args.status, workflowRun: args.workflowRun }));
      for await (const batch of ctx.pubsub.subscribe("executionEvents"))
        for (const e of batch.executions) {
          if (f.agents.length && !f.agents.includes(String(e.agentName))) continue;
          if (f.statuses.length && !f.statuses.includes(e.status as never)) continue;
          if (f.workflowRun && e.workflowRunId !== f.workflowRun) continue;
          if (args.rootId != null && e.rootId !== String(args.rootId)) continue;
          yield { kind: batch.kind, execution: e };
        }
    },
    resolve: (event) => ({ kind: event.kind, execution: eventExecution(event) }),
  }),
}));
