// Retry of a failed or cancelled execution: inside a workflow run the run resumes from its step;
// outside one the agent runs again (a new execution, attempt + 1), which the button links to.
import { useState } from "react";
import { Link, useLocation } from "react-router-dom";
import { useMutation } from "urql";
import { errorMessage } from "../../../components/ui/query-state.tsx";
import { graphql } from "../../../gql/index.ts";

const RetryExecution = graphql(`
  mutation RetryExecution($id: ID!) {
    retryExecution(id: $id) {
      __typename
      ... on ExecutionRetry {
        run {
          id
          status
        }
        execution {
          id
          status
          attempt
        }
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

export function RetryExecutionButton({ id }: { id: string }) {
  const [{ fetching }, retry] = useMutation(RetryExecution);
  const [result, setResult] = useState<{ error?: string; executionId?: string; runId?: string } | null>(null);
  const location = useLocation();
  const onClick = async () => {
    const r = await retry({ id });
    const out = r.data?.retryExecution;
    if (r.error) setResult({ error: errorMessage(r.error) });
    else if (out?.__typename === "ExecutionRetry") setResult({ executionId: out.execution?.id, runId: out.run?.id });
    else if (out) setResult({ error: out.message });
  };
  const here = new URLSearchParams(location.search);
  if (result?.executionId) here.set("execution", result.executionId);
  return (
    <>
      {" "}
      <button type="button" className="button button-small" disabled={fetching} onClick={() => void onClick()}>
        Retry
      </button>
      {result?.error ? (
        <span className="field-error" role="alert">
          {result.error}
        </span>
      ) : null}
      {result?.executionId ? (
        <span role="status">
          {" "}
          retried as <Link to={`${location.pathname}?${here.toString()}`}>attempt {"→"} new execution</Link>
        </span>
      ) : null}
      {result?.runId ? (
        <span role="status">
          {" "}
          the run resumes: <Link to={`/workflows/runs/${encodeURIComponent(result.runId)}`}>follow it</Link>
        </span>
      ) : null}
    </>
  );
}
