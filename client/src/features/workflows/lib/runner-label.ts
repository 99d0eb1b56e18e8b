// Which runner a step uses, said the way the template reader needs it: the kind, and whether the
// template overrides the agent's runner for this step ("mock (step override)") or the agent's own
// runner applies ("claude (agent)").

export function runnerLabel(kind: string | null, source: string): string {
  if (!kind) return "no runner (agent not registered)";
  return `${kind} (${source === "step" ? "step override" : "agent"})`;
}

export function runnerTitle(kind: string | null, source: string, agent: string): string {
  if (!kind) return `Agent ${agent} is not registered: the step will fail`;
  return source === "step"
    ? `The template overrides ${agent}'s runner for this step: it runs with the ${kind} runner`
    : `Runs with ${agent}'s own ${kind} runner`;
}
