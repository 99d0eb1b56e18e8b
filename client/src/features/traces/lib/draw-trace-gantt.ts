// Paints one frame of the trace Gantt on a 2D canvas: the label column (agent names indented by
// depth), the relative time axis, then for the rows in view their search band, handoff arrows,
// bars, critical-path outline and duration labels. Only rows inside the viewport are painted, so a
// frame costs the window's height, not the tree's size.
import { CANVAS_PALETTE_TOKENS, type CanvasPalette } from "../../../lib/canvas-palette.ts";
import type { GanttArrow, GanttBar, GanttView } from "./gantt-layout.ts";
import { toX } from "./gantt-layout.ts";
import type { TraceRow } from "./trace-model.ts";

export interface GanttGeometry {
  width: number;
  height: number;
  /** Width of the label column at the left; the chart starts after it. */
  labelWidth: number;
  chartWidth: number;
  axisHeight: number;
  rowHeight: number;
  barHeight: number;
  scrollTop: number;
}

export interface GanttFrame {
  rows: readonly TraceRow[];
  bars: readonly GanttBar[];
  arrows: readonly GanttArrow[];
  ticks: readonly { ms: number; label: string }[];
  view: GanttView;
  selectedId: string | null;
  critical: ReadonlySet<string>;
  /** Search matches; null when nothing is searched (no row is dimmed). */
  matches: ReadonlySet<string> | null;
  palette: GanttPalette;
}

/** The colours of the theme in force: the canvas painters' common tokens and the trace view's own. */
export interface GanttPalette extends CanvasPalette {
  critical: string;
  matchBand: string;
}

export const GANTT_PALETTE_TOKENS: Record<keyof GanttPalette, `--${string}`> = {
  ...CANVAS_PALETTE_TOKENS,
  critical: "--critical",
  matchBand: "--match-band",
};
const FONT = "500 11px Inter, ui-sans-serif, system-ui, sans-serif";

export function visibleRows(count: number, g: GanttGeometry) {
  const first = Math.max(0, Math.floor(g.scrollTop / g.rowHeight));
  const last = Math.min(count - 1, Math.floor((g.scrollTop + g.height - g.axisHeight) / g.rowHeight));
  return { first, last };
}

const rowTop = (row: number, g: GanttGeometry) => g.axisHeight + row * g.rowHeight - g.scrollTop;

export function drawTraceGantt(ctx: CanvasRenderingContext2D, dpr: number, g: GanttGeometry, f: GanttFrame) {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, g.width, g.height);
  ctx.font = FONT;
  ctx.textBaseline = "middle";
  const { first, last } = visibleRows(f.rows.length, g);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, g.axisHeight, g.width, g.height - g.axisHeight);
  ctx.clip();
  for (let i = first; i <= last; i++) drawRowBack(ctx, g, f, i);
  ctx.save();
  ctx.translate(g.labelWidth, 0);
  ctx.beginPath();
  ctx.rect(0, g.axisHeight, g.chartWidth, g.height - g.axisHeight);
  ctx.clip();
  drawGrid(ctx, g, f);
  drawArrows(ctx, g, f, first, last);
  for (let i = first; i <= last; i++) drawBar(ctx, g, f, i);
  ctx.restore();
  for (let i = first; i <= last; i++) drawLabel(ctx, g, f, i);
  ctx.restore();
  drawAxis(ctx, g, f);
}

function drawRowBack(ctx: CanvasRenderingContext2D, g: GanttGeometry, f: GanttFrame, i: number) {
  const id = f.rows[i]?.span.id as string;
  const p = f.palette;
  const fill = id === f.selectedId ? p.laneSelected : f.matches?.has(id) ? p.matchBand : i % 2 ? p.laneShaded : null;
  if (!fill) return;
  ctx.fillStyle = fill;
  ctx.fillRect(0, rowTop(i, g), g.width, g.rowHeight);
}

function drawGrid(ctx: CanvasRenderingContext2D, g: GanttGeometry, f: GanttFrame) {
  ctx.strokeStyle = f.palette.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const t of f.ticks) {
    const x = Math.round(toX(f.view, g.chartWidth, t.ms)) + 0.5;
    ctx.moveTo(x, g.axisHeight);
    ctx.lineTo(x, g.height);
  }
  ctx.stroke();
}

function drawArrows(ctx: CanvasRenderingContext2D, g: GanttGeometry, f: GanttFrame, first: number, last: number) {
  ctx.strokeStyle = f.palette.arrow;
  ctx.fillStyle = f.palette.arrow;
  ctx.lineWidth = 1;
  const half = g.rowHeight / 2;
  for (const a of f.arrows) {
    // A handoff is drawn when its vertical leg crosses the rows in view.
    if (a.toRow < first || a.fromRow > last) continue;
    const top = rowTop(a.fromRow, g) + (g.rowHeight + g.barHeight) / 2;
    const y = rowTop(a.toRow, g) + half;
    ctx.beginPath();
    ctx.moveTo(a.x, top);
    ctx.lineTo(a.x, y);
    if (a.toX - a.x >= 6) ctx.lineTo(a.toX, y);
    ctx.stroke();
    const tipX = a.toX - a.x >= 6 ? a.toX : a.x;
    const tipY = a.toX - a.x >= 6 ? y : rowTop(a.toRow, g) + (g.rowHeight - g.barHeight) / 2;
    ctx.beginPath();
    if (a.toX - a.x >= 6) {
      ctx.moveTo(tipX, tipY);
      ctx.lineTo(tipX - 5, tipY - 3);
      ctx.lineTo(tipX - 5, tipY + 3);
    } else {
      ctx.moveTo(tipX, tipY);
      ctx.lineTo(tipX - 3, tipY - 5);
      ctx.lineTo(tipX + 3, tipY - 5);
    }
    ctx.closePath();
    ctx.fill();
  }
}

function drawBar(ctx: CanvasRenderingContext2D, g: GanttGeometry, f: GanttFrame, i: number) {
  const b = f.bars[i];
  if (!b) return;
  const y = rowTop(i, g) + (g.rowHeight - g.barHeight) / 2;
  const dim = f.matches !== null && !f.matches.has(b.id);
  ctx.globalAlpha = dim ? 0.3 : 1;
  ctx.fillStyle = b.color;
  ctx.beginPath();
  ctx.roundRect(b.x0, y, b.x1 - b.x0, g.barHeight, Math.min(3, (b.x1 - b.x0) / 2));
  ctx.fill();
  if (f.critical.has(b.id)) {
    ctx.globalAlpha = 1;
    ctx.lineWidth = 2;
    ctx.strokeStyle = f.palette.critical;
    ctx.strokeRect(b.x0 - 1.5, y - 1.5, b.x1 - b.x0 + 3, g.barHeight + 3);
  }
  if (b.id === f.selectedId) {
    ctx.globalAlpha = 1;
    ctx.lineWidth = 2;
    ctx.strokeStyle = f.palette.ink;
    ctx.strokeRect(b.x0 - 3, y - 3, b.x1 - b.x0 + 6, g.barHeight + 6);
  }
  ctx.globalAlpha = dim ? 0.5 : 1;
  ctx.fillStyle = b.labelAt === "inside" ? "#ffffff" : f.palette.ink;
  ctx.fillText(b.label, b.labelX, y + g.barHeight / 2 + 0.5);
  ctx.globalAlpha = 1;
}

function drawLabel(ctx: CanvasRenderingContext2D, g: GanttGeometry, f: GanttFrame, i: number) {
  const r = f.rows[i];
  if (!r) return;
  const indent = 8 + Math.min(r.depth, 12) * 12;
  const y = rowTop(i, g) + g.rowHeight / 2;
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, rowTop(i, g), g.labelWidth - 6, g.rowHeight);
  ctx.clip();
  if (f.critical.has(r.span.id)) {
    ctx.fillStyle = f.palette.critical;
    ctx.fillRect(2, y - 5, 3, 10);
  }
  ctx.fillStyle = f.matches !== null && !f.matches.has(r.span.id) ? f.palette.muted : f.palette.ink;
  ctx.fillText(r.span.agentName, indent, y + 0.5);
  ctx.restore();
}

function drawAxis(ctx: CanvasRenderingContext2D, g: GanttGeometry, f: GanttFrame) {
  const p = f.palette;
  ctx.fillStyle = p.axis;
  ctx.fillRect(0, 0, g.width, g.axisHeight);
  ctx.fillStyle = p.axisRule;
  ctx.fillRect(0, g.axisHeight - 1, g.width, 1);
  ctx.fillRect(g.labelWidth - 1, 0, 1, g.height);
  ctx.fillStyle = p.muted;
  ctx.fillText("Agent", 8, g.axisHeight / 2);
  ctx.save();
  ctx.translate(g.labelWidth, 0);
  ctx.beginPath();
  ctx.rect(0, 0, g.chartWidth, g.axisHeight);
  ctx.clip();
  for (const t of f.ticks) {
    const x = Math.round(toX(f.view, g.chartWidth, t.ms)) + 0.5;
    ctx.fillStyle = p.gridMajor;
    ctx.fillRect(x - 0.5, g.axisHeight - 7, 1, 6);
    ctx.fillStyle = p.muted;
    ctx.fillText(t.label, x + 3, g.axisHeight / 2);
  }
  ctx.restore();
}
