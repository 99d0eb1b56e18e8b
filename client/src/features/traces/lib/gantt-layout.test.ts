import { describe, expect, test } from "vitest";
import { fitTree, layoutArrows, layoutGantt, MIN_BAR_WIDTH, relativeTicks, shortMs } from "./gantt-layout.ts";
import { type TraceSpan, treeRows } from "./trace-model.ts";

const span = (id: string, parentId: string | null, startMs: number, endMs: number | null): TraceSpan => ({
  id,
  parentId,
  agentName: id,
  status: "success",
  startMs,
  endMs,
  error: null,
  text: id,
});
/** A label 6 px per character, for exact placements. */
const measure = (text: string) => text.length * 6;

describe("trace Gantt layout", () => {
  // root 0–1000 ms; seq 1000–1500 (after root); inner 100–101 (1 ms, inside root); live 200–now.
  const rows = treeRows(
    [
      span("root", null, 0, 1000),
      span("seq", "root", 1000, 1500),
      span("inner", "root", 100, 101),
      span("live", "root", 200, null),
    ],
    "root",
  );
  const now = 1500;

  test("fits the tree with 2 % room each side, unfinished executions ending now", () => {
    expect(fitTree(rows, now)).toEqual({ startMs: -30, endMs: 1530 });
  });

  test("bars: minimum width, duration labels inside, right, or left when the right has no room", () => {
    const view = { startMs: 0, endMs: 1500 };
    const bars = layoutGantt(rows, view, 300, now, measure);
    expect(bars.map((b) => [b.id, b.x0, b.x1, b.label, b.labelAt, b.labelX])).toEqual([
      // 1 s = 200 px; "1 s" is 18 px: inside, 4 px in.
      ["root", 0, 200, "1 s", "inside", 4],
      // 1 ms = 0.2 px: widened to 4 px around its middle; "1 ms" (24 px) to its right.
      ["inner", 20.1 - MIN_BAR_WIDTH / 2, 20.1 + MIN_BAR_WIDTH / 2, "1 ms", "right", 20.1 + 2 + 4],
      // running 200–1500: "running 1.3 s" is 78 px, the bar 260 px.
      ["live", 40, 300, "running 1.3 s", "inside", 44],
      // 500 ms = 100 px: "500 ms" (36 px) fits inside.
      ["seq", 200, 300, "500 ms", "inside", 204],
    ]);
    const narrow = layoutGantt(rows, view, 240, now, measure);
    expect(narrow.find((b) => b.id === "seq")).toMatchObject({ x0: 160, x1: 240, labelAt: "inside" });
    const tight = layoutGantt(rows, { startMs: 0, endMs: 6000 }, 300, now, measure);
    // seq is 25 px (50–75), "500 ms" needs 44 inside; the right has room.
    expect(tight.find((b) => b.id === "seq")).toMatchObject({ x0: 50, x1: 75, labelAt: "right", labelX: 79 });
    const edge = layoutGantt(rows, { startMs: 0, endMs: 1550 }, 93, now, measure);
    // seq ends at 90 px of 93: no room right for 36 px, so left of its start (60 − 4 − 36).
    expect(edge.find((b) => b.id === "seq")).toMatchObject({ labelAt: "left", labelX: 60 - 4 - 36 });
  });

  test("arrows: from the parent's end for a handoff after it, from the child's start for one during it", () => {
    const bars = layoutGantt(rows, { startMs: 0, endMs: 1500 }, 300, now, measure);
    expect(layoutArrows(rows, bars, now).map((a) => [a.from, a.to, a.x, a.toX])).toEqual([
      ["root", "inner", bars[1]?.x0, bars[1]?.x0],
      ["root", "live", 40, 40],
      ["root", "seq", 200, 200],
    ]);
  });

  test("relative ticks on a 1-2-5 step, labelled from the tree's start", () => {
    expect(relativeTicks({ startMs: 1000, endMs: 2000 }, 400, 1000).map((t) => t.label)).toEqual([
      "0",
      "+200 ms",
      "+400 ms",
      "+600 ms",
      "+800 ms",
      "+1 s",
    ]);
    expect(shortMs(65_000)).toBe("1 min 5 s");
    expect(shortMs(7_260_000)).toBe("2 h 1 min");
  });
});
