// An agent's health (`GET /agents/{id}/health`, GraphQL `agentHealth` and `Agent.health`): its
// circuit as stored, and its executions' figures over the last hour and the last day — counts,
// success rate and nearest-rank p95 duration, aggregated in SQL on the (agentName, timestamp)
// index (one statement for both windows) — plus its most recent failure. Both statements are
// heavy reads (db.sql.read): off the event loop, within the read budget.
import type { Database } from "../../db.js";
import { num, numOrNull, readTime, sql, timeParam } from "../../sql.js";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export interface HealthWindow {
  /** The window is [since, until]: executions that started in it (by `timestamp`). */
  since: Date;
  until: Date;
  total: number;
  successes: number;
  failures: number;
  /** successes / (successes + failures); null when neither (running or cancelled ones do not count). */
  successRate: number | null;
  /** Nearest-rank 95th percentile of the durations known in the window; null when none. */
  p95DurationMs: number | null;
}

export interface LastFailure {
  executionId: string;
  at: Date;
  error: string | null;
}

export interface AgentFigures {
  lastHour: HealthWindow;
  lastDay: HealthWindow;
  lastFailure: LastFailure | null;
}

/** The figures of executions of `agentName` (exact name) up to `now`. */
export async function agentFigures(db: Database, agentName: string, now = new Date()): Promise<AgentFigures> {
  const at = (d: Date) => timeParam(db.provider, d);
  const hour = new Date(now.getTime() - HOUR_MS);
  const day = new Date(now.getTime() - DAY_MS);
  // Window 0 is the hour, 1 the day; each row of x is one execution in one window.
  const [windows, failures] = await Promise.all([
    db.sql.read<Record<string, unknown>>(sql`
      WITH b("idx", "lo") AS (VALUES (0, ${at(hour)}), (1, ${at(day)})),
      x AS (SELECT b."idx" AS "idx", e."status" AS "status", e."durationMs" AS "d"
            FROM b JOIN "Execution" e
              ON e."agentName" = ${agentName} AND e."timestamp" >= b."lo" AND e."timestamp" <= ${at(now)}),
      c AS (SELECT "idx", COUNT(*) AS "total",
                   SUM(CASE WHEN "status" = 'success' THEN 1 ELSE 0 END) AS "successes",
                   SUM(CASE WHEN "status" = 'failure' THEN 1 ELSE 0 END) AS "failures"
            FROM x GROUP BY "idx"),
      r AS (SELECT "idx", "d", ROW_NUMBER() OVER (PARTITION BY "idx" ORDER BY "d") AS "rn",
                   COUNT(*) OVER (PARTITION BY "idx") AS "n"
            FROM x WHERE "d" IS NOT NULL),
      p AS (SELECT "idx", MAX(CASE WHEN "rn" = ("n" * 95 + 99) / 100 THEN "d" END) AS "p95" FROM r GROUP BY "idx")
      SELECT c."idx" AS "idx", c."total" AS "total", c."successes" AS "successes", c."failures" AS "failures",
             p."p95" AS "p95"
      FROM c LEFT JOIN p ON p."idx" = c."idx"`),
    db.sql.read<Record<string, unknown>>(sql`
      SELECT "id", "timestamp", "error" FROM "Execution"
      WHERE "agentName" = ${agentName} AND "status" = 'failure' AND "timestamp" <= ${at(now)}
      ORDER BY "timestamp" DESC, "id" DESC LIMIT 1`),
  ]);
  const window = (idx: number, since: Date): HealthWindow => {
    const r = windows.find((w) => num(w.idx) === idx);
    const successes = num(r?.successes);
    const failures = num(r?.failures);
    return {
      since,
      until: now,
      total: num(r?.total),
      successes,
      failures,
      successRate: successes + failures > 0 ? successes / (successes + failures) : null,
      p95DurationMs: numOrNull(r?.p95),
    };
  };
  const f = failures[0];
  return {
    lastHour: window(0, hour),
    lastDay: window(1, day),
    lastFailure: f
      ? { executionId: String(f.id), at: readTime(f.timestamp) as Date, error: (f.error as string | null) ?? null }
      : null,
  };
}
