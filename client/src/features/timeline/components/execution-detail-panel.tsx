// The side panel for the selected execution. It fetches the execution by id (with inputs, outputs
// and its chain) and refetches when the timeline sees it change (an in-progress one finishing). Key it by id.
import { useEffect, useRef } from "react";
import { useQuery } from "urql";
import { ErrorPanel, Loading } from "../../../components/ui/query-state.tsx";
import { graphql } from "../../../gql/index.ts";
import { errorWithCode } from "../../../lib/graphql-errors.ts";
import { ExecutionDetail } from "./execution-detail.tsx";

const ExecutionDetailQuery = graphql(`
  query ExecutionDetail($id: ID!) {
    execution(id: $id) {
      id
      ...ExecutionDetailExecution
    }
  }
`);

interface ExecutionDetailPanelProps {
  id: string;
  /** Changes when the timeline sees the execution change; the panel then refetches. */
  version: string;
  onClose: () => void;
}

export function ExecutionDetailPanel({ id, version, onClose }: ExecutionDetailPanelProps) {
  const [result, refetch] = useQuery({ query: ExecutionDetailQuery, variables: { id } });
  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    refetch({ requestPolicy: "network-only" });
  }, [version, refetch]);
  const execution = result.data?.execution;
  const notFound = errorWithCode(result.error, "NOT_FOUND");
  return (
    <aside className="panel execution-detail" data-testid="execution-detail" aria-label="Execution detail">
      <header className="execution-detail-head">
        <h2>Execution</h2>
        <button type="button" className="button button-small button-ghost" aria-label="Close detail" onClick={onClose}>
          ✕
        </button>
      </header>
      {result.error && !execution && !notFound ? (
        <ErrorPanel error={result.error} title="Could not load the execution" />
      ) : null}
      {!execution && result.fetching ? <Loading label="Loading execution…" /> : null}
      {notFound ? <ErrorPanel error={notFound.message} title="Not found" /> : null}
      {execution ? <ExecutionDetail execution={execution} /> : null}
    </aside>
  );
}
