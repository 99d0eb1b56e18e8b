// `baton test suite|merge|list` and `baton test-parallel` through the installed binary, on a copy of
// tests/fixtures/test-repo: real vitest runs with v8 coverage in child processes. The expected
// figures are the fixture's own (written next to its tests) and, for coverage, what
// istanbul-lib-coverage makes of the suites' coverage maps merged here independently.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { batonBin, copyFixtureRepo, type FixtureRepo, istanbulTotals } from "../testkit/fixture-repo.js";

interface Result {
  suite: string;
  status: string;
  passed: number;
  failed: number;
  skipped: number;
  failures: { test: string; file: string; line: number | null; location: string; message: string }[];
  flaky: { test: string; file: string; line: number | null; retries: number }[];
  slowest: { test: string }[];
  coverage: { lines: { pct: number } } | null;
  coverage_map: string | null;
  error: string | null;
}

function baton(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [batonBin, ...args],
      { cwd: opts.cwd ?? tmpdir(), env: { ...process.env, ...opts.env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let repo: FixtureRepo;
let scratch: string;
const results: Record<string, Result> = {};
const exitCodes: Record<string, number> = {};

beforeAll(async () => {
  repo = copyFixtureRepo();
  scratch = mkdtempSync(join(tmpdir(), "baton-cli-test-"));
  // The three suites at once, each through `baton test suite … --json --out`, as the sub-agents do.
  await Promise.all(
    ["api", "engine", "unit"].map(async (suite) => {
      const run = await baton(["test", "suite", suite, "--json", "--out", join(scratch, `${suite}.json`)], {
        cwd: repo.dir,
      });
      exitCodes[suite] = run.code;
      results[suite] = JSON.parse(run.stdout) as Result;
    }),
  );
}, 240_000);
afterAll(() => {
  repo?.remove();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const files = (...names: string[]) => names.map((n) => join(scratch, `${n}.json`));

describe("baton test suite", () => {
  test("reports each suite's exact counts, failures with file:line, flaky tests and its coverage map", () => {
    expect(exitCodes).toEqual({ api: 0, engine: 1, unit: 0 });
    const counts = Object.values(results).map((r) => [r.suite, r.status, r.passed, r.failed, r.skipped]);
    expect(counts.sort()).toEqual([
      ["api", "passed", 3, 0, 0],
      ["engine", "failed", 2, 1, 0],
      ["unit", "passed", 2, 0, 1],
    ]);
    const engine = results.engine as Result;
    expect(engine.failures).toHaveLength(1);
    expect(engine.failures[0]).toMatchObject({
      test: "text > initials of one word",
      file: "tests/engine/text.test.ts",
      line: 15,
      location: "tests/engine/text.test.ts:15",
    });
    expect(engine.failures[0]?.message).toContain("expected 'G' to be 'GH'");
    expect(results.unit?.flaky).toEqual([
      { test: "clamps above the range", file: "tests/unit/clamp.test.ts", line: 6, retries: 1 },
    ]);
    expect(results.api?.flaky).toEqual([]);
    for (const suite of ["api", "engine", "unit"]) {
      const r = results[suite] as Result;
      expect(r.coverage_map).toBe(join(repo.dir, "coverage/baton", suite, "coverage-final.json"));
      // The suite's own figures are istanbul's for its own map.
      expect(r.coverage).toEqual(istanbulTotals([r.coverage_map as string]));
      // --out holds the same result as stdout.
      expect(JSON.parse(readFileSync(join(scratch, `${suite}.json`), "utf8"))).toEqual(r);
    }
  });

  test("an unknown suite is refused with the known ones listed (exit 2)", async () => {
    const run = await baton(["test", "suite", "nope"], { cwd: repo.dir });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      "baton: unknown suite 'nope' (known in baton.config.json: api, crash, engine, unit)",
    );
    const parallel = await baton(["test-parallel", "api", "nope", "--repo", repo.dir]);
    expect([parallel.code, parallel.stderr.trim()]).toEqual([
      2,
      "baton: unknown suite 'nope' (known in baton.config.json: api, crash, engine, unit)",
    ]);
  });
});

describe("baton test merge", () => {
  test("adds up the suites and merges their coverage maps as istanbul does (JSON, exit 1 on a failure)", async () => {
    const run = await baton(["test", "merge", ...files("api", "engine", "unit"), "--json"]);
    expect(run.code).toBe(1);
    const merged = JSON.parse(run.stdout);
    expect(merged.totals).toEqual({
      suites: 3,
      passed: 7,
      failed: 1,
      skipped: 1,
      crashed: 0,
      duration_ms: ["api", "engine", "unit"].reduce(
        (n, s) => n + (results[s] as unknown as { duration_ms: number }).duration_ms,
        0,
      ),
    });
    const maps = ["api", "engine", "unit"].map((s) => results[s]?.coverage_map as string);
    const expected = istanbulTotals(maps);
    expect(merged.coverage).toEqual(expected);
    // Merged hit by hit, not averaged: the union covers more than any one suite, and is not the mean.
    const mean = maps.reduce((n, m) => n + istanbulTotals([m]).lines.pct, 0) / maps.length;
    expect(merged.coverage.lines.pct).not.toBeCloseTo(mean, 1);
    expect(merged.status).toBe("failed");
    expect(merged.failures.map((f: { suite: string; location: string }) => [f.suite, f.location])).toEqual([
      ["engine", "tests/engine/text.test.ts:15"],
    ]);
    expect(merged.flaky.map((f: { suite: string; test: string }) => [f.suite, f.test])).toEqual([
      ["unit", "clamps above the range"],
    ]);
    // Failing suites first; flaky tests are named.
    expect(merged.recommendations[0]).toBe(
      'Fix suite engine first: 1 failing test, starting with "text > initials of one word" at tests/engine/text.test.ts:15.',
    );
    expect(merged.recommendations).toContain(
      'Stabilise flaky test "clamps above the range" (unit, tests/unit/clamp.test.ts:6): it passed only after 1 retry.',
    );
  });

  test("prints Markdown for people: the table, the failing test at file:line, the files under the threshold", async () => {
    const run = await baton(["test", "merge", ...files("api", "engine", "unit"), "--coverage-threshold", "90"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("# Test report: FAILED");
    expect(run.stdout).toContain("3 suites: 7 passed, 1 failed, 1 skipped");
    expect(run.stdout).toContain("| engine | failed | 2 | 1 | 0 |");
    expect(run.stdout).toContain("- **engine** · `tests/engine/text.test.ts:15` · text > initials of one word");
    expect(run.stdout).toContain("## Files under 90% line coverage");
    const merged = JSON.parse((await baton(["test", "merge", ...files("api", "engine", "unit"), "--json"])).stdout);
    expect(run.stdout).toContain(
      `lines ${merged.coverage.lines.pct}% (${merged.coverage.lines.covered}/${merged.coverage.lines.total})`,
    );
  });

  test("only passing suites: exit 0; wrong input is refused with exit 2 naming it", async () => {
    expect((await baton(["test", "merge", ...files("api", "unit")])).code).toBe(0);
    const bogus = join(scratch, "bogus.json");
    writeFileSync(bogus, JSON.stringify({ suite: "x" }));
    const refused = await baton(["test", "merge", bogus]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${bogus} is not a suite result`);
    expect((await baton(["test", "merge"])).code).toBe(2);
    const threshold = await baton(["test", "merge", ...files("api"), "--coverage-threshold", "120"]);
    expect([threshold.code, threshold.stderr.trim()]).toEqual([
      2,
      "baton: --coverage-threshold must be a percentage from 0 to 100 (got '120')",
    ]);
    const twice = await baton(["test", "merge", ...files("api", "api")]);
    expect([twice.code, twice.stderr.trim()]).toEqual([2, "baton: suite 'api' is given twice"]);
  });
});

describe("baton test-parallel", () => {
  test("runs the suites at once; a crashing suite is reported crashed while the others finish", async () => {
    const coverageDir = join(scratch, "parallel-coverage");
    const run = await baton([
      ...["test-parallel", "api", "engine", "unit", "crash", "--json"],
      ...["--repo", repo.dir, "--coverage-dir", coverageDir],
    ]);
    expect(run.code).toBe(1);
    const merged = JSON.parse(run.stdout);
    expect(merged.suites.map((s: Result) => [s.suite, s.status, s.passed, s.failed, s.skipped])).toEqual([
      ["api", "passed", 3, 0, 0],
      ["engine", "failed", 2, 1, 0],
      ["unit", "passed", 2, 0, 1],
      ["crash", "crashed", 0, 0, 0],
    ]);
    const crash = merged.suites[3] as Result;
    expect(crash.error).toMatch(/^killed by SIGKILL: /);
    expect(crash.error).toContain("fixture: the runner is going down");
    expect(merged.totals).toMatchObject({ suites: 4, passed: 7, failed: 1, skipped: 1, crashed: 1 });
    expect(merged.recommendations[0]).toMatch(
      /^Fix suite crash first: it crashed before reporting \(killed by SIGKILL/,
    );
    // The crashed suite wrote no map: coverage is the other three merged.
    expect(merged.coverage).toEqual(
      istanbulTotals(["api", "engine", "unit"].map((s) => join(coverageDir, s, "coverage-final.json"))),
    );
    expect(typeof merged.wall_ms).toBe("number");
    // Progress on stderr while they ran: one line per finished suite.
    for (const line of [
      "✓ api passed: 3 passed",
      "✗ engine failed: 2 passed, 1 failed",
      "✓ unit passed",
      "✗ crash crashed",
    ])
      expect(run.stderr).toContain(line);
  }, 240_000);
});

describe("suite configuration", () => {
  const withConfig = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), "baton-suites-"));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };

  test("is validated with the field named", async () => {
    const both = withConfig({
      "baton.config.json": JSON.stringify({ test: { suites: { x: { project: "p", command: ["node"] } } } }),
    });
    const run = await baton(["test", "list"], { cwd: both });
    expect([run.code, run.stderr.trim()]).toEqual([
      2,
      "baton: baton.config.json is invalid:\n  test.suites.x: a suite has either `command` or vitest settings (project, files, config, coverage_include, retry)",
    ]);
    const escaping = withConfig({
      "baton.config.json": JSON.stringify({ test: { suites: { x: { files: ["../elsewhere/*.test.ts"] } } } }),
    });
    const out = await baton(["test", "suite", "x"], { cwd: escaping });
    expect([out.code, out.stderr.trim()]).toEqual([
      2,
      `baton: baton.config.json: test.suites.x.files '../elsewhere/*.test.ts' is outside ${escaping}`,
    ]);
    const none = withConfig({});
    const missing = await baton(["test", "list"], { cwd: none });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`no test suites configured in ${none}`);
    for (const dir of [both, escaping, none]) rmSync(dir, { recursive: true, force: true });
  });

  test("package.json's baton key works too; a command suite is judged by its exit code and obeys BATON_COMMAND_ALLOWLIST", async () => {
    const dir = withConfig({
      "package.json": JSON.stringify({
        name: "x",
        baton: {
          test: {
            suites: {
              ok: { command: [process.execPath, "-e", "process.exit(0)"] },
              bad: { command: [process.execPath, "-e", "console.error('it broke'); process.exit(3)"] },
            },
          },
        },
      }),
    });
    const list = await baton(["test", "list", "--json"], { cwd: dir });
    expect(JSON.parse(list.stdout)).toMatchObject({
      source: "package.json#baton",
      suites: [{ name: "ok" }, { name: "bad" }],
    });
    const ok = await baton(["test", "suite", "ok", "--json"], { cwd: dir });
    expect([ok.code, JSON.parse(ok.stdout).status]).toEqual([0, "passed"]);
    const bad = await baton(["test", "suite", "bad", "--json"], { cwd: dir });
    expect([bad.code, JSON.parse(bad.stdout).status, JSON.parse(bad.stdout).error]).toEqual([1, "failed", "it broke"]);
    const reportOnly = await baton(["test", "suite", "bad", "--json", "--report-only"], { cwd: dir });
    expect(reportOnly.code).toBe(0);
    const refused = await baton(["test", "suite", "ok"], { cwd: dir, env: { BATON_COMMAND_ALLOWLIST: "git" } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `suite ok: command refused: '${process.execPath}' is not in BATON_COMMAND_ALLOWLIST`,
    );
    rmSync(dir, { recursive: true, force: true });
  });

  test("a suite past its timeout_ms is crashed; a stopped CLI stops its suite's processes too", async () => {
    const hang = [
      process.execPath,
      "-e",
      "require('fs').writeFileSync('pid', String(process.pid)); setInterval(() => {}, 1000)",
    ];
    const dir = withConfig({
      "baton.config.json": JSON.stringify({
        test: { suites: { slow: { command: hang, timeout_ms: 1000 }, hang: { command: hang } } },
      }),
    });
    const slow = await baton(["test", "suite", "slow", "--json"], { cwd: dir });
    expect(slow.code).toBe(1);
    expect(JSON.parse(slow.stdout)).toMatchObject({ status: "crashed", error: "timed out after 1000 ms" });

    rmSync(join(dir, "pid"), { force: true });
    const child = spawn(process.execPath, [batonBin, "test", "suite", "hang"], { cwd: dir, stdio: "ignore" });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, sig) => resolve(sig)));
    let pid = 0;
    for (let i = 0; i < 600 && !pid; i++) {
      await new Promise((r) => setTimeout(r, 100));
      if (existsSync(join(dir, "pid"))) pid = Number(readFileSync(join(dir, "pid"), "utf8"));
    }
    expect(pid).toBeGreaterThan(0);
    child.kill("SIGTERM");
    expect(await exited).toBe("SIGTERM");
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive()).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
