// The handoff graph: which agents hand work to which, how often and how well, over the chosen
// range, kept current as executions are recorded. Nodes and edges open the timeline filtered to them.
import { recordTreeCommand } from "../features/onboarding/api-commands.ts";
import { EmptyWithCommand } from "../features/onboarding/components/empty-with-command.tsx";
import { lazy, Suspense } from "react";
import { useNavigate } from "react-router-dom";
import { useQuery } from "urql";
import { PageHeader } from "../components/ui/page-header.tsx";
import { ErrorPanel, Loading } from "../components/ui/query-state.tsx";
import { GraphCircuits } from "../features/graph/components/graph-circuits.tsx";
import { GraphFilters } from "../features/graph/components/graph-filters.tsx";
import { GraphLegend } from "../features/graph/components/graph-legend.tsx";
import { GraphRoutesTable } from "../features/graph/components/graph-routes-table.tsx";
import { useGraphFilters } from "../features/graph/hooks/use-graph-filters.ts";
import { useLiveGraph } from "../features/graph/hooks/use-live-graph.ts";
import { useCircuitStates } from "../features/health/hooks/use-circuit-states.ts";
import { useWorkflowId } from "../features/workflows/hooks/use-workflow-id.ts";
import { graphql } from "../gql/index.ts";
import { rangeEndMs, rangeStartMs } from "../lib/date-range.ts";
import { isWorkflowRoot } from "../features/graph/lib/graph-elements.ts";
import { plural } from "../lib/format.ts";

/** `3 agents · 1 workflow · 2 handoff routes`: workflow run roots are counted apart from agents. */
function graphCounts(nodes: readonly { agentName: string }[], routes: number): string {
  const workflows = nodes.filter((n) => isWorkflowRoot(n.agentName)).length;
  const parts = [plural(nodes.length - workflows, "agent")];
  if (workflows > 0) parts.push(plural(workflows, "workflow"));
  parts.push(plural(routes, "handoff route"));
  return parts.join(" · ");
}
import { invalidArgument } from "../lib/graphql-errors.ts";

const HandoffGraphView = lazy(() => import("../features/graph/components/handoff-graph-view.tsx"));

const GraphPageQuery = graphql(`
  query GraphPage($startDate: DateOrDateTime, $endDate: DateOrDateTime, $workflow: ID) {
    handoffGraph(startDate: $startDate, endDate: $endDate, workflow: $workflow) {
      nodes {
        agentName
        executionCount
        successCount
        failureCount
        successRate
        avgDurationMs
      }
      edges {
        source
        target
        count
        successCount
        failureCount
        successRate
        firstAt
        lastAt
      }
    }
  }
`);

const GraphWorkflowOptions = graphql(`
  query GraphWorkflowOptions {
    workflows(first: 200) {
      nodes {
        id
        name
      }
    }
  }
`);

export function GraphPage() {
  const filters = useGraphFilters();
  const navigate = useNavigate();
  const [result, reexecute] = useQuery({
    query: GraphPageQuery,
    variables: filters.variables,
    requestPolicy: "cache-and-network",
  });
  const graph = result.data?.handoffGraph;
  const invalid = invalidArgument(result.error);
  const [workflowOptions] = useQuery({ query: GraphWorkflowOptions });
  const workflowNames = workflowOptions.data?.workflows.nodes.map((w) => w.name) ?? [];
  const workflowId = useWorkflowId(filters.workflow);
  const circuits = useCircuitStates();
  useLiveGraph({
    startMs: rangeStartMs(filters.startDate),
    endMs: rangeEndMs(filters.endDate),
    workflowId,
    refetch: () => reexecute({ requestPolicy: "network-only" }),
  });

  return (
    <div className="graph-page">
      <title>Graph · Baton</title>
      <PageHeader
        title="Graph"
        subtitle="Agents and the handoffs between them. Hover for the figures, click to see the executions; every route is listed below the graph."
        actions={
          graph ? (
            <p className="result-count" data-testid="graph-summary" aria-live="polite">
              {graphCounts(graph.nodes, graph.edges.length)}
            </p>
          ) : null
        }
      />
      <GraphFilters filters={filters} workflows={workflowNames} />
      {result.error && !graph ? (
        <ErrorPanel
          error={result.error}
          title={invalid ? `Invalid filter${invalid.field ? `: ${invalid.field}` : ""}` : "Could not load the graph"}
        />
      ) : null}
      {!graph && result.fetching ? <Loading label="Loading the handoff graph…" /> : null}
      {graph ? (
        graph.nodes.length === 0 ? (
          <EmptyWithCommand title="No executions in this range" label="record a handoff" command={recordTreeCommand}>
            <p>Widen the dates or clear the workflow filter, or record a handoff from TestAgent to CodeAgent:</p>
          </EmptyWithCommand>
        ) : (
          <section className="panel graph-panel" aria-label="Handoff graph">
            <GraphLegend />
            <GraphCircuits agents={graph.nodes.map((n) => n.agentName)} circuits={circuits} />
            <Suspense fallback={<Loading label="Loading the graph view…" />}>
              <HandoffGraphView
                nodes={graph.nodes}
                edges={graph.edges}
                onOpenNode={(agent) => navigate(`/timeline${filters.timelineSearch([agent])}`)}
                onOpenEdge={(source, target) => navigate(`/timeline${filters.timelineSearch([target], source)}`)}
                circuits={circuits}
              />
            </Suspense>
          </section>
        )
      ) : null}
      {graph && graph.nodes.length > 0 ? (
        <GraphRoutesTable
          edges={graph.edges}
          timelineHref={(source, target) => `/timeline${filters.timelineSearch([source, target])}`}
        />
      ) : null}
    </div>
  );
}
