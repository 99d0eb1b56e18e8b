// The Notion integration's worker: sets up the data source, then drains NotionOutbox through the
// MCP server in order. Rows are claimed with a lease (one conditional UPDATE), so two instances
// never send the same row; a row is marked done only after Notion answered, so a crash or a kill
// leaves it to be sent again (the page's Baton ID makes that a patch, never a second page).
// Failure-isolated: no request waits on Notion, and an error here never fails one.
import { randomUUID } from "node:crypto";
import type { Database } from "../../db.js";
import type { Logger } from "../../logger.js";
import { join, readTime, sql, timeParam } from "../../sql.js";
import { type BatonDataSource, ensureDataSource } from "./data-source.js";
import { createNotionMcp, type NotionMcp, NotionError } from "./mcp-client.js";
import { pushExecution } from "./push.js";
import { pullAndPush, STATE_ID, type SyncReport } from "./pull.js";

export interface NotionSyncOptions {
  db: Database;
  logger: Logger;
  token: string;
  databaseId: string;
  apiUrl?: string;
  /** Requests per second sent to Notion. */
  perSecond?: number;
  /** Rows one claim takes; the lease covers sending them at Notion's rate. */
  claimSize?: number;
  leaseMs?: number;
  /** Pause after Notion kept failing; doubled per failed pass up to maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  pollMs?: number;
  /** Attempts per call inside the MCP client before a pass gives up. */
  callAttempts?: number;
  /** Sync from Notion every this many ms (BATON_NOTION_PULL_MS); 0: only when asked. */
  pullMs?: number;
  /** What is written (BATON_NOTION_SYNC), shown by the integration's status. */
  level?: string;
}

export interface NotionStatus {
  state: "starting" | "ok" | "degraded" | "error";
  databaseId: string;
  dataSourceId: string | null;
  backlog: number;
  failed: number;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

/** The integration as the Integrations page shows it (GET /integrations/notion). */
export interface NotionIntegrationStatus extends NotionStatus {
  level: string;
  pullMs: number;
  /** running: the MCP server process is up; stopped: not started yet, or exited (restarted on the next call). */
  mcpServer: "running" | "stopped";
  conflicts: number;
  lastPullAt: string | null;
  lastPullError: string | null;
  pullCursor: string | null;
}

export interface NotionSync {
  start(): void;
  wake(): void;
  stop(): Promise<void>;
  status(): Promise<NotionStatus>;
  /** The MCP connection (sync from Notion calls through it too). */
  mcp: NotionMcp;
  dataSource(): Promise<BatonDataSource>;
  /** Drains what is due now; resolves when the outbox is empty or Notion fails. */
  drainNow(): Promise<void>;
  /** Sync from Notion now (one at a time: a call during a sync waits for it, then runs its own). */
  sync(): Promise<SyncReport>;
  integration(): Promise<NotionIntegrationStatus>;
}

export function createNotionSync(o: NotionSyncOptions): NotionSync {
  const me = randomUUID();
  const claimSize = o.claimSize ?? 20;
  // Long enough to send a whole claim at Notion's rate three times over (retries included).
  const leaseMs = o.leaseMs ?? Math.max(10_000, Math.ceil((claimSize / (o.perSecond ?? 3)) * 3000));
  const base = o.baseBackoffMs ?? 1000;
  const max = o.maxBackoffMs ?? 60_000;
  const pollMs = o.pollMs ?? 2000;
  const mcp = createNotionMcp({
    token: o.token,
    apiUrl: o.apiUrl,
    logger: o.logger,
    perSecond: o.perSecond,
    attempts: o.callAttempts ?? 4,
  });
  const t = (d: Date | null | undefined) => timeParam(o.db.provider, d);
  let ds: BatonDataSource | undefined;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let failures = 0;
  let state: NotionStatus["state"] = "starting";
  const pullMs = o.pullMs ?? 60_000;
  let pullTimer: NodeJS.Timeout | undefined;
  let syncing: Promise<unknown> = Promise.resolve();

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void pass(), ms);
    timer.unref?.();
  };

  async function record(error: string | null) {
    const now = new Date();
    await o.db.sql.write([
      sql`INSERT INTO "NotionSyncState" ("id", "databaseId", "dataSourceId", "lastSuccessAt", "lastError", "lastErrorAt", "updatedAt")
        VALUES (${STATE_ID}, ${o.databaseId}, ${ds?.id ?? null}, ${error ? sql`NULL` : t(now)}, ${error}, ${error ? t(now) : sql`NULL`}, ${t(now)})
        ON CONFLICT ("id") DO UPDATE SET "databaseId" = EXCLUDED."databaseId",
          "dataSourceId" = COALESCE(EXCLUDED."dataSourceId", "NotionSyncState"."dataSourceId"),
          "lastSuccessAt" = COALESCE(EXCLUDED."lastSuccessAt", "NotionSyncState"."lastSuccessAt"),
          "lastError" = ${error ? sql`EXCLUDED."lastError"` : sql`"NotionSyncState"."lastError"`},
          "lastErrorAt" = ${error ? sql`EXCLUDED."lastErrorAt"` : sql`"NotionSyncState"."lastErrorAt"`},
          "updatedAt" = EXCLUDED."updatedAt"`,
    ]);
  }

  async function dataSource(): Promise<BatonDataSource> {
    if (ds) return ds;
    const [row] = await o.db.sql.all<{ dataSourceId: string | null; databaseId: string }>(
      sql`SELECT "dataSourceId", "databaseId" FROM "NotionSyncState" WHERE "id" = ${STATE_ID}`,
    );
    const known = row?.databaseId === o.databaseId ? row.dataSourceId : null;
    ds = await ensureDataSource(mcp, o.databaseId, known);
    o.logger.info(`notion: writing to data source ${ds.id} in database ${o.databaseId}`);
    return ds;
  }

  /** Takes up to claimSize due rows no live lease holds; the conditions are re-checked per row. */
  async function claim(): Promise<{ seq: number; executionId: string }[]> {
    const now = new Date();
    const free = sql`"doneAt" IS NULL AND ("leaseUntil" IS NULL OR "leaseUntil" < ${t(now)})
      AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${t(now)})`;
    const rows = await o.db.sql.all<{ seq: unknown; executionId: string }>(sql`
      UPDATE "NotionOutbox" SET "leaseOwner" = ${me}, "leaseUntil" = ${t(new Date(now.getTime() + leaseMs))}
      WHERE "seq" IN (SELECT "seq" FROM "NotionOutbox" WHERE ${free} ORDER BY "seq" LIMIT ${claimSize}) AND ${free}
      RETURNING "seq", "executionId"`);
    return rows.map((r) => ({ seq: Number(r.seq), executionId: r.executionId })).sort((a, b) => a.seq - b.seq);
  }

  async function finish(executionId: string, upTo: number, error: string | null) {
    await o.db.sql.write([
      sql`UPDATE "NotionOutbox" SET "doneAt" = ${t(new Date())}, "attempts" = "attempts" + 1, "lastError" = ${error},
        "leaseOwner" = NULL, "leaseUntil" = NULL
        WHERE "executionId" = ${executionId} AND "seq" <= ${upTo} AND "doneAt" IS NULL`,
    ]);
  }

  async function release(seqs: number[], error: string | null, retryAt: Date | null) {
    if (seqs.length === 0) return;
    await o.db.sql.write([
      sql`UPDATE "NotionOutbox" SET "leaseOwner" = NULL, "leaseUntil" = NULL, "nextAttemptAt" = ${t(retryAt)},
        "attempts" = "attempts" + ${error ? 1 : 0}, "lastError" = COALESCE(${error}, "lastError")
        WHERE "seq" IN (${join(seqs)}) AND "leaseOwner" = ${me}`,
    ]);
  }

  /** One pass: claim, send in order; the delay until the next pass. */
  async function drain(): Promise<number> {
    let source: BatonDataSource;
    try {
      source = await dataSource();
    } catch (e) {
      return fail(e, []);
    }
    if (state === "starting" || state === "error") {
      state = "ok";
      failures = 0;
      await record(null);
    }
    for (;;) {
      if (stopped) return pollMs;
      const rows = await claim();
      if (rows.length === 0) return pollMs;
      // Several rows of one execution collapse into one write of its current state.
      const last = new Map<string, number>();
      for (const r of rows) last.set(r.executionId, r.seq);
      const order = [...new Set(rows.map((r) => r.executionId))];
      for (let i = 0; i < order.length; i++) {
        const id = order[i] as string;
        if (stopped) {
          await release(
            rows.filter((r) => order.indexOf(r.executionId) >= i).map((r) => r.seq),
            null,
            null,
          );
          return pollMs;
        }
        try {
          const outcome = await pushExecution(o.db, mcp, source, id);
          await finish(id, last.get(id) as number, outcome === "failed" ? "validation_error" : null);
          if (state !== "ok") {
            state = "ok";
            failures = 0;
          }
        } catch (e) {
          const rest = rows.filter((r) => order.indexOf(r.executionId) >= i).map((r) => r.seq);
          return fail(e, rest);
        }
      }
      await record(null);
    }
  }

  async function fail(e: unknown, unsent: number[]): Promise<number> {
    const err = e instanceof NotionError ? e : new NotionError(0, "error", e instanceof Error ? e.message : String(e));
    failures++;
    const wait = Math.min(max, base * 2 ** (failures - 1));
    const message = `${err.status ? `${err.status} ` : ""}${err.code}: ${err.message}`.slice(0, 1000);
    // A refused token or a missing database is not the rows' fault: they wait, unsent, untried.
    await release(unsent, err.transient ? message : null, new Date(Date.now() + wait));
    await record(message).catch(() => undefined);
    // The state changes once the error is recorded: /health never shows "error" without its reason.
    state = err.transient ? "degraded" : "error";
    if (err.status === 401 || err.status === 403 || err.status === 404 || err.code === "baton_property_type")
      ds = undefined;
    o.logger.error(`notion: ${message}; Baton keeps working locally, retrying in ${wait} ms`);
    return wait;
  }

  async function pass(): Promise<void> {
    if (stopped) return;
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let next = pollMs;
      try {
        do {
          again = false;
          next = await drain();
        } while (again && !stopped && state === "ok");
      } catch (e) {
        o.logger.error("notion: outbox pass failed", e);
      }
      running = undefined;
      schedule(Math.max(10, next));
    })();
    return running;
  }

  async function backlogCount(): Promise<number> {
    const [row] = await o.db.sql.all<{ n: unknown }>(
      sql`SELECT COUNT(*) AS "n" FROM "NotionOutbox" WHERE "doneAt" IS NULL`,
    );
    return Number(row?.n ?? 0);
  }

  async function syncOnce(): Promise<SyncReport> {
    const report: SyncReport = {
      seen: 0,
      pulled: 0,
      updated: 0,
      created: 0,
      ignored: 0,
      conflicts: 0,
      pushed: 0,
      pending: 0,
      changes: [],
      error: null,
      startedAt: new Date(),
      finishedAt: new Date(),
    };
    let wakeDrain = false;
    try {
      const source = await dataSource();
      // The state row holds the cursor: it exists once Notion answered.
      await record(null);
      const { requeued } = await pullAndPush({ db: o.db, mcp, ds: source }, report);
      await record(null);
      // Notion answers again: a drain waiting out its backoff goes now (after the report counts it).
      if (state !== "ok") {
        state = "ok";
        failures = 0;
        wakeDrain = true;
      } else if (requeued) wakeDrain = true;
    } catch (e) {
      const err =
        e instanceof NotionError ? e : new NotionError(0, "error", e instanceof Error ? e.message : String(e));
      report.error = `${err.status ? `${err.status} ` : ""}${err.code}: ${err.message}`.slice(0, 1000);
      if (err.status === 401 || err.status === 403 || err.status === 404 || err.code === "baton_property_type")
        ds = undefined;
      await record(report.error).catch(() => undefined);
      o.logger.error(`notion: sync from Notion failed: ${report.error}`);
    }
    report.finishedAt = new Date();
    report.pending = await backlogCount();
    await o.db.sql.write([
      sql`UPDATE "NotionSyncState" SET "lastPullAt" = ${t(report.finishedAt)}, "lastPullError" = ${report.error}
        WHERE "id" = ${STATE_ID}`,
    ]);
    if (wakeDrain) schedule(0);
    return report;
  }

  function sync(): Promise<SyncReport> {
    const next = syncing.then(syncOnce, syncOnce);
    syncing = next.catch(() => undefined);
    return next;
  }

  const schedulePull = () => {
    if (stopped || pullMs <= 0) return;
    pullTimer = setTimeout(() => {
      sync()
        .catch((e: unknown) => o.logger.error("notion: periodic sync failed", e))
        .finally(schedulePull);
    }, pullMs);
    pullTimer.unref?.();
  };

  async function status(): Promise<NotionStatus> {
    const [counts] = await o.db.sql.all<{ backlog: unknown; failed: unknown }>(sql`
      SELECT (SELECT COUNT(*) FROM "NotionOutbox" WHERE "doneAt" IS NULL) AS "backlog",
        (SELECT COUNT(*) FROM "NotionPage" WHERE "state" = 'failed') AS "failed"`);
    const [row] = await o.db.sql.all<Record<string, unknown>>(
      sql`SELECT "dataSourceId", "lastSuccessAt", "lastError", "lastErrorAt" FROM "NotionSyncState" WHERE "id" = ${STATE_ID}`,
    );
    const iso = (v: unknown) => readTime(v)?.toISOString() ?? null;
    return {
      state,
      databaseId: o.databaseId,
      dataSourceId: ds?.id ?? (row?.dataSourceId as string | null) ?? null,
      backlog: Number(counts?.backlog ?? 0),
      failed: Number(counts?.failed ?? 0),
      lastSuccessAt: iso(row?.lastSuccessAt),
      lastError: (row?.lastError as string | null) ?? null,
      lastErrorAt: iso(row?.lastErrorAt),
    };
  }

  return {
    mcp,
    dataSource,
    sync,
    status,
    async integration() {
      const base = await status();
      const [row] = await o.db.sql.all<Record<string, unknown>>(sql`
        SELECT "lastPullAt", "lastPullError", "pullCursor", (SELECT COUNT(*) FROM "NotionConflict") AS "conflicts"
        FROM "NotionSyncState" WHERE "id" = ${STATE_ID}`);
      const iso = (v: unknown) => readTime(v)?.toISOString() ?? null;
      return {
        ...base,
        level: o.level ?? "trees",
        pullMs,
        mcpServer: mcp.pid() ? "running" : "stopped",
        conflicts: Number(row?.conflicts ?? 0),
        lastPullAt: iso(row?.lastPullAt),
        lastPullError: (row?.lastPullError as string | null) ?? null,
        pullCursor: iso(row?.pullCursor),
      };
    },
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
      schedulePull();
    },
    wake() {
      if (!stopped && state !== "degraded" && state !== "error") schedule(0);
    },
    async drainNow() {
      if (running) await running;
      failures = 0;
      await pass();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(pullTimer);
      await running;
      await syncing;
      await mcp.close();
    },
  };
}
