// The contracts of the seeded agents (agents.ts): what each takes and hands on, as JSON Schemas.
// They describe every field the seeded templates pass and read, so saving a template that reads a
// field no contract declares fails, and a step whose agent hands on something else fails at run time.
// Required fields are only those every caller gives and every implementation (the agent's own
// runner, the templates' mock overrides, the builtins) produces; the rest are typed, not demanded.
import type { AgentContract } from "../engine/contracts.js";
import type { JsonSchema } from "../engine/types.js";

const str = { type: "string" } as const;
const strings = { type: "array", items: { type: "string" } } as const;
const count = { type: "integer", minimum: 0 } as const;
const object = { type: "object" } as const;

/** One failing test as TestAgent reports it. */
const failure: JsonSchema = {
  type: "object",
  properties: { test: str, file: str, line: { type: "integer" }, message: str },
};

/** TestAgent's report: red (failing tests written) or green (suite passes), with counts. */
export const testReport: JsonSchema = {
  type: "object",
  required: ["status", "passed", "failed"],
  properties: {
    status: { type: "string", minLength: 1 },
    suite: str,
    passed: count,
    failed: count,
    skipped: count,
    duration_ms: { type: "number", minimum: 0 },
    coverage: { description: "A fraction from 0 to 1, per-metric figures, or null when not measured" },
    failures: { type: "array", items: failure },
    test_files: strings,
  },
};

/** What the aggregate builtin makes of workers' test reports (a summary step). */
const testSummary: JsonSchema = {
  type: "object",
  required: ["count", "ok", "workers"],
  properties: {
    count: count,
    ok: { type: "boolean" },
    workers: object,
    passed: count,
    failed: count,
    coverage: { type: ["number", "null"] },
    failures: { type: "array" },
  },
};

/** ReviewAgent's verdict on generated docs (builtin docs-review): every mismatch with the code named. */
const docsReview: JsonSchema = {
  type: "object",
  required: ["approved", "checked", "mismatches"],
  properties: { approved: { type: "boolean" }, checked: count, mismatches: { type: "array" }, markdown: str },
};

/** Test suite results merged (builtin test-merge, `baton test merge`): test-parallel's summary step. */
const mergedTestReport: JsonSchema = {
  type: "object",
  required: ["status", "ok", "totals", "suites"],
  properties: {
    status: { enum: ["passed", "failed"] },
    ok: { type: "boolean" },
    totals: object,
    suites: { type: "array" },
    coverage: { type: ["object", "null"] },
    failures: { type: "array" },
    recommendations: strings,
    markdown: str,
  },
};

export const seedContracts: Record<string, AgentContract> = {
  TestAgent: {
    input: {
      type: "object",
      properties: {
        mode: { enum: ["write", "verify"] },
        task: str,
        suite: { type: "string", minLength: 1 },
        test_files: strings,
      },
    },
    // One suite's report, or the merge of several (test-parallel's summary step).
    output: { anyOf: [testReport, mergedTestReport] },
  },
  CodeAgent: {
    input: {
      type: "object",
      required: ["task"],
      properties: { task: { type: "string", minLength: 1 }, test_files: strings, failures: { type: "array" } },
    },
    output: {
      type: "object",
      required: ["status", "files_changed"],
      properties: { status: str, files_changed: strings, test_files: strings, summary: str },
    },
  },
  BuildAgent: {
    input: { type: "object", properties: { out_dir: { type: "string", minLength: 1 }, version: str } },
    output: {
      type: "object",
      properties: {
        status: { enum: ["built", "failed"] },
        out_dir: str,
        artifacts: {
          type: "array",
          items: { type: "object", required: ["path", "bytes"], properties: { path: str, bytes: count } },
        },
        bytes_total: count,
        duration_ms: count,
        exit_code: { type: ["integer", "null"] },
        log_tail: str,
        artifact: str,
        size_kb: { type: "number", minimum: 0 },
      },
    },
  },
  DeployAgent: {
    input: {
      type: "object",
      properties: {
        version: { type: "string", pattern: "^\\d+\\.\\d+\\.\\d+$" },
        environment: { enum: ["staging", "production"] },
        workers: object,
      },
    },
    output: {
      type: "object",
      properties: {
        plan: strings,
        version: str,
        deployed: { type: "boolean" },
        environment: str,
        artifact: str,
        tests_passed: count,
        docs_title: str,
      },
    },
  },
  DocsAgent: {
    input: { type: "object", properties: { openapi: object } },
    output: {
      type: "object",
      required: ["markdown", "paths"],
      properties: { markdown: { type: "string", minLength: 1 }, paths: strings, title: str },
    },
  },
  ReviewAgent: {
    input: {
      type: "object",
      properties: {
        markdown: str,
        openapi: object,
        coverage_target: { type: "number", minimum: 0, maximum: 1 },
        workers: object,
      },
    },
    // Reviews docs (docs-sync) or sums up test reports (test-parallel's summary step).
    output: { anyOf: [docsReview, testSummary] },
  },
  FormatAgent: {
    input: { type: "object", required: ["markdown"], properties: { markdown: str } },
    output: {
      type: "object",
      required: ["markdown"],
      properties: { markdown: str, changed: { type: "boolean" } },
    },
  },
  SyncAgent: {
    input: {
      type: "object",
      required: ["markdown"],
      properties: { markdown: str, path: { type: "string", minLength: 1 } },
    },
    output: {
      type: "object",
      required: ["path", "bytes"],
      properties: { path: str, bytes: count, sha256: str, changed: { type: "boolean" } },
    },
  },
};

/** The contract fields of a seeded agent, as createAgent takes them. */
export const contractFields = (name: keyof typeof seedContracts & string) => ({
  inputSchema: seedContracts[name]?.input ?? null,
  outputSchema: seedContracts[name]?.output ?? null,
});
