// Recording executions through GraphQL: recordExecution, recordExecutions (all or nothing),
// updateExecution's transitions, execution(id) with its handoff chain, and the result-union
// errors (camelCase fields, `executions[3].…` inside a batch) — with nothing written on failure.
// Statuses are GraphQL enum names (SUCCESS, IN_PROGRESS); the executions list is a connection.
import { uniqueName } from "../testkit/factories.js";
import { EXECUTION_SCALARS, type GqlExecution, iso, uniqueExecutionId, uniqueWindow } from "../testkit/executions.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { type GqlError, type GraphQLClient, refusalOf } from "../testkit/graphql.js";
import type { TestServer } from "../testkit/server.js";

const ERRORS = "... on Error { __typename code message field }";

const RECORD = `mutation Record($input: RecordExecutionInput!) {
  recordExecution(input: $input) {
    __typename
    ... on Execution { ${EXECUTION_SCALARS} agent { id name } }
    ${ERRORS}
  }
}`;
const RECORD_MANY = `mutation RecordMany($executions: [RecordExecutionInput!]!) {
  recordExecutions(executions: $executions) {
    __typename
    ... on RecordedExecutions { count executions { id parentExecutionId rootId depth agentName agent { name } } }
    ${ERRORS}
  }
}`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateExecutionInput!) {
  updateExecution(id: $id, input: $input) {
    __typename
    ... on Execution { ${EXECUTION_SCALARS} }
    ${ERRORS}
  }
}`;
const GET = `query Get($id: ID!) {
  execution(id: $id) {
    __typename
    ${EXECUTION_SCALARS}
    parent { id }
    ancestors { id }
    children { id }
    descendants { id }
  }
}`;

type Recorded = { recordExecution: (GqlExecution & { agent: { id: string; name: string } | null }) | GqlError };
type RecordedMany = {
  recordExecutions:
    | {
        __typename: "RecordedExecutions";
        count: number;
        executions: (Pick<GqlExecution, "id" | "parentExecutionId" | "rootId" | "depth" | "agentName"> & {
          agent: { name: string } | null;
        })[];
      }
    | GqlError;
};
type Updated = { updateExecution: GqlExecution | GqlError };
type Got = {
  execution: GqlExecution & {
    parent: { id: string } | null;
    ancestors: { id: string }[];
    children: { id: string }[];
    descendants: { id: string }[];
  };
};

const rowCount = (server: TestServer) => server.db.prisma.execution.count();
const errorOf = (e: unknown) => {
  const { __typename, code, field } = e as GqlError;
  return { __typename, code, field };
};

describe("recordExecution", () => {
  test("returns the execution with every field, linked to its registered agent", async ({ graphql }) => {
    const id = uniqueExecutionId();
    const t = uniqueWindow();
    const input = {
      id,
      agentName: "DeployAgent",
      status: "SUCCESS",
      timestamp: iso(t),
      endedAt: iso(t + 3_210),
      inputs: { target: "staging", flags: ["--dry-run"], n: 1.25 },
      outputs: "deployed",
      workflowId: "wf-g",
      workflowRunId: "run-g",
      workflowStepId: "deploy",
      attempt: 3,
    };
    const { recordExecution: e } = await graphql.query<Recorded>(RECORD, { input });
    const agents = await graphql.query<{ agent: { id: string } }>(`{ agent(id: "DeployAgent") { id } }`);
    expect(e).toEqual({
      __typename: "Execution",
      ...input,
      durationMs: 3_210,
      error: null,
      parentExecutionId: null,
      rootId: id,
      depth: 0,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      agent: { id: agents.agent.id, name: "DeployAgent" },
    });
  });

  test("records an execution of an unregistered agent with agent null", async ({ graphql }) => {
    const name = uniqueName("Nobody");
    const { recordExecution: e } = await graphql.query<Recorded>(RECORD, {
      input: { agentName: name, status: "FAILURE" },
    });
    expect(e).toMatchObject({ __typename: "Execution", agentName: name, agent: null, status: "FAILURE" });
  });

  test("refuses a bad record with a ValidationError or ConflictError naming the camelCase field", async ({
    graphql,
    server,
  }) => {
    const taken = uniqueExecutionId();
    await graphql.query<Recorded>(RECORD, { input: { id: taken, agentName: "TestAgent", status: "SUCCESS" } });
    const before = await rowCount(server);
    const t = uniqueWindow();
    const self = uniqueExecutionId();
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { agentName: "TestAgent", status: "SUCCESS", parentExecutionId: "missing" },
        "ValidationError",
        "parentExecutionId",
      ],
      [
        { id: self, agentName: "TestAgent", status: "SUCCESS", parentExecutionId: self },
        "ValidationError",
        "parentExecutionId",
      ],
      [{ agentName: "TestAgent", status: "PENDING", endedAt: iso(t) }, "ValidationError", "endedAt"],
      [{ agentName: "TestAgent", status: "IN_PROGRESS", durationMs: 3 }, "ValidationError", "durationMs"],
      [
        { agentName: "TestAgent", status: "SUCCESS", timestamp: iso(t), endedAt: iso(t - 1) },
        "ValidationError",
        "endedAt",
      ],
      [{ agentName: "", status: "SUCCESS" }, "ValidationError", "agentName"],
      [{ agentName: "TestAgent", status: "SUCCESS", attempt: 0 }, "ValidationError", "attempt"],
      [{ id: taken, agentName: "TestAgent", status: "SUCCESS" }, "ConflictError", "id"],
    ];
    const got = [];
    for (const [input] of cases) got.push(errorOf((await graphql.query<Recorded>(RECORD, { input })).recordExecution));
    expect(got).toEqual(
      cases.map(([, type, field]) => ({
        __typename: type,
        code: type === "ConflictError" ? "CONFLICT" : "VALIDATION_FAILED",
        field,
      })),
    );
    expect(await rowCount(server)).toBe(before);
  });

  test("wrong types are GraphQL errors (HTTP 400) and write nothing", async ({ graphql, server }) => {
    const before = await rowCount(server);
    const cases = [
      { agentName: 5, status: "SUCCESS" },
      { agentName: "TestAgent", status: "DONE" },
      // The domain's spelling is REST's; GraphQL knows the enum's names only.
      { agentName: "TestAgent", status: "success" },
      { agentName: "TestAgent" },
      { agentName: "TestAgent", status: "SUCCESS", durationMs: "5" },
      { agentName: "TestAgent", status: "SUCCESS", timestamp: "not a time" },
      { agentName: "TestAgent", status: "SUCCESS", unknownField: 1 },
    ];
    for (const input of cases) {
      const res = await graphql.result<Recorded>(RECORD, { input });
      expect({ input, status: res.status, data: res.data ?? null, errors: res.errors?.length ?? 0 }).toEqual({
        input,
        status: 400,
        data: null,
        errors: 1,
      });
    }
    expect(await rowCount(server)).toBe(before);
  });
});

describe("recordExecutions", () => {
  test("records a batch that refers to its own members in any order", async ({ graphql }) => {
    const [r, c, g] = [uniqueExecutionId("r"), uniqueExecutionId("c"), uniqueExecutionId("g")];
    const stranger = uniqueName("Stranger");
    const { recordExecutions: res } = await graphql.query<RecordedMany>(RECORD_MANY, {
      executions: [
        { id: g, agentName: stranger, status: "SUCCESS", parentExecutionId: c },
        { id: c, agentName: "CodeAgent", status: "SUCCESS", parentExecutionId: r },
        { id: r, agentName: "TestAgent", status: "SUCCESS" },
      ],
    });
    expect(res).toEqual({
      __typename: "RecordedExecutions",
      count: 3,
      executions: [
        { id: g, parentExecutionId: c, rootId: r, depth: 2, agentName: stranger, agent: null },
        { id: c, parentExecutionId: r, rootId: r, depth: 1, agentName: "CodeAgent", agent: { name: "CodeAgent" } },
        { id: r, parentExecutionId: null, rootId: r, depth: 0, agentName: "TestAgent", agent: { name: "TestAgent" } },
      ],
    });
  });

  test("errors name the member as executions[i].field and the batch writes nothing", async ({ graphql, server }) => {
    const before = await rowCount(server);
    const [a, b, c] = [uniqueExecutionId("a"), uniqueExecutionId("b"), uniqueExecutionId("c")];
    const cases: [Record<string, unknown>[], string, string][] = [
      [
        [
          { id: a, agentName: "TestAgent", status: "SUCCESS" },
          { id: b, agentName: "TestAgent", status: "SUCCESS", parentExecutionId: a },
          { id: c, agentName: "TestAgent", status: "SUCCESS", parentExecutionId: b },
          { agentName: "TestAgent", status: "SUCCESS", parentExecutionId: "absent" },
        ],
        "ValidationError",
        "executions[3].parentExecutionId",
      ],
      [
        [
          { id: a, agentName: "TestAgent", status: "SUCCESS", parentExecutionId: b },
          { id: b, agentName: "TestAgent", status: "SUCCESS", parentExecutionId: a },
        ],
        "ValidationError",
        "cycle",
      ],
      [
        [
          { id: a, agentName: "TestAgent", status: "SUCCESS", parentExecutionId: c },
          { id: b, agentName: "TestAgent", status: "SUCCESS", parentExecutionId: a },
          { id: c, agentName: "TestAgent", status: "SUCCESS", parentExecutionId: b },
        ],
        "ValidationError",
        "cycle",
      ],
      [
        [
          { id: a, agentName: "TestAgent", status: "SUCCESS" },
          { id: a, agentName: "TestAgent", status: "SUCCESS" },
        ],
        "ConflictError",
        "executions[1].id",
      ],
      [
        [
          { agentName: "TestAgent", status: "SUCCESS" },
          { agentName: "TestAgent", status: "PENDING", durationMs: 1 },
        ],
        "ValidationError",
        "executions[1].durationMs",
      ],
    ];
    for (const [executions, type, field] of cases) {
      const { recordExecutions: res } = await graphql.query<RecordedMany>(RECORD_MANY, { executions });
      const e = errorOf(res);
      const cycleFields = executions.map((_, i) => `executions[${i}].parentExecutionId`);
      expect({ ...e, field: field === "cycle" && cycleFields.includes(e.field as string) ? "cycle" : e.field }).toEqual(
        {
          __typename: type,
          code: type === "ConflictError" ? "CONFLICT" : "VALIDATION_FAILED",
          field,
        },
      );
    }
    expect(await rowCount(server)).toBe(before);
  });
});

describe("updateExecution", () => {
  // Started in the past, so that finishing "now" is after the start.
  const start = async (graphql: GraphQLClient, status = "PENDING") => {
    const t = Date.now() - 60_000;
    const { recordExecution } = await graphql.query<Recorded>(RECORD, {
      input: { agentName: "TestAgent", status, timestamp: iso(t) },
    });
    const { agent: _agent, ...e } = recordExecution as GqlExecution & { agent: unknown };
    return { e: e as GqlExecution, t };
  };

  test("PENDING → IN_PROGRESS → FAILURE with a duration", async ({ graphql }) => {
    const { e, t } = await start(graphql);
    const step = await graphql.query<Updated>(UPDATE, { id: e.id, input: { status: "IN_PROGRESS" } });
    expect(step.updateExecution).toMatchObject({ status: "IN_PROGRESS", endedAt: null, durationMs: null });
    const done = await graphql.query<Updated>(UPDATE, {
      id: e.id,
      input: { status: "FAILURE", durationMs: 777, error: "exit 1", outputs: { code: 1 } },
    });
    expect(done.updateExecution).toEqual({
      __typename: "Execution",
      ...e,
      status: "FAILURE",
      endedAt: iso(t + 777),
      durationMs: 777,
      error: "exit 1",
      outputs: { code: 1 },
      updatedAt: expect.any(String),
    });
  });

  test("PENDING → SUCCESS with no end information ends it now", async ({ graphql }) => {
    const t = Date.now() - 5_000;
    const { recordExecution } = await graphql.query<Recorded>(RECORD, {
      input: { agentName: "TestAgent", status: "PENDING", timestamp: iso(t) },
    });
    const before = Date.now();
    const { updateExecution: e } = await graphql.query<Updated>(UPDATE, {
      id: (recordExecution as GqlExecution).id,
      input: { status: "SUCCESS" },
    });
    const after = Date.now();
    const ended = Date.parse((e as GqlExecution).endedAt as string);
    expect(ended).toBeGreaterThanOrEqual(before);
    expect(ended).toBeLessThanOrEqual(after);
    expect((e as GqlExecution).durationMs).toBe(ended - t);
  });

  test("forbidden transitions are ConflictErrors on status; bad input is a ValidationError", async ({ graphql }) => {
    const progressing = (await start(graphql, "IN_PROGRESS")).e;
    const finished = (await start(graphql, "PENDING")).e;
    await graphql.query<Updated>(UPDATE, { id: finished.id, input: { status: "CANCELLED" } });
    const cases: [string, Record<string, unknown>, string, string | null][] = [
      [progressing.id, { status: "PENDING" }, "ConflictError", "status"],
      [finished.id, { status: "IN_PROGRESS" }, "ConflictError", "status"],
      [finished.id, { status: "SUCCESS" }, "ConflictError", "status"],
      [finished.id, { status: "CANCELLED" }, "ConflictError", "status"],
      [finished.id, { outputs: { late: true } }, "ConflictError", "status"],
      [progressing.id, { endedAt: iso(Date.parse(progressing.timestamp) + 1) }, "ValidationError", "endedAt"],
      [
        progressing.id,
        { status: "SUCCESS", endedAt: iso(Date.parse(progressing.timestamp) - 1) },
        "ValidationError",
        "endedAt",
      ],
      ["no-such-execution", { status: "SUCCESS" }, "NotFoundError", "id"],
    ];
    const got = [];
    for (const [id, input] of cases)
      got.push(errorOf((await graphql.query<Updated>(UPDATE, { id, input })).updateExecution));
    expect(got).toEqual(
      cases.map(([, , type, field]) => ({
        __typename: type,
        code: { ConflictError: "CONFLICT", ValidationError: "VALIDATION_FAILED", NotFoundError: "NOT_FOUND" }[type],
        field,
      })),
    );
    const now = await graphql.query<Got>(GET, { id: progressing.id });
    expect(now.execution).toMatchObject({ status: "IN_PROGRESS", endedAt: null, updatedAt: progressing.updatedAt });
  });
});

describe("execution(id)", () => {
  test("returns the handoff chain: parent, ancestors root first, children by start, descendants by depth", async ({
    graphql,
  }) => {
    const t = uniqueWindow();
    const [r, a, b, a1, b1] = ["r", "a", "b", "a1", "b1"].map((n) => uniqueExecutionId(n)) as [
      string,
      string,
      string,
      string,
      string,
    ];
    await graphql.query<RecordedMany>(RECORD_MANY, {
      executions: [
        { id: b1, agentName: "DocsAgent", status: "SUCCESS", timestamp: iso(t + 30), parentExecutionId: b },
        { id: a1, agentName: "DocsAgent", status: "SUCCESS", timestamp: iso(t + 40), parentExecutionId: a },
        { id: a, agentName: "CodeAgent", status: "SUCCESS", timestamp: iso(t + 20), parentExecutionId: r },
        { id: b, agentName: "CodeAgent", status: "SUCCESS", timestamp: iso(t + 10), parentExecutionId: r },
        { id: r, agentName: "TestAgent", status: "SUCCESS", timestamp: iso(t) },
      ],
    });
    const ids = (list: { id: string }[]) => list.map((x) => x.id);
    const root = (await graphql.query<Got>(GET, { id: r })).execution;
    expect([root.parent, ids(root.ancestors), ids(root.children), ids(root.descendants)]).toEqual([
      null,
      [],
      [b, a],
      [b, a, b1, a1],
    ]);
    const leaf = (await graphql.query<Got>(GET, { id: a1 })).execution;
    expect([leaf.parent, ids(leaf.ancestors), ids(leaf.children), leaf.depth, leaf.rootId]).toEqual([
      { id: a },
      [r, a],
      [],
      2,
      r,
    ]);
    const missing = await graphql.result<Got>(GET, { id: "nope-nope" });
    expect(refusalOf(missing)).toEqual({
      data: { execution: null },
      errors: [{ path: ["execution"], code: "NOT_FOUND", field: "id" }],
    });
  });
});

describe("executions", () => {
  test("lists with agent, status, date and workflow filters, sorted and paged, with a totalCount", async ({
    graphql,
  }) => {
    const t = uniqueWindow();
    const agent = uniqueName("Listed");
    const wf = uniqueExecutionId("wf");
    const ids = [0, 1, 2, 3, 4].map((i) => uniqueExecutionId(`l${i}`));
    await graphql.query<RecordedMany>(RECORD_MANY, {
      executions: ids.map((id, i) => ({
        id,
        agentName: agent,
        status: i % 2 === 0 ? "SUCCESS" : "FAILURE",
        timestamp: iso(t + i * 1000),
        durationMs: 10 * (5 - i),
        ...(i < 3 ? { workflowId: wf } : {}),
      })),
    });
    const LIST = `query($agent: [String!], $status: [ExecutionStatus!], $startDate: DateOrDateTime,
                         $endDate: DateOrDateTime, $workflow: ID, $sort: ExecutionSort, $first: Int, $offset: Int) {
      executions(agent: $agent, status: $status, startDate: $startDate, endDate: $endDate, workflow: $workflow,
                 sort: $sort, first: $first, offset: $offset) {
        __typename totalCount nodes { id }
      }
    }`;
    type List = { executions: { __typename: string; totalCount: number; nodes: { id: string }[] } };
    const cases: [Record<string, unknown>, number[], number][] = [
      [{ agent: [agent] }, [4, 3, 2, 1, 0], 5],
      [{ agent: [agent], status: ["FAILURE"] }, [3, 1], 2],
      [{ agent: [agent], startDate: iso(t + 1000), endDate: iso(t + 3000), sort: "TIMESTAMP_ASC" }, [1, 2, 3], 3],
      [{ workflow: wf, sort: "DURATION_ASC" }, [2, 1, 0], 3],
      [{ agent: [agent], sort: "DURATION_DESC", first: 2, offset: 1 }, [1, 2], 5],
    ];
    const got = [];
    for (const [vars] of cases) {
      const { executions: l } = await graphql.query<List>(LIST, vars);
      got.push([l.__typename, l.nodes.map((e) => e.id), l.totalCount]);
    }
    expect(got).toEqual(cases.map(([, order, total]) => ["ExecutionConnection", order.map((i) => ids[i]), total]));
    const bad = await graphql.result<List>(LIST, { first: 5000 });
    expect(refusalOf(bad)).toEqual({
      data: null,
      errors: [{ path: ["executions"], code: "VALIDATION_FAILED", field: "first" }],
    });
  });
});
