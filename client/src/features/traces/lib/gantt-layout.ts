// Where the trace Gantt puts things, in CSS pixels of the chart area (right of the label column):
// a time axis relative to the tree's start, one row per execution, bars with a minimum width and
// their duration written on or beside them, and handoff arrows. Pure: tests call these directly.
import { statusColor } from "../../timeline/lib/status-colors.ts";
import type { TraceRow } from "./trace-model.ts";

/** The visible time window, epoch milliseconds. */
export interface GanttView {
  startMs: number;
  endMs: number;
}

export const MIN_BAR_WIDTH = 4;
/** Room taken by a duration label outside a bar: text width plus this gap. */
const LABEL_GAP = 4;

export interface GanttBar {
  id: string;
  row: number;
  /** Ends after the minimum width is applied (unclamped: may lie outside the chart). */
  x0: number;
  x1: number;
  color: string;
  /** The duration written for it ("1.2 s", "running"). */
  label: string;
  /** Inside the bar (white), to its right, or to its left (when the right has no room). */
  labelAt: "inside" | "right" | "left";
  labelX: number;
}

export interface GanttArrow {
  from: string;
  to: string;
  fromRow: number;
  toRow: number;
  /** x of the vertical leg and of the child's start. */
  x: number;
  toX: number;
}

/** "0 ms", "850 ms", "1.2 s", "3 min 5 s", "2 h 10 min": a duration as short as it stays exact enough. */
export function shortMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${trim(ms / 1000)} s`;
  if (ms < 3_600_000) {
    const m = Math.floor(ms / 60_000);
    const s = Math.round((ms % 60_000) / 1000);
    return s ? `${m} min ${s} s` : `${m} min`;
  }
  const h = Math.floor(ms / 3_600_000);
  const m = Math.round((ms % 3_600_000) / 60_000);
  return m ? `${h} h ${m} min` : `${h} h`;
}

const trim = (n: number) => (n >= 10 ? String(Math.round(n)) : String(Math.round(n * 10) / 10));

/** The tree from its first start to its last end (unfinished ones end `nowMs`), with 2% room each side. */
export function fitTree(rows: readonly TraceRow[], nowMs: number): GanttView {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const { span } of rows) {
    start = Math.min(start, span.startMs);
    end = Math.max(end, span.endMs ?? nowMs, span.startMs);
  }
  if (!Number.isFinite(start)) return { startMs: nowMs - 1000, endMs: nowMs };
  const span = Math.max(1, end - start);
  return { startMs: start - span * 0.02, endMs: end + span * 0.02 };
}

export const toX = (view: GanttView, width: number, ms: number) =>
  ((ms - view.startMs) / (view.endMs - view.startMs)) * width;

/** Scales the window by `factor` (< 1 zooms in) around `anchorMs`; never narrower than 1 ms. */
export function zoomGantt(view: GanttView, factor: number, anchorMs: number): GanttView {
  const span = view.endMs - view.startMs;
  const next = Math.max(1, span * factor);
  const ratio = (anchorMs - view.startMs) / span;
  const startMs = anchorMs - ratio * next;
  return { startMs, endMs: startMs + next };
}

/**
 * Every row's bar: `measure` gives a label's width in pixels (the canvas's measureText; tests pass
 * a fixed-width stand-in). A label goes inside when it fits with 4 px each side, else to the right
 * when it fits before the chart's edge, else to the left.
 */
export function layoutGantt(
  rows: readonly TraceRow[],
  view: GanttView,
  width: number,
  nowMs: number,
  measure: (text: string) => number,
): GanttBar[] {
  return rows.map(({ span }, row) => {
    let x0 = toX(view, width, span.startMs);
    let x1 = toX(view, width, Math.max(span.startMs, span.endMs ?? nowMs));
    if (x1 - x0 < MIN_BAR_WIDTH) {
      const mid = (x0 + x1) / 2;
      x0 = mid - MIN_BAR_WIDTH / 2;
      x1 = mid + MIN_BAR_WIDTH / 2;
    }
    const label = span.endMs === null ? `running ${shortMs(nowMs - span.startMs)}` : shortMs(span.endMs - span.startMs);
    const w = measure(label);
    let labelAt: GanttBar["labelAt"];
    let labelX: number;
    if (w + 8 <= x1 - x0) {
      labelAt = "inside";
      labelX = x0 + 4;
    } else if (x1 + LABEL_GAP + w <= width) {
      labelAt = "right";
      labelX = x1 + LABEL_GAP;
    } else {
      labelAt = "left";
      labelX = x0 - LABEL_GAP - w;
    }
    return { id: span.id, row, x0, x1, color: statusColor(span.status), label, labelAt, labelX };
  });
}

/**
 * One arrow per handoff: from the parent's end when the child started after it (a sequential
 * handoff), else from the child's start inside the parent (a delegation), down to the child's row.
 */
export function layoutArrows(rows: readonly TraceRow[], bars: readonly GanttBar[], nowMs: number): GanttArrow[] {
  const arrows: GanttArrow[] = [];
  rows.forEach(({ span, parent }, row) => {
    if (parent < 0) return;
    const p = rows[parent]?.span;
    const pb = bars[parent];
    const cb = bars[row];
    if (!p || !pb || !cb) return;
    const sequential = (p.endMs ?? nowMs) <= span.startMs;
    arrows.push({ from: p.id, to: span.id, fromRow: parent, toRow: row, x: sequential ? pb.x1 : cb.x0, toX: cb.x0 });
  });
  return arrows;
}

/** Axis ticks relative to the tree's start: a 1-2-5 step keeping labels `minSpacing` px apart. */
export function relativeTicks(view: GanttView, width: number, originMs: number, minSpacing = 80) {
  const span = view.endMs - view.startMs;
  const raw = (span / Math.max(1, width)) * minSpacing;
  const pow = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-3)));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const ticks: { ms: number; label: string }[] = [];
  const first = Math.ceil((view.startMs - originMs) / step) * step;
  for (let t = first; originMs + t <= view.endMs; t += step) {
    ticks.push({ ms: originMs + t, label: t === 0 ? "0" : `${t < 0 ? "−" : "+"}${shortMs(Math.abs(t))}` });
  }
  return ticks;
}

/** The bar under a point of row `row` (a few pixels of slop: bars may be 4 px wide). */
export function barAt(bars: readonly GanttBar[], row: number, x: number, slop = 3): GanttBar | null {
  const b = bars[row];
  return b && x >= b.x0 - slop && x <= b.x1 + slop ? b : null;
}
