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

export function useTimelineFilters() {
  const [params, update] = useSearchParamUpdater();
  const range = useDateRangeParams();
  const agentParam = params.get("agent") ?? "";
  const statusParam = params.get("status") ?? "";
  const workflow = params.get("workflow") ?? "";
  const workflowRun = params.get("workflow_run") ?? "";
  const selectedId = params.get("execution");

  const agents = useMemo(() => list(agentParam), [agentParam]);
  const statuses = useMemo(() => list(statusParam), [statusParam]);
  const live = useMemo<LiveFilter>(
    () => ({
      agents,
      statuses,
      startMs: rangeStartMs(range.startDate),
      endMs: rangeEndMs(range.endDate),
      workflow: workflow || null,
      workflowRun: workflowRun || null,
    }),
    [agents, statuses, range.startDate, range.endDate, workflow, workflowRun],
  );

  return {
    ...range,
    agents,
    statuses,
    workflow,
    workflowRun,
    selectedId,
    live,
    variables: {
      agent: agents.length ? agents : null,
      status: toEnumList<ExecutionStatus>(statuses),
      startDate: range.startDate || null,
      endDate: range.endDate || null,
      workflow: workflow || null,
      workflowRun: workflowRun || null,
    },
    setAgents: (values: string[]) => update({ agent: values.join(",") }),
    setStatuses: (values: string[]) => update({ status: values.join(",") }),
    clearWorkflow: () => update({ workflow: null, workflow_run: null }),
    select: (id: string | null) => update({ execution: id }),
  };
}

export type TimelineFilters = ReturnType<typeof useTimelineFilters>;
