// How the handoff graph looks, and its layout: dagre, left to right, following the handoffs.
// Cytoscape paints on a canvas and cannot read CSS custom properties: the colours that change with
// the theme come from styles.css tokens (GRAPH_PALETTE_TOKENS, read by useThemeTokens).
import type { LayoutOptions, StylesheetJson } from "cytoscape";

export const GRAPH_LAYOUT = {
  name: "dagre",
  rankDir: "LR",
  nodeSep: 80,
  rankSep: 130,
  edgeSep: 24,
  padding: 36,
  fit: true,
  animate: false,
} as LayoutOptions;

export const GRAPH_PALETTE_TOKENS = {
  node: "--accent-soft",
  nodeHover: "--accent-border",
  text: "--text",
  edgeText: "--text-strong",
  labelBackground: "--surface",
  workflow: "--neutral-soft",
  circuitOpen: "--circuit-open-fill",
  circuitHalfOpen: "--circuit-half-open-fill",
  accent: "--accent",
} as const;

export type GraphPalette = Record<keyof typeof GRAPH_PALETTE_TOKENS, string>;

type LabelPalette = { text: string; edgeText: string; labelBackground: string };

/** A node's label under it, on a rounded plate of the surface colour (this graph and the trace's). */
export const nodeLabel = (p: LabelPalette, fontSize = 12) =>
  ({
    label: "data(label)",
    "text-wrap": "wrap",
    "text-valign": "bottom",
    "text-halign": "center",
    "text-margin-y": fontSize / 2,
    "font-family": "Inter, ui-sans-serif, system-ui, sans-serif",
    "font-size": fontSize,
    "font-weight": 600,
    color: p.text,
    "text-background-color": p.labelBackground,
    "text-background-opacity": 0.85,
    "text-background-padding": "2px",
    "text-background-shape": "roundrectangle",
  }) as const;

/** An edge's label (handoff counts) on an opaque plate. */
export const edgeLabel = (p: LabelPalette) =>
  ({
    label: "data(label)",
    "font-size": 10.5,
    "font-weight": 600,
    color: p.edgeText,
    "text-background-color": p.labelBackground,
    "text-background-opacity": 1,
    "text-background-padding": "2px",
    "text-background-shape": "roundrectangle",
  }) as const;

export const graphStyle = (p: GraphPalette): StylesheetJson => [
  {
    selector: "node",
    style: {
      width: "data(size)",
      height: "data(size)",
      "background-color": p.node,
      "border-width": 3,
      "border-color": "data(color)",
      ...nodeLabel(p),
    },
  },
  {
    selector: "edge",
    style: {
      width: "data(width)",
      "line-color": "data(color)",
      "target-arrow-color": "data(color)",
      "target-arrow-shape": "triangle",
      "arrow-scale": 1.1,
      "curve-style": "bezier",
      "control-point-step-size": 60,
      "loop-direction": "0deg",
      "loop-sweep": "-50deg",
      opacity: 0.9,
      ...edgeLabel(p),
    },
  },
  // An agent whose circuit is not closed: an octagon ("stop"), tinted, with a dashed rim.
  {
    selector: 'node[circuit = "open"]',
    style: { shape: "octagon", "background-color": p.circuitOpen, "border-style": "dashed" },
  },
  {
    selector: 'node[circuit = "half_open"]',
    style: { shape: "octagon", "background-color": p.circuitHalfOpen, "border-style": "dashed" },
  },
  // A workflow run's root (`workflow:<template>`) is not an agent: a wide tag, dashed outline.
  {
    selector: 'node[kind = "workflow"]',
    style: {
      shape: "round-tag",
      width: "mapData(size, 36, 96, 58, 154)",
      "background-color": p.workflow,
      "border-style": "double",
      "border-width": 4,
    },
  },
  { selector: "node.hover", style: { "background-color": p.nodeHover, "border-width": 4 } },
  {
    selector: "edge.hover",
    style: { opacity: 1, "z-index": 10, "underlay-color": p.accent, "underlay-opacity": 0.12, "underlay-padding": 6 },
  },
];
