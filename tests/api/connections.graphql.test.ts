// List queries as Relay connections, single-object queries as nullable objects, and typed list and
// date arguments. The agents are the eight seeded ones (written out, not imported) plus five
// registered here, and no test of this file registers others, so every page is known in advance:
// the whole list is those names in name (byte) order.
import { uniqueName } from "../testkit/factories.js";
import { EXECUTION_SCALARS, type GqlExecution, iso, uniqueExecutionId, uniqueWindow } from "../testkit/executions.js";
import { describe, expect, test as base } from "../testkit/fixtures.js";
import {
  errorsOf,
  expectRefusedVariable,
  type GraphQLClient,
  PAGE_INFO,
  type PageInfo,
  refusalOf,
} from "../testkit/graphql.js";

const SEEDED = [
  "BuildAgent",
  "CodeAgent",
  "DeployAgent",
  "DocsAgent",
  "FormatAgent",
  "ReviewAgent",
  "SyncAgent",
  "TestAgent",
];

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every agent's name, in the order the list must give them. */
const test = base.extend("roster", { scope: "file" }, async ({ graphql }): Promise<string[]> => {
  // Before, between and after the seeded names.
  const mine = ["Able", "Cup", "Echo", "Swan", "Zulu"].map((prefix) => uniqueName(prefix));
  for (const name of mine) {
    const { createAgent } = await graphql.query<{ createAgent: { __typename: string } }>(
      `mutation($input: CreateAgentInput!) { createAgent(input: $input) { __typename } }`,
      { input: { name, runner: { kind: "MOCK" } } },
    );
    if (createAgent.__typename !== "Agent") throw new Error(`registering ${name}: ${JSON.stringify(createAgent)}`);
  }
  return [...SEEDED, ...mine].sort(byName);
});

interface AgentPage {
  totalCount: number;
  edges: { cursor: string; node: { name: string } }[];
  nodes: { name: string }[];
  pageInfo: PageInfo;
}

const PAGE = `query Page($first: Int, $after: String, $offset: Int) {
  agents(first: $first, after: $after, offset: $offset) {
    totalCount edges { cursor node { name } } nodes { name } ${PAGE_INFO}
  }
}`;

const page = async (graphql: GraphQLClient, vars: { first?: number; after?: string; offset?: number }) =>
  (await graphql.query<{ agents: AgentPage }>(PAGE, vars)).agents;

const namesOf = (p: AgentPage) => p.nodes.map((n) => n.name);

describe("agents as a connection", () => {
  test("first + after walks every agent exactly once in name order, pageInfo exact on every page", async ({
    graphql,
    roster,
  }) => {
    expect(roster).toHaveLength(13);
    const size = 3;
    const walked: string[] = [];
    const cursors: string[] = [];
    let after: string | undefined;
    for (let i = 0; i * size < roster.length; i++) {
      const p = await page(graphql, { first: size, ...(after === undefined ? {} : { after }) });
      const expected = roster.slice(i * size, (i + 1) * size);
      expect(namesOf(p), `page ${i}`).toEqual(expected);
      expect(
        p.edges.map((e) => e.node.name),
        `page ${i}`,
      ).toEqual(expected);
      expect(p.totalCount).toBe(roster.length);
      expect(p.pageInfo, `page ${i}`).toEqual({
        hasNextPage: (i + 1) * size < roster.length,
        hasPreviousPage: i > 0,
        startCursor: p.edges[0]?.cursor,
        endCursor: p.edges.at(-1)?.cursor,
      });
      walked.push(...namesOf(p));
      cursors.push(...p.edges.map((e) => e.cursor));
      after = p.pageInfo.endCursor ?? undefined;
    }
    expect(walked).toEqual(roster);
    expect(new Set(cursors).size).toBe(roster.length);

    // Past the last item: an empty page that knows what came before it.
    const beyond = await page(graphql, { first: size, after });
    expect(beyond).toEqual({
      totalCount: roster.length,
      edges: [],
      nodes: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
    });
  });

  test("first + offset gives the same pages as first + after the item before", async ({ graphql, roster }) => {
    const all = await page(graphql, { first: 200 });
    expect(namesOf(all)).toEqual(roster);
    expect(all.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: all.edges[0]?.cursor,
      endCursor: all.edges.at(-1)?.cursor,
    });
    for (let offset = 0; offset <= roster.length; offset++) {
      const byOffset = await page(graphql, { first: 4, offset });
      const before = all.edges[offset - 1]?.cursor;
      const byCursor = await page(graphql, before === undefined ? { first: 4 } : { first: 4, after: before });
      expect(byOffset, `offset ${offset}`).toEqual(byCursor);
      expect(namesOf(byOffset), `offset ${offset}`).toEqual(roster.slice(offset, offset + 4));
      // The cursors are those of the same items in the whole list.
      expect(byOffset.edges.map((e) => e.cursor)).toEqual(all.edges.slice(offset, offset + 4).map((e) => e.cursor));
    }
  });

  test("after together with offset is VALIDATION_FAILED naming after", async ({ graphql }) => {
    const first = await page(graphql, { first: 1 });
    const res = await graphql.result(PAGE, { first: 2, after: first.pageInfo.endCursor, offset: 1 });
    expect(refusalOf(res)).toEqual({
      data: null,
      errors: [{ path: ["agents"], code: "VALIDATION_FAILED", field: "after" }],
    });
  });

  test("a cursor this list never gave is VALIDATION_FAILED naming after", async ({ graphql }) => {
    for (const after of ["bogus", "MTIz", "cG9zaXRpb246"]) {
      const res = await graphql.result(PAGE, { first: 2, after });
      expect({ after, ...refusalOf(res) }).toEqual({
        after,
        data: null,
        errors: [{ path: ["agents"], code: "VALIDATION_FAILED", field: "after" }],
      });
    }
  });

  test("first: 0 is VALIDATION_FAILED naming first, with its issue", async ({ graphql }) => {
    const res = await graphql.result(PAGE, { first: 0 });
    expect(res.data).toBeNull();
    expect(errorsOf(res)).toEqual([
      {
        message: expect.stringMatching(/^first: /),
        path: ["agents"],
        extensions: {
          code: "VALIDATION_FAILED",
          field: "first",
          issues: [{ field: "first", message: expect.any(String) }],
        },
      },
    ]);
  });

  test("{ agents { nodes { name } } } is a plain query: the first 50 by name", async ({ graphql, roster }) => {
    const res = await graphql.result<{ agents: { nodes: { name: string }[] } }>("{ agents { nodes { name } } }");
    expect(res.errors).toBeUndefined();
    expect(res.data?.agents.nodes.map((n) => n.name)).toEqual(roster.slice(0, 50));
  });
});

describe("single objects", () => {
  test("a missing agent is null with a NOT_FOUND error on id; its neighbours still answer", async ({ graphql }) => {
    const nobody = uniqueName("Nobody");
    const res = await graphql.result<{ found: { name: string } | null; missing: { name: string } | null }>(
      `query($id: ID!) { found: agent(id: "TestAgent") { name } missing: agent(id: $id) { name } }`,
      { id: nobody },
    );
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ found: { name: "TestAgent" }, missing: null });
    expect(errorsOf(res)).toEqual([
      { message: `Agent '${nobody}' was not found`, path: ["missing"], extensions: { code: "NOT_FOUND", field: "id" } },
    ]);
  });
});

describe("typed arguments", () => {
  test("an unknown value in a status list is a GraphQL error, written in the query or as a variable", async ({
    graphql,
  }) => {
    const literal = await graphql.result("{ executions(status: [SUCCESS, DONE]) { totalCount } }");
    expect([literal.status, literal.data, literal.errors?.length]).toEqual([400, undefined, 1]);
    expect(literal.errors?.[0]?.message).toContain('Value "DONE" does not exist in "ExecutionStatus" enum');

    const LIST = "query($status: [ExecutionStatus!]) { executions(status: $status) { totalCount } }";
    expectRefusedVariable(await graphql.result(LIST, { status: ["SUCCESS", "DONE"] }), "status");
    // REST's spelling is not GraphQL's.
    expectRefusedVariable(await graphql.result(LIST, { status: ["success"] }), "status");
    const good = await graphql.result<{ executions: { totalCount: number } }>(LIST, { status: ["SUCCESS"] });
    expect(good.errors).toBeUndefined();
  });

  test("a bad date is a GraphQL error, written in the query or as a variable", async ({ graphql }) => {
    const literal = await graphql.result('{ executions(startDate: "2026-02-30") { totalCount } }');
    expect([literal.status, literal.data, literal.errors?.length]).toEqual([400, undefined, 1]);
    expect(literal.errors?.[0]?.message).toContain("2026-02-30");

    const LIST = "query($startDate: DateOrDateTime) { executions(startDate: $startDate) { totalCount } }";
    for (const startDate of ["2026-02-30", "yesterday", "2026-11-01T25:00:00Z"])
      expectRefusedVariable(await graphql.result(LIST, { startDate }), "startDate");
  });
});

describe("executions as a connection", () => {
  test("first + after pages in the order asked for, with the list's totalCount", async ({ graphql }) => {
    const t = uniqueWindow();
    const agent = uniqueName("Paged");
    // Recorded out of order; started one second apart.
    const ids = Array.from({ length: 7 }, (_, i) => uniqueExecutionId(`p${i}`));
    const { recordExecutions } = await graphql.query<{ recordExecutions: { __typename: string } }>(
      `mutation($executions: [RecordExecutionInput!]!) { recordExecutions(executions: $executions) { __typename } }`,
      {
        executions: [3, 0, 6, 1, 5, 2, 4].map((i) => ({
          id: ids[i],
          agentName: agent,
          status: "SUCCESS",
          timestamp: iso(t + i * 1000),
        })),
      },
    );
    expect(recordExecutions.__typename).toBe("RecordedExecutions");
    const PAGE_OF = `query($agent: [String!], $first: Int, $after: String, $sort: ExecutionSort) {
      executions(agent: $agent, first: $first, after: $after, sort: $sort) {
        totalCount nodes { ${EXECUTION_SCALARS} } ${PAGE_INFO}
      }
    }`;
    type Page = { executions: { totalCount: number; nodes: GqlExecution[]; pageInfo: PageInfo } };
    for (const [sort, order] of [
      ["TIMESTAMP_ASC", [0, 1, 2, 3, 4, 5, 6]],
      ["TIMESTAMP_DESC", [6, 5, 4, 3, 2, 1, 0]],
    ] as const) {
      const walked: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 4; i++) {
        const { executions: p }: Page = await graphql.query<Page>(PAGE_OF, { agent: [agent], first: 2, after, sort });
        expect(p.totalCount).toBe(7);
        expect(p.nodes.map((e) => e.id)).toEqual(order.slice(2 * i, 2 * i + 2).map((k) => ids[k]));
        expect([p.pageInfo.hasNextPage, p.pageInfo.hasPreviousPage]).toEqual([i < 3, i > 0]);
        walked.push(...p.nodes.map((e) => e.id));
        after = p.pageInfo.endCursor;
      }
      expect(walked).toEqual(order.map((k) => ids[k]));
    }
  });
});
