// Every step of the run with its live state: status, attempts, timing, its runner, its outputs as
// JSON and its error; a step that ran links to its execution on the timeline below.
import { useNow } from "../hooks/use-now.ts";
import type { LiveRunData } from "../hooks/use-live-run.ts";
import { elapsedMs, formatDuration } from "../lib/duration.ts";
import type { StepRunner } from "../lib/runner-label.ts";
import { isFinished, statusColor } from "../lib/status.ts";
import { JsonBlock } from "./json-block.tsx";
import { RunStatusBadge } from "./run-status-badge.tsx";
import { StepRunnerBadge } from "./step-runner-badge.tsx";

type Step = LiveRunData["steps"][number];

interface StepStatesProps {
  steps: readonly Step[];
  runnerOf: (stepId: string) => StepRunner;
  onShowExecution: (executionId: string) => void;
}

export function StepStates({ steps, runnerOf, onShowExecution }: StepStatesProps) {
  const now = useNow(steps.some((s) => s.status === "running"));
  return (
    <ol className="step-states" aria-label="Step states" data-testid="step-states">
      {[...steps]
        .sort((a, b) => a.position - b.position)
        .map((s) => (
          <StepState key={s.stepId} step={s} runner={runnerOf(s.stepId)} now={now} onShowExecution={onShowExecution} />
        ))}
    </ol>
  );
}

function StepState({
  step: s,
  runner,
  now,
  onShowExecution,
}: {
  step: Step;
  runner: StepRunner;
  now: number;
  onShowExecution: (id: string) => void;
}) {
  const ms = elapsedMs(s.startedAt, isFinished(s.status) ? s.endedAt : null, now);
  return (
    <li
      className="step-state"
      data-testid="step-state"
      data-step-id={s.stepId}
      data-status={s.status}
      style={{ borderLeftColor: statusColor(s.status) }}
    >
      <header className="step-state-head">
        <strong className="step-state-id">{s.stepId}</strong>
        <RunStatusBadge status={s.status} testId="step-status" />
        {s.role !== "step" ? <span className="flow-node-role">{s.role}</span> : null}
        <span className="step-state-agent">{s.agentName}</span>
        <StepRunnerBadge kind={runner.kind} source={runner.source} agent={s.agentName} />
        <span className="step-state-meta">
          {s.attempts > 1 ? `${s.attempts} attempts` : s.attempts === 1 ? "1 attempt" : "not started"}
          {ms !== null ? ` · ${formatDuration(ms)}` : ""}
        </span>
        {s.executionId ? (
          <button type="button" className="link-button" onClick={() => onShowExecution(s.executionId as string)}>
            Execution
          </button>
        ) : null}
      </header>
      {s.error ? (
        <pre className="execution-error" data-testid="step-error">
          {s.error}
        </pre>
      ) : null}
      {s.outputs !== null && s.outputs !== undefined ? (
        <details className="step-outputs" open>
          <summary>Outputs</summary>
          <JsonBlock value={s.outputs} testId="step-outputs" />
        </details>
      ) : null}
    </li>
  );
}
