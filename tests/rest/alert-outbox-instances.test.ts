// The alert webhook's outbox shared by two real Baton processes on one database: every item is
// delivered exactly once (each instance claims an item with a lease before sending it), an item
// whose claim a crashed instance left behind is delivered by another once the lease has run out,
// and delivered items are deleted after BATON_ALERT_OUTBOX_RETENTION_MS (undelivered ones never).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../server/db.js";
import { parseEnv } from "../../server/env.js";
import { start } from "../../server/main.js";
import { cleanupOutbox } from "../../server/modules/alert/alert.webhook.js";
import { sql, timeParam } from "../../server/sql.js";
import { type BatonProcess, spawnBaton } from "../testkit/baton-process.js";
import { agentBody, uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { rest } from "../testkit/rest.js";
import { createTestDatabase } from "../testkit/server.js";
import { pollUntil } from "../testkit/workflows.js";

interface Delivery {
  key: string;
  at: number;
}

/** A receiver that answers 204 after `delayMs` (slow enough that two senders would overlap). */
async function slowReceiver(delayMs: number) {
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (c) => {
      text += c;
    });
    req.on("end", () => {
      const body = JSON.parse(text) as { type: string; alert: { id: string } };
      deliveries.push({ key: `${body.alert.id}:${body.type}`, at: Date.now() });
      setTimeout(() => res.writeHead(204).end(), delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    deliveries,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const count = (keys: string[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());

describe("the alert outbox across instances", () => {
  test("two instances deliver each item exactly once; an expired claim is taken over", {
    timeout: 180_000,
  }, async () => {
    const database = await createTestDatabase();
    const hook = await slowReceiver(150);
    const instances: BatonProcess[] = [];
    const db = await openDatabase(database.url);
    try {
      const env = { DATABASE_URL: database.url, BATON_ALERT_WEBHOOK_URL: hook.url };
      instances.push(await spawnBaton(env));
      instances.push(await spawnBaton(env));
      const apis = instances.map((i) => rest(i.url));
      const on = (i: number) => apis[i % 2] as ReturnType<typeof rest>;

      // 8 agents; each circuit opened by hand and reset, alternately through A and B: 16 items.
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await on(i).post<{ id: string }>("/agents", agentBody({ name: uniqueName("Outbox") }));
        expect(res.status).toBe(201);
        ids.push(res.body.id);
      }
      await Promise.all(
        ids.map(async (id, i) => expect((await on(i).post(`/agents/${id}/circuit/open`)).status).toBe(200)),
      );
      await Promise.all(
        ids.map(async (id, i) => expect((await on(i + 1).post(`/agents/${id}/circuit/reset`)).status).toBe(200)),
      );
      const alerts = await db.sql.all<{ id: string }>(sql`SELECT "id" FROM "Alert"`);
      expect(alerts).toHaveLength(8);
      const expected = alerts.flatMap((a) => [`${a.id}:alert.raised`, `${a.id}:alert.resolved`]).sort();

      const undelivered = async () =>
        Number(
          (
            await db.sql.all<{ n: unknown }>(sql`SELECT COUNT(*) AS "n" FROM "AlertOutbox" WHERE "deliveredAt" IS NULL`)
          )[0]?.n,
        );
      await pollUntil(undelivered, (n) => n === 0, "every outbox item delivered", 60_000);
      // Longer than a poll (2 s) of either instance: a second delivery of any item would show by now.
      await new Promise((r) => setTimeout(r, 3000));
      const keys = hook.deliveries.map((d) => d.key);
      expect([...count(keys).entries()].filter(([, n]) => n !== 1)).toEqual([]);
      expect(keys.slice().sort()).toEqual(expected);
      // In order per alert: raised before resolved.
      for (const a of alerts)
        expect(keys.indexOf(`${a.id}:alert.raised`)).toBeLessThan(keys.indexOf(`${a.id}:alert.resolved`));
      const rows = await db.sql.all<{ attempts: unknown; claimedBy: string }>(
        sql`SELECT "attempts", "claimedBy" FROM "AlertOutbox"`,
      );
      expect(rows.map((r) => Number(r.attempts))).toEqual(Array(16).fill(1));
      // Both instances delivered some of them (each claims with its own name).
      expect(new Set(rows.map((r) => r.claimedBy)).size).toBe(2);

      // A crashed instance's claim: nobody sends the item until the claim's lease has run out.
      const claimedUntil = new Date(Date.now() + 2500);
      const body = JSON.stringify({ type: "alert.raised", at: new Date().toISOString(), alert: { id: "crashed-1" } });
      const past = timeParam(db.provider, new Date(Date.now() - 60_000));
      await db.sql.write([
        sql`INSERT INTO "AlertOutbox" ("alertId", "body", "attempts", "nextAttemptAt", "createdAt", "claimedBy", "claimedUntil")
          VALUES ('crashed-1', ${body}, 0, ${past}, ${past}, 'crashed-instance', ${timeParam(db.provider, claimedUntil)})`,
      ]);
      await pollUntil(
        async () => hook.deliveries.filter((d) => d.key === "crashed-1:alert.raised").length,
        (n) => n >= 1,
        "the crashed instance's item delivered",
        30_000,
      );
      const taken = hook.deliveries.filter((d) => d.key === "crashed-1:alert.raised");
      expect(taken).toHaveLength(1);
      expect(taken[0]?.at).toBeGreaterThanOrEqual(claimedUntil.getTime());
      // Marked delivered (after the receiver's answer) by one of the two live instances.
      const takenBy = await pollUntil(
        async () =>
          (
            await db.sql.all<{ claimedBy: string }>(
              sql`SELECT "claimedBy" FROM "AlertOutbox" WHERE "alertId" = 'crashed-1' AND "deliveredAt" IS NOT NULL`,
            )
          )[0]?.claimedBy,
        (by) => by !== undefined,
        "the crashed instance's item marked delivered",
        10_000,
      );
      expect(new Set(rows.map((r) => r.claimedBy))).toContain(takenBy);
    } finally {
      await Promise.all(instances.map((i) => i.stop()));
      await hook.close();
      await db.close();
      await database.drop();
    }
  });
});

describe("outbox retention", () => {
  const DAY = 86_400_000;
  const insert =
    (at: Date, delivered: Date | null, alertId: string) => (db: Awaited<ReturnType<typeof openDatabase>>) =>
      db.sql.write([
        sql`INSERT INTO "AlertOutbox" ("alertId", "body", "attempts", "nextAttemptAt", "createdAt", "deliveredAt")
        VALUES (${alertId}, '{}', ${delivered ? 1 : 0}, ${timeParam(db.provider, at)}, ${timeParam(db.provider, at)},
          ${timeParam(db.provider, delivered)})`,
      ]);
  const left = async (db: Awaited<ReturnType<typeof openDatabase>>) =>
    (await db.sql.all<{ alertId: string }>(sql`SELECT "alertId" FROM "AlertOutbox" ORDER BY "alertId"`)).map(
      (r) => r.alertId,
    );

  test("deletes only delivered items older than the retention", async () => {
    const database = await createTestDatabase();
    const db = await openDatabase(database.url);
    try {
      const now = new Date();
      const ago = (ms: number) => new Date(now.getTime() - ms);
      for (const add of [
        insert(ago(9 * DAY), ago(8 * DAY), "a-delivered-8d"),
        insert(ago(7 * DAY - 60_000), ago(7 * DAY - 60_000), "b-delivered-just-inside"),
        insert(ago(30 * DAY), null, "c-undelivered-30d"),
        insert(ago(60_000), ago(1000), "d-delivered-now"),
      ])
        await add(db);
      expect(await cleanupOutbox(db, 7 * DAY, now)).toBe(1);
      expect(await left(db)).toEqual(["b-delivered-just-inside", "c-undelivered-30d", "d-delivered-now"]);
      expect(await cleanupOutbox(db, 7 * DAY, now)).toBe(0);
    } finally {
      await db.close();
      await database.drop();
    }
  });

  test("BATON_ALERT_OUTBOX_RETENTION_MS sets it (the worker cleans on start); bad values are refused", async () => {
    expect(() => parseEnv({ BATON_ALERT_OUTBOX_RETENTION_MS: "0" })).toThrow(/BATON_ALERT_OUTBOX_RETENTION_MS/);
    expect(() => parseEnv({ BATON_ALERT_OUTBOX_RETENTION_MS: "soon" })).toThrow(/BATON_ALERT_OUTBOX_RETENTION_MS/);
    expect(parseEnv({}).BATON_ALERT_OUTBOX_RETENTION_MS).toBe(7 * DAY);
    const database = await createTestDatabase();
    const hook = await slowReceiver(0);
    const db = await openDatabase(database.url);
    try {
      const now = Date.now();
      await insert(new Date(now - 5 * 60_000), new Date(now - 2 * 60_000), "old-delivered")(db);
      await insert(new Date(now - 20_000), new Date(now - 10_000), "recent-delivered")(db);
      const server = await start({
        BATON_WORKDIR: mkdtempSync(join(tmpdir(), "baton-work-")),
        PORT: "0",
        HOST: "127.0.0.1",
        DATABASE_URL: database.url,
        LOG_LEVEL: "silent",
        NODE_ENV: "test",
        BATON_ALERT_WEBHOOK_URL: hook.url,
        BATON_ALERT_OUTBOX_RETENTION_MS: "60000",
      });
      try {
        await pollUntil(
          () => left(db),
          (ids) => !ids.includes("old-delivered"),
          "the old item deleted",
          10_000,
        );
        expect(await left(db)).toEqual(["recent-delivered"]);
      } finally {
        await server.stop();
      }
    } finally {
      await hook.close();
      await db.close();
      await database.drop();
    }
  });
});
