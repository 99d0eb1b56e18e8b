// The `builtin` runner: agents implemented inside Baton (builtins/), chosen by `settings.name`
// and given `settings.options`. A builtin reports failure by throwing; this turns that into a
// step failure with its message, and stops waiting on cancellation or timeout.
import type { BuiltinAgent, BuiltinContext, JsonObject, Runner, RunnerInvocation, RunnerResult } from "../types.js";
import { pathInside } from "../builtins/docs-sync-file.js";
import type { FileSnapshots } from "../file-snapshots.js";
import { parseSettings, runnerOf, settleWithin } from "./support.js";

export function builtinRunner(
  registry: ReadonlyMap<string, BuiltinAgent>,
  context: Omit<BuiltinContext, "signal">,
  /** Where a run's files are saved before a builtin overwrites them (absent: such a builtin is refused in a run). */
  snapshots?: FileSnapshots,
): Runner {
  async function run(invocation: RunnerInvocation): Promise<RunnerResult> {
    const parsed = parseSettings("builtin", invocation.agent.settings);
    if (!parsed.ok) return parsed;
    const { name, options } = parsed.value;
    const agent = registry.get(name);
    if (!agent) {
      const known = [...registry.keys()].sort().join(", ");
      return { ok: false, error: `unknown builtin agent '${name}' (known: ${known || "none"})` };
    }
    if (agent.writes && invocation.runId) {
      try {
        const files = agent.writes(invocation.input ?? null, (options ?? {}) as JsonObject);
        if (files.length && !snapshots)
          return { ok: false, error: `builtin '${name}' writes files, and this runner cannot snapshot them` };
        if (snapshots)
          await snapshots.take(
            invocation.runId,
            files.map((f) => pathInside(context.workdir, f)),
          );
      } catch (e) {
        return { ok: false, error: (e as Error).message };
      }
    }
    const work = Promise.resolve().then(() =>
      agent.run(invocation.input ?? null, (options ?? {}) as JsonObject, { ...context, signal: invocation.signal }),
    );
    const outcome = await settleWithin(work, invocation.signal, invocation.timeoutMs);
    return outcome.ok ? { ok: true, outputs: outcome.value ?? null } : outcome;
  }

  return runnerOf("builtin", run);
}
