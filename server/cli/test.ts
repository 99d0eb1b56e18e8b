// `baton test suite|merge|list` and `baton test-parallel`: a repository's test suites (its
// baton.config.json) run one at a time or all at once, results merged with coverage. They need no
// running server. See docs/test-parallel.md.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { CommandAllowlist } from "../engine/command-allowlist.js";
import { parseEnv } from "../env.js";
import { insideRoot, loadTestConfig, pickSuite, SuiteConfigError, type TestConfig } from "../testing/config.js";
import {
  asSuiteResult,
  DEFAULT_COVERAGE_THRESHOLD,
  type MergedReport,
  mergedMarkdown,
  mergeResults,
} from "../testing/merge.js";
import { runSuite, type SuiteResult } from "../testing/run-suite.js";
import { type Args, CliError, type Out } from "./args.js";

export const TEST_USAGE = `baton test list [--repo <dir>] [--json]
baton test suite <name> [--json] [--out <file>] [--repo <dir>] [--coverage-dir <dir>] [--quiet] [--report-only] [--step-input]
baton test merge <result.json>… [--json] [--coverage-threshold <0-100>]
baton test-parallel [<suite>…] [--json] [--repo <dir>] [--coverage-dir <dir>] [--coverage-threshold <0-100>]

Suites come from baton.config.json (or package.json "baton") in the repository (--repo, default: here).
Exit codes: 0 every suite passed, 1 a test failed or a suite crashed, 2 the command line or configuration is wrong.`;

/** A configuration problem is the command line's fault as far as the exit code goes (2). */
function config(repo: string): TestConfig {
  try {
    return loadTestConfig(repo);
  } catch (e) {
    if (e instanceof SuiteConfigError) throw new CliError(e.message);
    throw e;
  }
}

function threshold(args: Args): number {
  const given = args.option("coverage-threshold");
  if (given === undefined) return DEFAULT_COVERAGE_THRESHOLD;
  const n = Number(given);
  if (given.trim() === "" || !Number.isFinite(n) || n < 0 || n > 100)
    throw new CliError(`--coverage-threshold must be a percentage from 0 to 100 (got '${given}')`);
  return n;
}

function allowlist(): CommandAllowlist {
  // As the server reads it (its workflow steps inherit it): a command suite obeys it too.
  return parseEnv().BATON_COMMAND_ALLOWLIST;
}

/**
 * `--step-input`: the command runner's step input on stdin, `{ "repo": "<dir>" }`. As a workflow
 * step runs in the server's working directory, the repository named there must lie inside it.
 */
function stepRepo(args: Args): string | undefined {
  if (!args.flag("step-input")) return args.option("repo");
  let input: unknown;
  try {
    const text = readFileSync(0, "utf8").trim();
    input = text === "" ? {} : JSON.parse(text);
  } catch (e) {
    throw new CliError(`--step-input: stdin is not JSON: ${(e as Error).message}`);
  }
  if (input === null || typeof input !== "object" || Array.isArray(input))
    throw new CliError('--step-input: stdin must be a JSON object like {"repo": "path/inside/the/working/directory"}');
  const repo = (input as Record<string, unknown>).repo;
  if (repo === undefined || repo === null) return args.option("repo");
  if (typeof repo !== "string" || repo === "") throw new CliError("--step-input: repo must be a non-empty string");
  try {
    return insideRoot(process.cwd(), repo, "--step-input: repo");
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

function writeOut(file: string | undefined, value: unknown) {
  if (!file) return;
  mkdirSync(dirname(resolve(file)), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function printResult(result: SuiteResult, out: Out) {
  const cov = result.coverage ? `, lines ${result.coverage.lines.pct}% covered` : "";
  out.line(
    `${result.suite}: ${result.status} — ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped in ${(result.duration_ms / 1000).toFixed(1)} s${cov}`,
  );
  for (const f of result.failures) out.line(`  ✗ ${f.location} ${f.test}\n    ${f.message.split("\n")[0]}`);
  for (const f of result.flaky)
    out.line(`  ~ flaky: ${f.file}${f.line === null ? "" : `:${f.line}`} ${f.test} (${f.retries} retries)`);
  if (result.status === "crashed") out.line(`  crashed: ${result.error}`);
  if (result.coverage_map) out.line(`  coverage map: ${result.coverage_map}`);
}

async function suiteCommand(args: Args, out: Out, rest: string[]): Promise<number> {
  const [name, extra] = rest;
  if (!name || extra !== undefined) throw new CliError(`give exactly one suite name\n\n${TEST_USAGE}`);
  const cfg = config(stepRepo(args) ?? process.cwd());
  let suite: ReturnType<typeof pickSuite>;
  try {
    suite = pickSuite(cfg, name);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const quiet = args.flag("quiet") || args.flag("step-input");
  if (!quiet) process.stderr.write(`baton: running suite ${name} in ${cfg.repo}\n`);
  let result: SuiteResult;
  try {
    result = await runSuite(cfg, name, suite, {
      coverageDir: args.option("coverage-dir"),
      progress: quiet ? null : (chunk) => process.stderr.write(chunk),
      allowlist: allowlist(),
    });
  } catch (e) {
    if (e instanceof SuiteConfigError) throw new CliError(e.message);
    throw e;
  }
  writeOut(args.option("out"), result);
  if (args.flag("json")) out.json(result);
  else printResult(result, out);
  return result.status === "passed" || args.flag("report-only") ? 0 : 1;
}

function readResult(file: string): SuiteResult {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return asSuiteResult(value, file);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

function report(results: SuiteResult[], args: Args, out: Out, extra: Record<string, unknown> = {}): number {
  let merged: MergedReport;
  try {
    merged = mergeResults(results, { coverageThreshold: threshold(args) });
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError((e as Error).message);
  }
  if (args.flag("json")) out.json({ ...merged, ...extra });
  else out.line(mergedMarkdown(merged).trimEnd());
  return merged.ok ? 0 : 1;
}

function mergeCommand(args: Args, out: Out, files: string[]): number {
  if (files.length === 0) throw new CliError(`give the result files to merge\n\n${TEST_USAGE}`);
  threshold(args);
  return report(files.map(readResult), args, out);
}

function listCommand(args: Args, out: Out): number {
  const cfg = config(args.option("repo") ?? process.cwd());
  const suites = Object.entries(cfg.suites).map(([name, s]) => ({
    name,
    description: s.description ?? null,
    runs: s.command ? { command: s.command } : { project: s.project ?? null, files: s.files ?? null },
  }));
  if (args.flag("json")) out.json({ repo: cfg.repo, source: cfg.source, suites });
  else for (const s of suites) out.line(`${s.name}${s.description ? `  ${s.description}` : ""}`);
  return 0;
}

export async function testCommand(args: Args, out: Out): Promise<number> {
  const [sub, ...rest] = args.positional;
  if (sub === "suite") return suiteCommand(args, out, rest);
  if (sub === "merge") return mergeCommand(args, out, rest);
  if (sub === "list") return listCommand(args, out);
  throw new CliError(`${sub ? `unknown test command '${sub}'` : "give a test command"}\n\n${TEST_USAGE}`);
}

/** A suite's result, a crashed one when it could not even start (say, no file matches its globs). */
async function suiteOrCrash(cfg: TestConfig, name: string, coverageDir: string | undefined): Promise<SuiteResult> {
  const started = Date.now();
  try {
    return await runSuite(cfg, name, pickSuite(cfg, name), { coverageDir, progress: null, allowlist: allowlist() });
  } catch (e) {
    return {
      suite: name,
      status: "crashed",
      repo: cfg.repo,
      passed: 0,
      failed: 0,
      skipped: 0,
      duration_ms: Date.now() - started,
      failures: [],
      flaky: [],
      slowest: [],
      coverage: null,
      coverage_map: null,
      exit_code: null,
      error: (e as Error).message,
    };
  }
}

export async function testParallelCommand(args: Args, out: Out): Promise<number> {
  const cfg = config(args.option("repo") ?? process.cwd());
  const names = args.positional.length > 0 ? args.positional : Object.keys(cfg.suites);
  const unknown = names.filter((n) => !Object.hasOwn(cfg.suites, n));
  if (unknown.length > 0)
    throw new CliError(
      `unknown suite${unknown.length === 1 ? "" : "s"} ${unknown.map((n) => `'${n}'`).join(", ")} (known in ${cfg.source}: ${Object.keys(cfg.suites).sort().join(", ")})`,
    );
  if (new Set(names).size !== names.length) throw new CliError("a suite is named twice");
  threshold(args);
  const coverageDir = args.option("coverage-dir") ? resolve(args.option("coverage-dir") as string) : undefined;

  const started = Date.now();
  const running = new Map(names.map((n) => [n, Date.now()]));
  const err = (line: string) => process.stderr.write(`${line}\n`);
  err(
    `test-parallel: ${names.length} suite${names.length === 1 ? "" : "s"} at once (${names.join(", ")}) in ${cfg.repo}`,
  );
  const heartbeat = setInterval(() => {
    const now = Date.now();
    err(`  … running: ${[...running].map(([n, t]) => `${n} ${Math.round((now - t) / 1000)} s`).join(", ")}`);
  }, 10_000);
  try {
    const results = await Promise.all(
      names.map(async (name) => {
        const result = await suiteOrCrash(cfg, name, coverageDir);
        running.delete(name);
        const mark = result.status === "passed" ? "✓" : "✗";
        err(
          `  ${mark} ${name} ${result.status}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped in ${(result.duration_ms / 1000).toFixed(1)} s${running.size > 0 ? ` (${running.size} still running)` : ""}`,
        );
        return result;
      }),
    );
    const wall_ms = Date.now() - started;
    err(`test-parallel: done in ${(wall_ms / 1000).toFixed(1)} s`);
    return report(results, args, out, { wall_ms });
  } finally {
    clearInterval(heartbeat);
  }
}
