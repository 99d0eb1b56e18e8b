// Agent contracts without a server: which schemas an agent may declare, how a template's references
// to outputs and its literal inputs are checked against them when it is saved, and the messages a
// step fails with when a value breaks one at run time.
import { describe, expect, test } from "vitest";
import {
  type AgentContract,
  contractIssues,
  contractViolation,
  literalInputProblems,
  MAX_CONTRACT_BYTES,
  resolvePath,
} from "../../server/engine/contracts.js";
import { validateTemplate } from "../../server/engine/template.js";
import type { JsonSchema } from "../../server/engine/types.js";
import { type FieldIssue, ValidationError } from "../../server/errors.js";

const report: JsonSchema = {
  type: "object",
  required: ["passed"],
  properties: {
    passed: { type: "integer" },
    files: { type: "array", items: { type: "object", properties: { path: { type: "string" } } } },
    meta: { type: "object", properties: { suite: { type: "string" } }, additionalProperties: false },
    free: { type: "object" },
  },
};
const contracts: Record<string, AgentContract> = {
  Tester: { input: { type: "object", required: ["suite"], properties: { suite: { type: "string" } } }, output: report },
  Loose: { input: null, output: null },
};
const lookup = (name: string) => contracts[name] ?? null;

function issues(steps: unknown[]): FieldIssue[] {
  try {
    validateTemplate({ name: "t", steps }, new Set(["Tester", "Loose"]), { contracts: lookup });
    return [];
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return e.issues;
  }
}

describe("contractIssues(): what an agent may declare", () => {
  test("null, absent and valid schemas pass", () => {
    expect(contractIssues(null, "inputSchema")).toEqual([]);
    expect(contractIssues(undefined, "inputSchema")).toEqual([]);
    expect(contractIssues(report, "outputSchema")).toEqual([]);
  });

  test("refusals name the field, down to the offending keyword", () => {
    expect(contractIssues("object", "inputSchema")).toEqual([
      {
        field: "inputSchema",
        message: 'must be a JSON Schema object (e.g. {"type": "object", "properties": {…}}) or null',
      },
    ]);
    expect(contractIssues({ type: "objekt" }, "outputSchema")).toEqual([
      {
        field: "outputSchema.type",
        message:
          'invalid JSON Schema: must be equal to one of the allowed values: "array", "boolean", "integer", "null", "number", "object", "string"',
      },
    ]);
    expect(contractIssues({ type: "object", propertys: {} }, "inputSchema")).toEqual([
      { field: "inputSchema", message: 'invalid JSON Schema: strict mode: unknown keyword: "propertys"' },
    ]);
  });

  test("size and depth are bounded", () => {
    let deep: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 20; i++) deep = { type: "object", properties: { x: deep } };
    expect(contractIssues(deep, "inputSchema")).toEqual([
      { field: "inputSchema", message: "/properties is nested deeper than 32 levels" },
    ]);
    const big = { type: "object", description: "x".repeat(MAX_CONTRACT_BYTES) };
    expect(contractIssues(big, "outputSchema")).toEqual([
      {
        field: "outputSchema",
        message: `is ${JSON.stringify(big).length} bytes of JSON; a contract may have at most ${MAX_CONTRACT_BYTES}`,
      },
    ]);
  });
});

describe("resolvePath(): does a contract declare a field", () => {
  test("declared, missing, forbidden and undescribed paths", () => {
    expect(resolvePath(report, ["passed"])).toEqual({ kind: "declared" });
    expect(resolvePath(report, ["files", 0, "path"])).toEqual({ kind: "declared" });
    expect(resolvePath(report, ["free", "anything"])).toEqual({ kind: "unknown" });
    expect(resolvePath(report, ["pased"])).toEqual({
      kind: "missing",
      closed: false,
      why: "has no field 'pased' (declared: files, free, meta, passed)",
    });
    expect(resolvePath(report, ["meta", "x"])).toEqual({
      kind: "missing",
      closed: true,
      why: "has no field 'x' (declared: suite)",
    });
    expect(resolvePath(report, ["passed", "x"])).toEqual({
      kind: "missing",
      closed: true,
      why: "is an integer, it has no field 'x'",
    });
    expect(resolvePath(report, ["files", "x"])).toEqual({
      kind: "missing",
      closed: true,
      why: "is an array, it has no field 'x'",
    });
    expect(resolvePath({ anyOf: [{ properties: { a: {} } }, { properties: { b: {} } }] }, ["b"])).toEqual({
      kind: "declared",
    });
  });
});

describe("validateTemplate() with contracts: references to outputs", () => {
  test("a field the producer's agent declares passes, nested and indexed too", () => {
    expect(
      issues([
        { id: "a", agent: "Tester", input: { suite: "api" } },
        {
          id: "b",
          agent: "Loose",
          input: { n: "{{steps.a.output.passed}}", p: "{{steps.a.output.files[0].path}}", all: "{{steps.a.output}}" },
        },
      ]),
    ).toEqual([]);
  });

  test("a field no contract declares fails, naming the step and the expression", () => {
    expect(
      issues([
        { id: "a", agent: "Tester", input: { suite: "api" } },
        { id: "b", agent: "Loose", input: { n: "{{steps.a.output.pased}}", deep: ["x {{steps.a.output.meta.x}}"] } },
      ]),
    ).toEqual([
      {
        field: "steps[1].input.n",
        message:
          "step 'b': {{steps.a.output.pased}} reads output.pased of step 'a', but agent Tester's output_schema has no field 'pased' (declared: files, free, meta, passed)",
      },
      {
        field: "steps[1].input.deep[0]",
        message:
          "step 'b': {{steps.a.output.meta.x}} reads output.meta.x of step 'a', but agent Tester's output_schema has no field 'x' (declared: suite)",
      },
    ]);
  });

  test("the step's own output_schema adds fields; an agent without contracts is not checked", () => {
    const steps = (read: string) => [
      {
        id: "a",
        agent: "Tester",
        input: { suite: "api" },
        output_schema: { type: "object", properties: { extra: { type: "string" } } },
      },
      { id: "l", agent: "Loose" },
      { id: "b", agent: "Loose", input: { x: read, y: "{{steps.l.output.whatever}}" } },
    ];
    expect(issues(steps("{{steps.a.output.extra}}"))).toEqual([]);
    expect(issues(steps("{{steps.a.output.other}}"))).toEqual([
      {
        field: "steps[2].input.x",
        message:
          "step 'b': {{steps.a.output.other}} reads output.other of step 'a', but agent Tester's output_schema has no field 'other' (declared: files, free, meta, passed)",
      },
    ]);
  });

  test("an aggregate's {{workers.<id>.field}} is checked against that worker's contracts", () => {
    const template = (field: string) => [
      {
        hierarchical: {
          supervisor: { id: "s", agent: "Loose" },
          workers: [{ id: "w", agent: "Tester", input: { suite: "x" } }],
          aggregate: { id: "agg", input: { got: `{{workers.w.${field}}}` } },
        },
      },
    ];
    expect(issues(template("passed"))).toEqual([]);
    expect(issues(template("failed"))).toEqual([
      {
        field: "steps[0].hierarchical.aggregate.input.got",
        message:
          "step 'agg': {{workers.w.failed}} reads output.failed of step 'w', but agent Tester's output_schema has no field 'failed' (declared: files, free, meta, passed)",
      },
    ]);
  });
});

describe("validateTemplate() with contracts: literal inputs", () => {
  test("a literal object missing a required field fails; an expression may provide anything", () => {
    expect(issues([{ id: "a", agent: "Tester", input: { mode: "x" } }])).toEqual([
      { field: "steps[0].input", message: "step 'a': input breaks agent Tester's input_schema: /suite is required" },
    ]);
    expect(issues([{ id: "a", agent: "Tester" }])).toEqual([
      { field: "steps[0].input", message: "step 'a': input breaks agent Tester's input_schema: /suite is required" },
    ]);
    expect(issues([{ id: "a", agent: "Tester", input: { suite: 7 } }])).toEqual([
      { field: "steps[0].input", message: "step 'a': input breaks agent Tester's input_schema: /suite must be string" },
    ]);
    expect(issues([{ id: "a", agent: "Tester", input: { suite: "{{params.s}}" } }]).map((i) => i.message)).toEqual([
      "step 'a': unknown parameter 's' in {{params.s}}",
    ]);
  });

  test("literalInputProblems() gives an expression the benefit of the doubt, not a literal beside it", () => {
    const schema: JsonSchema = {
      type: "object",
      required: ["a", "b"],
      properties: { a: { type: "integer" }, b: { type: "object", required: ["c"] } },
    };
    expect(literalInputProblems({ a: "{{params.a}}", b: "{{steps.x.output}}" }, schema)).toEqual([]);
    expect(literalInputProblems({ a: "{{params.a}}", b: { d: "{{params.d}}" } }, schema)).toEqual([
      { at: "/b", message: "/b/c is required" },
    ]);
    expect(literalInputProblems("{{params.all}}", schema)).toEqual([]);
  });
});

describe("contractViolation(): run-time messages name the path", () => {
  test("each problem with its path; null when the value satisfies the contract", () => {
    expect(contractViolation(report, { passed: 3, files: [{ path: "a" }] })).toBeNull();
    expect(contractViolation(report, { passed: "3", files: [{ path: 1 }] })).toBe(
      "/passed must be integer; /files/0/path must be string",
    );
    expect(contractViolation(report, {})).toBe("/passed is required");
    expect(contractViolation(report, [])).toBe("(root) must be object");
  });
});
