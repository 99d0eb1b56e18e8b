// The handoff contracts of the docs pipeline (DocsAgent → ReviewAgent → FormatAgent → SyncAgent):
// what each agent's output must be for the next one to proceed. The seeded docs-sync template
// uses them as its steps' output_schema; each builtin checks its input against the previous
// agent's contract before it does anything; `baton docs-sync` checks them between its sub-steps
// and the Claude Code sub-agents (.claude/agents/docs-*.md) run those sub-steps.
import { compileSchema } from "../json-schema.js";
import type { Json, JsonSchema } from "../types.js";

const mismatch: JsonSchema = {
  type: "object",
  required: ["route", "field", "expected", "found"],
  properties: {
    route: { type: "string" },
    field: { type: "string" },
    expected: { type: "string" },
    found: { type: "string" },
  },
};

export const DOCS_CONTRACTS = {
  /** DocsAgent: the Markdown reference and the operations it documents. */
  generated: {
    type: "object",
    required: ["markdown", "paths", "title"],
    properties: {
      markdown: { type: "string", minLength: 1 },
      paths: { type: "array", items: { type: "string", pattern: "^[A-Z]+ /" } },
      title: { type: "string" },
    },
  },
  /** ReviewAgent: approved with no mismatch (a report with mismatches stops the pipeline). */
  reviewed: {
    type: "object",
    required: ["approved", "checked", "mismatches", "markdown"],
    properties: {
      approved: { const: true },
      checked: { type: "integer", minimum: 1 },
      mismatches: { type: "array", maxItems: 0, items: mismatch },
      markdown: { type: "string", minLength: 1 },
    },
  },
  /** FormatAgent: the Markdown as prettier prints it. */
  formatted: {
    type: "object",
    required: ["markdown", "formatter", "changed"],
    properties: {
      markdown: { type: "string", minLength: 1 },
      formatter: { const: "prettier" },
      changed: { type: "boolean" },
    },
  },
  /** SyncAgent: the file written (or left as it was when nothing changed). */
  synced: {
    type: "object",
    required: ["path", "bytes", "sha256", "changed"],
    properties: {
      path: { type: "string", minLength: 1 },
      bytes: { type: "integer", minimum: 0 },
      sha256: { type: "string", pattern: "^[0-9a-f]{64}$" },
      changed: { type: "boolean" },
    },
  },
} satisfies Record<string, JsonSchema>;

export type DocsContract = keyof typeof DOCS_CONTRACTS;

/** The review's report, whatever its verdict: what `baton docs-sync review` prints. */
export const REVIEW_REPORT: JsonSchema = {
  type: "object",
  required: ["approved", "checked", "mismatches"],
  properties: {
    approved: { type: "boolean" },
    checked: { type: "integer", minimum: 0 },
    mismatches: { type: "array", items: mismatch },
  },
};

/** Throws, naming the contract and every way `value` breaks it, unless it holds. */
export function assertContract(contract: DocsContract, value: Json | undefined, who: string): void {
  const check = compileSchema(DOCS_CONTRACTS[contract])(value);
  if (!check.ok) throw new Error(`${who}: the input is not a valid '${contract}' handoff: ${check.errors.join("; ")}`);
}
