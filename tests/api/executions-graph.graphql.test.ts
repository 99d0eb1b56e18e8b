// The handoffGraph query against an independent computation over a seeded data set recorded
// with one recordExecutions mutation (see tests/testkit/executions.ts for the model).
import {
  DAY,
  day,
  expectedHandoffGraph,
  type GeneratedDataset,
  generateHandoffDataset,
  type GraphEdge,
  type GraphNode,
  iso,
  type ModelFilter,
  sortEdges,
  sortNodes,
  toRecordInput,
  uniqueWindow,
} from "../testkit/executions.js";
import { describe, expect, test as base } from "../testkit/fixtures.js";
import { expectRefusedVariable, refusalOf } from "../testkit/graphql.js";

const test = base.extend("dataset", { scope: "file" }, async ({ graphql }): Promise<GeneratedDataset> => {
  const data = generateHandoffDataset(7_031_977, uniqueWindow(), 420);
  const res = await graphql.query<{ recordExecutions: { __typename: string; count?: number } }>(
    `mutation($executions: [RecordExecutionInput!]!) {
      recordExecutions(executions: $executions) { __typename ... on RecordedExecutions { count } }
    }`,
    { executions: data.bodies.map(toRecordInput) },
  );
  if (res.recordExecutions.count !== 420) throw new Error(`recording the data set failed: ${JSON.stringify(res)}`);
  return data;
});

const GRAPH = `query Graph($agent: [String!], $status: [ExecutionStatus!], $startDate: DateOrDateTime,
                          $endDate: DateOrDateTime, $workflow: ID) {
  handoffGraph(agent: $agent, status: $status, startDate: $startDate, endDate: $endDate, workflow: $workflow) {
    __typename
    nodes { agentName executionCount successCount failureCount successRate avgDurationMs }
    edges { source target count successCount failureCount successRate firstAt lastAt }
  }
}`;

type Graph = { __typename: "HandoffGraph"; nodes: GraphNode[]; edges: GraphEdge[] };
const approx = (v: number | null) => (v === null ? null : expect.closeTo(v, 6));

async function check(
  graphql: { query: <T>(q: string, v?: Record<string, unknown>) => Promise<T> },
  vars: Record<string, unknown>,
  wanted: ReturnType<typeof expectedHandoffGraph>,
) {
  const { handoffGraph: g } = await graphql.query<{ handoffGraph: Graph }>(GRAPH, vars);
  expect(g.__typename).toBe("HandoffGraph");
  expect(sortNodes(g.nodes)).toEqual(
    wanted.nodes.map((n) => ({ ...n, successRate: approx(n.successRate), avgDurationMs: approx(n.avgDurationMs) })),
  );
  expect(sortEdges(g.edges)).toEqual(wanted.edges.map((e) => ({ ...e, successRate: approx(e.successRate) })));
}

describe("handoffGraph", () => {
  test("matches the independent computation, unfiltered and under every filter", async ({ graphql, dataset }) => {
    const s = dataset.start;
    const cases: [Record<string, unknown>, ModelFilter][] = [
      [{}, {}],
      [
        { startDate: iso(s + 2 * DAY + 1), endDate: iso(s + 5 * DAY - 1) },
        { start: s + 2 * DAY + 1, endExclusive: s + 5 * DAY },
      ],
      [
        { startDate: day(s + 4 * DAY), endDate: day(s + 4 * DAY) },
        { start: s + 4 * DAY, endExclusive: s + 5 * DAY },
      ],
      ...dataset.workflows.map((workflow): [Record<string, unknown>, ModelFilter] => [{ workflow }, { workflow }]),
      [
        { workflow: dataset.workflows[1], endDate: day(s + 6 * DAY) },
        { workflow: dataset.workflows[1] as string, endExclusive: s + 7 * DAY },
      ],
      [
        { agent: ["TestAgent", "DeployAgent"], status: ["SUCCESS"] },
        { agents: ["TestAgent", "DeployAgent"], statuses: ["success"] },
      ],
    ];
    expect(expectedHandoffGraph(dataset.model).edges.length).toBeGreaterThan(20);
    for (const [vars, filter] of cases) await check(graphql, vars, expectedHandoffGraph(dataset.model, filter));
  });

  test("a range ending before it starts is VALIDATION_FAILED on endDate", async ({ graphql }) => {
    const res = await graphql.result(GRAPH, { startDate: "2031-01-02", endDate: "2031-01-01" });
    expect(refusalOf(res)).toEqual({
      data: null,
      errors: [{ path: ["handoffGraph"], code: "VALIDATION_FAILED", field: "endDate" }],
    });
  });

  test("malformed dates and unknown statuses are refused by their GraphQL types, naming the argument", async ({
    graphql,
  }) => {
    const cases: [Record<string, unknown>, string][] = [
      [{ startDate: "31/12/2031" }, "startDate"],
      [{ endDate: "2031-01-01T24:61:00Z" }, "endDate"],
      [{ status: ["SUCCESS", "WEIRD"] }, "status"],
    ];
    for (const [vars, variable] of cases) expectRefusedVariable(await graphql.result(GRAPH, vars), variable);
  });
});
