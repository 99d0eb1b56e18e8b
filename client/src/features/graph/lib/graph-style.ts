// How the handoff graph looks, and its layout: dagre, left to right, following the handoffs.
import type { LayoutOptions, StylesheetJson } from "cytoscape";
import { CIRCUIT_NODE } from "./graph-elements.ts";

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

export const GRAPH_STYLE: StylesheetJson = [
  {
    selector: "node",
    style: {
      width: "data(size)",
      height: "data(size)",
      "background-color": "#eef0ff",
      "border-width": 3,
      "border-color": "data(color)",
      label: "data(label)",
      "text-wrap": "wrap",
      "text-valign": "bottom",
      "text-halign": "center",
      "text-margin-y": 6,
      "font-family": "Inter, ui-sans-serif, system-ui, sans-serif",
      "font-size": 12,
      "font-weight": 600,
      color: "#161a26",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.85,
      "text-background-padding": "2px",
      "text-background-shape": "roundrectangle",
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
      label: "data(label)",
      "font-size": 10.5,
      "font-weight": 600,
      color: "#3f4659",
      "text-background-color": "#ffffff",
      "text-background-opacity": 1,
      "text-background-padding": "2px",
      "text-background-shape": "roundrectangle",
    },
  },
  // An agent whose circuit is not closed: an octagon ("stop"), tinted, with a dashed rim.
  {
    selector: 'node[circuit = "open"]',
    style: { shape: "octagon", "background-color": CIRCUIT_NODE.open.fill, "border-style": "dashed" },
  },
  {
    selector: 'node[circuit = "half_open"]',
    style: { shape: "octagon", "background-color": CIRCUIT_NODE.half_open.fill, "border-style": "dashed" },
  },
  // A workflow run's root (`workflow:<template>`) is not an agent: a wide tag, dashed outline.
  {
    selector: 'node[kind = "workflow"]',
    style: {
      shape: "round-tag",
      width: "mapData(size, 36, 96, 58, 154)",
      "background-color": "#f2f4f7",
      "border-style": "double",
      "border-width": 4,
    },
  },
  { selector: "node.hover", style: { "background-color": "#dcdffd", "border-width": 4 } },
  {
    selector: "edge.hover",
    style: { opacity: 1, "z-index": 10, "underlay-color": "#4f46e5", "underlay-opacity": 0.12, "underlay-padding": 6 },
  },
];
