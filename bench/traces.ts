// The trace list on ~100,000 handoff trees (SQLite; trees of 1–6 executions, so ~350,000 rows):
// - first page: `GET /traces?first=50`, p50 of 20 (goal ≤ 100 ms);
// - search: `GET /traces?text=…` through the full-text index, p50 of 20 (goal ≤ 100 ms);
// - a filtered page (`status=failure&agent=CodeAgent`) and an old page (the cursor of the
//   50,000th tree);
// baseline in the same run: Baton's `GET /health` (what any request costs before the read).
// Env: BENCH_TREES (default 100,000).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { migrateSqlite } from "../server/db/migrate.js";
import { executionRows, rawExecutionInserter } from "./lib/execution-rows.js";
import { machine, median, timeRuns } from "./lib/harness.js";
import { spawnBaton } from "./lib/spawn-baton.js";

const TREES = Number(process.env.BENCH_TREES ?? 100_000);
const ROWS = Math.round(TREES * 3.5);
const RUNS = 20;
const FROM = Date.UTC(2026, 0, 1);
const SPAN = 100 * 86_400_000;

const dir = mkdtempSync(join(tmpdir(), "baton-bench-traces-"));
const path = join(dir, "b.db");
try {
  migrateSqlite(path);
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  const insert = rawExecutionInserter(db);
  const rows = executionRows(ROWS, "e", FROM, SPAN);
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += 10_000) insert(rows.slice(i, i + 10_000));
  const fillMs = performance.now() - t0;
  const trees = Number(
    (db.prepare(`SELECT COUNT(*) AS n FROM "Execution" WHERE "parentExecutionId" IS NULL`).get() as { n: number }).n,
  );
  db.close();

  const baton = await spawnBaton({ DATABASE_URL: `file:${path}`, BATON_SEED: "off" });
  try {
    const get = (q: string) =>
      fetch(`${baton.url}${q}`).then(async (r) => {
        if (r.status !== 200) throw new Error(`${q}: ${r.status} ${await r.text()}`);
        return r.json() as Promise<{
          nodes: { id: string }[];
          page_info: { end_cursor: string | null };
          total_count: number;
        }>;
      });
    // The cursor after ~the 50,000th tree: walk pages of 500.
    let after: string | null = null;
    for (let seen = 0; seen < trees / 2; seen += 500) {
      const page = await get(`/traces?first=500${after ? `&after=${after}` : ""}`);
      after = page.page_info.end_cursor;
    }
    const hits = (await get("/traces?text=task%2012345&first=50")).nodes.length;
    const figures: [string, number[]][] = [
      ["baseline GET /health", await timeRuns(() => fetch(`${baton.url}/health`).then((r) => r.text()), RUNS)],
      ["GET /traces?first=50 (newest)", await timeRuns(() => get("/traces?first=50"), RUNS)],
      ["GET /traces?first=50&after=<50,000th>", await timeRuns(() => get(`/traces?first=50&after=${after}`), RUNS)],
      [
        "GET /traces?status=failure&agent=CodeAgent",
        await timeRuns(() => get("/traces?status=failure&agent=CodeAgent&first=50"), RUNS),
      ],
      [
        `GET /traces?text=task 12345 (${hits} tree)`,
        await timeRuns(() => get("/traces?text=task%2012345&first=50"), RUNS),
      ],
    ];
    console.log(
      `traces — ${trees.toLocaleString("en")} trees, ${ROWS.toLocaleString("en")} executions (SQLite), p50 of ${RUNS}`,
    );
    console.log(`  ${machine()}`);
    console.log(
      `  fill (raw inserts with the rollup and search triggers): ${(fillMs / 1000).toFixed(1)} s, ${((fillMs * 1000) / ROWS).toFixed(1)} µs/row`,
    );
    for (const [name, ms] of figures)
      console.log(
        `  ${name.padEnd(48)} ${median(ms).toFixed(1)} ms${name.startsWith("baseline") ? "" : " (goal ≤ 100 ms)"}`,
      );
  } finally {
    await baton.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
