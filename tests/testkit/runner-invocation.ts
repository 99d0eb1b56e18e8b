// One runner invocation for runner unit tests: the agent's kind and settings, the input, and the
// bookkeeping ids every invocation carries (`over` replaces any of them).
import type { Json, JsonObject, RunnerInvocation, RunnerKind } from "../../server/engine/types.js";

export function invocation(
  kind: RunnerKind,
  settings: JsonObject,
  input: Json,
  over: Partial<RunnerInvocation> = {},
  name = "ReviewAgent",
): RunnerInvocation {
  return {
    agent: { name, kind, settings },
    input,
    signal: new AbortController().signal,
    timeoutMs: null,
    runId: "run-1",
    stepId: "step-1",
    attempt: 1,
    executionId: "exec-1",
    ...over,
  };
}
