// One suite run: vitest (the repository's own, else Baton's) with v8 coverage into the suite's own
// directory, its JSON reporter and the retries reporter, in a child process; then one result.
// Whatever happens to that process — it exits, dies of a signal, hangs past the timeout — the
// outcome is a value: `crashed` with the tail of what it said, never an exception.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type CommandAllowlist, commandRefusal } from "../engine/command-allowlist.js";
import { type CoverageTotals, coverageTotals, readCoverageMap } from "./coverage.js";
import { expandGlobs, insideRoot, type SuiteDef, SuiteConfigError, type TestConfig } from "./config.js";
import { inheritedEnv } from "../env.js";
import { RETRIES_FILE, type RetriedTest } from "./retries-reporter.js";

export type SuiteStatus = "passed" | "failed" | "crashed";

export interface TestRef {
  test: string;
  /** Relative to the repository. */
  file: string;
  line: number | null;
}
export interface Failure extends TestRef {
  /** `file:line` (or the file alone when vitest gave no line). */
  location: string;
  message: string;
}
export interface Flaky extends TestRef {
  retries: number;
}
export interface Slow extends TestRef {
  duration_ms: number;
}

export interface SuiteResult {
  suite: string;
  status: SuiteStatus;
  repo: string;
  passed: number;
  failed: number;
  skipped: number;
  duration_ms: number;
  failures: Failure[];
  /** Tests that passed only on a retry. */
  flaky: Flaky[];
  /** The slowest tests, slowest first (at most SLOWEST_KEPT). */
  slowest: Slow[];
  coverage: CoverageTotals | null;
  /** The suite's coverage-final.json (absolute), or null when none was written. */
  coverage_map: string | null;
  exit_code: number | null;
  /** Why a crashed suite crashed (or what a failing run said outside its tests): the tail of its output. */
  error: string | null;
}

export const SLOWEST_KEPT = 5;
const MESSAGE_MAX = 600;
const STDERR_KEEP = 64 * 1024;
// Through the repository root: the same file from server/ and from the compiled dist-server/.
const retriesReporter = fileURLToPath(new URL("../../server/testing/retries-reporter.ts", import.meta.url));

export interface RunSuiteOptions {
  /** Overrides the configured coverage directory (the suite's maps go to `<dir>/<suite>`). */
  coverageDir?: string;
  /** Receives vitest's own output while it runs (progress); null: kept quiet. */
  progress?: ((chunk: Buffer) => void) | null;
  /** BATON_COMMAND_ALLOWLIST, for command suites. */
  allowlist?: CommandAllowlist;
  signal?: AbortSignal;
}

function vitestBin(repo: string): string {
  for (const from of [join(repo, "package.json"), fileURLToPath(import.meta.url)]) {
    try {
      const pkg = createRequire(from).resolve("vitest/package.json");
      const bin = join(dirname(pkg), "vitest.mjs");
      if (existsSync(bin)) return bin;
    } catch {
      // not installed there: try Baton's own
    }
  }
  throw new SuiteConfigError("vitest is not installed (neither in the repository nor next to Baton)");
}

/** The command line of a vitest suite, and where its reports land. */
function vitestArgs(
  config: TestConfig,
  name: string,
  suite: SuiteDef,
  work: string,
  coverageDir: string,
  shown: boolean,
): string[] {
  const args = [vitestBin(config.repo), "run", "--root", config.repo];
  const vitestConfig = suite.config ?? config.config;
  if (vitestConfig) args.push("--config", insideRoot(config.repo, vitestConfig, `suite ${name}: config`));
  if (suite.project) args.push("--project", suite.project);
  if (suite.files) {
    const files = expandGlobs(config.repo, suite.files);
    if (files.length === 0) throw new SuiteConfigError(`suite ${name}: no file matches ${suite.files.join(", ")}`);
    // Absolute paths: vitest's filters match substrings, and a relative one could match elsewhere.
    args.push(...files.map((f) => join(config.repo, f)));
  }
  if (suite.retry !== undefined) args.push("--retry", String(suite.retry));
  // vitest's own reporter only when someone watches its output: the JSON report is what is read.
  if (shown) args.push("--reporter=default");
  args.push(
    "--reporter=json",
    `--outputFile.json=${join(work, "report.json")}`,
    `--reporter=${retriesReporter}`,
    "--includeTaskLocation",
    "--coverage.enabled",
    "--coverage.provider=v8",
    "--coverage.reporter=json",
    "--coverage.reportOnFailure",
    `--coverage.reportsDirectory=${coverageDir}`,
  );
  for (const g of suite.coverage_include ?? config.coverageInclude ?? []) args.push(`--coverage.include=${g}`);
  return args;
}

const FORWARDED: NodeJS.Signals[] = ["SIGTERM", "SIGINT", "SIGHUP"];

interface Exit {
  code: number | null;
  signal: string | null;
  stopped: string | null;
  stderr: string;
}

function runChild(
  command: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number | null; progress: RunSuiteOptions["progress"] },
  signal?: AbortSignal,
): Promise<Exit> {
  return new Promise((settle) => {
    // A group of its own: a timeout or cancellation also stops vitest's workers.
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let said = "";
    let stopped: string | null = null;
    const keep = (chunk: Buffer) => {
      said = (said + chunk.toString("utf8")).slice(-STDERR_KEEP);
      opts.progress?.(chunk);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const stop = (why: string) => {
      stopped ??= why;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    };
    const timer =
      opts.timeoutMs === null
        ? undefined
        : setTimeout(() => stop(`timed out after ${opts.timeoutMs} ms`), opts.timeoutMs);
    const onAbort = () => stop("cancelled");
    signal?.addEventListener("abort", onAbort, { once: true });
    // The group is not ours to leave behind: when this process is told to stop (a step's timeout or
    // cancellation, Ctrl-C), the suite's processes stop with it, then the signal does its usual work.
    const onSignal = (sig: NodeJS.Signals) => {
      stop(`stopped by ${sig}`);
      release();
      process.kill(process.pid, sig);
    };
    const release = () => {
      for (const sig of FORWARDED) process.off(sig, onSignal);
    };
    for (const sig of FORWARDED) process.once(sig, onSignal);
    child.on("error", (e) => {
      clearTimeout(timer);
      release();
      settle({ code: null, signal: null, stopped: `cannot start ${command}: ${e.message}`, stderr: said });
    });
    child.on("close", (code, sig) => {
      clearTimeout(timer);
      release();
      signal?.removeEventListener("abort", onAbort);
      settle({ code, signal: sig, stopped, stderr: said });
    });
  });
}

function tail(text: string, max: number): string {
  const t = text.trim();
  return t.length > max ? `…${t.slice(-max)}` : t;
}

/** A failure message with at most two stack frames of the project's own code, cut to MESSAGE_MAX. */
function messageExcerpt(message: string): string {
  let frames = 0;
  const lines = message.split("\n").filter((l) => {
    if (!/^\s+at /.test(l)) return true;
    if (/node_modules|node:internal|<anonymous>/.test(l)) return false;
    return ++frames <= 2;
  });
  const text = lines.join("\n").trim();
  return text.length > MESSAGE_MAX ? `${text.slice(0, MESSAGE_MAX)}…` : text;
}

/** The line in `file` where the failure happened, from its stack (the failing assertion), if there. */
function failingLine(messages: readonly string[], file: string): number | null {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`${escaped}:(\\d+):\\d+`).exec(messages.join("\n"));
  return m ? Number(m[1]) : null;
}

interface JsonReport {
  success: boolean;
  testResults: {
    name: string;
    status: string;
    message: string;
    assertionResults: {
      ancestorTitles: string[];
      title: string;
      status: string;
      duration?: number | null;
      failureMessages: string[] | null;
      location?: { line: number; column: number } | null;
    }[];
  }[];
}

const testName = (ancestors: readonly string[], title: string) => [...ancestors, title].join(" > ");
const locationOf = (file: string, line: number | null) => (line === null ? file : `${file}:${line}`);

function readJsonFile<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

/** Counts, failures, flaky and slow tests from vitest's JSON report and the retries reporter's file. */
function fromReport(repo: string, report: JsonReport, retried: RetriedTest[]) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const failures: Failure[] = [];
  const timed: Slow[] = [];
  for (const file of report.testResults) {
    const rel = relative(repo, file.name);
    for (const t of file.assertionResults) {
      const ref = { test: testName(t.ancestorTitles, t.title), file: rel, line: t.location?.line ?? null };
      if (t.status === "passed") passed++;
      else if (t.status === "failed") {
        failed++;
        const messages = t.failureMessages ?? [];
        const line = failingLine(messages, file.name) ?? ref.line;
        failures.push({ ...ref, line, location: locationOf(rel, line), message: messageExcerpt(messages.join("\n")) });
      } else skipped++;
      if (typeof t.duration === "number" && t.status !== "skipped")
        timed.push({ ...ref, duration_ms: Math.round(t.duration) });
    }
    // A file that failed outside its tests (it did not load, a hook threw) fails as one test would.
    if (file.status === "failed" && !file.assertionResults.some((t) => t.status === "failed")) {
      failed++;
      failures.push({
        test: "(file)",
        file: rel,
        line: null,
        location: rel,
        message: messageExcerpt(file.message || "the file failed outside its tests"),
      });
    }
  }
  const flaky = retried
    .filter((r) => r.passed)
    .map((r) => ({ test: r.name, file: relative(repo, r.file), line: r.line, retries: r.retries }));
  timed.sort((a, b) => b.duration_ms - a.duration_ms || a.test.localeCompare(b.test));
  return { passed, failed, skipped, failures, flaky, slowest: timed.slice(0, SLOWEST_KEPT) };
}

function coverageOf(dir: string): { coverage: CoverageTotals | null; coverage_map: string | null } {
  const file = join(dir, "coverage-final.json");
  if (!existsSync(file)) return { coverage: null, coverage_map: null };
  return { coverage: coverageTotals(readCoverageMap(file)), coverage_map: file };
}

/** Runs suite `name` of `config`; every outcome is a result (a bad name or configuration throws SuiteConfigError first). */
export async function runSuite(
  config: TestConfig,
  name: string,
  suite: SuiteDef,
  options: RunSuiteOptions = {},
): Promise<SuiteResult> {
  const coverageDir = join(options.coverageDir ? resolve(options.coverageDir) : config.coverageDir, name);
  const work = mkdtempSync(join(tmpdir(), "baton-suite-"));
  const started = Date.now();
  try {
    const env: NodeJS.ProcessEnv = { ...inheritedEnv(), ...suite.env };
    let command = process.execPath;
    let args: string[];
    if (suite.command) {
      const [program, ...rest] = suite.command as [string, ...string[]];
      const refusal = commandRefusal(program, options.allowlist ?? null);
      if (refusal) throw new SuiteConfigError(`suite ${name}: command refused: ${refusal}`);
      command = program;
      args = rest;
      // A command suite may write a vitest/jest-format JSON report and a coverage map here.
      env.BATON_SUITE_REPORT = join(work, "report.json");
      env.BATON_SUITE_COVERAGE_DIR = coverageDir;
      rmSync(coverageDir, { recursive: true, force: true });
    } else args = vitestArgs(config, name, suite, work, coverageDir, Boolean(options.progress));

    const exit = await runChild(
      command,
      args,
      { cwd: config.repo, env, timeoutMs: suite.timeout_ms ?? null, progress: options.progress ?? null },
      options.signal,
    );
    const duration_ms = Date.now() - started;
    const report = exit.stopped ? null : readJsonFile<JsonReport>(join(work, "report.json"));
    const base = { suite: name, repo: config.repo, duration_ms, exit_code: exit.code };
    if (!report || !Array.isArray(report.testResults)) {
      // A command suite without a report is judged by its exit code alone.
      if (suite.command && !exit.stopped && exit.signal === null)
        return {
          ...base,
          status: exit.code === 0 ? "passed" : "failed",
          passed: 0,
          failed: 0,
          skipped: 0,
          failures: [],
          flaky: [],
          slowest: [],
          ...coverageOf(coverageDir),
          error: exit.code === 0 ? null : tail(exit.stderr, 2000),
        };
      const why =
        exit.stopped ?? (exit.signal ? `killed by ${exit.signal}` : `exited with code ${exit.code} and no report`);
      return {
        ...base,
        status: "crashed",
        passed: 0,
        failed: 0,
        skipped: 0,
        failures: [],
        flaky: [],
        slowest: [],
        coverage: null,
        coverage_map: null,
        error: `${why}${exit.stderr.trim() ? `: ${tail(exit.stderr, 2000)}` : ""}`,
      };
    }
    const counts = fromReport(config.repo, report, readJsonFile<RetriedTest[]>(join(work, RETRIES_FILE)) ?? []);
    // vitest says it failed (an unhandled error, a failed hook) though no test did: still a failure.
    const failed = counts.failed > 0 || report.success === false || exit.code !== 0;
    return {
      ...base,
      status: failed ? "failed" : "passed",
      ...counts,
      ...coverageOf(coverageDir),
      error:
        failed && counts.failed === 0 ? tail(exit.stderr, 2000) || "vitest reported a failure outside the tests" : null,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
