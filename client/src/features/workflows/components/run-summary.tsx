// The run at a glance: status, when and how long, what it was given, how far its steps got, and —
// when it failed — which step failed and why.
import { Link } from "react-router-dom";
import { formatDateTime, plural } from "../../../lib/format.ts";
import { useNow } from "../hooks/use-now.ts";
import type { LiveRunData } from "../hooks/use-live-run.ts";
import { elapsedMs, formatDuration } from "../lib/duration.ts";
import { isFinished } from "../lib/status.ts";
import { JsonBlock } from "./json-block.tsx";
import { RunStatusBadge } from "./run-status-badge.tsx";
import { workflowPath } from "../lib/paths.ts";

export function RunSummary({ run }: { run: LiveRunData }) {
  const now = useNow(!isFinished(run.status));
  const ms = elapsedMs(run.startedAt, run.endedAt, now);
  const done = run.steps.filter((s) => s.status === "succeeded").length;
  const params = run.params && typeof run.params === "object" ? Object.entries(run.params) : [];
  return (
    <section className="panel run-summary" aria-label="Run summary" data-testid="run-summary">
      <dl className="facts facts-inline">
        <dt>Status</dt>
        <dd>
          <RunStatusBadge status={run.status} testId="run-status" />
          {run.cancelRequested && !isFinished(run.status) ? (
            <span className="muted-text"> cancel requested</span>
          ) : null}
        </dd>
        <dt>Started</dt>
        <dd data-testid="run-started">{run.startedAt ? formatDateTime(run.startedAt) : "not yet"}</dd>
        <dt>Duration</dt>
        <dd data-testid="run-duration">
          {ms === null ? "—" : formatDuration(ms)}
          {ms !== null && !run.endedAt ? <span className="muted-text"> so far</span> : null}
        </dd>
        <dt>Workflow</dt>
        <dd>
          {run.workflowId ? <Link to={workflowPath(run.workflowName)}>{run.workflowName}</Link> : run.workflowName}
        </dd>
        <dt>Steps</dt>
        <dd data-testid="run-progress">
          {done} of {plural(run.steps.length, "step")} succeeded
        </dd>
        <dt>Run id</dt>
        <dd>
          <code>{run.id}</code>
        </dd>
      </dl>
      {run.error ? (
        <div className={`run-error run-error-${run.status}`} role="alert" data-testid="run-error">
          <strong>{errorTitle(run)}</strong>
          <pre>{run.error}</pre>
        </div>
      ) : null}
      <h2 className="block-label">Parameters</h2>
      {params.length ? (
        <JsonBlock value={run.params} testId="run-params" what="run parameters" />
      ) : (
        <p className="muted-text">None</p>
      )}
      {run.status === "succeeded" && run.outputs !== null && run.outputs !== undefined ? (
        <>
          <h2 className="block-label">Outputs</h2>
          <JsonBlock value={run.outputs} testId="run-outputs" what="run outputs" />
        </>
      ) : null}
    </section>
  );
}

function errorTitle(run: { status: string; failedStepId?: string | null }): string {
  if (run.failedStepId) return `Failed at step ${run.failedStepId}`;
  return run.status === "cancelled" ? "The run was cancelled" : "The run failed";
}
