// The handoff graph as cytoscape elements: agents as nodes sized by how often they ran, handoffs as
// edges whose width is how often they happened and whose colour is how often they succeeded.
import type { ElementDefinition } from "cytoscape";

export interface GraphNodeFields {
  agentName: string;
  executionCount: number;
  successCount: number;
  failureCount: number;
  successRate?: number | null;
  avgDurationMs?: number | null;
}

export interface GraphEdgeFields {
  source: string;
  target: string;
  count: number;
  successCount: number;
  failureCount: number;
  successRate?: number | null;
  firstAt: string;
  lastAt: string;
}

/** Success rate → colour: red at or below 50 %, amber at 75 %, green at 100 %; grey when unknown. */
export const RATE_STOPS: readonly { rate: number; color: string }[] = [
  { rate: 0.5, color: "#d92d20" },
  { rate: 0.75, color: "#f79009" },
  { rate: 1, color: "#17b26a" },
];
export const UNKNOWN_RATE_COLOR = "#98a2b3";

export function rateColor(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return UNKNOWN_RATE_COLOR;
  const first = RATE_STOPS[0] as (typeof RATE_STOPS)[number];
  if (rate <= first.rate) return first.color;
  for (let i = 1; i < RATE_STOPS.length; i++) {
    const lo = RATE_STOPS[i - 1] as (typeof RATE_STOPS)[number];
    const hi = RATE_STOPS[i] as (typeof RATE_STOPS)[number];
    if (rate <= hi.rate) return mix(lo.color, hi.color, (rate - lo.rate) / (hi.rate - lo.rate));
  }
  return (RATE_STOPS[RATE_STOPS.length - 1] as (typeof RATE_STOPS)[number]).color;
}

function mix(a: string, b: string, t: number): string {
  const channel = (hex: string, i: number) => Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  const out = [0, 1, 2].map((i) => Math.round(channel(a, i) + (channel(b, i) - channel(a, i)) * t));
  return `#${out.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

export const NODE_SIZE = { min: 36, max: 96 };
export const EDGE_WIDTH = { min: 1.5, max: 10 };

/** Area grows with the count (so size follows the square root), scaled to the busiest. */
export function scaled(value: number, max: number, range: { min: number; max: number }): number {
  if (max <= 0 || value <= 0) return range.min;
  return range.min + (range.max - range.min) * Math.sqrt(Math.min(1, value / max));
}

export const edgeId = (source: string, target: string) => `${source}→${target}`;

/** Circuit states that mark a node (absent: closed). */
export type NodeCircuit = "open" | "half_open";
export const CIRCUIT_NODE = {
  open: { fill: "var(--circuit-open-fill)", label: "circuit open" },
  half_open: { fill: "var(--circuit-half-open-fill)", label: "circuit half-open" },
} as const;

/** A workflow run's root execution is recorded under `workflow:<template>`: not an agent. */
export const WORKFLOW_ROOT_PREFIX = "workflow:";
export const isWorkflowRoot = (name: string) => name.startsWith(WORKFLOW_ROOT_PREFIX);

export function toElements(
  graph: { nodes: readonly GraphNodeFields[]; edges: readonly GraphEdgeFields[] },
  circuits: ReadonlyMap<string, NodeCircuit> = new Map(),
): ElementDefinition[] {
  const maxRuns = Math.max(0, ...graph.nodes.map((n) => n.executionCount));
  const maxHandoffs = Math.max(0, ...graph.edges.map((e) => e.count));
  const nodes: ElementDefinition[] = graph.nodes.map((n) => {
    const circuit = circuits.get(n.agentName) ?? "closed";
    const runs = `${n.executionCount} run${n.executionCount === 1 ? "" : "s"}`;
    return {
      group: "nodes",
      data: {
        ...n,
        id: n.agentName,
        label:
          circuit === "closed" ? `${n.agentName}\n${runs}` : `${n.agentName}\n${runs} · ${CIRCUIT_NODE[circuit].label}`,
        size: scaled(n.executionCount, maxRuns, NODE_SIZE),
        color: rateColor(n.successRate),
        circuit,
        kind: isWorkflowRoot(n.agentName) ? "workflow" : "agent",
      },
    };
  });
  const edges: ElementDefinition[] = graph.edges.map((e) => ({
    group: "edges",
    data: {
      ...e,
      id: edgeId(e.source, e.target),
      label: String(e.count),
      width: scaled(e.count, maxHandoffs, EDGE_WIDTH),
      color: rateColor(e.successRate),
    },
  }));
  return [...nodes, ...edges];
}
