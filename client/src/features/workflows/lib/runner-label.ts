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
