// FormatAgent's builtin: Markdown as prettier prints it (its markdown parser, fixed options, so
// the result does not depend on a prettier config lying around). Before formatting it checks
// that what it was handed is an approved review (docs-contracts.ts `reviewed`) when it comes
// from one: a review with mismatches must never be formatted and passed on.
import { format } from "prettier";
import type { BuiltinAgent } from "../types.js";
import { assertContract } from "./docs-contracts.js";
import { objectInput, requireString } from "./input.js";

/** prettier's Markdown with its defaults spelt out: the committed docs/API.md is printed so. */
const OPTIONS = { parser: "markdown", proseWrap: "preserve", printWidth: 80, tabWidth: 2, endOfLine: "lf" } as const;

export function formatMarkdown(markdown: string): Promise<string> {
  return format(markdown, OPTIONS);
}

export const markdownFormat: BuiltinAgent = {
  name: "markdown-format",
  description: "Formats Markdown with prettier; a review's output (input.approved present) must be an approved one.",
  async run(input) {
    const fields = objectInput(input, "markdown-format");
    if ("approved" in fields || "mismatches" in fields) assertContract("reviewed", fields, "markdown-format");
    const markdown = requireString(fields, "markdown", "markdown-format");
    const formatted = await formatMarkdown(markdown);
    return { markdown: formatted, formatter: "prettier", changed: formatted !== markdown };
  },
};
