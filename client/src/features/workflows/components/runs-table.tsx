// Runs, most recent first: which template, how it went, when, how long, and where it failed.
import { Link } from "react-router-dom";
import { type FragmentType, graphql, useFragment } from "../../../gql/index.ts";
import { formatDateTime } from "../../../lib/format.ts";
import { fromEnum } from "../../../lib/graphql-enum.ts";
import { useNow } from "../hooks/use-now.ts";
import { elapsedMs, formatDuration } from "../lib/duration.ts";
import { runPath, workflowPath } from "../lib/paths.ts";
import { isFinished } from "../lib/status.ts";
import { RunStatusBadge } from "./run-status-badge.tsx";

export const RunsTable_WorkflowRunFragment = graphql(`
  fragment RunsTableWorkflowRun on WorkflowRun {
    id
    workflowId
    workflowName
    status
    createdAt
    startedAt
    endedAt
    failedStepId
  }
`);

interface RunsTableProps {
  runs: readonly FragmentType<typeof RunsTable_WorkflowRunFragment>[];
  /** Off on a template's own page, where every run is of that template. */
  showWorkflow?: boolean;
  caption: string;
}

export function RunsTable({ runs: refs, showWorkflow = true, caption }: RunsTableProps) {
  const runs = useFragment(RunsTable_WorkflowRunFragment, refs).map((r) => ({ ...r, status: fromEnum(r.status) }));
  const now = useNow(runs.some((r) => !isFinished(r.status)));
  return (
    <div className="table-scroll">
      <table className="data-table runs-table" data-testid="runs-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {showWorkflow ? <th scope="col">Workflow</th> : null}
            <th scope="col">Run</th>
            <th scope="col">Status</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
            <th scope="col">Failed step</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const ms = elapsedMs(r.startedAt, r.endedAt, now);
            return (
              <tr key={r.id} data-testid="run-row" data-run-id={r.id} data-status={r.status}>
                {showWorkflow ? (
                  <td>
                    {r.workflowId ? (
                      <Link to={workflowPath(r.workflowId)}>{r.workflowName}</Link>
                    ) : (
                      <span title="The template was deleted">{r.workflowName}</span>
                    )}
                  </td>
                ) : null}
                <td>
                  <Link
                    className="mono"
                    to={runPath(r.id)}
                    aria-label={`Run ${r.id.slice(-8)} of ${r.workflowName} (${r.id})`}
                  >
                    {r.id.slice(-8)}
                  </Link>
                </td>
                <td>
                  <RunStatusBadge status={r.status} />
                </td>
                <td>{formatDateTime(r.startedAt ?? r.createdAt)}</td>
                <td className="numeric">{ms === null ? "—" : formatDuration(ms)}</td>
                <td>{r.failedStepId ? <code>{r.failedStepId}</code> : <span className="muted-text">—</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
