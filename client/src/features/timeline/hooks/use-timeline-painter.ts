// Draws the timeline on its canvas at most once per animation frame. Pan, zoom and scroll change
// refs and ask for a frame; React re-renders only for data, selection and the lane labels.
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { useThemeTokens } from "../../../lib/theme.ts";
import { drawTimeline, TIMELINE_PALETTE_TOKENS } from "../lib/draw-timeline.ts";
import type { LaneLayout } from "../lib/lanes.ts";
import { type BarBox, type Geometry, layoutArrows, layoutBars } from "../lib/layout.ts";
import { generateTicks } from "../lib/ticks.ts";
import { fitView } from "../lib/time-scale.ts";
import type { TimeView } from "../lib/types.ts";
import type { Size } from "./use-element-size.ts";

export const ROW_HEIGHT = 24;
export const AXIS_HEIGHT = 44;
export const BAR_HEIGHT = 14;

export interface PaintInput {
  layout: LaneLayout;
  size: Size;
  domain: TimeView;
  /** The first view when it is not the whole domain (a zoom from the URL). */
  initialView?: TimeView | null;
  selectedId: string | null;
  hoverId: string | null;
  /** Agents whose circuit is open or half-open (outlined bars). */
  circuits: ReadonlyMap<string, "open" | "half_open">;
}

export interface Painter {
  view: RefObject<TimeView>;
  bars: RefObject<BarBox[]>;
  setView: (view: TimeView) => void;
  scheduleDraw: () => void;
  /** The span of the view, for the zoom readout (state: changes on zoom, not on pan). */
  span: number;
}

export function useTimelinePainter(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  scrollerRef: RefObject<HTMLElement | null>,
  input: PaintInput,
): Painter {
  const palette = useThemeTokens(TIMELINE_PALETTE_TOKENS);
  const latest = useRef({ ...input, palette });
  latest.current = { ...input, palette };
  const view = useRef<TimeView>(input.initialView ?? fitView(input.domain.startMs, input.domain.endMs, 0.01));
  const bars = useRef<BarBox[]>([]);
  const frame = useRef(0);
  const [span, setSpan] = useState(view.current.endMs - view.current.startMs);

  const draw = useCallback(() => {
    const canvas = canvasRef.current;
    const { layout, size, selectedId, hoverId, circuits, palette } = latest.current;
    if (!canvas || size.width <= 0 || size.height <= 0) return;
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    const started = performance.now();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(size.width * dpr);
    const h = Math.round(size.height * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    const g: Geometry = {
      view: view.current,
      width: size.width,
      height: size.height,
      scrollTop: scrollerRef.current?.scrollTop ?? 0,
      rowHeight: ROW_HEIGHT,
      axisHeight: AXIS_HEIGHT,
      barHeight: BAR_HEIGHT,
      nowMs: Date.now(),
      minBarWidth: 3,
    };
    const laidOut = layoutBars(layout, g);
    const arrows = layoutArrows(layout, g);
    drawTimeline(ctx, dpr, g, layout, {
      bars: laidOut,
      arrows,
      ticks: generateTicks(g.view, g.width),
      selectedId,
      hoverId,
      circuits,
      palette,
    });
    bars.current = laidOut;
    // For browser tests: what was drawn, in CSS pixels relative to the canvas's top-left corner.
    window.__batonTimeline = {
      bars: laidOut.map(({ id, agentName, status, x, y, width, height, color, context, rollback }) => ({
        id,
        agentName,
        status,
        x,
        y,
        width,
        height,
        color,
        context,
        circuit: circuits.get(agentName) ?? "closed",
        rollback,
      })),
      arrows: arrows.map(({ from, to }) => ({ from, to })),
      view: { ...g.view },
      laneCount: layout.lanes.length,
      drawnAt: performance.now(),
      drawMs: performance.now() - started,
    };
  }, [canvasRef, scrollerRef]);

  const scheduleDraw = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      draw();
    });
  }, [draw]);

  const setView = useCallback(
    (next: TimeView) => {
      view.current = next;
      setSpan(next.endMs - next.startMs);
      scheduleDraw();
    },
    [scheduleDraw],
  );

  // Every render (data, selection, size, labels) gets a frame.
  useEffect(() => scheduleDraw());
  useEffect(
    () => () => {
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    },
    [],
  );

  return { view, bars, setView, scheduleDraw, span };
}
