import { describe, expect, it } from "vitest";
import { EDGE_WIDTH, edgeId, NODE_SIZE, rateColor, scaled, toElements, UNKNOWN_RATE_COLOR } from "./graph-elements.ts";

describe("rateColor", () => {
  it("runs red → amber → green over the success rate", () => {
    expect(rateColor(0)).toBe("#d92d20");
    expect(rateColor(0.5)).toBe("#d92d20");
    expect(rateColor(0.75)).toBe("#f79009");
    expect(rateColor(1)).toBe("#17b26a");
    expect(rateColor(null)).toBe(UNKNOWN_RATE_COLOR);
  });

  it("mixes between stops", () => {
    const c = rateColor(0.875);
    expect(c).not.toBe("#f79009");
    expect(c).not.toBe("#17b26a");
    expect(c).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe("toElements", () => {
  const graph = {
    nodes: [
      { agentName: "A", executionCount: 100, successCount: 90, failureCount: 10, successRate: 0.9, avgDurationMs: 5 },
      { agentName: "B", executionCount: 25, successCount: 25, failureCount: 0, successRate: 1, avgDurationMs: null },
    ],
    edges: [
      {
        source: "A",
        target: "B",
        count: 20,
        successCount: 10,
        failureCount: 10,
        successRate: 0.5,
        firstAt: "2026-11-01T00:00:00Z",
        lastAt: "2026-11-02T00:00:00Z",
      },
      {
        source: "A",
        target: "A",
        count: 5,
        successCount: 5,
        failureCount: 0,
        successRate: 1,
        firstAt: "2026-11-01T00:00:00Z",
        lastAt: "2026-11-02T00:00:00Z",
      },
    ],
  };

  it("sizes nodes by executions and widens edges by handoffs", () => {
    const els = toElements(graph);
    const a = els.find((e) => e.data.id === "A");
    const b = els.find((e) => e.data.id === "B");
    expect(a?.data.size).toBe(NODE_SIZE.max);
    expect(b?.data.size).toBeCloseTo(NODE_SIZE.min + (NODE_SIZE.max - NODE_SIZE.min) * 0.5);
    const ab = els.find((e) => e.data.id === edgeId("A", "B"));
    expect(ab?.data).toMatchObject({ source: "A", target: "B", width: EDGE_WIDTH.max, color: "#d92d20" });
    expect(els.find((e) => e.data.id === edgeId("A", "A"))?.data.width).toBeLessThan(EDGE_WIDTH.max);
  });

  it("keeps the figures on the elements for tooltips and tests", () => {
    const a = toElements(graph).find((e) => e.data.id === "A");
    expect(a?.data).toMatchObject({ executionCount: 100, successRate: 0.9, label: "A\n100 runs" });
  });

  it("marks a workflow run's root (workflow:<name>) as a workflow, every other node as an agent", () => {
    const els = toElements({
      nodes: [
        { ...graph.nodes[0], agentName: "workflow:tdd-cycle" },
        { ...graph.nodes[0], agentName: "workflowAgent" },
      ] as typeof graph.nodes,
      edges: [],
    });
    expect(els.map((e) => [e.data.id, e.data.kind])).toEqual([
      ["workflow:tdd-cycle", "workflow"],
      ["workflowAgent", "agent"],
    ]);
  });

  it("never divides by zero", () => {
    expect(scaled(0, 0, NODE_SIZE)).toBe(NODE_SIZE.min);
    expect(toElements({ nodes: [], edges: [] })).toEqual([]);
  });
});
