// Workflow templates through GraphQL: createWorkflow / updateWorkflow / deleteWorkflow and their
// result unions (ValidationError listing every issue by field, ConflictError for a taken name),
// the workflow query (null and NOT_FOUND once deleted) and the workflows connection, and what a
// template shows of its runs. Roles, runner kinds and statuses are GraphQL enum names.
import { uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { ERROR_FIELDS, type GqlError, type GraphQLClient, ISSUE_FIELDS, refusalOf } from "../testkit/graphql.js";
import { registerMockAgent, startRun, waitForRun } from "../testkit/workflows.js";

interface GqlTemplate {
  __typename: "WorkflowTemplate";
  id: string;
  name: string;
  description: string;
  parameters: unknown;
  steps: unknown;
  patterns: string[];
  runCount: number;
  stepList: {
    id: string;
    agentName: string;
    role: string;
    path: string[];
    after: string[];
    optional: boolean;
    timeoutMs: number | null;
    runnerKind: string | null;
    runnerSource: string;
    input: unknown;
    outputSchema: unknown;
  }[];
  runs: { id: string; status: string }[];
}

const TEMPLATE_FIELDS = `id name description parameters steps patterns runCount
  stepList { id agentName role path after optional timeoutMs runnerKind runnerSource input outputSchema }
  runs { id status }`;
const CREATE = `mutation Create($input: WorkflowInput!) {
  createWorkflow(input: $input) { __typename ... on WorkflowTemplate { ${TEMPLATE_FIELDS} } ${ERROR_FIELDS} ${ISSUE_FIELDS} }
}`;
const UPDATE = `mutation Update($id: ID!, $input: WorkflowInput!) {
  updateWorkflow(id: $id, input: $input) { __typename ... on WorkflowTemplate { ${TEMPLATE_FIELDS} } ${ERROR_FIELDS} ${ISSUE_FIELDS} }
}`;
const DELETE = `mutation Delete($id: ID!) {
  deleteWorkflow(id: $id) { __typename ... on WorkflowTemplate { id name } ${ERROR_FIELDS} }
}`;
const DELETE_WITH_COUNT = `mutation Delete($id: ID!) {
  deleteWorkflow(id: $id) { __typename ... on WorkflowTemplate { id name runCount stepList { id } } ${ERROR_FIELDS} }
}`;
const GET = `query Get($id: ID!) {
  workflow(id: $id) { __typename ${TEMPLATE_FIELDS} }
}`;
const TOTAL = `query { workflows { totalCount } }`;

async function create(graphql: GraphQLClient, input: Record<string, unknown>): Promise<GqlTemplate | GqlError> {
  const { createWorkflow } = await graphql.query<{ createWorkflow: GqlTemplate | GqlError }>(CREATE, {
    input: { name: uniqueName("wf"), ...input },
  });
  return createWorkflow;
}

async function created(graphql: GraphQLClient, input: Record<string, unknown>): Promise<GqlTemplate> {
  const result = await create(graphql, input);
  expect(result.__typename).toBe("WorkflowTemplate");
  return result as GqlTemplate;
}

const total = async (graphql: GraphQLClient) =>
  (await graphql.query<{ workflows: { totalCount: number } }>(TOTAL)).workflows.totalCount;

describe("createWorkflow", () => {
  test("returns the template with its flattened steps, patterns and no runs", async ({ api, graphql }) => {
    const agent = await registerMockAgent(api);
    const template = await created(graphql, {
      description: "Supervised review.",
      parameters: { type: "object", properties: { repo: { type: "string" } }, required: ["repo"] },
      steps: [
        {
          hierarchical: {
            supervisor: { id: "lead", agent, input: { repo: "{{params.repo}}" } },
            workers: [
              { id: "sec", agent, output_schema: { type: "object" } },
              { id: "perf", agent },
            ],
            aggregate: { id: "verdict", input: { all: "{{workers}}" } },
          },
        },
      ],
    });
    expect(template).toMatchObject({
      description: "Supervised review.",
      patterns: ["hierarchical"],
      runCount: 0,
      runs: [],
    });
    expect(template.stepList).toEqual([
      {
        id: "lead",
        agentName: agent,
        role: "SUPERVISOR",
        path: ["steps[0].hierarchical"],
        after: [],
        optional: false,
        timeoutMs: null,
        runnerKind: "MOCK",
        runnerSource: "agent",
        input: { repo: "{{params.repo}}" },
        outputSchema: null,
      },
      {
        id: "sec",
        agentName: agent,
        role: "WORKER",
        path: ["steps[0].hierarchical"],
        after: ["lead"],
        optional: false,
        timeoutMs: null,
        runnerKind: "MOCK",
        runnerSource: "agent",
        input: null,
        outputSchema: { type: "object" },
      },
      {
        id: "perf",
        agentName: agent,
        role: "WORKER",
        path: ["steps[0].hierarchical"],
        after: ["lead"],
        optional: false,
        timeoutMs: null,
        runnerKind: "MOCK",
        runnerSource: "agent",
        input: null,
        outputSchema: null,
      },
      {
        id: "verdict",
        agentName: agent,
        role: "AGGREGATE",
        path: ["steps[0].hierarchical"],
        after: ["sec", "perf"],
        optional: false,
        timeoutMs: null,
        runnerKind: "MOCK",
        runnerSource: "agent",
        input: { all: "{{workers}}" },
        outputSchema: null,
      },
    ]);
    const { workflow } = await graphql.query<{ workflow: GqlTemplate }>(GET, { id: template.name });
    expect(workflow).toEqual(template);
  });

  test("answers a ValidationError listing every issue by field, naming the step, and writes nothing", async ({
    api,
    graphql,
  }) => {
    const agent = await registerMockAgent(api);
    const before = await total(graphql);
    const cases: [string, Record<string, unknown>, { field: string; message: string }[]][] = [
      [
        "unknown agent",
        { steps: [{ id: "build", agent: "NoSuchAgent_x" }] },
        [{ field: "steps[0].agent", message: "step 'build': unknown agent 'NoSuchAgent_x'" }],
      ],
      [
        "duplicate step ids",
        {
          steps: [{ id: "build", agent }, { sequential: [{ id: "build", agent }] }],
        },
        [{ field: "steps[1].sequential[0].id", message: "step 'build': duplicate step id (also used at steps[0])" }],
      ],
      [
        "reference to a later step",
        {
          steps: [
            { id: "a", agent, input: { from: "{{steps.b.output}}" } },
            { id: "b", agent },
          ],
        },
        [{ field: "steps[0].input.from", message: "step 'a': refers to step 'b', which runs after it (a cycle)" }],
      ],
      [
        "reference to itself",
        { steps: [{ id: "a", agent, input: { me: "{{steps.a.status}}" } }] },
        [{ field: "steps[0].input.me", message: "step 'a': refers to itself (a cycle)" }],
      ],
      [
        "unknown parameter",
        { steps: [{ id: "a", agent, input: ["{{params.repo}}"] }] },
        [{ field: "steps[0].input[0]", message: "step 'a': unknown parameter 'repo' in {{params.repo}}" }],
      ],
      [
        "malformed output_schema",
        { steps: [{ id: "a", agent, output_schema: { type: "object", properties: { n: { minimum: "1" } } } }] },
        [
          {
            field: "steps[0].output_schema.properties.n.minimum",
            message: "step 'a': invalid output_schema: must be number",
          },
        ],
      ],
      ["empty steps", { steps: [] }, [{ field: "steps", message: "a template needs at least one step" }]],
      [
        "several problems",
        {
          steps: [
            { id: "a", agent: "Ghost_agent", input: "{{steps.nope.output}}" },
            { id: "b", agent, output_schema: "object" },
          ],
        },
        [
          { field: "steps[0].agent", message: "step 'a': unknown agent 'Ghost_agent'" },
          { field: "steps[1].output_schema", message: "step 'b': output_schema must be a JSON Schema object" },
          { field: "steps[0].input", message: "step 'a': refers to unknown step 'nope'" },
        ],
      ],
    ];
    for (const [what, input, issues] of cases) {
      const result = await create(graphql, input);
      const first = issues[0] as { field: string; message: string };
      expect({ what, result }).toEqual({
        what,
        result: {
          __typename: "ValidationError",
          code: "VALIDATION_FAILED",
          message: `${first.field}: ${first.message}`,
          field: first.field,
          issues,
        },
      });
    }
    expect(await total(graphql)).toBe(before);
  });

  test("answers a ConflictError for a name already taken", async ({ api, graphql }) => {
    const agent = await registerMockAgent(api);
    const taken = await created(graphql, { steps: [{ id: "a", agent }] });
    const before = await total(graphql);
    const result = await create(graphql, { name: taken.name, steps: [{ id: "a", agent }] });
    expect(result).toEqual({
      __typename: "ConflictError",
      code: "CONFLICT",
      message: `a workflow named '${taken.name}' already exists`,
      field: "name",
    });
    expect(await total(graphql)).toBe(before);
  });
});

describe("updateWorkflow", () => {
  test("replaces the fields given, validating the result again", async ({ api, graphql }) => {
    const agent = await registerMockAgent(api);
    const template = await created(graphql, { description: "v1", steps: [{ id: "a", agent }] });

    const { updateWorkflow: bad } = await graphql.query<{ updateWorkflow: GqlError }>(UPDATE, {
      id: template.id,
      input: { steps: [{ id: "a", agent, input: { x: "{{steps.a.output}}" } }] },
    });
    expect(bad).toMatchObject({
      __typename: "ValidationError",
      field: "steps[0].input.x",
      issues: [{ field: "steps[0].input.x", message: "step 'a': refers to itself (a cycle)" }],
    });

    const steps = [
      {
        parallel: [
          { id: "a", agent },
          { id: "b", agent, optional: true },
        ],
      },
    ];
    const { updateWorkflow } = await graphql.query<{ updateWorkflow: GqlTemplate }>(UPDATE, {
      id: template.name,
      input: { steps },
    });
    expect(updateWorkflow).toMatchObject({
      __typename: "WorkflowTemplate",
      id: template.id,
      name: template.name,
      description: "v1",
      steps,
      patterns: ["parallel"],
    });
    expect(updateWorkflow.stepList.map((s) => [s.id, s.optional, s.path])).toEqual([
      ["a", false, ["steps[0].parallel"]],
      ["b", true, ["steps[0].parallel"]],
    ]);
  });

  test("answers NotFoundError for an unknown template", async ({ graphql }) => {
    const { updateWorkflow } = await graphql.query<{ updateWorkflow: GqlError }>(UPDATE, {
      id: "no-such-workflow",
      input: { description: "x" },
    });
    expect(updateWorkflow).toEqual({
      __typename: "NotFoundError",
      code: "NOT_FOUND",
      message: "Workflow 'no-such-workflow' was not found",
      field: "id",
    });
  });
});

describe("deleteWorkflow", () => {
  test("deletes the template; its runs stay, with workflow null and the name kept", async ({ api, graphql }) => {
    const agent = await registerMockAgent(api);
    const template = await created(graphql, { steps: [{ id: "a", agent }] });
    const run = await waitForRun(api, (await startRun(api, template.id)).id);

    const { deleteWorkflow } = await graphql.query<{ deleteWorkflow: GqlTemplate }>(DELETE, { id: template.id });
    expect(deleteWorkflow).toEqual({ __typename: "WorkflowTemplate", id: template.id, name: template.name });
    expect(refusalOf(await graphql.result(GET, { id: template.id }))).toEqual({
      data: { workflow: null },
      errors: [{ path: ["workflow"], code: "NOT_FOUND", field: "id" }],
    });

    const { workflowRun } = await graphql.query<{
      workflowRun: { workflowId: string | null; workflowName: string; workflow: null; definition: unknown };
    }>(`query($id: ID!) { workflowRun(id: $id) { workflowId workflowName workflow { id } definition } }`, {
      id: run.id,
    });
    expect(workflowRun).toEqual({
      workflowId: null,
      workflowName: template.name,
      workflow: null,
      definition: { parameters: template.parameters, steps: template.steps },
    });
  });

  test("answers the deleted template with any of its fields", async ({ api, graphql }) => {
    const agent = await registerMockAgent(api);
    const template = await created(graphql, { steps: [{ id: "a", agent }] });
    await waitForRun(api, (await startRun(api, template.id)).id);
    const result = await graphql.result<{ deleteWorkflow: unknown }>(DELETE_WITH_COUNT, { id: template.id });
    expect(result.errors).toBeUndefined();
    expect(result.data?.deleteWorkflow).toEqual({
      __typename: "WorkflowTemplate",
      id: template.id,
      name: template.name,
      runCount: 1,
      stepList: [{ id: "a" }],
    });
  });
});

describe("a template's runs", () => {
  test("are counted and listed most recent first", async ({ api, graphql }) => {
    const agent = await registerMockAgent(api);
    const template = await created(graphql, { steps: [{ id: "a", agent }] });
    const first = await waitForRun(api, (await startRun(api, template.id)).id);
    const second = await waitForRun(api, (await startRun(api, template.id)).id);
    const { workflow } = await graphql.query<{ workflow: GqlTemplate }>(GET, { id: template.id });
    expect([workflow.runCount, workflow.runs]).toEqual([
      2,
      [
        { id: second.id, status: "SUCCEEDED" },
        { id: first.id, status: "SUCCEEDED" },
      ],
    ]);
  });
});
