// One run, live: its header (status, params, timing, the failed step), the flow coloured by each
// step's status, every step's state with outputs and errors, and its executions on the timeline.
import { useMemo } from "react";
import { Link, useParams } from "react-router-dom";
import { PageHeader } from "../components/ui/page-header.tsx";
import { EmptyState, ErrorPanel, Loading } from "../components/ui/query-state.tsx";
import { CancelRunButton } from "../features/workflows/components/cancel-run-button.tsx";
import { FlowDiagram } from "../features/workflows/components/flow-diagram.tsx";
import { RunRecoveryButtons } from "../features/workflows/components/run-recovery-buttons.tsx";
import { RunStatusBadge } from "../features/workflows/components/run-status-badge.tsx";
import { RunSummary } from "../features/workflows/components/run-summary.tsx";
import { RunTimeline } from "../features/workflows/components/run-timeline.tsx";
import { StepStates } from "../features/workflows/components/step-states.tsx";
import { workflowPath } from "../features/workflows/lib/paths.ts";
import { type LiveRunData, useLiveRun } from "../features/workflows/hooks/use-live-run.ts";
import { useStepRunners } from "../features/workflows/hooks/use-step-runners.ts";
import { isFinished } from "../features/workflows/lib/status.ts";
import { useSearchParamUpdater } from "../lib/use-search-param-updater.ts";

export function WorkflowRunPage() {
  const { runId = "" } = useParams();
  const { run, notFound, error, fetching } = useLiveRun(runId);
  const [params, update] = useSearchParamUpdater();
  const selectedId = params.get("execution");

  return (
    <>
      <title>{`Run ${runId.slice(-8)}${run ? ` · ${run.workflowName}` : ""} · Baton`}</title>
      <PageHeader
        back={
          run?.workflowId ? (
            <Link to={workflowPath(run.workflowName)}>← {run.workflowName}</Link>
          ) : (
            <Link to="/workflows">← Workflows</Link>
          )
        }
        title={run ? `${run.workflowName} run` : "Workflow run"}
        badge={run ? <RunStatusBadge status={run.status} /> : null}
        actions={
          run && !isFinished(run.status) ? (
            <CancelRunButton runId={run.id} requested={run.cancelRequested} />
          ) : run ? (
            <RunRecoveryButtons runId={run.id} status={run.status} failedStepId={run.failedStepId ?? null} />
          ) : null
        }
      />
      {error && !run && !notFound ? <ErrorPanel error={error} title="Could not load the run" /> : null}
      {fetching && !run && !notFound ? <Loading label="Loading run…" /> : null}
      {notFound ? (
        <EmptyState title="Run not found">
          <p>{notFound}</p>
          <Link to="/workflows">Back to workflows</Link>
        </EmptyState>
      ) : null}
      {run ? <RunView run={run} selectedId={selectedId} onSelect={(id) => update({ execution: id })} /> : null}
    </>
  );
}

function RunView({
  run,
  selectedId,
  onSelect,
}: {
  run: LiveRunData;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}) {
  const definitionSteps = (run.definition as { steps?: unknown } | null)?.steps;
  const stepList = run.workflow?.stepList ?? null;
  const runnerOf = useStepRunners(run.workflow?.stepList, definitionSteps);
  const statuses = useMemo(() => Object.fromEntries(run.steps.map((s) => [s.stepId, s.status])), [run.steps]);
  return (
    <div className="run-view">
      <RunSummary run={run} />
      <section className="panel flow-panel" aria-labelledby="run-flow-title">
        <h2 id="run-flow-title" className="section-title">
          Steps
        </h2>
        <FlowDiagram steps={definitionSteps} stepList={stepList} statuses={statuses} />
        <StepStates steps={run.steps} runnerOf={runnerOf} onShowExecution={onSelect} />
      </section>
      <RunTimeline
        runId={run.id}
        executions={run.executions}
        createdAt={run.createdAt}
        startedAt={run.startedAt}
        endedAt={run.endedAt}
        selectedId={selectedId}
        onSelect={onSelect}
      />
    </div>
  );
}
