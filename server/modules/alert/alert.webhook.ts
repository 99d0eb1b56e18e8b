// Delivers AlertOutbox items to BATON_ALERT_WEBHOOK_URL (docs/alerts.md): a background loop, apart
// from the engine (an alert change only writes its outbox row), so a down receiver never blocks or
// slows a step. Items go out in order per alert (an alert's later item waits for its earlier one),
// at least once (an item is marked delivered after the receiver's 2xx), retried with exponential
// backoff; the outbox is drained on start, so nothing queued before a restart is lost. Every
// instance runs this loop: an item is claimed with a lease (one conditional UPDATE) before it is
// sent, so two instances do not both send it, and a crashed instance's claim runs out and another
// instance sends the item. Delivered items are deleted once older than the retention.
import { randomUUID } from "node:crypto";
import type { Database } from "../../db.js";
import type { Logger } from "../../logger.js";
import { readTime, sql, timeParam } from "../../sql.js";

export interface AlertWebhookOptions {
  url: string;
  db: Database;
  logger: Logger;
  /** First retry delay; doubled per failed attempt up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How often the outbox is looked at when nothing woke the worker (other instances' items). */
  pollMs?: number;
  timeoutMs?: number;
  /** How long a claim keeps other instances off an item; default three times timeoutMs. */
  leaseMs?: number;
  /** Delivered items older than this are deleted (BATON_ALERT_OUTBOX_RETENTION_MS). */
  retentionMs?: number;
  /** How often the delivered items past retention are looked for; default hourly. */
  cleanupEveryMs?: number;
}

/** Default retention of delivered outbox items: 7 days. */
export const OUTBOX_RETENTION_MS = 7 * 86_400_000;

/** Deletes outbox items delivered before `now - retentionMs` (undelivered ones are kept, however old); how many. */
export async function cleanupOutbox(db: Database, retentionMs: number, now = new Date()): Promise<number> {
  const cutoff = timeParam(db.provider, new Date(now.getTime() - retentionMs));
  const rows = await db.sql.all<{ seq: unknown }>(
    sql`DELETE FROM "AlertOutbox" WHERE "deliveredAt" IS NOT NULL AND "deliveredAt" < ${cutoff} RETURNING "seq"`,
  );
  return rows.length;
}

export interface AlertWebhook {
  start(): void;
  /** Look at the outbox now (an item was queued). */
  wake(): void;
  stop(): Promise<void>;
}

export function backoffMs(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

export function createAlertWebhook(o: AlertWebhookOptions): AlertWebhook {
  const base = o.baseDelayMs ?? 500;
  const max = o.maxDelayMs ?? 5 * 60_000;
  const pollMs = o.pollMs ?? 2000;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const leaseMs = o.leaseMs ?? 3 * timeoutMs;
  const retentionMs = o.retentionMs ?? OUTBOX_RETENTION_MS;
  const cleanupEveryMs = o.cleanupEveryMs ?? 3_600_000;
  /** This worker's name on its claims (a claim is released or completed only by its owner). */
  const owner = randomUUID();
  let cleanedAt = 0;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void pass(), ms);
    timer.unref?.();
  };

  async function deliver(body: string): Promise<string | null> {
    try {
      const res = await fetch(o.url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "baton-alerts" },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body?.cancel();
      return res.ok ? null : `HTTP ${res.status}`;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }

  /**
   * Claims an item for this worker until the lease ends: only if it is undelivered, due, and
   * unclaimed or its claim has run out. The attempts it will have, or null when another worker
   * has it (or it was delivered meanwhile).
   */
  async function claim(seq: number, now: Date): Promise<number | null> {
    const time = (d: Date) => timeParam(o.db.provider, d);
    const [row] = await o.db.sql.all<{ attempts: unknown }>(
      sql`UPDATE "AlertOutbox" SET "claimedBy" = ${owner}, "claimedUntil" = ${time(new Date(now.getTime() + leaseMs))}
        WHERE "seq" = ${seq} AND "deliveredAt" IS NULL AND "nextAttemptAt" <= ${time(now)}
          AND ("claimedUntil" IS NULL OR "claimedUntil" < ${time(now)})
        RETURNING "attempts"`,
    );
    return row ? Number(row.attempts) + 1 : null;
  }

  /** One pass over due items; when the next one is due. */
  async function drain(): Promise<number> {
    const rows = await o.db.sql.all<Record<string, unknown>>(
      sql`SELECT "seq", "alertId", "body", "nextAttemptAt", "claimedUntil" FROM "AlertOutbox"
        WHERE "deliveredAt" IS NULL ORDER BY "seq" LIMIT 100`,
    );
    const blocked = new Set<string>();
    let next = pollMs;
    for (const r of rows) {
      if (stopped) break;
      const alertId = String(r.alertId);
      if (blocked.has(alertId)) continue;
      const due = Math.max(readTime(r.nextAttemptAt)?.getTime() ?? 0, readTime(r.claimedUntil)?.getTime() ?? 0);
      const wait = due - Date.now();
      if (wait > 0) {
        blocked.add(alertId);
        next = Math.min(next, wait);
        continue;
      }
      const seq = Number(r.seq);
      // Another instance claimed it since the read (or delivered it): this alert's later items
      // wait for the next pass, to keep them in order.
      const attempts = await claim(seq, new Date());
      if (attempts === null) {
        blocked.add(alertId);
        continue;
      }
      const error = await deliver(String(r.body));
      const now = new Date();
      const mine = sql`"seq" = ${seq} AND "claimedBy" = ${owner}`;
      if (error === null) {
        await o.db.sql.write([
          sql`UPDATE "AlertOutbox" SET "deliveredAt" = ${timeParam(o.db.provider, now)}, "attempts" = ${attempts},
            "lastError" = NULL, "claimedUntil" = NULL WHERE ${mine}`,
        ]);
      } else {
        const delay = backoffMs(attempts, base, max);
        await o.db.sql.write([
          sql`UPDATE "AlertOutbox" SET "attempts" = ${attempts}, "lastError" = ${error.slice(0, 500)},
            "nextAttemptAt" = ${timeParam(o.db.provider, new Date(now.getTime() + delay))}, "claimedUntil" = NULL
            WHERE ${mine}`,
        ]);
        o.logger.warn(`alert webhook: delivery ${seq} failed (${error}); retry in ${delay} ms`);
        blocked.add(alertId);
        next = Math.min(next, delay);
      }
    }
    if (Date.now() - cleanedAt >= cleanupEveryMs) {
      cleanedAt = Date.now();
      const removed = await cleanupOutbox(o.db, retentionMs);
      if (removed > 0) o.logger.info(`alert webhook: deleted ${removed} delivered outbox items past retention`);
    }
    return rows.length === 100 && blocked.size === 0 ? 0 : next;
  }

  async function pass(): Promise<void> {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      let next = pollMs;
      try {
        do {
          again = false;
          next = await drain();
        } while (again && !stopped);
      } catch (e) {
        o.logger.error("alert webhook: outbox pass failed", e);
      }
      running = undefined;
      schedule(Math.max(10, next));
    })();
    return running;
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    wake() {
      if (!stopped) schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
