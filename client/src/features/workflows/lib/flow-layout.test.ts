import { describe, expect, it } from "vitest";
import { edgePath, edgePaths, type FlowBox, type FlowSizes, layoutFlow } from "./flow-layout.ts";
import { parseStepTree, type TreeStep, treeSteps } from "./step-tree.ts";

/** Small numbers so every coordinate can be checked by hand. */
const S: FlowSizes = { nodeWidth: 10, nodeHeight: 4, gapX: 2, gapY: 1, groupPad: 1, groupLabel: 2 };

const step = (id: string, agent = "A", role: TreeStep["role"] = "step"): TreeStep => ({
  kind: "step",
  id,
  agent,
  role,
  optional: false,
  runnerOverride: null,
});

/** `{ id: [x, y] }` of the laid-out nodes. */
const positions = (tree: unknown) =>
  Object.fromEntries(layoutFlow(parseStepTree(tree), S).nodes.map((n) => [n.id, [n.x, n.y]]));

describe("parseStepTree", () => {
  it("reads steps and groups, with roles, overrides and the aggregate's inherited agent", () => {
    const tree = parseStepTree([
      { id: "a", agent: "Alpha", runner: { kind: "mock", settings: {} } },
      { parallel: [{ id: "b", agent: "Beta", optional: true }, { sequential: [{ id: "c", agent: "Gamma" }] }] },
      {
        hierarchical: {
          supervisor: { id: "s", agent: "Boss" },
          workers: [{ id: "w", agent: "Worker" }],
          aggregate: { id: "g" },
        },
      },
    ]);
    expect(tree).toEqual([
      { kind: "step", id: "a", agent: "Alpha", role: "step", optional: false, runnerOverride: "mock" },
      {
        kind: "parallel",
        nodes: [
          { kind: "step", id: "b", agent: "Beta", role: "step", optional: true, runnerOverride: null },
          { kind: "sequential", nodes: [step("c", "Gamma")] },
        ],
      },
      {
        kind: "hierarchical",
        supervisor: step("s", "Boss", "supervisor"),
        workers: [step("w", "Worker", "worker")],
        aggregate: step("g", "Boss", "aggregate"),
      },
    ]);
    expect(treeSteps(tree).map((s) => s.id)).toEqual(["a", "b", "c", "s", "w", "g"]);
  });

  it("leaves out what it cannot read instead of throwing", () => {
    expect(parseStepTree(null)).toEqual([]);
    expect(parseStepTree({ id: "x" })).toEqual([]);
    expect(
      parseStepTree([42, "x", { agent: "NoId" }, { hierarchical: { workers: [] } }, { id: "ok", agent: "A" }]),
    ).toEqual([step("ok")]);
  });
});

describe("layoutFlow", () => {
  it("puts a sequence side by side with one arrow between neighbours", () => {
    const layout = layoutFlow(
      parseStepTree([
        { id: "a", agent: "A" },
        { id: "b", agent: "A" },
      ]),
      S,
    );
    expect(layout).toEqual({
      width: 22,
      height: 4,
      nodes: [
        { id: "a", x: 0, y: 0, width: 10, height: 4, step: step("a") },
        { id: "b", x: 12, y: 0, width: 10, height: 4, step: step("b") },
      ],
      edges: [{ from: "a", to: "b", kind: "next" }],
      groups: [],
    });
  });

  it("stacks parallel branches in a frame; the steps around fork into and join from every branch", () => {
    const tree = [
      { id: "a", agent: "A" },
      {
        parallel: [
          { id: "b", agent: "A" },
          {
            sequential: [
              { id: "c", agent: "A" },
              { id: "d", agent: "A" },
            ],
          },
        ],
      },
      { id: "e", agent: "A" },
    ];
    const layout = layoutFlow(parseStepTree(tree), S);
    expect(positions(tree)).toEqual({ a: [0, 4.5], b: [13, 3], c: [13, 8], d: [25, 8], e: [38, 4.5] });
    expect(layout.width).toBe(48);
    expect(layout.height).toBe(13);
    expect(layout.groups).toEqual([{ kind: "parallel", x: 12, y: 0, width: 24, height: 13 }]);
    expect(layout.edges).toEqual([
      { from: "a", to: "b", kind: "next" },
      { from: "a", to: "c", kind: "next" },
      { from: "c", to: "d", kind: "next" },
      { from: "b", to: "e", kind: "next" },
      { from: "d", to: "e", kind: "next" },
    ]);
  });

  it("draws a hierarchical group as supervisor → stacked workers → aggregate", () => {
    const tree = [
      {
        hierarchical: {
          supervisor: { id: "s", agent: "Boss" },
          workers: [
            { id: "w1", agent: "W" },
            { id: "w2", agent: "W" },
          ],
          aggregate: { id: "g" },
        },
      },
    ];
    const layout = layoutFlow(parseStepTree(tree), S);
    expect(positions(tree)).toEqual({ s: [1, 5.5], w1: [13, 3], w2: [13, 8], g: [25, 5.5] });
    expect([layout.width, layout.height]).toEqual([36, 13]);
    expect(layout.groups).toEqual([{ kind: "hierarchical", x: 0, y: 0, width: 36, height: 13 }]);
    expect(layout.edges).toEqual([
      { from: "s", to: "w1", kind: "delegate" },
      { from: "s", to: "w2", kind: "delegate" },
      { from: "w1", to: "g", kind: "report" },
      { from: "w2", to: "g", kind: "report" },
    ]);
  });

  it("nests frames: a parallel group inside workers sits in the hierarchical frame, outer frame first", () => {
    const tree = [
      {
        hierarchical: {
          supervisor: { id: "s", agent: "B" },
          workers: [{ parallel: [{ id: "p", agent: "W" }] }],
          aggregate: { id: "g" },
        },
      },
    ];
    const layout = layoutFlow(parseStepTree(tree), S);
    // Workers block: the framed parallel group, 12 × 8; the row is 10 + 2 + 12 + 2 + 10 = 36 wide.
    expect(layout.groups).toEqual([
      { kind: "hierarchical", x: 0, y: 0, width: 38, height: 12 },
      { kind: "parallel", x: 13, y: 3, width: 12, height: 8 },
    ]);
    expect(positions(tree)).toEqual({ s: [1, 5], p: [14, 6], g: [27, 5] });
  });

  it("is empty for an empty tree", () => {
    expect(layoutFlow([], S)).toEqual({ width: 0, height: 0, nodes: [], edges: [], groups: [] });
  });
});

describe("edgePath", () => {
  it("runs from the right middle of one box to the left middle of the next", () => {
    const from = { id: "a", x: 0, y: 4.5, width: 10, height: 4, step: step("a") };
    const to = { id: "b", x: 13, y: 3, width: 10, height: 4, step: step("b") };
    expect(edgePath(from, to)).toBe("M10 6.5C11.5 6.5 11.5 5 13 5");
  });
});

describe("edgePaths", () => {
  it("gives every edge its path between the two boxes, keyed by its ends", () => {
    const layout = layoutFlow(
      parseStepTree([
        { id: "a", agent: "A" },
        { id: "b", agent: "B" },
      ]),
      S,
    );
    const [a, b] = layout.nodes as [FlowBox, FlowBox];
    expect(edgePaths(layout)).toEqual([{ from: "a", to: "b", kind: "next", key: "a-b", d: edgePath(a, b) }]);
  });

  it("leaves out an edge whose ends are not both laid out", () => {
    const layout = {
      width: 10,
      height: 4,
      nodes: [],
      edges: [{ from: "a", to: "b", kind: "next" as const }],
      groups: [],
    };
    expect(edgePaths(layout)).toEqual([]);
  });
});
