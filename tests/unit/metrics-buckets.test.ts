// Calendar buckets of the metrics (`buckets()`): ISO weeks across a year boundary, month lengths,
// days of 23 and 25 hours at DST changes, clipping to the range, and the bucket limit. Expected
// instants are written out by hand from the zone rules, not computed.
import { describe, expect, test } from "vitest";
import { ValidationError } from "../../server/errors.js";
import { buckets, MAX_BUCKETS } from "../../server/modules/metrics/metrics.buckets.js";

const H = 3_600_000;
const DAY = 24 * H;

type Granularity = Parameters<typeof buckets>[2];

/** `[label, start, lo, hi]` per bucket, instants as ISO strings. */
function table(start: string, end: string, g: Granularity, tz: string) {
  return buckets(new Date(start), new Date(end), g, tz).map((b) => [
    b.label,
    b.start.toISOString(),
    b.lo.toISOString(),
    b.hi.toISOString(),
  ]);
}

/** Hours of each bucket's [lo, hi). */
const hours = (start: string, end: string, g: Granularity, tz: string) =>
  buckets(new Date(start), new Date(end), g, tz).map((b) => (b.hi.getTime() - b.lo.getTime()) / H);

describe("buckets()", () => {
  test("UTC days: every day present, the first and last clipped to the range, start the calendar start", () => {
    expect(table("2026-11-01T06:00:00.000Z", "2026-11-03T18:30:00.000Z", "day", "UTC")).toEqual([
      ["2026-11-01", "2026-11-01T00:00:00.000Z", "2026-11-01T06:00:00.000Z", "2026-11-02T00:00:00.000Z"],
      ["2026-11-02", "2026-11-02T00:00:00.000Z", "2026-11-02T00:00:00.000Z", "2026-11-03T00:00:00.000Z"],
      ["2026-11-03", "2026-11-03T00:00:00.000Z", "2026-11-03T00:00:00.000Z", "2026-11-03T18:30:00.000Z"],
    ]);
  });

  test("a range ending exactly at midnight has no empty bucket after it; a 1 ms range has one bucket", () => {
    expect(table("2026-11-01T00:00:00.000Z", "2026-11-03T00:00:00.000Z", "day", "UTC").map((b) => b[0])).toEqual([
      "2026-11-01",
      "2026-11-02",
    ]);
    expect(table("2026-11-02T23:59:59.999Z", "2026-11-03T00:00:00.000Z", "day", "UTC")).toEqual([
      ["2026-11-02", "2026-11-02T00:00:00.000Z", "2026-11-02T23:59:59.999Z", "2026-11-03T00:00:00.000Z"],
    ]);
  });

  test("ISO weeks start on Monday: the week of 2026-12-28 holds 2027-01-01", () => {
    expect(table("2026-12-24T00:00:00.000Z", "2027-01-12T00:00:00.000Z", "week", "UTC")).toEqual([
      // 2026-12-24 is a Thursday: its week starts on Monday 2026-12-21, before the range.
      ["2026-12-21", "2026-12-21T00:00:00.000Z", "2026-12-24T00:00:00.000Z", "2026-12-28T00:00:00.000Z"],
      ["2026-12-28", "2026-12-28T00:00:00.000Z", "2026-12-28T00:00:00.000Z", "2027-01-04T00:00:00.000Z"],
      ["2027-01-04", "2027-01-04T00:00:00.000Z", "2027-01-04T00:00:00.000Z", "2027-01-11T00:00:00.000Z"],
      ["2027-01-11", "2027-01-11T00:00:00.000Z", "2027-01-11T00:00:00.000Z", "2027-01-12T00:00:00.000Z"],
    ]);
  });

  test("a range starting on a Sunday starts in the week of the Monday before", () => {
    // 2027-01-03 is a Sunday; 2027-01-04 a Monday.
    expect(table("2027-01-03T00:00:00.000Z", "2027-01-05T00:00:00.000Z", "week", "UTC").map((b) => b[0])).toEqual([
      "2026-12-28",
      "2027-01-04",
    ]);
  });

  test("months have their own lengths: 28-day February 2027, 29-day February 2028", () => {
    const days = (start: string, end: string) => hours(start, end, "month", "UTC").map((h) => h / 24);
    expect(days("2027-01-01T00:00:00.000Z", "2028-01-01T00:00:00.000Z")).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(days("2028-02-01T00:00:00.000Z", "2028-03-01T00:00:00.000Z")).toEqual([29]);
    expect(table("2027-01-15T00:00:00.000Z", "2027-03-02T00:00:00.000Z", "month", "UTC")).toEqual([
      ["2027-01-01", "2027-01-01T00:00:00.000Z", "2027-01-15T00:00:00.000Z", "2027-02-01T00:00:00.000Z"],
      ["2027-02-01", "2027-02-01T00:00:00.000Z", "2027-02-01T00:00:00.000Z", "2027-03-01T00:00:00.000Z"],
      ["2027-03-01", "2027-03-01T00:00:00.000Z", "2027-03-01T00:00:00.000Z", "2027-03-02T00:00:00.000Z"],
    ]);
  });

  test("months across a year boundary, and in a +05:30 zone", () => {
    expect(table("2026-11-20T00:00:00.000Z", "2027-01-10T00:00:00.000Z", "month", "UTC").map((b) => b[0])).toEqual([
      "2026-11-01",
      "2026-12-01",
      "2027-01-01",
    ]);
    // Kolkata midnight is 18:30 UTC the day before.
    expect(table("2027-01-31T18:30:00.000Z", "2027-03-31T18:30:00.000Z", "month", "Asia/Kolkata")).toEqual([
      ["2027-02-01", "2027-01-31T18:30:00.000Z", "2027-01-31T18:30:00.000Z", "2027-02-28T18:30:00.000Z"],
      ["2027-03-01", "2027-02-28T18:30:00.000Z", "2027-02-28T18:30:00.000Z", "2027-03-31T18:30:00.000Z"],
    ]);
  });

  test("Europe/Berlin: 2026-03-29 is 23 hours long, 2026-10-25 is 25 hours long", () => {
    expect(table("2026-03-27T23:00:00.000Z", "2026-03-30T22:00:00.000Z", "day", "Europe/Berlin")).toEqual([
      ["2026-03-28", "2026-03-27T23:00:00.000Z", "2026-03-27T23:00:00.000Z", "2026-03-28T23:00:00.000Z"],
      ["2026-03-29", "2026-03-28T23:00:00.000Z", "2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"],
      ["2026-03-30", "2026-03-29T22:00:00.000Z", "2026-03-29T22:00:00.000Z", "2026-03-30T22:00:00.000Z"],
    ]);
    expect(table("2026-10-23T22:00:00.000Z", "2026-10-26T23:00:00.000Z", "day", "Europe/Berlin")).toEqual([
      ["2026-10-24", "2026-10-23T22:00:00.000Z", "2026-10-23T22:00:00.000Z", "2026-10-24T22:00:00.000Z"],
      ["2026-10-25", "2026-10-24T22:00:00.000Z", "2026-10-24T22:00:00.000Z", "2026-10-25T23:00:00.000Z"],
      ["2026-10-26", "2026-10-25T23:00:00.000Z", "2026-10-25T23:00:00.000Z", "2026-10-26T23:00:00.000Z"],
    ]);
    expect(hours("2026-03-27T23:00:00.000Z", "2026-03-30T22:00:00.000Z", "day", "Europe/Berlin")).toEqual([24, 23, 24]);
    expect(hours("2026-10-23T22:00:00.000Z", "2026-10-26T23:00:00.000Z", "day", "Europe/Berlin")).toEqual([24, 25, 24]);
  });

  test("Europe/Berlin weeks and months containing a DST change are an hour short or long", () => {
    // Week of Monday 2026-10-19 contains 2026-10-25; March 2026 contains 2026-03-29.
    expect(table("2026-10-18T22:00:00.000Z", "2026-11-01T23:00:00.000Z", "week", "Europe/Berlin")).toEqual([
      ["2026-10-19", "2026-10-18T22:00:00.000Z", "2026-10-18T22:00:00.000Z", "2026-10-25T23:00:00.000Z"],
      ["2026-10-26", "2026-10-25T23:00:00.000Z", "2026-10-25T23:00:00.000Z", "2026-11-01T23:00:00.000Z"],
    ]);
    expect(hours("2026-10-18T22:00:00.000Z", "2026-11-01T23:00:00.000Z", "week", "Europe/Berlin")).toEqual([
      7 * 24 + 1,
      7 * 24,
    ]);
    expect(table("2026-02-28T23:00:00.000Z", "2026-04-30T22:00:00.000Z", "month", "Europe/Berlin")).toEqual([
      ["2026-03-01", "2026-02-28T23:00:00.000Z", "2026-02-28T23:00:00.000Z", "2026-03-31T22:00:00.000Z"],
      ["2026-04-01", "2026-03-31T22:00:00.000Z", "2026-03-31T22:00:00.000Z", "2026-04-30T22:00:00.000Z"],
    ]);
  });

  test("America/New_York: 2026-03-08 is 23 hours, 2026-11-01 is 25 hours", () => {
    expect(hours("2026-03-07T05:00:00.000Z", "2026-03-10T04:00:00.000Z", "day", "America/New_York")).toEqual([
      24, 23, 24,
    ]);
    expect(table("2026-10-31T04:00:00.000Z", "2026-11-03T05:00:00.000Z", "day", "America/New_York")).toEqual([
      ["2026-10-31", "2026-10-31T04:00:00.000Z", "2026-10-31T04:00:00.000Z", "2026-11-01T04:00:00.000Z"],
      ["2026-11-01", "2026-11-01T04:00:00.000Z", "2026-11-01T04:00:00.000Z", "2026-11-02T05:00:00.000Z"],
      ["2026-11-02", "2026-11-02T05:00:00.000Z", "2026-11-02T05:00:00.000Z", "2026-11-03T05:00:00.000Z"],
    ]);
  });

  test("a zone whose DST starts at midnight: the day starts at the first instant that exists (01:00)", () => {
    // America/Santiago skips from 2026-09-05 24:00 (-04) to 2026-09-06 01:00 (-03), at 04:00 UTC.
    // 2026-09-05 is 24 hours long (04:00Z to 04:00Z); 2026-09-06 starts at 04:00Z and is 23 hours.
    expect(table("2026-09-05T04:00:00.000Z", "2026-09-07T03:00:00.000Z", "day", "America/Santiago")).toEqual([
      ["2026-09-05", "2026-09-05T04:00:00.000Z", "2026-09-05T04:00:00.000Z", "2026-09-06T04:00:00.000Z"],
      ["2026-09-06", "2026-09-06T04:00:00.000Z", "2026-09-06T04:00:00.000Z", "2026-09-07T03:00:00.000Z"],
    ]);
  });

  test("buckets tile the range: contiguous, no gaps or overlaps, from start to end", () => {
    const cases: [string, string, Granularity, string][] = [
      ["2026-01-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z", "day", "Europe/Berlin"],
      ["2026-01-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z", "week", "America/New_York"],
      ["2026-01-01T00:00:00.000Z", "2028-01-01T00:00:00.000Z", "month", "Asia/Kolkata"],
      ["2026-03-01T12:34:56.789Z", "2026-11-05T01:02:03.004Z", "week", "Europe/Berlin"],
    ];
    for (const [start, end, g, tz] of cases) {
      const list = buckets(new Date(start), new Date(end), g, tz);
      expect(list[0]?.lo.toISOString()).toBe(start);
      expect(list[list.length - 1]?.hi.toISOString()).toBe(end);
      for (const [i, b] of list.entries()) {
        expect(b.lo.getTime()).toBeLessThan(b.hi.getTime());
        expect(b.start.getTime()).toBeLessThanOrEqual(b.lo.getTime());
        if (i > 0) expect(b.lo.getTime()).toBe(list[i - 1]?.hi.getTime());
      }
      expect(new Set(list.map((b) => b.label)).size).toBe(list.length);
    }
  });

  test(`at most ${MAX_BUCKETS} buckets: exactly ${MAX_BUCKETS} days pass, one more is a ValidationError on granularity`, () => {
    const start = Date.UTC(2026, 0, 1);
    expect(buckets(new Date(start), new Date(start + MAX_BUCKETS * DAY), "day", "UTC")).toHaveLength(MAX_BUCKETS);
    let error: unknown;
    try {
      buckets(new Date(start), new Date(start + (MAX_BUCKETS + 1) * DAY), "day", "UTC");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe("granularity");
    // The same three years in weeks or months are well within the limit.
    expect(buckets(new Date(start), new Date(start + 3 * 365 * DAY), "week", "UTC")).toHaveLength(157);
    expect(buckets(new Date(start), new Date(start + 3 * 365 * DAY), "month", "UTC")).toHaveLength(36);
  });
});
