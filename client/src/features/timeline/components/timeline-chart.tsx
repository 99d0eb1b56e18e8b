// The Gantt chart: a virtualised label column and a canvas that scroll together vertically; time
// pans and zooms on the canvas alone. Bars and arrows are laid out by lib/ for the visible lanes.
// Given `onZoom`, the axis the user moves to is reported (debounced) so the page keeps it in the URL;
// a double-click on a tree's lanes zooms to that tree. The tooltip hides on leave, scroll, blur,
// Escape, any move of the view and any change of the data, so it never describes a stale bar.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useElementSize } from "../hooks/use-element-size.ts";
import { AXIS_HEIGHT, ROW_HEIGHT, useTimelinePainter } from "../hooks/use-timeline-painter.ts";
import { useTimelinePointer } from "../hooks/use-timeline-pointer.ts";
import { collapsedAncestors, treeSpan, visibleLanes } from "../lib/lanes.ts";
import { barEndMs, type BarBox } from "../lib/layout.ts";
import { fitView, zoomView } from "../lib/time-scale.ts";
import type { TimelineExecution, TimeView } from "../lib/types.ts";
import { TimelineLabels } from "./timeline-labels.tsx";
import type { CircuitStates } from "../../health/hooks/use-circuit-states.ts";
import { TimelineToolbar } from "./timeline-toolbar.tsx";
import { TimelineTooltip } from "./timeline-tooltip.tsx";

interface TimelineChartProps {
  executions: TimelineExecution[];
  /** The filtered range: the first view, and what "Fit" shows. */
  domain: TimeView;
  /** No end date: "Fit" reaches to now, however long the page has been open. */
  openEnded: boolean;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Agents whose circuit is open or half-open (see useCircuitStates); default none. */
  circuits?: CircuitStates;
  /** The zoomed axis (from the URL); null or absent fits the domain. */
  zoom?: TimeView | null;
  /** Told the axis the user moved to (pan, zoom, double-click), or null for "Fit". */
  onZoom?: (view: TimeView | null) => void;
  /** Follow live: keep fitting to now and show the newest lanes as executions arrive. */
  follow?: boolean;
}

/** How long the axis rests before the URL follows it. */
const ZOOM_URL_DELAY_MS = 300;

const OVERSCAN = 6;

const NO_CIRCUITS: CircuitStates = new Map();

export function TimelineChart({
  executions,
  domain,
  openEnded,
  selectedId,
  onSelect,
  circuits = NO_CIRCUITS,
  zoom = null,
  onZoom,
  follow = false,
}: TimelineChartProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const cell = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const layout = useMemo(() => visibleLanes(executions, collapsed), [executions, collapsed]);
  const viewport = useElementSize(scroller);
  const canvasCell = useElementSize(cell);
  const size = useMemo(
    () => ({ width: canvasCell.width, height: viewport.height }),
    [canvasCell.width, viewport.height],
  );
  const [scrollTop, setScrollTop] = useState(0);
  const [hover, setHover] = useState<{ bar: BarBox; x: number; y: number } | null>(null);

  const painter = useTimelinePainter(canvas, scroller, {
    layout,
    size,
    domain,
    selectedId,
    hoverId: hover?.bar.id ?? null,
    circuits,
    initialView: zoom,
  });
  const { setView: paintView, view: viewRef } = painter;
  const hideTooltip = useCallback(() => setHover(null), []);
  const fitDomain = useCallback(() => {
    const end = openEnded ? Math.max(domain.endMs, Date.now() + 60_000) : domain.endMs;
    paintView(fitView(domain.startMs, end, 0.01));
  }, [paintView, domain, openEnded]);

  // The user's moves reach the URL once the axis rests; until then they win over refits.
  const onZoomRef = useRef(onZoom);
  onZoomRef.current = onZoom;
  const zoomTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancelZoomReport = useCallback(() => {
    if (zoomTimer.current) clearTimeout(zoomTimer.current);
    zoomTimer.current = null;
  }, []);
  const userSetView = useCallback(
    (next: TimeView) => {
      paintView(next);
      setHover(null);
      if (!onZoomRef.current) return;
      cancelZoomReport();
      zoomTimer.current = setTimeout(() => {
        zoomTimer.current = null;
        onZoomRef.current?.(viewRef.current);
      }, ZOOM_URL_DELAY_MS);
    },
    [paintView, viewRef, cancelZoomReport],
  );
  useEffect(() => cancelZoomReport, [cancelZoomReport]);
  const fit = useCallback(() => {
    cancelZoomReport();
    fitDomain();
    onZoomRef.current?.(null);
  }, [cancelZoomReport, fitDomain]);
  const zoomToTree = useCallback(
    (id: string) => {
      const span = treeSpan(executions, id, Date.now());
      if (!span) return;
      const next = fitView(span.startMs, span.endMs, 0.05);
      cancelZoomReport();
      paintView(next);
      setHover(null);
      onZoomRef.current?.(next);
    },
    [executions, paintView, cancelZoomReport],
  );

  // The URL's zoom (a reload, a link, Back) or else the domain decides the view; the user's own
  // move, not yet in the URL, is not undone by data arriving meanwhile.
  const zoomStart = zoom?.startMs;
  const zoomEnd = zoom?.endMs;
  useEffect(() => {
    if (zoomStart !== undefined && zoomEnd !== undefined) {
      const v = viewRef.current;
      if (Math.abs(v.startMs - zoomStart) > 1 || Math.abs(v.endMs - zoomEnd) > 1)
        paintView({ startMs: zoomStart, endMs: zoomEnd });
      return;
    }
    if (!zoomTimer.current) fitDomain();
  }, [zoomStart, zoomEnd, fitDomain, paintView, viewRef]);

  // Following: every change of the data fits to now again and shows the newest (top) lanes.
  useEffect(() => {
    if (!follow || zoomTimer.current) return;
    fitDomain();
    const el = scroller.current;
    if (el && executions.length) el.scrollTop = 0;
  }, [follow, executions, fitDomain]);

  // A tooltip describes one bar of one frame: new data, Escape or leaving the window hides it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: hiding is the reaction to new executions
  useEffect(() => setHover(null), [executions]);
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if (e.key === "Escape") setHover(null);
    };
    document.addEventListener("keydown", key);
    window.addEventListener("blur", hideTooltip);
    return () => {
      document.removeEventListener("keydown", key);
      window.removeEventListener("blur", hideTooltip);
    };
  }, [hideTooltip]);

  const onHover = useCallback((bar: BarBox | null, x: number) => {
    setHover((h) => (bar ? (h?.bar.id === bar.id ? h : { bar, x, y: bar.y + bar.height + 6 }) : null));
  }, []);
  const userPainter = useMemo(() => ({ ...painter, setView: userSetView }), [painter, userSetView]);
  useTimelinePointer(canvas, scroller, userPainter, { onSelect, onHover, onFit: fit });

  // A double-click on a lane of the canvas zooms to its tree.
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const dblclick = (e: MouseEvent) => {
      const r = el.getBoundingClientRect();
      const lane = Math.floor((e.clientY - r.top + (scroller.current?.scrollTop ?? 0) - AXIS_HEIGHT) / ROW_HEIGHT);
      const row = layoutRef.current.lanes[lane];
      if (row && e.clientY - r.top >= AXIS_HEIGHT) zoomToTree(row.execution.id);
    };
    el.addEventListener("dblclick", dblclick);
    return () => el.removeEventListener("dblclick", dblclick);
  }, [zoomToTree]);

  const toggle = useCallback((id: string) => {
    setCollapsed((c) => {
      const next = new Set(c);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const collapseAll = () =>
    setCollapsed(new Set(layout.lanes.filter((l) => l.depth === 0 && l.hasChildren).map((l) => l.execution.id)));

  // Running bars grow to "now": redraw every second while any is shown.
  const running = useMemo(() => executions.some((e) => e.endMs === null), [executions]);
  const { scheduleDraw } = painter;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(scheduleDraw, 1000);
    return () => clearInterval(timer);
  }, [running, scheduleDraw]);

  useRevealSelected(selectedId, executions, layout, collapsed, setCollapsed, scroller, painter, size.height);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.ceil((scrollTop + viewport.height) / ROW_HEIGHT) + OVERSCAN;
  const hovered = hover ? layout.lanes[hover.bar.lane]?.execution : undefined;
  const bodyHeight = Math.max(viewport.height, AXIS_HEIGHT + layout.lanes.length * ROW_HEIGHT + 8);

  return (
    <section className="panel timeline-chart" aria-label="Execution timeline">
      <TimelineToolbar
        span={painter.span}
        onZoom={(factor) => {
          const v = painter.view.current;
          userSetView(zoomView(v, factor, (v.startMs + v.endMs) / 2));
        }}
        onFit={fit}
        onCollapseAll={collapseAll}
        onExpandAll={() => setCollapsed(new Set())}
      />
      <div
        className="timeline-scroll"
        ref={scroller}
        onScroll={(e) => {
          setScrollTop(e.currentTarget.scrollTop);
          setHover(null);
          painter.scheduleDraw();
        }}
      >
        <div className="timeline-body" style={{ height: bodyHeight }}>
          <TimelineLabels
            layout={layout}
            first={first}
            last={last}
            rowHeight={ROW_HEIGHT}
            axisHeight={AXIS_HEIGHT}
            selectedId={selectedId}
            hoverId={hover?.bar.id ?? null}
            onSelect={onSelect}
            onToggle={toggle}
            onZoomTree={zoomToTree}
            circuits={circuits}
          />
          <div className="timeline-canvas-cell" ref={cell}>
            <canvas
              ref={canvas}
              className="timeline-canvas"
              data-testid="timeline-canvas"
              tabIndex={0}
              role="img"
              aria-label={`Gantt chart of ${layout.lanes.length} executions`}
              aria-describedby="timeline-canvas-help"
              style={{ width: size.width, height: size.height }}
              onBlur={hideTooltip}
            />
            <p id="timeline-canvas-help" className="visually-hidden">
              Drag or use the arrow keys to pan, the wheel or + and − to zoom, 0 to fit, double-click a tree to zoom to
              it. Select executions in the list beside the chart.
            </p>
            {hover && hovered ? (
              <TimelineTooltip execution={hovered} x={Math.min(hover.x, size.width - 220)} y={hover.y} />
            ) : null}
          </div>
        </div>
      </div>
    </section>
  );
}

/** When the selection changes (a link, the URL), unfold its tree and bring its bar into view. */
function useRevealSelected(
  selectedId: string | null,
  executions: TimelineExecution[],
  layout: ReturnType<typeof visibleLanes>,
  collapsed: ReadonlySet<string>,
  setCollapsed: (c: ReadonlySet<string>) => void,
  scroller: React.RefObject<HTMLDivElement | null>,
  painter: ReturnType<typeof useTimelinePainter>,
  height: number,
) {
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    if (!selectedId || revealed.current === selectedId || height <= 0) return;
    const index = layout.indexOf.get(selectedId);
    if (index === undefined) {
      const hiding = collapsedAncestors(executions, collapsed, selectedId);
      if (hiding.length) setCollapsed(new Set([...collapsed].filter((id) => !hiding.includes(id))));
      return;
    }
    revealed.current = selectedId;
    const el = scroller.current;
    const top = AXIS_HEIGHT + index * ROW_HEIGHT;
    if (el && (top < el.scrollTop + AXIS_HEIGHT || top + ROW_HEIGHT > el.scrollTop + height))
      el.scrollTop = Math.max(0, top - height / 3);
    const e = layout.lanes[index]?.execution;
    const v = painter.view.current;
    if (e && (barEndMs(e, Date.now()) < v.startMs || e.startMs > v.endMs)) {
      const half = (v.endMs - v.startMs) / 2;
      painter.setView({ startMs: e.startMs - half, endMs: e.startMs + half });
    }
  }, [selectedId, executions, layout, collapsed, setCollapsed, scroller, painter, height]);
}
