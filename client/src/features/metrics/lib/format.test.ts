import { describe, expect, it } from "vitest";
import {
  formatBucketLabel,
  formatCount,
  formatDateRange,
  formatDuration,
  formatDurationTick,
  formatRate,
  thinTicks,
} from "./format.ts";

describe("metrics formatting", () => {
  it("writes counts and rates, with a dash for a missing rate", () => {
    expect(formatCount(1015)).toBe("1,015");
    expect(formatRate(0.9211822)).toBe("92.1%");
    expect(formatRate(1)).toBe("100%");
    expect(formatRate(0)).toBe("0%");
    expect(formatRate(null)).toBe("—");
  });

  it("writes durations from milliseconds to hours", () => {
    expect(formatDuration(850.4)).toBe("850 ms");
    expect(formatDuration(12_340)).toBe("12.3 s");
    expect(formatDuration(78_618)).toBe("1 min 19 s");
    expect(formatDuration(120_000)).toBe("2 min");
    expect(formatDuration(3_900_000)).toBe("1 h 5 min");
    expect(formatDuration(7_200_000)).toBe("2 h");
    expect(formatDuration(null)).toBe("—");
  });

  it("keeps axis ticks short", () => {
    expect(formatDurationTick(0)).toBe("0");
    expect(formatDurationTick(500)).toBe("500ms");
    expect(formatDurationTick(30_000)).toBe("30s");
    expect(formatDurationTick(150_000)).toBe("2.5m");
    expect(formatDurationTick(3_600_000)).toBe("1h");
  });

  it("names buckets by their calendar date, whatever the viewer's zone", () => {
    expect(formatBucketLabel("2026-11-02", "day")).toBe("Nov 2");
    expect(formatBucketLabel("2026-11-02", "day", "long")).toBe("Mon, Nov 2, 2026");
    expect(formatBucketLabel("2026-11-02", "week", "long")).toBe("Week of Nov 2, 2026");
    expect(formatBucketLabel("2026-11-01", "month")).toBe("Nov 2026");
    expect(formatBucketLabel("2026-11-01", "month", "long")).toBe("November 2026");
  });

  it("writes a range of dates once per year", () => {
    expect(formatDateRange("2026-10-27", "2026-11-25")).toBe("Oct 27 – Nov 25, 2026");
    expect(formatDateRange("2025-12-30", "2026-01-05")).toBe("Dec 30, 2025 – Jan 5, 2026");
    expect(formatDateRange("2026-11-25", "2026-11-25")).toBe("Nov 25, 2026");
  });

  it("thins a long axis to evenly spaced ticks", () => {
    expect(thinTicks(["a", "b", "c"], 5)).toEqual(["a", "b", "c"]);
    expect(thinTicks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4)).toEqual([1, 4, 7, 10]);
  });
});
