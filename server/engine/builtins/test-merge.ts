// The summary step of test-parallel: the suite results its TestAgents reported (`baton test suite
// … --json`) merged by the same code as `baton test merge` — totals, coverage merged from the
// suites' coverage maps, failures, recommendations — plus the Markdown report. Coverage maps are
// read only from inside the server's working directory.
import { insideRoot } from "../../testing/config.js";
import { asSuiteResult, mergedMarkdown, mergeResults } from "../../testing/merge.js";
import type { BuiltinAgent, Json } from "../types.js";
import { isObject, objectInput } from "./input.js";

export const testMerge: BuiltinAgent = {
  name: "test-merge",
  description:
    "Merges suite results (input.suites: results by step or suite name) into totals, merged coverage, failures and recommendations, with a Markdown report; ok is false when a suite failed or crashed.",
  async run(input, _options, context) {
    const fields = objectInput(input, "test-merge");
    const { suites, coverage_threshold: threshold } = fields;
    if (!isObject(suites) || Object.keys(suites).length === 0)
      throw new Error("test-merge: input.suites must be an object of suite results by name, with at least one");
    if (
      threshold !== undefined &&
      threshold !== null &&
      (typeof threshold !== "number" || threshold < 0 || threshold > 100)
    )
      throw new Error("test-merge: input.coverage_threshold must be a percentage from 0 to 100");
    const results = Object.entries(suites).map(([key, value]) =>
      asSuiteResult(value, `test-merge: input.suites.${key}`),
    );
    const report = mergeResults(results, {
      coverageThreshold: typeof threshold === "number" ? threshold : undefined,
      mapPath: (path) => insideRoot(context.workdir, path, "test-merge: coverage map"),
    });
    return { ...report, markdown: mergedMarkdown(report) } as unknown as Json;
  },
};
