// What the dashboard exposes on `window` for browser tests (see docs in the pages that set them).
import type { Core } from "cytoscape";

declare global {
  interface Window {
    /** The timeline's last frame: bars and handoff arrows in CSS px relative to the canvas. */
    __batonTimeline?: {
      bars: {
        id: string;
        agentName: string;
        status: string;
        x: number;
        y: number;
        width: number;
        height: number;
        color: string;
        /** An ancestor shown only for context (drawn dimmed). */
        context: boolean;
        /** The agent's circuit now (a bar of an open or half-open one is outlined). */
        circuit: "closed" | "open" | "half_open";
        /** A rollback's compensation (hatched, outlined, labelled "rollback"). */
        rollback: boolean;
      }[];
      arrows: { from: string; to: string }[];
      view: { startMs: number; endMs: number };
      laneCount: number;
      /** When the frame was drawn (performance.now()) and how long layout + painting took. */
      drawnAt: number;
      drawMs: number;
    };
    /** The metrics page's last `metrics` query result (Metrics or ValidationError), as received. */
    __batonMetrics?: { data: unknown };
    /** The handoff graph's cytoscape instance. */
    __batonGraph?: Core;
    /** The trace view's last Gantt frame: one bar per execution (chart px), what is highlighted. */
    __batonTrace?: {
      rootId: string;
      /** Every row's bar in tree order (x from the chart's left edge, before clamping). */
      bars: { id: string; row: number; x0: number; x1: number; label: string; labelAt: string; color: string }[];
      arrows: { from: string; to: string }[];
      critical: string[];
      matches: string[] | null;
      selectedId: string | null;
      view: { startMs: number; endMs: number };
      /** Rows painted in this frame (those in the viewport). */
      painted: { first: number; last: number };
      /** Where rows are: a row's top is axisHeight + row × rowHeight − scrollTop; bars start labelWidth px right. */
      geometry: { labelWidth: number; axisHeight: number; rowHeight: number; scrollTop: number };
      drawnAt: number;
      drawMs: number;
    };
    /** The trace view's agent graph (cytoscape). */
    __batonTraceGraph?: Core;
  }
}
