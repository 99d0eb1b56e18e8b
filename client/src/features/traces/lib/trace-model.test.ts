import { describe, expect, test } from "vitest";
import {
  agentGraph,
  errorsFirst,
  matchingIds,
  searchWords,
  spanText,
  type TraceSpan,
  treeRows,
} from "./trace-model.ts";

const span = (
  id: string,
  parentId: string | null,
  agentName: string,
  startMs: number,
  status = "success",
): TraceSpan => ({
  id,
  parentId,
  agentName,
  status: status as TraceSpan["status"],
  startMs,
  endMs: startMs + 10,
  error: null,
  text: spanText({ id, agentName }),
});

// r → a (t 1) → a1 (t 2); r → b (t 5, failed); r → c (t 3).
const spans = [
  span("b", "r", "CodeAgent", 5, "failure"),
  span("a1", "a", "BuildAgent", 2),
  span("r", null, "TestAgent", 0),
  span("c", "r", "TestAgent", 3),
  span("a", "r", "CodeAgent", 1),
];

describe("trace model", () => {
  test("rows depth first, children by start, with depth and the parent's row", () => {
    expect(treeRows(spans, "r").map((row) => [row.span.id, row.depth, row.parent])).toEqual([
      ["r", 0, -1],
      ["a", 1, 0],
      ["a1", 2, 1],
      ["c", 1, 0],
      ["b", 1, 0],
    ]);
  });

  test("failed first, then the rest, each by start", () => {
    expect(errorsFirst(spans).map((s) => s.id)).toEqual(["b", "r", "a", "a1", "c"]);
  });

  test("search: every word, case-insensitive, in id, agent, inputs, outputs and error", () => {
    expect(searchWords("  Build, AGENT build ")).toEqual(["build", "agent"]);
    const withText = [
      {
        ...span("x", null, "DocsAgent", 0),
        text: spanText({ id: "x", agentName: "DocsAgent", inputs: { q: "Flaky test" }, error: "Out of memory" }),
      },
      { ...span("y", null, "TestAgent", 0), text: spanText({ id: "y", agentName: "TestAgent", outputs: ["flaky"] }) },
    ];
    expect([...matchingIds(withText, searchWords("flaky"))]).toEqual(["x", "y"]);
    expect([...matchingIds(withText, searchWords("flaky memory"))]).toEqual(["x"]);
    expect([...matchingIds(withText, searchWords("testagent"))]).toEqual(["y"]);
    expect([...matchingIds(withText, [])]).toEqual([]);
  });

  test("agent graph: executions and failures per agent, handoffs counted per agent pair", () => {
    expect(agentGraph(spans)).toEqual({
      nodes: [
        { agent: "BuildAgent", executions: 1, failures: 0 },
        { agent: "CodeAgent", executions: 2, failures: 1 },
        { agent: "TestAgent", executions: 2, failures: 0 },
      ],
      edges: [
        { source: "CodeAgent", target: "BuildAgent", handoffs: 1 },
        { source: "TestAgent", target: "CodeAgent", handoffs: 2 },
        { source: "TestAgent", target: "TestAgent", handoffs: 1 },
      ],
    });
  });
});
