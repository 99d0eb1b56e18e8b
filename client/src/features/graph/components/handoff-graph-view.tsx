// The handoff graph on cytoscape: hover a node or an edge for its figures, click one to open the
// timeline filtered to it. Loaded lazily (cytoscape is most of the page's weight).
import cytoscape, { type Core, type EventObject } from "cytoscape";
import dagre from "cytoscape-dagre";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import CytoscapeComponent from "react-cytoscapejs";
import { type GraphEdgeFields, type GraphNodeFields, type NodeCircuit, toElements } from "../lib/graph-elements.ts";
import { GRAPH_LAYOUT, GRAPH_PALETTE_TOKENS, graphStyle } from "../lib/graph-style.ts";
import { useThemeTokens } from "../../../lib/theme.ts";
import { GraphTooltip, type TooltipTarget } from "./graph-tooltip.tsx";

cytoscape.use(dagre);

export interface HandoffGraphViewProps {
  nodes: readonly GraphNodeFields[];
  edges: readonly GraphEdgeFields[];
  onOpenNode: (agentName: string) => void;
  onOpenEdge: (source: string, target: string) => void;
  /** Agents whose circuit is open or half-open (the others are closed). */
  circuits?: ReadonlyMap<string, NodeCircuit>;
}

export default function HandoffGraphView({ nodes, edges, onOpenNode, onOpenEdge, circuits }: HandoffGraphViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const [tooltip, setTooltip] = useState<TooltipTarget | null>(null);
  const open = useRef({ onOpenNode, onOpenEdge });
  open.current = { onOpenNode, onOpenEdge };
  const elements = useMemo(() => toElements({ nodes, edges }, circuits), [nodes, edges, circuits]);
  const palette = useThemeTokens(GRAPH_PALETTE_TOKENS);
  const stylesheet = useMemo(() => graphStyle(palette), [palette]);

  // react-cytoscapejs calls this after every update, and StrictMode makes two instances: bind each
  // instance once.
  const bind = useCallback((cy: Core) => {
    if (cyRef.current === cy) return;
    cyRef.current = cy;
    window.__batonGraph = cy;
    const show = (e: EventObject) => {
      const target = e.target;
      target.addClass("hover");
      // Beside a node (its label stays readable), at the pointer for an edge; flipped near the right edge.
      const node = target.isNode();
      const at = node ? target.renderedPosition() : (e.renderedPosition ?? target.renderedMidpoint());
      const dx = node ? target.renderedOuterWidth() / 2 + 10 : 14;
      const flip = at.x + dx + 300 > (container.current?.clientWidth ?? 0);
      setTooltip({
        kind: node ? "node" : "edge",
        data: target.data(),
        x: flip ? at.x - dx : at.x + dx,
        y: node ? at.y - 24 : at.y + 14,
        flip,
      });
      if (container.current) container.current.style.cursor = "pointer";
    };
    const hide = (e: EventObject) => {
      e.target.removeClass("hover");
      setTooltip(null);
      if (container.current) container.current.style.cursor = "";
    };
    cy.on("mouseover", "node, edge", show);
    cy.on("mouseout", "node, edge", hide);
    cy.on("viewport", () => setTooltip(null));
    cy.on("tap", "node", (e) => open.current.onOpenNode(e.target.id()));
    cy.on("tap", "edge", (e) => open.current.onOpenEdge(e.target.data("source"), e.target.data("target")));
    cy.one("destroy", () => {
      if (window.__batonGraph === cy) window.__batonGraph = undefined;
    });
  }, []);

  // Lay the graph out again when its agents or routes change (react-cytoscapejs has patched them by
  // now). New figures alone (a live update) restyle in place: nothing moves under the pointer, and
  // the reader's zoom and pan stay.
  const shape = useMemo(
    () =>
      elements
        .map((e) => e.data.id)
        .sort()
        .join("\n"),
    [elements],
  );
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || shape === "") return;
    cy.layout(GRAPH_LAYOUT).run();
  }, [shape]);

  // The container follows the window: cytoscape must be told, or clicks land beside the nodes.
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      const cy = cyRef.current;
      if (!cy) return;
      cy.resize();
      cy.fit(undefined, 36);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return (
    <div className="graph-canvas" ref={container} data-testid="handoff-graph">
      <CytoscapeComponent
        elements={elements}
        stylesheet={stylesheet}
        cy={bind}
        className="graph-cy"
        style={{ width: "100%", height: "100%" }}
        minZoom={0.2}
        maxZoom={3}
        boxSelectionEnabled={false}
        autounselectify
      />
      {tooltip ? <GraphTooltip target={tooltip} /> : null}
    </div>
  );
}
