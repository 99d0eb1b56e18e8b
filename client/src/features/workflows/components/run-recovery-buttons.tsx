// What to do with a run that ended: resume a failed or cancelled one from where it stopped (its
// succeeded steps are kept), re-run it as a new run with the same parameters, or roll it back
// (its steps' compensations, then the files it wrote; once).
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { useMutation } from "urql";
import { errorMessage } from "../../../components/ui/query-state.tsx";
import { graphql } from "../../../gql/index.ts";
import { runPath } from "../lib/paths.ts";

const ResumeWorkflowRun = graphql(`
  mutation ResumeWorkflowRun($id: ID!) {
    resumeWorkflowRun(id: $id) {
      __typename
      ... on WorkflowRun {
        id
        status
        error
        failedStepId
      }
      ... on ConflictError {
        message
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

const RerunWorkflowRun = graphql(`
  mutation RerunWorkflowRun($id: ID!) {
    rerunWorkflowRun(id: $id) {
      __typename
      ... on WorkflowRun {
        id
      }
      ... on ConflictError {
        message
      }
      ... on NotFoundError {
        message
      }
      ... on ValidationError {
        message
      }
    }
  }
`);

const RollbackWorkflowRun = graphql(`
  mutation RollbackWorkflowRun($id: ID!) {
    rollbackWorkflowRun(id: $id) {
      __typename
      ... on WorkflowRun {
        id
        status
        error
      }
      ... on ConflictError {
        message
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export function RunRecoveryButtons({
  runId,
  status,
  failedStepId,
}: {
  runId: string;
  /** The run's status in the dashboard's words (`failed`). */
  status: string;
  failedStepId: string | null;
}) {
  const navigate = useNavigate();
  const [resumeState, resume] = useMutation(ResumeWorkflowRun);
  const [rerunState, rerun] = useMutation(RerunWorkflowRun);
  const [rollbackState, rollback] = useMutation(RollbackWorkflowRun);
  const [error, setError] = useState<string | null>(null);
  // A run is rolled back once; a rolled-back run is not resumed (re-run it instead).
  const rollbackable = status === "succeeded" || status === "failed" || status === "cancelled";
  const resumable = status === "failed" || status === "cancelled";
  const resumeLabel = failedStepId ? `Retry '${failedStepId}'` : "Resume";

  const onResume = async () => {
    const what = failedStepId
      ? `Retry step '${failedStepId}' and run the steps after it? Steps that succeeded are kept.`
      : "Resume this run from where it stopped? Steps that succeeded are kept.";
    if (!window.confirm(what)) return;
    setError(null);
    const r = await resume({ id: runId });
    const out = r.data?.resumeWorkflowRun;
    if (r.error) setError(errorMessage(r.error));
    else if (out && out.__typename !== "WorkflowRun") setError(out.message);
  };
  const onRerun = async () => {
    if (!window.confirm("Start a new run of this definition with the same parameters?")) return;
    setError(null);
    const r = await rerun({ id: runId });
    const out = r.data?.rerunWorkflowRun;
    if (r.error) setError(errorMessage(r.error));
    else if (out?.__typename === "WorkflowRun") void navigate(runPath(out.id));
    else if (out) setError(out.message);
  };
  const onRollback = async () => {
    if (
      !window.confirm(
        "Roll this run back? The compensations of its succeeded steps run, last finished first, and the files it wrote are restored. This cannot be undone.",
      )
    )
      return;
    setError(null);
    const r = await rollback({ id: runId });
    const out = r.data?.rollbackWorkflowRun;
    if (r.error) setError(errorMessage(r.error));
    else if (out && out.__typename !== "WorkflowRun") setError(out.message);
    else if (out?.status === "ROLLBACK_FAILED") setError(out.error ?? "the rollback failed");
  };
  return (
    <div className="button-group">
      {resumable ? (
        <button
          type="button"
          className="button button-primary"
          disabled={resumeState.fetching}
          onClick={() => void onResume()}
        >
          {resumeLabel}
        </button>
      ) : null}
      <button type="button" className="button" disabled={rerunState.fetching} onClick={() => void onRerun()}>
        Re-run
      </button>
      {rollbackable ? (
        <button
          type="button"
          className="button button-danger"
          disabled={rollbackState.fetching}
          onClick={() => void onRollback()}
        >
          Roll back
        </button>
      ) : null}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
