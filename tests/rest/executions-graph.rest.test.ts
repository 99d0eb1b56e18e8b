// GET /executions/graph against an independent computation: a seeded data set of handoff trees
// is recorded in one batch, and every node and edge (counts, success rates, average durations,
// first/last handoff) is recomputed in plain TypeScript, unfiltered and under each filter.
import {
  DAY,
  day,
  expectedHandoffGraph,
  fromRestGraph,
  type GeneratedDataset,
  generateHandoffDataset,
  type GraphEdge,
  type GraphNode,
  iso,
  type ModelFilter,
  type RestGraph,
  type RestRecorded,
  sortEdges,
  sortNodes,
  uniqueWindow,
} from "../testkit/executions.js";
import { describe, expect, test as base } from "../testkit/fixtures.js";
import type { QueryParams, RestError } from "../testkit/rest.js";

// This file's server holds nothing but the data set, so an unfiltered graph is the whole of it.
const test = base.extend("dataset", { scope: "file" }, async ({ api }): Promise<GeneratedDataset> => {
  const data = generateHandoffDataset(20_261_101, uniqueWindow(), 360);
  const res = await api.post<RestRecorded>("/executions", data.bodies);
  if (res.status !== 201) throw new Error(`recording the data set failed: ${res.text}`);
  return data;
});

const approx = (v: number | null) => (v === null ? null : expect.closeTo(v, 6));

/** The expected graph with floating values compared to 6 decimals; both sides sorted alike. */
function expectGraph(
  actual: { nodes: GraphNode[]; edges: GraphEdge[] },
  wanted: ReturnType<typeof expectedHandoffGraph>,
) {
  expect(sortNodes(actual.nodes)).toEqual(
    wanted.nodes.map((n) => ({ ...n, successRate: approx(n.successRate), avgDurationMs: approx(n.avgDurationMs) })),
  );
  expect(sortEdges(actual.edges)).toEqual(wanted.edges.map((e) => ({ ...e, successRate: approx(e.successRate) })));
}

async function graph(
  api: { get: <T>(p: string, q?: QueryParams) => Promise<{ status: number; body: T }> },
  q: QueryParams,
) {
  const res = await api.get<RestGraph>("/executions/graph", q);
  expect(res.status).toBe(200);
  return fromRestGraph(res.body);
}

describe("GET /executions/graph", () => {
  test("the data set is what the test thinks it is", ({ dataset }) => {
    const { model } = dataset;
    expect(model).toHaveLength(360);
    // Enough of each kind for the comparisons below to mean something.
    expect(model.filter((e) => e.parent).length).toBeGreaterThan(150);
    expect(new Set(model.map((e) => e.agent)).size).toBe(7);
    expect(
      model.filter((e) => e.durationMs === null && ["success", "failure"].includes(e.status)).length,
    ).toBeGreaterThan(5);
    const byId = new Map(model.map((e) => [e.id, e]));
    expect(model.filter((e) => e.parent && byId.get(e.parent)?.workflowId !== e.workflowId).length).toBeGreaterThan(5);
  });

  test("unfiltered: every agent and every agent→agent handoff", async ({ api, dataset }) => {
    const got = await graph(api, {});
    const wanted = expectedHandoffGraph(dataset.model);
    expect(wanted.edges.length).toBeGreaterThan(20);
    expectGraph(got, wanted);
  });

  test("a date range counts the executions (and handoff receivers) started inside it, inclusively", async ({
    api,
    dataset,
  }) => {
    const s = dataset.start;
    const sorted = [...dataset.model].sort((a, b) => a.ts - b.ts);
    const pivot = (sorted[120] as { ts: number }).ts; // an execution exactly on the bound
    const last = (sorted[280] as { ts: number }).ts;
    const cases: [QueryParams, ModelFilter][] = [
      [
        { start_date: iso(s + 3 * DAY + 12_345), end_date: day(s + 6 * DAY) },
        { start: s + 3 * DAY + 12_345, endExclusive: s + 7 * DAY },
      ],
      [{ start_date: day(s + 2 * DAY) }, { start: s + 2 * DAY }],
      [{ end_date: day(s + 4 * DAY) }, { endExclusive: s + 5 * DAY }],
      [
        { start_date: iso(pivot), end_date: iso(last) },
        { start: pivot, endExclusive: last + 1 },
      ],
      [
        { start_date: iso(pivot + 1), end_date: iso(last - 1) },
        { start: pivot + 1, endExclusive: last },
      ],
    ];
    for (const [query, filter] of cases)
      expectGraph(await graph(api, query), expectedHandoffGraph(dataset.model, filter));
  });

  test("a workflow filter keeps the handoffs whose receiver ran in that workflow", async ({ api, dataset }) => {
    for (const workflow of dataset.workflows) {
      const wanted = expectedHandoffGraph(dataset.model, { workflow });
      expect(wanted.edges.length).toBeGreaterThan(0);
      expectGraph(await graph(api, { workflow }), wanted);
    }
    const s = dataset.start;
    const [wf] = dataset.workflows as [string];
    expectGraph(
      await graph(api, { workflow: wf, start_date: day(s + DAY), end_date: day(s + 5 * DAY) }),
      expectedHandoffGraph(dataset.model, { workflow: wf, start: s + DAY, endExclusive: s + 6 * DAY }),
    );
    expect(await graph(api, { workflow: "wf-nobody-uses" })).toEqual({ nodes: [], edges: [] });
  });

  test("agent and status filters apply to the receiving execution", async ({ api, dataset }) => {
    const ghost = dataset.agents[5] as string;
    const cases: [QueryParams, ModelFilter][] = [
      [{ agent: "CodeAgent" }, { agents: ["CodeAgent"] }],
      [{ agent: `BuildAgent,${ghost}` }, { agents: ["BuildAgent", ghost] }],
      [{ status: "failure" }, { statuses: ["failure"] }],
      [{ status: "pending,in_progress" }, { statuses: ["pending", "in_progress"] }],
      [
        { agent: "ReviewAgent", status: "success,failure", start_date: day(dataset.start + 2 * DAY) },
        { agents: ["ReviewAgent"], statuses: ["success", "failure"], start: dataset.start + 2 * DAY },
      ],
    ];
    for (const [query, filter] of cases)
      expectGraph(await graph(api, query), expectedHandoffGraph(dataset.model, filter));
  });

  test("an empty range is an empty graph; bad filters are 400", async ({ api, dataset }) => {
    expect(await graph(api, { start_date: day(dataset.start + 20 * DAY) })).toEqual({ nodes: [], edges: [] });
    const bad: [QueryParams, string][] = [
      [{ start_date: "last week" }, "start_date"],
      [{ start_date: day(dataset.start + DAY), end_date: day(dataset.start) }, "end_date"],
      [{ status: "done" }, "status"],
      [{ colour: "red" }, "colour"],
    ];
    const got = [];
    for (const [query] of bad) {
      const res = await api.get<RestError>("/executions/graph", query);
      got.push([res.status, res.body.error?.field]);
    }
    expect(got).toEqual(bad.map(([, field]) => [400, field]));
  });
});
