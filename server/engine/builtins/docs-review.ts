// ReviewAgent's builtin stand-in: generated docs must name every operation of the OpenAPI
// document ("METHOD /path"). Missing ones fail the step, so a docs-sync run stops before it
// writes incomplete docs.
import type { BuiltinAgent, JsonObject } from "../types.js";
import { objectInput, optionalObject, requireString } from "./input.js";
import { listOperations } from "./openapi.js";

const regexLiteral = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** "GET /agents" must not count as found because "GET /agents/{id}" is there. */
function mentions(markdown: string, method: string, path: string): boolean {
  return new RegExp(`(?<![A-Za-z])${method}\\s+${regexLiteral(path)}(?![\\w{}/.~-])`).test(markdown);
}

export function reviewDocs(
  markdown: string,
  doc: JsonObject,
): { approved: boolean; missing: string[]; checked: number } {
  const operations = listOperations(doc);
  const missing = operations.filter((op) => !mentions(markdown, op.method, op.path)).map((op) => op.key);
  return { approved: missing.length === 0, missing, checked: operations.length };
}

export const docsReview: BuiltinAgent = {
  name: "docs-review",
  description: "Checks that Markdown docs name every operation of the OpenAPI document; fails when some are missing.",
  async run(input, _options, context) {
    const fields = objectInput(input, "docs-review");
    const markdown = requireString(fields, "markdown", "docs-review");
    const doc = optionalObject(fields, "openapi", "docs-review", context.openapi);
    const review = reviewDocs(markdown, doc);
    if (!review.approved) {
      const shown = review.missing.slice(0, 20).join(", ");
      const more = review.missing.length > 20 ? ` and ${review.missing.length - 20} more` : "";
      const n = review.missing.length;
      throw new Error(`docs miss ${n} operation${n === 1 ? "" : "s"}: ${shown}${more}`);
    }
    return { ...review, markdown };
  },
};
