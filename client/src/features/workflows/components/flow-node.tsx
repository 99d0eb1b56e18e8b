import type { StepRunner } from "../lib/runner-label.ts";
import type { TreeStep } from "../lib/step-tree.ts";
import { statusColor, statusLabel } from "../lib/status.ts";
import { StepRunnerBadge } from "./step-runner-badge.tsx";

interface FlowNodeProps {
  step: TreeStep;
  runner: StepRunner;
  /** In a run: the step's status (border and dot in the status colour). */
  status?: string | undefined;
}

/** One step of the flow diagram: its id, its agent, its role in a group, and its runner. */
export function FlowNode({ step, runner, status }: FlowNodeProps) {
  const color = status ? statusColor(status) : undefined;
  return (
    <div
      className={`flow-node flow-role-${step.role}${status ? " flow-node-live" : ""}`}
      data-testid="flow-node"
      data-step-id={step.id}
      data-status={status}
      style={color ? { borderColor: color, boxShadow: `inset 3px 0 0 ${color}` } : undefined}
    >
      <div className="flow-node-head">
        {status ? (
          <span className="status-dot" style={{ background: color }} role="img" aria-label={statusLabel(status)} />
        ) : null}
        <strong className="flow-node-id" title={step.id}>
          {step.id}
        </strong>
        {step.role !== "step" ? <span className="flow-node-role">{step.role}</span> : null}
        {step.optional ? <span className="flow-node-role">optional</span> : null}
      </div>
      <div className="flow-node-agent" title={step.agent}>
        {step.agent}
      </div>
      <StepRunnerBadge kind={runner.kind} source={runner.source} agent={step.agent} />
    </div>
  );
}
