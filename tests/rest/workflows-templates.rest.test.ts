// Workflow templates through REST: creating one (its steps flattened with roles, order and
// happens-before), every way a template is refused (400 naming the step, 409 for a taken name,
// nothing written), changing and deleting one (runs keep their copy), run parameters (defaults,
// refusals naming params.<name>, no run created) and listing runs.
import { uniqueName, uniqueToken } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { RestClient, RestError } from "../testkit/rest.js";
import {
  createWorkflow,
  getRun,
  type RestWorkflow,
  type RestWorkflowList,
  type RestWorkflowRun,
  type RestWorkflowRunList,
  registerMockAgent,
  runWorkflow,
  startRun,
  waitForRun,
} from "../testkit/workflows.js";

const workflowTotal = async (api: RestClient) => (await api.get<RestWorkflowList>("/workflows")).body.total;
const runTotal = async (api: RestClient) => (await api.get<RestWorkflowRunList>("/workflow-runs")).body.total;

describe("POST /workflows", () => {
  test("stores the template and answers with its steps flattened: roles, groups and what runs before", async ({
    api,
  }) => {
    const a = await registerMockAgent(api);
    const name = uniqueName("wf");
    const steps = [
      { id: "a", agent: a },
      {
        parallel: [
          { id: "b", agent: a, optional: true },
          {
            sequential: [
              { id: "c", agent: a },
              { id: "d", agent: a },
            ],
          },
        ],
      },
      {
        hierarchical: {
          supervisor: { id: "s", agent: a },
          workers: [
            { id: "w1", agent: a },
            { id: "w2", agent: a },
          ],
          aggregate: { id: "g", timeout_ms: 500, input: { all: "{{workers}}" } },
        },
      },
    ];
    const parameters = { type: "object", properties: { env: { type: "string", default: "dev" } } };
    const res = await api.post<RestWorkflow>("/workflows", {
      name: `  ${name}  `,
      description: " Builds and ships. ",
      parameters,
      steps,
    });

    expect(res.status).toBe(201);
    const { id, created_at, updated_at, step_list, ...rest } = res.body;
    expect(id).toMatch(/^\w{10,}$/);
    expect(created_at).toBe(updated_at);
    expect(rest).toEqual({
      name,
      description: "Builds and ships.",
      parameters,
      on_failure: "fail",
      memory: null,
      // As written, the aggregate's agent filled in from its supervisor.
      steps: [
        steps[0],
        steps[1],
        {
          hierarchical: {
            supervisor: { id: "s", agent: a },
            workers: [
              { id: "w1", agent: a },
              { id: "w2", agent: a },
            ],
            aggregate: { id: "g", agent: a, timeout_ms: 500, input: { all: "{{workers}}" } },
          },
        },
      ],
      patterns: ["sequential", "parallel", "hierarchical"],
      run_count: 0,
    });
    const flat = (s: RestWorkflow["step_list"][number]) => [s.id, s.role, s.path, s.after, s.optional, s.timeout_ms];
    expect(step_list.map(flat)).toEqual([
      ["a", "step", [], [], false, null],
      ["b", "step", ["steps[1].parallel"], ["a"], true, null],
      ["c", "step", ["steps[1].parallel", "steps[1].parallel[1].sequential"], ["a"], false, null],
      ["d", "step", ["steps[1].parallel", "steps[1].parallel[1].sequential"], ["c"], false, null],
      ["s", "supervisor", ["steps[2].hierarchical"], ["b", "d"], false, null],
      ["w1", "worker", ["steps[2].hierarchical"], ["s"], false, null],
      ["w2", "worker", ["steps[2].hierarchical"], ["s"], false, null],
      ["g", "aggregate", ["steps[2].hierarchical"], ["w1", "w2"], false, 500],
    ]);
    expect(step_list.every((s) => s.agent_name === a && s.runner_kind === "mock" && s.runner_source === "agent")).toBe(
      true,
    );

    const byId = await api.get<RestWorkflow>(`/workflows/${id}`);
    const byName = await api.get<RestWorkflow>(`/workflows/${name}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual({ ...res.body, runs: [] });
    expect(byName.body).toEqual(byId.body);
  });

  test("refuses each broken template with 400 naming the step at fault, and writes nothing", async ({ api }) => {
    const agent = await registerMockAgent(api);
    const parameters = { type: "object", properties: { branch: { type: "string" } } };
    const cases: [string, Record<string, unknown>, string, string][] = [
      [
        "unknown agent",
        { steps: [{ id: "build", agent: "NoSuchAgent_x" }] },
        "steps[0].agent",
        "step 'build': unknown agent 'NoSuchAgent_x'",
      ],
      [
        "agent in the wrong case",
        { steps: [{ id: "build", agent: agent.toLowerCase() }] },
        "steps[0].agent",
        `step 'build': unknown agent '${agent.toLowerCase()}' (did you mean '${agent}'?)`,
      ],
      [
        "duplicate step id",
        {
          steps: [{ id: "build", agent }, { parallel: [{ id: "build", agent }] }],
        },
        "steps[1].parallel[0].id",
        "step 'build': duplicate step id (also used at steps[0])",
      ],
      [
        "reference to a later step",
        {
          steps: [
            { id: "build", agent, input: { report: "{{steps.test.output.report}}" } },
            { id: "test", agent },
          ],
        },
        "steps[0].input.report",
        "step 'build': refers to step 'test', which runs after it (a cycle)",
      ],
      [
        "reference to a parallel sibling",
        {
          steps: [
            {
              parallel: [
                { id: "lint", agent, input: { from: "{{steps.test.status}}" } },
                { id: "test", agent },
              ],
            },
          ],
        },
        "steps[0].parallel[0].input.from",
        "step 'lint': refers to step 'test', which runs in parallel with it (a race)",
      ],
      [
        "unknown parameter",
        { parameters, steps: [{ id: "build", agent, input: { ref: "{{params.brnch}}" } }] },
        "steps[0].input.ref",
        "step 'build': unknown parameter 'brnch' in {{params.brnch}} (did you mean 'branch'?)",
      ],
      [
        "malformed output_schema",
        { steps: [{ id: "build", agent, output_schema: { type: "strnig" } }] },
        "steps[0].output_schema.type",
        'step \'build\': invalid output_schema: must be equal to one of the allowed values: "array", "boolean", "integer", "null", "number", "object", "string"',
      ],
      [
        "misspelt output_schema keyword",
        { steps: [{ id: "build", agent, output_schema: { type: "object", requried: ["x"] } }] },
        "steps[0].output_schema",
        "step 'build': invalid output_schema: strict mode: unknown keyword: \"requried\"",
      ],
      [
        "misspelt step key",
        { steps: [{ id: "build", agent, timeoutMs: 5 }] },
        "steps[0].timeoutMs",
        "step 'build': unknown key 'timeoutMs' (did you mean 'timeout_ms'?)",
      ],
      [
        "{{workers}} outside an aggregate",
        { steps: [{ id: "build", agent, input: { all: "{{workers}}" } }] },
        "steps[0].input.all",
        "step 'build': {{workers}} is only available in the aggregate step of a hierarchical group",
      ],
      [
        "malformed expression",
        { steps: [{ id: "build", agent, input: { x: "{{ params.a " } }] },
        "steps[0].input.x",
        "step 'build': unclosed '{{' in '{{ params.a ' (write '\\{{' for a literal '{{')",
      ],
      [
        "retry override out of range",
        { steps: [{ id: "build", agent, retry: { max_retries: 50 } }] },
        "steps[0].retry.max_retries",
        "step 'build': max_retries must be a whole number from 0 to 20",
      ],
      [
        "runner override that does not fit its kind",
        { steps: [{ id: "build", agent, runner: { kind: "http", settings: { url: "ftp://example.test" } } }] },
        "steps[0].runner.settings.url",
        "step 'build': runner setting 'url': must be an http(s) URL",
      ],
      [
        "optional outside a parallel group",
        { steps: [{ id: "build", agent, optional: true }] },
        "steps[0].optional",
        "step 'build': 'optional' only applies to a step directly inside a parallel group",
      ],
      [
        "parameters that are not an object schema",
        { parameters: { type: "array" }, steps: [{ id: "build", agent }] },
        "parameters.type",
        'must be "object"',
      ],
      ["empty steps", { steps: [] }, "steps", "a template needs at least one step"],
      ["no steps", {}, "steps", "a template needs at least one step"],
    ];
    const before = await workflowTotal(api);
    for (const [what, body, field, message] of cases) {
      const res = await api.post<RestError>("/workflows", { name: uniqueName("bad"), ...body });
      expect({ what, status: res.status, error: res.body.error }).toEqual({
        what,
        status: 400,
        error: { code: "VALIDATION_FAILED", message: `${field}: ${message}`, field, issues: [{ field, message }] },
      });
    }
    expect(await workflowTotal(api)).toBe(before);
  });

  test("reports every problem of a template at once, in the order written", async ({ api }) => {
    const agent = await registerMockAgent(api);
    const res = await api.post<RestError>("/workflows", {
      name: uniqueName("bad"),
      steps: [
        { id: "one", agent: "Ghost_agent" },
        { id: "one", agent, input: { x: "{{params.q}}" } },
        { parallel: [] },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([
      { field: "steps[0].agent", message: "step 'one': unknown agent 'Ghost_agent'" },
      { field: "steps[1].id", message: "step 'one': duplicate step id (also used at steps[0])" },
      { field: "steps[2].parallel", message: "a parallel group needs at least one node" },
      { field: "steps[1].input.x", message: "step 'one': unknown parameter 'q' in {{params.q}}" },
    ]);
  });

  test("refuses a name already taken with 409, spaces around it or not", async ({ api }) => {
    const agent = await registerMockAgent(api);
    const taken = await createWorkflow(api, { steps: [{ id: "a", agent }] });
    const before = await workflowTotal(api);
    for (const name of [taken.name, ` ${taken.name} `]) {
      const res = await api.post<RestError>("/workflows", { name, steps: [{ id: "b", agent }] });
      expect([res.status, res.body.error]).toEqual([
        409,
        { code: "CONFLICT", message: `a workflow named '${taken.name}' already exists`, field: "name" },
      ]);
    }
    expect(await workflowTotal(api)).toBe(before);
  });
});

describe("GET /workflows", () => {
  test("filters by text and by pattern, ordered by name", async ({ api }) => {
    const agent = await registerMockAgent(api);
    const word = uniqueToken("w");
    const p = uniqueName("List");
    await createWorkflow(api, { name: `${p}_b`, description: `has ${word}`, steps: [{ id: "a", agent }] });
    await createWorkflow(api, {
      name: `${p}_a`,
      description: `also ${word.toUpperCase()}`,
      steps: [{ parallel: [{ id: "a", agent }] }],
    });
    await createWorkflow(api, { name: `${p}_c_${word}`, steps: [{ id: "a", agent }] });

    const byText = await api.get<RestWorkflowList>("/workflows", { q: word });
    expect([byText.body.total, byText.body.workflows.map((w) => w.name)]).toEqual([
      3,
      [`${p}_a`, `${p}_b`, `${p}_c_${word}`],
    ]);
    const parallel = await api.get<RestWorkflowList>("/workflows", { q: word, pattern: "Parallel" });
    expect(parallel.body.workflows.map((w) => [w.name, w.patterns])).toEqual([[`${p}_a`, ["parallel"]]]);
    const page = await api.get<RestWorkflowList>("/workflows", { q: word, limit: 1, offset: 1 });
    expect([page.body.total, page.body.limit, page.body.offset, page.body.workflows.map((w) => w.name)]).toEqual([
      3,
      1,
      1,
      [`${p}_b`],
    ]);
  });

  test("answers 404 for an unknown template", async ({ api }) => {
    const res = await api.get<RestError>("/workflows/no-such-workflow");
    expect([res.status, res.body.error]).toEqual([
      404,
      { code: "NOT_FOUND", message: "Workflow 'no-such-workflow' was not found", field: "id" },
    ]);
  });
});

describe("PATCH /workflows/{id}", () => {
  test("replaces the steps; runs made before keep the definition they ran", async ({ api }) => {
    const agent = await registerMockAgent(api, { outputs: { step: "{{input.n}}" } });
    const { workflow, run: first } = await runWorkflow(api, [{ id: "one", agent, input: { n: 1 } }]);
    const newSteps = [
      { id: "one", agent, input: { n: 1 } },
      { id: "two", agent, input: { n: "{{steps.one.output.step}}" } },
    ];

    const res = await api.patch<RestWorkflow>(`/workflows/${workflow.id}`, { steps: newSteps });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: workflow.id, name: workflow.name, steps: newSteps, patterns: ["sequential"] });
    expect(res.body.step_list.map((s) => [s.id, s.after])).toEqual([
      ["one", []],
      ["two", ["one"]],
    ]);

    const second = await waitForRun(api, (await startRun(api, workflow.id)).id);
    expect([second.status, second.steps.map((s) => s.step_id)]).toEqual(["succeeded", ["one", "two"]]);
    expect(second.definition).toEqual({ parameters: { type: "object", properties: {} }, steps: newSteps });
    const old = await getRun(api, first.id);
    expect(old.definition).toEqual({
      parameters: { type: "object", properties: {} },
      steps: [{ id: "one", agent, input: { n: 1 } }],
    });
    expect(old.steps.map((s) => s.step_id)).toEqual(["one"]);

    const got = await api.get<RestWorkflow>(`/workflows/${workflow.id}`);
    expect([got.body.run_count, got.body.runs?.map((r) => r.id)]).toEqual([2, [second.id, first.id]]);
  });

  test("validates the change like a new template and keeps the stored one when refused", async ({ api }) => {
    const agent = await registerMockAgent(api);
    const workflow = await createWorkflow(api, {
      parameters: { type: "object", properties: { x: { type: "string" } } },
      steps: [{ id: "one", agent, input: { x: "{{params.x}}" } }],
    });
    const other = await createWorkflow(api, { steps: [{ id: "one", agent }] });

    const badStep = await api.patch<RestError>(`/workflows/${workflow.id}`, {
      steps: [{ id: "one", agent: "Ghost_agent" }],
    });
    expect([badStep.status, badStep.body.error.field, badStep.body.error.message]).toEqual([
      400,
      "steps[0].agent",
      "steps[0].agent: step 'one': unknown agent 'Ghost_agent'",
    ]);
    // Parameters and steps are checked together: dropping a parameter a step uses is refused.
    const dropped = await api.patch<RestError>(`/workflows/${workflow.id}`, {
      parameters: { type: "object", properties: {} },
    });
    expect([dropped.status, dropped.body.error.issues]).toEqual([
      400,
      [{ field: "steps[0].input.x", message: "step 'one': unknown parameter 'x' in {{params.x}}" }],
    ]);
    const renamed = await api.patch<RestError>(`/workflows/${workflow.id}`, { name: other.name });
    expect([renamed.status, renamed.body.error.code, renamed.body.error.field]).toEqual([409, "CONFLICT", "name"]);

    const { runs: _runs, ...unchanged } = (await api.get<RestWorkflow>(`/workflows/${workflow.id}`)).body;
    expect(unchanged).toEqual(workflow);
  });

  test("answers 404 for an unknown template", async ({ api }) => {
    const res = await api.patch<RestError>("/workflows/no-such-workflow", { description: "x" });
    expect([res.status, res.body.error.code]).toEqual([404, "NOT_FOUND"]);
  });
});

describe("DELETE /workflows/{id}", () => {
  test("answers 200 with the deleted template, then 404", async ({ api }) => {
    const agent = await registerMockAgent(api);
    const workflow = await createWorkflow(api, { steps: [{ id: "one", agent }] });
    const before = await workflowTotal(api);

    const res = await api.delete<RestWorkflow>(`/workflows/${workflow.id}`);
    expect([res.status, res.text]).toEqual([200, expect.any(String)]);
    expect(res.body).toMatchObject({ id: workflow.id, name: workflow.name, steps: workflow.steps });
    expect(await workflowTotal(api)).toBe(before - 1);
    expect((await api.get(`/workflows/${workflow.id}`)).status).toBe(404);
    expect((await api.delete(`/workflows/${workflow.id}`)).status).toBe(404);
  });

  test("keeps the template's runs, unlinked but still named and defined", async ({ api }) => {
    const agent = await registerMockAgent(api);
    const { workflow, run } = await runWorkflow(api, [{ id: "one", agent }]);
    const runsBefore = await runTotal(api);

    await api.delete(`/workflows/${workflow.id}`);
    expect((await api.get(`/workflows/${workflow.id}`)).status).toBe(404);

    expect(await runTotal(api)).toBe(runsBefore);
    const kept = await getRun(api, run.id);
    expect(kept).toEqual({ ...run, workflow_id: null });
    expect(kept.workflow_name).toBe(workflow.name);
    expect(kept.definition).toEqual({ parameters: workflow.parameters, steps: workflow.steps });
    // The name is free again.
    expect((await api.post("/workflows", { name: workflow.name, steps: [{ id: "x", agent }] })).status).toBe(201);
  });
});

describe("POST /workflows/{id}/execute", () => {
  const parameters = {
    type: "object",
    properties: {
      target: { type: "string", minLength: 1 },
      retries: { type: "integer", minimum: 0, default: 3 },
      dry_run: { type: "boolean", default: false },
    },
    required: ["target"],
  };

  test("fills in the defaults of parameters not given and keeps the ones given", async ({ api }) => {
    const agent = await registerMockAgent(api, { outputs: { got: "{{input.p}}" } });
    const workflow = await createWorkflow(api, { parameters, steps: [{ id: "s", agent, input: { p: "{{params}}" } }] });

    const defaulted = await startRun(api, workflow.id, { target: "prod" });
    expect(defaulted.params).toEqual({ target: "prod", retries: 3, dry_run: false });
    const given = await startRun(api, workflow.id, { target: "qa", retries: 0, dry_run: true });
    expect(given.params).toEqual({ target: "qa", retries: 0, dry_run: true });
    const done = await waitForRun(api, defaulted.id);
    expect(done.outputs).toEqual({ got: { target: "prod", retries: 3, dry_run: false } });
  });

  test("refuses missing, mistyped and unknown parameters naming params.<name>, and starts nothing", async ({ api }) => {
    const agent = await registerMockAgent(api);
    const workflow = await createWorkflow(api, { parameters, steps: [{ id: "s", agent }] });
    const before = await runTotal(api);
    const cases: [unknown, { field: string; message: string }[]][] = [
      [{}, [{ field: "params.target", message: "required parameter 'target' is missing" }]],
      [{ target: 5 }, [{ field: "params.target", message: "must be string" }]],
      [{ target: "" }, [{ field: "params.target", message: "must NOT have fewer than 1 characters" }]],
      [{ target: "x", retries: -1 }, [{ field: "params.retries", message: "must be >= 0" }]],
      [{ target: "x", retries: "3" }, [{ field: "params.retries", message: "must be integer" }]],
      [
        { target: "x", dryrun: true },
        [{ field: "params.dryrun", message: "unknown parameter 'dryrun' (did you mean 'dry_run'?)" }],
      ],
      [
        { dry_run: "yes", colour: "red" },
        [
          { field: "params.colour", message: "unknown parameter 'colour'" },
          { field: "params.target", message: "required parameter 'target' is missing" },
          { field: "params.dry_run", message: "must be boolean" },
        ],
      ],
      [[1, 2], [{ field: "params", message: "must be an object of parameter values" }]],
    ];
    for (const [body, issues] of cases) {
      const res = await api.post<RestError>(`/workflows/${workflow.id}/execute`, body);
      const first = issues[0] as { field: string; message: string };
      expect({ body, status: res.status, error: res.body.error }).toEqual({
        body,
        status: 400,
        error: { code: "VALIDATION_FAILED", message: `${first.field}: ${first.message}`, field: first.field, issues },
      });
    }
    expect(await runTotal(api)).toBe(before);
  });

  test("names a camelCase parameter as the template spells it", async ({ api }) => {
    const agent = await registerMockAgent(api);
    const workflow = await createWorkflow(api, {
      parameters: { type: "object", properties: { maxItems: { type: "integer" } }, required: ["maxItems"] },
      steps: [{ id: "s", agent }],
    });
    const missing = await api.post<RestError>(`/workflows/${workflow.id}/execute`, {});
    expect([missing.status, missing.body.error]).toEqual([
      400,
      {
        code: "VALIDATION_FAILED",
        message: "params.maxItems: required parameter 'maxItems' is missing",
        field: "params.maxItems",
        issues: [{ field: "params.maxItems", message: "required parameter 'maxItems' is missing" }],
      },
    ]);
    const mistyped = await api.post<RestError>(`/workflows/${workflow.id}/execute`, { maxItems: "ten" });
    expect([mistyped.status, mistyped.body.error.field]).toEqual([400, "params.maxItems"]);
  });

  test("runs a template without parameters from an empty body", async ({ api }) => {
    const agent = await registerMockAgent(api);
    const workflow = await createWorkflow(api, { steps: [{ id: "s", agent }] });
    const res = await api.post<RestWorkflowRun>(`/workflows/${workflow.id}/execute`);
    expect([res.status, res.body.params, res.body.status]).toEqual([201, {}, "pending"]);
  });

  test("answers 404 for an unknown template, starting nothing", async ({ api }) => {
    const before = await runTotal(api);
    const res = await api.post<RestError>("/workflows/no-such-workflow/execute", {});
    expect([res.status, res.body.error]).toEqual([
      404,
      { code: "NOT_FOUND", message: "Workflow 'no-such-workflow' was not found", field: "id" },
    ]);
    expect(await runTotal(api)).toBe(before);
  });
});

describe("GET /workflow-runs", () => {
  test("filters by template (id or name) and status, most recent first", async ({ api }) => {
    const agent = await registerMockAgent(api);
    const workflow = await createWorkflow(api, {
      parameters: { type: "object", properties: { fail: { type: "boolean", default: false } } },
      steps: [{ id: "s", agent, input: { __mock: { fail: "{{params.fail}}" } } }],
    });
    const other = await createWorkflow(api, { steps: [{ id: "s", agent }] });
    const ok1 = await waitForRun(api, (await startRun(api, workflow.id)).id);
    const bad = await waitForRun(api, (await startRun(api, workflow.id, { fail: true })).id);
    const ok2 = await waitForRun(api, (await startRun(api, workflow.id)).id);
    await waitForRun(api, (await startRun(api, other.id)).id);
    expect([ok1.status, bad.status, ok2.status]).toEqual(["succeeded", "failed", "succeeded"]);

    const ids = async (query: Record<string, string | number>) => {
      const res = await api.get<RestWorkflowRunList>("/workflow-runs", query);
      expect(res.status).toBe(200);
      return [res.body.total, res.body.runs.map((r) => r.id)];
    };
    expect(await ids({ workflow: workflow.id })).toEqual([3, [ok2.id, bad.id, ok1.id]]);
    expect(await ids({ workflow: workflow.name })).toEqual([3, [ok2.id, bad.id, ok1.id]]);
    expect(await ids({ workflow: workflow.id, status: "failed" })).toEqual([1, [bad.id]]);
    expect(await ids({ workflow: workflow.id, status: "succeeded,failed", limit: 2 })).toEqual([3, [ok2.id, bad.id]]);
    expect(await ids({ workflow: workflow.id, status: "cancelled" })).toEqual([0, []]);

    const badStatus = await api.get<RestError>("/workflow-runs", { status: "done" });
    expect([badStatus.status, badStatus.body.error.field]).toEqual([400, "status"]);
    const unknown = await api.get<RestError>("/workflow-runs", { workflow: "no-such-workflow" });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "NOT_FOUND"]);
  });

  test("GET /workflow-runs/{id} answers 404 for an unknown run", async ({ api }) => {
    const res = await api.get<RestError>("/workflow-runs/no-such-run");
    expect([res.status, res.body.error]).toEqual([
      404,
      { code: "NOT_FOUND", message: "WorkflowRun 'no-such-run' was not found", field: "id" },
    ]);
  });
});
