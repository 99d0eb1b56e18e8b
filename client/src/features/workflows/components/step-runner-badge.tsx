import { runnerLabel, runnerTitle } from "../lib/runner-label.ts";

interface StepRunnerBadgeProps {
  /** null: the agent is not registered; undefined: not known here. */
  kind: string | null | undefined;
  /** `step` (the template overrides the agent's runner) or `agent`. */
  source: string;
  agent: string;
}

/** Which runner a step uses and where that comes from: "mock (step override)", "claude (agent)". */
export function StepRunnerBadge({ kind, source, agent }: StepRunnerBadgeProps) {
  return (
    <span
      className={`badge badge-${kind ?? "missing"}${source === "step" ? " badge-override" : ""}`}
      data-testid="step-runner"
      data-runner-kind={kind ?? ""}
      data-runner-source={source}
      title={runnerTitle(kind, source, agent)}
    >
      {runnerLabel(kind, source)}
    </span>
  );
}
