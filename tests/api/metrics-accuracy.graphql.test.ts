// The `metrics` query against an independent computation (tests/testkit/metrics.ts): a seeded
// data set of 600 executions over ten weeks, recorded in one POST /executions batch, and every
// figure of every bucket, summary and previous period, overall and per agent, in four zones.
import { describe, expect, test as base } from "../testkit/fixtures.js";
import {
  accuracyCases,
  allStats,
  EDGE_ZONES,
  EMPTY_STATS,
  generateMetricsDataset,
  gqlMetrics,
  gqlMetricsVars,
  type MetricsDataset,
  recordAll,
  toGqlMetrics,
  withinOnePercent,
} from "../testkit/metrics.js";

const test = base.extend("dataset", { scope: "file" }, async ({ api }): Promise<MetricsDataset> => {
  const data = generateMetricsDataset(4_242_026, Date.UTC(2026, 8, 7), 600);
  await recordAll(api, data.bodies);
  return data;
});

describe("metrics figures", () => {
  test.for(EDGE_ZONES)(
    "%s: every bucket, summary and previous period, overall and per agent, in day, week and month",
    async (tz, { graphql, dataset }) => {
      const cases = accuracyCases(dataset, tz);
      expect(cases).toHaveLength(36);
      for (const c of cases) {
        const got = await gqlMetrics(graphql, gqlMetricsVars(c.vars));
        expect(got, c.name).toEqual(toGqlMetrics(c.expected));
        // Empty buckets carry zeros and nulls (JSON has no NaN, but a null must not become 0 either).
        for (const s of allStats(got).filter((x) => x.total === 0)) expect(s).toMatchObject(EMPTY_STATS);
      }
    },
  );

  test("success rate, average, percentiles, token and cost sums of a known agent's summary, spelled out", async ({
    graphql,
    dataset,
  }) => {
    // A cross-check of the model itself on one agent, straight from the executions.
    const planner = dataset.agents[0] as string;
    const mine = dataset.model.filter((e) => e.agent === planner && e.ts >= Date.UTC(2026, 8, 1));
    const s = mine.filter((e) => e.status === "success").length;
    const f = mine.filter((e) => e.status === "failure").length;
    const d = mine.flatMap((e) => (e.durationMs === null ? [] : [e.durationMs])).sort((a, b) => a - b);
    const tokens = mine.filter((e) => e.inputTokens != null || e.outputTokens != null);
    const costs = mine.filter((e) => e.costUsd != null);
    const got = await gqlMetrics(graphql, {
      agent: [planner],
      startDate: "2026-09-01",
      endDate: "2026-11-30",
      granularity: "MONTH",
    });
    expect(got.summary).toEqual({
      total: mine.length,
      successes: s,
      failures: f,
      successRate: s / (s + f),
      avgDurationMs: d.reduce((a, b) => a + b, 0) / d.length,
      // Percentiles from the rollups' sketches: within 1% of the exact nearest-rank values.
      p50DurationMs: withinOnePercent(d[Math.ceil(d.length * 0.5) - 1] as number),
      p95DurationMs: withinOnePercent(d[Math.ceil((d.length * 95) / 100) - 1] as number),
      // Sums over the executions that said them; costs (whole billionths in the data set) exactly.
      inputTokens: tokens.reduce((a, e) => a + (e.inputTokens ?? 0), 0),
      outputTokens: tokens.reduce((a, e) => a + (e.outputTokens ?? 0), 0),
      tokenExecutions: tokens.length,
      costUsd: costs.reduce((a, e) => a + Math.round((e.costUsd as number) * 1e9), 0) / 1e9,
      costExecutions: costs.length,
    });
    expect([tokens.length, costs.length].every((n) => n > 10 && n < mine.length)).toBe(true);
    expect(got.series.map((b) => b.label)).toEqual(["2026-09-01", "2026-10-01", "2026-11-01"]);
    expect(got.series.reduce((n, b) => n + b.total, 0)).toBe(mine.length);
  });
});
