import { builder } from "../../graphql/builder.js";
import { domainEnum } from "../../graphql/enums.js";
import type { GRANULARITIES } from "./metrics.buckets.js";
import { type BucketStats, computeMetrics, type Stats } from "./metrics.service.js";

const Granularity = domainEnum<(typeof GRANULARITIES)[number]>(
  "Granularity",
  "The length of a metrics bucket, in the requested time zone.",
  { day: "A calendar day", week: "An ISO week, Monday to Sunday", month: "A calendar month" },
);

const MetricsStats = builder.interfaceRef<Stats>("MetricsStats").implement({
  description: "Figures of a period; durations are over finished executions.",
  fields: (t) => ({
    total: t.exposeInt("total", { description: "Executions started in the period (any status)" }),
    successes: t.exposeInt("successes", { description: "Executions of the period that ended SUCCESS" }),
    failures: t.exposeInt("failures", {
      description: "Executions of the period that ended FAILURE (CANCELLED counts as neither)",
    }),
    successRate: t.exposeFloat("successRate", {
      nullable: true,
      description: "successes / (successes + failures), 0 to 1; null when there are neither",
    }),
    avgDurationMs: t.exposeFloat("avgDurationMs", {
      nullable: true,
      description: "Mean duration in milliseconds; null when no execution of the period has one",
    }),
    p50DurationMs: t.exposeFloat("p50DurationMs", {
      nullable: true,
      description:
        "Nearest-rank median duration in milliseconds, from the hourly rollups' DDSketch: within 0.5% of the exact value (exact below ~100 ms); null when no execution has one",
    }),
    p95DurationMs: t.exposeFloat("p95DurationMs", {
      nullable: true,
      description:
        "Nearest-rank 95th percentile duration in milliseconds, from the hourly rollups' DDSketch: within 0.5% of the exact value (exact below ~100 ms); null when no execution has one",
    }),
    // Float, not Int: sums of tokens pass GraphQL's 32-bit Int within weeks of heavy use; always whole.
    inputTokens: t.exposeFloat("inputTokens", {
      nullable: true,
      description:
        "Sum of the input tokens of the period's executions that reported tokens (a whole number; cache tokens included for Claude); null when none did",
    }),
    outputTokens: t.exposeFloat("outputTokens", {
      nullable: true,
      description: "Sum of the output tokens of the period's executions that reported tokens; null when none did",
    }),
    tokenExecutions: t.exposeInt("tokenExecutions", {
      description: "How many of the period's executions reported tokens (input or output)",
    }),
    costUsd: t.exposeFloat("costUsd", {
      nullable: true,
      description:
        "Sum of the costs in US dollars of the period's executions that reported one, exact to a billionth of a dollar; null when none did",
    }),
    costExecutions: t.exposeInt("costExecutions", {
      description: "How many of the period's executions reported a cost",
    }),
  }),
});

const MetricsSummary = builder.objectRef<Stats>("MetricsSummary").implement({
  description: "Figures of a whole period: the requested range, or the previous period of the same length.",
  interfaces: [MetricsStats],
  isTypeOf: (v) => !("label" in (v as object)),
});
const MetricsBucket = builder.objectRef<BucketStats>("MetricsBucket").implement({
  description:
    "Figures of one calendar day, ISO week or month in the time zone; the first and last count only the part inside the range.",
  interfaces: [MetricsStats],
  isTypeOf: (v) => "label" in (v as object),
  fields: (t) => ({
    start: t.expose("start", { type: "DateTime", description: "Calendar start of the bucket in the time zone" }),
    label: t.exposeString("label", { description: "Local date of the bucket start, e.g. 2026-11-02" }),
  }),
});

type MetricsShape = Awaited<ReturnType<typeof computeMetrics>>;
const AgentMetrics = builder.objectRef<MetricsShape["agents"][number]>("AgentMetrics").implement({
  description: "One agent's figures, over the same range, previous period and buckets as the whole.",
  fields: (t) => ({
    agentName: t.exposeString("agentName", { description: "The agent's name, as its executions record it" }),
    summary: t.field({
      type: MetricsSummary,
      description: "Its figures over the whole range",
      resolve: (a) => a.summary,
    }),
    previous: t.field({
      type: MetricsSummary,
      description: "Its figures over the previous period, for comparison",
      resolve: (a) => a.previous,
    }),
    series: t.field({
      type: [MetricsBucket],
      description: "Its figures per bucket, the same buckets as Metrics.series",
      resolve: (a) => a.series,
    }),
  }),
});

const Metrics = builder.objectRef<MetricsShape>("Metrics").implement({
  description: "Execution metrics for a range, bucketed for charts (empty buckets included).",
  fields: (t) => ({
    start: t.expose("start", {
      type: "DateTime",
      description: "The range's first instant: startDate, or by default local midnight 29 days before the end's day",
    }),
    end: t.expose("end", {
      type: "DateTime",
      description: "Just after the range (exclusive): the day after a date-only endDate, else endDate + 1 ms, or now",
    }),
    granularity: t.field({
      type: Granularity,
      description: "The bucket length of `series`",
      resolve: (m) => m.granularity,
    }),
    tz: t.exposeString("tz", { description: "The IANA time zone of the buckets and of dates without an offset" }),
    previousStart: t.expose("previousStart", {
      type: "DateTime",
      description: "Start of the previous period (same length, ending at start)",
    }),
    summary: t.field({
      type: MetricsSummary,
      description: "Figures over the whole range (of the agents asked for, or of all)",
      resolve: (m) => m.summary,
    }),
    previous: t.field({
      type: MetricsSummary,
      description: "Figures over the previous period (previousStart to start), for comparison",
      resolve: (m) => m.previous,
    }),
    series: t.field({
      type: [MetricsBucket],
      description: "One bucket per calendar period overlapping the range, in order, empty ones included",
      resolve: (m) => m.series,
    }),
    agents: t.field({
      type: [AgentMetrics],
      description: "One entry per requested agent, or per agent with executions in the range, by name",
      resolve: (m) => m.agents,
    }),
  }),
});

builder.queryFields((t) => ({
  metrics: t.field({
    type: Metrics,
    description: "Success rate, durations, volumes, tokens and cost over a range, bucketed, with the previous period.",
    args: {
      agent: t.arg.stringList({ description: "Only these agents (by name), each also reported on its own to compare" }),
      startDate: t.arg({
        type: "DateOrDateTime",
        description: "The range's start, inclusive, in the time zone; default 30 days before the end",
      }),
      endDate: t.arg({
        type: "DateOrDateTime",
        description: "The range's end, inclusive (a date: the whole day), in the time zone; default now",
      }),
      granularity: t.arg({ type: Granularity, description: "Bucket length; default DAY" }),
      tz: t.arg.string({ description: "IANA time zone for buckets and dates without an offset; default UTC" }),
    },
    resolve: (_r, args, ctx) => computeMetrics(ctx.db, { ...args, agent: args.agent?.join(",") }),
  }),
}));
