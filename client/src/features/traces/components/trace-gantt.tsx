// The trace's own Gantt: one row per execution in tree order, the time axis fitted to the tree on
// open, painted on a canvas once per animation frame (rows outside the viewport are skipped).
// Click a bar to select it; + / − / 0 and the arrow keys zoom, fit and pan with the canvas focused.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useElementSize } from "../../timeline/hooks/use-element-size.ts";
import {
  barAt,
  fitTree,
  type GanttView,
  layoutArrows,
  layoutGantt,
  relativeTicks,
  zoomGantt,
} from "../lib/gantt-layout.ts";
import { useThemeTokens } from "../../../lib/theme.ts";
import { drawTraceGantt, GANTT_PALETTE_TOKENS, type GanttGeometry, visibleRows } from "../lib/draw-trace-gantt.ts";
import type { TraceRow } from "../lib/trace-model.ts";

const ROW = 22;
const AXIS = 30;
const BAR = 12;
const LABELS = 200;

interface TraceGanttProps {
  rootId: string;
  rows: readonly TraceRow[];
  critical: ReadonlySet<string>;
  matches: ReadonlySet<string> | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Fixed for a frame: unfinished bars reach it (the page ticks it while any runs). */
  nowMs: number;
}

export function TraceGantt({ rootId, rows, critical, matches, selectedId, onSelect, nowMs }: TraceGanttProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(scroller);
  const fitted = useMemo(() => fitTree(rows, nowMs), [rows, nowMs]);
  const [view, setView] = useState<GanttView>(fitted);
  // A new tree (prev/next) is fitted again.
  const fittedFor = useRef(rootId);
  useEffect(() => {
    if (fittedFor.current === rootId) return;
    fittedFor.current = rootId;
    setView(fitted);
  }, [rootId, fitted]);
  const scrollTop = useRef(0);
  const palette = useThemeTokens(GANTT_PALETTE_TOKENS);
  const frame = useRef(0);
  const chartWidth = Math.max(0, size.width - LABELS - 16);
  const laid = useRef<{ bars: ReturnType<typeof layoutGantt> }>({ bars: [] });

  const draw = useCallback(() => {
    const el = canvas.current;
    const ctx = el?.getContext("2d");
    if (!el || !ctx || size.width <= 0 || size.height <= 0) return;
    const started = performance.now();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(size.width * dpr);
    const h = Math.round(size.height * dpr);
    if (el.width !== w) el.width = w;
    if (el.height !== h) el.height = h;
    ctx.font = "500 11px Inter, ui-sans-serif, system-ui, sans-serif";
    const widths = new Map<string, number>();
    const measure = (text: string) => {
      let v = widths.get(text);
      if (v === undefined) {
        v = ctx.measureText(text).width;
        widths.set(text, v);
      }
      return v;
    };
    const bars = layoutGantt(rows, view, chartWidth, nowMs, measure);
    const arrows = layoutArrows(rows, bars, nowMs);
    const g: GanttGeometry = {
      width: size.width,
      height: size.height,
      labelWidth: LABELS,
      chartWidth,
      axisHeight: AXIS,
      rowHeight: ROW,
      barHeight: BAR,
      scrollTop: scrollTop.current,
    };
    const origin = rows[0]?.span.startMs ?? view.startMs;
    drawTraceGantt(ctx, dpr, g, {
      rows,
      bars,
      arrows,
      ticks: relativeTicks(view, chartWidth, origin),
      view,
      selectedId,
      critical,
      matches,
      palette,
    });
    laid.current = { bars };
    window.__batonTrace = {
      rootId,
      bars: bars.map(({ id, row, x0, x1, label, labelAt, color }) => ({ id, row, x0, x1, label, labelAt, color })),
      arrows: arrows.map(({ from, to }) => ({ from, to })),
      critical: [...critical],
      matches: matches ? [...matches] : null,
      selectedId,
      view: { ...view },
      painted: visibleRows(rows.length, g),
      geometry: { labelWidth: LABELS, axisHeight: AXIS, rowHeight: ROW, scrollTop: g.scrollTop },
      drawnAt: performance.now(),
      drawMs: performance.now() - started,
    };
  }, [rootId, rows, view, chartWidth, size, nowMs, selectedId, critical, matches, palette]);

  // The frame runs the latest draw: a render that comes while one is pending (the first size,
  // data) must not leave it painting what the earlier render knew.
  const latestDraw = useRef(draw);
  latestDraw.current = draw;
  const schedule = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      latestDraw.current();
    });
  }, []);
  // Every render (data, selection, size, search) gets a frame.
  useEffect(() => schedule());
  useEffect(
    () => () => {
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    },
    [],
  );

  // Bring the selected execution's row into view (a click in the list, a deep link).
  useEffect(() => {
    const el = scroller.current;
    const row = rows.findIndex((r) => r.span.id === selectedId);
    if (!el || row < 0 || size.height <= 0) return;
    const top = row * ROW;
    if (top < el.scrollTop || top + ROW > el.scrollTop + size.height - AXIS)
      el.scrollTop = Math.max(0, top - (size.height - AXIS) / 3);
  }, [selectedId, rows, size.height]);

  const zoom = (factor: number) => setView((v) => zoomGantt(v, factor, (v.startMs + v.endMs) / 2));
  const pan = (fraction: number) =>
    setView((v) => {
      const shift = (v.endMs - v.startMs) * fraction;
      return { startMs: v.startMs + shift, endMs: v.endMs + shift };
    });

  const bodyHeight = AXIS + rows.length * ROW + 4;
  return (
    <section className="panel trace-gantt" aria-label="Trace Gantt chart">
      <div className="trace-gantt-toolbar">
        <button type="button" className="button button-small" onClick={() => zoom(0.5)} aria-label="Zoom in">
          +
        </button>
        <button type="button" className="button button-small" onClick={() => zoom(2)} aria-label="Zoom out">
          −
        </button>
        <button type="button" className="button button-small" onClick={() => setView(fitted)}>
          Fit the tree
        </button>
        <span className="muted-text trace-gantt-legend">
          <span className="trace-critical-swatch" aria-hidden="true" /> critical path ·{" "}
          <span className="trace-match-swatch" aria-hidden="true" /> matches the search
        </span>
      </div>
      <div
        className="trace-gantt-scroll"
        ref={scroller}
        style={{ height: Math.min(560, bodyHeight + 2) }}
        onScroll={(e) => {
          scrollTop.current = e.currentTarget.scrollTop;
          schedule();
        }}
      >
        <div style={{ height: bodyHeight, position: "relative" }}>
          <canvas
            ref={canvas}
            className="trace-gantt-canvas"
            data-testid="trace-gantt"
            tabIndex={0}
            role="img"
            aria-label={`Gantt chart of ${rows.length} executions; the list of executions beside it selects them by keyboard`}
            style={{ width: size.width, height: size.height }}
            onClick={(e) => {
              const rect = e.currentTarget.getBoundingClientRect();
              const y = e.clientY - rect.top;
              if (y < AXIS) return;
              const row = Math.floor((y - AXIS + scrollTop.current) / ROW);
              const bar = barAt(laid.current.bars, row, e.clientX - rect.left - LABELS);
              const id = bar?.id ?? (e.clientX - rect.left < LABELS ? rows[row]?.span.id : undefined);
              if (id) onSelect(id);
            }}
            onKeyDown={(e) => {
              const key = e.key;
              if (key === "+" || key === "=") zoom(0.5);
              else if (key === "-") zoom(2);
              else if (key === "0") setView(fitted);
              else if (key === "ArrowLeft") pan(-0.2);
              else if (key === "ArrowRight") pan(0.2);
              else return;
              e.preventDefault();
            }}
          />
        </div>
      </div>
    </section>
  );
}
