// Ingest: rows/s of batch `POST /executions` (1,000 rows a request) vs raw better-sqlite3 inserts
// of the same rows (prepared statement, one transaction per 1,000) into a database with the same
// schema, measured in the same run. Goal: Baton ≥ 50% of raw.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { migrateSqlite } from "../server/db/migrate.js";
import { type BenchRow, executionRows, rawExecutionInserter } from "./lib/execution-rows.js";
import { spawnBaton } from "./lib/spawn-baton.js";

const BATCHES = Number(process.env.BENCH_BATCHES ?? 30);
const BATCH = 1000;

function rawInsert(path: string, batches: BenchRow[][]): number {
  migrateSqlite(path);
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  const insert = rawExecutionInserter(db);
  const t0 = performance.now();
  for (const rows of batches) insert(rows);
  const ms = performance.now() - t0;
  db.close();
  return ms;
}

async function batonInsert(path: string, batches: BenchRow[][]): Promise<number> {
  const baton = await spawnBaton({ DATABASE_URL: `file:${path}`, BATON_SEED: "auto" });
  try {
    const bodies = batches.map((b) => JSON.stringify(b));
    // One warm-up batch with other ids, not timed.
    const warm = executionRows(BATCH, "warm-", Date.UTC(2026, 0, 1), 3_600_000);
    await fetch(`${baton.url}/executions`, { method: "POST", body: JSON.stringify(warm) });
    const t0 = performance.now();
    for (const body of bodies) {
      const res = await fetch(`${baton.url}/executions`, {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
      });
      if (res.status !== 201) throw new Error(`POST /executions → ${res.status}: ${await res.text()}`);
    }
    return performance.now() - t0;
  } finally {
    await baton.stop();
  }
}

const dir = mkdtempSync(join(tmpdir(), "baton-bench-ingest-"));
try {
  const rows = executionRows(BATCHES * BATCH, "x", Date.UTC(2026, 5, 1), 30 * 86_400_000);
  const batches = Array.from({ length: BATCHES }, (_, i) => rows.slice(i * BATCH, (i + 1) * BATCH));
  const rawMs = rawInsert(join(dir, "raw.db"), batches);
  const batonMs = await batonInsert(join(dir, "baton.db"), batches);
  const total = BATCHES * BATCH;
  const rawRate = total / (rawMs / 1000);
  const batonRate = total / (batonMs / 1000);
  console.log(`executions ingest — ${total} rows in batches of ${BATCH} (SQLite, WAL)`);
  console.log(
    `  baseline raw better-sqlite3 : ${Math.round(rawRate).toLocaleString("en")} rows/s (${rawMs.toFixed(0)} ms)`,
  );
  console.log(
    `  Baton POST /executions      : ${Math.round(batonRate).toLocaleString("en")} rows/s (${batonMs.toFixed(0)} ms)`,
  );
  console.log(`  ratio Baton / raw           : ${((batonRate / rawRate) * 100).toFixed(1)}%  (goal ≥ 50%)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
