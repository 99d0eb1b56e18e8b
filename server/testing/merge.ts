// Suite results into one report: totals per suite and overall, coverage merged from the suites'
// coverage maps (istanbul-lib-coverage: hits added, never percentages averaged), every failure,
// and recommendations derived from the data — failing suites first, then the slowest tests, the
// files under the coverage threshold and the tests that passed only on a retry. JSON or Markdown.
import { existsSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { type CoverageTotals, coverageTotals, fileCoverage, METRICS, mergeCoverageMaps } from "./coverage.js";
import type { Failure, Flaky, Slow, SuiteResult, SuiteStatus } from "./run-suite.js";

export const DEFAULT_COVERAGE_THRESHOLD = 80;
const SLOWEST_SHOWN = 5;
const FILES_SHOWN = 10;
/** A test this slow is worth speeding up (vitest's own slowTestThreshold). */
export const SLOW_TEST_MS = 300;

export interface MergedReport {
  status: "passed" | "failed";
  ok: boolean;
  suites: {
    suite: string;
    status: SuiteStatus;
    passed: number;
    failed: number;
    skipped: number;
    duration_ms: number;
    coverage: CoverageTotals | null;
    error: string | null;
  }[];
  totals: { suites: number; passed: number; failed: number; skipped: number; crashed: number; duration_ms: number };
  /** Merged over every suite that wrote a coverage map; null when none did. */
  coverage: CoverageTotals | null;
  coverage_threshold: number;
  /** Files whose merged line coverage is under the threshold, lowest first. */
  files_under_threshold: { file: string; lines_pct: number }[];
  failures: (Failure & { suite: string })[];
  flaky: (Flaky & { suite: string })[];
  slowest: (Slow & { suite: string })[];
  recommendations: string[];
}

/** A covered file's path relative to the repository of the suites that measured it, when inside. */
function shortPath(results: readonly SuiteResult[], file: string): string {
  for (const r of results) {
    const rel = relative(r.repo, file);
    if (rel && !rel.startsWith("..") && !isAbsolute(rel)) return rel;
  }
  return file;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Checks that `value` has a suite result's shape; `where` names it in the message. */
export function asSuiteResult(value: unknown, where: string): SuiteResult {
  const v = value as Partial<SuiteResult> | null;
  const ok =
    v !== null &&
    typeof v === "object" &&
    typeof v.suite === "string" &&
    typeof v.repo === "string" &&
    (v.status === "passed" || v.status === "failed" || v.status === "crashed") &&
    typeof v.passed === "number" &&
    typeof v.failed === "number" &&
    typeof v.skipped === "number" &&
    typeof v.duration_ms === "number" &&
    Array.isArray(v.failures) &&
    Array.isArray(v.flaky) &&
    Array.isArray(v.slowest) &&
    (v.coverage_map === null || typeof v.coverage_map === "string");
  if (!ok)
    throw new Error(
      `${where} is not a suite result (the JSON of \`baton test suite <name> --json\`: suite, status, passed, failed, skipped, duration_ms, failures, flaky, slowest, coverage_map)`,
    );
  return v as SuiteResult;
}

export interface MergeOptions {
  coverageThreshold?: number;
  /** Checks (and may refuse) each coverage map path before it is read. */
  mapPath?: (path: string) => string;
}

export function mergeResults(results: readonly SuiteResult[], options: MergeOptions = {}): MergedReport {
  const threshold = options.coverageThreshold ?? DEFAULT_COVERAGE_THRESHOLD;
  const names = results.map((r) => r.suite);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new Error(`suite '${dup}' is given twice`);

  const maps = results
    .map((r) => r.coverage_map)
    .filter((p): p is string => p !== null)
    .map((p) => (options.mapPath ? options.mapPath(p) : p));
  const missing = maps.find((p) => !existsSync(p));
  if (missing) throw new Error(`coverage map ${missing} does not exist (was it removed after the suite ran?)`);
  const merged = maps.length > 0 ? mergeCoverageMaps(maps) : null;
  const coverage = merged ? coverageTotals(merged) : null;
  const filesUnder = merged
    ? fileCoverage(merged)
        .filter((f) => f.totals.lines.total > 0 && f.totals.lines.pct < threshold)
        .map((f) => ({ file: shortPath(results, f.file), lines_pct: f.totals.lines.pct }))
        .sort((a, b) => a.lines_pct - b.lines_pct || a.file.localeCompare(b.file))
    : [];

  const withSuite = <T>(r: SuiteResult, xs: readonly T[]) => xs.map((x) => ({ ...x, suite: r.suite }));
  const failures = results.flatMap((r) => withSuite(r, r.failures));
  const flaky = results.flatMap((r) => withSuite(r, r.flaky));
  const slowest = results
    .flatMap((r) => withSuite(r, r.slowest))
    .sort((a, b) => b.duration_ms - a.duration_ms || a.test.localeCompare(b.test))
    .slice(0, SLOWEST_SHOWN);
  const sum = (f: (r: SuiteResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const totals = {
    suites: results.length,
    passed: sum((r) => r.passed),
    failed: sum((r) => r.failed),
    skipped: sum((r) => r.skipped),
    crashed: results.filter((r) => r.status === "crashed").length,
    duration_ms: sum((r) => r.duration_ms),
  };
  const ok = results.length > 0 && results.every((r) => r.status === "passed");

  const recommendations: string[] = [];
  // Broken first: crashed suites, then failing ones with the most failures first.
  for (const r of results.filter((x) => x.status === "crashed"))
    recommendations.push(
      `Fix suite ${r.suite} first: it crashed before reporting (${(r.error ?? "no output").split("\n")[0]}).`,
    );
  for (const r of results.filter((x) => x.status === "failed").sort((a, b) => b.failed - a.failed)) {
    const first = r.failures[0];
    recommendations.push(
      first
        ? `Fix suite ${r.suite} first: ${r.failed} failing test${r.failed === 1 ? "" : "s"}, starting with "${first.test}" at ${first.location}.`
        : `Fix suite ${r.suite} first: vitest reported a failure outside the tests.`,
    );
  }
  const totalMs = sum((r) => r.slowest.reduce((n, s) => n + s.duration_ms, 0));
  for (const s of slowest.slice(0, 3))
    if (s.duration_ms >= SLOW_TEST_MS)
      recommendations.push(
        `Speed up "${s.test}" (${s.suite}, ${s.file}): ${seconds(s.duration_ms)}${totalMs > 0 ? `, ${Math.round((100 * s.duration_ms) / totalMs)}% of the slowest tests' time` : ""}.`,
      );
  for (const f of filesUnder.slice(0, 5))
    recommendations.push(
      `Add tests for ${f.file}: ${f.lines_pct}% of its lines are covered (threshold ${threshold}%).`,
    );
  if (coverage && coverage.lines.pct < threshold)
    recommendations.push(`Overall line coverage is ${coverage.lines.pct}%, under the ${threshold}% threshold.`);
  for (const f of flaky)
    recommendations.push(
      `Stabilise flaky test "${f.test}" (${f.suite}, ${f.line === null ? f.file : `${f.file}:${f.line}`}): it passed only after ${f.retries} retr${f.retries === 1 ? "y" : "ies"}.`,
    );

  return {
    status: ok ? "passed" : "failed",
    ok,
    suites: results.map((r) => ({
      suite: r.suite,
      status: r.status,
      passed: r.passed,
      failed: r.failed,
      skipped: r.skipped,
      duration_ms: r.duration_ms,
      coverage: r.coverage,
      error: r.error,
    })),
    totals,
    coverage,
    coverage_threshold: threshold,
    files_under_threshold: filesUnder.slice(0, FILES_SHOWN),
    failures,
    flaky,
    slowest,
    recommendations,
  };
}

const pct = (c: CoverageTotals | null, m: (typeof METRICS)[number]) => (c ? `${c[m].pct}%` : "–");
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The report for people. */
export function mergedMarkdown(report: MergedReport): string {
  const t = report.totals;
  const out: string[] = [
    `# Test report: ${report.ok ? "passed" : "FAILED"}`,
    "",
    `${t.suites} suite${t.suites === 1 ? "" : "s"}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped${t.crashed > 0 ? `, ${t.crashed} suite${t.crashed === 1 ? "" : "s"} crashed` : ""} (${seconds(t.duration_ms)} of suite time).`,
    "",
    "| Suite | Status | Passed | Failed | Skipped | Time | Lines | Branches | Functions | Statements |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...report.suites.map(
      (s) =>
        `| ${cell(s.suite)} | ${s.status} | ${s.passed} | ${s.failed} | ${s.skipped} | ${seconds(s.duration_ms)} | ${METRICS.map((m) => pct(s.coverage, m)).join(" | ")} |`,
    ),
    `| **all** | ${report.status} | ${t.passed} | ${t.failed} | ${t.skipped} | ${seconds(t.duration_ms)} | ${METRICS.map((m) => pct(report.coverage, m)).join(" | ")} |`,
    "",
    report.coverage
      ? `Coverage merged from every suite's coverage map: lines ${report.coverage.lines.pct}% (${report.coverage.lines.covered}/${report.coverage.lines.total}), branches ${report.coverage.branches.pct}%, functions ${report.coverage.functions.pct}%, statements ${report.coverage.statements.pct}%.`
      : "No suite wrote a coverage map.",
  ];
  const crashed = report.suites.filter((s) => s.status === "crashed");
  if (crashed.length > 0) {
    out.push("", "## Crashed suites", "");
    for (const s of crashed) out.push(`- **${s.suite}**`, "", "```text", s.error ?? "(no output)", "```", "");
  }
  if (report.failures.length > 0) {
    out.push("", "## Failures", "");
    for (const f of report.failures)
      out.push(
        `- **${f.suite}** · \`${f.location}\` · ${f.test}`,
        "",
        "  ```text",
        ...f.message.split("\n").map((l) => `  ${l}`),
        "  ```",
        "",
      );
  }
  if (report.flaky.length > 0) {
    out.push("", "## Flaky (passed only on a retry)", "");
    for (const f of report.flaky)
      out.push(
        `- **${f.suite}** · \`${f.line === null ? f.file : `${f.file}:${f.line}`}\` · ${f.test} (${f.retries} retr${f.retries === 1 ? "y" : "ies"})`,
      );
  }
  if (report.slowest.length > 0) {
    out.push("", "## Slowest tests", "");
    for (const s of report.slowest)
      out.push(`- ${seconds(s.duration_ms)} · **${s.suite}** · ${s.test} (\`${s.file}\`)`);
  }
  if (report.files_under_threshold.length > 0) {
    out.push("", `## Files under ${report.coverage_threshold}% line coverage`, "");
    for (const f of report.files_under_threshold) out.push(`- \`${f.file}\`: ${f.lines_pct}%`);
  }
  out.push("", "## Recommendations", "");
  if (report.recommendations.length === 0)
    out.push("Nothing to do: every suite passed and coverage meets the threshold.");
  else for (const [i, r] of report.recommendations.entries()) out.push(`${i + 1}. ${r}`);
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n")}\n`;
}
