// A bad argument is a GraphQL error that names the argument (message and extensions.field) with a
// code, whether it is written in the query or passed as a variable, and nothing runs; good enum
// variables pass through the compiled (graphql-jit) path as they do through graphql-js.
import { describe, expect, test } from "../testkit/fixtures.js";
import { gqlResult } from "../testkit/graphql.js";

describe("bad arguments", () => {
  test.for([
    [
      "an unknown enum value written in the query",
      "{ executions(status: [DONE]) { totalCount } }",
      undefined,
      { field: "status", code: "GRAPHQL_VALIDATION_FAILED" },
      'status: Value "DONE" does not exist in "ExecutionStatus" enum.',
    ],
    [
      "a malformed date written in the query",
      '{ timeline(startDate: "yesterday") { rootCount } }',
      undefined,
      { field: "startDate", code: "GRAPHQL_VALIDATION_FAILED" },
      "startDate: 'yesterday' is not an ISO-8601 date (2026-11-01) or timestamp",
    ],
    [
      "an unknown enum value passed as a variable",
      "query ($s: [ExecutionStatus!]) { executions(status: $s) { totalCount } }",
      { s: ["done"] },
      { field: "status", code: "BAD_USER_INPUT" },
      'status: Variable "$s" got invalid value "done" at "s[0]"; Value "done" does not exist in "ExecutionStatus" enum.',
    ],
    [
      "a date before 1970 passed as a variable",
      "query ($from: DateOrDateTime) { metrics(startDate: $from) { tz } }",
      { from: "1969-12-31" },
      { field: "startDate", code: "BAD_USER_INPUT" },
      'startDate: Variable "$from" got invalid value "1969-12-31"; \'1969-12-31\' must lie in the years 1970–9998',
    ],
  ] as const)("%s", async ([, query, variables, extensions, message], { server }) => {
    const result = await gqlResult(server.url, query, variables);
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.message).toBe(message);
    expect(result.errors?.[0]?.extensions).toEqual(extensions);
  });

  test("values no database can store are refused before anything runs, literal or variable", async ({
    server,
    api,
  }) => {
    const count = async () => (await api.get<{ total: number }>("/executions", { limit: 1 })).body.total;
    const before = await count();
    const literal = await gqlResult(
      server.url,
      'mutation { recordExecution(input: { agentName: "Nul\\u0000Agent", status: SUCCESS }) { __typename } }',
    );
    expect(literal.errors?.map((e) => [e.message, e.extensions])).toEqual([
      ["input: contains a NUL character (\\u0000)", { code: "GRAPHQL_VALIDATION_FAILED", field: "input" }],
    ]);
    const variable = await gqlResult(
      server.url,
      "mutation ($input: RecordExecutionInput!) { recordExecution(input: $input) { __typename } }",
      { input: { agentName: "TestAgent", status: "SUCCESS", outputs: { text: "\ud800" } } },
    );
    expect(variable.errors?.map((e) => [e.message, e.extensions])).toEqual([
      [
        'input: Variable "$input" at /outputs/text contains a lone UTF-16 surrogate (invalid Unicode)',
        { code: "BAD_USER_INPUT", field: "input" },
      ],
    ]);
    expect(await count()).toBe(before);
  });

  test("a rule broken at run time (first: 0) is VALIDATION_FAILED naming the argument, with its issues", async ({
    server,
  }) => {
    const result = await gqlResult(server.url, "{ agents(first: 0) { totalCount } }");
    expect(result.data).toBeNull();
    expect(result.errors?.map((e) => [e.message, e.path, e.extensions])).toEqual([
      [
        "first: must be an integer from 1 to 200",
        ["agents"],
        {
          code: "VALIDATION_FAILED",
          field: "first",
          issues: [{ field: "first", message: "must be an integer from 1 to 200" }],
        },
      ],
    ]);
  });

  test("good enum variables run: statuses and sort as UPPER_CASE names", async ({ server, api }) => {
    const agent = `ArgsAgent${Date.now()}`;
    const recorded = await api.post("/executions", [
      { id: `${agent}-a`, agent_name: agent, status: "success", duration_ms: 5 },
      { id: `${agent}-b`, agent_name: agent, status: "failure", duration_ms: 9 },
      { id: `${agent}-c`, agent_name: agent, status: "in_progress" },
    ]);
    expect(recorded.status).toBe(201);
    const result = await gqlResult<{ executions: { totalCount: number; nodes: { id: string; status: string }[] } }>(
      server.url,
      "query ($a: [String!], $s: [ExecutionStatus!], $o: ExecutionSort) { executions(agent: $a, status: $s, sort: $o) { totalCount nodes { id status } } }",
      { a: [agent], s: ["SUCCESS", "FAILURE"], o: "DURATION_DESC" },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.executions).toEqual({
      totalCount: 2,
      nodes: [
        { id: `${agent}-b`, status: "FAILURE" },
        { id: `${agent}-a`, status: "SUCCESS" },
      ],
    });
  });
});
