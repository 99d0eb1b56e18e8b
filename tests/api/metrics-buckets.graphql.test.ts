// Bucket boundaries through the `metrics` query: an ISO week across a year boundary, months of
// 28, 29 and 31 days, days of 23 and 25 hours at DST changes, a +05:30 month boundary, and a zone
// whose DST starts at midnight. Executions sit on the last millisecond of a bucket and the first of
// the next; expected instants are written out from the zone rules.
import { uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { at, type GqlMetrics, gqlMetrics, recordAll } from "../testkit/metrics.js";

/** `[label, start, total]` per bucket. */
const table = (m: GqlMetrics) => m.series.map((b) => [b.label, b.start, b.total]);

describe("metrics buckets", () => {
  test("ISO weeks: the week labelled 2026-12-28 (a Monday) holds 2027-01-01", async ({ api, graphql }) => {
    const agent = uniqueName("Weeks");
    await recordAll(
      api,
      at(agent, [
        "2026-12-27T23:59:59.999Z", // Sunday: the week of 2026-12-21
        "2026-12-28T00:00:00.000Z",
        "2027-01-01T12:00:00.000Z",
        "2027-01-03T23:59:59.999Z",
        "2027-01-04T00:00:00.000Z", // Monday: the next week
      ]),
    );
    const m = await gqlMetrics(graphql, {
      agent: [agent],
      startDate: "2026-12-20",
      endDate: "2027-01-10",
      granularity: "WEEK",
    });
    expect(table(m)).toEqual([
      // 2026-12-20 is a Sunday: its week began on Monday 2026-12-14, before the range.
      ["2026-12-14", "2026-12-14T00:00:00.000Z", 0],
      ["2026-12-21", "2026-12-21T00:00:00.000Z", 1],
      ["2026-12-28", "2026-12-28T00:00:00.000Z", 3],
      ["2027-01-04", "2027-01-04T00:00:00.000Z", 1],
    ]);
    expect(m.summary.total).toBe(5);
  });

  test("months: 31-day January, 28-day February 2027, 29-day February 2028", async ({ api, graphql }) => {
    const agent = uniqueName("Months");
    await recordAll(
      api,
      at(agent, [
        "2027-01-31T23:59:59.999Z",
        "2027-02-01T00:00:00.000Z",
        "2027-02-28T23:59:59.999Z",
        "2027-03-01T00:00:00.000Z",
        "2028-02-29T12:00:00.000Z",
        "2028-02-29T23:59:59.999Z",
        "2028-03-01T00:00:00.000Z",
      ]),
    );
    const m = await gqlMetrics(graphql, {
      agent: [agent],
      startDate: "2027-01-01",
      endDate: "2028-03-31",
      granularity: "MONTH",
    });
    expect(m.series.map((b) => b.label)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, "0")}-01`),
      "2028-01-01",
      "2028-02-01",
      "2028-03-01",
    ]);
    expect(table(m).filter(([, , total]) => total !== 0)).toEqual([
      ["2027-01-01", "2027-01-01T00:00:00.000Z", 1],
      ["2027-02-01", "2027-02-01T00:00:00.000Z", 2],
      ["2027-03-01", "2027-03-01T00:00:00.000Z", 1],
      ["2028-02-01", "2028-02-01T00:00:00.000Z", 2],
      ["2028-03-01", "2028-03-01T00:00:00.000Z", 1],
    ]);
  });

  test("months in Asia/Kolkata (+05:30) turn at 18:30 UTC", async ({ api, graphql }) => {
    const agent = uniqueName("Kolkata");
    await recordAll(api, at(agent, ["2027-02-28T18:29:59.999Z", "2027-02-28T18:30:00.000Z"]));
    const m = await gqlMetrics(graphql, {
      agent: [agent],
      startDate: "2027-02-01",
      endDate: "2027-03-31",
      granularity: "MONTH",
      tz: "Asia/Kolkata",
    });
    expect([m.start, m.end]).toEqual(["2027-01-31T18:30:00.000Z", "2027-03-31T18:30:00.000Z"]);
    expect(table(m)).toEqual([
      ["2027-02-01", "2027-01-31T18:30:00.000Z", 1],
      ["2027-03-01", "2027-02-28T18:30:00.000Z", 1],
    ]);
  });

  test("Europe/Berlin DST: 2026-03-29 is 23 hours, 2026-10-25 is 25 hours", async ({ api, graphql }) => {
    const agent = uniqueName("Berlin");
    await recordAll(
      api,
      at(agent, [
        "2026-03-29T21:59:59.999Z", // 23:59:59.999 CEST on the 29th
        "2026-03-29T22:00:00.000Z", // 00:00 CEST on the 30th
        "2026-10-25T22:30:00.000Z", // 23:30 CET on the 25th: a naive +2 h would say the 26th
        "2026-10-25T23:30:00.000Z", // 00:30 CET on the 26th
      ]),
    );
    const spring = await gqlMetrics(graphql, {
      agent: [agent],
      startDate: "2026-03-28",
      endDate: "2026-03-30",
      tz: "Europe/Berlin",
    });
    expect(table(spring)).toEqual([
      ["2026-03-28", "2026-03-27T23:00:00.000Z", 0],
      ["2026-03-29", "2026-03-28T23:00:00.000Z", 1],
      ["2026-03-30", "2026-03-29T22:00:00.000Z", 1],
    ]);
    expect(spring.end).toBe("2026-03-30T22:00:00.000Z");
    const autumn = await gqlMetrics(graphql, {
      agent: [agent],
      startDate: "2026-10-24",
      endDate: "2026-10-26",
      tz: "Europe/Berlin",
    });
    expect(table(autumn)).toEqual([
      ["2026-10-24", "2026-10-23T22:00:00.000Z", 0],
      ["2026-10-25", "2026-10-24T22:00:00.000Z", 1],
      ["2026-10-26", "2026-10-25T23:00:00.000Z", 1],
    ]);
    expect(autumn.end).toBe("2026-10-26T23:00:00.000Z");
    // The week holding the autumn change is 7 days and one hour.
    const week = await gqlMetrics(graphql, {
      agent: [agent],
      startDate: "2026-10-19",
      endDate: "2026-11-01",
      granularity: "WEEK",
      tz: "Europe/Berlin",
    });
    expect(table(week)).toEqual([
      ["2026-10-19", "2026-10-18T22:00:00.000Z", 1],
      ["2026-10-26", "2026-10-25T23:00:00.000Z", 1],
    ]);
  });

  test("a zone whose DST starts at midnight: the day begins at the first local time that exists", async ({
    api,
    graphql,
  }) => {
    // America/Santiago jumps from 2026-09-05 24:00 (-04) to 2026-09-06 01:00 (-03) at 04:00 UTC,
    // so 03:30 UTC is 23:30 on the 5th and the 6th begins at 04:00 UTC.
    const agent = uniqueName("Santiago");
    await recordAll(api, at(agent, ["2026-09-06T03:30:00.000Z", "2026-09-06T04:00:00.000Z"]));
    const m = await gqlMetrics(graphql, {
      agent: [agent],
      startDate: "2026-09-05",
      endDate: "2026-09-06",
      tz: "America/Santiago",
    });
    expect([m.start, m.end]).toEqual(["2026-09-05T04:00:00.000Z", "2026-09-07T03:00:00.000Z"]);
    expect(table(m)).toEqual([
      ["2026-09-05", "2026-09-05T04:00:00.000Z", 1],
      ["2026-09-06", "2026-09-06T04:00:00.000Z", 1],
    ]);
  });
});
