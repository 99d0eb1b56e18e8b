import { describe, expect, it } from "vitest";
import { type ExecutionFields, type LiveFilter, mergeExecutions, toTimelineExecution } from "./merge.ts";

const iso = (ms: number) => new Date(ms).toISOString();
function fields(id: string, parent: string | null, startMs: number, more: Partial<ExecutionFields> = {}) {
  return {
    id,
    agentName: "TestAgent",
    status: "success",
    timestamp: iso(startMs),
    endedAt: iso(startMs + 1000),
    parentExecutionId: parent,
    rootId: parent ?? id,
    attempt: 1,
    ...more,
  } satisfies ExecutionFields;
}
const all: LiveFilter = { agents: [], statuses: [], startMs: null, endMs: null };
const base = [fields("r", null, 0), fields("a", "r", 2000), fields("r2", null, 10_000)].map((e) =>
  toTimelineExecution(e),
);

describe("toTimelineExecution", () => {
  it("takes the end from endedAt, else from the duration, else runs to now while in progress", () => {
    expect(toTimelineExecution(fields("x", null, 0)).endMs).toBe(1000);
    expect(toTimelineExecution(fields("x", null, 0, { endedAt: null, durationMs: 500 })).endMs).toBe(500);
    expect(toTimelineExecution(fields("x", null, 0, { endedAt: null, status: "in_progress" })).endMs).toBeNull();
    expect(toTimelineExecution(fields("x", null, 0, { endedAt: null, status: "failure" })).endMs).toBe(0);
  });
});

describe("mergeExecutions", () => {
  it("hangs a new child under its parent, after its earlier siblings", () => {
    const { executions, orphans } = mergeExecutions(
      base,
      [{ kind: "recorded", execution: fields("b", "r", 5000) }],
      all,
    );
    expect(executions.map((e) => e.id)).toEqual(["r2", "r", "a", "b"]);
    expect(orphans).toEqual([]);
  });

  it("puts a new tree above the earlier ones (newest first)", () => {
    const { executions } = mergeExecutions(base, [{ kind: "recorded", execution: fields("n", null, 20_000) }], all);
    expect(executions.map((e) => e.id)).toEqual(["n", "r2", "r", "a"]);
  });

  it("updates a shown execution in place: a running bar gets its end", () => {
    const running = mergeExecutions(
      base,
      [{ kind: "recorded", execution: fields("n", null, 20_000, { status: "in_progress", endedAt: null }) }],
      all,
    ).executions;
    expect(running[0]).toMatchObject({ id: "n", endMs: null });
    const done = mergeExecutions(running, [{ kind: "updated", execution: fields("n", null, 20_000) }], all);
    expect(done.executions[0]).toMatchObject({ id: "n", status: "success", endMs: 21_000 });
  });

  it("keeps an update that stops matching the filter, and ignores new executions that do not match", () => {
    const failures: LiveFilter = { ...all, statuses: ["failure"] };
    const shown = [toTimelineExecution(fields("f", null, 0, { status: "in_progress", endedAt: null }))];
    const updated = mergeExecutions(shown, [{ kind: "updated", execution: fields("f", null, 0) }], failures);
    expect(updated.executions[0]?.status).toBe("success");
    const ignored = mergeExecutions(shown, [{ kind: "recorded", execution: fields("g", null, 5) }], failures);
    expect(ignored.changed).toBe(false);
  });

  it("applies the agent and date filters to new executions", () => {
    const filter: LiveFilter = { ...all, agents: ["CodeAgent"], startMs: 0, endMs: 50_000 };
    const events = [
      { kind: "recorded", execution: fields("x", null, 1000) },
      { kind: "recorded", execution: fields("y", null, 1000, { agentName: "CodeAgent" }) },
      { kind: "recorded", execution: fields("z", null, 60_000, { agentName: "CodeAgent" }) },
    ];
    expect(mergeExecutions([], events, filter).executions.map((e) => e.id)).toEqual(["y"]);
  });

  it("reports orphans, then places them under ancestors fetched as context", () => {
    const event = { kind: "recorded", execution: fields("o", "hidden", 3000) };
    const first = mergeExecutions(base, [event], all);
    expect(first.orphans).toEqual(["o"]);
    const second = mergeExecutions(first.executions, [], all, [fields("hidden", "r", 2500)]);
    expect(second.executions.map((e) => [e.id, e.context])).toEqual([
      ["r2", false],
      ["r", false],
      ["a", false],
      ["hidden", true],
      ["o", false],
    ]);
  });

  it("away from now, counts each new tree once (held) and still hangs a new handoff under a shown tree", () => {
    const away: LiveFilter = { ...all, startMs: 0, endMs: 100_000, onlyShown: true };
    const r = mergeExecutions(
      base,
      [
        { kind: "recorded", execution: fields("n1", null, 20_000) },
        { kind: "recorded", execution: fields("n1c", "n1", 21_000, { rootId: "n1" }) },
        { kind: "updated", execution: fields("n1", null, 20_000, { endedAt: iso(25_000) }) },
        { kind: "recorded", execution: fields("n2", null, 30_000) },
        // Outside the range: neither drawn nor counted.
        { kind: "recorded", execution: fields("late", null, 200_000) },
        { kind: "recorded", execution: fields("b", "r", 5000) },
      ],
      away,
    );
    expect(r.held).toEqual(["n1", "n2"]);
    expect(r.executions.map((e) => e.id)).toEqual(["r2", "r", "a", "b"]);
  });
});
