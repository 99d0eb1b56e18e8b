import { describe, expect, it } from "vitest";
import { comparable, computeChange } from "./change.ts";

describe("change against the previous period", () => {
  it("counts executions relatively, neither good nor bad", () => {
    expect(computeChange("executions", 1125, 1000)).toMatchObject({
      direction: "up",
      arrow: "▲",
      text: "12.5%",
      tone: "neutral",
    });
    expect(computeChange("executions", 50, 200)).toMatchObject({ direction: "down", text: "75%", tone: "neutral" });
    expect(computeChange("executions", 2400, 100)).toMatchObject({ text: "2,300%" });
  });

  it("moves the success rate in percentage points; up is good", () => {
    expect(computeChange("successRate", 0.95, 0.927)).toMatchObject({ direction: "up", text: "2.3 pts", tone: "good" });
    expect(computeChange("successRate", 0.8, 0.9)).toMatchObject({ direction: "down", text: "10 pts", tone: "bad" });
  });

  it("treats longer durations as bad news and shorter as good", () => {
    expect(computeChange("avgDuration", 1100, 1000)).toMatchObject({ direction: "up", text: "10%", tone: "bad" });
    expect(computeChange("p95Duration", 900, 1000)).toMatchObject({ direction: "down", text: "10%", tone: "good" });
  });

  it("calls a change that rounds to zero flat", () => {
    expect(computeChange("executions", 10_000, 10_001)).toMatchObject({ direction: "flat", arrow: "→", text: "0%" });
    expect(computeChange("successRate", 0.9, 0.9)).toMatchObject({ direction: "flat", text: "0 pts" });
  });

  it("shows a dash when either period has no figure", () => {
    expect(computeChange("executions", 5, null)).toMatchObject({ direction: "none", text: "—", arrow: "" });
    expect(computeChange("successRate", null, 0.9)).toMatchObject({ direction: "none", text: "—" });
    expect(computeChange("avgDuration", 300, 0)).toMatchObject({ direction: "none" });
  });

  it("compares only periods that had executions", () => {
    expect(comparable(0, 0)).toBeNull();
    expect(comparable(12, 12)).toBe(12);
    expect(comparable(null, 3)).toBeNull();
  });
});
