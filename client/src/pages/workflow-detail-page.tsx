// One template: what it does, its step tree as a flow with each step's runner, the form that runs
// it, and its recent runs (live).
import { Link, useParams } from "react-router-dom";
import { useQuery } from "urql";
import { ChipList } from "../components/ui/chip.tsx";
import { PageHeader } from "../components/ui/page-header.tsx";
import { EmptyState, ErrorPanel, Loading } from "../components/ui/query-state.tsx";
import { FlowDiagram } from "../features/workflows/components/flow-diagram.tsx";
import { RunForm } from "../features/workflows/components/run-form.tsx";
import { RunsTable } from "../features/workflows/components/runs-table.tsx";
import { useCoalesced } from "../features/workflows/hooks/use-coalesced.ts";
import { useWorkflowRunsEvents } from "../features/workflows/hooks/use-workflow-runs-events.ts";
import { graphql } from "../gql/index.ts";
import { plural } from "../lib/format.ts";
import { errorWithCode } from "../lib/graphql-errors.ts";

const WorkflowDetailPageQuery = graphql(`
  query WorkflowDetailPage($id: ID!) {
    workflow(id: $id) {
      id
      name
      description
      patterns
      runCount
      steps
      stepList {
        id
        ...FlowDiagramWorkflowStep
      }
      ...RunFormWorkflowTemplate
      runs(limit: 10) {
        id
        ...RunsTableWorkflowRun
      }
    }
  }
`);

export function WorkflowDetailPage() {
  const { id = "" } = useParams();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: WorkflowDetailPageQuery,
    variables: { id },
    requestPolicy: "cache-and-network",
  });
  const workflow = data?.workflow ?? undefined;
  const notFound = errorWithCode(error, "NOT_FOUND");
  const refresh = useCoalesced(() => refetch({ requestPolicy: "network-only" }), 150);
  useWorkflowRunsEvents(refresh, { workflow: workflow?.id ?? null, pause: !workflow });

  return (
    <>
      <title>{`${workflow?.name ?? id} · Workflows · Baton`}</title>
      <PageHeader
        back={<Link to="/workflows">← Workflows</Link>}
        title={workflow?.name ?? id}
        badge={workflow ? <ChipList items={workflow.patterns} tone="accent" /> : null}
        subtitle={workflow ? workflow.description || <span className="muted-text">No description</span> : null}
      />
      {error && !data && !notFound ? <ErrorPanel error={error} title="Could not load the workflow" /> : null}
      {fetching && !data ? <Loading label="Loading workflow…" /> : null}
      {notFound ? (
        <EmptyState title="Workflow not found">
          <p>{notFound.message}</p>
          <Link to="/workflows">Back to workflows</Link>
        </EmptyState>
      ) : null}
      {workflow ? (
        <>
          <section className="panel flow-panel" aria-labelledby="flow-title">
            <h2 id="flow-title" className="section-title">
              Steps <span className="section-count">{plural(workflow.stepList.length, "step")}</span>
            </h2>
            <FlowDiagram steps={workflow.steps} stepList={workflow.stepList} />
          </section>
          <div className="workflow-detail-grid">
            <section className="panel" aria-labelledby="run-title">
              <h2 id="run-title" className="section-title">
                Run this workflow
              </h2>
              <RunForm key={workflow.id} workflow={workflow} />
            </section>
            <section className="panel" aria-labelledby="recent-title">
              <h2 id="recent-title" className="section-title">
                Recent runs <span className="section-count">{plural(workflow.runCount, "run")} in all</span>
              </h2>
              {workflow.runs.length ? (
                <RunsTable runs={workflow.runs} showWorkflow={false} caption={`Recent runs of ${workflow.name}`} />
              ) : (
                <p className="muted-text">Not run yet.</p>
              )}
            </section>
          </div>
        </>
      ) : null}
    </>
  );
}
