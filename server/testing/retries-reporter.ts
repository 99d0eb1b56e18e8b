// A vitest reporter that `baton test suite` adds next to vitest's JSON reporter: that report has no
// retry counts, so this one writes, for every test that was retried, its file, name and how many
// retries it took, to the file named by BATON_RETRIES_FILE. Loaded by vitest from this path.
import { writeFileSync } from "node:fs";
import type { Reporter, TestModule } from "vitest/node";

export interface RetriedTest {
  file: string;
  name: string;
  line: number | null;
  retries: number;
  /** Passed in the end (after `retries` failed tries): flaky. */
  passed: boolean;
}

export default class RetriesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const out = process.env.BATON_RETRIES_FILE;
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
