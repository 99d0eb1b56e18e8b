import { builder } from "../../graphql/builder.js";
import { PageInfo } from "../../graphql/connection.js";
import { ExecutionStatus } from "../execution/execution.schema.js";
import { ReadTooLargeError } from "../../errors.js";
import { MAX_DESCENDANTS } from "../execution/execution.service.js";
import {
  encodeCursor,
  getTrace,
  listTraces,
  MAX_TRACES_PAGE,
  newerTrace,
  olderTrace,
  type TraceFilter,
  type TraceRow,
  traceCriticalPath,
} from "./trace.service.js";

type PothosArgs = Parameters<Parameters<typeof builder.queryFields>[0]>[0]["arg"];

/** The trace list's filters: `traces` takes them, and a trace's `newer`/`older` walk the list they make. */
const traceFilterArgs = (t: { arg: PothosArgs }) => ({
  status: t.arg({ type: [ExecutionStatus], description: "Only trees whose root is in one of these statuses" }),
  agent: t.arg.stringList({ description: "Only trees in which one of these agents ran (by name)" }),
  workflow: t.arg.id({ description: "Only trees run under this workflow template (id or name)" }),
  startDate: t.arg({
    type: "DateOrDateTime",
    description: "Only trees whose root started at or after this instant (a date: its midnight, UTC)",
  }),
  endDate: t.arg({
    type: "DateOrDateTime",
    description: "Only trees whose root started at or before this instant (a date: the whole day, UTC)",
  }),
  minDurationMs: t.arg.int({ description: "Only trees whose root took at least this many milliseconds" }),
  maxDurationMs: t.arg.int({ description: "Only trees whose root took at most this many milliseconds" }),
  execution: t.arg.id({ description: "Only the tree holding this execution (any execution's id)" }),
  text: t.arg.string({
    description:
      "Only trees holding an execution whose id, agent, inputs, outputs or error contain every word (full-text index; at most 200 characters)",
  }),
});

interface FilterArgs {
  status?: readonly string[] | null;
  agent?: readonly string[] | null;
  workflow?: string | number | null;
  startDate?: string | null;
  endDate?: string | null;
  minDurationMs?: number | null;
  maxDurationMs?: number | null;
  execution?: string | number | null;
  text?: string | null;
}

const filterOf = (args: FilterArgs): TraceFilter => ({
  status: args.status,
  agent: args.agent,
  workflow: args.workflow == null ? null : String(args.workflow),
  startDate: args.startDate,
  endDate: args.endDate,
  minDurationMs: args.minDurationMs,
  maxDurationMs: args.maxDurationMs,
  execution: args.execution == null ? null : String(args.execution),
  text: args.text,
});

const Trace = builder.objectRef<TraceRow>("Trace");
Trace.implement({
  description:
    "One handoff tree: its root execution and every execution under it, with the tree's figures. Its id is the root's.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The root execution's id" }),
    root: t.prismaField({
      type: "Execution",
      description: "The root execution (the session, the workflow run's root, or the first agent called)",
      resolve: (query, trace, _args, ctx) =>
        ctx.db.prisma.execution.findUniqueOrThrow({ ...query, where: { id: trace.id } }),
    }),
    agentName: t.exposeString("agentName", { description: "The root's agent (`workflow:<name>` for a workflow run)" }),
    status: t.field({
      type: ExecutionStatus,
      description: "The root's status: where the tree as a whole stands",
      resolve: (tr) => tr.status,
    }),
    startedAt: t.expose("timestamp", { type: "DateTime", description: "When the root started" }),
    endedAt: t.expose("lastEndedAt", {
      type: "DateTime",
      nullable: true,
      description: "The latest end of any execution in the tree; null while none has ended",
    }),
    durationMs: t.exposeInt("durationMs", {
      nullable: true,
      description: "The root's duration in milliseconds; null while it runs",
    }),
    executionCount: t.exposeInt("executionCount", { description: "Executions in the tree, the root included" }),
    failureCount: t.exposeInt("failureCount", { description: "Executions of the tree that ended FAILURE" }),
    agents: t.exposeStringList("agents", { description: "The agents that ran in the tree, by name" }),
    inputTokens: t.exposeFloat("inputTokens", {
      nullable: true,
      description: "Input tokens of the tree's executions that reported tokens, summed (whole); null when none did",
    }),
    outputTokens: t.exposeFloat("outputTokens", {
      nullable: true,
      description: "Output tokens of the tree's executions that reported tokens, summed (whole); null when none did",
    }),
    costUsd: t.exposeFloat("costUsd", {
      nullable: true,
      description: "Cost in US dollars of the tree's executions that reported one, summed; null when none did",
    }),
    workflowRunId: t.exposeID("workflowRunId", {
      nullable: true,
      description: "The workflow run the tree belongs to; null for a tree recorded from outside",
    }),
    executions: t.prismaField({
      type: ["Execution"],
      description: `Every execution of the tree, the root first, then by depth and start (at most ${MAX_DESCENDANTS + 1}: past it, READ_TOO_LARGE)`,
      resolve: async (query, trace, _a, ctx) => {
        const rows = await ctx.db.prisma.execution.findMany({
          ...query,
          where: { rootId: trace.id },
          orderBy: [{ depth: "asc" }, { timestamp: "asc" }, { id: "asc" }],
          take: MAX_DESCENDANTS + 2,
        });
        if (rows.length > MAX_DESCENDANTS + 1) throw new ReadTooLargeError();
        return rows;
      },
    }),
    criticalPath: t.idList({
      description:
        "The executions the tree's end waited on, root first (docs/traces.md, 'Critical path'): from the root, the children whose subtrees ended last, walking back from its end",
      resolve: (trace, _a, ctx) => traceCriticalPath(ctx.db, trace.id),
    }),
    newer: t.field({
      type: Trace,
      nullable: true,
      description: "The tree just above this one in the trace list these filters make (newer); null at its top",
      args: traceFilterArgs(t),
      resolve: (trace, args, ctx) => newerTrace(ctx.db, trace, filterOf(args)),
    }),
    older: t.field({
      type: Trace,
      nullable: true,
      description: "The tree just below this one in the trace list these filters make (older); null at its end",
      args: traceFilterArgs(t),
      resolve: (trace, args, ctx) => olderTrace(ctx.db, trace, filterOf(args)),
    }),
  }),
});

type TracePage = Awaited<ReturnType<typeof listTraces>>;
const TraceEdge = builder.objectRef<{ cursor: string; node: TraceRow }>("TraceEdge").implement({
  description: "A trace in a page, with its cursor.",
  fields: (t) => ({
    cursor: t.exposeString("cursor", { description: "Pass as `after` to continue after this trace" }),
    node: t.field({ type: Trace, description: "The trace", resolve: (e) => e.node }),
  }),
});
const TraceConnection = builder.objectRef<TracePage>("TraceConnection").implement({
  description: "A page of traces, newest root first; `after: pageInfo.endCursor` reads on (older trees).",
  fields: (t) => ({
    edges: t.field({
      type: [TraceEdge],
      description: "The page's traces with their cursors",
      resolve: (p) => p.traces.map((node) => ({ cursor: encodeCursor(node), node })),
    }),
    nodes: t.field({ type: [Trace], description: "The page's traces", resolve: (p) => p.traces }),
    pageInfo: t.field({
      type: PageInfo,
      description: "Whether older traces follow, and the cursor to read them",
      resolve: (p) => ({
        hasNextPage: p.hasNextPage,
        hasPreviousPage: p.hasPreviousPage,
        startCursor: p.traces[0] ? encodeCursor(p.traces[0]) : null,
        endCursor: p.endCursor,
      }),
    }),
    totalCount: t.int({ description: "Traces matching the filters, all pages", resolve: (p) => p.totalCount() }),
  }),
});

builder.queryFields((t) => ({
  traces: t.field({
    type: TraceConnection,
    description: `Handoff trees, newest first, one row each with its figures; filters narrow them. Paged by \`first\` (1 to ${MAX_TRACES_PAGE}, default 50) and \`after\`.`,
    args: {
      ...traceFilterArgs(t),
      first: t.arg.int({ defaultValue: 50, description: `How many to return: 1 to ${MAX_TRACES_PAGE} (default 50)` }),
      after: t.arg.string({ description: "Start after this cursor (pageInfo.endCursor): older trees" }),
    },
    resolve: (_r, args, ctx) => listTraces(ctx.db, filterOf(args), { first: args.first, after: args.after }),
  }),
  trace: t.field({
    type: Trace,
    nullable: true,
    description:
      "The handoff tree holding an execution (any member's id finds its root's tree); null with a NOT_FOUND error when no execution has that id.",
    args: { id: t.arg.id({ required: true, description: "The id of the root or of any execution in the tree" }) },
    resolve: (_r, { id }, ctx) => getTrace(ctx.db, String(id)),
  }),
}));
