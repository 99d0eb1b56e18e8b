// Where each visible bar and handoff arrow goes on the canvas, in CSS pixels relative to the
// canvas's top-left corner. Only lanes inside the viewport are laid out, so the cost of a frame
// depends on the window's height, not on how many executions were loaded.
import type { LaneLayout } from "./lanes.ts";
import { statusColor } from "./status-colors.ts";
import { timeToX } from "./time-scale.ts";
import type { TimelineExecution, TimeView } from "./types.ts";

export interface Geometry {
  view: TimeView;
  /** Canvas size in CSS pixels. */
  width: number;
  height: number;
  /** Vertical scroll of the lanes. */
  scrollTop: number;
  rowHeight: number;
  /** The time axis band at the top of the canvas; lanes start below it. */
  axisHeight: number;
  barHeight: number;
  nowMs: number;
  minBarWidth: number;
}

export interface BarBox {
  id: string;
  agentName: string;
  status: string;
  /** The visible part of the bar (clamped to the canvas), so its centre can be clicked. */
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
  lane: number;
  context: boolean;
  /** A rollback's compensation: hatched and outlined in the rollback colour, labelled "rollback". */
  rollback: boolean;
  /** Unclamped ends, for arrows. */
  x0: number;
  x1: number;
}

export interface ArrowPath {
  from: string;
  to: string;
  /** A polyline: down from the parent bar, then right into the child's start. */
  points: [number, number][];
}

/** The end a bar is drawn to: its end, or "now" while it runs (never before its start). */
export function barEndMs(e: TimelineExecution, nowMs: number): number {
  return Math.max(e.startMs, e.endMs ?? nowMs);
}

export function laneTop(lane: number, g: Pick<Geometry, "axisHeight" | "rowHeight" | "scrollTop">): number {
  return g.axisHeight + lane * g.rowHeight - g.scrollTop;
}

/** First and last lane index that intersect the viewport below the axis (empty when last < first). */
export function visibleLaneRange(laneCount: number, g: Geometry): { first: number; last: number } {
  const first = Math.max(0, Math.floor(g.scrollTop / g.rowHeight));
  const last = Math.min(laneCount - 1, Math.floor((g.scrollTop + g.height - g.axisHeight) / g.rowHeight));
  return { first, last };
}

function barBox(e: TimelineExecution, lane: number, g: Geometry): BarBox {
  let x0 = timeToX(g.view, g.width, e.startMs);
  let x1 = timeToX(g.view, g.width, barEndMs(e, g.nowMs));
  if (x1 - x0 < g.minBarWidth) {
    const mid = (x0 + x1) / 2;
    x0 = mid - g.minBarWidth / 2;
    x1 = mid + g.minBarWidth / 2;
  }
  const x = Math.max(x0, 0);
  const right = Math.min(x1, g.width);
  return {
    id: e.id,
    agentName: e.agentName,
    status: e.status,
    x,
    y: laneTop(lane, g) + (g.rowHeight - g.barHeight) / 2,
    width: Math.max(0, right - x),
    height: g.barHeight,
    color: statusColor(e.status),
    lane,
    context: e.context,
    rollback: e.rollback === true,
    x0,
    x1,
  };
}

/** Bars of the visible lanes that overlap the visible time window. */
export function layoutBars(layout: LaneLayout, g: Geometry): BarBox[] {
  const { first, last } = visibleLaneRange(layout.lanes.length, g);
  const bars: BarBox[] = [];
  for (let i = first; i <= last; i++) {
    const lane = layout.lanes[i];
    if (!lane) continue;
    const box = barBox(lane.execution, i, g);
    if (box.x1 >= 0 && box.x0 <= g.width) bars.push(box);
  }
  return bars;
}

/**
 * Handoffs whose path crosses the viewport: into a visible child, out of a visible parent, or
 * passing through from a parent above to a child below (that parent is an ancestor of the first
 * visible lane, since a subtree's lanes are contiguous).
 */
export function layoutArrows(layout: LaneLayout, g: Geometry): ArrowPath[] {
  const { lanes, children } = layout;
  const { first, last } = visibleLaneRange(lanes.length, g);
  if (last < first) return [];
  const pairs: [number, number][] = [];
  for (let c = first; c <= last; c++) {
    const p = lanes[c]?.parent ?? -1;
    if (p >= 0) pairs.push([p, c]);
  }
  for (let p = first; p <= last; p++) for (const c of children[p] ?? []) if (c > last) pairs.push([p, c]);
  for (let a = lanes[first]?.parent ?? -1; a >= 0; a = lanes[a]?.parent ?? -1)
    for (const c of children[a] ?? []) if (c > last) pairs.push([a, c]);

  const arrows: ArrowPath[] = [];
  for (const [p, c] of pairs) {
    const parent = lanes[p]?.execution;
    const child = lanes[c]?.execution;
    if (!parent || !child) continue;
    const arrow = arrowPath(barBox(parent, p, g), barBox(child, c, g), parent, child, g.nowMs);
    const xs = arrow.points.map(([x]) => x);
    if (Math.max(...xs) >= 0 && Math.min(...xs) <= g.width) arrows.push(arrow);
  }
  return arrows;
}

/**
 * From the parent's end when the child started after it (a sequential handoff), else from its
 * start (a delegation while the parent runs): down to the child's lane, then right into its start.
 */
export function arrowPath(
  parentBox: BarBox,
  childBox: BarBox,
  parent: TimelineExecution,
  child: TimelineExecution,
  nowMs: number,
): ArrowPath {
  const fromX = barEndMs(parent, nowMs) <= child.startMs ? parentBox.x1 : parentBox.x0;
  const toX = childBox.x0;
  const topY = parentBox.y + parentBox.height;
  const midY = childBox.y + childBox.height / 2;
  const points: [number, number][] =
    toX - fromX >= 6
      ? [
          [fromX, topY],
          [fromX, midY],
          [toX, midY],
        ]
      : // Too little room for the horizontal leg: come down onto the child's start instead.
        [
          [toX, topY],
          [toX, childBox.y],
        ];
  return { from: parent.id, to: child.id, points };
}

/** The bar under a point, if any (a few pixels of slop: some bars are 3 px wide). */
export function hitTest(bars: readonly BarBox[], x: number, y: number, slop = 3): BarBox | null {
  for (let i = bars.length - 1; i >= 0; i--) {
    const b = bars[i] as BarBox;
    if (y >= b.y - 1 && y <= b.y + b.height + 1 && x >= b.x - slop && x <= b.x + b.width + slop) return b;
  }
  return null;
}
