// Rollups of executions per agent per UTC hour (ExecutionRollup) and per UTC quarter hour
// (ExecutionRollupQuarter), and the DDSketch percentiles built from them. Database triggers
// (prisma/migrations/20261203030000_execution_rollups, 20261204010000_execution_usage for the token
// and cost sums, 20261205020000_execution_rollup_quarters for the quarter hours) keep the rows
// current in the same transaction as every insert, update and delete of an Execution, whatever
// path wrote it; `rebuildRollups` recomputes every row from the executions (the
// `baton metrics rebuild` command).
//
// Each row's `sketch` is the bins of a DDSketch (@datadog/sketches-js, LogarithmicMapping at 0.5%
// relative accuracy) of the hour's (or quarter's) durations: JSON text {key: count}, with "z" counting zero
// durations (a text column on PostgreSQL too: reads concatenate the text as it is stored).
// The key the triggers compute in SQL, ceil(ln(d) / ln(1 + 2a/(1 - a))), is the library's
// mapping.key(d) (checked for every whole millisecond up to 3,000,000 on both databases).
import { DDSketch } from "@datadog/sketches-js";
import type { Database } from "../../db.js";
import { raw, type Sql, sql } from "../../sql.js";

/** DDSketch relative accuracy: a percentile is within 0.5% of a value of the data at that rank. */
export const RELATIVE_ACCURACY = 0.005;
/** ln(gamma) of the mapping, as the SQL of the triggers writes it. */
const LN_GAMMA = "0.010000083334583356";
export const HOUR_MS = 3_600_000;
export const QUARTER_MS = 900_000;

/** The library's mapping: key(d) for a duration, value(key) for a bin. */
const mapping = new DDSketch({ relativeAccuracy: RELATIVE_ACCURACY }).mapping;
/** Keys of whole-millisecond durations that fit the Int column: 0 (1 ms) to 2149 (2^31 ms). */
const KEYS = 2_200;

/**
 * The merged DDSketch bins of one figure (a bucket, per agent or overall): dense counts by key
 * (every duration of the Int column has a key in [0, KEYS)), zero durations apart. Merging many
 * hourly sketches is adding arrays; stored sketches are read by a scanner, not JSON.parse (the
 * 1,000,000-row profile spent most of its time parsing).
 */
export class DurationSketch {
  private bins: Float64Array | null = null;
  private lo = KEYS;
  private hi = -1;
  zeros = 0;
  count = 0;

  /** Adds `n` durations of bin `key`. */
  addKey(key: number, n: number): void {
    if (n <= 0) return;
    if (!Number.isInteger(key) || key < 0 || key >= KEYS) throw new Error(`sketch key ${key} out of range`);
    if (!this.bins) this.bins = new Float64Array(KEYS);
    this.bins[key] = (this.bins[key] as number) + n;
    if (key < this.lo) this.lo = key;
    if (key > this.hi) this.hi = key;
    this.count += n;
  }

  addZeros(n: number): void {
    if (n <= 0) return;
    this.zeros += n;
    this.count += n;
  }

  /** Adds a stored sketch: `{"461": 2, "z": 1}` as text (either database's spelling) or parsed. */
  addStored(stored: unknown): void {
    if (stored === null || stored === undefined) return;
    if (typeof stored !== "string") {
      for (const [k, v] of Object.entries(stored as Record<string, unknown>))
        k === "z" ? this.addZeros(Number(v)) : this.addKey(Number(k), Number(v));
      return;
    }
    const s = stored;
    let i = 0;
    const len = s.length;
    while (i < len) {
      // "key"
      while (i < len && s.charCodeAt(i) !== 34) i++;
      if (i >= len) break;
      i++;
      let key = 0;
      let zero = false;
      while (i < len && s.charCodeAt(i) !== 34) {
        const c = s.charCodeAt(i);
        if (c === 122) zero = true;
        else key = key * 10 + (c - 48);
        i++;
      }
      i++;
      // : count
      while (i < len && (s.charCodeAt(i) < 48 || s.charCodeAt(i) > 57)) i++;
      const from = i;
      while (i < len && ((s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) || s.charCodeAt(i) === 46)) i++;
      const n = Number(s.slice(from, i));
      if (zero) this.addZeros(n);
      else this.addKey(key, n);
    }
  }

  merge(other: DurationSketch): void {
    if (other.count === 0) return;
    this.addZeros(other.zeros);
    const b = other.bins;
    if (!b || other.hi < other.lo) return;
    if (!this.bins) this.bins = new Float64Array(KEYS);
    const a = this.bins;
    for (let k = other.lo; k <= other.hi; k++) a[k] = (a[k] as number) + (b[k] as number);
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
    this.count += other.count - other.zeros;
  }

  /**
   * The nearest-rank percentile (the ⌈p·n⌉-th smallest duration, as the exact definition), read
   * from the bins: the bin's representative value (mapping.value), within 0.5% of the true
   * duration at that rank; durations are whole milliseconds, so a bin that can hold only one whole
   * number (below ~100 ms) gives that number, exactly. Null when empty.
   */
  percentile(p: number): number | null {
    if (this.count === 0) return null;
    let rank = Math.max(1, Math.ceil((this.count * p) / 100)) - this.zeros; // 1-based, after the zeros
    if (rank <= 0 || !this.bins) return 0;
    let key = this.hi;
    for (let k = this.lo; k <= this.hi; k++) {
      rank -= this.bins[k] as number;
      if (rank <= 0) {
        key = k;
        break;
      }
    }
    // When the bin holds one whole number only (its neighbours map elsewhere), that is the duration.
    const whole = Math.round(mapping.value(key));
    if (mapping.key(whole) === key && mapping.key(whole - 1) !== key && mapping.key(whole + 1) !== key) return whole;
    return mapping.value(key);
  }
}

/** The hour (unit 3600) or quarter hour (900) of a `timestamp` column, as the triggers compute it. */
function bucketOf(db: Database, column: string, unitSeconds: number): Sql {
  return db.provider === "postgresql"
    ? raw(`floor(extract(epoch FROM ${column}) / ${unitSeconds})::integer`)
    : raw(`CAST(floor(unixepoch(${column}) / ${unitSeconds}.0) AS INTEGER)`);
}

/** A duration's sketch key as an integer (grouping on integers is cheaper than on text); -1 for zero. */
function sketchKey(db: Database, column: string): Sql {
  const ln = db.provider === "postgresql" ? `ln(${column}::double precision)` : `ln(${column})`;
  return raw(
    `CASE WHEN ${column} IS NULL THEN NULL WHEN ${column} <= 0 THEN -1 ELSE CAST(ceil(${ln} / ${LN_GAMMA}) AS INTEGER) END`,
  );
}

/**
 * A cost in whole billionths of a dollar, as the triggers sum it: round(costUsd * 1e9), halves away
 * from zero on both databases (PostgreSQL's round of a double rounds halves to even; of a numeric, away).
 */
export function costNanos(db: Database, column: string): Sql {
  return db.provider === "postgresql"
    ? raw(`round((${column} * 1e9)::numeric)::bigint`)
    : raw(`CAST(round(${column} * 1e9) AS INTEGER)`);
}

/**
 * Rollup figures of executions, one row per (agent, group): `group` is an expression over the
 * executions `e` (the hour, for the stored rollups; a bucket index, for the parts of a metrics
 * read that no whole hour covers) and `from` the FROM clause that names `e`. Columns, in the
 * table's order: agentName, group, total, successes, failures, cancelled, durationSum,
 * durationCount, sketch (JSON text, as stored), inputTokens, outputTokens, tokenCount, costNanos,
 * costCount — the same figures the triggers keep.
 */
export function rollupsOf(db: Database, { group, from }: { group: Sql; from: Sql }): Sql {
  const pg = db.provider === "postgresql";
  const bins = pg
    ? raw(
        `COALESCE(jsonb_object_agg(CASE WHEN "k" < 0 THEN 'z' ELSE "k"::text END, "n") FILTER (WHERE "k" IS NOT NULL), '{}'::jsonb)::text`,
      )
    : raw(
        `COALESCE(json_group_object(CASE WHEN "k" < 0 THEN 'z' ELSE CAST("k" AS TEXT) END, "n") FILTER (WHERE "k" IS NOT NULL), '{}')`,
      );
  const count = (cond: string) => raw(pg ? `COUNT(*) FILTER (WHERE ${cond})` : `SUM(${cond})`);
  // Grouped byte-wise: the same groups (names are equal only when their bytes are), without the
  // locale's collation, which was most of PostgreSQL's sort of 40,000 rows.
  const agent = raw(pg ? `e."agentName" COLLATE "C"` : `e."agentName"`);
  return sql`
    SELECT "a" AS "agentName", "g" AS "group", SUM("n") AS "total", SUM("s") AS "successes", SUM("f") AS "failures",
           SUM("c") AS "cancelled", SUM("ds") AS "durationSum", SUM("dc") AS "durationCount", ${bins} AS "sketch",
           SUM("ti") AS "inputTokens", SUM("to") AS "outputTokens", SUM("tn") AS "tokenCount",
           SUM("cn") AS "costNanos", SUM("cc") AS "costCount"
    FROM (
      SELECT ${agent} AS "a", ${group} AS "g", ${sketchKey(db, `e."durationMs"`)} AS "k",
             COUNT(*) AS "n", ${count(`e."status" = 'success'`)} AS "s", ${count(`e."status" = 'failure'`)} AS "f",
             ${count(`e."status" = 'cancelled'`)} AS "c", COALESCE(SUM(e."durationMs"), 0) AS "ds", COUNT(e."durationMs") AS "dc",
             COALESCE(SUM(e."inputTokens"), 0) AS "ti", COALESCE(SUM(e."outputTokens"), 0) AS "to",
             ${count(`(e."inputTokens" IS NOT NULL OR e."outputTokens" IS NOT NULL)`)} AS "tn",
             COALESCE(SUM(${costNanos(db, `e."costUsd"`)}), 0) AS "cn", COUNT(e."costUsd") AS "cc"
      ${from} GROUP BY 1, 2, 3
    ) "x"
    GROUP BY "a", "g"`;
}

/**
 * The rollup tables: per agent per UTC hour, and per agent per UTC quarter hour (the edges of
 * buckets that do not fill an hour). Same columns but the bucket's.
 */
export const ROLLUP_TABLES = [
  { table: "ExecutionRollup", column: "hour", unitMs: HOUR_MS },
  { table: "ExecutionRollupQuarter", column: "quarter", unitMs: QUARTER_MS },
] as const;
export type RollupTable = (typeof ROLLUP_TABLES)[number];

/** A rollup table's rows recomputed from the executions (the same figures the triggers keep). */
export function rollupsFromExecutions(db: Database, t: RollupTable): Sql {
  return rollupsOf(db, { group: bucketOf(db, `e."timestamp"`, t.unitMs / 1000), from: sql`FROM "Execution" e` });
}

/** Recomputes every rollup row of both tables from the executions, in one transaction. */
export async function rebuildRollups(db: Database): Promise<{ rows: number; quarterRows: number; executions: number }> {
  const columns = (t: RollupTable) =>
    raw(`("agentName", "${t.column}", "total", "successes", "failures", "cancelled", "durationSum", "durationCount",
          "sketch", "inputTokens", "outputTokens", "tokenCount", "costNanos", "costCount")`);
  await db.sql.write(
    ROLLUP_TABLES.flatMap((t) => [
      sql`DELETE FROM ${raw(`"${t.table}"`)}`,
      sql`INSERT INTO ${raw(`"${t.table}"`)} ${columns(t)} ${rollupsFromExecutions(db, t)}`,
    ]),
  );
  const [r] = await db.sql.all<{ rows: unknown; quarterRows: unknown; executions: unknown }>(
    sql`SELECT (SELECT COUNT(*) FROM "ExecutionRollup") AS "rows", (SELECT COUNT(*) FROM "ExecutionRollupQuarter") AS "quarterRows",
               (SELECT COALESCE(SUM("total"), 0) FROM "ExecutionRollup") AS "executions"`,
  );
  return {
    rows: Number(r?.rows ?? 0),
    quarterRows: Number(r?.quarterRows ?? 0),
    executions: Number(r?.executions ?? 0),
  };
}
