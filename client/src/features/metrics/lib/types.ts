// The metrics page's own view of the API's figures: plain shapes the helpers and charts take, which
// the generated query types satisfy.
export const GRANULARITIES = [
  { value: "day", label: "Day" },
  { value: "week", label: "Week" },
  { value: "month", label: "Month" },
] as const;
export type Granularity = (typeof GRANULARITIES)[number]["value"];

export function parseGranularity(value: string | null | undefined): Granularity {
  return GRANULARITIES.find((g) => g.value === value)?.value ?? "day";
}

export interface MetricsStatsFields {
  total: number;
  successes: number;
  failures: number;
  successRate: number | null;
  avgDurationMs: number | null;
  p50DurationMs?: number | null;
  p95DurationMs: number | null;
  /** Token and cost sums over the executions that reported them; null (or absent) when none did. */
  inputTokens?: number | null;
  outputTokens?: number | null;
  costUsd?: number | null;
}

export interface MetricsBucketFields extends MetricsStatsFields {
  /** Local date of the bucket's calendar start, `2026-11-02`. */
  label: string;
  start: string;
}

export interface AgentMetricsFields {
  agentName: string;
  summary: MetricsStatsFields;
  series: readonly MetricsBucketFields[];
}
