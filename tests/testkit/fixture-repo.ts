// A fresh copy of tests/fixtures/test-repo (three suites: one with a failing test, one with a
// flaky test, plus one whose runner crashes) for `baton test …` to run. Copies go under
// tests/.artifacts (git-ignored) inside this checkout, so the fixture's imports of vitest and its
// coverage provider resolve to Baton's node_modules, and each test writes its own coverage maps.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import libCoverage from "istanbul-lib-coverage";
import { readFileSync } from "node:fs";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
export const batonBin = join(repoRoot, "server/cli/bin.mjs");
const fixture = join(repoRoot, "tests/fixtures/test-repo");

export interface FixtureRepo {
  /** Absolute path of the copy. */
  dir: string;
  /** The copy's path relative to Baton's checkout. */
  relative: string;
  remove(): void;
}

export function copyFixtureRepo(): FixtureRepo {
  const dir = join(repoRoot, "tests/.artifacts/fixture-repos", randomBytes(6).toString("hex"));
  mkdirSync(dir, { recursive: true });
  // Not what an earlier run left in the fixture itself (vite's cache, coverage maps).
  const leftovers = [join(fixture, "coverage"), join(fixture, "node_modules")];
  cpSync(fixture, dir, { recursive: true, filter: (src) => !leftovers.some((l) => src.startsWith(l)) });
  return { dir, relative: relative(repoRoot, dir), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What istanbul-lib-coverage itself makes of `files` merged: the figures a merge must equal. */
export function istanbulTotals(files: readonly string[]) {
  const map = libCoverage.createCoverageMap({});
  for (const f of files) map.merge(JSON.parse(readFileSync(f, "utf8")));
  const s = map.getCoverageSummary();
  const pick = (m: "lines" | "branches" | "functions" | "statements") => ({
    covered: s[m].covered,
    total: s[m].total,
    pct: s[m].pct,
  });
  return {
    lines: pick("lines"),
    branches: pick("branches"),
    functions: pick("functions"),
    statements: pick("statements"),
  };
}
