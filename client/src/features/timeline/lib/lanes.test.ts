import { describe, expect, it } from "vitest";
import { collapsedAncestors, orderTrees, treeSpan, visibleLanes } from "./lanes.ts";
import type { TimelineExecution } from "./types.ts";

function exec(id: string, parentId: string | null, startMs: number, more: Partial<TimelineExecution> = {}) {
  return {
    id,
    agentName: `Agent-${id}`,
    status: "success",
    startMs,
    endMs: startMs + 10,
    parentId,
    rootId: id,
    attempt: 1,
    context: false,
    ...more,
  } satisfies TimelineExecution;
}

// r1 ─┬ a ── a1
//     └ b
// r2 ── c
const sample = [
  exec("c", "r2", 35),
  exec("b", "r1", 20),
  exec("a1", "a", 15),
  exec("r2", null, 30),
  exec("a", "r1", 10),
  exec("r1", null, 0),
];

describe("lanes", () => {
  it("orders trees in pre-order: the newest root first, each parent before its children by start", () => {
    expect(orderTrees(sample).map((e) => e.id)).toEqual(["r2", "c", "r1", "a", "a1", "b"]);
  });

  it("starts a tree at an execution whose parent is not shown", () => {
    const order = orderTrees([exec("x", "missing", 5), exec("r", null, 0)]);
    expect(order.map((e) => e.id)).toEqual(["x", "r"]);
  });

  it("indents by depth, links each lane to its parent and alternates tree shading", () => {
    const { lanes, children } = visibleLanes(orderTrees(sample), new Set());
    expect(lanes.map((l) => [l.execution.id, l.depth, l.parent])).toEqual([
      ["r2", 0, -1],
      ["c", 1, 0],
      ["r1", 0, -1],
      ["a", 1, 2],
      ["a1", 2, 3],
      ["b", 1, 2],
    ]);
    expect(children[2]).toEqual([3, 5]);
    expect(lanes.map((l) => l.treeParity)).toEqual([0, 0, 1, 1, 1, 1]);
    expect(lanes.map((l) => l.hasChildren)).toEqual([true, false, true, true, false, false]);
  });

  it("folds the subtree of a collapsed lane away, keeping the lane itself", () => {
    const { lanes } = visibleLanes(orderTrees(sample), new Set(["a"]));
    expect(lanes.map((l) => l.execution.id)).toEqual(["r2", "c", "r1", "a", "b"]);
    expect(lanes[3]?.collapsed).toBe(true);
    const folded = visibleLanes(orderTrees(sample), new Set(["r1"]));
    expect(folded.lanes.map((l) => l.execution.id)).toEqual(["r2", "c", "r1"]);
  });

  it("names the collapsed ancestors hiding an execution", () => {
    expect(collapsedAncestors(orderTrees(sample), new Set(["r1", "a", "r2"]), "a1")).toEqual(["a", "r1"]);
  });

  it("lays out 10,000 executions quickly", () => {
    const many: TimelineExecution[] = [];
    for (let t = 0; t < 2500; t++) {
      many.push(exec(`r${t}`, null, t * 100));
      for (let k = 0; k < 3; k++) many.push(exec(`r${t}-${k}`, k === 0 ? `r${t}` : `r${t}-${k - 1}`, t * 100 + k + 1));
    }
    const started = performance.now();
    const { lanes } = visibleLanes(orderTrees(many), new Set());
    expect(lanes).toHaveLength(10_000);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("finds the span of the tree around any of its rows; a running bar reaches now", () => {
    const ordered = orderTrees(sample);
    // r1 0–10, a 10–20, a1 15–25, b 20–30: the tree spans 0 to 30 from any of its rows.
    expect(treeSpan(ordered, "a1", 1000)).toEqual({ startMs: 0, endMs: 30 });
    expect(treeSpan(ordered, "r1", 1000)).toEqual({ startMs: 0, endMs: 30 });
    expect(treeSpan(ordered, "c", 1000)).toEqual({ startMs: 30, endMs: 45 });
    const running = orderTrees([exec("r", null, 0), exec("k", "r", 5, { endMs: null })]);
    expect(treeSpan(running, "r", 700)).toEqual({ startMs: 0, endMs: 700 });
    expect(treeSpan(running, "nope", 700)).toBeNull();
  });
});
