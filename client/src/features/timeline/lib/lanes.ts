// Lanes: one per execution, grouped by handoff tree in pre-order (a parent, then its children by
// start), with collapsed subtrees left out. Everything here is O(n) or O(n log n) over plain arrays,
// so 10,000 executions re-lay out in a few milliseconds.
import type { TimelineExecution, TimeView } from "./types.ts";

const byStart = (a: TimelineExecution, b: TimelineExecution) =>
  a.startMs - b.startMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Pre-order of every tree, the newest root first (children by start under their parent). An
 * execution whose parent is not in the list starts a tree of its own (until its ancestors arrive).
 */
export function orderTrees(executions: readonly TimelineExecution[]): TimelineExecution[] {
  const ids = new Set(executions.map((e) => e.id));
  const roots: TimelineExecution[] = [];
  const children = new Map<string, TimelineExecution[]>();
  for (const e of executions) {
    if (e.parentId && ids.has(e.parentId)) {
      const list = children.get(e.parentId);
      if (list) list.push(e);
      else children.set(e.parentId, [e]);
    } else roots.push(e);
  }
  roots.sort((a, b) => byStart(b, a));
  for (const list of children.values()) list.sort(byStart);
  const out: TimelineExecution[] = [];
  // Iterative, so a pathological chain thousands deep cannot overflow the stack.
  const stack: TimelineExecution[] = [];
  for (const root of roots) {
    stack.push(root);
    while (stack.length) {
      const e = stack.pop() as TimelineExecution;
      out.push(e);
      const kids = children.get(e.id);
      if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as TimelineExecution);
    }
  }
  return out;
}

export interface Lane {
  execution: TimelineExecution;
  /** Indentation: 0 for the first row of a tree shown here. */
  depth: number;
  /** Lane index of the parent, -1 for a tree's top row. */
  parent: number;
  hasChildren: boolean;
  collapsed: boolean;
  /** 0, 1, 0, 1… per tree, for alternate shading. */
  treeParity: 0 | 1;
}

export interface LaneLayout {
  lanes: Lane[];
  /** Lane indices of each lane's visible children. */
  children: number[][];
  indexOf: Map<string, number>;
}

/** The lanes shown for a pre-ordered list when the subtrees of `collapsed` ids are folded away. */
export function visibleLanes(ordered: readonly TimelineExecution[], collapsed: ReadonlySet<string>): LaneLayout {
  const lanes: Lane[] = [];
  const children: number[][] = [];
  const indexOf = new Map<string, number>();
  const depthOf = new Map<string, number>();
  const hasKids = new Set<string>();
  for (const e of ordered) if (e.parentId) hasKids.add(e.parentId);
  let parity: 0 | 1 = 1;
  let skipDepth = -1; // while >= 0, rows deeper than this are inside a collapsed subtree
  for (const e of ordered) {
    const parentDepth = e.parentId === null ? undefined : depthOf.get(e.parentId);
    const depth = parentDepth === undefined ? 0 : parentDepth + 1;
    depthOf.set(e.id, depth);
    if (skipDepth >= 0 && depth > skipDepth) continue;
    skipDepth = -1;
    if (depth === 0) parity = parity === 0 ? 1 : 0;
    const parent = depth === 0 ? -1 : (indexOf.get(e.parentId as string) ?? -1);
    const isCollapsed = collapsed.has(e.id) && hasKids.has(e.id);
    const index = lanes.length;
    lanes.push({
      execution: e,
      depth,
      parent,
      hasChildren: hasKids.has(e.id),
      collapsed: isCollapsed,
      treeParity: parity,
    });
    children.push([]);
    indexOf.set(e.id, index);
    if (parent >= 0) (children[parent] as number[]).push(index);
    if (isCollapsed) skipDepth = depth;
  }
  return { lanes, children, indexOf };
}

/** Ids to unfold so that `id` gets a lane. */
export function collapsedAncestors(
  ordered: readonly TimelineExecution[],
  collapsed: ReadonlySet<string>,
  id: string,
): string[] {
  const byId = new Map(ordered.map((e) => [e.id, e]));
  const out: string[] = [];
  for (let e = byId.get(id); e?.parentId; e = byId.get(e.parentId)) if (collapsed.has(e.parentId)) out.push(e.parentId);
  return out;
}

/**
 * The span of the tree drawn around `id` in a pre-ordered list: from its top row's start to the
 * latest end below it (a running bar ends at `nowMs`). The tree is the top row and the rows after it
 * whose parent is in the tree, as pre-order keeps them together.
 */
export function treeSpan(ordered: readonly TimelineExecution[], id: string, nowMs: number): TimeView | null {
  const index = new Map(ordered.map((e, i) => [e.id, i]));
  let at = index.get(id);
  if (at === undefined) return null;
  for (let p = ordered[at]?.parentId; p && index.has(p); p = ordered[at]?.parentId) at = index.get(p) as number;
  const top = ordered[at] as TimelineExecution;
  const members = new Set([top.id]);
  let startMs = top.startMs;
  let endMs = Math.max(top.startMs, top.endMs ?? nowMs);
  for (let i = at + 1; i < ordered.length; i++) {
    const e = ordered[i] as TimelineExecution;
    if (!e.parentId || !members.has(e.parentId)) break;
    members.add(e.id);
    startMs = Math.min(startMs, e.startMs);
    endMs = Math.max(endMs, e.startMs, e.endMs ?? nowMs);
  }
  return { startMs, endMs };
}
