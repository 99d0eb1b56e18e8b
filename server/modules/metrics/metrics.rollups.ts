// Rollups of executions per agent per UTC hour (the ExecutionRollup table) and the DDSketch
// percentiles built from them. Database triggers (prisma/migrations/20261203030000_execution_rollups)
// keep the rows current in the same transaction as every insert, update and delete of an Execution,
// whatever path wrote it; `rebuildRollups` recomputes every row from the executions (the
// `baton metrics rebuild` command).
//
// Each row's `sketch` is the bins of a DDSketch (@datadog/sketches-js, LogarithmicMapping at 0.5%
// relative accuracy) of the hour's durations: JSON {key: count}, with "z" counting zero durations.
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

/** A DDSketch filled bin by bin (zero durations apart): what the rollups of one figure merge into. */
export class DurationSketch {
  readonly sketch = new DDSketch({ relativeAccuracy: RELATIVE_ACCURACY });

  get count(): number {
    return this.sketch.count;
  }

  /** Adds `n` durations of bin `key` ("z": zero). */
  addBin(key: string, n: number): void {
    if (n <= 0) return;
    if (key === "z") this.sketch.zeroCount += n;
    else this.sketch.store.add(Number(key), n);
    this.sketch.count += n;
  }

  /** Adds a stored sketch ({key: count} JSON, text or parsed). */
  addStored(stored: unknown): void {
    const bins = (typeof stored === "string" ? JSON.parse(stored) : stored) as Record<string, number> | null;
    if (!bins) return;
    for (const key in bins) this.addBin(key, Number(bins[key]));
  }

  /** Adds `n` durations of `ms` (a raw execution). */
  addValue(ms: number, n = 1): void {
    this.addBin(ms <= 0 ? "z" : String(this.sketch.mapping.key(ms)), n);
  }

  merge(other: DurationSketch): void {
    if (other.count === 0) return;
    this.sketch.zeroCount += other.sketch.zeroCount;
    this.sketch.store.merge(other.sketch.store);
    this.sketch.count += other.sketch.count;
  }

  /**
   * The nearest-rank percentile (the ⌈p·n⌉-th smallest duration, as the exact definition), read
   * from the bins: the bin's representative value, within 0.5% of the true duration at that rank;
   * durations are whole milliseconds, so a bin that can hold only one whole number (below ~100 ms)
   * gives that number, exactly. Null when empty.
   */
  percentile(p: number): number | null {
    const n = this.count;
    if (n === 0) return null;
    const rank = Math.max(1, Math.ceil((n * p) / 100)) - 1; // 0-based
    const zeros = this.sketch.zeroCount;
    if (rank < zeros) return 0;
    const key = this.sketch.store.keyAtRank(rank - zeros);
    const mapping = this.sketch.mapping;
    // When the bin holds one whole number only (its neighbours map elsewhere), that is the duration.
    const whole = Math.round(mapping.value(key));
    if (mapping.key(whole) === key && mapping.key(whole - 1) !== key && mapping.key(whole + 1) !== key) return whole;
    return mapping.value(key);
  }
}

/** The hour bucket of a `timestamp` column, as the triggers compute it. */
function hourOf(db: Database, column: string): Sql {
  return db.provider === "postgresql"
    ? raw(`floor(extract(epoch FROM ${column}) / 3600)::integer`)
    : raw(`unixepoch(${column}) / 3600`);
}

function sketchKey(db: Database, column: string): Sql {
  const ln = db.provider === "postgresql" ? `ln(${column}::double precision)` : `ln(${column})`;
  return raw(
    `CASE WHEN ${column} IS NULL THEN NULL WHEN ${column} <= 0 THEN 'z' ELSE CAST(CAST(ceil(${ln} / ${LN_GAMMA}) AS INTEGER) AS TEXT) END`,
  );
}

/** The rollup rows recomputed from the executions (the same figures the triggers keep). */
export function rollupsFromExecutions(db: Database): Sql {
  const pg = db.provider === "postgresql";
  const bins = pg
    ? raw(`COALESCE(jsonb_object_agg("k", "n") FILTER (WHERE "k" IS NOT NULL), '{}'::jsonb)`)
    : raw(`COALESCE(json_group_object("k", "n") FILTER (WHERE "k" IS NOT NULL), '{}')`);
  const count = (cond: string) => raw(pg ? `COUNT(*) FILTER (WHERE ${cond})` : `SUM(${cond})`);
  return sql`
    SELECT "a" AS "agentName", "h" AS "hour", SUM("n") AS "total", SUM("s") AS "successes", SUM("f") AS "failures",
           SUM("c") AS "cancelled", SUM("ds") AS "durationSum", SUM("dc") AS "durationCount", ${bins} AS "sketch"
    FROM (
      SELECT "agentName" AS "a", ${hourOf(db, `"timestamp"`)} AS "h", ${sketchKey(db, `"durationMs"`)} AS "k",
             COUNT(*) AS "n", ${count(`"status" = 'success'`)} AS "s", ${count(`"status" = 'failure'`)} AS "f",
             ${count(`"status" = 'cancelled'`)} AS "c", COALESCE(SUM("durationMs"), 0) AS "ds", COUNT("durationMs") AS "dc"
      FROM "Execution" GROUP BY 1, 2, 3
    ) "x"
    GROUP BY "a", "h"`;
}

/** Recomputes every rollup row from the executions, in one transaction; returns the row count. */
export async function rebuildRollups(db: Database): Promise<{ rows: number; executions: number }> {
  await db.sql.write([
    sql`DELETE FROM "ExecutionRollup"`,
    sql`INSERT INTO "ExecutionRollup" ("agentName", "hour", "total", "successes", "failures", "cancelled",
          "durationSum", "durationCount", "sketch") ${rollupsFromExecutions(db)}`,
  ]);
  const [r] = await db.sql.all<{ rows: unknown; executions: unknown }>(
    sql`SELECT COUNT(*) AS "rows", COALESCE(SUM("total"), 0) AS "executions" FROM "ExecutionRollup"`,
  );
  return { rows: Number(r?.rows ?? 0), executions: Number(r?.executions ?? 0) };
}
