// Notion persistence figures (docs/notion.md), each in one run against the Notion stand-in
// (tests/testkit/notion-standin.ts) through the real Notion MCP server:
// 1. ingest: batch POST /executions (1,000 rows a request) with the outbox on at the executions
//    level (every row queued, the worst case) vs the same Baton with Notion off, vs raw
//    better-sqlite3 inserts; goal: with the outbox on ≥ 50% of raw.
// 2. drain rate: pages written per second against a stand-in allowing 3 requests/s; goal ≥ 90%.
// 3. recovery: the stand-in stopped while rows are queued, then back: time until the outbox is empty.
// 4. sync from Notion: the drained pages' notes edited in Notion, then one sync: its time and requests.
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { migrateSqlite } from "../server/db/migrate.js";
import { startNotionStandin } from "../tests/testkit/notion-standin.js";
import { executionRows, rawExecutionInserter } from "./lib/execution-rows.js";
import { machine, median, sleep, table } from "./lib/harness.js";
import { spawnBaton } from "./lib/spawn-baton.js";

const BATCHES = Number(process.env.BENCH_BATCHES ?? 10);
const ROUNDS = Number(process.env.BENCH_INGEST_ROUNDS ?? 3);
const DRAIN = Number(process.env.BENCH_DRAIN_ITEMS ?? 60);
const BATCH = 1000;
const TOKEN = "secret_bench_token";

const dir = mkdtempSync(join(tmpdir(), "baton-bench-notion-"));
const standin = await startNotionStandin({ token: TOKEN, perSecond: 3 });
const notionDb = standin.addDatabase();
const notionEnv = (path: string, level: string) => ({
  DATABASE_URL: `file:${join(dir, path)}`,
  BATON_SEED: "auto",
  NOTION_TOKEN: TOKEN,
  BATON_NOTION_DATABASE_ID: notionDb.id,
  BATON_NOTION_API_URL: standin.url,
  BATON_NOTION_SYNC: level,
});

// A new connection per request: two servers take turns, and an idle kept-alive socket would be
// closed under the other's client after the server's keep-alive timeout.
const agent = new Agent({ keepAlive: false });
const call = (url: string, method: string, body?: string) =>
  new Promise<string>((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          if ((res.statusCode ?? 500) >= 300) reject(new Error(`${method} ${url} → ${res.statusCode}: ${text}`));
          else resolve(text);
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
const backlog = async (url: string) =>
  (JSON.parse(await call(`${url}/health`, "GET")) as { notion: { backlog: number } }).notion.backlog;

try {
  // 1. Ingest overhead.
  const rawPath = join(dir, "raw.db");
  migrateSqlite(rawPath);
  const raw = new Database(rawPath);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  raw.pragma("foreign_keys = ON");
  const insert = rawExecutionInserter(raw);
  const off = await spawnBaton({ DATABASE_URL: `file:${join(dir, "off.db")}`, BATON_SEED: "auto" });
  const on = await spawnBaton(notionEnv("on.db", "executions"));
  const rounds: { raw: number; off: number; on: number }[] = [];
  try {
    const warm = executionRows(BATCH, "warm-", Date.UTC(2026, 0, 1), 3_600_000);
    insert(warm);
    await call(`${off.url}/executions`, "POST", JSON.stringify(warm));
    await call(`${on.url}/executions`, "POST", JSON.stringify(warm));
    for (let round = 1; round <= ROUNDS; round++) {
      const batches = (prefix: string) => {
        const rows = executionRows(BATCHES * BATCH, `${prefix}${round}-`, Date.UTC(2026, 5, 1), 30 * 86_400_000);
        return Array.from({ length: BATCHES }, (_, i) => rows.slice(i * BATCH, (i + 1) * BATCH));
      };
      let t0 = performance.now();
      for (const rows of batches("r")) insert(rows);
      const rawMs = performance.now() - t0;
      const bodies = batches("b").map((b) => JSON.stringify(b));
      t0 = performance.now();
      for (const body of bodies) await call(`${off.url}/executions`, "POST", body);
      const offMs = performance.now() - t0;
      t0 = performance.now();
      for (const body of bodies) await call(`${on.url}/executions`, "POST", body);
      rounds.push({ raw: rawMs, off: offMs, on: performance.now() - t0 });
    }
  } finally {
    raw.close();
    await off.stop();
    await on.stop();
  }
  const total = BATCHES * BATCH;
  const rate = (ms: number) => Math.round(total / (ms / 1000));
  console.log(`notion outbox — ingest, ${total} rows a round in batches of ${BATCH} (SQLite); ${machine()}`);
  console.log(
    table([
      ["round", "raw rows/s", "Notion off rows/s", "outbox on rows/s", "on / raw", "on / off"],
      ...rounds.map((r, i) => [
        String(i + 1),
        rate(r.raw).toLocaleString("en"),
        rate(r.off).toLocaleString("en"),
        rate(r.on).toLocaleString("en"),
        `${((r.raw / r.on) * 100).toFixed(1)}%`,
        `${((r.off / r.on) * 100).toFixed(1)}%`,
      ]),
    ]),
  );
  console.log(
    `median outbox-on / raw: ${(median(rounds.map((r) => r.raw / r.on)) * 100).toFixed(1)}% (goal ≥ 50%); ` +
      `on / off: ${(median(rounds.map((r) => r.off / r.on)) * 100).toFixed(1)}%`,
  );

  // 2. Drain rate at Notion's 3 requests/s (a fresh data source: its set-up requests are not counted).
  const drainer = await spawnBaton(notionEnv("drain.db", "trees"));
  try {
    const one = executionRows(1, "d0-", Date.UTC(2026, 1, 1), 1000).map((r) => ({
      ...r,
      parent_execution_id: undefined,
    }));
    await call(`${drainer.url}/executions`, "POST", JSON.stringify(one));
    while ((await backlog(drainer.url)) > 0) await sleep(200);
    await sleep(1100);
    const roots = Array.from({ length: DRAIN }, (_, i) => ({
      id: `drain-${i}`,
      agent_name: "TestAgent",
      status: "success",
      timestamp: new Date(Date.UTC(2026, 1, 2, 0, 0, i)).toISOString(),
      duration_ms: i,
    }));
    const before = standin.log.length;
    const t0 = performance.now();
    await call(`${drainer.url}/executions`, "POST", JSON.stringify(roots));
    while ((await backlog(drainer.url)) > 0) await sleep(100);
    const seconds = (performance.now() - t0) / 1000;
    const sent = standin.log.slice(before);
    const refused = sent.filter((r) => r.status === 429).length;
    console.log(
      `drain: ${DRAIN} pages in ${seconds.toFixed(1)} s = ${(DRAIN / seconds).toFixed(2)} pages/s against 3 requests/s allowed ` +
        `(${((DRAIN / seconds / 3) * 100).toFixed(1)}%; goal ≥ 90%); requests ${sent.length}, refused with 429: ${refused}`,
    );

    // 3. Recovery after the stand-in comes back.
    await standin.stop();
    const queued = roots.map((r) => ({ ...r, id: `rec-${r.id}` })).slice(0, 10);
    await call(`${drainer.url}/executions`, "POST", JSON.stringify(queued));
    await sleep(5000);
    await standin.restart();
    const back = performance.now();
    while ((await backlog(drainer.url)) > 0) await sleep(100);
    console.log(
      `recovery: 10 rows queued while Notion was down 5 s; outbox empty ${((performance.now() - back) / 1000).toFixed(1)} s after it came back ` +
        "(backoff: 1 s doubling per failed pass, at most 60 s)",
    );

    // 4. Sync from Notion: every drained page's notes edited in Notion, then one sync pulls them.
    const edited = [...standin.pages.values()].filter((p) =>
      String(standin.valueOf(p, "Baton ID")).startsWith("drain-"),
    );
    // A first sync sets the cursor (and reads the pages unchanged).
    await call(`${drainer.url}/executions/sync`, "GET");
    await sleep(1100);
    for (const p of edited)
      standin.editPage(p.id, { Notes: { rich_text: [{ type: "text", text: { content: `note ${p.id}` } }] } });
    const beforeSync = standin.log.length;
    const s0 = performance.now();
    const report = JSON.parse(await call(`${drainer.url}/executions/sync`, "GET")) as Record<string, number>;
    const syncSeconds = (performance.now() - s0) / 1000;
    console.log(
      `sync from Notion: ${edited.length} pages edited in Notion, one sync ${syncSeconds.toFixed(2)} s ` +
        `(seen ${report.seen}, pulled ${report.pulled}, updated ${report.updated}, conflicts ${report.conflicts}); ` +
        `requests ${standin.log.length - beforeSync}`,
    );
  } finally {
    await drainer.stop();
  }
} finally {
  agent.destroy();
  await standin.stop();
  rmSync(dir, { recursive: true, force: true });
}
