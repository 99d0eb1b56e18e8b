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
    description: "Success rate, durations and volumes over a range, bucketed, with the previous period.",
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
