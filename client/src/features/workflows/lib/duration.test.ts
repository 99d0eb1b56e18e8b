import { describe, expect, it } from "vitest";
import { elapsedMs, formatDuration } from "./duration.ts";

describe("formatDuration", () => {
  it("reads short and exact enough at every scale", () => {
    expect(formatDuration(0)).toBe("0 ms");
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(1000)).toBe("1.0 s");
    expect(formatDuration(1290)).toBe("1.2 s");
    expect(formatDuration(12_900)).toBe("12 s");
    expect(formatDuration(60_000)).toBe("1 min");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(formatDuration(3_600_000)).toBe("1 h");
    expect(formatDuration(3_780_000)).toBe("1 h 3 min");
    expect(formatDuration(-1)).toBe("—");
  });
});

describe("elapsedMs", () => {
  const start = "2026-01-01T10:00:00.000Z";
  it("is ended − started, or so far while running, or null before the start", () => {
    expect(elapsedMs(start, "2026-01-01T10:00:02.500Z", 0)).toBe(2500);
    expect(elapsedMs(start, null, Date.parse(start) + 700)).toBe(700);
    expect(elapsedMs(null, null, 0)).toBeNull();
  });
});
