import { describe, expect, it } from "vitest";
import { visibleLanes } from "./lanes.ts";
import { barEndMs, type Geometry, hitTest, layoutArrows, layoutBars, visibleLaneRange } from "./layout.ts";
import { STATUS_COLORS } from "./status-colors.ts";
import type { TimelineExecution } from "./types.ts";

function exec(id: string, parentId: string | null, startMs: number, endMs: number | null, status = "success") {
  return {
    id,
    agentName: `Agent-${id}`,
    status,
    startMs,
    endMs,
    parentId,
    rootId: id,
    attempt: 1,
    context: false,
  } as TimelineExecution;
}

const geometry: Geometry = {
  view: { startMs: 0, endMs: 1000 },
  width: 1000,
  height: 40 + 5 * 20,
  scrollTop: 0,
  rowHeight: 20,
  axisHeight: 40,
  barHeight: 12,
  nowMs: 900,
  minBarWidth: 3,
};

describe("bar layout", () => {
  const lanes = visibleLanes(
    [
      exec("root", null, 100, 300),
      exec("seq", "root", 400, 500, "failure"),
      exec("run", "root", 200, null, "in_progress"),
      exec("dot", null, 600, 600, "cancelled"),
    ],
    new Set(),
  );

  it("places each bar in its lane, from start to end, coloured by status", () => {
    const bars = layoutBars(lanes, geometry);
    expect(bars.map((b) => b.id)).toEqual(["root", "seq", "run", "dot"]);
    expect(bars[0]).toMatchObject({ x: 100, width: 200, y: 44, height: 12, color: STATUS_COLORS.success });
    expect(bars[1]).toMatchObject({ y: 64, color: STATUS_COLORS.failure });
  });

  it("grows a running bar to now and gives an instant a minimum width", () => {
    const bars = layoutBars(lanes, geometry);
    expect(bars[2]).toMatchObject({ x: 200, width: 700, color: STATUS_COLORS.in_progress });
    expect(bars[3]?.width).toBe(3);
    expect(barEndMs(exec("x", null, 50, null), 10)).toBe(50);
  });

  it("clamps bars to the canvas and drops those outside the time window", () => {
    const bars = layoutBars(lanes, { ...geometry, view: { startMs: 250, endMs: 450 } });
    expect(bars.map((b) => b.id)).toEqual(["root", "seq", "run"]);
    expect(bars[0]).toMatchObject({ x: 0, width: 250 });
  });

  it("lays out only the lanes in the viewport", () => {
    const many = visibleLanes(
      Array.from({ length: 10_000 }, (_, i) => exec(`e${i}`, null, i, i + 5)),
      new Set(),
    );
    const g = { ...geometry, height: 440, scrollTop: 20 * 5000 };
    expect(visibleLaneRange(many.lanes.length, g)).toEqual({ first: 5000, last: 5020 });
    const bars = layoutBars(many, { ...g, view: { startMs: 4990, endMs: 5030 } });
    expect(bars[0]?.id).toBe("e5000");
    expect(bars.length).toBe(21);
  });
});

describe("handoff arrows", () => {
  it("leaves a sequential handoff from the parent's end, a delegation from its start", () => {
    const layout = visibleLanes(
      [exec("p", null, 100, 300), exec("seq", "p", 400, 500), exec("del", "p", 200, 250)],
      new Set(),
    );
    const arrows = layoutArrows(layout, geometry);
    expect(arrows.map((a) => [a.from, a.to])).toEqual([
      ["p", "seq"],
      ["p", "del"],
    ]);
    expect(arrows[0]?.points).toEqual([
      [300, 56],
      [300, 70],
      [400, 70],
    ]);
    expect(arrows[1]?.points[0]).toEqual([100, 56]);
  });

  it("draws arrows passing through the viewport when both ends are off screen", () => {
    const list = [exec("p", null, 0, 10)];
    for (let i = 0; i < 50; i++) list.push(exec(`x${i}`, `x${i - 1}`, 20 + i, 21 + i));
    (list[1] as TimelineExecution).parentId = "p";
    list.push(exec("late", "p", 900, 950));
    const layout = visibleLanes(list, new Set());
    const arrows = layoutArrows(layout, { ...geometry, scrollTop: 20 * 20 });
    expect(arrows.some((a) => a.from === "p" && a.to === "late")).toBe(true);
  });

  it("hides arrows to the children of a collapsed lane", () => {
    const layout = visibleLanes([exec("p", null, 0, 10), exec("c", "p", 20, 30)], new Set(["p"]));
    expect(layoutArrows(layout, geometry)).toEqual([]);
  });
});

describe("hit test", () => {
  const bars = layoutBars(visibleLanes([exec("a", null, 100, 200), exec("b", null, 500, 501)], new Set()), geometry);

  it("finds the bar under the pointer", () => {
    expect(hitTest(bars, 150, 50)?.id).toBe("a");
    expect(hitTest(bars, 150, 70)).toBeNull();
    expect(hitTest(bars, 600, 50)).toBeNull();
  });

  it("allows a few pixels of slop around thin bars", () => {
    expect(hitTest(bars, 503.5, 70)?.id).toBe("b");
  });
});
