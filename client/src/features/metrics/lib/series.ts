// The API's buckets as chart data: one line point per bucket (x = its label), y = null where the
// bucket has no figure so the line breaks instead of dropping to zero; bars per agent.
import type { AgentMetricsFields, MetricsBucketFields, MetricsStatsFields } from "./types.ts";

export interface LinePoint {
  x: string;
  y: number | null;
}

export interface LineSeriesData {
  id: string;
  /** The agent the line is about, or null for the overall figures. */
  agent: string | null;
  data: LinePoint[];
}

export type BucketValue = (bucket: MetricsStatsFields) => number | null;

/** Success rate in percent, rounded to 0.01 so tooltips and axes read cleanly. */
export const successPercent: BucketValue = (b) =>
  b.successRate === null ? null : Math.round(b.successRate * 10_000) / 100;
export const avgDuration: BucketValue = (b) => b.avgDurationMs;
export const p95Duration: BucketValue = (b) => b.p95DurationMs;

export function lineSeries(
  id: string,
  buckets: readonly MetricsBucketFields[],
  value: BucketValue,
  agent: string | null = null,
): LineSeriesData {
  return { id, agent, data: buckets.map((b) => ({ x: b.label, y: value(b) })) };
}

export function successRateSeries(buckets: readonly MetricsBucketFields[]): LineSeriesData[] {
  return [lineSeries("Success rate", buckets, successPercent)];
}

/** p95 first: nivo draws the first series on top, and p95 is the one to watch. */
export function durationSeries(buckets: readonly MetricsBucketFields[]): LineSeriesData[] {
  return [lineSeries("p95", buckets, p95Duration), lineSeries("Average", buckets, avgDuration)];
}

export const ALL_AGENTS = "All agents";

/** One line per picked agent, or the overall line when none is picked. */
export function compareSeries(
  picked: readonly string[],
  agents: readonly AgentMetricsFields[],
  overall: readonly MetricsBucketFields[],
  value: BucketValue,
): LineSeriesData[] {
  if (!picked.length) return [lineSeries(ALL_AGENTS, overall, value)];
  const byName = new Map(agents.map((a) => [a.agentName.toLowerCase(), a]));
  return picked.map((name) => {
    const agent = byName.get(name.toLowerCase());
    const buckets = agent?.series ?? overall.map((b) => ({ ...b, ...EMPTY }));
    return lineSeries(agent?.agentName ?? name, buckets, value, agent?.agentName ?? name);
  });
}

const EMPTY = {
  total: 0,
  successes: 0,
  failures: 0,
  successRate: null,
  avgDurationMs: null,
  p50DurationMs: null,
  p95DurationMs: null,
};

export function hasPoints(series: readonly LineSeriesData[]): boolean {
  return series.some((s) => s.data.some((p) => p.y !== null));
}

export interface AgentBar {
  [key: string]: string | number;
  agent: string;
  successes: number;
  failures: number;
  /** Pending, in progress, cancelled: started in the range but neither success nor failure. */
  other: number;
  total: number;
}

export const BAR_KEYS = ["successes", "failures", "other"] as const;
export type BarKey = (typeof BAR_KEYS)[number];

/**
 * Executions per agent, smallest first: a horizontal nivo bar chart draws the first row at the
 * bottom, so the busiest agent ends up on top. Agents without executions are left out.
 */
export function agentBars(agents: readonly AgentMetricsFields[]): AgentBar[] {
  return agents
    .filter((a) => a.summary.total > 0)
    .map((a) => ({
      agent: a.agentName,
      successes: a.summary.successes,
      failures: a.summary.failures,
      other: Math.max(0, a.summary.total - a.summary.successes - a.summary.failures),
      total: a.summary.total,
    }))
    .sort((a, b) => a.total - b.total || b.agent.localeCompare(a.agent));
}

/**
 * Where a success-rate axis starts: 0 would flatten rates that all sit in the 90s, so start a
 * little below the lowest point, on a multiple of 10.
 */
export function rateAxisMin(series: readonly LineSeriesData[]): number {
  let min = 100;
  for (const s of series) for (const p of s.data) if (p.y !== null && p.y < min) min = p.y;
  return Math.max(0, Math.floor((min - 5) / 10) * 10);
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** Steps a duration axis may count in, so its ticks read 30s, 2m, 1h rather than 1.7m. */
const DURATION_STEPS = [
  1,
  2,
  5,
  10,
  20,
  50,
  100,
  200,
  500,
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
];

/** A duration axis from 0 in round steps, at most `count` of them, covering every point. */
export function durationAxis(series: readonly LineSeriesData[], count = 5): { max: number; ticks: number[] } {
  let top = 0;
  for (const s of series) for (const p of s.data) if (p.y !== null && p.y > top) top = p.y;
  const step =
    DURATION_STEPS.find((d) => Math.ceil(top / d) <= count) ?? Math.ceil(top / count / (24 * HOUR)) * 24 * HOUR;
  const n = Math.max(1, Math.ceil(top / step));
  return { max: n * step, ticks: Array.from({ length: n + 1 }, (_, i) => i * step) };
}
