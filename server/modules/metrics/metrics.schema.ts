import { builder } from "../../graphql/builder.js";
import { ValidationError } from "../../graphql/errors.js";
import { GRANULARITIES } from "./metrics.buckets.js";
import { type BucketStats, computeMetrics, type Stats } from "./metrics.service.js";

const Granularity = builder.enumType("Granularity", {
  description: "day, ISO week (Monday start) or calendar month, in the requested time zone",
  values: GRANULARITIES,
});

const MetricsStats = builder.interfaceRef<Stats>("MetricsStats").implement({
  description: "Figures of a period; durations are over finished executions.",
  fields: (t) => ({
    total: t.exposeInt("total", { description: "Executions started in the period (any status)" }),
    successes: t.exposeInt("successes"),
    failures: t.exposeInt("failures"),
    successRate: t.exposeFloat("successRate", { nullable: true, description: "successes / (successes + failures)" }),
    avgDurationMs: t.exposeFloat("avgDurationMs", { nullable: true }),
    p50DurationMs: t.exposeFloat("p50DurationMs", { nullable: true, description: "Nearest-rank median" }),
    p95DurationMs: t.exposeFloat("p95DurationMs", { nullable: true, description: "Nearest-rank 95th percentile" }),
  }),
});

const MetricsSummary = builder.objectRef<Stats>("MetricsSummary").implement({
  interfaces: [MetricsStats],
  isTypeOf: (v) => !("label" in (v as object)),
});
const MetricsBucket = builder.objectRef<BucketStats>("MetricsBucket").implement({
  interfaces: [MetricsStats],
  isTypeOf: (v) => "label" in (v as object),
  fields: (t) => ({
    start: t.expose("start", { type: "DateTime", description: "Calendar start of the bucket in the time zone" }),
    label: t.exposeString("label", { description: "Local date of the bucket start, e.g. 2026-11-02" }),
  }),
});

type MetricsShape = Awaited<ReturnType<typeof computeMetrics>>;
const AgentMetrics = builder.objectRef<MetricsShape["agents"][number]>("AgentMetrics").implement({
  fields: (t) => ({
    agentName: t.exposeString("agentName"),
    summary: t.field({ type: MetricsSummary, resolve: (a) => a.summary }),
    previous: t.field({ type: MetricsSummary, resolve: (a) => a.previous }),
    series: t.field({ type: [MetricsBucket], resolve: (a) => a.series }),
  }),
});

const Metrics = builder.objectRef<MetricsShape>("Metrics").implement({
  description: "Execution metrics for a range, bucketed for charts (empty buckets included).",
  fields: (t) => ({
    start: t.expose("start", { type: "DateTime" }),
    end: t.expose("end", { type: "DateTime", description: "Exclusive" }),
    granularity: t.field({ type: Granularity, resolve: (m) => m.granularity }),
    tz: t.exposeString("tz"),
    previousStart: t.expose("previousStart", {
      type: "DateTime",
      description: "Start of the previous period (same length, ending at start)",
    }),
    summary: t.field({ type: MetricsSummary, resolve: (m) => m.summary }),
    previous: t.field({ type: MetricsSummary, resolve: (m) => m.previous }),
    series: t.field({ type: [MetricsBucket], resolve: (m) => m.series }),
    agents: t.field({
      type: [AgentMetrics],
      description: "One entry per requested agent, or per agent with executions in the range",
      resolve: (m) => m.agents,
    }),
  }),
});

builder.queryFields((t) => ({
  metrics: t.field({
    type: Metrics,
    errors: { types: [ValidationError] },
    args: {
      agent: t.arg.string({ description: "Agent name, or several comma-separated to compare" }),
      startDate: t.arg.string({ description: "Date or timestamp (inclusive); default 30 days before the end" }),
      endDate: t.arg.string({ description: "Date (whole day) or timestamp (inclusive); default now" }),
      granularity: t.arg({ type: Granularity, description: "Default day" }),
      tz: t.arg.string({ description: "IANA time zone for buckets and dates; default UTC" }),
    },
    resolve: (_r, args, ctx) => computeMetrics(ctx.db, args),
  }),
}));
