// Which runner a step uses, said the way the template reader needs it: the kind, and whether the
// template overrides the agent's runner for this step ("mock (step override)") or the agent's own
// runner applies ("claude (agent)").

/** `kind` undefined: not known here (a run whose template was deleted, without an override). */
export function runnerLabel(kind: string | null | undefined, source: string): string {
  if (kind === undefined) return "agent's runner";
  if (!kind) return "no runner (agent not registered)";
  return `${kind} (${source === "step" ? "step override" : "agent"})`;
}

export function runnerTitle(kind: string | null | undefined, source: string, agent: string): string {
  if (kind === undefined) return `Runs with ${agent}'s runner`;
  if (!kind) return `Agent ${agent} is not registered: the step will fail`;
  return source === "step"
    ? `The template overrides ${agent}'s runner for this step: it runs with the ${kind} runner`
    : `Runs with ${agent}'s own ${kind} runner`;
}

/** The runner a step shows: kind (undefined when not known here) and source (`step` or `agent`). */
export interface StepRunner {
  kind: string | null | undefined;
  source: string;
}

/**
 * A lookup of each step's runner: the template's flattened steps say it (the API resolves the
 * agent's runner); without them (a run whose template was deleted) the step tree's own override,
 * else "the agent's runner", kind unknown.
 */
export function stepRunners(
  known: readonly { id: string; runnerKind?: string | null; runnerSource: string }[] | null,
  overrides: readonly { id: string; runnerOverride: string | null }[],
): (stepId: string) => StepRunner {
  const byId = new Map((known ?? []).map((s) => [s.id, { kind: s.runnerKind ?? null, source: s.runnerSource }]));
  const own = new Map(overrides.map((s) => [s.id, s.runnerOverride]));
  return (stepId) => {
    const k = byId.get(stepId);
    if (k) return k;
    const o = own.get(stepId);
    return o ? { kind: o, source: "step" } : { kind: undefined, source: "agent" };
  };
}
