// Metrics over executions, aggregated in SQL: totals, success rate, average and p50/p95 duration,
// per agent and overall, in calendar buckets of a time zone, plus the previous period for
// comparison. Buckets are a VALUES table joined on the timestamp index (identical SQL on SQLite and
// PostgreSQL); percentiles are nearest-rank over ROW_NUMBER() windows. The statements are heavy
// reads (db.sql.read): off the event loop, within the read budget.
import type { Database } from "../../db.js";
import { ValidationError } from "../../errors.js";
import { join, num, numOrNull, raw, type Sql, sql, timeParam } from "../../sql.js";
import { commaList } from "../../validation.js";
import { parseDateParam } from "../execution/execution.validation.js";
import { assertTimeZone, type Bucket, buckets, type Granularity, localDate, localInstant } from "./metrics.buckets.js";

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
}
const zero = (): Counts => ({ total: 0, successes: 0, failures: 0, durationSum: 0, durationCount: 0 });
const add = (a: Counts, b: Counts): Counts => ({
  total: a.total + b.total,
  successes: a.successes + b.successes,
  failures: a.failures + b.failures,
  durationSum: a.durationSum + b.durationSum,
  durationCount: a.durationCount + b.durationCount,
});
const stats = (c: Counts, p?: { p50: number | null; p95: number | null }): Stats => ({
  total: c.total,
  successes: c.successes,
  failures: c.failures,
  successRate: c.successes + c.failures > 0 ? c.successes / (c.successes + c.failures) : null,
  avgDurationMs: c.durationCount > 0 ? c.durationSum / c.durationCount : null,
  p50DurationMs: p?.p50 ?? null,
  p95DurationMs: p?.p95 ?? null,
});

function bucketTable(db: Database, list: { lo: Date; hi: Date }[]): Sql {
  const at = (d: Date) => timeParam(db.provider, d);
  return sql`b("idx", "lo", "hi") AS (VALUES ${join(list.map((b, i) => sql`(${i}, ${at(b.lo)}, ${at(b.hi)})`))})`;
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
  // Bucket indexes: 0..n-1 the series, n the whole range, n+1 the previous period of equal length.
  const table = bucketTable(db, [...series, { lo: start, hi: end }, previous]);
  const onBucket = sql`e."timestamp" >= b."lo" AND e."timestamp" < b."hi"${agents.length ? sql` AND e."agentName" IN (${join(agents)})` : sql``}`;

  const percentiles = (by: "agent" | "all") => {
    const key = by === "agent" ? raw(`e."agentName"`) : raw(`''`);
    return db.sql.read<{ idx: unknown; agent: string; p50: unknown; p95: unknown }>(
      sql`
      WITH ${table},
      x AS (SELECT b."idx" AS "idx", ${key} AS "agent", e."durationMs" AS "d"
            FROM b JOIN "Execution" e ON ${onBucket} WHERE e."durationMs" IS NOT NULL),
      r AS (SELECT "idx", "agent", "d",
                   ROW_NUMBER() OVER (PARTITION BY "idx", "agent" ORDER BY "d") AS "rn",
                   COUNT(*) OVER (PARTITION BY "idx", "agent") AS "n" FROM x)
      SELECT "idx", "agent",
             MAX(CASE WHEN "rn" = ("n" * 50 + 99) / 100 THEN "d" END) AS "p50",
             MAX(CASE WHEN "rn" = ("n" * 95 + 99) / 100 THEN "d" END) AS "p95"
      FROM r GROUP BY "idx", "agent"`,
      { maxRows: MAX_METRICS_ROWS },
    );
  };
  const [countRows, agentPct, allPct] = await Promise.all([
    db.sql.read<Record<string, unknown>>(
      sql`
      WITH ${table}
      SELECT b."idx" AS "idx", e."agentName" AS "agent", COUNT(*) AS "total",
             SUM(CASE WHEN e."status" = 'success' THEN 1 ELSE 0 END) AS "successes",
             SUM(CASE WHEN e."status" = 'failure' THEN 1 ELSE 0 END) AS "failures",
             SUM(e."durationMs") AS "durationSum", COUNT(e."durationMs") AS "durationCount"
      FROM b JOIN "Execution" e ON ${onBucket}
      GROUP BY b."idx", e."agentName"`,
      { maxRows: MAX_METRICS_ROWS },
    ),
    percentiles("agent"),
    percentiles("all"),
  ]);

  const key = (idx: number, agent: string) => `${idx}\u0000${agent}`;
  const counts = new Map<string, Counts>();
  const totals = new Map<number, Counts>();
  const names = new Set(agents);
  for (const r of countRows) {
    const agent = String(r.agent);
    // Agents are those of the range (series and whole-range rows), not of the previous period.
    if (num(r.idx) <= series.length) names.add(agent);
    const c = {
      total: num(r.total),
      successes: num(r.successes),
      failures: num(r.failures),
      durationSum: num(r.durationSum),
      durationCount: num(r.durationCount),
    };
    counts.set(key(num(r.idx), agent), c);
    totals.set(num(r.idx), add(totals.get(num(r.idx)) ?? zero(), c));
  }
  const pct = new Map(
    [...agentPct, ...allPct].map((r) => [key(num(r.idx), r.agent), { p50: numOrNull(r.p50), p95: numOrNull(r.p95) }]),
  );
  const n = series.length;
  const overall = (idx: number) => totals.get(idx) ?? zero();
  const bucketStats = (b: Bucket, s: Stats): BucketStats => ({ ...s, start: b.start, label: b.label });
  return {
    start,
    end,
    granularity,
    tz,
    previousStart: previous.lo,
    summary: stats(overall(n), pct.get(key(n, ""))),
    previous: stats(overall(n + 1), pct.get(key(n + 1, ""))),
    series: series.map((b, i) => bucketStats(b, stats(overall(i), pct.get(key(i, ""))))),
    agents: [...names].sort().map((agentName) => ({
      agentName,
      summary: stats(counts.get(key(n, agentName)) ?? zero(), pct.get(key(n, agentName))),
      previous: stats(counts.get(key(n + 1, agentName)) ?? zero(), pct.get(key(n + 1, agentName))),
      series: series.map((b, i) =>
        bucketStats(b, stats(counts.get(key(i, agentName)) ?? zero(), pct.get(key(i, agentName)))),
      ),
    })),
  };
}
