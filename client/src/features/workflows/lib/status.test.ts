import { describe, expect, it } from "vitest";
import { STATUS_COLORS } from "../../timeline/lib/status-colors.ts";
import { runnerLabel, stepRunners } from "./runner-label.ts";
import { isFinished, SKIPPED_COLOR, statusColor, statusLabel, statusTone } from "./status.ts";

describe("status colours", () => {
  it("borrow the timeline's colours for the same meaning", () => {
    expect(statusColor("succeeded")).toBe(STATUS_COLORS.success);
    expect(statusColor("failed")).toBe(STATUS_COLORS.failure);
    expect(statusColor("running")).toBe(STATUS_COLORS.in_progress);
    expect(statusColor("pending")).toBe(STATUS_COLORS.pending);
    expect(statusColor("cancelled")).toBe(STATUS_COLORS.cancelled);
    expect(statusColor("skipped")).toBe(SKIPPED_COLOR);
    expect(["succeeded", "running", "skipped"].map(statusTone)).toEqual(["success", "in_progress", "skipped"]);
    expect(statusLabel("succeeded")).toBe("Succeeded");
    expect(["pending", "running", "succeeded", "skipped"].map(isFinished)).toEqual([false, false, true, true]);
  });
});

describe("runnerLabel", () => {
  it("says the kind and where it comes from", () => {
    expect(runnerLabel("mock", "step")).toBe("mock (step override)");
    expect(runnerLabel("claude", "agent")).toBe("claude (agent)");
    expect(runnerLabel(null, "agent")).toBe("no runner (agent not registered)");
    expect(runnerLabel(undefined, "agent")).toBe("agent's runner");
  });
});

describe("stepRunners", () => {
  it("takes the API's runner when known, else the step's own override, else the agent's (unknown kind)", () => {
    const runnerOf = stepRunners(
      [
        { id: "a", runnerKind: "claude", runnerSource: "agent" },
        { id: "b", runnerKind: null, runnerSource: "agent" },
      ],
      [
        { id: "a", runnerOverride: null },
        { id: "c", runnerOverride: "mock" },
        { id: "d", runnerOverride: null },
      ],
    );
    expect(["a", "b", "c", "d"].map(runnerOf)).toEqual([
      { kind: "claude", source: "agent" },
      { kind: null, source: "agent" },
      { kind: "mock", source: "step" },
      { kind: undefined, source: "agent" },
    ]);
  });
});
