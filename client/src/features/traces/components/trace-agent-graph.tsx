// The trace's agent graph on cytoscape (loaded lazily): by agent with handoff counts, or expanded
// to one node per execution; the critical path's agents / executions are outlined. Labels look as
// on the handoff graph (graph-style.ts). Tap a node of
// the expanded graph to select that execution.
import cytoscape, { type Core, type StylesheetJson } from "cytoscape";
import dagre from "cytoscape-dagre";
import { useCallback, useEffect, useMemo, useRef } from "react";
import CytoscapeComponent from "react-cytoscapejs";
import { useThemeTokens } from "../../../lib/theme.ts";
import { edgeLabel, nodeLabel } from "../../graph/lib/graph-style.ts";
import { type GraphMode, traceGraphElements } from "../lib/trace-graph-elements.ts";
import type { TraceSpan } from "../lib/trace-model.ts";

cytoscape.use(dagre);

/** The styles.css tokens the graph's colours come from (cytoscape cannot read CSS variables). */
const TRACE_GRAPH_TOKENS = {
  node: "--accent-soft",
  text: "--text",
  edge: "--line-muted",
  edgeText: "--text-strong",
  labelBackground: "--surface",
  critical: "--critical",
} as const;

const traceGraphStyle = (p: Record<keyof typeof TRACE_GRAPH_TOKENS, string>): StylesheetJson => [
  {
    selector: "node",
    style: {
      width: "data(size)",
      height: "data(size)",
      "background-color": p.node,
      "border-width": 3,
      "border-color": "data(color)",
      ...nodeLabel(p, 11),
    },
  },
  {
    selector: "edge",
    style: {
      width: 2,
      "line-color": p.edge,
      "target-arrow-color": p.edge,
      "target-arrow-shape": "triangle",
      "curve-style": "bezier",
      ...edgeLabel(p),
    },
  },
  {
    selector: "node.critical",
    style: { "underlay-color": p.critical, "underlay-opacity": 0.25, "underlay-padding": 5 },
  },
  {
    selector: "edge.critical",
    style: { "line-color": p.critical, "target-arrow-color": p.critical, width: 3 },
  },
];

export interface TraceAgentGraphProps {
  spans: readonly TraceSpan[];
  mode: GraphMode;
  critical: ReadonlySet<string>;
  onSelect: (id: string) => void;
}

export default function TraceAgentGraph({ spans, mode, critical, onSelect }: TraceAgentGraphProps) {
  const cyRef = useRef<Core | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  const modeRef = useRef(mode);
  modeRef.current = mode;
  const elements = useMemo(() => traceGraphElements(spans, mode, critical), [spans, mode, critical]);
  const palette = useThemeTokens(TRACE_GRAPH_TOKENS);
  const stylesheet = useMemo(() => traceGraphStyle(palette), [palette]);
  const bind = useCallback((cy: Core) => {
    if (cyRef.current === cy) return;
    cyRef.current = cy;
    window.__batonTraceGraph = cy;
    cy.on("tap", "node", (e) => {
      if (modeRef.current === "executions") select.current(e.target.id());
    });
    cy.one("destroy", () => {
      if (window.__batonTraceGraph === cy) window.__batonTraceGraph = undefined;
    });
  }, []);
  const shape = useMemo(() => elements.map((e) => e.data.id).join("\n"), [elements]);
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || shape === "") return;
    cy.layout({
      name: "dagre",
      rankDir: "LR",
      nodeSep: 40,
      rankSep: 90,
      padding: 24,
      fit: true,
      animate: false,
    } as cytoscape.LayoutOptions).run();
  }, [shape]);
  return (
    <div className="trace-graph-canvas" data-testid="trace-graph">
      <CytoscapeComponent
        elements={elements}
        stylesheet={stylesheet}
        cy={bind}
        style={{ width: "100%", height: "100%" }}
        minZoom={0.05}
        maxZoom={3}
        boxSelectionEnabled={false}
        autounselectify
      />
    </div>
  );
}
