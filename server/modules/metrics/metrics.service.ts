// Metrics over executions: totals, success rate, average and p50/p95 duration, per agent and
// overall, in calendar buckets of a time zone, plus the previous period for comparison. They are
// read from the rollups (metrics.rollups.ts): every whole UTC hour inside a bucket comes from its
// ExecutionRollup rows, the whole quarter hours beside them (the bucket edges of zones at :30/:45
// offsets such as Asia/Kolkata) from ExecutionRollupQuarter, and what falls inside a quarter hour
// (a range's own ends, such as "now") from the executions themselves. Counts, success rate and
// average are exact; p50/p95 come from the merged DDSketch bins (within 0.5% of the exact
// nearest-rank value). Token and cost sums are exact: costs are summed in whole billionths of a
// dollar (round(costUsd * 1e9) each). The statements are heavy reads (db.sql.read): off the event
// loop, within the read budget.
import type { Database } from "../../db.js";
import { ValidationError } from "../../errors.js";
import { join, num, raw, sql, timeParam } from "../../sql.js";
import { commaList } from "../../validation.js";
import { parseDateParam } from "../execution/execution.validation.js";
import { assertTimeZone, type Bucket, buckets, type Granularity, localDate, localInstant } from "./metrics.buckets.js";
import { DurationSketch, HOUR_MS, QUARTER_MS, ROLLUP_TABLES, type RollupTable, rollupsOf } from "./metrics.rollups.js";

/** Most (bucket, agent) rows one metrics read may return: past it, READ_TOO_LARGE (name agents). */
const MAX_METRICS_ROWS = 200_000;

export interface MetricsArgs {
  agent?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  granularity?: Granularity | null;
  tz?: string | null;
}

export interface Stats {
  total: number;
  successes: number;
  failures: number;
  /** successes / (successes + failures); null when neither. */
  successRate: number | null;
  avgDurationMs: number | null;
  p50DurationMs: number | null;
  p95DurationMs: number | null;
  /** Sums over the executions that reported tokens (tokenExecutions of them); null when none did. */
  inputTokens: number | null;
  outputTokens: number | null;
  tokenExecutions: number;
  /** Sum of the reported costs in US dollars (costExecutions of them); null when none reported one. */
  costUsd: number | null;
  costExecutions: number;
}
export interface BucketStats extends Stats {
  start: Date;
  label: string;
}

interface Counts {
  total: number;
  successes: number;
  failures: number;
  durationSum: number;
  durationCount: number;
  inputTokens: number;
  outputTokens: number;
  tokenCount: number;
  /** Whole billionths of a dollar, as the rollups sum them: sums are exact in any order. */
  costNanos: number;
  costCount: number;
}
const zero = (): Counts => ({
  total: 0,
  successes: 0,
  failures: 0,
  durationSum: 0,
  durationCount: 0,
  inputTokens: 0,
  outputTokens: 0,
  tokenCount: 0,
  costNanos: 0,
  costCount: 0,
});
const add = (a: Counts, b: Counts): Counts => ({
  total: a.total + b.total,
  successes: a.successes + b.successes,
  failures: a.failures + b.failures,
  durationSum: a.durationSum + b.durationSum,
  durationCount: a.durationCount + b.durationCount,
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
  tokenCount: a.tokenCount + b.tokenCount,
  costNanos: a.costNanos + b.costNanos,
  costCount: a.costCount + b.costCount,
});
const stats = (c: Counts, p?: { p50: number | null; p95: number | null }): Stats => ({
  total: c.total,
  successes: c.successes,
  failures: c.failures,
  successRate: c.successes + c.failures > 0 ? c.successes / (c.successes + c.failures) : null,
  avgDurationMs: c.durationCount > 0 ? c.durationSum / c.durationCount : null,
  p50DurationMs: p?.p50 ?? null,
  p95DurationMs: p?.p95 ?? null,
  inputTokens: c.tokenCount > 0 ? c.inputTokens : null,
  outputTokens: c.tokenCount > 0 ? c.outputTokens : null,
  tokenExecutions: c.tokenCount,
  costUsd: c.costCount > 0 ? c.costNanos / 1e9 : null,
  costExecutions: c.costCount,
});

/** One figure being summed: counts and the durations' sketch. */
interface Acc {
  counts: Counts;
  sketch: DurationSketch;
}
const acc = (): Acc => ({ counts: zero(), sketch: new DurationSketch() });
function addAcc(a: Acc, b: Acc): void {
  a.counts = add(a.counts, b.counts);
  a.sketch.merge(b.sketch);
}
const finish = (a: Acc | undefined): Stats =>
  a ? stats(a.counts, { p50: a.sketch.percentile(50), p95: a.sketch.percentile(95) }) : stats(zero());

/**
 * How an interval [lo, hi) is read: its whole UTC hours from the hourly rollups, the whole quarter
 * hours beside them from the quarter-hour rollups (a bucket edge at :30 or :45), and what is left
 * (a range's own ends inside a quarter hour) from the executions. Hours and quarters are counted
 * since 1970-01-01T00:00Z; each part is [from, to).
 */
interface Pieces {
  hours: [number, number][];
  quarters: [number, number][];
  raw: [number, number][];
}
function pieces(lo: number, hi: number): Pieces {
  const q0 = Math.ceil(lo / QUARTER_MS);
  const q1 = Math.floor(hi / QUARTER_MS);
  if (q0 >= q1) return { hours: [], quarters: [], raw: [[lo, hi]] };
  const raw: [number, number][] = [];
  if (lo < q0 * QUARTER_MS) raw.push([lo, q0 * QUARTER_MS]);
  if (q1 * QUARTER_MS < hi) raw.push([q1 * QUARTER_MS, hi]);
  const per = HOUR_MS / QUARTER_MS;
  const h0 = Math.ceil(q0 / per);
  const h1 = Math.floor(q1 / per);
  if (h0 >= h1) return { hours: [], quarters: [[q0, q1]], raw };
  const quarters: [number, number][] = [];
  if (q0 < h0 * per) quarters.push([q0, h0 * per]);
  if (h1 * per < q1) quarters.push([h1 * per, q1]);
  return { hours: [[h0, h1]], quarters, raw };
}

/** A row's token and cost sums added to a figure's counts. */
function addUsage(c: Counts, r: Record<string, unknown>): void {
  c.inputTokens += num(r.inputTokens);
  c.outputTokens += num(r.outputTokens);
  c.tokenCount += num(r.tokenCount);
  c.costNanos += num(r.costNanos);
  c.costCount += num(r.costCount);
}

export async function computeMetrics(db: Database, args: MetricsArgs, now = new Date()) {
  const tz = assertTimeZone(args.tz?.trim() || "UTC");
  const granularity = args.granularity ?? "day";
  const local = (y: number, m: number, d: number, h: number, min: number, s: number, ms: number) =>
    localInstant(y, m, d, tz, h, min, s, ms);
  const end = parseDateParam(args.endDate, "endDate", true, local) ?? now;
  const endDay = localDate(end.getTime() - 1, tz);
  const start =
    parseDateParam(args.startDate, "startDate", false, local) ??
    new Date(localInstant(endDay.y, endDay.m, endDay.d - 29, tz));
  if (end <= start) throw ValidationError.field("endDate", "must be after startDate");
  const agents = commaList(args.agent);

  const series = buckets(start, end, granularity, tz);
  const span = end.getTime() - start.getTime();
  const previous = { lo: new Date(start.getTime() - span), hi: start };
  // Intervals 0..n-1: the series; n: the previous period (the whole range is the series merged).
  const n = series.length;
  const split = [...series, previous].map((b) => pieces(b.lo.getTime(), b.hi.getTime()));
  const agentFilter = (column: string) => (agents.length ? sql` AND ${raw(column)} IN (${join(agents)})` : sql``);

  // Whole hours and whole quarter hours: the rollup rows of each interval's parts, summed per
  // (interval, agent) in SQL; the sketches come concatenated (`{…}{…}`), which
  // DurationSketch.addStored reads as one.
  const sketches = db.provider === "postgresql" ? sql`string_agg(r."sketch", '')` : sql`group_concat(r."sketch", '')`;
  const rollupRead = (t: RollupTable, parts: { idx: number; from: number; to: number }[]) =>
    parts.length
      ? db.sql.read<Record<string, unknown>>(
          sql`WITH b("idx", "b0", "b1") AS (VALUES ${join(parts.map((p) => sql`(${p.idx}, CAST(${p.from} AS INTEGER), CAST(${p.to} AS INTEGER))`))})
              SELECT b."idx" AS "group", r."agentName" AS "agentName", SUM(r."total") AS "total",
                     SUM(r."successes") AS "successes", SUM(r."failures") AS "failures",
                     SUM(r."durationSum") AS "durationSum", SUM(r."durationCount") AS "durationCount",
                     SUM(r."inputTokens") AS "inputTokens", SUM(r."outputTokens") AS "outputTokens",
                     SUM(r."tokenCount") AS "tokenCount", SUM(r."costNanos") AS "costNanos", SUM(r."costCount") AS "costCount",
                     ${sketches} AS "sketch"
              FROM b JOIN ${raw(`"${t.table}" r ON r."${t.column}" >= b."b0" AND r."${t.column}" < b."b1"`)}${agentFilter('r."agentName"')}
              GROUP BY b."idx", r."agentName"`,
          { maxRows: MAX_METRICS_ROWS },
        )
      : Promise.resolve([]);
  const partsOf = (key: "hours" | "quarters" | "raw") =>
    split.flatMap((p, idx) => p[key].map(([from, to]) => ({ idx, from, to })));
  const [hourTable, quarterTable] = ROLLUP_TABLES;
  const hourRead = rollupRead(hourTable, partsOf("hours"));
  const quarterRead = rollupRead(quarterTable, partsOf("quarters"));
  // Inside a quarter hour: the executions themselves, summed per (interval, agent) in SQL as the
  // rollups are (the same columns, the durations binned into a sketch), so all reads fold in alike.
  const rawParts = partsOf("raw");
  const at = (ms: number) => timeParam(db.provider, new Date(ms));
  const edgeRead = rawParts.length
    ? db.sql.read<Record<string, unknown>>(
        sql`WITH b("idx", "lo", "hi") AS (VALUES ${join(rawParts.map((p) => sql`(${p.idx}, ${at(p.from)}, ${at(p.to)})`))})
            ${rollupsOf(db, {
              group: sql`b."idx"`,
              from: sql`FROM b JOIN "Execution" e ON e."timestamp" >= b."lo" AND e."timestamp" < b."hi"${agentFilter('e."agentName"')}`,
            })}`,
        { maxRows: MAX_METRICS_ROWS },
      )
    : Promise.resolve([]);
  const rowSets = await Promise.all([hourRead, quarterRead, edgeRead]);

  // (interval, agent) figures: per agent, one slot per interval.
  const perAgent = new Map<string, (Acc | undefined)[]>();
  const names = new Set(agents);
  const slot = (idx: number, agent: string): Acc => {
    if (idx < n) names.add(agent);
    let slots = perAgent.get(agent);
    if (!slots) {
      slots = new Array<Acc | undefined>(n + 1);
      perAgent.set(agent, slots);
    }
    let a = slots[idx];
    if (!a) {
      a = acc();
      slots[idx] = a;
    }
    return a;
  };
  for (const r of rowSets.flat()) {
    const a = slot(num(r.group), String(r.agentName));
    const c = a.counts;
    c.total += num(r.total);
    c.successes += num(r.successes);
    c.failures += num(r.failures);
    c.durationSum += num(r.durationSum);
    c.durationCount += num(r.durationCount);
    addUsage(c, r);
    a.sketch.addStored(r.sketch);
  }

  // Merged: per interval over agents, per agent over the series (the summary), and overall.
  const all: Acc[] = Array.from({ length: n + 1 }, acc);
  const summaryOf = new Map<string, Acc>();
  const summaryAll = acc();
  for (const [agent, slots] of perAgent) {
    const s = acc();
    summaryOf.set(agent, s);
    slots.forEach((a, idx) => {
      if (!a) return;
      addAcc(all[idx] as Acc, a);
      if (idx < n) addAcc(s, a);
    });
    addAcc(summaryAll, s);
  }
  const bucketStats = (b: Bucket, s: Stats): BucketStats => ({ ...s, start: b.start, label: b.label });
  const get = (idx: number, agent: string) => perAgent.get(agent)?.[idx];
  return {
    start,
    end,
    granularity,
    tz,
    previousStart: previous.lo,
    summary: finish(summaryAll),
    previous: finish(all[n]),
    series: series.map((b, i) => bucketStats(b, finish(all[i]))),
    agents: [...names].sort().map((agentName) => ({
      agentName,
      summary: finish(summaryOf.get(agentName)),
      previous: finish(get(n, agentName)),
      series: series.map((b, i) => bucketStats(b, finish(get(i, agentName)))),
    })),
  };
}
