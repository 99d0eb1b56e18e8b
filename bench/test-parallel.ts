// `baton test-parallel` over Baton's own suites (default engine + unit; BENCH_SUITES=a,b,c to
// choose, BENCH_REPO for another repository) against the same suites run one after the other with `baton test suite`, each through the
// installed binary. Reports both wall times, the speed-up, and the orchestration's own overhead:
// the parallel wall time minus the slowest suite's vitest time (CLI start-up, child processes,
// reading the reports and merging the coverage maps).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { machine, root, table } from "./lib/harness.js";

const suites = (process.env.BENCH_SUITES ?? "engine,unit").split(",").filter(Boolean);
// BENCH_REPO: another repository with a baton.config.json (e.g. tests/fixtures/test-repo, whose tiny
// suites make the orchestration's overhead the larger part).
const repo = process.env.BENCH_REPO ? join(root, process.env.BENCH_REPO) : root;
const bin = join(root, "server/cli/bin.mjs");
const coverageDir = mkdtempSync(join(tmpdir(), "baton-bench-coverage-"));

interface Timed {
  ms: number;
  code: number;
  stdout: string;
}

function baton(args: string[]): Promise<Timed> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args, "--repo", repo, "--coverage-dir", coverageDir], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.on("close", (code) => resolve({ ms: performance.now() - started, code: code ?? 1, stdout }));
  });
}

interface Suite {
  suite: string;
  status: string;
  passed: number;
  failed: number;
  duration_ms: number;
}

console.log(`${machine()}\nsuites: ${suites.join(", ")} of ${repo}\n`);
try {
  // One after the other first (what a developer does without it), then all at once.
  const sequential: { suite: Suite; ms: number }[] = [];
  for (const name of suites) {
    const run = await baton(["test", "suite", name, "--json", "--quiet"]);
    sequential.push({ suite: JSON.parse(run.stdout) as Suite, ms: run.ms });
  }
  const sequentialMs = sequential.reduce((n, r) => n + r.ms, 0);
  const parallel = await baton(["test-parallel", ...suites, "--json"]);
  const merged = JSON.parse(parallel.stdout) as { suites: Suite[]; wall_ms: number; totals: { passed: number } };
  const slowest = Math.max(...merged.suites.map((s) => s.duration_ms));

  console.log(
    table([
      ["suite", "status", "tests", "vitest alone (seq.)", "CLI wall (seq.)", "vitest in parallel"],
      ...suites.map((name) => {
        const seq = sequential.find((r) => r.suite.suite === name);
        const par = merged.suites.find((s) => s.suite === name);
        return [
          name,
          `${seq?.suite.status} / ${par?.status}`,
          String(seq?.suite.passed ?? "?"),
          `${((seq?.suite.duration_ms ?? 0) / 1000).toFixed(1)} s`,
          `${((seq?.ms ?? 0) / 1000).toFixed(1)} s`,
          `${((par?.duration_ms ?? 0) / 1000).toFixed(1)} s`,
        ];
      }),
    ]),
  );
  console.log(
    `\none after the other: ${(sequentialMs / 1000).toFixed(1)} s` +
      `\ntest-parallel:       ${(parallel.ms / 1000).toFixed(1)} s (speed-up ×${(sequentialMs / parallel.ms).toFixed(2)})` +
      `\norchestration overhead: ${((parallel.ms - slowest) / 1000).toFixed(1)} s ` +
      `(test-parallel wall − slowest suite's vitest time ${(slowest / 1000).toFixed(1)} s)`,
  );
} finally {
  rmSync(coverageDir, { recursive: true, force: true });
}
