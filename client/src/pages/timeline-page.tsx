// The execution timeline: filters, selection and zoom in the URL, one lane per execution grouped by
// handoff tree, live updates over graphql-ws ("N new trees — show" while away from now, or follow
// live), and the selected execution's detail beside the chart.
import { recordExecutionCommand } from "../features/onboarding/api-commands.ts";
import { EmptyWithCommand } from "../features/onboarding/components/empty-with-command.tsx";
import { useCallback, useMemo, useRef } from "react";
import { useQuery } from "urql";
import { PageHeader } from "../components/ui/page-header.tsx";
import { ErrorPanel, Loading } from "../components/ui/query-state.tsx";
import { ExecutionDetailPanel } from "../features/timeline/components/execution-detail-panel.tsx";
import { TimelineChart } from "../features/timeline/components/timeline-chart.tsx";
import { TimelineFilters } from "../features/timeline/components/timeline-filters.tsx";
import { TimelineLiveControls } from "../features/timeline/components/timeline-live-controls.tsx";
import { useOpenExecutionTree } from "../features/timeline/hooks/use-open-execution-tree.ts";
import { useCircuitStates } from "../features/health/hooks/use-circuit-states.ts";
import { useTimelineExecutions } from "../features/timeline/hooks/use-timeline-executions.ts";
import { useWorkflowId } from "../features/workflows/hooks/use-workflow-id.ts";
import { useTimelineFilters } from "../features/timeline/hooks/use-timeline-filters.ts";
import type { TimelineExecution } from "../features/timeline/lib/types.ts";
import { graphql } from "../gql/index.ts";
import { rangeEndMs, rangeStartMs } from "../lib/date-range.ts";
import { plural } from "../lib/format.ts";
import { invalidArgument } from "../lib/graphql-errors.ts";

const TimelinePageQuery = graphql(`
  query TimelinePage(
    $agent: [String!]
    $parentAgent: [String!]
    $status: [ExecutionStatus!]
    $startDate: DateOrDateTime
    $endDate: DateOrDateTime
    $workflow: ID
    $workflowRun: ID
    $limit: Int
    $before: String
  ) {
    timeline(
      agent: $agent
      parentAgent: $parentAgent
      status: $status
      startDate: $startDate
      endDate: $endDate
      workflow: $workflow
      workflowRun: $workflowRun
      limit: $limit
      before: $before
    ) {
      rootCount
      matchedCount
      truncated
      nextCursor
      contextIds
      executions {
        id
        ...TimelineBarExecution
      }
    }
  }
`);

const TimelineAgentOptions = graphql(`
  query TimelineAgentOptions {
    agents(first: 200) {
      nodes {
        id
        name
      }
    }
  }
`);

export function TimelinePage() {
  const filters = useTimelineFilters();
  const circuits = useCircuitStates();
  const [result, reexecute] = useQuery({
    query: TimelinePageQuery,
    variables: filters.variables,
    requestPolicy: "cache-and-network",
  });
  const [agentOptions] = useQuery({ query: TimelineAgentOptions });

  // While a new filter's data loads, keep drawing the last one.
  const last = useRef(result.data?.timeline);
  if (result.data?.timeline) last.current = result.data.timeline;
  const timeline = result.data?.timeline ?? (result.fetching ? last.current : undefined);
  const invalid = invalidArgument(result.error);
  const workflowId = useWorkflowId(filters.workflow);
  const live = useMemo(() => ({ ...filters.live, workflow: workflowId }), [filters.live, workflowId]);
  const refetch = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  const { executions, held } = useTimelineExecutions(timeline, live, refetch);

  const domain = useDomain(filters.startDate, filters.endDate, executions);
  const agentNames = useMemo(() => {
    const registered = agentOptions.data?.agents.nodes.map((a) => a.name) ?? [];
    return [...new Set([...registered, ...executions.map((e) => e.agentName)])];
  }, [agentOptions.data, executions]);
  // Counted from what is drawn, so live arrivals count too.
  const counts = useMemo(
    () => ({
      matched: executions.reduce((n, e) => (e.context ? n : n + 1), 0),
      trees: executions.reduce((n, e) => (e.parentId ? n : n + 1), 0),
    }),
    [executions],
  );
  const selected = filters.selectedId ? executions.find((e) => e.id === filters.selectedId) : undefined;
  useOpenExecutionTree({
    id: filters.selectedId,
    missing: Boolean(result.data?.timeline) && !result.fetching && !selected,
    range: { startMs: filters.live.startMs, endMs: filters.live.endMs, paged: filters.before !== null },
    open: filters.openTree,
  });
  // On the newest page the held trees come with a fresh query; an older page's link brings the newest.
  const showNew = () => {
    const paged = filters.before !== null;
    filters.showNew();
    if (!paged) refetch();
  };
  // Following brings what was held too (a new page is a new query anyway).
  const setFollow = (on: boolean) => {
    filters.setFollow(on);
    if (on && held > 0 && filters.before === null) refetch();
  };

  return (
    <div className="timeline-page">
      <title>Timeline · Baton</title>
      <PageHeader
        title="Timeline"
        subtitle="Every execution on its own lane, grouped by handoff tree, live as agents run."
        actions={
          timeline ? (
            <p className="result-count timeline-summary" data-testid="timeline-summary" aria-live="polite">
              {plural(counts.matched, "execution")} in {plural(counts.trees, "handoff tree")}
              {filters.before ? " · older trees" : ""}
              {filters.before || timeline.truncated ? ` · ${timeline.rootCount.toLocaleString("en-US")} in all` : ""}
            </p>
          ) : null
        }
      />
      {timeline ? (
        <TimelineLiveControls held={held} follow={filters.follow} onShow={showNew} onFollow={setFollow} />
      ) : null}
      {timeline && (filters.before || timeline.nextCursor) ? (
        <nav className="timeline-pages" aria-label="Pages of trees">
          {filters.before ? (
            <button type="button" className="button" onClick={filters.newest}>
              ← Newest trees
            </button>
          ) : null}
          {timeline.nextCursor ? (
            <button
              type="button"
              className="button"
              onClick={() => timeline.nextCursor && filters.olderThan(timeline.nextCursor)}
            >
              Older trees →
            </button>
          ) : null}
        </nav>
      ) : null}
      <TimelineFilters filters={filters} agentNames={agentNames} />
      {result.error && !timeline ? (
        <ErrorPanel
          error={result.error}
          title={invalid ? `Invalid filter${invalid.field ? `: ${invalid.field}` : ""}` : "Could not load the timeline"}
        />
      ) : null}
      {!timeline && result.fetching ? <Loading label="Loading executions…" /> : null}
      {timeline ? (
        <div className={`timeline-main${filters.selectedId ? " timeline-main-detail" : ""}`}>
          {executions.length ? (
            <TimelineChart
              executions={executions}
              domain={domain}
              openEnded={!filters.endDate}
              selectedId={filters.selectedId}
              onSelect={filters.select}
              circuits={circuits}
              zoom={filters.zoom}
              onZoom={filters.setZoom}
              follow={filters.follow}
            />
          ) : (
            <EmptyWithCommand
              title="No executions in this range"
              label="record an execution"
              command={(t) => recordExecutionCommand(t)}
            >
              <p>
                Widen the dates or clear the agent and status filters. New executions appear here live, for example:
              </p>
            </EmptyWithCommand>
          )}
          {filters.selectedId ? (
            <ExecutionDetailPanel
              key={filters.selectedId}
              id={filters.selectedId}
              version={selected ? `${selected.status}:${selected.endMs}` : ""}
              onClose={() => filters.select(null)}
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** The time range the chart first shows: the filter's dates, else the data's extent; open ends run to now. */
function useDomain(startDate: string, endDate: string, executions: readonly TimelineExecution[]) {
  const noStart = !rangeStartMs(startDate);
  const earliest = noStart && executions.length ? executions.reduce((m, e) => Math.min(m, e.startMs), Infinity) : null;
  return useMemo(() => {
    const now = Date.now();
    const end = rangeEndMs(endDate) ?? now + 60_000;
    const start = rangeStartMs(startDate) ?? earliest ?? end - 7 * 86_400_000;
    return { startMs: start, endMs: Math.max(end, start + 60_000) };
  }, [startDate, endDate, earliest]);
}
