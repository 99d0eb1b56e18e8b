// Template validation: every rejected shape with its exact field and message, all issues of a
// template reported together, the flattened steps (roles, group paths, happens-before) of a nested
// template, and the JSON Schema helpers (output checks, run parameters with defaults).
import { describe, expect, test } from "vitest";
import {
  compileSchema,
  flattenNodes,
  happensBefore,
  type TemplateInput,
  type TemplateOptions,
  validateParams,
  validateTemplate,
} from "../../server/engine/template.js";
import type { FlatStep, JsonSchema } from "../../server/engine/types.js";
import { type FieldIssue, ValidationError } from "../../server/errors.js";

const agents = new Set(["planner", "builder", "tester", "writer", "codeAgent"]);
const step = (id: string, extra: Record<string, unknown> = {}) => ({ id, agent: "tester", ...extra });
const hier = (sup: object, workers: unknown, agg: object) => ({
  hierarchical: { supervisor: sup, workers, aggregate: agg },
});

function issuesOf(
  input: Partial<TemplateInput>,
  options?: TemplateOptions,
  known: typeof agents = agents,
): FieldIssue[] {
  try {
    validateTemplate({ name: "t", steps: [step("only")], ...input }, known, options);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues;
  }
  throw new Error("expected a ValidationError");
}
const stepsIssues = (steps: unknown, options?: TemplateOptions) => issuesOf({ steps }, options);
const one = (field: string, message: string) => [{ field, message }];

describe("validateTemplate(): a valid nested template", () => {
  const steps = [
    step("plan", { agent: "planner" }),
    {
      sequential: [
        step("build", { agent: "builder", input: { suite: "{{params.suite}}" } }),
        {
          parallel: [
            step("lint", { optional: true }),
            hier(
              step("lead", { agent: "planner", input: "{{steps.build.output}}" }),
              [
                step("unit", { input: "{{steps.lead.output.tasks[0]}}" }),
                { sequential: [step("e2e"), step("report", { agent: "writer", input: "{{steps.e2e.output}}" })] },
              ],
              {
                id: "merge",
                input: { all: "{{workers}}", unit: "{{workers.unit.passed}}", e2e: "{{steps.e2e.status}}" },
              },
            ),
          ],
        },
        step("ship", { agent: "builder", input: "{{steps.merge.output}} {{steps.lint.status}} {{run.id}}" }),
      ],
    },
  ];
  const parameters = { type: "object", properties: { suite: { type: "string", default: "all" } } };
  const result = validateTemplate({ name: "  Nightly  ", parameters, steps }, agents);
  const seq = "steps[1].sequential";
  const par = "steps[1].sequential[1].parallel";
  const h = "steps[1].sequential[1].parallel[1].hierarchical";
  const w = `${h}.workers[1].sequential`;

  test("flat steps: ids, roles, group paths, happens-before and position in definition order", () => {
    // `before`: the steps that always finish before it (what its expressions may reference).
    const before = (s: FlatStep) => result.steps.filter((a) => happensBefore(a, s)).map((a) => a.id);
    expect(
      result.steps.map(({ def: _def, trail: _trail, ...s }) => ({
        ...s,
        before: before(result.steps[s.position] as FlatStep),
      })),
    ).toEqual([
      { id: "plan", agent: "planner", role: "step", path: [], before: [], position: 0 },
      { id: "build", agent: "builder", role: "step", path: [seq], before: ["plan"], position: 1 },
      { id: "lint", agent: "tester", role: "step", path: [seq, par], before: ["plan", "build"], position: 2 },
      { id: "lead", agent: "planner", role: "supervisor", path: [seq, par, h], before: ["plan", "build"], position: 3 },
      {
        id: "unit",
        agent: "tester",
        role: "worker",
        path: [seq, par, h],
        before: ["plan", "build", "lead"],
        position: 4,
      },
      {
        id: "e2e",
        agent: "tester",
        role: "worker",
        path: [seq, par, h, w],
        before: ["plan", "build", "lead"],
        position: 5,
      },
      {
        id: "report",
        agent: "writer",
        role: "worker",
        path: [seq, par, h, w],
        before: ["plan", "build", "lead", "e2e"],
        position: 6,
      },
      {
        id: "merge",
        agent: "planner",
        role: "aggregate",
        path: [seq, par, h],
        before: ["plan", "build", "lead", "unit", "e2e", "report"],
        position: 7,
      },
      {
        id: "ship",
        agent: "builder",
        role: "step",
        path: [seq],
        before: ["plan", "build", "lint", "lead", "unit", "e2e", "report", "merge"],
        position: 8,
      },
    ]);
  });

  test("name trimmed, patterns, the aggregate's agent filled in from the supervisor", () => {
    expect(result.name).toBe("Nightly");
    expect(result.patterns).toEqual(["sequential", "parallel", "hierarchical"]);
    expect(result.definition.parameters).toEqual(parameters);
    expect(result.steps[7]?.def).toEqual({
      id: "merge",
      agent: "planner",
      input: { all: "{{workers}}", unit: "{{workers.unit.passed}}", e2e: "{{steps.e2e.status}}" },
    });
    const par0 = result.definition.steps[1] as {
      sequential: [unknown, { parallel: [unknown, { hierarchical: object }] }];
    };
    expect(par0.sequential[1].parallel[1].hierarchical).toMatchObject({ aggregate: { id: "merge", agent: "planner" } });
  });

  test("flattenNodes on the stored definition gives the same steps and each aggregate's workers", () => {
    const graph = flattenNodes(result.definition.steps);
    expect(graph.steps).toEqual(result.steps);
    expect(graph.workersOf).toEqual(new Map([["merge", ["unit", "e2e", "report"]]]));
    expect(graph.fields[5]).toBe(`${w}[0]`);
  });

  test("parameters default to an empty object schema; patterns of simple shapes", () => {
    const single = validateTemplate({ name: "a", steps: [step("a")] }, agents);
    expect(single.definition.parameters).toEqual({ type: "object", properties: {} });
    expect(single.patterns).toEqual([]);
    expect(validateTemplate({ name: "a", steps: [step("a"), step("b")] }, agents).patterns).toEqual(["sequential"]);
    expect(validateTemplate({ name: "a", steps: [{ parallel: [step("a"), step("b")] }] }, agents).patterns).toEqual([
      "parallel",
    ]);
  });

  test("agents may be known through a predicate; optional: false is allowed anywhere", () => {
    const r = validateTemplate({ name: "a", steps: [step("a", { agent: "x", optional: false })] }, (n) => n === "x");
    expect(r.steps[0]?.agent).toBe("x");
  });
});

describe("validateTemplate(): name, description and steps list", () => {
  test.each([
    ["   ", "must not be empty"],
    ["x".repeat(101), "must be at most 100 characters"],
    [42, "must be a string"],
  ])("name %j", (name, message) => {
    expect(issuesOf({ name: name as string })).toEqual(one("name", message));
  });

  test("a 100-character name (after trimming) and a long description limit", () => {
    expect(validateTemplate({ name: ` ${"x".repeat(100)} `, steps: [step("a")] }, agents).name).toHaveLength(100);
    expect(issuesOf({ description: "d".repeat(2001) })).toEqual(
      one("description", "must be a string of at most 2000 characters"),
    );
  });

  test.each([
    [undefined, "a template needs at least one step"],
    [[], "a template needs at least one step"],
    ["steps", "must be a list of steps and groups"],
  ])("steps %j", (steps, message) => {
    expect(stepsIssues(steps)).toEqual(one("steps", message));
  });
});

describe("validateTemplate(): node shapes", () => {
  const shape = "must be exactly one of a step ({ id, agent, … }) or a sequential, parallel or hierarchical group";

  test.each([
    ["an empty object", {}, shape],
    ["a string", "build", shape],
    ["a list", [step("a")], shape],
    ["two groups", { sequential: [step("a")], parallel: [step("b")] }, `${shape}, not both sequential and parallel`],
    [
      "a step and a group",
      { id: "a", agent: "tester", parallel: [step("b")] },
      `${shape}, not a step and a parallel group at once`,
    ],
  ])("%s", (_, node, message) => {
    expect(stepsIssues([step("first"), node])).toEqual(one("steps[1]", message));
  });

  test("empty groups and an unknown key on a group", () => {
    expect(stepsIssues([{ parallel: [] }, { sequential: [] }, { parallel: [step("a")], label: "x" }])).toEqual([
      { field: "steps[0].parallel", message: "a parallel group needs at least one node" },
      { field: "steps[1].sequential", message: "a sequential group needs at least one node" },
      { field: "steps[2].label", message: "a parallel group: unknown key 'label' (allowed: parallel)" },
    ]);
  });

  test("hierarchical: missing parts, a group as supervisor, no workers, unknown keys", () => {
    expect(
      stepsIssues([
        { hierarchical: { workers: [step("w")], aggregate: { id: "agg" } } },
        hier(step("s1"), [], { id: "a1" }),
        hier({ parallel: [step("x")] }, [step("w2")], { sequential: [step("y")] }),
        { hierarchical: { supervisor: step("s3"), workers: [step("w3")], aggregate: { id: "a3" }, worker: [] } },
        { hierarchical: [] },
      ]),
    ).toEqual([
      { field: "steps[0].hierarchical.supervisor", message: "a hierarchical group needs a supervisor step" },
      { field: "steps[1].hierarchical.workers", message: "a hierarchical group needs at least one worker" },
      {
        field: "steps[2].hierarchical.supervisor",
        message: "a hierarchical group: the supervisor must be a single step, not a group",
      },
      {
        field: "steps[2].hierarchical.aggregate",
        message: "a hierarchical group: the aggregate must be a single step, not a group",
      },
      {
        field: "steps[3].hierarchical.worker",
        message: "the hierarchical group of supervisor 's3': unknown key 'worker' (did you mean 'workers'?)",
      },
      { field: "steps[4].hierarchical", message: "must be an object { supervisor, workers, aggregate }" },
    ]);
    expect(stepsIssues([{ hierarchical: { supervisor: step("s"), workers: [step("w")] } }])).toEqual(
      one("steps[0].hierarchical.aggregate", "the hierarchical group of supervisor 's' needs an aggregate step"),
    );
  });

  test("the aggregate may name its own agent, which must exist", () => {
    const r = validateTemplate(
      { name: "a", steps: [hier(step("s"), [step("w")], { id: "g", agent: "writer" })] },
      agents,
    );
    expect(r.steps.map((s) => [s.id, s.agent, s.role])).toEqual([
      ["s", "tester", "supervisor"],
      ["w", "tester", "worker"],
      ["g", "writer", "aggregate"],
    ]);
    expect(stepsIssues([hier(step("s"), [step("w")], { id: "g", agent: "nobody" })])).toEqual(
      one("steps[0].hierarchical.aggregate.agent", "step 'g': unknown agent 'nobody'"),
    );
  });
});

describe("validateTemplate(): step fields", () => {
  test("ids: missing, malformed, too long, not a string", () => {
    const bad = "the id must start with a letter and use only letters, digits, '_' and '-' (at most 64 characters)";
    expect(
      stepsIssues([
        { agent: "tester" },
        step("1st"),
        step("has space"),
        step(`a${"b".repeat(64)}`),
        step(7 as unknown as string),
        step(`a${"b".repeat(63)}`),
      ]),
    ).toEqual([
      { field: "steps[0].id", message: "step at steps[0]: missing 'id'" },
      { field: "steps[1].id", message: `step '1st': ${bad}` },
      { field: "steps[2].id", message: `step 'has space': ${bad}` },
      { field: "steps[3].id", message: `step 'a${"b".repeat(64)}': ${bad}` },
      { field: "steps[4].id", message: `step at steps[4]: ${bad}` },
    ]);
  });

  test("duplicate ids anywhere in the tree name both positions", () => {
    expect(stepsIssues([step("a"), { parallel: [step("b"), hier(step("a"), [step("b")], { id: "c" })] }])).toEqual([
      {
        field: "steps[1].parallel[1].hierarchical.supervisor.id",
        message: "step 'a': duplicate step id (also used at steps[0])",
      },
      {
        field: "steps[1].parallel[1].hierarchical.workers[0].id",
        message: "step 'b': duplicate step id (also used at steps[1].parallel[0])",
      },
    ]);
  });

  test("agents: missing, not a name, unknown (with the match differing only in case, when there is one)", () => {
    expect(
      stepsIssues([
        { id: "a" },
        step("b", { agent: "" }),
        step("implement", { agent: "CodeAgent" }),
        step("d", { agent: "Deployer" }),
      ]),
    ).toEqual([
      { field: "steps[0].agent", message: "step 'a': missing 'agent'" },
      { field: "steps[1].agent", message: "step 'b': 'agent' must be an agent name" },
      { field: "steps[2].agent", message: "step 'implement': unknown agent 'CodeAgent' (did you mean 'codeAgent'?)" },
      { field: "steps[3].agent", message: "step 'd': unknown agent 'Deployer'" },
    ]);
    // A predicate cannot be searched for a suggestion.
    expect(issuesOf({ steps: [step("i", { agent: "CodeAgent" })] }, undefined, new Set())).toEqual(
      one("steps[0].agent", "step 'i': unknown agent 'CodeAgent'"),
    );
  });

  test("unknown keys: a suggestion when one is close, else the allowed keys", () => {
    expect(stepsIssues([step("a", { timeoutMs: 5, colour: "red" })])).toEqual([
      { field: "steps[0].timeoutMs", message: "step 'a': unknown key 'timeoutMs' (did you mean 'timeout_ms'?)" },
      {
        field: "steps[0].colour",
        message:
          "step 'a': unknown key 'colour' (allowed: id, agent, description, input, output_schema, timeout_ms, retry, optional, runner, compensate, context_memories)",
      },
    ]);
  });

  test("timeout_ms is a whole number of ms from 1 to 86,400,000", () => {
    const msg = "step 'a': timeout_ms must be a whole number of milliseconds from 1 to 86400000";
    for (const t of [0, 1.5, 86_400_001, "10"]) {
      expect(stepsIssues([step("a", { timeout_ms: t })])).toEqual(one("steps[0].timeout_ms", msg));
    }
    expect(
      validateTemplate({ name: "a", steps: [step("a", { timeout_ms: 86_400_000 })] }, agents).steps[0]?.def,
    ).toEqual(step("a", { timeout_ms: 86_400_000 }));
  });

  test("retry override: ranges, backoff, max ≥ initial, unknown keys, not an object", () => {
    expect(
      stepsIssues([
        step("a", { retry: { max_retries: 21, backoff: "random", initial_delay_ms: -1, max_delay_ms: 1.5 } }),
        step("b", { retry: { max_retries: -1, initial_delay_ms: 500, max_delay_ms: 100, jitter: true } }),
        step("c", { retry: 3 }),
        step("d", { retry: { max_retries: 20, backoff: "linear", initial_delay_ms: 0, max_delay_ms: 0 } }),
      ]),
    ).toEqual([
      { field: "steps[0].retry.max_retries", message: "step 'a': max_retries must be a whole number from 0 to 20" },
      { field: "steps[0].retry.backoff", message: "step 'a': backoff must be one of fixed, linear, exponential" },
      {
        field: "steps[0].retry.initial_delay_ms",
        message: "step 'a': initial_delay_ms must be a whole number of milliseconds from 0 to 3600000",
      },
      {
        field: "steps[0].retry.max_delay_ms",
        message: "step 'a': max_delay_ms must be a whole number of milliseconds from 0 to 86400000",
      },
      {
        field: "steps[1].retry.jitter",
        message: "step 'b': unknown key 'jitter' (allowed: max_retries, backoff, initial_delay_ms, max_delay_ms)",
      },
      { field: "steps[1].retry.max_retries", message: "step 'b': max_retries must be a whole number from 0 to 20" },
      { field: "steps[1].retry.max_delay_ms", message: "step 'b': max_delay_ms must be ≥ initial_delay_ms" },
      {
        field: "steps[2].retry",
        message: "step 'c': retry must be an object { max_retries, backoff, initial_delay_ms, max_delay_ms }",
      },
    ]);
  });

  test("optional only directly inside a parallel group", () => {
    const msg = "'optional' only applies to a step directly inside a parallel group";
    expect(
      stepsIssues([
        step("a", { optional: true }),
        { parallel: [step("b", { optional: true }), { sequential: [step("c", { optional: true })] }] },
        hier(step("s", { optional: true }), [step("w", { optional: true })], { id: "g", optional: true }),
        { parallel: [step("d", { optional: "yes" })] },
      ]),
    ).toEqual([
      { field: "steps[0].optional", message: `step 'a': ${msg}` },
      { field: "steps[1].parallel[1].sequential[0].optional", message: `step 'c': ${msg}` },
      { field: "steps[2].hierarchical.supervisor.optional", message: `step 's': ${msg}` },
      { field: "steps[2].hierarchical.workers[0].optional", message: `step 'w': ${msg}` },
      { field: "steps[2].hierarchical.aggregate.optional", message: `step 'g': ${msg}` },
      { field: "steps[3].parallel[0].optional", message: "step 'd': 'optional' must be true or false" },
    ]);
  });

  test("runner override: kind, settings object, unknown keys, and the caller's settings check", () => {
    const validateRunner: TemplateOptions["validateRunner"] = (kind, settings) =>
      kind === "http" && typeof settings.url !== "string" ? [{ field: "url", message: "Required" }] : [];
    expect(
      stepsIssues(
        [
          step("a", { runner: { kind: "docker", settings: {} } }),
          step("b", { runner: { kind: "mock", settings: [] } }),
          step("c", { runner: "mock" }),
          step("d", { runner: { kind: "http", settings: { headers: {} } } }),
          step("e", { runner: { kind: "mock", setting: {} } }),
        ],
        { validateRunner },
      ),
    ).toEqual([
      {
        field: "steps[0].runner.kind",
        message: "step 'a': runner kind must be one of command, http, builtin, mock, claude",
      },
      { field: "steps[1].runner.settings", message: "step 'b': runner settings must be an object" },
      { field: "steps[2].runner", message: "step 'c': runner must be an object { kind, settings }" },
      { field: "steps[3].runner.settings.url", message: "step 'd': runner setting 'url': Required" },
      { field: "steps[4].runner.setting", message: "step 'e': unknown key 'setting' (did you mean 'settings'?)" },
    ]);
    const ok = validateTemplate({ name: "a", steps: [step("a", { runner: { kind: "mock" } })] }, agents, {
      validateRunner,
    });
    expect(ok.steps[0]?.def.runner).toEqual({ kind: "mock", settings: {} });
  });

  test("output_schema: not an object, invalid per the meta-schema (at the keyword), unknown keywords", () => {
    expect(
      stepsIssues([
        step("a", { output_schema: [] }),
        step("b", { output_schema: { type: "object", properties: { n: { type: "integr" } } } }),
        step("c", { output_schema: { type: "object", requried: ["x"] } }),
        step("d", { output_schema: { type: "object", properties: { n: { minimum: "1" } } } }),
        step("e", { output_schema: { type: "object", required: ["x"], properties: { x: { type: "string" } } } }),
      ]),
    ).toEqual([
      { field: "steps[0].output_schema", message: "step 'a': output_schema must be a JSON Schema object" },
      {
        field: "steps[1].output_schema.properties.n.type",
        message:
          'step \'b\': invalid output_schema: must be equal to one of the allowed values: "array", "boolean", "integer", "null", "number", "object", "string"',
      },
      {
        field: "steps[2].output_schema",
        message: "step 'c': invalid output_schema: strict mode: unknown keyword: \"requried\"",
      },
      {
        field: "steps[3].output_schema.properties.n.minimum",
        message: "step 'd': invalid output_schema: must be number",
      },
    ]);
  });

  test("malformed expressions in the input, at their place in it", () => {
    expect(stepsIssues([step("a", { input: { args: ["ok", "{{ steps }}"], env: { X: "{{params.x" } } })])).toEqual([
      {
        field: "steps[0].input.args[1]",
        message: "step 'a': '{{ steps }}' needs a step id: {{steps.<id>.output}} or {{steps.<id>.status}}",
      },
      {
        field: "steps[0].input.env.X",
        message: "step 'a': unclosed '{{' in '{{params.x' (write '\\{{' for a literal '{{')",
      },
    ]);
  });
});

describe("validateTemplate(): parameters", () => {
  test.each([
    ["a string", "suite", "parameters", 'must be a JSON Schema object: { type: "object", properties, required }'],
    ["a list", [], "parameters", 'must be a JSON Schema object: { type: "object", properties, required }'],
    ["not type object", { type: "array" }, "parameters.type", 'must be "object"'],
    [
      "properties not an object",
      { type: "object", properties: [] },
      "parameters.properties",
      "must be an object of parameter schemas by name",
    ],
    [
      "a property not a schema",
      { type: "object", properties: { suite: "string" } },
      "parameters.properties.suite",
      "parameter 'suite': must be a JSON Schema object",
    ],
    [
      "required not a list",
      { type: "object", properties: {}, required: "suite" },
      "parameters.required",
      "must be a list of parameter names",
    ],
    [
      "a required name not in properties",
      { type: "object", properties: { suite: { type: "string" } }, required: ["suite", "suit"] },
      "parameters.required[1]",
      "required parameter 'suit' is not defined in properties",
    ],
    [
      "a name {{params.…}} cannot reach",
      { type: "object", properties: { "my suite": { type: "string" } } },
      "parameters.properties.my suite",
      "parameter name 'my suite' must start with a letter or '_' and use only letters, digits, '_' and '-', so {{params.my suite}} can refer to it",
    ],
    [
      "Ajv rejects a property schema",
      { type: "object", properties: { suite: { type: "string", minLength: -1 } } },
      "parameters.properties.suite.minLength",
      "parameter 'suite': must be >= 0",
    ],
    [
      "Ajv rejects an unknown keyword",
      { type: "object", properties: {}, additionalProperty: false },
      "parameters",
      'invalid JSON Schema: strict mode: unknown keyword: "additionalProperty"',
    ],
  ])("%s", (_, parameters, field, message) => {
    expect(issuesOf({ parameters })).toEqual(one(field, message));
  });

  test("references to unknown parameters, with a suggestion", () => {
    const parameters = { type: "object", properties: { suite: { type: "string" } } };
    expect(
      issuesOf({ parameters, steps: [step("a", { input: { s: "{{params.suit}}", t: "x {{params.tag}}" } })] }),
    ).toEqual([
      {
        field: "steps[0].input.s",
        message: "step 'a': unknown parameter 'suit' in {{params.suit}} (did you mean 'suite'?)",
      },
      { field: "steps[0].input.t", message: "step 'a': unknown parameter 'tag' in {{params.tag}}" },
    ]);
    expect(stepsIssues([step("a", { input: "{{params.x}}" })])).toEqual(
      one("steps[0].input", "step 'a': unknown parameter 'x' in {{params.x}}"),
    );
  });
});

describe("validateTemplate(): references and happens-before", () => {
  test("unknown steps, later steps (a cycle), itself, parallel siblings (a race)", () => {
    expect(
      stepsIssues([
        step("a", { input: ["{{steps.bulid.output}}", "{{steps.b.output}}", "{{steps.a.status}}"] }),
        step("build"),
        step("b"),
        { parallel: [step("p1", { input: "{{steps.p2.output.x}}" }), step("p2", { input: "{{steps.b.output}}" })] },
      ]),
    ).toEqual([
      { field: "steps[0].input[0]", message: "step 'a': refers to unknown step 'bulid' (did you mean 'build'?)" },
      { field: "steps[0].input[1]", message: "step 'a': refers to step 'b', which runs after it (a cycle)" },
      { field: "steps[0].input[2]", message: "step 'a': refers to itself (a cycle)" },
      {
        field: "steps[3].parallel[0].input",
        message: "step 'p1': refers to step 'p2', which runs in parallel with it (a race)",
      },
    ]);
  });

  test("hierarchical: supervisor → worker is a cycle, worker ↔ worker and outsider → worker are races, after the group is fine", () => {
    const h = "steps[0].parallel[0].hierarchical";
    expect(
      stepsIssues([
        {
          parallel: [
            hier(
              step("sup", { input: "{{steps.w1.output}}" }),
              [step("w1", { input: "{{steps.w2.output}}" }), step("w2", { input: "{{steps.agg.output}}" })],
              { id: "agg", input: "{{steps.sup.output}} {{steps.w1.output}}" },
            ),
            step("side", { input: "{{steps.w1.output}}" }),
          ],
        },
        step("after", { input: ["{{steps.w1.output}}", "{{steps.agg.output}}", "{{steps.side.status}}"] }),
      ]),
    ).toEqual([
      { field: `${h}.supervisor.input`, message: "step 'sup': refers to step 'w1', which runs after it (a cycle)" },
      {
        field: `${h}.workers[0].input`,
        message: "step 'w1': refers to step 'w2', which runs in parallel with it (a race)",
      },
      { field: `${h}.workers[1].input`, message: "step 'w2': refers to step 'agg', which runs after it (a cycle)" },
      {
        field: "steps[0].parallel[1].input",
        message: "step 'side': refers to step 'w1', which runs in parallel with it (a race)",
      },
    ]);
  });

  test("{{workers}} only in an aggregate step, and only naming that group's workers", () => {
    expect(
      stepsIssues([
        step("a", { input: "{{workers}}" }),
        hier(step("s", { input: "{{workers.w}}" }), [step("w", { input: "{{workers}}" }), { parallel: [step("v")] }], {
          id: "g",
          input: { all: "{{workers}}", v: "{{workers.v.ok}}", bad: "{{workers.a}}" },
        }),
      ]),
    ).toEqual([
      {
        field: "steps[0].input",
        message: "step 'a': {{workers}} is only available in the aggregate step of a hierarchical group",
      },
      {
        field: "steps[1].hierarchical.supervisor.input",
        message: "step 's': {{workers.w}} is only available in the aggregate step of a hierarchical group",
      },
      {
        field: "steps[1].hierarchical.workers[0].input",
        message: "step 'w': {{workers}} is only available in the aggregate step of a hierarchical group",
      },
      {
        field: "steps[1].hierarchical.aggregate.input.bad",
        message: "step 'g': 'a' is not a worker of this hierarchical group (workers: w, v)",
      },
    ]);
  });

  test("a reference to a step of a group too broken to place is not reported as unknown", () => {
    expect(
      stepsIssues([
        { hierarchical: { supervisor: step("s"), workers: [step("w")] } },
        step("b", { input: "{{steps.w.output}}" }),
      ]),
    ).toEqual(
      one("steps[0].hierarchical.aggregate", "the hierarchical group of supervisor 's' needs an aggregate step"),
    );
  });
});

test("validateTemplate(): every issue of a template in one ValidationError, first as its field/message", () => {
  let error: unknown;
  try {
    validateTemplate(
      {
        name: "",
        parameters: { type: "object", properties: { suite: { type: "string" } }, required: ["tag"] },
        steps: [
          step("implement", { agent: "CodeAgent", input: "{{steps.review.output}}" }),
          { parallel: [] },
          step("review", { timeout_ms: 0, input: "{{params.suit}}" }),
          step("implement"),
        ],
      },
      agents,
    );
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  const v = error as ValidationError;
  expect(v.issues).toEqual([
    { field: "name", message: "must not be empty" },
    { field: "parameters.required[0]", message: "required parameter 'tag' is not defined in properties" },
    { field: "steps[0].agent", message: "step 'implement': unknown agent 'CodeAgent' (did you mean 'codeAgent'?)" },
    { field: "steps[1].parallel", message: "a parallel group needs at least one node" },
    {
      field: "steps[2].timeout_ms",
      message: "step 'review': timeout_ms must be a whole number of milliseconds from 1 to 86400000",
    },
    { field: "steps[3].id", message: "step 'implement': duplicate step id (also used at steps[0])" },
    { field: "steps[0].input", message: "step 'implement': refers to step 'review', which runs after it (a cycle)" },
    {
      field: "steps[2].input",
      message: "step 'review': unknown parameter 'suit' in {{params.suit}} (did you mean 'suite'?)",
    },
  ]);
  expect([v.field, v.message]).toEqual(["name", "name: must not be empty"]);
});

describe("compileSchema()", () => {
  const artifact: JsonSchema = {
    type: "object",
    required: ["artifact"],
    properties: { artifact: { type: "string" }, kind: { enum: ["zip", "tgz"] } },
    additionalProperties: false,
  };

  test("ok, or every error as '<instancePath> <message>'", () => {
    const check = compileSchema(artifact);
    expect(check({ artifact: "a.tgz", kind: "tgz" })).toEqual({ ok: true });
    expect(check({ artifact: 5, kind: "rar", extra: 1 })).toEqual({
      ok: false,
      errors: [
        "must NOT have additional properties ('extra')",
        "/artifact must be string",
        '/kind must be equal to one of the allowed values: "zip", "tgz"',
      ],
    });
    expect(check({})).toEqual({ ok: false, errors: ["must have required property 'artifact'"] });
    expect(check([])).toEqual({ ok: false, errors: ["must be object"] });
  });

  test("equal schemas share a compiled validator (so an $id compiles twice), the caller's object may change", () => {
    const schema: JsonSchema = {
      $id: "https://baton.test/out",
      type: "object",
      properties: { n: { type: "integer" } },
    };
    const first = compileSchema(schema);
    (schema.properties as Record<string, unknown>).n = { type: "string" };
    expect(first({ n: 1 })).toEqual({ ok: true });
    expect(
      compileSchema({ $id: "https://baton.test/out", type: "object", properties: { n: { type: "integer" } } })({
        n: "x",
      }),
    ).toEqual({
      ok: false,
      errors: ["/n must be integer"],
    });
  });

  test("formats are annotations; an invalid schema throws Ajv's error", () => {
    expect(compileSchema({ type: "string", format: "email" })("not an email")).toEqual({ ok: true });
    expect(() => compileSchema({ type: "object", requried: [] })).toThrow('strict mode: unknown keyword: "requried"');
  });
});

describe("validateParams()", () => {
  const parameters: JsonSchema = {
    type: "object",
    required: ["count"],
    properties: {
      suite: { type: "string", enum: ["unit", "e2e", "all"], default: "all" },
      count: { type: "integer", minimum: 1 },
      config: {
        type: "object",
        properties: { depth: { type: "integer", default: 2 }, tags: { type: "array", items: { type: "string" } } },
        additionalProperties: false,
        default: {},
      },
    },
  };

  test("defaults applied (nested too) to a copy; the caller's object is untouched", () => {
    const given = { count: 3, config: { tags: ["x"] } };
    expect(validateParams(parameters, given)).toEqual({ count: 3, suite: "all", config: { depth: 2, tags: ["x"] } });
    expect(given).toEqual({ count: 3, config: { tags: ["x"] } });
    expect(validateParams({ type: "object", properties: { s: { type: "string", default: "d" } } }, undefined)).toEqual({
      s: "d",
    });
  });

  test("every problem at once: unknown names (whatever additionalProperties says), required, types, nested paths", () => {
    let error: unknown;
    try {
      validateParams(parameters, {
        suit: "unit",
        suite: "smoke",
        config: { depth: "deep", tags: ["a", 2], colour: 1 },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { field: "params.suit", message: "unknown parameter 'suit' (did you mean 'suite'?)" },
      { field: "params.count", message: "required parameter 'count' is missing" },
      { field: "params.suite", message: 'must be equal to one of the allowed values: "unit", "e2e", "all"' },
      { field: "params.config.colour", message: "unknown property 'colour'" },
      { field: "params.config.depth", message: "must be integer" },
      { field: "params.config.tags[1]", message: "must be string" },
    ]);
  });

  test("an unknown name is reported once even when the schema forbids additional properties", () => {
    const closed = { type: "object", properties: { a: { type: "string" } }, additionalProperties: false };
    expect(() => validateParams(closed, { b: 1 })).toThrow(ValidationError);
    try {
      validateParams(closed, { b: 1 });
    } catch (e) {
      expect((e as ValidationError).issues).toEqual([{ field: "params.b", message: "unknown parameter 'b'" }]);
    }
  });

  test("params must be an object", () => {
    expect(() => validateParams(parameters, ["x"])).toThrow("params: must be an object of parameter values");
  });
});

describe("validateTemplate(): large templates", () => {
  // Every step used to carry the set of all steps before it: 16,000 steps in a row ran the server
  // out of memory. Happens-before is now read from each step's place in the tree.
  test("20,000 steps in a row, each reading the one before: valid; one reading ahead: a cycle", () => {
    const n = 20_000;
    const steps = Array.from({ length: n }, (_, i) =>
      step(`s${i}`, { agent: "builder", ...(i > 0 ? { input: { prev: `{{steps.s${i - 1}.output}}` } } : {}) }),
    );
    expect(validateTemplate({ name: "long", steps }, agents).steps).toHaveLength(n);
    const ahead = steps.map((s, i) => (i === 10 ? { ...s, input: { next: "{{steps.s19999.output}}" } } : s));
    expect(stepsIssues(ahead)).toEqual([
      { field: "steps[10].input.next", message: "step 's10': refers to step 's19999', which runs after it (a cycle)" },
    ]);
  });

  test("a parallel group of 5,000 whose members read a sibling: each one a race, found without pairwise sets", () => {
    const members = Array.from({ length: 5000 }, (_, i) =>
      step(`p${i}`, { agent: "tester", ...(i % 1000 === 1 ? { input: "{{steps.p0.status}}" } : {}) }),
    );
    const issues = stepsIssues([{ parallel: members }]);
    expect(issues.map((i) => i.field)).toEqual([1, 1001, 2001, 3001, 4001].map((i) => `steps[0].parallel[${i}].input`));
    expect(issues[0]?.message).toBe("step 'p1': refers to step 'p0', which runs in parallel with it (a race)");
  });
});
