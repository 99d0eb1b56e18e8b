// The graph's filters in the URL: the date range (shared with the timeline) and a workflow
// template, by name (the API takes a template's id or name).
import { useDateRangeParams } from "../../../lib/use-date-range-params.ts";
import { searchString, useSearchParamUpdater } from "../../../lib/use-search-param-updater.ts";

export function useGraphFilters() {
  const [params, update] = useSearchParamUpdater();
  const range = useDateRangeParams();
  const workflow = params.get("workflow") ?? "";

  /** Where the timeline shows the same range (and workflow) for some agents. */
  /** The timeline of these agents' executions; with `from`, only those handed work by `from` (an edge). */
  const timelineSearch = (agents: string[], from?: string) => {
    const p = new URLSearchParams();
    p.set("agent", [...new Set(agents)].join(","));
    if (from) p.set("parent_agent", from);
    if (range.startDate) p.set("start_date", range.startDate);
    if (range.endDate) p.set("end_date", range.endDate);
    if (workflow) p.set("workflow", workflow);
    return searchString(p);
  };

  return {
    ...range,
    workflow,
    setWorkflow: (value: string) => update({ workflow: value || null }),
    timelineSearch,
    variables: {
      startDate: range.startDate || null,
      endDate: range.endDate || null,
      workflow: workflow || null,
    },
  };
}

export type GraphFilters = ReturnType<typeof useGraphFilters>;
