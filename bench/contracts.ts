// Cost of agent contracts, in-process (no server):
//   - the static check when a template is saved: validateTemplate on the largest seeded template
//     (by step count) with the seeded agents' contracts, against the same call without them (the
//     baseline: everything else validateTemplate does); the difference is the contract check.
//   - the run-time check per step: a TestAgent step's input against its input_schema plus its
//     output against its output_schema (contractViolation, validators cached as in a run), against
//     the step's own output_schema check the engine already made before contracts (compileSchema, a
//     cache lookup by the schema's JSON text, then the check).
// Each figure is the median of BENCH_CONTRACT_REPS (default 7) rounds of N calls after a warm-up.
import { checkLiteralInputs, checkOutputReferences, contractViolation } from "../server/engine/contracts.js";
import { compileSchema, flattenNodes, validateTemplate } from "../server/engine/template.js";
import type { Json, JsonObject } from "../server/engine/types.js";
import { seedAgents } from "../server/seed/agents.js";
import { seedContracts } from "../server/seed/contracts.js";
import { seedWorkflows } from "../server/seed/workflows.js";
import { machine, median, table } from "./lib/harness.js";

const REPS = Math.max(1, Number(process.env.BENCH_CONTRACT_REPS ?? 7));
const agents = new Set(seedAgents.map((a) => a.name));
const lookup = (name: string) => seedContracts[name] ?? null;

/** µs per call of `fn`, the median of REPS rounds of `n` calls. */
function perCall(fn: () => unknown, n: number): number {
  for (let i = 0; i < n; i++) fn();
  const rounds: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    rounds.push(((performance.now() - t0) * 1000) / n);
  }
  return median(rounds);
}

const stepCount = (w: (typeof seedWorkflows)[number]) =>
  validateTemplate({ name: w.name, parameters: w.parameters, steps: w.steps }, agents).steps.length;
const largest = [...seedWorkflows].sort((a, b) => stepCount(b) - stepCount(a))[0];
if (!largest) throw new Error("no seeded templates");
const input = { name: largest.name, parameters: largest.parameters, steps: largest.steps };
const withContracts = perCall(() => validateTemplate(input, agents, { contracts: lookup }), 2000);
const without = perCall(() => validateTemplate(input, agents), 2000);
const graph = flattenNodes(validateTemplate(input, agents).definition.steps);
const direct = perCall(() => [...checkOutputReferences(graph, lookup), ...checkLiteralInputs(graph, lookup)], 5000);

const testAgent = seedContracts.TestAgent;
if (!testAgent?.input || !testAgent.output) throw new Error("TestAgent has no contracts");
const stepInput: Json = { mode: "verify", suite: "api", test_files: ["tests/api/health.test.ts"] };
const stepOutput: JsonObject = {
  status: "green",
  suite: "api",
  passed: 214,
  failed: 0,
  coverage: 0.88,
  failures: [],
  test_files: ["tests/api/health.test.ts"],
};
const inSchema = testAgent.input;
const outSchema = testAgent.output;
const runtime = perCall(() => {
  contractViolation(inSchema, stepInput);
  contractViolation(outSchema, stepOutput);
}, 20_000);
// As the executor does for a step with an output_schema: compile (a cache lookup) then check.
const stepSchema: JsonObject = { type: "object", required: ["status", "passed", "failed"] };
const baseline = perCall(() => compileSchema(stepSchema)(stepOutput), 20_000);
const broken = perCall(() => contractViolation(outSchema, { ...stepOutput, passed: "214" }), 20_000);

console.log(machine());
console.log(`largest seeded template: ${largest.name} (${stepCount(largest)} steps); ${REPS} rounds, median\n`);
console.log(
  table([
    ["figure", "µs"],
    ["validateTemplate with contracts", withContracts.toFixed(1)],
    ["validateTemplate without (baseline)", without.toFixed(1)],
    ["difference (the contract check inside validateTemplate)", (withContracts - without).toFixed(1)],
    ["static contract check alone (checkOutputReferences + checkLiteralInputs)", direct.toFixed(1)],
    ["run time per step: input + output contracts (valid)", runtime.toFixed(2)],
    ["run time: an output breaking the contract (message built)", broken.toFixed(2)],
    ["baseline: the step's own output_schema (compile lookup + check)", baseline.toFixed(2)],
  ]),
);
