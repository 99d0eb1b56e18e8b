// Parsing one recorded execution (`normaliseRecord`): typed input (what GraphQL hands over) takes
// a path without zod, anything else goes through zod. Both must decide alike: the same parse for
// accepted records, the same refusal (field and message) for the rest. Expected values are
// written out by hand.
import { describe, expect, test } from "vitest";
import { ValidationError } from "../../server/errors.js";
import { normaliseRecord, type RecordInput } from "../../server/modules/execution/execution.validation.js";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const LIMIT = 64;

function parse(record: Record<string, unknown>, at = "executions[3].") {
  return normaliseRecord(record as RecordInput, at, LIMIT, NOW);
}

function refusal(record: Record<string, unknown>): { field: string; message: string }[] {
  try {
    parse(record);
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => ({ field: i.field, message: i.message }));
    throw e;
  }
  throw new Error("accepted");
}

describe("normaliseRecord", () => {
  test("typed input: every field kept, nulls read as absent, the name trimmed, JSON as text", () => {
    expect(
      parse({
        id: "run-1_a",
        agentName: "  TestAgent ",
        status: "success",
        timestamp: new Date("2026-11-01T10:00:00.000Z"),
        endedAt: null,
        durationMs: 1500,
        inputs: { task: "ä", n: [1, 2] },
        outputs: null,
        error: null,
        parentExecutionId: "root",
        workflowId: null,
        workflowRunId: "wr",
        workflowStepId: "step one",
        attempt: 1000,
      }),
    ).toEqual({
      id: "run-1_a",
      agentName: "TestAgent",
      status: "success",
      timestamp: new Date("2026-11-01T10:00:00.000Z"),
      endedAt: new Date("2026-11-01T10:00:01.500Z"),
      durationMs: 1500,
      inputs: '{"task":"ä","n":[1,2]}',
      outputs: null,
      error: null,
      parentExecutionId: "root",
      workflowId: null,
      workflowRunId: "wr",
      workflowStepId: "step one",
      attempt: 1000,
      model: null,
      inputTokens: null,
      outputTokens: null,
      costUsd: null,
    });
  });

  test("untyped input (ISO strings, as the seed writes) parses to the same record", () => {
    const typed = parse({
      agentName: "A",
      status: "failure",
      timestamp: new Date("2026-11-01T10:00:00Z"),
      endedAt: new Date("2026-11-01T10:00:02Z"),
    });
    const text = parse({
      agentName: "A",
      status: "failure",
      timestamp: "2026-11-01T10:00:00Z",
      endedAt: "2026-11-01T10:00:02Z",
    });
    expect(text).toEqual(typed);
    expect(text).toMatchObject({ id: null, durationMs: 2000, timestamp: new Date("2026-11-01T10:00:00Z"), attempt: 1 });
  });

  test("defaults: start is now, attempt 1, no end while pending", () => {
    expect(parse({ agentName: "A", status: "pending" })).toMatchObject({
      timestamp: NOW,
      endedAt: null,
      durationMs: null,
      attempt: 1,
    });
  });

  test.each([
    [{ agentName: "   ", status: "success" }, "executions[3].agentName", "must not be empty"],
    [{ agentName: "x".repeat(129), status: "success" }, "executions[3].agentName", "must be at most 128 characters"],
    [
      { agentName: "A", status: "success", id: "has space" },
      "executions[3].id",
      "may use only letters, digits, '_' and '-'",
    ],
    [{ agentName: "A", status: "success", id: "x".repeat(65) }, "executions[3].id", "must be at most 64 characters"],
    [{ agentName: "A", status: "success", attempt: 0 }, "executions[3].attempt", "must be ≥ 1"],
    [{ agentName: "A", status: "success", durationMs: -1 }, "executions[3].durationMs", "must be ≥ 0"],
    [
      { agentName: "A", status: "success", error: "e".repeat(20_001) },
      "executions[3].error",
      "must be at most 20000 characters",
    ],
    [
      { agentName: "A", status: "success", timestamp: "not a date" },
      "executions[3].timestamp",
      "must be an ISO-8601 timestamp",
    ],
    [
      { agentName: "A", status: "success", timestamp: new Date(Number.NaN) },
      "executions[3].timestamp",
      "must be an ISO-8601 timestamp",
    ],
  ])("refuses %j at its field with zod's message", (record, field, message) => {
    expect(refusal(record)).toEqual([{ field, message }]);
  });

  test("an empty id breaks two rules, and both are named", () => {
    expect(refusal({ agentName: "A", status: "success", parentExecutionId: "" })).toEqual([
      { field: "executions[3].parentExecutionId", message: "must not be empty" },
      { field: "executions[3].parentExecutionId", message: "may use only letters, digits, '_' and '-'" },
    ]);
  });

  test("the boundaries themselves are accepted", () => {
    expect(
      parse({
        agentName: "x".repeat(128),
        status: "success",
        id: "i".repeat(64),
        attempt: 1,
        durationMs: 0,
        error: "e".repeat(20_000),
      }),
    ).toMatchObject({
      agentName: "x".repeat(128),
      id: "i".repeat(64),
      durationMs: 0,
      attempt: 1,
    });
  });

  test("JSON is limited in UTF-8 bytes of its text: 64 bytes pass, 65 do not", () => {
    // '"' + 62 × "a" + '"' is 64 bytes; "é" is two bytes in UTF-8 but one UTF-16 unit.
    expect(parse({ agentName: "A", status: "success", inputs: "a".repeat(62) }).inputs).toBe(`"${"a".repeat(62)}"`);
    expect(refusal({ agentName: "A", status: "success", outputs: `é${"a".repeat(61)}` })).toEqual([
      { field: "executions[3].outputs", message: "is 65 bytes; the limit is 64 bytes" },
    ]);
  });

  test("times must agree: no end before the start, no end while in progress", () => {
    const start = new Date("2026-11-01T10:00:00Z");
    expect(
      refusal({ agentName: "A", status: "success", timestamp: start, endedAt: new Date("2026-11-01T09:59:59Z") }),
    ).toEqual([{ field: "executions[3].endedAt", message: "must not be before timestamp" }]);
    expect(refusal({ agentName: "A", status: "in_progress", timestamp: start, durationMs: 5 })).toEqual([
      { field: "executions[3].durationMs", message: "must be empty while status is in_progress" },
    ]);
  });
});
