// The timeline's filters, selection and view live in the URL (?start_date=&end_date=&agent=a,b&status=&
// workflow=&execution=&from=&to=&follow=1), so a view can be shared, reloaded, and linked to from the
// graph. `from`/`to` are the zoomed time axis (ISO instants); without them the chart fits the range.
import { useMemo } from "react";
import type { ExecutionStatus } from "../../../gql/graphql.ts";
import { toEnumList } from "../../../lib/graphql-enum.ts";
import { rangeEndMs, rangeStartMs } from "../../../lib/date-range.ts";
import { useDateRangeParams } from "../../../lib/use-date-range-params.ts";
import { useSearchParamUpdater } from "../../../lib/use-search-param-updater.ts";
import type { LiveFilter } from "../lib/merge.ts";
import type { TimeView } from "../lib/types.ts";

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
  const fromParam = params.get("from") ?? "";
  const toParam = params.get("to") ?? "";
  const zoom = useMemo(() => parseZoom(fromParam, toParam), [fromParam, toParam]);
  // Follow live: the view stays on the newest trees and "now" (?follow=1).
  const follow = params.get("follow") === "1";

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
      // Away from "now" (an older page, or a zoomed axis): new trees are counted, not drawn.
      onlyShown: before !== null || (zoom !== null && !follow),
      parentAgents,
    }),
    [agents, statuses, range.startDate, range.endDate, workflow, workflowRun, before, parentAgents, zoom, follow],
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
    zoom,
    follow,
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
    // A new filter starts again from the newest trees, fitted.
    setRange: ({ startDate, endDate }: { startDate: string; endDate: string }) =>
      update({ start_date: startDate, end_date: endDate, before: null, ...NO_ZOOM }),
    setAgents: (values: string[]) => update({ agent: values.join(","), before: null }),
    setStatuses: (values: string[]) => update({ status: values.join(","), before: null }),
    clearWorkflow: () => update({ workflow: null, workflow_run: null, before: null }),
    clearParentAgents: () => update({ parent_agent: null, before: null }),
    // Paging back is leaving "now": following stops.
    olderThan: (cursor: string) => update({ before: cursor, execution: null, follow: null }),
    newest: () => update({ before: null, execution: null, ...NO_ZOOM }),
    select: (id: string | null) => update({ execution: id }),
    /** The axis the user zoomed or panned to (replaces the history entry: a drag is not a page); null fits. */
    setZoom: (view: TimeView | null) =>
      update(view ? { from: isoMs(view.startMs), to: isoMs(view.endMs), follow: null } : NO_ZOOM, true),
    setFollow: (on: boolean) => update(on ? { follow: "1", before: null, from: null, to: null } : { follow: null }),
    /** The newest trees with what arrived while away ("N new — show"). */
    showNew: () => update({ before: null, ...NO_ZOOM }),
    /** The range of an execution's tree, for a link to one outside the range shown. */
    openTree: (startDate: string, endDate: string) =>
      update({ start_date: startDate, end_date: endDate, before: null, ...NO_ZOOM }, true),
  };
}

export type TimelineFilters = ReturnType<typeof useTimelineFilters>;

const NO_ZOOM = { from: null, to: null } as const;

const isoMs = (ms: number) => new Date(Math.round(ms)).toISOString();

/** `from`/`to` as a view, or null unless both are instants and `to` is after `from`. */
export function parseZoom(from: string, to: string): TimeView | null {
  if (!from || !to) return null;
  const startMs = Date.parse(from);
  const endMs = Date.parse(to);
  return Number.isFinite(startMs) && Number.isFinite(endMs) && endMs > startMs ? { startMs, endMs } : null;
}
