// The graph's filters in the URL: the date range (shared with the timeline) and a workflow id,
// typed into a box and debounced before it reaches the URL.
import { useEffect, useRef, useState } from "react";
import { useDateRangeParams } from "../../../lib/use-date-range-params.ts";
import { useDebouncedValue } from "../../../lib/use-debounced-value.ts";
import { searchString, useSearchParamUpdater } from "../../../lib/use-search-param-updater.ts";

export function useGraphFilters() {
  const [params, update] = useSearchParamUpdater();
  const range = useDateRangeParams();
  const workflow = params.get("workflow") ?? "";

  const [workflowText, setWorkflowText] = useState(workflow);
  const debounced = useDebouncedValue(workflowText, 300);
  const written = useRef(workflow);
  useEffect(() => {
    const value = debounced.trim();
    if (value === written.current) return;
    written.current = value;
    update({ workflow: value }, true);
  }, [debounced, update]);
  useEffect(() => {
    if (workflow !== written.current) {
      written.current = workflow;
      setWorkflowText(workflow);
    }
  }, [workflow]);

  /** Where the timeline shows the same range (and workflow) for some agents. */
  const timelineSearch = (agents: string[]) => {
    const p = new URLSearchParams();
    p.set("agent", [...new Set(agents)].join(","));
    if (range.startDate) p.set("start_date", range.startDate);
    if (range.endDate) p.set("end_date", range.endDate);
    if (workflow) p.set("workflow", workflow);
    return searchString(p);
  };

  return {
    ...range,
    workflow,
    workflowText,
    setWorkflowText,
    timelineSearch,
    variables: {
      startDate: range.startDate || null,
      endDate: range.endDate || null,
      workflow: workflow || null,
    },
  };
}

export type GraphFilters = ReturnType<typeof useGraphFilters>;
