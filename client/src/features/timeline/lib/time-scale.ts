// Time ↔ pixels for the visible window, and the zoom/pan moves on it. Pure: the chart keeps the
// view in a ref and redraws; tests call these directly.
import type { TimeView } from "./types.ts";

export const MIN_SPAN_MS = 5_000;
export const MAX_SPAN_MS = 3 * 365 * 86_400_000;

export function timeToX(view: TimeView, width: number, ms: number): number {
  return ((ms - view.startMs) / (view.endMs - view.startMs)) * width;
}

export function xToTime(view: TimeView, width: number, x: number): number {
  return view.startMs + (x / width) * (view.endMs - view.startMs);
}

/** Scales the span by `factor` (< 1 zooms in) keeping `anchorMs` at the same pixel. */
export function zoomView(view: TimeView, factor: number, anchorMs: number): TimeView {
  const span = view.endMs - view.startMs;
  const next = Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, span * factor));
  const ratio = (anchorMs - view.startMs) / span;
  const startMs = anchorMs - ratio * next;
  return { startMs, endMs: startMs + next };
}

/** Moves the window by a drag of `dx` pixels (dragging right shows earlier times). */
export function panView(view: TimeView, dx: number, width: number): TimeView {
  const shift = (dx / width) * (view.endMs - view.startMs);
  return { startMs: view.startMs - shift, endMs: view.endMs - shift };
}

/** A window around [startMs, endMs] with a little room on each side, never narrower than the minimum. */
export function fitView(startMs: number, endMs: number, padding = 0.02): TimeView {
  const span = Math.max(MIN_SPAN_MS, endMs - startMs);
  const mid = (startMs + endMs) / 2;
  const half = (span * (1 + 2 * padding)) / 2;
  return { startMs: mid - half, endMs: mid + half };
}

/** "3 d", "5 h", "12 min", "40 s": the span of a view, for the zoom readout. */
export function formatSpan(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, "d"],
    [3_600_000, "h"],
    [60_000, "min"],
    [1000, "s"],
  ];
  for (const [size, unit] of units) {
    if (ms >= size) {
      const n = ms / size;
      return `${n >= 10 ? Math.round(n) : Math.round(n * 10) / 10} ${unit}`;
    }
  }
  return `${Math.round(ms)} ms`;
}
