// Metrics by day over 90 days on 1,000,000 executions (SQLite): Baton's `GET /metrics` vs the
// same SQL run directly with better-sqlite3 on the same database (goal ≤ 2×), and its absolute p50.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { migrateSqlite } from "../server/db/migrate.js";
import { mulberry32 } from "../server/seed/demo.js";
import { median, timeRuns } from "./lib/harness.js";
import { AGENTS, storedTime as stored } from "./lib/execution-rows.js";
import { spawnBaton } from "./lib/spawn-baton.js";

const TOTAL = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DAY = 86_400_000;
const FROM = Date.UTC(2026, 0, 1);

function fill(path: string) {
  migrateSqlite(path);
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const insert =
    db.prepare(`INSERT INTO "Execution" ("id","agentName","status","timestamp","endedAt","durationMs","rootId","depth","attempt","createdAt","updatedAt")
    VALUES (?,?,?,?,?,?,?,0,1,?,?)`);
  const r = mulberry32(90);
  db.transaction(() => {
    for (let i = 0; i < TOTAL; i++) {
      const start = FROM + Math.floor((i / TOTAL) * 90 * DAY);
      const ok = r() > 0.12;
      const d = Math.floor(200 + r() * r() * 600_000);
      insert.run(
        `m${i}`,
        AGENTS[i % AGENTS.length],
        ok ? "success" : "failure",
        stored(start),
        stored(start + d),
        d,
        `m${i}`,
        stored(start),
        stored(start),
      );
    }
  })();
  return db;
}

/** The statements Baton runs for one metrics request, as plain SQL with the same bucket table. */
function rawMetrics(db: Database.Database) {
  const buckets: [number, string, string][] = [];
  for (let d = 0; d < 90; d++) buckets.push([d, stored(FROM + d * DAY), stored(FROM + (d + 1) * DAY)]);
  buckets.push([90, stored(FROM), stored(FROM + 90 * DAY)], [91, stored(FROM - 90 * DAY), stored(FROM)]);
  const values = buckets.map(() => "(?, ?, ?)").join(", ");
  const params = buckets.flat();
  const table = `b("idx","lo","hi") AS (VALUES ${values})`;
  const on = `e."timestamp" >= b."lo" AND e."timestamp" < b."hi"`;
  const counts =
    db.prepare(`WITH ${table} SELECT b."idx", e."agentName", COUNT(*), SUM(CASE WHEN e."status"='success' THEN 1 ELSE 0 END),
    SUM(CASE WHEN e."status"='failure' THEN 1 ELSE 0 END), SUM(e."durationMs"), COUNT(e."durationMs") FROM b JOIN "Execution" e ON ${on} GROUP BY b."idx", e."agentName"`);
  const pct = (key: string) =>
    db.prepare(`WITH ${table}, x AS (SELECT b."idx" AS "idx", ${key} AS "agent", e."durationMs" AS "d" FROM b JOIN "Execution" e ON ${on} WHERE e."durationMs" IS NOT NULL),
      r AS (SELECT "idx","agent","d", ROW_NUMBER() OVER (PARTITION BY "idx","agent" ORDER BY "d") AS "rn", COUNT(*) OVER (PARTITION BY "idx","agent") AS "n" FROM x)
      SELECT "idx","agent", MAX(CASE WHEN "rn" = ("n"*50+99)/100 THEN "d" END), MAX(CASE WHEN "rn" = ("n"*95+99)/100 THEN "d" END) FROM r GROUP BY "idx","agent"`);
  const byAgent = pct(`e."agentName"`);
  const all = pct(`''`);
  return () => [counts.all(...params), byAgent.all(...params), all.all(...params)];
}

const time = (fn: () => unknown) => timeRuns(fn, RUNS);
const p50 = median;

const dir = mkdtempSync(join(tmpdir(), "baton-bench-metrics-"));
try {
  const path = join(dir, "b.db");
  const t0 = performance.now();
  const db = fill(path);
  console.log(
    `metrics — ${TOTAL.toLocaleString("en")} executions over 90 days (SQLite), by day, p50 of ${RUNS} runs (filled in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  const rawRuns = await time(rawMetrics(db));
  db.close();
  const baton = await spawnBaton({ DATABASE_URL: `file:${path}`, BATON_SEED: "off" });
  try {
    const url = `${baton.url}/metrics?start_date=2026-01-01&end_date=2026-03-31&granularity=day`;
    let total = 0;
    const batonRuns = await time(async () => {
      const body = (await (await fetch(url)).json()) as { summary: { total: number } };
      total = body.summary.total;
    });
    console.log(`  executions counted by Baton       : ${total.toLocaleString("en")}`);
    console.log(`  baseline raw SQL (same statements): ${p50(rawRuns).toFixed(0)} ms`);
    console.log(
      `  Baton GET /metrics                : ${p50(batonRuns).toFixed(0)} ms  (${(p50(batonRuns) / p50(rawRuns)).toFixed(2)}× raw; goal ≤ 2×)`,
    );
  } finally {
    await baton.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
