// Two Baton processes sharing one database and one Redis: an execution recorded or updated on
// either instance reaches executionEvents subscribers on both, exactly once.
import { test, vi } from "vitest";
import { ensureLocalRedis, spawnBaton, type BatonProcess } from "../testkit/baton-process.js";
import { uniqueName } from "../testkit/factories.js";
import { type RestExecution, uniqueExecutionId } from "../testkit/executions.js";
import { describe, expect } from "../testkit/fixtures.js";
import { rest } from "../testkit/rest.js";
import { createTestDatabase } from "../testkit/server.js";
import { subscribe } from "../testkit/subscriptions.js";

const REDIS_URL = "redis://127.0.0.1:6379";

const EVENTS = `subscription($agent: [String!]) {
  executionEvents(agent: $agent) { kind execution { id agentName status durationMs } }
}`;
type Event = {
  executionEvents: {
    kind: string;
    execution: { id: string; agentName: string; status: string; durationMs: number | null };
  };
};

describe("executionEvents across instances (Redis)", () => {
  test("a subscriber on one instance sees what the other records and updates", { timeout: 120_000 }, async ({
    skip,
  }) => {
    if (!(await ensureLocalRedis(REDIS_URL)))
      skip(`Redis is not reachable at ${REDIS_URL} and redis-server could not be started there`);
    const database = await createTestDatabase();
    const instances: BatonProcess[] = [];
    const subs: ReturnType<typeof subscribe<Event>>[] = [];
    try {
      const env = { DATABASE_URL: database.url, REDIS_URL };
      // One after the other: the first creates, migrates and seeds the database.
      instances.push(await spawnBaton(env));
      instances.push(await spawnBaton(env));
      const [a, b] = instances as [BatonProcess, BatonProcess];
      expect(a.url).not.toBe(b.url);
      const apiA = rest(a.url);
      const apiB = rest(b.url);

      const X = uniqueName("Remote");
      subs.push(subscribe<Event>(a.url, EVENTS, { agent: [X] }), subscribe<Event>(b.url, EVENTS, { agent: [X] }));
      const probes = new Set<string>();
      // Live once each subscriber has seen a probe recorded on the *other* instance.
      await vi.waitFor(
        async () => {
          const seen = (i: number) => subs[i]?.values.some((v) => probes.has(v.executionEvents.execution.id));
          if (seen(0) && seen(1)) return;
          for (const api of [apiA, apiB]) {
            const id = uniqueExecutionId("probe");
            probes.add(id);
            expect((await api.post("/executions", { id, agent_name: X, status: "success" })).status).toBe(201);
          }
          throw new Error("not live yet");
        },
        { timeout: 20_000, interval: 100 },
      );
      const starts = subs.map((s) => s.values.length);
      const events = (i: number) =>
        (subs[i]?.values ?? [])
          .slice(starts[i])
          .map((v) => v.executionEvents)
          .filter((e) => !probes.has(e.execution.id))
          .map((e) => [e.kind, e.execution.id, e.execution.status, e.execution.durationMs]);

      const e1 = (await apiB.post<RestExecution>("/executions", { agent_name: X, status: "pending" })).body;
      const other = await apiB.post<RestExecution>("/executions", {
        agent_name: uniqueName("Unwatched"),
        status: "success",
      });
      expect(other.status).toBe(201);
      // Updated on A: the row B wrote is in the shared database.
      expect((await apiA.patch(`/executions/${e1.id}`, { status: "success", duration_ms: 321 })).status).toBe(200);
      const sentinel = (await apiB.post<RestExecution>("/executions", { agent_name: X, status: "failure" })).body;
      const expected = [
        ["RECORDED", e1.id, "PENDING", null],
        ["UPDATED", e1.id, "SUCCESS", 321],
        ["RECORDED", sentinel.id, "FAILURE", null],
      ];
      await vi.waitFor(
        () => {
          for (const i of [0, 1])
            if (!events(i).some((e) => e[1] === sentinel.id)) throw new Error(`sentinel not on ${i}`);
        },
        { timeout: 10_000, interval: 20 },
      );
      expect(events(0)).toEqual(expected);
      expect(events(1)).toEqual(expected);
      expect(subs.flatMap((s) => s.errors)).toEqual([]);
    } catch (e) {
      const logs = instances.map((p, i) => `--- instance ${i} ---\n${p.output()}`).join("\n");
      throw new Error(`${(e as Error).message}\n${logs}`, { cause: e });
    } finally {
      for (const s of subs) await s.close();
      for (const p of instances) await p.stop();
      await database.drop();
    }
  });
});
