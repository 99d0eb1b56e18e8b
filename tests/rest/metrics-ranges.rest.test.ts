// GET /metrics date ranges: both bounds inclusive (an execution exactly at the start counts, one at
// 23:59:59.999 of a date-only end counts, the next millisecond does not), timestamp ends inclusive to
// the millisecond, dates and zone-less timestamps read in the zone, offsets absolute, the defaults,
// ranges without data, and agent comparison. Executions sit exactly on the edges.
import { uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import {
  addDays,
  at,
  EMPTY_STATS,
  withinOnePercent,
  localDay,
  localMidnight,
  recordAll,
  restMetrics,
  toRest,
} from "../testkit/metrics.js";
import type { QueryParams, RestClient } from "../testkit/rest.js";

type RestBucket = { label: string; start: string; total: number };
type RestMetrics = {
  start: string;
  end: string;
  tz: string;
  granularity: string;
  previous_start: string;
  summary: { total: number } & Record<string, unknown>;
  previous: { total: number } & Record<string, unknown>;
  series: RestBucket[];
  agents: { agent_name: string; summary: unknown; previous: unknown; series: RestBucket[] }[];
};

const get = (api: RestClient, query: QueryParams) => restMetrics(api, query) as Promise<RestMetrics>;
const totals = (m: RestMetrics) => m.series.map((b) => [b.label, b.total]);

describe("GET /metrics date ranges (UTC)", () => {
  test("a date-only range: from the start's midnight to the end's 23:59:59.999, both counted", async ({ api }) => {
    const agent = uniqueName("Edges");
    await recordAll(
      api,
      at(agent, [
        "2027-03-09T23:59:59.999Z", // previous period
        "2027-03-10T00:00:00.000Z",
        "2027-03-11T12:00:00.000Z",
        "2027-03-12T23:59:59.999Z",
        "2027-03-13T00:00:00.000Z", // after
      ]),
    );
    const m = await get(api, { agent, start_date: "2027-03-10", end_date: "2027-03-12" });
    expect([m.start, m.end, m.previous_start, m.granularity, m.tz]).toEqual([
      "2027-03-10T00:00:00.000Z",
      "2027-03-13T00:00:00.000Z",
      "2027-03-07T00:00:00.000Z",
      "day",
      "UTC",
    ]);
    expect(totals(m)).toEqual([
      ["2027-03-10", 1],
      ["2027-03-11", 1],
      ["2027-03-12", 1],
    ]);
    expect(m.series.map((b) => b.start)).toEqual([
      "2027-03-10T00:00:00.000Z",
      "2027-03-11T00:00:00.000Z",
      "2027-03-12T00:00:00.000Z",
    ]);
    expect([m.summary.total, m.previous.total]).toEqual([3, 1]);
    // A one-day range is that whole day.
    const one = await get(api, { agent, start_date: "2027-03-12", end_date: "2027-03-12" });
    expect([one.start, one.end, one.summary.total, totals(one)]).toEqual([
      "2027-03-12T00:00:00.000Z",
      "2027-03-13T00:00:00.000Z",
      1,
      [["2027-03-12", 1]],
    ]);
  });

  test("timestamp bounds are inclusive to the millisecond", async ({ api }) => {
    const agent = uniqueName("Edges");
    await recordAll(
      api,
      at(agent, ["2027-03-10T08:00:00.000Z", "2027-03-10T12:00:00.000Z", "2027-03-10T12:00:00.001Z"]),
    );
    const count = async (start_date: string, end_date: string) =>
      (await get(api, { agent, start_date, end_date })).summary.total;
    expect(await count("2027-03-10T08:00:00.000Z", "2027-03-10T12:00:00.000Z")).toBe(2);
    expect(await count("2027-03-10T08:00:00.001Z", "2027-03-10T12:00:00.000Z")).toBe(1);
    expect(await count("2027-03-10T08:00:00.000Z", "2027-03-10T11:59:59.999Z")).toBe(1);
    expect(await count("2027-03-10T08:00:00.000Z", "2027-03-10T12:00:00.001Z")).toBe(3);
    // Seconds and minutes without milliseconds; an offset is an absolute instant.
    expect(await count("2027-03-10T08:00:00Z", "2027-03-10T12:00Z")).toBe(2);
    expect(await count("2027-03-10T09:00:00+01:00", "2027-03-10T13:00:00.000+01:00")).toBe(2);
    // A range of one millisecond holds exactly the execution at that instant.
    const m = await get(api, { agent, start_date: "2027-03-10T12:00:00.000Z", end_date: "2027-03-10T12:00:00.000Z" });
    expect([m.start, m.end, m.summary.total, totals(m)]).toEqual([
      "2027-03-10T12:00:00.000Z",
      "2027-03-10T12:00:00.001Z",
      1,
      [["2027-03-10", 1]],
    ]);
    // Buckets of a timestamp range are clipped to it but keep their calendar start and label.
    const w = await get(api, {
      agent,
      start_date: "2027-03-10T08:00:00.000Z",
      end_date: "2027-03-10T12:00:00.000Z",
      granularity: "week",
    });
    expect(w.series).toMatchObject([{ label: "2027-03-08", start: "2027-03-08T00:00:00.000Z", total: 2 }]);
  });

  test("a range with no executions: every bucket present, zeros, null rates and durations", async ({ api }) => {
    const [a, b] = [uniqueName("Quiet"), uniqueName("Quiet")];
    await recordAll(api, at(a, ["2027-05-31T23:59:59.999Z", "2027-06-11T00:00:00.000Z"]));
    const cases: [string, number, string[]][] = [
      ["day", 10, ["2027-06-01", "2027-06-02", "2027-06-10"]],
      ["week", 2, ["2027-05-31", "2027-06-07"]],
      ["month", 1, ["2027-06-01"]],
    ];
    for (const [granularity, count, someLabels] of cases) {
      const m = await get(api, { agent: `${a},${b}`, start_date: "2027-06-01", end_date: "2027-06-10", granularity });
      expect(m.series).toHaveLength(count);
      expect(m.series.map((x) => x.label)).toEqual(expect.arrayContaining(someLabels));
      const empty = toRest(EMPTY_STATS) as object;
      expect(m.summary).toEqual(empty);
      // 2027-05-22 to 2027-05-31 is the previous period: the execution at 23:59:59.999 is in it.
      expect(m.previous).toMatchObject({ total: 1, successes: 1, success_rate: 1 });
      for (const x of m.series) expect(x).toMatchObject(empty);
      expect(m.agents.map((x) => x.agent_name)).toEqual([a, b].sort());
      for (const agent of m.agents) {
        expect(agent.summary).toEqual(empty);
        expect(agent.series.map((x) => x.label)).toEqual(m.series.map((x) => x.label));
        for (const x of agent.series) expect(x).toMatchObject(empty);
      }
    }
  });
});

// Local midnight of 2027-03-10 and 2027-03-13 in each zone (no DST change between them).
const ZONES: [tz: string, start: string, end: string][] = [
  ["Europe/Berlin", "2027-03-09T23:00:00.000Z", "2027-03-12T23:00:00.000Z"],
  ["America/New_York", "2027-03-10T05:00:00.000Z", "2027-03-13T05:00:00.000Z"],
  ["Asia/Kolkata", "2027-03-09T18:30:00.000Z", "2027-03-12T18:30:00.000Z"],
];

describe("GET /metrics date ranges in a time zone", () => {
  test.for(ZONES)("%s: dates are local days, buckets start at local midnight", async ([tz, start, end], { api }) => {
    expect([localMidnight("2027-03-10", tz), localMidnight("2027-03-13", tz)]).toEqual([
      Date.parse(start),
      Date.parse(end),
    ]);
    const agent = uniqueName("Zoned");
    const ms = (iso: string, delta: number) => new Date(Date.parse(iso) + delta).toISOString();
    await recordAll(api, at(agent, [ms(start, -1), start, ms(start, 86_400_000), ms(end, -1), end]));
    const m = await get(api, { agent, start_date: "2027-03-10", end_date: "2027-03-12", tz });
    expect([m.start, m.end, m.tz, m.summary.total, m.previous.total]).toEqual([start, end, tz, 3, 1]);
    expect(totals(m)).toEqual([
      ["2027-03-10", 1],
      ["2027-03-11", 1],
      ["2027-03-12", 1],
    ]);
    expect(m.series.map((b) => b.start)).toEqual([start, ms(start, 86_400_000), ms(start, 2 * 86_400_000)]);
    // The same dates in UTC are a different range.
    const utc = await get(api, { agent, start_date: "2027-03-10", end_date: "2027-03-12" });
    expect([utc.start, utc.end]).toEqual(["2027-03-10T00:00:00.000Z", "2027-03-13T00:00:00.000Z"]);
  });

  test("zone-less timestamps are wall-clock times in the zone; offsets and Z are absolute", async ({ api }) => {
    const agent = uniqueName("Wall");
    await recordAll(
      api,
      at(agent, [
        "2027-03-10T03:59:59.999Z",
        "2027-03-10T04:00:00.000Z", // 09:30 in Kolkata
        "2027-03-10T12:00:00.000Z", // 17:30 in Kolkata
        "2027-03-10T12:00:00.001Z",
      ]),
    );
    const kolkata = await get(api, {
      agent,
      start_date: "2027-03-10T09:30",
      end_date: "2027-03-10T17:30:00",
      tz: "Asia/Kolkata",
    });
    expect([kolkata.start, kolkata.end, kolkata.summary.total]).toEqual([
      "2027-03-10T04:00:00.000Z",
      "2027-03-10T12:00:00.001Z",
      2,
    ]);
    // The bucket is the Kolkata day, which began at 18:30 UTC the day before.
    expect(kolkata.series).toMatchObject([{ label: "2027-03-10", start: "2027-03-09T18:30:00.000Z", total: 2 }]);
    for (const tz of ["UTC", "America/New_York", "Asia/Kolkata"]) {
      const m = await get(api, {
        agent,
        start_date: "2027-03-10T09:30:00+05:30",
        end_date: "2027-03-10T12:00:00.000Z",
        tz,
      });
      expect([tz, m.start, m.end, m.summary.total]).toEqual([
        tz,
        "2027-03-10T04:00:00.000Z",
        "2027-03-10T12:00:00.001Z",
        2,
      ]);
    }
  });

  test("defaults: the end is now, the start local midnight 29 days before the end's local day", async ({ api }) => {
    // Only an end date: 30 local days ending with it.
    const m = await get(api, { end_date: "2027-03-12", tz: "Europe/Berlin", agent: uniqueName("Nobody") });
    expect([m.start, m.end, m.series.length]).toEqual(["2027-02-10T23:00:00.000Z", "2027-03-12T23:00:00.000Z", 30]);
    expect([m.series[0]?.label, m.series[29]?.label]).toEqual(["2027-02-11", "2027-03-12"]);

    // Nothing: up to now, from local midnight 29 days before today (in the zone).
    for (const tz of ["UTC", "Asia/Kolkata", "America/New_York"]) {
      const before = Date.now();
      const d = await get(api, { tz, agent: uniqueName("Nobody") });
      const after = Date.now();
      const end = Date.parse(d.end);
      expect(end).toBeGreaterThanOrEqual(before);
      expect(end).toBeLessThanOrEqual(after);
      const today = localDay(end - 1, tz);
      expect(d.start).toBe(new Date(localMidnight(addDays(today, -29), tz)).toISOString());
      expect(d.series).toHaveLength(30);
      expect(d.series[29]?.label).toBe(today);
    }

    // Only a start: up to now.
    const from = addDays(localDay(Date.now(), "UTC"), -2);
    const s = await get(api, { start_date: from, agent: uniqueName("Nobody") });
    // Three days, unless midnight passed between the two clocks.
    const last = localDay(Date.parse(s.end) - 1, "UTC");
    expect(s.series.map((b) => b.label)).toEqual(
      [from, addDays(from, 1), addDays(from, 2), addDays(from, 3)].filter((d) => d <= last),
    );
    expect(last >= addDays(from, 2)).toBe(true);
  });
});

describe("GET /metrics agent comparison", () => {
  test("agent=A,B returns exactly A and B, B with no executions present with zeros", async ({ api }) => {
    const [a, b, other] = [uniqueName("Compare_b"), uniqueName("Compare_a"), uniqueName("Compare_c")];
    await recordAll(api, [
      ...at(a, ["2027-04-05T10:00:00.000Z", "2027-04-06T10:00:00.000Z"], "success", 1_000),
      ...at(a, ["2027-04-06T11:00:00.000Z"], "failure", 3_000),
      ...at(other, ["2027-04-06T12:00:00.000Z"], "success", 50),
    ]);
    const m = await get(api, { agent: `${a},${b}`, start_date: "2027-04-05", end_date: "2027-04-07" });
    // Sorted by name: b's name sorts first.
    expect(m.agents.map((x) => x.agent_name)).toEqual([b, a]);
    const [forB, forA] = m.agents as [RestMetrics["agents"][number], RestMetrics["agents"][number]];
    expect(forB.summary).toEqual(toRest(EMPTY_STATS));
    expect(forB.previous).toEqual(toRest(EMPTY_STATS));
    expect(forB.series.map((x) => [x.label, x.total])).toEqual([
      ["2027-04-05", 0],
      ["2027-04-06", 0],
      ["2027-04-07", 0],
    ]);
    const aFigures = {
      total: 3,
      successes: 2,
      failures: 1,
      success_rate: 2 / 3,
      avg_duration_ms: 5_000 / 3,
      // From the rollups' sketches: within 1% (0.5% accuracy) of the exact 1,000 and 3,000.
      p50_duration_ms: withinOnePercent(1_000),
      p95_duration_ms: withinOnePercent(3_000),
      input_tokens: null,
      output_tokens: null,
      token_executions: 0,
      cost_usd: null,
      cost_executions: 0,
    };
    expect(forA.summary).toEqual(aFigures);
    // The overall figures are A's and B's only: not the other agent's.
    expect(m.summary).toEqual(aFigures);
    expect(forA.series.map((x) => x.total)).toEqual([1, 2, 0]);
    expect(m.series.map((x) => x.total)).toEqual([1, 2, 0]);
  });
});
