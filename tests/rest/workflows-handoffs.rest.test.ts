// Workflow runs in the execution views: a run is one handoff tree in GET /executions/timeline
// (filtered by run or template, with its chain as context), its executions are listed by run, and
// GET /executions/graph over a template counts the agent→agent handoffs its runs made.
import type { RestExecutionList, RestGraph, RestTimeline, RestTimelineNode } from "../testkit/executions.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import {
  createWorkflow,
  executionOf,
  type NodeBody,
  labelOf,
  type RestWorkflowRun,
  registerMockAgent,
  rootOf,
  startRun,
  waitForRun,
} from "../testkit/workflows.js";

/** A timeline tree in step labels, siblings sorted by label (parallel branches may start in the same ms). */
type LabelTree = [string, LabelTree[]];
const labelTree = (n: RestTimelineNode): LabelTree => [
  labelOf(n),
  n.children.map(labelTree).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
];

/** A planner, two parallel workers (the second fails when `fail_y`), then a join. */
async function fanOutWorkflow(api: Parameters<typeof registerMockAgent>[0]) {
  const planner = await registerMockAgent(api, { outputs: { plan: "p" } });
  const worker = await registerMockAgent(api, { outputs: { done: true }, latency_ms: 20 });
  const joiner = await registerMockAgent(api, { outputs: { joined: true } });
  const steps: NodeBody[] = [
    { id: "plan", agent: planner },
    {
      parallel: [
        { id: "x", agent: worker },
        { id: "y", agent: worker, input: { __mock: { fail: "{{params.fail_y}}" } } },
      ],
    },
    { id: "join", agent: joiner },
  ];
  const workflow = await createWorkflow(api, {
    parameters: { type: "object", properties: { fail_y: { type: "boolean", default: false } } },
    steps,
  });
  const run = async (params: Record<string, unknown> = {}): Promise<RestWorkflowRun> =>
    waitForRun(api, (await startRun(api, workflow.id, params)).id);
  return { workflow, planner, worker, joiner, run };
}

describe("a workflow run in the execution views", () => {
  // The branches take 20 ms, so the join starts in a later millisecond than both (ties sort by id).
  test("GET /executions/timeline?workflow_run= shows the run as one tree under its root", async ({ api }) => {
    const { run } = await fanOutWorkflow(api);
    const done = await run();
    await run(); // another run of the same template stays out

    const res = await api.get<RestTimeline>("/executions/timeline", { workflow_run: done.id });
    expect(res.status).toBe(200);
    expect([res.body.root_count, res.body.matched_count, res.body.context_ids, res.body.truncated]).toEqual([
      1,
      5,
      [],
      false,
    ]);
    expect(res.body.roots.map((r) => r.id)).toEqual([done.root_execution_id]);
    const [tree] = res.body.roots as [RestTimelineNode];
    expect(labelTree(tree)).toEqual([
      "root",
      [
        [
          "plan",
          [
            ["join", []],
            ["x", []],
            ["y", []],
          ],
        ],
      ],
    ]);
    // The join starts after both branches: siblings by start put it last.
    expect(tree.children[0]?.children.map(labelOf).at(-1)).toBe("join");
    expect(tree.children[0]?.children.every((c) => c.workflow_run_id === done.id)).toBe(true);
  });

  test("a timeline of one agent's executions in a template brings their chain as context", async ({ api }) => {
    const { workflow, worker, run } = await fanOutWorkflow(api);
    const first = await run();
    const second = await run();

    const res = await api.get<RestTimeline>("/executions/timeline", { workflow: workflow.id, agent: worker });
    expect(res.status).toBe(200);
    expect([res.body.root_count, res.body.matched_count]).toEqual([2, 4]);
    expect(res.body.roots.map((r) => r.id)).toEqual([first.root_execution_id, second.root_execution_id]);
    expect([...res.body.context_ids].sort()).toEqual(
      [rootOf(first).id, executionOf(first, "plan").id, rootOf(second).id, executionOf(second, "plan").id].sort(),
    );
    // Only the matching executions and their ancestors: the join is left out.
    expect(labelTree(res.body.roots[0] as RestTimelineNode)).toEqual([
      "root",
      [
        [
          "plan",
          [
            ["x", []],
            ["y", []],
          ],
        ],
      ],
    ]);
  });

  test("GET /executions?workflow_run= lists every execution of the run", async ({ api }) => {
    const { run } = await fanOutWorkflow(api);
    const done = await run();
    const res = await api.get<RestExecutionList>("/executions", { workflow_run: done.id, sort: "timestamp_asc" });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(5);
    expect(res.body.executions.map((e) => e.id).sort()).toEqual((done.executions ?? []).map((e) => e.id).sort());
  });

  test("GET /executions/graph?workflow= counts the handoffs of the template's runs", async ({ api }) => {
    const { workflow, planner, worker, joiner, run } = await fanOutWorkflow(api);
    const runs = [await run(), await run(), await run({ fail_y: true })];
    expect(runs.map((r) => r.status)).toEqual(["succeeded", "succeeded", "failed"]);
    const root = `workflow:${workflow.name}`;

    const res = await api.get<RestGraph>("/executions/graph", { workflow: workflow.id });
    expect(res.status).toBe(200);
    const edges = res.body.edges.map((e) => [e.source, e.target, e.count, e.success_count, e.failure_count]);
    const sortKey = (r: unknown[]) => `${r[0]}\u0000${r[1]}`;
    expect([...edges].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual(
      [
        [root, planner, 3, 3, 0],
        [planner, worker, 6, 5, 1],
        [planner, joiner, 2, 2, 0],
      ].sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
    );
    const nodes = res.body.nodes.map((n) => [n.agent_name, n.execution_count, n.success_count, n.failure_count]);
    expect([...nodes].sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual(
      [
        [root, 3, 2, 1],
        [planner, 3, 3, 0],
        [worker, 6, 5, 1],
        [joiner, 2, 2, 0],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );

    // One run alone.
    const one = await api.get<RestGraph>("/executions/graph", { workflow_run: runs[0]?.id });
    expect(one.body.edges.map((e) => [e.source, e.target, e.count]).sort()).toEqual(
      [
        [root, planner, 1],
        [planner, worker, 2],
        [planner, joiner, 1],
      ].sort(),
    );
  });
});
