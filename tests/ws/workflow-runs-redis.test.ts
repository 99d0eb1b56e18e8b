// Two Baton processes sharing one database and one Redis: the changes of a workflow run executed
// by one instance reach workflowRun(id) and workflowRuns subscribers on the other, in order and
// exactly once.
import { test, vi } from "vitest";
import { type BatonProcess, ensureLocalRedis, spawnBaton } from "../testkit/baton-process.js";
import { describe, expect } from "../testkit/fixtures.js";
import { rest } from "../testkit/rest.js";
import { createTestDatabase } from "../testkit/server.js";
import { type Subscription, subscribe } from "../testkit/subscriptions.js";
import {
  expectTail,
  listEvents,
  RUN_SUBSCRIPTION,
  type RunSub,
  type RunsSub,
  RUNS_SUBSCRIPTION,
  successSequence,
  untilEnded,
} from "../testkit/workflow-events.js";
import { registerMockAgent, scriptedSequence, startRun, waitForRun } from "../testkit/workflows.js";

const REDIS_URL = "redis://127.0.0.1:6379";

describe("workflow run events across instances (Redis)", () => {
  test("a run executed on one instance is followed live on the other", { timeout: 120_000 }, async ({ skip }) => {
    if (!(await ensureLocalRedis(REDIS_URL)))
      skip(`Redis is not reachable at ${REDIS_URL} and redis-server could not be started there`);
    const database = await createTestDatabase();
    const instances: BatonProcess[] = [];
    const subs: Subscription<unknown>[] = [];
    const track = <T extends Subscription<unknown>>(s: T) => {
      subs.push(s);
      return s;
    };
    try {
      const env = { DATABASE_URL: database.url, REDIS_URL };
      // One after the other: the first creates, migrates and seeds the database.
      instances.push(await spawnBaton(env));
      instances.push(await spawnBaton(env));
      const [a, b] = instances as [BatonProcess, BatonProcess];
      const [apiA, apiB] = [rest(a.url), rest(b.url)];

      const agent = await registerMockAgent(apiA, { latency_ms: 20 });
      const ids = ["s1", "s2", "s3"];
      const w = (await scriptedSequence(apiA, agent, ids)).id;

      const listA: RunsSub = track(subscribe(a.url, RUNS_SUBSCRIPTION, { workflow: w }));
      const listB: RunsSub = track(subscribe(b.url, RUNS_SUBSCRIPTION, { workflow: w }));
      // Live once each list subscriber has seen a probe run executed on the *other* instance.
      const probes = new Set<string>();
      const failFast = { s1: { fail: "probe" } };
      const sawProbe = (s: RunsSub) => listEvents(s).some((e) => probes.has(e.runId));
      await vi.waitFor(
        async () => {
          if (sawProbe(listA) && sawProbe(listB)) return;
          probes.add((await startRun(apiA, w, failFast)).id);
          probes.add((await startRun(apiB, w, failFast)).id);
          throw new Error("not live yet");
        },
        { timeout: 20_000, interval: 100 },
      );
      for (const id of probes) await waitForRun(apiA, id, 15_000);
      const starts = [listA.values.length, listB.values.length];
      const listed = (s: RunsSub, i: number) =>
        listEvents(s)
          .slice(starts[i])
          .filter((e) => !probes.has(e.runId))
          .map((e) => [e.runId, e.kind, e.runStatus, e.stepStatus]);

      // Executed on A, followed from B (and from A, for comparison).
      const onA = await startRun(apiA, w, { s1: { latency_ms: 700 } });
      const fromB: RunSub = track(subscribe(b.url, RUN_SUBSCRIPTION, { id: onA.id }));
      const fromA: RunSub = track(subscribe(a.url, RUN_SUBSCRIPTION, { id: onA.id }));
      const eventsB = await untilEnded(fromB);
      const eventsA = await untilEnded(fromA);
      const success = successSequence(ids);
      expectTail(eventsB, success, 3);
      expectTail(eventsA, success, 3);
      // The same events, numbered by the instance running the run, whoever relays them.
      const common = Math.max(eventsA[0]?.seq ?? 0, eventsB[0]?.seq ?? 0);
      expect(eventsB.filter((e) => e.seq >= common)).toEqual(eventsA.filter((e) => e.seq >= common));
      const runA = await waitForRun(apiB, onA.id, 15_000);
      expect(runA.status).toBe("succeeded");
      const execOf = new Map(runA.steps.map((s) => [s.step_id, s.execution_id]));
      for (const e of eventsB.filter((x) => x.kind === "STEP")) expect(e.executionId).toBe(execOf.get(e.stepId ?? ""));

      // Executed on B and failing, followed from A.
      const onB = await startRun(apiB, w, { s1: { latency_ms: 700 }, s2: { fail: "no disk" } });
      const fromA2: RunSub = track(subscribe(a.url, RUN_SUBSCRIPTION, { id: onB.id }));
      const failing = await untilEnded(fromA2);
      expectTail(
        failing,
        [
          ["RUN", null, "RUNNING", null],
          ["STEP", "s1", "RUNNING", 1],
          ["STEP", "s1", "SUCCEEDED", 1],
          ["STEP", "s2", "RUNNING", 1],
          ["STEP", "s2", "FAILED", 1],
          ["STEP", "s3", "SKIPPED", 0],
          ["RUN", null, "FAILED", null],
        ],
        3,
      );
      expect(failing.at(-1)).toMatchObject({ failedStepId: "s2", error: "step 's2' failed: no disk", workflowId: w });

      // The list subscribers on both instances saw both runs' run-level changes, once each.
      const expectedList = [
        [onA.id, "RUN", "RUNNING", null],
        [onA.id, "RUN", "SUCCEEDED", null],
        [onB.id, "RUN", "RUNNING", null],
        [onB.id, "RUN", "FAILED", null],
      ];
      await vi.waitFor(() => {
        expect(listed(listA, 0)).toEqual(expectedList);
        expect(listed(listB, 1)).toEqual(expectedList);
      });
      expect(subs.flatMap((s) => s.errors)).toEqual([]);
    } catch (e) {
      const logs = instances.map((p, i) => `--- instance ${i} ---\n${p.output()}`).join("\n");
      throw new Error(`${(e as Error).message}\n${logs}`, { cause: e });
    } finally {
      await Promise.all(subs.map((s) => s.close()));
      for (const p of instances) await p.stop();
      await database.drop();
    }
  });
});
