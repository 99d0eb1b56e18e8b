// GET /metrics against an independent computation: a seeded data set of 600 executions over ten
// weeks is recorded in one batch, and every figure (totals, successes, failures, success rate,
// average, p50 and p95 duration) of every bucket, summary and previous period, overall and per
// agent, is recomputed in plain TypeScript (tests/testkit/metrics.ts) for day, week and month
// buckets in four zones.
import { DAY } from "../testkit/executions.js";
import { uniqueName } from "../testkit/factories.js";
import { describe, expect, test as base } from "../testkit/fixtures.js";
import {
  accuracyCases,
  allStats,
  at,
  EDGE_ZONES,
  EMPTY_STATS,
  approxPercentiles,
  expectedMetrics,
  generateMetricsDataset,
  localMidnight,
  type Metrics,
  type MetricsDataset,
  recordAll,
  restMetrics,
  restParams,
  toRest,
} from "../testkit/metrics.js";

const DATA_START = Date.UTC(2026, 8, 7); // a Monday; ten weeks to 2026-11-16, across both DST ends

const test = base.extend("dataset", { scope: "file" }, async ({ api }): Promise<MetricsDataset> => {
  const data = generateMetricsDataset(20_260_907, DATA_START, 600);
  await recordAll(api, data.bodies);
  return data;
});

describe("GET /metrics figures", () => {
  test("the data set is what the test thinks it is", ({ dataset }) => {
    const { model, agents } = dataset;
    expect(model).toHaveLength(600);
    const count = (f: (e: (typeof model)[number]) => boolean) => model.filter(f).length;
    for (const status of ["success", "failure", "cancelled", "in_progress", "pending"] as const)
      expect(count((e) => e.status === status)).toBeGreaterThan(20);
    expect(count((e) => e.durationMs === null && (e.status === "success" || e.status === "failure"))).toBeGreaterThan(
      10,
    );
    expect(count((e) => e.durationMs === null && e.status === "cancelled")).toBeGreaterThan(2);
    expect(count((e) => e.durationMs !== null && e.durationMs > 60_000)).toBeGreaterThan(20);
    expect(new Set(model.map((e) => e.durationMs)).size).toBeLessThan(count((e) => e.durationMs !== null));
    expect(count((e) => e.agent === agents[3])).toBeLessThan(50);
    expect(count((e) => e.ts === localMidnight(new Date(e.ts).toISOString().slice(0, 10), "UTC"))).toBeGreaterThan(2);
    expect(Math.max(...model.map((e) => e.ts)) - Math.min(...model.map((e) => e.ts))).toBeGreaterThan(63 * DAY);
  });

  test("the cases cover empty buckets, buckets with no success or failure, and buckets with no durations", ({
    dataset,
  }) => {
    const stats = EDGE_ZONES.flatMap((tz) => accuracyCases(dataset, tz)).flatMap((c) => allStats(c.expected));
    expect(stats.filter((s) => s.total === 0).length).toBeGreaterThan(100);
    expect(stats.filter((s) => s.total > 0 && s.successRate === null).length).toBeGreaterThan(5);
    expect(stats.filter((s) => s.total > 0 && s.avgDurationMs === null).length).toBeGreaterThan(5);
    expect(stats.filter((s) => s.p95DurationMs !== null && s.p95DurationMs !== s.p50DurationMs).length).toBeGreaterThan(
      100,
    );
  });

  test.for(EDGE_ZONES)(
    "%s: every bucket, summary and previous period, overall and per agent, in day, week and month",
    async (tz, { api, dataset }) => {
      const cases = accuracyCases(dataset, tz);
      expect(cases).toHaveLength(36);
      for (const c of cases) {
        const got = await restMetrics(api, restParams(c.vars));
        expect(got, c.name).toEqual(approxPercentiles(toRest(c.expected)));
      }
    },
  );

  test("empty buckets are zeros with null rates and durations, never NaN", async ({ api, dataset }) => {
    const rare = dataset.agents[3] as string;
    const got = (await restMetrics(api, {
      agent: rare,
      start_date: "2026-09-01",
      end_date: "2026-11-30",
      granularity: "day",
    })) as Record<string, unknown>;
    expect(got).toEqual(
      approxPercentiles(
        toRest(
          expectedMetrics(dataset.model, {
            agents: [rare],
            start: Date.UTC(2026, 8, 1),
            endExclusive: Date.UTC(2026, 11, 1),
            granularity: "day",
            tz: "UTC",
          }),
        ),
      ),
    );
    const series = got.series as Record<string, unknown>[];
    expect(series).toHaveLength(91);
    const empty = series.filter((b) => b.total === 0);
    expect(empty.length).toBeGreaterThan(50);
    for (const b of empty) expect(b).toMatchObject(toRest(EMPTY_STATS) as object);
    // The previous period (2026-06-02 to 2026-08-31) has no executions at all.
    expect(got.previous).toEqual(toRest(EMPTY_STATS));
    expect(got.previous_start).toBe("2026-06-02T00:00:00.000Z");
  });

  test("the previous period has the length of the range and ends at its start", async ({ api, dataset }) => {
    // 2026-10-20 to 2026-11-16 in Berlin: 28 days and one hour (the DST end on 2026-10-25), so the
    // previous period starts an hour earlier than 28 local days before.
    const query = {
      start: localMidnight("2026-10-20", "Europe/Berlin"),
      end: localMidnight("2026-11-17", "Europe/Berlin"),
    };
    expect(query.end - query.start).toBe(28 * DAY + 3_600_000);
    const got = (await restMetrics(api, {
      agent: dataset.agents.join(","),
      start_date: "2026-10-20",
      end_date: "2026-11-16",
      granularity: "week",
      tz: "Europe/Berlin",
    })) as Metrics & { previous_start: string };
    expect(got.previous_start).toBe(new Date(query.start - (query.end - query.start)).toISOString());
    expect(got.previous_start).toBe("2026-09-21T21:00:00.000Z");
    expect(got.previous).toEqual(
      approxPercentiles(
        toRest(
          expectedMetrics(dataset.model, {
            agents: dataset.agents,
            start: query.start,
            endExclusive: query.end,
            granularity: "week",
            tz: "Europe/Berlin",
          }).previous,
        ),
      ),
    );
    expect(got.previous.total).toBeGreaterThan(100);
  });

  test("zero durations are figures, not missing; a success without a duration has a rate but no duration", async ({
    api,
  }) => {
    const [instant, unmeasured] = [uniqueName("Instant"), uniqueName("Unmeasured")];
    await recordAll(api, [
      ...at(instant, ["2028-05-02T10:00:00.000Z", "2028-05-02T11:00:00.000Z"], "success", 0),
      { agent_name: unmeasured, status: "success", timestamp: "2028-05-02T12:00:00.000Z" },
      { agent_name: unmeasured, status: "cancelled", timestamp: "2028-05-02T13:00:00.000Z" },
    ]);
    const m = (await restMetrics(api, {
      agent: `${instant},${unmeasured}`,
      start_date: "2028-05-02",
      end_date: "2028-05-02",
    })) as { agents: { agent_name: string; summary: unknown }[] };
    expect(m.agents).toEqual(
      [
        {
          agent_name: instant,
          summary: toRest({
            ...EMPTY_STATS,
            total: 2,
            successes: 2,
            successRate: 1,
            avgDurationMs: 0,
            p50DurationMs: 0,
            p95DurationMs: 0,
          }),
          previous: toRest(EMPTY_STATS),
          series: [expect.objectContaining({ label: "2028-05-02", total: 2, avg_duration_ms: 0, p95_duration_ms: 0 })],
        },
        {
          agent_name: unmeasured,
          summary: toRest({ ...EMPTY_STATS, total: 2, successes: 1, successRate: 1 }),
          previous: toRest(EMPTY_STATS),
          series: [expect.objectContaining({ label: "2028-05-02", total: 2, success_rate: 1, avg_duration_ms: null })],
        },
      ].sort((a, b) => (a.agent_name < b.agent_name ? -1 : 1)),
    );
  });
});
