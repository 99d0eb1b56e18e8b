// The `start_date`/`end_date` pair in the URL, shared by the timeline and the graph. Without either,
// the range is the default preset (the last 7 days), not written to the URL.
import { useMemo } from "react";
import { DEFAULT_PRESET, presetStart } from "./date-range.ts";
import { useSearchParamUpdater } from "./use-search-param-updater.ts";

export interface DateRangeParams {
  /** As in the URL, or the default preset's start. */
  startDate: string;
  endDate: string;
  setRange: (range: { startDate: string; endDate: string }) => void;
}

export function useDateRangeParams(): DateRangeParams {
  const [params, update] = useSearchParamUpdater();
  const rawStart = params.get("start_date") ?? "";
  const endDate = params.get("end_date") ?? "";
  const startDate = useMemo(
    () => rawStart || (endDate ? "" : presetStart(DEFAULT_PRESET, Date.now())),
    [rawStart, endDate],
  );
  return {
    startDate,
    endDate,
    setRange: ({ startDate, endDate }) => update({ start_date: startDate, end_date: endDate }),
  };
}
