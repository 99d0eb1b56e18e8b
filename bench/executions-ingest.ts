// Ingest: rows/s of batch `POST /executions` (1,000 rows a request) vs raw better-sqlite3 inserts
// of the same rows (prepared statement, one transaction per 1,000) into a database with the same
// schema, measured in the same run. Goal: Baton ≥ 50% of raw.
//
// Rounds alternate raw and Baton (BENCH_INGEST_ROUNDS, default 3; BENCH_BATCHES batches of 1,000
// each), each round with new ids into the same two databases, so both stores grow alike and a
// burst of load on this shared machine lands on one round, not on one side; the figure is the
// median of the rounds' ratios.
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { migrateSqlite } from "../server/db/migrate.js";
import { type BenchRow, executionRows, rawExecutionInserter } from "./lib/execution-rows.js";
import { machine, median, table } from "./lib/harness.js";
import { spawnBaton } from "./lib/spawn-baton.js";

const BATCHES = Number(process.env.BENCH_BATCHES ?? 30);
const ROUNDS = Number(process.env.BENCH_INGEST_ROUNDS ?? 3);
const BATCH = 1000;

function batchesOf(round: number): BenchRow[][] {
  const rows = executionRows(BATCHES * BATCH, `r${round}-`, Date.UTC(2026, 5, 1), 30 * 86_400_000);
  return Array.from({ length: BATCHES }, (_, i) => rows.slice(i * BATCH, (i + 1) * BATCH));
}

const dir = mkdtempSync(join(tmpdir(), "baton-bench-ingest-"));
const rawPath = join(dir, "raw.db");
migrateSqlite(rawPath);
const raw = new Database(rawPath);
raw.pragma("journal_mode = WAL");
raw.pragma("synchronous = NORMAL");
raw.pragma("foreign_keys = ON");
const insert = rawExecutionInserter(raw);
const baton = await spawnBaton({ DATABASE_URL: `file:${join(dir, "baton.db")}`, BATON_SEED: "auto" });

// node:http on one kept-alive connection: the lightest client, so the figure is the server's.
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const post = (body: string) =>
  new Promise<void>((resolve, reject) => {
    const req = request(
      `${baton.url}/executions`,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          res.statusCode === 201
            ? resolve()
            : reject(new Error(`POST /executions → ${res.statusCode}: ${Buffer.concat(chunks).toString()}`)),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });

try {
  // One warm-up batch each with other ids, not timed.
  const warm = executionRows(BATCH, "warm-", Date.UTC(2026, 0, 1), 3_600_000);
  insert(warm);
  await post(JSON.stringify(warm));
  const rounds: { raw: number; baton: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const batches = batchesOf(round);
    let t0 = performance.now();
    for (const rows of batches) insert(rows);
    const rawMs = performance.now() - t0;
    const bodies = batchesOf(round + ROUNDS).map((b) => JSON.stringify(b));
    t0 = performance.now();
    for (const body of bodies) await post(body);
    rounds.push({ raw: rawMs, baton: performance.now() - t0 });
  }
  const total = BATCHES * BATCH;
  const rate = (ms: number) => total / (ms / 1000);
  const ratios = rounds.map((r) => rate(r.baton) / rate(r.raw));
  console.log(`executions ingest — ${total} rows a round in batches of ${BATCH} (SQLite, WAL); ${machine()}`);
  console.log(
    table([
      ["round", "raw better-sqlite3 rows/s", "Baton POST /executions rows/s", "Baton / raw"],
      ...rounds.map((r, i) => [
        String(i + 1),
        Math.round(rate(r.raw)).toLocaleString("en"),
        Math.round(rate(r.baton)).toLocaleString("en"),
        `${((ratios[i] as number) * 100).toFixed(1)}%`,
      ]),
    ]),
  );
  console.log(`median ratio Baton / raw: ${(median(ratios) * 100).toFixed(1)}%  (goal ≥ 50%)`);
} finally {
  raw.close();
  agent.destroy();
  await baton.stop();
  rmSync(dir, { recursive: true, force: true });
}
