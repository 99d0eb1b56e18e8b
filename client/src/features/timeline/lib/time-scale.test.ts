import { describe, expect, it } from "vitest";
import { fitView, formatSpan, MIN_SPAN_MS, panView, timeToX, xToTime, zoomView } from "./time-scale.ts";

const view = { startMs: 1_000, endMs: 11_000 };

describe("time scale", () => {
  it("maps the view's ends to the canvas edges and back", () => {
    expect(timeToX(view, 500, 1_000)).toBe(0);
    expect(timeToX(view, 500, 11_000)).toBe(500);
    expect(timeToX(view, 500, 6_000)).toBe(250);
    expect(xToTime(view, 500, 250)).toBe(6_000);
  });

  it("zooms around the anchor, keeping it at the same pixel", () => {
    const wide = { startMs: 0, endMs: 100_000 };
    const zoomed = zoomView(wide, 0.5, 25_000);
    expect(zoomed.endMs - zoomed.startMs).toBe(50_000);
    expect(timeToX(zoomed, 1000, 25_000)).toBeCloseTo(timeToX(wide, 1000, 25_000));
  });

  it("never zooms in past the minimum span", () => {
    const zoomed = zoomView({ startMs: 0, endMs: 10_000 }, 0.0001, 5_000);
    expect(zoomed.endMs - zoomed.startMs).toBe(MIN_SPAN_MS);
  });

  it("pans so that dragging right shows earlier times", () => {
    expect(panView(view, 50, 500)).toEqual({ startMs: 0, endMs: 10_000 });
    expect(panView(view, -50, 500)).toEqual({ startMs: 2_000, endMs: 12_000 });
  });

  it("fits a range with padding", () => {
    const fitted = fitView(0, 100_000, 0.05);
    expect(fitted.startMs).toBeCloseTo(-5_000);
    expect(fitted.endMs).toBeCloseTo(105_000);
  });

  it("formats spans in the largest whole unit", () => {
    expect(formatSpan(7 * 86_400_000)).toBe("7 d");
    expect(formatSpan(90 * 60_000)).toBe("1.5 h");
    expect(formatSpan(30_000)).toBe("30 s");
  });
});
