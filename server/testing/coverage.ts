// Coverage maps (istanbul's coverage-final.json, as @vitest/coverage-v8 writes it) read, merged hit
// by hit with istanbul-lib-coverage — two suites covering the same line count it once — and summed up.
import { readFileSync } from "node:fs";
import libCoverage, { type CoverageMap, type CoverageSummary } from "istanbul-lib-coverage";

export interface Metric {
  covered: number;
  total: number;
  /** Percent, two decimals; 100 when there is nothing to cover (as istanbul says). */
  pct: number;
}

export interface CoverageTotals {
  lines: Metric;
  branches: Metric;
  functions: Metric;
  statements: Metric;
}

export const METRICS = ["lines", "branches", "functions", "statements"] as const;

export function readCoverageMap(file: string): CoverageMap {
  const data = JSON.parse(readFileSync(file, "utf8")) as unknown;
  if (!data || typeof data !== "object" || Array.isArray(data))
    throw new Error(`${file} is not a coverage map (an object of file coverages)`);
  return libCoverage.createCoverageMap(data as Parameters<typeof libCoverage.createCoverageMap>[0]);
}

/** The union of `files`' coverage maps: the same file's hits are added, not averaged. */
export function mergeCoverageMaps(files: readonly string[]): CoverageMap {
  const merged = libCoverage.createCoverageMap({});
  for (const file of files) merged.merge(readCoverageMap(file));
  return merged;
}

function totals(summary: CoverageSummary): CoverageTotals {
  const pick = (m: (typeof METRICS)[number]): Metric => ({
    covered: summary[m].covered,
    total: summary[m].total,
    pct: summary[m].pct,
  });
  return {
    lines: pick("lines"),
    branches: pick("branches"),
    functions: pick("functions"),
    statements: pick("statements"),
  };
}

export function coverageTotals(map: CoverageMap): CoverageTotals {
  return totals(map.getCoverageSummary());
}

/** Each file's totals, path as given in the map. */
export function fileCoverage(map: CoverageMap): { file: string; totals: CoverageTotals }[] {
  return map.files().map((file) => ({ file, totals: totals(map.fileCoverageFor(file).toSummary()) }));
}
