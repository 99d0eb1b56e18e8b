import { describe, expect, it } from "vitest";
import {
  ALL_AGENTS,
  agentBars,
  compareSeries,
  durationAxis,
  durationSeries,
  hasPoints,
  rateAxisMin,
  p95Duration,
  successPercent,
  successRateSeries,
} from "./series.ts";
import type { AgentMetricsFields, MetricsBucketFields } from "./types.ts";

const bucket = (label: string, fields: Partial<MetricsBucketFields> = {}): MetricsBucketFields => ({
  label,
  start: `${label}T00:00:00.000Z`,
  total: 0,
  successes: 0,
  failures: 0,
  successRate: null,
  avgDurationMs: null,
  p50DurationMs: null,
  p95DurationMs: null,
  ...fields,
});

const overall = [
  bucket("2026-11-01", {
    total: 4,
    successes: 3,
    failures: 1,
    successRate: 0.75,
    avgDurationMs: 100,
    p95DurationMs: 180,
  }),
  bucket("2026-11-02"),
  bucket("2026-11-03", {
    total: 3,
    successes: 2,
    failures: 1,
    successRate: 2 / 3,
    avgDurationMs: 50,
    p95DurationMs: 90,
  }),
];

const agent = (agentName: string, series: MetricsBucketFields[]): AgentMetricsFields => {
  const total = series.reduce((n, b) => n + b.total, 0);
  const successes = series.reduce((n, b) => n + b.successes, 0);
  const failures = series.reduce((n, b) => n + b.failures, 0);
  return {
    agentName,
    summary: { total, successes, failures, successRate: null, avgDurationMs: null, p95DurationMs: null },
    series,
  };
};

describe("chart series from buckets", () => {
  it("keeps a null where a bucket is empty, so the line breaks rather than dropping to zero", () => {
    const [rate] = successRateSeries(overall);
    expect(rate?.data).toEqual([
      { x: "2026-11-01", y: 75 },
      { x: "2026-11-02", y: null },
      { x: "2026-11-03", y: 66.67 },
    ]);
  });

  it("draws average and p95 durations as two lines", () => {
    const lines = durationSeries(overall);
    expect(lines.map((l) => l.id)).toEqual(["p95", "Average"]);
    expect(lines[0]?.data.map((p) => p.y)).toEqual([180, null, 90]);
    expect(lines[1]?.data.map((p) => p.y)).toEqual([100, null, 50]);
  });

  it("overlays one line per picked agent, or the overall line when none is picked", () => {
    const agents = [
      agent("TestAgent", [
        bucket("2026-11-01", { total: 1, successes: 1, successRate: 1 }),
        bucket("2026-11-02"),
        bucket("2026-11-03"),
      ]),
      agent("CodeAgent", [
        bucket("2026-11-01"),
        bucket("2026-11-02"),
        bucket("2026-11-03", { total: 2, failures: 2, successRate: 0 }),
      ]),
    ];
    const picked = compareSeries(["testagent", "CodeAgent", "GoneAgent"], agents, overall, successPercent);
    expect(picked.map((s) => [s.id, s.agent])).toEqual([
      ["TestAgent", "TestAgent"],
      ["CodeAgent", "CodeAgent"],
      ["GoneAgent", "GoneAgent"],
    ]);
    expect(picked[0]?.data.map((p) => p.y)).toEqual([100, null, null]);
    expect(picked[1]?.data.map((p) => p.y)).toEqual([null, null, 0]);
    expect(picked[2]?.data.map((p) => p.y)).toEqual([null, null, null]);

    const all = compareSeries([], agents, overall, p95Duration);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: ALL_AGENTS, agent: null });
    expect(all[0]?.data.map((p) => p.y)).toEqual([180, null, 90]);
  });

  it("knows when there is nothing to draw", () => {
    expect(hasPoints(successRateSeries([bucket("2026-11-02")]))).toBe(false);
    expect(hasPoints(successRateSeries(overall))).toBe(true);
  });

  it("stacks each agent's executions into successes, failures and the rest, busiest last", () => {
    const bars = agentBars([
      {
        agentName: "A",
        summary: { total: 10, successes: 7, failures: 2, successRate: null, avgDurationMs: null, p95DurationMs: null },
        series: [],
      },
      {
        agentName: "B",
        summary: { total: 30, successes: 30, failures: 0, successRate: 1, avgDurationMs: null, p95DurationMs: null },
        series: [],
      },
      {
        agentName: "Idle",
        summary: { total: 0, successes: 0, failures: 0, successRate: null, avgDurationMs: null, p95DurationMs: null },
        series: [],
      },
    ]);
    expect(bars).toEqual([
      { agent: "A", successes: 7, failures: 2, other: 1, total: 10 },
      { agent: "B", successes: 30, failures: 0, other: 0, total: 30 },
    ]);
  });

  it("starts the success-rate axis a little below the lowest rate", () => {
    expect(rateAxisMin(successRateSeries(overall))).toBe(60);
    expect(rateAxisMin(successRateSeries([bucket("2026-11-02", { successRate: 0.97 })]))).toBe(90);
    expect(rateAxisMin(successRateSeries([bucket("2026-11-02", { successRate: 0.02 })]))).toBe(0);
    expect(rateAxisMin(successRateSeries([bucket("2026-11-02")]))).toBe(90);
  });

  it("counts a duration axis in round steps that cover the longest point", () => {
    const axis = (ms: number) =>
      durationAxis([
        {
          id: "p95",
          agent: null,
          data: [
            { x: "a", y: ms },
            { x: "b", y: null },
          ],
        },
      ]);
    expect(axis(400_000)).toEqual({ max: 480_000, ticks: [0, 120_000, 240_000, 360_000, 480_000] });
    expect(axis(42_000)).toEqual({ max: 50_000, ticks: [0, 10_000, 20_000, 30_000, 40_000, 50_000] });
    expect(axis(850)).toEqual({ max: 1000, ticks: [0, 200, 400, 600, 800, 1000] });
    expect(axis(0)).toEqual({ max: 1, ticks: [0, 1] });
  });
});
