// Delivers AlertOutbox items to BATON_ALERT_WEBHOOK_URL (docs/alerts.md): a background loop, apart
// from the engine (an alert change only writes its outbox row), so a down receiver never blocks or
// slows a step. Items go out in order per alert (an alert's later item waits for its earlier one),
// at least once (an item is marked delivered after the receiver's 2xx), retried with exponential
// backoff; the outbox is drained on start, so nothing queued before a restart is lost.
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
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      });
      await res.body?.cancel();
      return res.ok ? null : `HTTP ${res.status}`;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }

  /** One pass over due items; when the next one is due. */
  async function drain(): Promise<number> {
    const rows = await o.db.sql.all<Record<string, unknown>>(
      sql`SELECT "seq", "alertId", "body", "attempts", "nextAttemptAt" FROM "AlertOutbox"
        WHERE "deliveredAt" IS NULL ORDER BY "seq" LIMIT 100`,
    );
    const blocked = new Set<string>();
    let next = pollMs;
    for (const r of rows) {
      if (stopped) break;
      const alertId = String(r.alertId);
      if (blocked.has(alertId)) continue;
      const due = readTime(r.nextAttemptAt)?.getTime() ?? 0;
      const wait = due - Date.now();
      if (wait > 0) {
        blocked.add(alertId);
        next = Math.min(next, wait);
        continue;
      }
      const error = await deliver(String(r.body));
      const now = new Date();
      if (error === null) {
        await o.db.sql.write([
          sql`UPDATE "AlertOutbox" SET "deliveredAt" = ${timeParam(o.db.provider, now)}, "attempts" = "attempts" + 1,
            "lastError" = NULL WHERE "seq" = ${Number(r.seq)}`,
        ]);
      } else {
        const attempts = Number(r.attempts) + 1;
        const delay = backoffMs(attempts, base, max);
        await o.db.sql.write([
          sql`UPDATE "AlertOutbox" SET "attempts" = ${attempts}, "lastError" = ${error.slice(0, 500)},
            "nextAttemptAt" = ${timeParam(o.db.provider, new Date(now.getTime() + delay))} WHERE "seq" = ${Number(r.seq)}`,
        ]);
        o.logger.warn(`alert webhook: delivery ${r.seq} failed (${error}); retry in ${delay} ms`);
        blocked.add(alertId);
        next = Math.min(next, delay);
      }
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
