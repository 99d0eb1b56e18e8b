// Workflow runs through GraphQL: executeWorkflow (parameters checked against the template's
// schema, defaults filled in, nothing created when refused), following a run to its end with the
// workflowRun query (steps, executions in one handoff tree), cancelWorkflowRun, workflowRuns (a
// connection). Statuses are GraphQL enum names (SUCCEEDED); a missing run is null and NOT_FOUND.
import { describe, expect, test } from "../testkit/fixtures.js";
import {
  ERROR_FIELDS,
  errorsOf,
  expectRefusedVariable,
  type GqlError,
  type GraphQLClient,
  ISSUE_FIELDS,
  refusalOf,
} from "../testkit/graphql.js";
import {
  createWorkflow,
  GQL_RUN_FIELDS,
  type GqlWorkflowRun,
  getRunGql,
  pollUntil,
  registerMockAgent,
  waitForRunGql,
} from "../testkit/workflows.js";

const EXECUTE = `mutation Execute($id: ID!, $params: JSON) {
  executeWorkflow(id: $id, params: $params) {
    __typename ... on WorkflowRun { ${GQL_RUN_FIELDS} } ${ERROR_FIELDS} ${ISSUE_FIELDS}
  }
}`;
const CANCEL = `mutation Cancel($id: ID!) {
  cancelWorkflowRun(id: $id) { __typename ... on WorkflowRun { id status cancelRequested } ${ERROR_FIELDS} }
}`;
const RUNS = `query Runs($workflow: ID, $status: [WorkflowRunStatus!], $first: Int, $offset: Int) {
  workflowRuns(workflow: $workflow, status: $status, first: $first, offset: $offset) {
    nodes { id status } totalCount
  }
}`;
const RUN_TOTAL = `query { workflowRuns { totalCount } }`;

async function execute(graphql: GraphQLClient, id: string, params?: unknown): Promise<GqlWorkflowRun | GqlError> {
  const { executeWorkflow } = await graphql.query<{ executeWorkflow: GqlWorkflowRun | GqlError }>(EXECUTE, {
    id,
    params,
  });
  return executeWorkflow;
}

async function started(graphql: GraphQLClient, id: string, params?: unknown): Promise<GqlWorkflowRun> {
  const run = await execute(graphql, id, params);
  expect(run.__typename).toBe("WorkflowRun");
  return run as GqlWorkflowRun;
}

const runTotal = async (graphql: GraphQLClient) =>
  (await graphql.query<{ workflowRuns: { totalCount: number } }>(RUN_TOTAL)).workflowRuns.totalCount;

describe("executeWorkflow", () => {
  const parameters = {
    type: "object",
    properties: {
      service: { type: "string", enum: ["api", "web"] },
      replicas: { type: "integer", minimum: 1, default: 2 },
    },
    required: ["service"],
  };

  test("starts a pending run with the parameters, defaults filled in", async ({ api, graphql }) => {
    const agent = await registerMockAgent(api, { outputs: { scaled: "{{input.n}}" } });
    const workflow = await createWorkflow(api, {
      parameters,
      steps: [{ id: "scale", agent, input: { n: "{{params.replicas}}" } }],
    });
    const run = await started(graphql, workflow.id, { service: "api" });
    expect(run).toMatchObject({
      __typename: "WorkflowRun",
      workflowId: workflow.id,
      workflowName: workflow.name,
      definition: { parameters, steps: workflow.steps },
      params: { service: "api", replicas: 2 },
      status: "PENDING",
      error: null,
      rootExecutionId: null,
      cancelRequested: false,
      steps: [{ stepId: "scale", agentName: agent, role: "step", position: 0, status: "PENDING", attempts: 0 }],
    });
    const done = await waitForRunGql(graphql, run.id);
    expect([done.status, done.outputs]).toEqual(["SUCCEEDED", { scaled: 2 }]);
    // By name too.
    expect((await started(graphql, workflow.name, { service: "web", replicas: 5 })).params).toEqual({
      service: "web",
      replicas: 5,
    });
  });

  test("answers a ValidationError naming params.<name> and creates no run", async ({ api, graphql }) => {
    const agent = await registerMockAgent(api);
    const workflow = await createWorkflow(api, { parameters, steps: [{ id: "s", agent }] });
    const before = await runTotal(graphql);
    const cases: [unknown, { field: string; message: string }[]][] = [
      [undefined, [{ field: "params.service", message: "required parameter 'service' is missing" }]],
      [
        { service: "db" },
        [{ field: "params.service", message: 'must be equal to one of the allowed values: "api", "web"' }],
      ],
      [{ service: "api", replicas: 0 }, [{ field: "params.replicas", message: "must be >= 1" }]],
      [{ service: "api", replicas: 1.5 }, [{ field: "params.replicas", message: "must be integer" }]],
      [{ service: "api", region: "eu" }, [{ field: "params.region", message: "unknown parameter 'region'" }]],
      ["api", [{ field: "params", message: "must be an object of parameter values" }]],
    ];
    for (const [params, issues] of cases) {
      const first = issues[0] as { field: string; message: string };
      expect({ params, result: await execute(graphql, workflow.id, params) }).toEqual({
        params,
        result: {
          __typename: "ValidationError",
          code: "VALIDATION_FAILED",
          message: `${first.field}: ${first.message}`,
          field: first.field,
          issues,
        },
      });
    }
    expect(await runTotal(graphql)).toBe(before);
  });

  test("answers NotFoundError for an unknown template", async ({ graphql }) => {
    expect(await execute(graphql, "no-such-workflow")).toEqual({
      __typename: "NotFoundError",
      code: "NOT_FOUND",
      message: "Workflow 'no-such-workflow' was not found",
      field: "id",
    });
  });
});

describe("workflowRun", () => {
  test("follows a run to its end: every step's state and its executions in one tree", async ({ api, graphql }) => {
    const lead = await registerMockAgent(api, { outputs: { plan: "split" } });
    const worker = await registerMockAgent(api, { outputs: { part: "{{input.part}}" } });
    const workflow = await createWorkflow(api, {
      steps: [
        {
          hierarchical: {
            supervisor: { id: "lead", agent: lead },
            workers: [
              { id: "p1", agent: worker, input: { part: 1 } },
              { id: "p2", agent: worker, input: { part: 2 } },
            ],
            aggregate: { id: "sum", agent: worker, input: { part: "{{workers}}" } },
          },
        },
      ],
    });
    const run = await waitForRunGql(graphql, (await started(graphql, workflow.id)).id);

    expect(run).toMatchObject({
      status: "SUCCEEDED",
      error: null,
      failedStepId: null,
      outputs: { part: { p1: { part: 1 }, p2: { part: 2 } } },
    });
    expect(run.durationMs).toBe(Date.parse(run.endedAt as string) - Date.parse(run.startedAt as string));
    const executions = run.executions ?? [];
    const byId = new Map(executions.map((e) => [e.id, e]));
    const label = (id: string | null) => (id === null ? null : (byId.get(id)?.workflowStepId ?? "root"));
    expect(
      Object.fromEntries(executions.map((e) => [label(e.id), [label(e.parentExecutionId), e.depth, e.attempt]])),
    ).toEqual({
      root: [null, 0, 1],
      lead: ["root", 1, 1],
      p1: ["lead", 2, 1],
      p2: ["lead", 2, 1],
      sum: ["lead", 2, 1],
    });
    expect(executions.every((e) => e.rootId === run.rootExecutionId && e.status === "SUCCESS")).toBe(true);
    expect(byId.get(run.rootExecutionId as string)?.agentName).toBe(`workflow:${workflow.name}`);
    expect(
      run.steps.map((s) => [s.stepId, s.role, s.status, s.attempts, s.executionId && label(s.executionId)]),
    ).toEqual([
      ["lead", "supervisor", "SUCCEEDED", 1, "lead"],
      ["p1", "worker", "SUCCEEDED", 1, "p1"],
      ["p2", "worker", "SUCCEEDED", 1, "p2"],
      ["sum", "aggregate", "SUCCEEDED", 1, "sum"],
    ]);
  });

  test("answers null with a NOT_FOUND error for an unknown run", async ({ graphql }) => {
    const res = await graphql.result(`query { workflowRun(id: "no-such-run") { id status } }`);
    expect(res.data).toEqual({ workflowRun: null });
    expect(errorsOf(res)).toEqual([
      {
        message: "WorkflowRun 'no-such-run' was not found",
        path: ["workflowRun"],
        extensions: { code: "NOT_FOUND", field: "id" },
      },
    ]);
  });
});

describe("cancelWorkflowRun", () => {
  test("cancels a running run, then refuses to cancel it again", async ({ api, graphql }) => {
    const slow = await registerMockAgent(api, { latency_ms: 5000 });
    const workflow = await createWorkflow(api, {
      steps: [
        { id: "long", agent: slow },
        { id: "never", agent: slow },
      ],
    });
    const run = await started(graphql, workflow.id);
    await pollUntil(
      () => getRunGql(graphql, run.id),
      (r) => r.steps[0]?.status === "RUNNING",
      "step long running",
    );

    const { cancelWorkflowRun } = await graphql.query<{ cancelWorkflowRun: unknown }>(CANCEL, { id: run.id });
    expect(cancelWorkflowRun).toMatchObject({ __typename: "WorkflowRun", id: run.id, cancelRequested: true });
    const done = await waitForRunGql(graphql, run.id, 2000);
    expect([done.status, done.error, done.steps.map((s) => [s.stepId, s.status])]).toEqual([
      "CANCELLED",
      "cancelled",
      [
        ["long", "CANCELLED"],
        ["never", "CANCELLED"],
      ],
    ]);
    expect(done.executions?.map((e) => [e.workflowStepId, e.status])).toEqual([
      [null, "CANCELLED"],
      ["long", "CANCELLED"],
    ]);

    const { cancelWorkflowRun: again } = await graphql.query<{ cancelWorkflowRun: GqlError }>(CANCEL, { id: run.id });
    expect(again).toEqual({
      __typename: "ConflictError",
      code: "CONFLICT",
      message: `run '${run.id}' already finished (cancelled)`,
      field: "id",
    });
  });
});

describe("workflowRuns", () => {
  test("filters by template and status, most recent first, and pages", async ({ api, graphql }) => {
    const agent = await registerMockAgent(api);
    const workflow = await createWorkflow(api, {
      parameters: { type: "object", properties: { fail: { type: "boolean", default: false } } },
      steps: [{ id: "s", agent, input: { __mock: { fail: "{{params.fail}}" } } }],
    });
    const a = await waitForRunGql(graphql, (await started(graphql, workflow.id)).id);
    const b = await waitForRunGql(graphql, (await started(graphql, workflow.id, { fail: true })).id);
    const c = await waitForRunGql(graphql, (await started(graphql, workflow.id)).id);
    expect([a.status, b.status, c.status]).toEqual(["SUCCEEDED", "FAILED", "SUCCEEDED"]);
    expect([b.error, b.failedStepId]).toEqual([
      `step 's' failed: ${agent}: scripted mock failure (input.__mock.fail)`,
      "s",
    ]);

    const list = async (vars: Record<string, unknown>) =>
      (await graphql.query<{ workflowRuns: { nodes: { id: string }[]; totalCount: number } }>(RUNS, vars)).workflowRuns;
    const all = await list({ workflow: workflow.id });
    expect([all.totalCount, all.nodes.map((r) => r.id)]).toEqual([3, [c.id, b.id, a.id]]);
    const succeeded = await list({ workflow: workflow.name, status: ["SUCCEEDED"] });
    expect([succeeded.totalCount, succeeded.nodes.map((r) => r.id)]).toEqual([2, [c.id, a.id]]);
    const page = await list({ workflow: workflow.id, first: 1, offset: 1 });
    expect([page.totalCount, page.nodes.map((r) => r.id)]).toEqual([3, [b.id]]);

    expectRefusedVariable(await graphql.result(RUNS, { status: ["FINISHED"] }), "status");
    expect(refusalOf(await graphql.result(RUNS, { first: 0 }))).toEqual({
      data: null,
      errors: [{ path: ["workflowRuns"], code: "VALIDATION_FAILED", field: "first" }],
    });
  });
});
