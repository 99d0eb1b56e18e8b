// FormatAgent's builtin: Markdown as prettier prints it (its markdown parser, fixed options, so
// the result does not depend on a prettier config lying around). prettier runs in a worker
// thread: formatting the API reference takes a CPU-second or more, which would otherwise stall
// every request the server is answering meanwhile. Before formatting it checks
// that what it was handed is an approved review (docs-contracts.ts `reviewed`) when it comes
// from one: a review with mismatches must never be formatted and passed on.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { BuiltinAgent } from "../types.js";
import { assertContract } from "./docs-contracts.js";
import { objectInput, requireString } from "./input.js";

/** prettier's Markdown with its defaults spelt out: the committed docs/API.md is printed so. */
const OPTIONS = { parser: "markdown", proseWrap: "preserve", printWidth: 80, tabWidth: 2, endOfLine: "lf" } as const;

const PRETTIER = createRequire(import.meta.url).resolve("prettier");
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
require(workerData.prettier).format(workerData.markdown, workerData.options).then(
  (text) => parentPort.postMessage({ text }),
  (e) => parentPort.postMessage({ error: e instanceof Error ? e.message : String(e) }),
);`;

export function formatMarkdown(markdown: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { prettier: PRETTIER, markdown, options: OPTIONS },
    });
    let settled = false;
    worker.once("message", (m: { text?: string; error?: string }) => {
      settled = true;
      if (typeof m.text === "string") resolve(m.text);
      else reject(new Error(`prettier could not format the Markdown: ${m.error ?? "no reason given"}`));
    });
    worker.once("error", (e) => {
      settled = true;
      reject(e);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`the prettier worker exited with code ${code} before answering`));
    });
  });
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
