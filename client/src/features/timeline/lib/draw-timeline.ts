// Paints one frame of the timeline on a 2D canvas from laid-out bars and arrows. The only impure
// module of lib/: it touches a CanvasRenderingContext2D, nothing else (no React, no DOM queries).
import { CANVAS_PALETTE_TOKENS, type CanvasPalette } from "../../../lib/canvas-palette.ts";
import type { LaneLayout } from "./lanes.ts";
import { type ArrowPath, type BarBox, type Geometry, laneTop, visibleLaneRange } from "./layout.ts";
import { ROLLBACK_COLOR } from "./status-colors.ts";
import type { AxisTicks } from "./ticks.ts";
import { timeToX } from "./time-scale.ts";

export interface Frame {
  bars: BarBox[];
  arrows: ArrowPath[];
  ticks: AxisTicks;
  selectedId: string | null;
  hoverId: string | null;
  /** Agents whose circuit is open or half-open: their bars get a dashed outline of that colour. */
  circuits?: ReadonlyMap<string, "open" | "half_open">;
  /** The colours of the theme in force (styles.css tokens); status colours are the same in both. */
  palette: TimelinePalette;
}

/** The dashed outline of a bar whose agent's circuit is open / half-open (the legend's too). */
export const CIRCUIT_OUTLINE = { open: "#b42318", half_open: "#b54708" } as const;

/** What the painter draws besides the bars: the canvas painters' common tokens and the hover lane. */
export interface TimelinePalette extends CanvasPalette {
  laneHover: string;
}

export const TIMELINE_PALETTE_TOKENS: Record<keyof TimelinePalette, `--${string}`> = {
  ...CANVAS_PALETTE_TOKENS,
  laneHover: "--lane-hover",
};

export function drawTimeline(ctx: CanvasRenderingContext2D, dpr: number, g: Geometry, layout: LaneLayout, f: Frame) {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, g.width, g.height);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, g.axisHeight, g.width, g.height - g.axisHeight);
  ctx.clip();
  drawLanes(ctx, g, layout, f);
  drawGrid(ctx, g, f.ticks, f.palette);
  drawArrows(ctx, f.arrows, f.palette);
  drawBars(ctx, f);
  drawNow(ctx, g);
  ctx.restore();
  drawAxis(ctx, g, f.ticks, f.palette);
}

function drawLanes(ctx: CanvasRenderingContext2D, g: Geometry, layout: LaneLayout, f: Frame) {
  const { first, last } = visibleLaneRange(layout.lanes.length, g);
  for (let i = first; i <= last; i++) {
    const lane = layout.lanes[i];
    if (!lane) continue;
    const id = lane.execution.id;
    const fill =
      id === f.selectedId
        ? f.palette.laneSelected
        : id === f.hoverId
          ? f.palette.laneHover
          : lane.treeParity === 1
            ? f.palette.laneShaded
            : null;
    if (!fill) continue;
    ctx.fillStyle = fill;
    ctx.fillRect(0, laneTop(i, g), g.width, g.rowHeight);
  }
}

function drawGrid(ctx: CanvasRenderingContext2D, g: Geometry, ticks: AxisTicks, p: TimelinePalette) {
  ctx.lineWidth = 1;
  ctx.strokeStyle = p.grid;
  ctx.beginPath();
  for (const t of ticks.ticks) {
    const x = Math.round(timeToX(g.view, g.width, t.ms)) + 0.5;
    ctx.moveTo(x, g.axisHeight);
    ctx.lineTo(x, g.height);
  }
  ctx.stroke();
  ctx.strokeStyle = p.gridMajor;
  ctx.beginPath();
  for (const t of ticks.majors) {
    const x = Math.round(timeToX(g.view, g.width, t.ms)) + 0.5;
    if (x < 0) continue;
    ctx.moveTo(x, g.axisHeight);
    ctx.lineTo(x, g.height);
  }
  ctx.stroke();
}

function drawArrows(ctx: CanvasRenderingContext2D, arrows: readonly ArrowPath[], p: TimelinePalette) {
  ctx.strokeStyle = p.arrow;
  ctx.fillStyle = p.arrow;
  ctx.lineWidth = 1;
  for (const a of arrows) {
    const [start, ...rest] = a.points;
    if (!start) continue;
    ctx.beginPath();
    ctx.moveTo(start[0], start[1]);
    for (const [x, y] of rest) ctx.lineTo(x, y);
    ctx.stroke();
    const end = a.points[a.points.length - 1] as [number, number];
    const prev = a.points[a.points.length - 2] as [number, number];
    arrowHead(ctx, prev, end);
  }
}

function arrowHead(ctx: CanvasRenderingContext2D, [px, py]: [number, number], [x, y]: [number, number]) {
  const angle = Math.atan2(y - py, x - px);
  const size = 5;
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x - size * Math.cos(angle - 0.45), y - size * Math.sin(angle - 0.45));
  ctx.lineTo(x - size * Math.cos(angle + 0.45), y - size * Math.sin(angle + 0.45));
  ctx.closePath();
  ctx.fill();
}

function drawBars(ctx: CanvasRenderingContext2D, f: Frame) {
  ctx.font = "500 11px Inter, ui-sans-serif, system-ui, sans-serif";
  ctx.textBaseline = "middle";
  for (const b of f.bars) {
    ctx.globalAlpha = b.context ? 0.35 : 1;
    ctx.fillStyle = b.color;
    ctx.beginPath();
    ctx.roundRect(b.x, b.y, b.width, b.height, Math.min(3, b.width / 2));
    ctx.fill();
    const circuit = f.circuits?.get(b.agentName);
    if (circuit) {
      ctx.globalAlpha = 1;
      ctx.lineWidth = 2;
      ctx.strokeStyle = CIRCUIT_OUTLINE[circuit];
      ctx.setLineDash([3, 2]);
      ctx.strokeRect(b.x - 2, b.y - 2, b.width + 4, b.height + 4);
      ctx.setLineDash([]);
    }
    if (b.rollback) drawRollbackMarks(ctx, b);
    if (b.id === f.selectedId || b.id === f.hoverId) {
      ctx.globalAlpha = 1;
      ctx.lineWidth = b.id === f.selectedId ? 2 : 1;
      ctx.strokeStyle = f.palette.ink;
      ctx.strokeRect(b.x - 1, b.y - 1, b.width + 2, b.height + 2);
    }
    // Room for the agent's name inside the bar once zoomed in.
    if (b.width > 70) {
      ctx.globalAlpha = b.context ? 0.6 : 1;
      ctx.fillStyle = "#ffffff";
      ctx.save();
      ctx.beginPath();
      ctx.rect(b.x + 4, b.y, b.width - 8, b.height);
      ctx.clip();
      ctx.fillText(b.rollback ? `rollback · ${b.agentName}` : b.agentName, b.x + 5, b.y + b.height / 2 + 0.5);
      ctx.restore();
    }
  }
  ctx.globalAlpha = 1;
}

/** A compensation of a rollback: its status colour under the rollback colour's hatching and outline. */
function drawRollbackMarks(ctx: CanvasRenderingContext2D, b: Frame["bars"][number]) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(b.x, b.y, b.width, b.height);
  ctx.clip();
  ctx.strokeStyle = ROLLBACK_COLOR;
  ctx.lineWidth = 2;
  ctx.beginPath();
  for (let x = b.x - b.height; x < b.x + b.width; x += 6) {
    ctx.moveTo(x, b.y + b.height);
    ctx.lineTo(x + b.height, b.y);
  }
  ctx.stroke();
  ctx.restore();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = ROLLBACK_COLOR;
  ctx.strokeRect(b.x + 0.75, b.y + 0.75, Math.max(0, b.width - 1.5), Math.max(0, b.height - 1.5));
}

function drawNow(ctx: CanvasRenderingContext2D, g: Geometry) {
  const x = Math.round(timeToX(g.view, g.width, g.nowMs)) + 0.5;
  if (x < 0 || x > g.width) return;
  ctx.strokeStyle = "#d92d20";
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(x, g.axisHeight);
  ctx.lineTo(x, g.height);
  ctx.stroke();
  ctx.setLineDash([]);
}

function drawAxis(ctx: CanvasRenderingContext2D, g: Geometry, ticks: AxisTicks, p: TimelinePalette) {
  const h = g.axisHeight;
  ctx.fillStyle = p.axis;
  ctx.fillRect(0, 0, g.width, h);
  ctx.fillStyle = p.axisRule;
  ctx.fillRect(0, h - 1, g.width, 1);
  ctx.textBaseline = "middle";
  // Upper row: the day (or month) each stretch belongs to; the current one sticks to the left edge.
  ctx.font = "600 11.5px Inter, ui-sans-serif, system-ui, sans-serif";
  ctx.fillStyle = p.ink;
  const majors = ticks.majors;
  for (let i = 0; i < majors.length; i++) {
    const m = majors[i] as (typeof majors)[number];
    const next = majors[i + 1];
    const nextX = next ? timeToX(g.view, g.width, next.ms) : Number.POSITIVE_INFINITY;
    const width = ctx.measureText(m.label).width;
    const x = Math.min(Math.max(timeToX(g.view, g.width, m.ms), 0) + 6, nextX - width - 10);
    if (x + width < 0) continue;
    ctx.fillText(m.label, x, h * 0.3);
    const tickX = Math.round(timeToX(g.view, g.width, m.ms)) + 0.5;
    if (tickX >= 0) {
      ctx.fillStyle = p.gridMajor;
      ctx.fillRect(tickX - 0.5, 0, 1, h);
      ctx.fillStyle = p.ink;
    }
  }
  // Lower row: the ticks.
  ctx.font = "500 11px Inter, ui-sans-serif, system-ui, sans-serif";
  for (const t of ticks.ticks) {
    const x = Math.round(timeToX(g.view, g.width, t.ms)) + 0.5;
    ctx.fillStyle = p.gridMajor;
    ctx.fillRect(x - 0.5, h - 8, 1, 7);
    ctx.fillStyle = p.muted;
    ctx.fillText(t.label, x + 4, h * 0.72);
  }
}
