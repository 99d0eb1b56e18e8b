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
    executions: t.field({
      type: [Execution],
      description: "The kept trees' executions, matches and their ancestors, in tree order",
      resolve: (tl) => tl.executions,
    }),
    contextIds: t.idList({
      description: "Executions included only as ancestors of matches (they do not match the filter themselves)",
      resolve: (tl) => tl.contextIds,
    }),
    rootCount: t.exposeInt("rootCount", { description: "Handoff trees found, before the limit" }),
    matchedCount: t.exposeInt("matchedCount", {
      description: "Executions matching the filter, in all trees found (before the limit)",
    }),
    truncated: t.exposeBoolean("truncated", {
      description:
        "True when the limit or the size caps left trees or executions out (older ones: read them with nextCursor)",
    }),
    nextCursor: t.exposeString("nextCursor", {
      nullable: true,
      description:
        "Pass as `before` to read the next older trees (same filters and limit); null when no older tree matches",
    }),
  }),
});

type GraphShape = Awaited<ReturnType<typeof handoffGraph>>;
const AgentNode = builder.objectRef<GraphShape["nodes"][number]>("HandoffGraphNode").implement({
  description: "An agent of the handoff graph, with figures over its executions that match the filter.",
  fields: (t) => ({
    agentName: t.exposeString("agentName", { description: "The agent's name, as its executions record it" }),
    executionCount: t.exposeInt("executionCount", {
      description: "Its matching executions, any status (0 for an agent shown only as the source of a handoff)",
    }),
    successCount: t.exposeInt("successCount", { description: "Its matching executions that ended SUCCESS" }),
    failureCount: t.exposeInt("failureCount", { description: "Its matching executions that ended FAILURE" }),
    successRate: t.exposeFloat("successRate", {
      nullable: true,
      description: "successes / (successes + failures), 0 to 1; null when there are neither",
    }),
    avgDurationMs: t.exposeFloat("avgDurationMs", {
      nullable: true,
      description: "Mean duration in milliseconds of its matching executions that have one; null when none has",
    }),
  }),
});
const HandoffEdge = builder.objectRef<GraphShape["edges"][number]>("HandoffGraphEdge").implement({
  description: "Handoffs from executions of `source` to child executions of `target`; rates are of the children.",
  fields: (t) => ({
    source: t.exposeString("source", { description: "Name of the agent that handed off (the parent's agent)" }),
    target: t.exposeString("target", { description: "Name of the agent handed to (the child's agent)" }),
    count: t.exposeInt("count", {
      description: "Handoffs: matching executions of `target` whose parent is an execution of `source`",
    }),
    successCount: t.exposeInt("successCount", { description: "Handoffs whose child execution ended SUCCESS" }),
    failureCount: t.exposeInt("failureCount", { description: "Handoffs whose child execution ended FAILURE" }),
    successRate: t.exposeFloat("successRate", {
      nullable: true,
      description: "successCount / (successCount + failureCount), 0 to 1; null when there are neither",
    }),
    firstAt: t.expose("firstAt", {
      type: "DateTime",
      description: "Start of the earliest child execution of these handoffs",
    }),
    lastAt: t.expose("lastAt", {
      type: "DateTime",
      description: "Start of the latest child execution of these handoffs",
    }),
  }),
});
const HandoffGraph = builder.objectRef<GraphShape>("HandoffGraph").implement({
  description: "Agents and who hands work to whom, over the executions matching a filter.",
  fields: (t) => ({
    nodes: t.field({
      type: [AgentNode],
      description: "Every agent with matching executions or handing off to one, by name",
      resolve: (g) => g.nodes,
    }),
    edges: t.field({
      type: [HandoffEdge],
      description: "One edge per pair of agents that handed off, by source then target",
      resolve: (g) => g.edges,
    }),
  }),
});

builder.queryFields((t) => ({
  timeline: t.field({
    type: Timeline,
    description: "The handoff trees of the executions matching every given filter, with their ancestors.",
    args: {
      ...filterArgs(t),
      limit: t.arg.int({ description: "Most trees returned, 1 to 20,000 (the most recent are kept; default 1000)" }),
      before: t.arg.string({
        description:
          "Only trees older than the page this cursor ended (a timeline's nextCursor): pages back through older trees",
      }),
    },
    resolve: (_r, args, ctx, info) => {
      const asked = selectedFields(info, ["executions"]);
      const opts = { ...filterOf(args), limit: args.limit, before: args.before };
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
