// Two Baton processes sharing one database and one Redis: the changes of a workflow run executed
// by one instance reach workflowRun(id) and workflowRuns subscribers on the other, in order and
// exactly once.
import { test, vi } from "vitest";
import { type BatonProcess, ensureLocalRedis, spawnBaton } from "../testkit/baton-process.js";
import { agentBody, uniqueName } from "../testkit/factories.js";
import { describe, expect } from "../testkit/fixtures.js";
import { type RestAgent, type RestClient, rest } from "../testkit/rest.js";
import { createTestDatabase } from "../testkit/server.js";
import { type Subscription, subscribe } from "../testkit/subscriptions.js";

const REDIS_URL = "redis://127.0.0.1:6379";

const EVENT_FIELDS = "seq kind runId workflowId status error failedStepId stepId attempts executionId";
const RUN = `subscription($id: String!) { workflowRun(id: $id) { ${EVENT_FIELDS} } }`;
const RUNS = `subscription($workflow: String) { workflowRuns(workflow: $workflow) { ${EVENT_FIELDS} } }`;

interface RunEvent {
  seq: number;
  kind: "run" | "step";
  runId: string;
  workflowId: string | null;
  status: string;
  error: string | null;
  failedStepId: string | null;
  stepId: string | null;
  attempts: number | null;
  executionId: string | null;
}
type RunSub = Subscription<{ workflowRun: RunEvent }>;
type RunsSub = Subscription<{ workflowRuns: RunEvent }>;

interface RestWorkflowRun {
  id: string;
  status: string;
  steps: { step_id: string; execution_id: string | null }[];
}

const FINISHED = ["succeeded", "failed", "cancelled"];

async function execute(api: RestClient, workflowId: string, params: Record<string, unknown> = {}) {
  const res = await api.post<RestWorkflowRun>(`/workflows/${workflowId}/execute`, params);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function finished(api: RestClient, runId: string): Promise<RestWorkflowRun> {
  let run: RestWorkflowRun | undefined;
  await vi.waitFor(
    async () => {
      run = (await api.get<RestWorkflowRun>(`/workflow-runs/${runId}`)).body;
      if (!FINISHED.includes(run.status)) throw new Error(`run ${runId} still ${run.status}`);
    },
    { timeout: 15_000, interval: 25 },
  );
  return run as RestWorkflowRun;
}

async function untilEnded(sub: RunSub) {
  await vi.waitFor(
    () => {
      if (!sub.values.some((v) => v.workflowRun.kind === "run" && FINISHED.includes(v.workflowRun.status)))
        throw new Error("the run's final event has not arrived");
    },
    { timeout: 15_000, interval: 20 },
  );
  return sub.values.map((v) => v.workflowRun);
}

type Brief = [kind: string, stepId: string | null, status: string, attempts: number | null];
const brief = (e: RunEvent): Brief => [e.kind, e.stepId, e.status, e.attempts];

/** What arrived is the tail of `full` from its first seq (subscribed after the run started), gapless. */
function expectTail(events: RunEvent[], full: Brief[]) {
  const first = events[0]?.seq ?? Number.NaN;
  expect(first, "the subscription went live too late to prove anything").toBeLessThanOrEqual(3);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => first + i));
  expect(events.map(brief)).toEqual(full.slice(first - 1));
}

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

      const agent = (
        await apiA.post<RestAgent>(
          "/agents",
          agentBody({ runner: { kind: "mock", settings: { latency_ms: 20 } }, retryPolicy: { maxRetries: 0 } }),
        )
      ).body.name;
      const ids = ["s1", "s2", "s3"];
      const flow = await apiA.post<{ id: string }>("/workflows", {
        name: uniqueName("Flow"),
        parameters: {
          type: "object",
          properties: Object.fromEntries(ids.map((id) => [id, { type: "object", default: {} }])),
        },
        steps: ids.map((id) => ({ id, agent, input: { __mock: `{{params.${id}}}` } })),
      });
      expect(flow.status, flow.text).toBe(201);
      const w = flow.body.id;

      const listA: RunsSub = track(subscribe(a.url, RUNS, { workflow: w }));
      const listB: RunsSub = track(subscribe(b.url, RUNS, { workflow: w }));
      // Live once each list subscriber has seen a probe run executed on the *other* instance.
      const probes = new Set<string>();
      const failFast = { s1: { fail: "probe" } };
      const sawProbe = (s: RunsSub) => s.values.some((v) => probes.has(v.workflowRuns.runId));
      await vi.waitFor(
        async () => {
          if (sawProbe(listA) && sawProbe(listB)) return;
          probes.add((await execute(apiA, w, failFast)).id);
          probes.add((await execute(apiB, w, failFast)).id);
          throw new Error("not live yet");
        },
        { timeout: 20_000, interval: 100 },
      );
      for (const id of probes) await finished(apiA, id);
      const starts = [listA.values.length, listB.values.length];
      const listed = (s: RunsSub, i: number) =>
        s.values
          .slice(starts[i])
          .map((v) => v.workflowRuns)
          .filter((e) => !probes.has(e.runId))
          .map((e) => [e.runId, e.kind, e.status]);

      // Executed on A, followed from B (and from A, for comparison).
      const onA = await execute(apiA, w, { s1: { latency_ms: 700 } });
      const fromB: RunSub = track(subscribe(b.url, RUN, { id: onA.id }));
      const fromA: RunSub = track(subscribe(a.url, RUN, { id: onA.id }));
      const eventsB = await untilEnded(fromB);
      const eventsA = await untilEnded(fromA);
      const success: Brief[] = [
        ["run", null, "running", null],
        ...ids.flatMap((id): Brief[] => [
          ["step", id, "running", 1],
          ["step", id, "succeeded", 1],
        ]),
        ["run", null, "succeeded", null],
      ];
      expectTail(eventsB, success);
      expectTail(eventsA, success);
      // The same events, numbered by the instance running the run, whoever relays them.
      const common = Math.max(eventsA[0]?.seq ?? 0, eventsB[0]?.seq ?? 0);
      expect(eventsB.filter((e) => e.seq >= common)).toEqual(eventsA.filter((e) => e.seq >= common));
      const runA = await finished(apiB, onA.id);
      expect(runA.status).toBe("succeeded");
      const execOf = new Map(runA.steps.map((s) => [s.step_id, s.execution_id]));
      for (const e of eventsB.filter((x) => x.kind === "step")) expect(e.executionId).toBe(execOf.get(e.stepId ?? ""));

      // Executed on B and failing, followed from A.
      const onB = await execute(apiB, w, { s1: { latency_ms: 700 }, s2: { fail: "no disk" } });
      const fromA2: RunSub = track(subscribe(a.url, RUN, { id: onB.id }));
      const failing = await untilEnded(fromA2);
      expectTail(failing, [
        ["run", null, "running", null],
        ["step", "s1", "running", 1],
        ["step", "s1", "succeeded", 1],
        ["step", "s2", "running", 1],
        ["step", "s2", "failed", 1],
        ["step", "s3", "skipped", 0],
        ["run", null, "failed", null],
      ]);
      expect(failing.at(-1)).toMatchObject({ failedStepId: "s2", error: "step 's2' failed: no disk", workflowId: w });

      // The list subscribers on both instances saw both runs' run-level changes, once each.
      const expectedList = [
        [onA.id, "run", "running"],
        [onA.id, "run", "succeeded"],
        [onB.id, "run", "running"],
        [onB.id, "run", "failed"],
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
