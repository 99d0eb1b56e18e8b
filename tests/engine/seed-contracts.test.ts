// Contract tests of the seeded templates (server/seed/workflows.ts) against the seeded agents'
// contracts (server/seed/contracts.ts): every handoff between steps reads only fields the producing
// step's output contract declares, and a broken copy of each template — every read pointed at a field
// nobody declares — is refused, one issue per read. Written over whatever templates the seed holds.
import { describe, expect, test } from "vitest";
import { resolvePath } from "../../server/engine/contracts.js";
import { scanReferences } from "../../server/engine/expressions.js";
import { validateTemplate } from "../../server/engine/template.js";
import type { Json, JsonObject } from "../../server/engine/types.js";
import { ValidationError } from "../../server/errors.js";
import { seedAgents } from "../../server/seed/agents.js";
import { seedContracts } from "../../server/seed/contracts.js";
import { seedWorkflows } from "../../server/seed/workflows.js";

const agentNames = new Set(seedAgents.map((a) => a.name));
const lookup = (name: string) => seedContracts[name] ?? null;

const validate = (w: { name: string; parameters: JsonObject; steps: unknown }) =>
  validateTemplate({ name: w.name, parameters: w.parameters, steps: w.steps }, agentNames, { contracts: lookup });

/** Every read of another step's output: consumer, producer, path inside the output. */
function handoffs(w: (typeof seedWorkflows)[number]) {
  const { steps } = validate(w);
  const byId = new Map(steps.map((s) => [s.id, s]));
  return steps.flatMap((s) =>
    scanReferences((s.def.input ?? {}) as Json).refs.flatMap(({ ref }) => {
      if (ref.root === "steps" && ref.path[0] === "output")
        return [{ consumer: s.id, producer: byId.get(ref.name ?? ""), path: ref.path.slice(1), text: ref.text }];
      if (ref.root === "workers" && ref.name !== undefined)
        return [{ consumer: s.id, producer: byId.get(ref.name), path: ref.path, text: ref.text }];
      return [];
    }),
  );
}

/** The template with `.no_such_field` added to every read of a step's (or worker's) output. */
const broken = (steps: unknown): unknown =>
  JSON.parse(
    JSON.stringify(steps).replace(
      /\{\{\s*((?:steps\.[\w$-]+\.output|workers\.[\w$-]+)(?:[.[][^}]*)?)\s*\}\}/g,
      "{{$1.no_such_field}}",
    ),
  );

describe("seeded agents", () => {
  test("every seeded agent declares both contracts, and agents.ts registers them", () => {
    for (const agent of seedAgents) {
      expect(Object.keys(seedContracts)).toContain(agent.name);
      expect(agent.inputSchema, agent.name).toEqual(seedContracts[agent.name]?.input);
      expect(agent.outputSchema, agent.name).toEqual(seedContracts[agent.name]?.output);
      expect(agent.outputSchema, agent.name).not.toBeNull();
    }
  });
});

describe.each(seedWorkflows.map((w) => [w.name, w] as const))("seeded template %s", (_name, workflow) => {
  test("validates against the seeded agents' contracts", () => {
    expect(() => validate(workflow)).not.toThrow();
  });

  test("each step's output contract provides every field the steps after it read", () => {
    for (const h of handoffs(workflow)) {
      const producer = h.producer;
      if (!producer) throw new Error(`${h.text} reads an unknown step`);
      const contracts = [lookup(producer.agent)?.output, producer.def.output_schema].filter((c) => c);
      expect(contracts.length, `${producer.id} has an output contract`).toBeGreaterThan(0);
      const verdicts = contracts.map((c) => resolvePath(c, h.path).kind);
      expect(verdicts, `${h.consumer} reads ${h.text}`).toContain("declared");
    }
  });

  test("a broken copy, reading a field no contract declares, is refused once per read", () => {
    const reads = handoffs(workflow);
    if (reads.length === 0) return; // a template whose steps hand nothing on has nothing to break
    let refused: ValidationError | null = null;
    try {
      validate({ ...workflow, steps: broken(workflow.steps) });
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      refused = e;
    }
    expect(refused?.issues.map((i) => i.message)).toEqual(
      reads.map((h) => expect.stringContaining(`'${h.consumer}': ${h.text.replace(/\s*\}\}$/, ".no_such_field}}")}`)),
    );
  });
});

test("the seed's templates hand outputs on at all (the contract tests above are not vacuous)", () => {
  const counts = Object.fromEntries(seedWorkflows.map((w) => [w.name, handoffs(w).length]));
  expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  expect(counts["tdd-cycle"]).toBe(3); // implement reads test_files and failures, verify reads test_files
});
