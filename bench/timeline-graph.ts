// Timeline and graph queries on 100,000 stored executions (SQLite):
// - timeline: `GET /executions/timeline` for a window holding ~5,000 executions, p50 of 20 runs
//   (goal p50 ≤ 100 ms), baseline: Baton's recursive SQL with plain columns, run directly with
//   better-sqlite3 (REST has the database write each row's JSON instead);
// - graph: `GET /executions/graph` over all 100,000 vs the equivalent raw SQL (goal ≤ 2×);
// - paging: the newest page of 1,000 trees vs the oldest, reached by following next_cursor (goal ≈ 1×).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { migrateSqlite } from "../server/db/migrate.js";
import { executionRows, rawExecutionInserter, storedTime as stored } from "./lib/execution-rows.js";
import { median, timeRuns } from "./lib/harness.js";
import { spawnBaton } from "./lib/spawn-baton.js";

const TOTAL = Number(process.env.BENCH_ROWS ?? 100_000);
const RUNS = 20;
const FROM = Date.UTC(2026, 0, 1);
const SPAN = 100 * 86_400_000; // 100 days: 1,000 executions a day
const iso = (ms: number) => new Date(ms).toISOString();

function fill(path: string) {
  migrateSqlite(path);
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  rawExecutionInserter(db)(executionRows(TOTAL, "e", FROM, SPAN));
  return db;
}

const time = (fn: () => unknown) => timeRuns(fn, RUNS);
const p50 = median;

const dir = mkdtempSync(join(tmpdir(), "baton-bench-tl-"));
const path = join(dir, "b.db");
try {
  const raw = fill(path);
  const windowStart = FROM + 50 * 86_400_000;
  const windowEnd = windowStart + 5 * 86_400_000; // 5 days ≈ 5,000 executions
  // Baton's timeline statement (matches, then the ancestors outside them, tree order) with every
  // column as plain values: what any server must at least read.
  const timelineSql = raw.prepare(`WITH RECURSIVE up("id") AS (
      SELECT e."parentExecutionId" FROM "Execution" e WHERE e."timestamp" >= @a AND e."timestamp" < @b
      UNION SELECT p."parentExecutionId" FROM "Execution" p JOIN up ON p."id" = up."id" WHERE p."parentExecutionId" IS NOT NULL)
    SELECT * FROM (
      SELECT x.*, 1 AS "matched" FROM "Execution" x WHERE x."timestamp" >= @a AND x."timestamp" < @b
      UNION ALL
      SELECT x.*, 0 AS "matched" FROM up JOIN "Execution" x ON x."id" = up."id" WHERE NOT (x."timestamp" >= @a AND x."timestamp" < @b))
    ORDER BY "depth", "timestamp", "id"`);
  const graphSql = [
    raw.prepare(
      `SELECT e."agentName", COUNT(*), SUM(CASE WHEN e."status"='success' THEN 1 ELSE 0 END), SUM(CASE WHEN e."status"='failure' THEN 1 ELSE 0 END), AVG(e."durationMs") FROM "Execution" e GROUP BY e."agentName"`,
    ),
    raw.prepare(
      `SELECT p."agentName", e."agentName", COUNT(*), SUM(CASE WHEN e."status"='success' THEN 1 ELSE 0 END), SUM(CASE WHEN e."status"='failure' THEN 1 ELSE 0 END), MIN(e."timestamp"), MAX(e."timestamp") FROM "Execution" e JOIN "Execution" p ON p."id" = e."parentExecutionId" GROUP BY p."agentName", e."agentName"`,
    ),
  ];
  const range = { a: stored(windowStart), b: stored(windowEnd) };
  const matched = (timelineSql.all(range) as { matched: number }[]).filter((r) => r.matched).length;
  const rawTimeline = await time(() => timelineSql.all(range));
  const rawGraph = await time(() => graphSql.map((s) => s.all()));
  raw.close();

  const baton = await spawnBaton({ DATABASE_URL: `file:${path}`, BATON_SEED: "off" });
  try {
    const tlUrl = `${baton.url}/executions/timeline?start_date=${iso(windowStart)}&end_date=${iso(windowEnd - 1)}&limit=20000`;
    let count = 0;
    const batonTimeline = await time(async () => {
      const body = (await (await fetch(tlUrl)).json()) as { matched_count: number };
      count = body.matched_count;
    });
    const batonGraph = await time(() => fetch(`${baton.url}/executions/graph`).then((r) => r.json()));
    const gqlTimeline = await time(() =>
      fetch(`${baton.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `{ timeline(startDate: "${iso(windowStart)}", endDate: "${iso(windowEnd - 1)}", limit: 20000) { matchedCount executions { id agentName status timestamp endedAt parentExecutionId depth } } }`,
        }),
      }).then((r) => r.json()),
    );
    // Paging (issue 15 §5): the newest page of 1,000 trees vs the oldest, reached through next_cursor.
    const pageUrl = (before?: string) =>
      `${baton.url}/executions/timeline?limit=1000${before ? `&before=${before}` : ""}`;
    type Page = { roots: unknown[]; next_cursor: string | null };
    // Walk every page; time the oldest full one (the last page may hold fewer trees).
    const cursors: string[] = [];
    let trees = 0;
    for (let cursor: string | null | undefined; ; ) {
      const page = (await (await fetch(pageUrl(cursor ?? undefined))).json()) as Page;
      trees += page.roots.length;
      if (!page.next_cursor) break;
      cursors.push(page.next_cursor);
      cursor = page.next_cursor;
    }
    const pages = cursors.length + 1;
    const oldestFull = cursors.at(-2);
    const newestPage = await time(() => fetch(pageUrl()).then((r) => r.text()));
    const oldestPage = await time(() => fetch(pageUrl(oldestFull)).then((r) => r.text()));
    console.log(`timeline and graph — ${TOTAL.toLocaleString("en")} executions stored (SQLite), p50 of ${RUNS} runs`);
    console.log(
      `  timeline pages of 1,000 trees      : newest ${p50(newestPage).toFixed(1)} ms, oldest full (page ${pages - 1} of ${pages}, ${trees.toLocaleString("en")} trees in all) ${p50(oldestPage).toFixed(1)} ms  (${(p50(oldestPage) / p50(newestPage)).toFixed(2)}× the newest; goal ≈ 1×)`,
    );
    console.log(`  timeline window: ${matched} matching executions (Baton reports ${count})`);
    console.log(`  baseline raw SQL timeline          : ${p50(rawTimeline).toFixed(1)} ms`);
    console.log(
      `  Baton GET /executions/timeline     : ${p50(batonTimeline).toFixed(1)} ms  (goal p50 ≤ 100 ms; ${(p50(batonTimeline) / p50(rawTimeline)).toFixed(2)}× raw)`,
    );
    console.log(`  Baton GraphQL timeline (7 fields)  : ${p50(gqlTimeline).toFixed(1)} ms`);
    console.log(`  baseline raw SQL graph             : ${p50(rawGraph).toFixed(1)} ms`);
    console.log(
      `  Baton GET /executions/graph        : ${p50(batonGraph).toFixed(1)} ms  (${(p50(batonGraph) / p50(rawGraph)).toFixed(2)}× raw; goal ≤ 2×)`,
    );
  } finally {
    await baton.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
