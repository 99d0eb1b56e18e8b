// One trace (GET /traces/{id}, GraphQL `trace`): any member's id finds its root's tree; every
// execution of the tree in order; the critical path worked out by hand below; newer/older walk the
// trace list the filters make; unknown ids and bad filters are refused naming the field.
import { type ExecutionBody, iso, uniqueExecutionId, uniqueWindow } from "../testkit/executions.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { GraphQLClient } from "../testkit/graphql.js";
import type { RestClient, RestError } from "../testkit/rest.js";

interface RestTraceDetail {
  id: string;
  agent_name: string;
  status: string;
  execution_count: number;
  failure_count: number;
  critical_path: string[];
  executions: { id: string; parent_execution_id: string | null; agent_name: string; status: string }[];
}

/** Three trees: p (oldest), r (the one looked at), q (newest). */
async function recordTrees(api: RestClient) {
  const t = uniqueWindow();
  const id = (k: string) => uniqueExecutionId(k);
  const r = { root: id("r"), a: id("r-a"), b: id("r-b"), b1: id("r-b1"), c: id("r-c"), d: id("r-d") };
  const p = id("p");
  const q = id("q");
  const at = (ms: number) => iso(t + 1_000 + ms);
  const batch: ExecutionBody[] = [
    { id: p, agent_name: "BuildAgent", status: "success", timestamp: iso(t + 500), duration_ms: 100 },
    // r: root 0–10 s; a 1–3 s; c 2–4 s (overlaps b's start); b 3–8 s failed, with b1 4–7.5 s; d 8–9.5 s.
    { id: r.root, agent_name: "TestAgent", status: "success", timestamp: at(0), duration_ms: 10_000 },
    {
      id: r.a,
      agent_name: "TestAgent",
      status: "success",
      timestamp: at(1_000),
      duration_ms: 2_000,
      parent_execution_id: r.root,
    },
    {
      id: r.c,
      agent_name: "ReviewAgent",
      status: "success",
      timestamp: at(2_000),
      duration_ms: 2_000,
      parent_execution_id: r.root,
    },
    {
      id: r.b,
      agent_name: "CodeAgent",
      status: "failure",
      timestamp: at(3_000),
      duration_ms: 5_000,
      parent_execution_id: r.root,
      error: "tests red",
    },
    {
      id: r.b1,
      agent_name: "BuildAgent",
      status: "success",
      timestamp: at(4_000),
      duration_ms: 3_500,
      parent_execution_id: r.b,
    },
    {
      id: r.d,
      agent_name: "DocsAgent",
      status: "success",
      timestamp: at(8_000),
      duration_ms: 1_500,
      parent_execution_id: r.root,
    },
    { id: q, agent_name: "TestAgent", status: "failure", timestamp: iso(t + 20_000), duration_ms: 100 },
  ];
  expect((await api.post("/executions", batch)).status).toBe(201);
  return { t, p, q, r, range: { startDate: iso(t), endDate: iso(t + 60_000) } };
}

const NEIGHBOURS = `query($id: ID!, $startDate: DateOrDateTime, $endDate: DateOrDateTime, $status: [ExecutionStatus!], $agent: [String!], $minDurationMs: Int) {
  trace(id: $id) {
    id
    newer(startDate: $startDate, endDate: $endDate, status: $status, agent: $agent, minDurationMs: $minDurationMs) { id }
    older(startDate: $startDate, endDate: $endDate, status: $status, agent: $agent, minDurationMs: $minDurationMs) { id }
  }
}`;

type Neighbours = { trace: { id: string; newer: { id: string } | null; older: { id: string } | null } };

async function neighbours(graphql: GraphQLClient, variables: Record<string, unknown>) {
  const { trace } = await graphql.query<Neighbours>(NEIGHBOURS, variables);
  return [trace.newer?.id ?? null, trace.older?.id ?? null];
}

describe("GET /traces/{id}", () => {
  test("a member's id gives its root's tree: every execution by depth then start, and the critical path", async ({
    api,
  }) => {
    const { r } = await recordTrees(api);
    const res = await api.get<RestTraceDetail>(`/traces/${r.b1}`);
    expect(res.status).toBe(200);
    const body = res.body;
    expect([body.id, body.agent_name, body.status, body.execution_count, body.failure_count]).toEqual([
      r.root,
      "TestAgent",
      "success",
      6,
      1,
    ]);
    expect(body.executions.map((e) => [e.id, e.parent_execution_id])).toEqual([
      [r.root, null],
      [r.a, r.root],
      [r.c, r.root],
      [r.b, r.root],
      [r.d, r.root],
      [r.b1, r.b],
    ]);
    // The end (10 s) waited on d (ends 9.5 s), which started at 8 s when b ended; b waited on b1;
    // before b's start (3 s), a ended (3 s); c ended at 4 s, after b started: not on the path.
    expect(body.critical_path).toEqual([r.root, r.a, r.b, r.b1, r.d]);
  });

  test("an unknown id is a 404 naming the id, over REST and GraphQL", async ({ api, graphql }) => {
    const res = await api.get<RestError>("/traces/no-such-execution-xyz");
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: "NOT_FOUND", field: "id" });
    expect(res.body.error.message).toBe("Execution 'no-such-execution-xyz' was not found");
    const gq = await graphql.result<{ trace: null }>(`{ trace(id: "no-such-execution-xyz") { id } }`);
    expect(gq.data?.trace).toBeNull();
    expect(gq.errors?.map((e) => e.extensions)).toEqual([{ code: "NOT_FOUND", field: "id" }]);
  });
});

describe("trace newer/older", () => {
  test("walk the list the filters make, newest first; null at either end", async ({ api, graphql }) => {
    const { p, q, r, range } = await recordTrees(api);
    expect(await neighbours(graphql, { id: r.root, ...range })).toEqual([q, p]);
    expect(await neighbours(graphql, { id: q, ...range })).toEqual([null, r.root]);
    expect(await neighbours(graphql, { id: p, ...range })).toEqual([r.root, null]);
    // From r, with filters r itself does not meet: the nearest matching tree each way.
    expect(await neighbours(graphql, { id: r.c, ...range, status: ["FAILURE"] })).toEqual([q, null]);
    expect(await neighbours(graphql, { id: r.root, ...range, agent: ["BuildAgent"] })).toEqual([null, p]);
  });

  test("a bad filter is refused naming it, and the trace itself still reads", async ({ api, graphql }) => {
    const { r, range } = await recordTrees(api);
    const res = await graphql.result<Neighbours>(NEIGHBOURS, { id: r.root, ...range, minDurationMs: -1 });
    expect(res.data?.trace.id).toBe(r.root);
    expect(res.errors?.map((e) => [e.path?.join("."), e.extensions?.code, e.extensions?.field])).toEqual([
      ["trace.newer", "VALIDATION_FAILED", "minDurationMs"],
      ["trace.older", "VALIDATION_FAILED", "minDurationMs"],
    ]);
  });
});
