// The aggregate step of a hierarchical group (release, test-parallel): the workers' outputs by
// step id, with the test counts TestAgent reports summed — passed/failed added up, coverage
// averaged over the workers that measured it — and their failures listed with the worker named.
import type { BuiltinAgent, Json, JsonObject } from "../types.js";
import { isObject, objectInput } from "./input.js";

export function aggregateWorkers(workers: JsonObject): JsonObject {
  const result: JsonObject = { count: Object.keys(workers).length, workers, ok: true };
  let passed: number | null = null;
  let failed: number | null = null;
  const coverages: number[] = [];
  let coverageSeen = false;
  let failures: Json[] | null = null;
  for (const [id, outputs] of Object.entries(workers)) {
    if (!isObject(outputs)) continue;
    if (typeof outputs.passed === "number") passed = (passed ?? 0) + outputs.passed;
    if (typeof outputs.failed === "number") failed = (failed ?? 0) + outputs.failed;
    if ("coverage" in outputs) coverageSeen = true;
    if (typeof outputs.coverage === "number") coverages.push(outputs.coverage);
    if (Array.isArray(outputs.failures)) {
      failures ??= [];
      for (const f of outputs.failures) failures.push(isObject(f) ? { worker: id, ...f } : { worker: id, failure: f });
    }
  }
  if (passed !== null) result.passed = passed;
  if (failed !== null) result.failed = failed;
  // A worker that could not measure coverage reports null: it does not drag the average to 0.
  if (coverageSeen)
    result.coverage = coverages.length > 0 ? coverages.reduce((a, b) => a + b, 0) / coverages.length : null;
  if (failures !== null) result.failures = failures;
  return result;
}

export const aggregate: BuiltinAgent = {
  name: "aggregate",
  description: "Combines worker outputs: count, passed/failed summed, coverage averaged, failures listed.",
  async run(input) {
    const { workers } = objectInput(input, "aggregate");
    if (!isObject(workers)) throw new Error("aggregate: input.workers must be an object of worker outputs by step id");
    return aggregateWorkers(workers);
  },
};
