// A vitest reporter that `baton test suite` adds next to vitest's JSON reporter: that report has no
// retry counts, so this one writes, for every test that was retried, its file, name and how many
// retries it took, to `retries.json` beside the JSON report. Loaded by vitest from this path.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Reporter, TestModule, Vitest } from "vitest/node";

export const RETRIES_FILE = "retries.json";

export interface RetriedTest {
  file: string;
  name: string;
  line: number | null;
  retries: number;
  /** Passed in the end (after `retries` failed tries): flaky. */
  passed: boolean;
}

export default class RetriesReporter implements Reporter {
  private out: string | null = null;

  onInit(vitest: Vitest) {
    const target = vitest.config.outputFile;
    const json = typeof target === "object" ? target.json : undefined;
    this.out = json ? join(dirname(json), RETRIES_FILE) : null;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const out = this.out;
    if (!out) return;
    const retried: RetriedTest[] = [];
    for (const module of testModules)
      for (const test of module.children.allTests()) {
        const diagnostic = test.diagnostic();
        if (!diagnostic || diagnostic.retryCount === 0) continue;
        retried.push({
          file: module.moduleId,
          name: test.fullName,
          line: test.location?.line ?? null,
          retries: diagnostic.retryCount,
          passed: test.result().state === "passed",
        });
      }
    writeFileSync(out, JSON.stringify(retried));
  }
}
