// The timeline query: matching executions and their ancestors as one flat list in tree order
// (each parent before its children, siblings by start, trees by their root's start), with
// contextIds for ancestors that do not match themselves, and errors naming the argument for bad
// arguments (VALIDATION_FAILED, or refused by the argument's GraphQL type).
import {
  DAY,
  day,
  type ExecutionBody,
  EXECUTION_SCALARS,
  type GqlExecution,
  iso,
  toRecordInput,
  uniqueExecutionId,
  uniqueWindow,
} from "../testkit/executions.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { expectRefusedVariable, type GraphQLClient, refusalOf } from "../testkit/graphql.js";

const TIMELINE = `query Timeline($agent: [String!], $status: [ExecutionStatus!], $startDate: DateOrDateTime,
                             $endDate: DateOrDateTime, $limit: Int, $before: String) {
  timeline(agent: $agent, status: $status, startDate: $startDate, endDate: $endDate, limit: $limit, before: $before) {
    __typename
    executions { ${EXECUTION_SCALARS} } contextIds rootCount matchedCount truncated nextCursor
  }
}`;

interface Timeline {
  __typename: "Timeline";
  executions: GqlExecution[];
  contextIds: string[];
  rootCount: number;
  matchedCount: number;
  truncated: boolean;
  nextCursor: string | null;
}

async function record(graphql: GraphQLClient, batch: ExecutionBody[]) {
  const res = await graphql.query<{ recordExecutions: { __typename: string; executions: GqlExecution[] } }>(
    `mutation($executions: [RecordExecutionInput!]!) {
      recordExecutions(executions: $executions) {
        __typename ... on RecordedExecutions { executions { ${EXECUTION_SCALARS} } } ... on Error { code field }
      }
    }`,
    { executions: batch.map(toRecordInput) },
  );
  expect(res.recordExecutions.__typename).toBe("RecordedExecutions");
  return new Map(res.recordExecutions.executions.map((e) => [e.id, e]));
}

const timeline = async (graphql: GraphQLClient, vars: Record<string, unknown>) =>
  (await graphql.query<{ timeline: Timeline }>(TIMELINE, vars)).timeline;

describe("timeline", () => {
  test("lists a deep tree in pre-order with the ancestors outside the range as context", async ({ graphql }) => {
    const t = uniqueWindow();
    const ids = Object.fromEntries(
      ["root", "a", "b", "a1", "a2", "a2x", "a2xy", "b1"].map((k) => [k, uniqueExecutionId(k)]),
    ) as Record<"root" | "a" | "b" | "a1" | "a2" | "a2x" | "a2xy" | "b1", string>;
    // The root and `b` start the day before the range; everything else is inside it.
    const shape: [keyof typeof ids, keyof typeof ids | null, number][] = [
      ["a2xy", "a2x", DAY + 500],
      ["b1", "b", DAY + 50],
      ["a2x", "a2", DAY + 400],
      ["a1", "a", DAY + 300],
      ["a2", "a", DAY + 200],
      ["b", "root", 20],
      ["a", "root", DAY + 100],
      ["root", null, 10],
    ];
    const recorded = await record(
      graphql,
      shape.map(([k, parent, at]) => ({
        id: ids[k],
        agent_name: "CodeAgent",
        status: "success",
        timestamp: iso(t + at),
        ...(parent ? { parent_execution_id: ids[parent] } : {}),
      })),
    );
    const tl = await timeline(graphql, { startDate: day(t + DAY), endDate: day(t + DAY) });
    expect(tl.__typename).toBe("Timeline");
    // root → b (context) → b1; root → a → a2 → a2x → a2xy, then a1 (a2 started first).
    const order = ["root", "b", "b1", "a", "a2", "a2x", "a2xy", "a1"] as const;
    expect(tl.executions.map((e) => e.id)).toEqual(order.map((k) => ids[k]));
    expect(tl.executions).toEqual(order.map((k) => recorded.get(ids[k])));
    expect([...tl.contextIds].sort()).toEqual([ids.root, ids.b].sort());
    expect([tl.rootCount, tl.matchedCount, tl.truncated, tl.nextCursor]).toEqual([1, 6, false, null]);
    expect(tl.executions.map((e) => e.depth)).toEqual([0, 1, 2, 1, 2, 3, 4, 2]);
  });

  test("nextCursor pages back tree by tree, each execution once, until it is null", async ({ graphql }) => {
    const t = uniqueWindow();
    const roots = ["r1", "r2", "r3"].map((k) => uniqueExecutionId(k));
    await record(
      graphql,
      roots.flatMap((id, i) => [
        { id, agent_name: "TestAgent", status: "success", timestamp: iso(t + 100 * (i + 1)) },
        {
          id: `${id}-c`,
          agent_name: "CodeAgent",
          status: "success",
          timestamp: iso(t + 100 * (i + 1) + 5),
          parent_execution_id: id,
        },
      ]) as ExecutionBody[],
    );
    const range = { startDate: iso(t), endDate: iso(t + 1000) };
    const seen: [string[], boolean][] = [];
    let before: string | null = null;
    do {
      const tl: Timeline = await timeline(graphql, { ...range, limit: 1, before });
      seen.push([tl.executions.map((e) => e.id), tl.truncated]);
      before = tl.nextCursor;
    } while (before && seen.length < 10);
    const [r1, r2, r3] = roots as [string, string, string];
    expect(seen).toEqual([
      [[r3, `${r3}-c`], true],
      [[r2, `${r2}-c`], true],
      [[r1, `${r1}-c`], false],
    ]);
  });

  test("bad arguments are errors naming startDate, endDate, status and limit", async ({ graphql }) => {
    const broken: [Record<string, unknown>, string][] = [
      [{ startDate: "2026-11-02", endDate: "2026-11-01" }, "endDate"],
      [{ limit: 0 }, "limit"],
      [{ before: "not-a-cursor" }, "before"],
    ];
    const got = [];
    for (const [vars] of broken) got.push({ vars, ...refusalOf(await graphql.result(TIMELINE, vars)) });
    expect(got).toEqual(
      broken.map(([vars, field]) => ({
        vars,
        data: null,
        errors: [{ path: ["timeline"], code: "VALIDATION_FAILED", field }],
      })),
    );
    // Values the arguments' GraphQL types refuse before anything runs.
    const malformed: [Record<string, unknown>, string][] = [
      [{ startDate: "soon" }, "startDate"],
      [{ endDate: "2026-13-40" }, "endDate"],
      [{ status: ["FINISHED"] }, "status"],
    ];
    for (const [vars, variable] of malformed) expectRefusedVariable(await graphql.result(TIMELINE, vars), variable);
  });

  test("returns inputs and outputs verbatim, JSON strings included", async ({ graphql }) => {
    const t = uniqueWindow();
    const values: unknown[] = ["42", "text", "null", 7, false, { k: ["v"] }];
    const ids = values.map(() => uniqueExecutionId("json"));
    await record(
      graphql,
      values.map((v, i) => ({
        id: ids[i] as string,
        agent_name: "TestAgent",
        status: "success" as const,
        timestamp: iso(t + i),
        inputs: v,
        outputs: [v],
      })),
    );
    const res = await graphql.result<{ timeline: Timeline }>(TIMELINE, { startDate: iso(t), endDate: iso(t + 10) });
    expect(res.errors).toBeUndefined();
    expect(res.data?.timeline.executions.map((e) => [e.id, e.inputs, e.outputs])).toEqual(
      values.map((v, i) => [ids[i], v, [v]]),
    );
  });

  test("a lean selection (the dashboard's lanes) and one asking for detail through a fragment agree", async ({
    graphql,
  }) => {
    const t = uniqueWindow();
    const root = uniqueExecutionId("lean");
    const child = uniqueExecutionId("lean");
    await record(graphql, [
      { id: root, agent_name: "TestAgent", status: "success", timestamp: iso(t), inputs: { a: 1 }, duration_ms: 5 },
      {
        id: child,
        agent_name: "CodeAgent",
        status: "failure",
        timestamp: iso(t + 1),
        parent_execution_id: root,
        outputs: ["x"],
        error: "boom",
      },
    ]);
    const lanes = "id agentName status timestamp endedAt durationMs parentExecutionId rootId depth attempt error";
    const lean = await graphql.result<{ timeline: Timeline }>(
      `query($s: DateOrDateTime, $e: DateOrDateTime) { timeline(startDate: $s, endDate: $e) {
        executions { ...Lane } } }
       fragment Lane on Execution { ${lanes} }`,
      { s: iso(t), e: iso(t + 10) },
    );
    const detailed = await graphql.result<{ timeline: Timeline }>(
      `query($s: DateOrDateTime, $e: DateOrDateTime) { timeline(startDate: $s, endDate: $e) {
        executions { ...Lane ...Detail } } }
       fragment Lane on Execution { ${lanes} }
       fragment Detail on Execution { inputs outputs createdAt }`,
      { s: iso(t), e: iso(t + 10) },
    );
    expect([lean.errors, detailed.errors]).toEqual([undefined, undefined]);
    const laneOf = ({ inputs: _i, outputs: _o, createdAt: _c, ...e }: GqlExecution) => e;
    expect(detailed.data?.timeline.executions.map(laneOf)).toEqual(lean.data?.timeline.executions);
    expect(detailed.data?.timeline.executions.map((e) => [e.id, e.inputs, e.outputs])).toEqual([
      [root, { a: 1 }, null],
      [child, null, ["x"]],
    ]);
    expect(lean.data?.timeline.executions.map((e) => [e.id, e.depth, e.durationMs, e.error])).toEqual([
      [root, 0, 5, null],
      [child, 1, null, "boom"],
    ]);
    expect(typeof detailed.data?.timeline.executions[0]?.createdAt).toBe("string");
  });
});
