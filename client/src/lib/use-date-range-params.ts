// The `start_date`/`end_date` pair in the URL, shared by the timeline, the graph and metrics. Without
// either, the range is the page's default preset (the last 7 days unless it says otherwise), not
// written to the URL.
import { useMemo } from "react";
import { DEFAULT_PRESET, presetStart } from "./date-range.ts";
import { useSearchParamUpdater } from "./use-search-param-updater.ts";

export interface DateRangeParams {
  /** As in the URL, or the default preset's start. */
  startDate: string;
  endDate: string;
  setRange: (range: { startDate: string; endDate: string }) => void;
}

export function useDateRangeParams({
  defaultPreset = DEFAULT_PRESET,
  timeZone = "UTC",
}: {
  defaultPreset?: string;
  timeZone?: string;
} = {}): DateRangeParams {
  const [params, update] = useSearchParamUpdater();
  const rawStart = params.get("start_date") ?? "";
  const endDate = params.get("end_date") ?? "";
  const startDate = useMemo(
    () => rawStart || (endDate ? "" : presetStart(defaultPreset, Date.now(), timeZone)),
    [rawStart, endDate, defaultPreset, timeZone],
  );
  return {
    startDate,
    endDate,
    setRange: ({ startDate, endDate }) => update({ start_date: startDate, end_date: endDate }),
  };
}
