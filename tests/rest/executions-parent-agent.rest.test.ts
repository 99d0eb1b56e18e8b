// The parent_agent filter (GraphQL parentAgent) of GET /executions, /executions/timeline and
// /executions/graph: only executions handed work by an execution of those agents. With agent, it
// is one route of the handoff graph: what clicking an edge of the graph shows.
import { uniqueName } from "../testkit/factories.js";
import {
  type ExecutionBody,
  iso,
  type RestExecutionList,
  type RestGraph,
  type RestTimeline,
  uniqueExecutionId,
  uniqueWindow,
} from "../testkit/executions.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { getOk } from "../testkit/rest.js";

describe("the parent_agent filter", () => {
  test("narrows the list, the timeline and the graph to the handoffs from those agents", async ({ api }) => {
    const t = uniqueWindow();
    const [A, B, C, D] = ["Planner", "Coder", "Tester", "Reviewer"].map((n) => uniqueName(n)) as [
      string,
      string,
      string,
      string,
    ];
    const id = (k: string) => uniqueExecutionId(k);
    const x = { a: id("a"), ab: id("ab"), ac: id("ac"), d: id("d"), db: id("db"), abc: id("abc") };
    const batch: ExecutionBody[] = [
      { id: x.a, agent_name: A, status: "success", timestamp: iso(t + 1_000) },
      { id: x.ab, agent_name: B, status: "failure", timestamp: iso(t + 2_000), parent_execution_id: x.a },
      { id: x.ac, agent_name: C, status: "success", timestamp: iso(t + 3_000), parent_execution_id: x.a },
      // B hands to C too: C's execution under B is not a handoff from A.
      { id: x.abc, agent_name: C, status: "success", timestamp: iso(t + 2_500), parent_execution_id: x.ab },
      { id: x.d, agent_name: D, status: "success", timestamp: iso(t + 4_000) },
      { id: x.db, agent_name: B, status: "success", timestamp: iso(t + 5_000), parent_execution_id: x.d },
    ];
    expect((await api.post("/executions", batch)).status).toBe(201);
    const range = { start_date: iso(t), end_date: iso(t + 10_000) };

    // The list: B's executions handed work by A — one, not D's.
    const list = await getOk<RestExecutionList>(api, "/executions", { ...range, agent: B, parent_agent: A });
    expect(list.executions.map((e) => e.id)).toEqual([x.ab]);
    const fromA = await getOk<RestExecutionList>(api, "/executions", {
      ...range,
      parent_agent: A,
      sort: "timestamp_asc",
    });
    expect(fromA.executions.map((e) => e.id)).toEqual([x.ab, x.ac]);

    // The timeline of the route A → C: the match, with its root as context.
    const tl = await getOk<RestTimeline>(api, "/executions/timeline", { ...range, agent: C, parent_agent: A });
    expect(tl.roots.map((r) => [r.id, r.children.map((c) => c.id)])).toEqual([[x.a, [x.ac]]]);
    expect([tl.context_ids, tl.matched_count, tl.root_count]).toEqual([[x.a], 1, 1]);

    // The graph of what A handed off: A → B and A → C, nothing from B or D.
    const graph = await getOk<RestGraph>(api, "/executions/graph", { ...range, parent_agent: A });
    expect(graph.edges.map((e) => [e.source, e.target, e.count]).sort()).toEqual(
      [
        [A, B, 1],
        [A, C, 1],
      ].sort(),
    );
  });
});
