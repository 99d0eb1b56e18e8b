// Metrics from rollups on 1,000,000 executions over 90 days, on SQLite and PostgreSQL:
// - `GET /metrics` by day over the 90 days (UTC, and Asia/Kolkata whose day edges split hours),
//   p50 of BENCH_RUNS, against the same rollup SQL run directly (better-sqlite3 / pg) in the same
//   run — goal ≤ 150 ms absolute;
// - what the rollup triggers add to an insert (half the rows carry tokens and cost, which they also
//   sum): µs per row, 1,000-row batches, into a database with
//   the triggers and the same database without them (interleaved rounds, same run).
// BENCH_ROWS changes the 1,000,000; BENCH_PG=0 skips PostgreSQL (BENCH_PG_URL: its server,
// default postgresql://postgres@127.0.0.1:5432/postgres; the bench creates and drops its databases).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { migratePostgres, migrateSqlite } from "../server/db/migrate.js";
import { mulberry32 } from "../server/seed/demo.js";
import { AGENTS, storedTime as stored } from "./lib/execution-rows.js";
import { machine, median, table, timeRuns } from "./lib/harness.js";
import { spawnBaton } from "./lib/spawn-baton.js";

const TOTAL = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PG_ADMIN = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const DAY = 86_400_000;
const HOUR = 3_600_000;
const FROM = Date.UTC(2026, 0, 1);
const BATCH = 1_000;
const COST_ROWS = 20_000;
const COST_ROUNDS = 3;
const TRIGGERS = ["ExecutionRollup_insert", "ExecutionRollup_update", "ExecutionRollup_delete"];
/** SQLite keeps the quarter-hour rollups with triggers of their own (PostgreSQL: the same three). */
const SQLITE_TRIGGERS = [...TRIGGERS, ...TRIGGERS.map((t) => t.replace("ExecutionRollup_", "ExecutionRollupQuarter_"))];

interface Row {
  id: string;
  agent: string;
  status: string;
  start: number;
  d: number;
  /** Tokens and cost on every other row (the rollups sum them): input, output, US dollars. */
  usage: [number, number, number] | null;
}
function row(i: number, r: () => number, total: number, prefix = "m"): Row {
  const d = Math.floor(200 + r() * r() * 600_000);
  return {
    id: `${prefix}${i}`,
    agent: AGENTS[i % AGENTS.length] as string,
    status: r() > 0.12 ? "success" : "failure",
    start: FROM + Math.floor((i / total) * 90 * DAY),
    d,
    usage:
      i % 2 ? null : [1_000 + (i % 5_000), 100 + (i % 700), ((1_000 + (i % 5_000)) * 3 + (100 + (i % 700)) * 15) / 1e6],
  };
}

// ---- SQLite -----------------------------------------------------------------------------------

function sqliteInserter(db: Database.Database) {
  const insert = db.prepare(
    `INSERT INTO "Execution" ("id","agentName","status","timestamp","endedAt","durationMs","rootId","depth","attempt","createdAt","updatedAt","inputTokens","outputTokens","costUsd")
     VALUES (?,?,?,?,?,?,?,0,1,?,?,?,?,?)`,
  );
  return db.transaction((rows: Row[]) => {
    for (const x of rows)
      insert.run(
        x.id,
        x.agent,
        x.status,
        stored(x.start),
        stored(x.start + x.d),
        x.d,
        x.id,
        stored(x.start),
        stored(x.start),
        x.usage?.[0] ?? null,
        x.usage?.[1] ?? null,
        x.usage?.[2] ?? null,
      );
  });
}

function fillSqlite(path: string) {
  migrateSqlite(path);
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const insert = sqliteInserter(db);
  const r = mulberry32(90);
  for (let i = 0; i < TOTAL; i += BATCH)
    insert(Array.from({ length: Math.min(BATCH, TOTAL - i) }, (_, k) => row(i + k, r, TOTAL)));
  return db;
}

/**
 * The statement Baton runs for the UTC request's whole hours (90 day buckets and the previous 90
 * days), run directly: rollups summed per (bucket, agent), sketches concatenated.
 */
function rollupSql(provider: "sqlite" | "postgresql"): string {
  const hourOf = (ms: number) => ms / HOUR;
  const rows = Array.from(
    { length: 90 },
    (_, d) => `(${d}, ${hourOf(FROM + d * DAY)}, ${hourOf(FROM + (d + 1) * DAY)})`,
  );
  rows.push(`(90, ${hourOf(FROM - 90 * DAY)}, ${hourOf(FROM)})`);
  const sketches = provider === "postgresql" ? `string_agg(r."sketch", '')` : `group_concat(r."sketch", '')`;
  return `WITH b("idx", "h0", "h1") AS (VALUES ${rows.join(", ")})
    SELECT b."idx" AS "idx", r."agentName" AS "agent", SUM(r."total") AS "total", SUM(r."successes") AS "successes",
           SUM(r."failures") AS "failures", SUM(r."durationSum") AS "durationSum", SUM(r."durationCount") AS "durationCount",
           ${sketches} AS "sketch"
    FROM b JOIN "ExecutionRollup" r ON r."hour" >= b."h0" AND r."hour" < b."h1"
    GROUP BY b."idx", r."agentName"`;
}

function sqliteRollupRead(db: Database.Database) {
  const stmt = db.prepare(rollupSql("sqlite"));
  return () => stmt.all();
}

/** µs per inserted row with and without the rollup triggers (fresh databases, interleaved rounds). */
function sqliteInsertCost(dir: string): { before: number; after: number } {
  const open = (name: string, triggers: boolean) => {
    const path = join(dir, name);
    migrateSqlite(path);
    const db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    if (!triggers) for (const t of SQLITE_TRIGGERS) db.exec(`DROP TRIGGER "${t}"`);
    return db;
  };
  const plain = open("plain.db", false);
  const rolled = open("rolled.db", true);
  const times = { before: [] as number[], after: [] as number[] };
  for (let round = 0; round < COST_ROUNDS; round++) {
    for (const [db, key] of [
      [plain, "before"],
      [rolled, "after"],
    ] as const) {
      const insert = sqliteInserter(db);
      const r = mulberry32(round + 1);
      const rows = Array.from({ length: COST_ROWS }, (_, i) =>
        row(round * COST_ROWS + i, r, COST_ROWS * COST_ROUNDS, "c"),
      );
      const t0 = performance.now();
      for (let i = 0; i < rows.length; i += BATCH) insert(rows.slice(i, i + BATCH));
      times[key].push(((performance.now() - t0) * 1000) / COST_ROWS);
    }
  }
  plain.close();
  rolled.close();
  return { before: median(times.before), after: median(times.after) };
}

// ---- PostgreSQL -------------------------------------------------------------------------------

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
const pgUrl = (name: string) => {
  const u = new URL(PG_ADMIN);
  u.pathname = `/${name}`;
  return u.toString();
};
async function createPgDatabase(name: string) {
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}"`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  await migratePostgres(pgUrl(name));
  const client = new pg.Client({ connectionString: pgUrl(name) });
  await client.connect();
  return client;
}
const dropPgDatabase = (name: string) => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

/** One multi-row INSERT per batch (one statement: the statement-level triggers fire once). */
async function pgInsert(client: pg.Client, rows: Row[]) {
  const iso = (ms: number) => new Date(ms).toISOString();
  await client.query(
    `INSERT INTO "Execution" ("id","agentName","status","timestamp","endedAt","durationMs","rootId","updatedAt","inputTokens","outputTokens","costUsd")
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamp(3)[], $5::timestamp(3)[], $6::int[], $1::text[], $4::timestamp(3)[],
                          $7::int[], $8::int[], $9::float8[])`,
    [
      rows.map((x) => x.id),
      rows.map((x) => x.agent),
      rows.map((x) => x.status),
      rows.map((x) => iso(x.start)),
      rows.map((x) => iso(x.start + x.d)),
      rows.map((x) => x.d),
      rows.map((x) => x.usage?.[0] ?? null),
      rows.map((x) => x.usage?.[1] ?? null),
      rows.map((x) => x.usage?.[2] ?? null),
    ],
  );
}

async function pgInsertCost(): Promise<{ before: number; after: number }> {
  const plain = await createPgDatabase("baton_bench_cost_plain");
  const rolled = await createPgDatabase("baton_bench_cost_rolled");
  try {
    for (const t of TRIGGERS) await plain.query(`DROP TRIGGER "${t}" ON "Execution"`);
    const times = { before: [] as number[], after: [] as number[] };
    for (let round = 0; round < COST_ROUNDS; round++) {
      for (const [client, key] of [
        [plain, "before"],
        [rolled, "after"],
      ] as const) {
        const r = mulberry32(round + 1);
        const rows = Array.from({ length: COST_ROWS }, (_, i) =>
          row(round * COST_ROWS + i, r, COST_ROWS * COST_ROUNDS, "c"),
        );
        const t0 = performance.now();
        for (let i = 0; i < rows.length; i += BATCH) await pgInsert(client, rows.slice(i, i + BATCH));
        times[key].push(((performance.now() - t0) * 1000) / COST_ROWS);
      }
    }
    return { before: median(times.before), after: median(times.after) };
  } finally {
    await plain.end();
    await rolled.end();
    await dropPgDatabase("baton_bench_cost_plain");
    await dropPgDatabase("baton_bench_cost_rolled");
  }
}

// ---- both -------------------------------------------------------------------------------------

const URL_UTC = "/metrics?start_date=2026-01-01&end_date=2026-03-31&granularity=day";
const URL_KOLKATA = `${URL_UTC}&tz=Asia/Kolkata`;

async function measureBaton(databaseUrl: string) {
  const baton = await spawnBaton({ DATABASE_URL: databaseUrl, BATON_SEED: "off" });
  try {
    // Both URLs warmed up twice (SQLite reads run on two worker threads, each warms on its own),
    // then measured in alternation, so neither takes the other's warm-up or a noisy minute.
    const urls = { utc: URL_UTC, kolkata: URL_KOLKATA } as const;
    const times = { utc: [] as number[], kolkata: [] as number[] };
    const totals = { utc: 0, kolkata: 0 };
    for (let round = -2; round < RUNS; round++) {
      for (const name of ["utc", "kolkata"] as const) {
        const t0 = performance.now();
        const res = await fetch(`${baton.url}${urls[name]}`);
        if (res.status !== 200) throw new Error(`GET ${urls[name]}: ${res.status} ${await res.text()}`);
        totals[name] = ((await res.json()) as { summary: { total: number } }).summary.total;
        if (round >= 0) times[name].push(performance.now() - t0);
      }
    }
    const out = {
      utc: { ms: median(times.utc), total: totals.utc },
      kolkata: { ms: median(times.kolkata), total: totals.kolkata },
    };
    return out;
  } finally {
    await baton.stop();
  }
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
const rows: string[][] = [["figure", "Baton", "baseline (same run)", "ratio", "goal"]];

console.log(`metrics-rollups — ${TOTAL.toLocaleString("en")} executions over 90 days, by day; ${machine()}`);
const dir = mkdtempSync(join(tmpdir(), "baton-bench-rollups-"));
try {
  // SQLite.
  const path = join(dir, "b.db");
  let t0 = performance.now();
  const db = fillSqlite(path);
  console.log(`  SQLite filled in ${((performance.now() - t0) / 1000).toFixed(1)} s (triggers on)`);
  const rawSqlite = median(await timeRuns(sqliteRollupRead(db), RUNS));
  db.close();
  const sqliteBaton = await measureBaton(`file:${path}`);
  const costSqlite = sqliteInsertCost(dir);
  rows.push(
    [
      "SQLite GET /metrics day×90, UTC, p50",
      fmt(sqliteBaton.utc?.ms ?? Number.NaN),
      `rollup SQL ${fmt(rawSqlite)}`,
      `${((sqliteBaton.utc?.ms ?? 0) / rawSqlite).toFixed(1)}×`,
      "≤ 150 ms",
    ],
    [
      "SQLite same, Asia/Kolkata (edges: quarter hours), p50",
      fmt(sqliteBaton.kolkata?.ms ?? Number.NaN),
      "",
      "",
      "≤ 150 ms",
    ],
    [
      "SQLite insert, 1,000-row transactions, µs/row",
      `${costSqlite.after.toFixed(1)} µs`,
      `no triggers ${costSqlite.before.toFixed(1)} µs`,
      `${(costSqlite.after / costSqlite.before).toFixed(2)}×`,
      "",
    ],
  );
  if (sqliteBaton.utc?.total !== TOTAL) throw new Error(`SQLite counted ${sqliteBaton.utc?.total}, not ${TOTAL}`);

  // PostgreSQL.
  if (process.env.BENCH_PG !== "0") {
    const name = "baton_bench_rollups";
    const client = await createPgDatabase(name);
    try {
      t0 = performance.now();
      const r = mulberry32(90);
      for (let i = 0; i < TOTAL; i += BATCH)
        await pgInsert(
          client,
          Array.from({ length: Math.min(BATCH, TOTAL - i) }, (_, k) => row(i + k, r, TOTAL)),
        );
      await client.query(`VACUUM ANALYZE "ExecutionRollup"`);
      await client.query(`VACUUM ANALYZE "Execution"`);
      console.log(`  PostgreSQL filled in ${((performance.now() - t0) / 1000).toFixed(1)} s (triggers on)`);
      const rawPg = median(await timeRuns(() => client.query(rollupSql("postgresql")), RUNS));
      const pgBaton = await measureBaton(pgUrl(name));
      if (pgBaton.utc?.total !== TOTAL) throw new Error(`PostgreSQL counted ${pgBaton.utc?.total}, not ${TOTAL}`);
      const costPg = await pgInsertCost();
      rows.push(
        [
          "PostgreSQL GET /metrics day×90, UTC, p50",
          fmt(pgBaton.utc?.ms ?? Number.NaN),
          `rollup SQL ${fmt(rawPg)}`,
          `${((pgBaton.utc?.ms ?? 0) / rawPg).toFixed(1)}×`,
          "≤ 150 ms",
        ],
        ["PostgreSQL same, Asia/Kolkata, p50", fmt(pgBaton.kolkata?.ms ?? Number.NaN), "", "", "≤ 150 ms"],
        [
          "PostgreSQL insert, 1,000-row statements, µs/row",
          `${costPg.after.toFixed(1)} µs`,
          `no triggers ${costPg.before.toFixed(1)} µs`,
          `${(costPg.after / costPg.before).toFixed(2)}×`,
          "",
        ],
      );
    } finally {
      await client.end();
      await dropPgDatabase(name);
    }
  }
  console.log(table(rows));
  console.log(
    `  (load average at the end: ${(await import("node:os"))
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
