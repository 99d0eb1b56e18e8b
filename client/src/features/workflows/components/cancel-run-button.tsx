import { useState } from "react";
import { useMutation } from "urql";
import { errorMessage } from "../../../components/ui/query-state.tsx";
import { graphql } from "../../../gql/index.ts";

const CancelWorkflowRun = graphql(`
  mutation CancelWorkflowRun($id: ID!) {
    cancelWorkflowRun(id: $id) {
      __typename
      ... on WorkflowRun {
        id
        status
        cancelRequested
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

/** Stops a pending or running run: its running steps are aborted, the rest cancelled. */
export function CancelRunButton({ runId, requested }: { runId: string; requested: boolean }) {
  const [{ fetching }, cancel] = useMutation(CancelWorkflowRun);
  const [error, setError] = useState<string | null>(null);
  const onClick = async () => {
    setError(null);
    const r = await cancel({ id: runId });
    const out = r.data?.cancelWorkflowRun;
    if (out && out.__typename !== "WorkflowRun") setError(out.message);
    else if (r.error) setError(errorMessage(r.error));
  };
  return (
    <>
      <button
        type="button"
        className="button button-danger-ghost"
        disabled={fetching || requested}
        onClick={() => void onClick()}
      >
        {requested ? "Cancelling…" : "Cancel run"}
      </button>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}
