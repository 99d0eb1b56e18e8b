import { describe, expect, it, test } from "vitest";
import {
  bucketDateRange,
  bucketInstantRange,
  nextBucketStart,
  periodDateRange,
  timelineSearch,
} from "./bucket-range.ts";

describe("a bucket's dates for the timeline", () => {
  it("ends a bucket the day before the next one starts", () => {
    expect(bucketDateRange("2026-11-02", "day")).toEqual({ startDate: "2026-11-02", endDate: "2026-11-02" });
    expect(bucketDateRange("2026-11-02", "week")).toEqual({ startDate: "2026-11-02", endDate: "2026-11-08" });
    expect(bucketDateRange("2026-11-30", "week")).toEqual({ startDate: "2026-11-30", endDate: "2026-12-06" });
    expect(bucketDateRange("2026-02-01", "month")).toEqual({ startDate: "2026-02-01", endDate: "2026-02-28" });
    expect(bucketDateRange("2028-02-01", "month")).toEqual({ startDate: "2028-02-01", endDate: "2028-02-29" });
    expect(bucketDateRange("2026-12-01", "month")).toEqual({ startDate: "2026-12-01", endDate: "2026-12-31" });
    expect(nextBucketStart("2026-12-31", "day")).toBe("2027-01-01");
  });

  it("reads a period's instants as local dates of its zone, the end being exclusive", () => {
    // Berlin midnights in UTC (CET, +01:00).
    expect(periodDateRange("2026-10-31T23:00:00.000Z", "2026-11-25T23:00:00.000Z", "Europe/Berlin")).toEqual({
      startDate: "2026-11-01",
      endDate: "2026-11-25",
    });
    expect(periodDateRange("2026-11-01T00:00:00.000Z", "2026-11-25T15:13:29.672Z", "UTC")).toEqual({
      startDate: "2026-11-01",
      endDate: "2026-11-25",
    });
  });

  it("links to the timeline with the dates and, for an agent's series, the agent", () => {
    const range = { startDate: "2026-11-02", endDate: "2026-11-08" };
    expect(timelineSearch(range)).toBe("?start_date=2026-11-02&end_date=2026-11-08");
    expect(timelineSearch(range, ["TestAgent", "CodeAgent"], ["failure"])).toBe(
      "?start_date=2026-11-02&end_date=2026-11-08&agent=TestAgent,CodeAgent&status=failure",
    );
  });
});

describe("bucketInstantRange", () => {
  const series = [
    { label: "2026-10-07", start: "2026-10-06T18:30:00.000Z" },
    { label: "2026-10-08", start: "2026-10-07T18:30:00.000Z" },
  ];
  const period = { start: "2026-10-06T18:30:00.000Z", end: "2026-10-08T18:30:00.000Z" };

  test("a Kolkata day travels as the instants it counts, end inclusive to the ms", () => {
    expect(bucketInstantRange(series, "2026-10-08", period)).toEqual({
      startDate: "2026-10-07T18:30:00.000Z",
      endDate: "2026-10-08T18:29:59.999Z",
    });
  });

  test("a first bucket that starts before the range is clipped to the range start", () => {
    expect(bucketInstantRange(series, "2026-10-07", { ...period, start: "2026-10-07T00:00:00.000Z" })).toEqual({
      startDate: "2026-10-07T00:00:00.000Z",
      endDate: "2026-10-07T18:29:59.999Z",
    });
  });

  test("an unknown label gives no range", () => {
    expect(bucketInstantRange(series, "2026-01-01", period)).toBeNull();
  });
});
