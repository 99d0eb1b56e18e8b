// Bad GET /metrics requests: each is a 400 VALIDATION_FAILED naming the snake_case parameter at
// fault (tz, start_date, end_date, granularity), and the limits right at their edges pass.
import { describe, expect, test } from "../testkit/fixtures.js";
import { addDays, restMetrics, restMetricsError } from "../testkit/metrics.js";
import type { QueryParams } from "../testkit/rest.js";

const AGENT = "Metrics_validation_nobody";
const invalid = (field: string) => ({ status: 400, code: "VALIDATION_FAILED", field });

describe("GET /metrics validation", () => {
  const cases: [string, QueryParams, string][] = [
    ["an unknown time zone", { tz: "Mars/Olympus" }, "tz"],
    ["a city without its region", { tz: "Berlin", start_date: "2026-11-01", end_date: "2026-11-02" }, "tz"],
    ["a start date that does not exist", { start_date: "2026-02-30" }, "start_date"],
    ["a start that is not a date", { start_date: "yesterday" }, "start_date"],
    ["a start with an impossible offset", { start_date: "2026-11-01T10:00:00+25:00" }, "start_date"],
    ["a start in another format", { start_date: "01/11/2026" }, "start_date"],
    ["an end month 13", { end_date: "2026-13-01" }, "end_date"],
    ["an end at hour 24", { start_date: "2026-11-01", end_date: "2026-11-01T24:00" }, "end_date"],
    ["an end with a space for T", { start_date: "2026-11-01", end_date: "2026-11-01 10:00" }, "end_date"],
    ["an end before the start", { start_date: "2026-11-02", end_date: "2026-11-01" }, "end_date"],
    [
      "an end 1 ms before the start (both inclusive: an empty range)",
      { start_date: "2026-11-01T10:00:00.000Z", end_date: "2026-11-01T09:59:59.999Z" },
      "end_date",
    ],
    [
      "an end that is before the start once read in the zone",
      { start_date: "2026-11-01T10:00:00.000Z", end_date: "2026-11-01T10:59:59.999", tz: "Europe/Berlin" },
      "end_date",
    ],
    ["three years of days", { start_date: "2026-01-01", end_date: "2028-12-31" }, "granularity"],
    [
      "three years of days, granularity given",
      { start_date: "2026-01-01", end_date: "2028-12-31", granularity: "day" },
      "granularity",
    ],
    ["a century of months", { start_date: "2000-01-01", end_date: "2099-12-31", granularity: "month" }, "granularity"],
    ["an unknown granularity", { granularity: "hour" }, "granularity"],
    ["a granularity in capitals", { granularity: "Day" }, "granularity"],
    ["an unknown parameter", { start: "2026-11-01" }, "start"],
  ];

  test.for(cases)("%s is refused", async ([, query, field], { api }) => {
    expect(await restMetricsError(api, { agent: AGENT, ...query })).toEqual(invalid(field));
  });

  test("the error message names the snake_case parameter", async ({ api }) => {
    const res = await api.get<{ error: { message: string } }>("/metrics", {
      start_date: "2026-11-02",
      end_date: "2026-11-01",
    });
    expect(res.body.error.message).toContain("end_date");
    expect(res.body.error.message).not.toContain("endDate");
  });

  test("the edges pass: 1000 day buckets, a 1 ms range, a one-day range, an empty tz", async ({ api }) => {
    const ok = (query: QueryParams) => restMetrics(api, { agent: AGENT, ...query }) as Promise<{ series: unknown[] }>;
    expect((await ok({ start_date: "2026-01-01", end_date: addDays("2026-01-01", 999) })).series).toHaveLength(1000);
    expect(
      await restMetricsError(api, { agent: AGENT, start_date: "2026-01-01", end_date: addDays("2026-01-01", 1000) }),
    ).toEqual(invalid("granularity"));
    expect((await ok({ start_date: "2026-01-01", end_date: "2028-12-31", granularity: "week" })).series).toHaveLength(
      157,
    );
    expect((await ok({ start_date: "2026-11-01T10:00:00Z", end_date: "2026-11-01T10:00:00Z" })).series).toHaveLength(1);
    expect((await ok({ start_date: "2026-11-01", end_date: "2026-11-01" })).series).toHaveLength(1);
    // Both inclusive: equal timestamps once the zone is applied are still a 1 ms range.
    expect(
      (await ok({ start_date: "2026-11-01T10:00:00.000Z", end_date: "2026-11-01T11:00", tz: "Europe/Berlin" })).series,
    ).toHaveLength(1);
    const utc = (await ok({ tz: "", start_date: "2026-11-01", end_date: "2026-11-01" })) as { tz?: string };
    expect(utc.tz).toBe("UTC");
  });

  test("years outside 1970–9998 are refused on the field that holds them, never read as 19xx", async ({ api }) => {
    for (const [query, field] of [
      [{ start_date: "0050-01-01", end_date: "2026-03-31" }, "start_date"],
      [{ start_date: "2026-01-01", end_date: "9999-12-31" }, "end_date"],
      [{ start_date: "1969-12-31", end_date: "2026-01-01" }, "start_date"],
    ] as const) {
      const res = await api.get<{ error: { code: string; field?: string } }>("/metrics", {
        agent: AGENT,
        granularity: "month",
        ...query,
      });
      expect([res.status, res.body.error.code, res.body.error.field]).toEqual([400, "VALIDATION_FAILED", field]);
    }
  });

  test("an end on the last ISO date, 9999-12-31, is answered or refused on end_date, never a 500", async ({ api }) => {
    const res = await api.get<{ error?: { code: string; field?: string } }>("/metrics", {
      agent: AGENT,
      start_date: "9999-11-01",
      end_date: "9999-12-31",
      granularity: "month",
    });
    if (res.status === 200) return;
    expect({ status: res.status, code: res.body.error?.code, field: res.body.error?.field }).toEqual(
      invalid("end_date"),
    );
  });
});
