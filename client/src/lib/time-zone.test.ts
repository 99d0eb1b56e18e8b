import { describe, expect, it } from "vitest";
import { addDays, addMonths, isTimeZone, localDate, timeZoneNames } from "./time-zone.ts";

describe("dates in a time zone", () => {
  it("tells the local date of an instant, which differs from UTC's near midnight", () => {
    const instant = Date.parse("2026-11-01T23:30:00Z");
    expect(localDate(instant, "UTC")).toBe("2026-11-01");
    expect(localDate(instant, "Europe/Berlin")).toBe("2026-11-02");
    expect(localDate(instant, "America/New_York")).toBe("2026-11-01");
  });

  it("adds days and months across month and year ends", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(addMonths("2026-12-01", 1)).toBe("2027-01-01");
    expect(addMonths("2026-03-01", -1)).toBe("2026-02-01");
  });

  it("knows valid zone names and lists UTC first", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Nowhere/Atlantis")).toBe(false);
    expect(timeZoneNames()[0]).toBe("UTC");
  });
});
