import { describe, expect, it } from "vitest";
import { DAY_RANGE_PRESETS, dateInputValue, matchPreset, presetStart, rangeEndMs, rangeStartMs } from "./date-range.ts";

const now = Date.parse("2026-11-25T14:45:30.000Z");

describe("date ranges", () => {
  it("turns presets into start dates: a timestamp for 24h, whole days otherwise", () => {
    expect(presetStart("24h", now)).toBe("2026-11-24T14:45:00.000Z");
    expect(presetStart("7d", now)).toBe("2026-11-19");
    expect(presetStart("30d", now)).toBe("2026-10-27");
    expect(presetStart("90d", now)).toBe("2026-08-28");
  });

  it("counts whole days in the given zone, where today may already be tomorrow", () => {
    const lateEvening = Date.parse("2026-11-25T23:30:00.000Z");
    expect(presetStart("7d", lateEvening, "UTC")).toBe("2026-11-19");
    expect(presetStart("7d", lateEvening, "Asia/Tokyo")).toBe("2026-11-20");
  });

  it("recognises a preset, the 24h one for a while after it was chosen", () => {
    expect(matchPreset("2026-11-19", "", now)).toBe("7d");
    expect(matchPreset("2026-11-24T14:40:00.000Z", "", now)).toBe("24h");
    expect(matchPreset("2026-11-19", "2026-11-20", now)).toBeNull();
    expect(matchPreset("2026-08-28", "", now, DAY_RANGE_PRESETS)).toBe("90d");
    expect(matchPreset("2026-08-28", "", now)).toBeNull();
  });

  it("reads a date-only end as the whole day", () => {
    expect(rangeStartMs("2026-11-01")).toBe(Date.parse("2026-11-01T00:00:00Z"));
    expect(rangeEndMs("2026-11-01")).toBe(Date.parse("2026-11-02T00:00:00Z"));
    expect(rangeEndMs("")).toBeNull();
    expect(rangeStartMs("nope")).toBeNull();
  });

  it("shows the date part of a timestamp in a date input, in the zone when one is given", () => {
    expect(dateInputValue("2026-11-24T14:45:00.000Z")).toBe("2026-11-24");
    expect(dateInputValue("2026-11-24")).toBe("2026-11-24");
    expect(dateInputValue("2026-11-24T20:00:00.000Z", "Asia/Tokyo")).toBe("2026-11-25");
  });
});
