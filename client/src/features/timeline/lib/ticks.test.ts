import { describe, expect, it } from "vitest";
import { addStep, chooseTickStep, floorToStep, generateTicks } from "./ticks.ts";

const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(y, mo - 1, d, h, mi, s).getTime();
const H = 3_600_000;
const D = 24 * H;

describe("ticks", () => {
  it("adapts the unit to the zoom: minutes, hours, days", () => {
    expect(chooseTickStep(30 * 60_000, 1000).unit).toBe("minute");
    expect(chooseTickStep(12 * H, 1000).unit).toBe("hour");
    expect(chooseTickStep(7 * D, 1000).unit).toBe("day");
    expect(chooseTickStep(20_000, 1000).unit).toBe("second");
  });

  it("keeps ticks at least the minimum spacing apart", () => {
    const view = { startMs: at(2026, 11, 1), endMs: at(2026, 11, 8) };
    const { ticks } = generateTicks(view, 900, 80);
    const px = (ms: number) => ((ms - view.startMs) / (view.endMs - view.startMs)) * 900;
    for (let i = 1; i < ticks.length; i++) {
      expect(px((ticks[i] as { ms: number }).ms) - px((ticks[i - 1] as { ms: number }).ms)).toBeGreaterThanOrEqual(79);
    }
  });

  it("aligns ticks to round local times and labels them in their unit", () => {
    const view = { startMs: at(2026, 11, 3, 10, 7), endMs: at(2026, 11, 3, 22, 0) };
    const { step, ticks, majors } = generateTicks(view, 800, 60);
    expect(step).toMatchObject({ unit: "hour" });
    for (const t of ticks) {
      const d = new Date(t.ms);
      expect(d.getMinutes()).toBe(0);
      expect(d.getHours() % step.count).toBe(0);
    }
    expect(ticks[0]?.label).toMatch(/^\d\d:00$/);
    // The day over hour ticks; the one containing the view starts before it.
    expect(majors[0]?.ms).toBe(at(2026, 11, 3));
    expect(majors[0]?.label).toContain("Nov 2026");
  });

  it("labels day ticks with the date and months above them", () => {
    const view = { startMs: at(2026, 10, 28), endMs: at(2026, 11, 25) };
    const { step, ticks, majors } = generateTicks(view, 1200, 72);
    expect(step.unit).toBe("day");
    expect(ticks.some((t) => t.label === "1 Nov")).toBe(true);
    expect(majors.map((m) => m.label)).toEqual(["October 2026", "November 2026"]);
  });

  it("floors and steps in local time", () => {
    const step = { unit: "minute" as const, count: 15, ms: 15 * 60_000 };
    expect(floorToStep(at(2026, 1, 1, 9, 44, 10), step)).toBe(at(2026, 1, 1, 9, 30));
    expect(addStep(at(2026, 1, 1, 9, 45), step)).toBe(at(2026, 1, 1, 10, 0));
    const week = { unit: "week" as const, count: 1, ms: 7 * D };
    expect(new Date(floorToStep(at(2026, 11, 5, 12), week)).getDay()).toBe(1);
  });

  it("returns no ticks for an empty view and never runs away", () => {
    const { ticks } = generateTicks({ startMs: 0, endMs: 1_000 }, 0);
    expect(ticks.length).toBeLessThanOrEqual(2000);
  });
});
