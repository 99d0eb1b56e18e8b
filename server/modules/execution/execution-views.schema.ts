import { builder } from "../../graphql/builder.js";
import { selectedFields } from "../../graphql/selection.js";
import { Execution, filterArgs } from "./execution.schema.js";
import { filterOf } from "./execution.service.js";
import { handoffGraph, TIMELINE_DETAIL_FIELDS, timeline } from "./execution.views.js";

type TimelineShape = Awaited<ReturnType<typeof timeline>>;
const Timeline = builder.objectRef<TimelineShape>("Timeline").implement({
  description:
    "Handoff trees as a flat list in tree order (parent before its children, siblings by start); nest by parentExecutionId. Ancestors of matching executions are included so every chain is whole.",
  fields: (t) => ({
    executions: t.field({ type: [Execution], resolve: (tl) => tl.executions }),
    contextIds: t.idList({
      description: "Executions included only as ancestors of matches (they do not match the filter themselves)",
      resolve: (tl) => tl.contextIds,
    }),
    rootCount: t.exposeInt("rootCount", { description: "Trees matching, before the limit" }),
    matchedCount: t.exposeInt("matchedCount"),
    truncated: t.exposeBoolean("truncated", { description: "True when the limit cut trees off" }),
  }),
});

type GraphShape = Awaited<ReturnType<typeof handoffGraph>>;
const AgentNode = builder.objectRef<GraphShape["nodes"][number]>("HandoffGraphNode").implement({
  fields: (t) => ({
    agentName: t.exposeString("agentName"),
    executionCount: t.exposeInt("executionCount"),
    successCount: t.exposeInt("successCount"),
    failureCount: t.exposeInt("failureCount"),
    successRate: t.exposeFloat("successRate", { nullable: true, description: "successes / (successes + failures)" }),
    avgDurationMs: t.exposeFloat("avgDurationMs", { nullable: true }),
  }),
});
const HandoffEdge = builder.objectRef<GraphShape["edges"][number]>("HandoffGraphEdge").implement({
  description: "Handoffs from executions of `source` to child executions of `target`; rates are of the children.",
  fields: (t) => ({
    source: t.exposeString("source"),
    target: t.exposeString("target"),
    count: t.exposeInt("count"),
    successCount: t.exposeInt("successCount"),
    failureCount: t.exposeInt("failureCount"),
    successRate: t.exposeFloat("successRate", { nullable: true }),
    firstAt: t.expose("firstAt", { type: "DateTime" }),
    lastAt: t.expose("lastAt", { type: "DateTime" }),
  }),
});
const HandoffGraph = builder.objectRef<GraphShape>("HandoffGraph").implement({
  fields: (t) => ({
    nodes: t.field({ type: [AgentNode], resolve: (g) => g.nodes }),
    edges: t.field({ type: [HandoffEdge], resolve: (g) => g.edges }),
  }),
});

builder.queryFields((t) => ({
  timeline: t.field({
    type: Timeline,
    description: "The handoff trees of the executions matching every given filter, with their ancestors.",
    args: {
      ...filterArgs(t),
      limit: t.arg.int({ description: "Most trees returned, 1 to 20,000 (the most recent are kept; default 1000)" }),
    },
    resolve: (_r, args, ctx, info) => {
      const asked = selectedFields(info, ["executions"]);
      const opts = { ...filterOf(args), limit: args.limit };
      return timeline(ctx.db, opts, { detail: TIMELINE_DETAIL_FIELDS.some((f) => asked.has(f)) });
    },
  }),
  handoffGraph: t.field({
    type: HandoffGraph,
    description: "Agents and agent→agent handoffs among the executions matching every given filter.",
    args: filterArgs(t),
    resolve: (_r, args, ctx) => handoffGraph(ctx.db, filterOf(args)),
  }),
}));
