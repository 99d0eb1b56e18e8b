// Lays a step tree out left → right: a sequence side by side, a parallel group's branches stacked
// in a frame, a hierarchical group as supervisor → stacked workers → aggregate in a frame. Pure
// box arithmetic (no DOM), so the same layout draws the card thumbnail and the detail diagram.
import type { TreeNode, TreeStep } from "./step-tree.ts";

export interface FlowSizes {
  nodeWidth: number;
  nodeHeight: number;
  /** Between consecutive nodes of a sequence (room for the arrow). */
  gapX: number;
  /** Between stacked branches. */
  gapY: number;
  /** Inside a group's frame, on every side. */
  groupPad: number;
  /** Above the frame's content, for its label. */
  groupLabel: number;
}

export const DIAGRAM_SIZES: FlowSizes = {
  nodeWidth: 196,
  nodeHeight: 78,
  gapX: 44,
  gapY: 14,
  groupPad: 10,
  groupLabel: 18,
};

export const THUMBNAIL_SIZES: FlowSizes = {
  nodeWidth: 26,
  nodeHeight: 14,
  gapX: 12,
  gapY: 5,
  groupPad: 4,
  groupLabel: 0,
};

export interface FlowBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  step: TreeStep;
}

/** `next`: one step after another; `delegate`: supervisor → worker; `report`: worker → aggregate. */
export interface FlowEdge {
  from: string;
  to: string;
  kind: "next" | "delegate" | "report";
}

export interface FlowGroup {
  kind: "parallel" | "hierarchical";
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FlowLayout {
  width: number;
  height: number;
  nodes: FlowBox[];
  edges: FlowEdge[];
  /** Outer frames before the frames inside them. */
  groups: FlowGroup[];
}

interface Block extends FlowLayout {
  /** Steps an incoming edge points at, and steps an outgoing edge leaves from. */
  entries: string[];
  exits: string[];
}

const empty = (): Block => ({ width: 0, height: 0, nodes: [], edges: [], groups: [], entries: [], exits: [] });

function shift(b: Block, dx: number, dy: number): Block {
  if (dx === 0 && dy === 0) return b;
  return {
    ...b,
    nodes: b.nodes.map((n) => ({ ...n, x: n.x + dx, y: n.y + dy })),
    groups: b.groups.map((g) => ({ ...g, x: g.x + dx, y: g.y + dy })),
  };
}

const links = (from: string[], to: string[], kind: FlowEdge["kind"]): FlowEdge[] =>
  from.flatMap((f) => to.map((t) => ({ from: f, to: t, kind })));

function stepBlock(step: TreeStep, s: FlowSizes): Block {
  const box = { id: step.id, x: 0, y: 0, width: s.nodeWidth, height: s.nodeHeight, step };
  return { ...empty(), width: s.nodeWidth, height: s.nodeHeight, nodes: [box], entries: [step.id], exits: [step.id] };
}

/** Blocks side by side, centred vertically; `kinds[i]` names the edges from block i to block i+1. */
function row(blocks: Block[], s: FlowSizes, kinds: FlowEdge["kind"][] = []): Block {
  const present = blocks.filter((b) => b.nodes.length > 0);
  if (present.length === 0) return empty();
  const height = Math.max(...present.map((b) => b.height));
  const out: Block = { ...empty(), height, entries: present[0]?.entries ?? [], exits: present.at(-1)?.exits ?? [] };
  let x = 0;
  present.forEach((b, i) => {
    const placed = shift(b, x, (height - b.height) / 2);
    const prev = present[i - 1];
    if (prev) out.edges.push(...links(prev.exits, b.entries, kinds[i - 1] ?? "next"));
    out.nodes.push(...placed.nodes);
    out.edges.push(...placed.edges);
    out.groups.push(...placed.groups);
    x += b.width + s.gapX;
  });
  out.width = x - s.gapX;
  return out;
}

/** Blocks stacked top to bottom, left-aligned: the branches of a parallel group, or the workers. */
function stack(blocks: Block[], s: FlowSizes): Block {
  const present = blocks.filter((b) => b.nodes.length > 0);
  if (present.length === 0) return empty();
  const out: Block = { ...empty(), width: Math.max(...present.map((b) => b.width)) };
  let y = 0;
  for (const b of present) {
    const placed = shift(b, 0, y);
    out.nodes.push(...placed.nodes);
    out.edges.push(...placed.edges);
    out.groups.push(...placed.groups);
    out.entries.push(...b.entries);
    out.exits.push(...b.exits);
    y += b.height + s.gapY;
  }
  out.height = y - s.gapY;
  return out;
}

function framed(inner: Block, kind: FlowGroup["kind"], s: FlowSizes): Block {
  if (inner.nodes.length === 0) return empty();
  const placed = shift(inner, s.groupPad, s.groupPad + s.groupLabel);
  const width = inner.width + 2 * s.groupPad;
  const height = inner.height + 2 * s.groupPad + s.groupLabel;
  return { ...placed, width, height, groups: [{ kind, x: 0, y: 0, width, height }, ...placed.groups] };
}

function nodeBlock(node: TreeNode, s: FlowSizes): Block {
  switch (node.kind) {
    case "step":
      return stepBlock(node, s);
    case "sequential":
      return row(
        node.nodes.map((n) => nodeBlock(n, s)),
        s,
      );
    case "parallel":
      return framed(
        stack(
          node.nodes.map((n) => nodeBlock(n, s)),
          s,
        ),
        "parallel",
        s,
      );
    case "hierarchical": {
      const workers = stack(
        node.workers.map((n) => nodeBlock(n, s)),
        s,
      );
      const parts = [stepBlock(node.supervisor, s), workers, stepBlock(node.aggregate, s)];
      const kinds: FlowEdge["kind"][] = workers.nodes.length ? ["delegate", "report"] : ["next"];
      return framed(row(parts, s, kinds), "hierarchical", s);
    }
  }
}

/** The whole template: its top-level list is a sequence. */
export function layoutFlow(tree: readonly TreeNode[], sizes: FlowSizes = DIAGRAM_SIZES): FlowLayout {
  const { width, height, nodes, edges, groups } = row(
    tree.map((n) => nodeBlock(n, sizes)),
    sizes,
  );
  return { width, height, nodes, edges, groups };
}

/** An S-curve from the right middle of `from` to the left middle of `to`. */
export function edgePath(from: FlowBox, to: FlowBox): string {
  const x1 = from.x + from.width;
  const y1 = from.y + from.height / 2;
  const x2 = to.x;
  const y2 = to.y + to.height / 2;
  const mid = (x1 + x2) / 2;
  return `M${x1} ${y1}C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}`;
}

/** An edge ready to draw: a key for it, and its path between the boxes it joins. */
export interface EdgePath extends FlowEdge {
  key: string;
  d: string;
}

/** The layout's edges as paths (see edgePath); an edge whose ends are not both laid out is left out. */
export function edgePaths(layout: FlowLayout): EdgePath[] {
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  return layout.edges.flatMap((e) => {
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    return from && to ? [{ ...e, key: `${e.from}-${e.to}`, d: edgePath(from, to) }] : [];
  });
}
