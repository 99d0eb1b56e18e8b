// Issue 11 §1: one agent's circuit breaker shared by two real Baton processes on one database (and
// one Redis, so each instance's subscribers see the other's changes). Failures recorded through
// both instances at the same moment open the circuit exactly once — one state change written
// (circuitVersion), one OPEN event, one CIRCUIT_OPEN alert — both instances report the same
// health, and a manual reset or open on one is what the other reports next.
import { test } from "vitest";
import { openDatabase } from "../../server/db.js";
import { sql } from "../../server/sql.js";
import { type BatonProcess, ensureLocalRedis, spawnBaton } from "../testkit/baton-process.js";
import { agentBody, uniqueName } from "../testkit/factories.js";
import { describe, expect } from "../testkit/fixtures.js";
import { type RestClient, rest } from "../testkit/rest.js";
import { createTestDatabase } from "../testkit/server.js";
import { type Subscription, subscribe } from "../testkit/subscriptions.js";
import { pollUntil } from "../testkit/workflows.js";

const REDIS_URL = "redis://127.0.0.1:6379";

interface Health {
  circuit: { state: string; consecutive_failures: number; opened_at: string | null; retry_after: string | null };
  open_alerts: { kind: string; state: string }[];
}
type HealthEvent = {
  agentHealthChanged: { agentId: string; previousState: string; state: string; retryAfter: string | null };
};
type AlertEvent = { alerts: { event: string; alert: { id: string; kind: string; agentId: string } } };

const health = async (api: RestClient, id: string) => {
  const res = await api.get<Health>(`/agents/${id}/health`);
  expect(res.status).toBe(200);
  return res.body;
};

const fail = (api: RestClient, agent: string) =>
  api.post("/executions", { agent_name: agent, status: "failure", timestamp: new Date().toISOString() });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] as number;
};

describe("a circuit shared by two instances", () => {
  test("opens once under simultaneous failures on both; both agree; a reset on one is seen by the other", {
    timeout: 240_000,
  }, async ({ skip }) => {
    if (!(await ensureLocalRedis(REDIS_URL)))
      skip(`Redis is not reachable at ${REDIS_URL} and redis-server could not be started there`);
    const database = await createTestDatabase();
    const instances: BatonProcess[] = [];
    const subs: Subscription<unknown>[] = [];
    const db = await openDatabase(database.url);
    try {
      const env = { DATABASE_URL: database.url, REDIS_URL };
      instances.push(await spawnBaton(env));
      instances.push(await spawnBaton(env));
      const [a, b] = instances as [BatonProcess, BatonProcess];
      const apiA = rest(a.url);
      const apiB = rest(b.url);
      const name = uniqueName("Shared");
      const created = await apiA.post<{ id: string }>("/agents", {
        ...agentBody({ name }),
        circuit_breaker: { failure_threshold: 3, cooldown_ms: 3_600_000 },
      });
      expect(created.status).toBe(201);
      const id = created.body.id;

      const HEALTH = `subscription($id: ID) { agentHealthChanged(agentId: $id) { agentId previousState state retryAfter } }`;
      const ALERTS = `subscription($id: ID) { alerts(agentId: $id) { event alert { id kind agentId } } }`;
      const onA = subscribe<HealthEvent>(a.url, HEALTH, { id });
      const alertsOnA = subscribe<AlertEvent>(a.url, ALERTS, { id });
      subs.push(onA as Subscription<unknown>, alertsOnA as Subscription<unknown>);
      // Live on A for B's writes: a manual open and reset through B reach both of A's subscribers.
      await pollUntil(
        async () => {
          const live = onA.values.length > 0 && alertsOnA.values.length > 0;
          if (!live) {
            await apiB.post(`/agents/${id}/circuit/open`);
            await apiB.post(`/agents/${id}/circuit/reset`);
          }
          return live;
        },
        (live) => live,
        "A's subscribers receiving B's changes",
        20_000,
        500,
      );
      await new Promise((r) => setTimeout(r, 500));
      const [version0] = await db.sql.all<{ v: unknown }>(
        sql`SELECT "circuitVersion" AS "v" FROM "Agent" WHERE "id" = ${id}`,
      );
      const startV = Number(version0?.v);
      const seenHealth = onA.values.length;
      const seenAlerts = alertsOnA.values.length;

      // Six failures at once, three through each instance: the third counted opens the circuit.
      const answers = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => fail(i % 2 ? apiB : apiA, name)));
      expect(answers.map((r) => r.status)).toEqual(Array(6).fill(201));
      const [version1] = await db.sql.all<{ v: unknown }>(
        sql`SELECT "circuitVersion" AS "v" FROM "Agent" WHERE "id" = ${id}`,
      );
      // Two count changes and one opening: three writes, whichever instance made each.
      expect(Number(version1?.v) - startV).toBe(3);
      const [ha, hb] = await Promise.all([health(apiA, id), health(apiB, id)]);
      expect(ha.circuit).toEqual(hb.circuit);
      expect([ha.circuit.state, ha.circuit.consecutive_failures]).toEqual(["open", 3]);
      expect(ha.open_alerts.map((x) => x.kind).sort()).toEqual(["circuit_open", "repeated_failures"]);
      expect(hb.open_alerts.map((x) => x.kind).sort()).toEqual(["circuit_open", "repeated_failures"]);
      const rows = await db.sql.all<{ kind: string }>(
        sql`SELECT "kind" FROM "Alert" WHERE "agentId" = ${id} AND "state" = 'open'`,
      );
      expect(rows.map((r) => r.kind).sort()).toEqual(["circuit_open", "repeated_failures"]);

      // Every change reaches A's subscriber (its own and B's, through Redis); exactly one opening.
      await pollUntil(
        async () => onA.values.length - seenHealth,
        (n) => n >= 3,
        "three changes on A",
        10_000,
      );
      await new Promise((r) => setTimeout(r, 500));
      // (A late probe event would be a manual opening: no retryAfter.)
      const changes = onA.values.slice(seenHealth).map((v) => (v as HealthEvent).agentHealthChanged);
      const opened = changes.filter((c) => c.state === "OPEN" && c.retryAfter !== null);
      expect(opened.map((c) => [c.agentId, c.previousState, c.state])).toEqual([[id, "CLOSED", "OPEN"]]);
      expect(changes.filter((c) => c.retryAfter !== null || c.state === "CLOSED").length).toBeGreaterThanOrEqual(3);
      const stored = new Set(
        (
          await db.sql.all<{ id: string }>(sql`SELECT "id" FROM "Alert" WHERE "agentId" = ${id} AND "state" = 'open'`)
        ).map((r) => r.id),
      );
      const raised = alertsOnA.values
        .slice(seenAlerts)
        .map((v) => (v as AlertEvent).alerts)
        .filter((e) => e.event === "RAISED" && stored.has(e.alert.id));
      expect(raised.map((e) => e.alert.kind).sort()).toEqual(["CIRCUIT_OPEN", "REPEATED_FAILURES"]);

      // A reset through B is what A reports; an opening by hand through A is what B reports.
      expect((await apiB.post(`/agents/${id}/circuit/reset`)).status).toBe(200);
      expect((await health(apiA, id)).circuit).toEqual({
        state: "closed",
        consecutive_failures: 0,
        opened_at: null,
        retry_after: null,
      });
      expect((await apiA.post(`/agents/${id}/circuit/open`)).status).toBe(200);
      const byHand = await health(apiB, id);
      expect([byHand.circuit.state, byHand.circuit.retry_after]).toEqual(["open", null]);
      expect((await apiA.post(`/agents/${id}/circuit/reset`)).status).toBe(200);

      // Figure: from the third failure (sent through B) to A's subscriber hearing the alert.
      const lags: number[] = [];
      for (let round = 0; round < 5; round++) {
        const before = alertsOnA.values.length;
        expect((await fail(apiA, name)).status).toBe(201);
        expect((await fail(apiA, name)).status).toBe(201);
        const t0 = performance.now();
        const third = fail(apiB, name);
        await pollUntil(
          async () =>
            alertsOnA.values
              .slice(before)
              .some(
                (v) =>
                  (v as AlertEvent).alerts.event === "RAISED" && (v as AlertEvent).alerts.alert.kind === "CIRCUIT_OPEN",
              ),
          (seen) => seen,
          "CIRCUIT_OPEN heard on A",
          10_000,
          1,
        );
        lags.push(performance.now() - t0);
        expect((await third).status).toBe(201);
        expect((await apiB.post(`/agents/${id}/circuit/reset`)).status).toBe(200);
      }
      console.log(
        `[figure] third failure through B → CIRCUIT_OPEN on A's subscription: p50 ${median(lags).toFixed(1)} ms ` +
          `(${lags.map((l) => l.toFixed(1)).join(", ")} ms; ${database.kind})`,
      );
    } finally {
      await Promise.all(subs.map((s) => s.close()));
      await Promise.all(instances.map((i) => i.stop()));
      await db.close();
      await database.drop();
    }
  });
});
