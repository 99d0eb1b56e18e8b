// The timeline's filters and selection live in the URL (?start_date=&end_date=&agent=a,b&status=&
// workflow=&execution=), so a view can be shared, reloaded, and linked to from the graph.
import { useMemo } from "react";
import type { ExecutionStatus } from "../../../gql/graphql.ts";
import { toEnumList } from "../../../lib/graphql-enum.ts";
import { rangeEndMs, rangeStartMs } from "../../../lib/date-range.ts";
import { useDateRangeParams } from "../../../lib/use-date-range-params.ts";
import { useSearchParamUpdater } from "../../../lib/use-search-param-updater.ts";
import type { LiveFilter } from "../lib/merge.ts";

const list = (v: string | null) =>
  (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** Trees per page by default and at most: the API's maximum, so 10,000 executions come in one response. */
export const MAX_TREES = 20_000;

export function useTimelineFilters() {
  const [params, update] = useSearchParamUpdater();
  const range = useDateRangeParams();
  const agentParam = params.get("agent") ?? "";
  const statusParam = params.get("status") ?? "";
  // One route of the handoff graph: executions handed work by these agents (?parent_agent=).
  const parentAgentParam = params.get("parent_agent") ?? "";
  const workflow = params.get("workflow") ?? "";
  const workflowRun = params.get("workflow_run") ?? "";
  const selectedId = params.get("execution");
  // A page of older trees: the cursor a timeline answered (nextCursor).
  const before = params.get("before") || null;
  // Trees a page holds (?trees=, 1 to the API's 20,000, which is also the default).
  const treesParam = Number(params.get("trees"));
  const trees = Number.isInteger(treesParam) && treesParam >= 1 && treesParam <= MAX_TREES ? treesParam : MAX_TREES;

  const agents = useMemo(() => list(agentParam), [agentParam]);
  const statuses = useMemo(() => list(statusParam), [statusParam]);
  const parentAgents = useMemo(() => list(parentAgentParam), [parentAgentParam]);
  const live = useMemo<LiveFilter>(
    () => ({
      agents,
      statuses,
      startMs: rangeStartMs(range.startDate),
      endMs: rangeEndMs(range.endDate),
      workflow: workflow || null,
      workflowRun: workflowRun || null,
      onlyShown: before !== null,
      parentAgents,
    }),
    [agents, statuses, range.startDate, range.endDate, workflow, workflowRun, before, parentAgents],
  );

  return {
    ...range,
    agents,
    statuses,
    parentAgents,
    workflow,
    workflowRun,
    selectedId,
    before,
    trees,
    live,
    variables: {
      agent: agents.length ? agents : null,
      parentAgent: parentAgents.length ? parentAgents : null,
      status: toEnumList<ExecutionStatus>(statuses),
      startDate: range.startDate || null,
      endDate: range.endDate || null,
      workflow: workflow || null,
      workflowRun: workflowRun || null,
      before,
      limit: trees,
    },
    // A new filter starts again from the newest trees.
    setAgents: (values: string[]) => update({ agent: values.join(","), before: null }),
    setStatuses: (values: string[]) => update({ status: values.join(","), before: null }),
    clearWorkflow: () => update({ workflow: null, workflow_run: null, before: null }),
    clearParentAgents: () => update({ parent_agent: null, before: null }),
    olderThan: (cursor: string) => update({ before: cursor, execution: null }),
    newest: () => update({ before: null, execution: null }),
    select: (id: string | null) => update({ execution: id }),
  };
}

export type TimelineFilters = ReturnType<typeof useTimelineFilters>;
