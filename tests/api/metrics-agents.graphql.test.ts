// Which agents `metrics` reports: exactly the requested ones (in name order, zero-execution ones
// included), or without an agent filter those with executions in the range, and the overall
// figures over those agents only.
import { uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import {
  at,
  EMPTY_STATS,
  withinOnePercent,
  expectedMetrics,
  gqlMetrics,
  type MetricsExecution,
  recordAll,
  toGqlMetrics,
} from "../testkit/metrics.js";

describe("metrics agents", () => {
  test("agent: [A, B] returns exactly A and B; B, with no executions, has zeros in every bucket", async ({
    api,
    graphql,
  }) => {
    const [a, b, other] = [uniqueName("Cmp_z"), uniqueName("Cmp_y"), uniqueName("Cmp_x")];
    await recordAll(api, [
      ...at(a, ["2027-04-05T10:00:00.000Z", "2027-04-12T10:00:00.000Z"], "success", 400),
      ...at(a, ["2027-04-13T10:00:00.000Z"], "failure", 800),
      ...at(a, ["2027-04-14T10:00:00.000Z"], "in_progress"),
      ...at(other, ["2027-04-06T10:00:00.000Z", "2027-04-13T10:00:00.000Z"], "failure", 5),
    ]);
    const m = await gqlMetrics(graphql, {
      agent: [a, b],
      startDate: "2027-04-05",
      endDate: "2027-04-18",
      granularity: "WEEK",
    });
    expect(m.agents.map((x) => x.agentName)).toEqual([b, a]);
    const [forB, forA] = m.agents as [(typeof m.agents)[0], (typeof m.agents)[0]];
    expect(forB.summary).toEqual(EMPTY_STATS);
    expect(forB.previous).toEqual(EMPTY_STATS);
    expect(forB.series).toEqual([
      { ...EMPTY_STATS, label: "2027-04-05", start: "2027-04-05T00:00:00.000Z" },
      { ...EMPTY_STATS, label: "2027-04-12", start: "2027-04-12T00:00:00.000Z" },
    ]);
    const aSummary = {
      total: 4,
      successes: 2,
      failures: 1,
      successRate: 2 / 3,
      avgDurationMs: 1_600 / 3,
      // From the rollups' sketches: within 1% (0.5% accuracy) of the exact 400 and 800.
      p50DurationMs: withinOnePercent(400),
      p95DurationMs: withinOnePercent(800),
      // None of them said what it used.
      inputTokens: null,
      outputTokens: null,
      tokenExecutions: 0,
      costUsd: null,
      costExecutions: 0,
    };
    expect(forA.summary).toEqual(aSummary);
    expect(forA.series.map((x) => [x.label, x.total, x.successRate])).toEqual([
      ["2027-04-05", 1, 1],
      ["2027-04-12", 3, 0.5],
    ]);
    // Overall = A + B: the unrequested agent's failures are nowhere.
    expect(m.summary).toEqual(aSummary);
    expect(m.series.map((x) => x.failures)).toEqual([0, 1]);
  });

  test("the list is trimmed, de-duplicated and sorted; an unknown agent is listed with zeros", async ({
    api,
    graphql,
  }) => {
    const [a, b] = [uniqueName("List_b"), uniqueName("List_a")];
    const ghost = uniqueName("Never_recorded");
    await recordAll(api, [...at(a, ["2027-04-20T10:00:00.000Z"]), ...at(b, ["2027-04-21T10:00:00.000Z"])]);
    const m = await gqlMetrics(graphql, {
      agent: [` ${a} `, ghost, b, a],
      startDate: "2027-04-20",
      endDate: "2027-04-21",
    });
    expect(m.agents.map((x) => x.agentName)).toEqual([a, b, ghost].sort());
    expect(m.agents.map((x) => x.summary.total)).toEqual([a, b, ghost].sort().map((n) => (n === ghost ? 0 : 1)));
    expect(m.summary.total).toBe(2);
  });

  test("without an agent filter: the agents with executions in the range, and no others", async ({ api, graphql }) => {
    // A window of its own (no other test of this file records in 2029), so the database holds only these.
    const [inRange, previousOnly, afterOnly] = [uniqueName("In"), uniqueName("Before"), uniqueName("After")];
    const model: MetricsExecution[] = [
      { agent: inRange, status: "success", ts: Date.parse("2029-01-10T10:00:00.000Z"), durationMs: 10 },
      { agent: inRange, status: "failure", ts: Date.parse("2029-01-03T10:00:00.000Z"), durationMs: 30 },
      { agent: previousOnly, status: "success", ts: Date.parse("2029-01-05T10:00:00.000Z"), durationMs: 20 },
      { agent: afterOnly, status: "success", ts: Date.parse("2029-01-16T00:00:00.000Z"), durationMs: 40 },
    ];
    await recordAll(
      api,
      model.flatMap((e) => at(e.agent, [e.ts], e.status, e.durationMs ?? 0)),
    );
    const m = await gqlMetrics(graphql, { startDate: "2029-01-08", endDate: "2029-01-15", granularity: "WEEK" });
    // Only inRange ran between 2029-01-08 and 2029-01-15; previousOnly ran in the previous period only.
    expect(m.agents.map((x) => x.agentName)).toEqual([inRange]);
    expect(m).toEqual(
      toGqlMetrics(
        expectedMetrics(model, {
          start: Date.parse("2029-01-08T00:00:00.000Z"),
          endExclusive: Date.parse("2029-01-16T00:00:00.000Z"),
          granularity: "week",
          tz: "UTC",
        }),
      ),
    );
    // The overall previous period still counts everyone who ran in it.
    expect(m.previous).toMatchObject({ total: 2, successes: 1, failures: 1 });
  });
});
