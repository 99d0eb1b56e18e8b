// The workflow area's front page: every template as a card with its flow, and the recent runs of
// all templates with status filters in the URL, kept live by the workflowRuns subscription.
import { runWorkflowCommand, SEED_COMMAND } from "../features/onboarding/api-commands.ts";
import { EmptyWithCommand } from "../features/onboarding/components/empty-with-command.tsx";
import { useQuery } from "urql";
import { PageHeader } from "../components/ui/page-header.tsx";
import { EmptyState, ErrorPanel, Loading } from "../components/ui/query-state.tsx";
import { RunStatusFilter } from "../features/workflows/components/run-status-filter.tsx";
import { RunsTable } from "../features/workflows/components/runs-table.tsx";
import { WorkflowCard } from "../features/workflows/components/workflow-card.tsx";
import { useCoalesced } from "../features/workflows/hooks/use-coalesced.ts";
import { useRunStatusFilter } from "../features/workflows/hooks/use-run-status-filter.ts";
import { useWorkflowChanged } from "../features/workflows/hooks/use-workflow-changed.ts";
import { useWorkflowRunsEvents } from "../features/workflows/hooks/use-workflow-runs-events.ts";
import { graphql } from "../gql/index.ts";
import { plural } from "../lib/format.ts";

const RECENT_RUNS = 25;

const WorkflowsPageQuery = graphql(`
  query WorkflowsPage {
    workflows(first: 200) {
      totalCount
      nodes {
        id
        ...WorkflowCardWorkflowTemplate
      }
    }
  }
`);

const RecentWorkflowRunsQuery = graphql(`
  query RecentWorkflowRuns($status: [WorkflowRunStatus!], $first: Int) {
    workflowRuns(status: $status, first: $first) {
      totalCount
      nodes {
        id
        ...RunsTableWorkflowRun
      }
    }
  }
`);

export function WorkflowsPage() {
  const filter = useRunStatusFilter();
  const [templates, refetchTemplates] = useQuery({ query: WorkflowsPageQuery, requestPolicy: "cache-and-network" });
  const [runs, refetchRuns] = useQuery({
    query: RecentWorkflowRunsQuery,
    variables: { status: filter.variable, first: RECENT_RUNS },
    requestPolicy: "cache-and-network",
  });
  // A run started or finished anywhere: the table (and the cards' run counts) catch up.
  const refresh = useCoalesced(() => {
    refetchRuns({ requestPolicy: "network-only" });
    refetchTemplates({ requestPolicy: "network-only" });
  }, 150);
  useWorkflowRunsEvents(refresh);
  useWorkflowChanged(refresh);

  const list = templates.data?.workflows;
  const runList = runs.data?.workflowRuns;
  return (
    <>
      <title>Workflows · Baton</title>
      <PageHeader
        title="Workflows"
        subtitle="Templates built from the coordination patterns, and the runs started from them — live."
      />
      <section aria-labelledby="templates-title" className="page-section">
        <h2 id="templates-title" className="section-title">
          Templates
          {list ? <span className="section-count"> {list.totalCount}</span> : null}
        </h2>
        {templates.error && !list ? <ErrorPanel error={templates.error} title="Could not load the workflows" /> : null}
        {!list && templates.fetching ? <Loading label="Loading workflows…" /> : null}
        {list ? (
          list.nodes.length ? (
            <div className="card-grid">
              {list.nodes.map((w) => (
                <WorkflowCard key={w.id} workflow={w} />
              ))}
            </div>
          ) : (
            <EmptyState title="No workflow templates yet" command={{ label: "seed the templates", text: SEED_COMMAND }}>
              <p>
                Create one with <code>POST /workflows</code> or the <code>createWorkflow</code> mutation, or put the
                seeded ones back (in Baton's folder):
              </p>
            </EmptyState>
          )
        ) : null}
      </section>
      <section aria-labelledby="runs-title" className="page-section">
        <div className="section-head">
          <h2 id="runs-title" className="section-title">
            Recent runs
          </h2>
          <RunStatusFilter selected={filter.statuses} onToggle={filter.toggle} onClear={filter.clear} />
        </div>
        {runs.error && !runList ? <ErrorPanel error={runs.error} title="Could not load the runs" /> : null}
        {!runList && runs.fetching ? <Loading label="Loading runs…" /> : null}
        {runList ? (
          runList.nodes.length ? (
            <>
              <p className="result-count" data-testid="run-count" aria-live="polite">
                {runList.totalCount > runList.nodes.length
                  ? `The latest ${runList.nodes.length} of ${plural(runList.totalCount, "run")}`
                  : plural(runList.totalCount, "run")}
                {filter.statuses.length ? ` · ${filter.statuses.join(", ")}` : ""}
              </p>
              <RunsTable runs={runList.nodes} caption="Recent workflow runs" />
            </>
          ) : (
            <EmptyWithCommand
              title={filter.statuses.length ? "No runs with these statuses" : "No runs yet"}
              label="run a workflow"
              command={(t) => runWorkflowCommand(t)}
            >
              <p>Open a template and run it, or start the TDD cycle from a shell; its run appears here live.</p>
            </EmptyWithCommand>
          )
        ) : null}
      </section>
    </>
  );
}
