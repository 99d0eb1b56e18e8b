// The builtin test-merge (test-parallel's summary step): what it refuses before merging anything.
// Its merging itself runs on real suite results in tests/api/test-parallel-template.test.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { testMerge } from "../../server/engine/builtins/test-merge.js";

const workdir = mkdtempSync(join(tmpdir(), "baton-test-merge-"));
afterAll(() => rmSync(workdir, { recursive: true, force: true }));
const context = { signal: new AbortController().signal, openapi: () => ({}), workdir };

const result = (over: object = {}) => ({
  suite: "api",
  status: "passed",
  repo: workdir,
  passed: 2,
  failed: 0,
  skipped: 0,
  duration_ms: 10,
  failures: [],
  flaky: [],
  slowest: [],
  coverage: null,
  coverage_map: null,
  exit_code: 0,
  error: null,
  ...over,
});

describe("test-merge", () => {
  test("merges results without coverage maps: totals, ok, no coverage", async () => {
    const out = (await testMerge.run(
      { suites: { api: result(), b: result({ suite: "b", passed: 3 }) } },
      {},
      context,
    )) as {
      ok: boolean;
      totals: object;
      coverage: unknown;
    };
    expect(out.ok).toBe(true);
    expect(out.totals).toEqual({ suites: 2, passed: 5, failed: 0, skipped: 0, crashed: 0, duration_ms: 20 });
    expect(out.coverage).toBeNull();
  });

  test("refuses a coverage map outside the server's working directory, and malformed input", async () => {
    await expect(
      testMerge.run({ suites: { api: result({ coverage_map: "/etc/passwd" }) } }, {}, context),
    ).rejects.toThrow(`test-merge: coverage map '/etc/passwd' is outside ${workdir}`);
    await expect(testMerge.run({ suites: {} }, {}, context)).rejects.toThrow(
      "test-merge: input.suites must be an object of suite results by name, with at least one",
    );
    await expect(testMerge.run({ suites: { api: { suite: "api" } } }, {}, context)).rejects.toThrow(
      "test-merge: input.suites.api is not a suite result",
    );
    await expect(testMerge.run({ suites: { api: result() }, coverage_threshold: 101 }, {}, context)).rejects.toThrow(
      "test-merge: input.coverage_threshold must be a percentage from 0 to 100",
    );
  });
});
