// executionEvents over graphql-ws: a subscriber gets exactly the recorded/updated events that
// match its filter (agent, status, rootId), in order, carrying the execution as it now is.
import { vi } from "vitest";
import { uniqueName } from "../testkit/factories.js";
import {
  type ExecutionBody,
  iso,
  type RestExecution,
  type RestRecorded,
  uniqueExecutionId,
} from "../testkit/executions.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { RestClient } from "../testkit/rest.js";
import { type Subscription, subscribe } from "../testkit/subscriptions.js";

const EVENTS = `subscription Events($agent: [String!], $status: [ExecutionStatus!], $workflowRun: ID, $rootId: ID) {
  executionEvents(agent: $agent, status: $status, workflowRun: $workflowRun, rootId: $rootId) {
    kind
    execution {
      id agentName status timestamp endedAt durationMs inputs outputs parentExecutionId rootId depth workflowRunId
      agent { name }
    }
  }
}`;

interface ExecutionEvent {
  kind: "RECORDED" | "UPDATED";
  execution: {
    id: string;
    agentName: string;
    status: string;
    timestamp: string;
    endedAt: string | null;
    durationMs: number | null;
    inputs: unknown;
    outputs: unknown;
    parentExecutionId: string | null;
    rootId: string;
    depth: number;
    workflowRunId: string | null;
    agent: { name: string } | null;
  };
}
type Events = Subscription<{ executionEvents: ExecutionEvent }>;

/** Executions recorded only to learn that subscriptions are live; never part of an assertion. */
const probes = new Set<string>();

async function post(api: RestClient, body: ExecutionBody | ExecutionBody[]) {
  const res = await api.post<RestExecution & RestRecorded>("/executions", body);
  expect(res.status).toBe(201);
  return res.body;
}

/**
 * Subscriptions register asynchronously after the socket opens: record probes (which every
 * subscription here matches) until each has seen one, then hand back only later events.
 */
async function live(api: RestClient, subs: Events[], probe: () => ExecutionBody) {
  await vi.waitFor(
    async () => {
      if (subs.every((s) => s.values.some((v) => probes.has(v.executionEvents.execution.id)))) return;
      const body = probe();
      probes.add(body.id as string);
      await post(api, body);
      throw new Error("subscriptions not live yet");
    },
    { timeout: 10_000, interval: 50 },
  );
  const starts = subs.map((s) => s.values.length);
  return (i: number) =>
    (subs[i] as Events).values
      .slice(starts[i])
      .map((v) => v.executionEvents)
      .filter((e) => !probes.has(e.execution.id));
}

/** Waits until the sentinel's event has arrived on every subscription: everything before it has too. */
async function until(events: (i: number) => ExecutionEvent[], count: number, sentinel: string) {
  await vi.waitFor(
    () => {
      for (let i = 0; i < count; i++)
        if (!events(i).some((e) => e.execution.id === sentinel)) throw new Error(`sentinel not seen on ${i}`);
    },
    { timeout: 10_000, interval: 20 },
  );
}

const brief = (e: ExecutionEvent) => [e.kind, e.execution.id, e.execution.status];

describe("executionEvents", () => {
  test("an agent filter delivers exactly that agent's recorded and updated events", async ({ server, api }) => {
    const [X, Y] = [uniqueName("Watched"), uniqueName("Other")];
    const byAgent = subscribe<{ executionEvents: ExecutionEvent }>(server.url, EVENTS, { agent: [X] });
    const bySuccess = subscribe<{ executionEvents: ExecutionEvent }>(server.url, EVENTS, {
      agent: [X, Y],
      status: ["SUCCESS"],
    });
    try {
      const events = await live(api, [byAgent, bySuccess], () => ({
        id: uniqueExecutionId("probe"),
        agent_name: X,
        status: "success",
      }));
      const t = Date.now() - 60_000;
      const e1 = await post(api, { agent_name: X, status: "pending", timestamp: iso(t), inputs: "42" });
      const f1 = await post(api, { agent_name: Y, status: "success", timestamp: iso(t) });
      const f2 = await post(api, { agent_name: Y, status: "pending", timestamp: iso(t) });
      const [y2, x2] = [{ id: uniqueExecutionId("y2") }, { id: uniqueExecutionId("x2") }];
      await post(api, [
        { id: y2.id, agent_name: Y, status: "success", parent_execution_id: e1.id, timestamp: iso(t + 1) },
        {
          id: x2.id,
          agent_name: X,
          status: "failure",
          parent_execution_id: e1.id,
          timestamp: iso(t + 2),
          duration_ms: 5,
        },
      ]);
      expect((await api.patch(`/executions/${e1.id}`, { status: "in_progress" })).status).toBe(200);
      expect((await api.patch(`/executions/${f2.id}`, { status: "failure", duration_ms: 1 })).status).toBe(200);
      const done = await api.patch<RestExecution>(`/executions/${e1.id}`, {
        status: "success",
        duration_ms: 1_234,
        outputs: { ok: true },
      });
      expect(done.status).toBe(200);
      const sentinel = await post(api, { agent_name: X, status: "success" });
      await until(events, 2, sentinel.id);

      expect(events(0).map(brief)).toEqual([
        ["RECORDED", e1.id, "PENDING"],
        ["RECORDED", x2.id, "FAILURE"],
        ["UPDATED", e1.id, "IN_PROGRESS"],
        ["UPDATED", e1.id, "SUCCESS"],
        ["RECORDED", sentinel.id, "SUCCESS"],
      ]);
      expect(events(1).map(brief)).toEqual([
        ["RECORDED", f1.id, "SUCCESS"],
        ["RECORDED", y2.id, "SUCCESS"],
        ["UPDATED", e1.id, "SUCCESS"],
        ["RECORDED", sentinel.id, "SUCCESS"],
      ]);
      // The update carries the execution as it now is; inputs verbatim (a JSON string stays one).
      const finished = events(0)[3] as ExecutionEvent;
      expect(finished.execution).toEqual({
        id: e1.id,
        agentName: X,
        status: "SUCCESS",
        timestamp: iso(t),
        endedAt: iso(t + 1_234),
        durationMs: 1_234,
        inputs: "42",
        outputs: { ok: true },
        parentExecutionId: null,
        rootId: e1.id,
        depth: 0,
        workflowRunId: null,
        agent: null,
      });
      expect((events(0)[1] as ExecutionEvent).execution).toMatchObject({
        parentExecutionId: e1.id,
        rootId: e1.id,
        depth: 1,
      });
      expect(byAgent.errors).toEqual([]);
      expect(bySuccess.errors).toEqual([]);
    } finally {
      await byAgent.close();
      await bySuccess.close();
    }
  });

  test("a rootId filter delivers the events of that handoff tree only", async ({ server, api }) => {
    const root = await post(api, { id: uniqueExecutionId("root"), agent_name: "TestAgent", status: "success" });
    const other = await post(api, { id: uniqueExecutionId("other"), agent_name: "TestAgent", status: "success" });
    const tree = subscribe<{ executionEvents: ExecutionEvent }>(server.url, EVENTS, { rootId: root.id });
    try {
      const events = await live(api, [tree], () => ({
        id: uniqueExecutionId("probe"),
        agent_name: "TestAgent",
        status: "success",
        parent_execution_id: root.id,
      }));
      const c1 = await post(api, { agent_name: "CodeAgent", status: "in_progress", parent_execution_id: root.id });
      const o1 = await post(api, { agent_name: "CodeAgent", status: "in_progress", parent_execution_id: other.id });
      const g1 = { id: uniqueExecutionId("g") };
      await post(api, [
        { id: g1.id, agent_name: "BuildAgent", status: "success", parent_execution_id: c1.id },
        { id: uniqueExecutionId("o"), agent_name: "BuildAgent", status: "success", parent_execution_id: o1.id },
        { id: uniqueExecutionId("new"), agent_name: "BuildAgent", status: "success" },
      ]);
      expect((await api.patch(`/executions/${o1.id}`, { status: "success" })).status).toBe(200);
      expect((await api.patch(`/executions/${c1.id}`, { status: "failure", error: "red" })).status).toBe(200);
      const sentinel = await post(api, { agent_name: "DocsAgent", status: "success", parent_execution_id: g1.id });
      await until(events, 1, sentinel.id);
      expect(events(0).map(brief)).toEqual([
        ["RECORDED", c1.id, "IN_PROGRESS"],
        ["RECORDED", g1.id, "SUCCESS"],
        ["UPDATED", c1.id, "FAILURE"],
        ["RECORDED", sentinel.id, "SUCCESS"],
      ]);
      expect(events(0).map((e) => [e.execution.rootId, e.execution.depth])).toEqual([
        [root.id, 1],
        [root.id, 2],
        [root.id, 1],
        [root.id, 3],
      ]);
      expect((events(0)[0] as ExecutionEvent).execution.agent).toEqual({ name: "CodeAgent" });
      expect(tree.errors).toEqual([]);
    } finally {
      await tree.close();
    }
  });
});
