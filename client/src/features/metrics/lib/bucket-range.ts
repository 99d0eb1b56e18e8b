// Where a chart's point or bar leads: the timeline over the same calendar days. Bucket labels are
// local dates in the metrics' zone; a bucket ends the day before the next one starts.
import { addDays, addMonths, localDate } from "../../../lib/time-zone.ts";
import { searchString } from "../../../lib/use-search-param-updater.ts";
import type { Granularity } from "./types.ts";

export interface DateRange {
  startDate: string;
  endDate: string;
}

export function nextBucketStart(label: string, granularity: Granularity): string {
  if (granularity === "month") return addMonths(label, 1);
  return addDays(label, granularity === "week" ? 7 : 1);
}

/** The local dates a bucket covers, both inclusive: `2026-11-02` by week → 2026-11-02 … 2026-11-08. */
export function bucketDateRange(label: string, granularity: Granularity): DateRange {
  return { startDate: label, endDate: addDays(nextBucketStart(label, granularity), -1) };
}

/** The local dates of a metrics period [start, end) in its zone, both inclusive. */
export function periodDateRange(startIso: string, endIso: string, timeZone: string): DateRange {
  const start = Date.parse(startIso);
  const end = Date.parse(endIso);
  return { startDate: localDate(start, timeZone), endDate: localDate(Math.max(start, end - 1), timeZone) };
}

/**
 * A range of instants [startIso, endIso) as the timeline's inclusive timestamps. Used outside UTC:
 * the timeline reads a date-only value as a UTC day, so a local day must travel as instants.
 */
export function instantRange(startIso: string, endIso: string): DateRange {
  return {
    startDate: new Date(Date.parse(startIso)).toISOString(),
    endDate: new Date(Date.parse(endIso) - 1).toISOString(),
  };
}

/** The instants a bucket counts: from its start (or the range start) to the next bucket (or the range end). */
export function bucketInstantRange(
  series: readonly { label: string; start: string }[],
  label: string,
  period: { start: string; end: string },
): DateRange | null {
  const i = series.findIndex((b) => b.label === label);
  const bucket = series[i];
  if (!bucket) return null;
  const start = Math.max(Date.parse(bucket.start), Date.parse(period.start));
  const end = series[i + 1]?.start ?? period.end;
  return instantRange(new Date(start).toISOString(), end);
}

/** `?start_date=…&end_date=…&agent=A,B&status=…` for the timeline page. */
export function timelineSearch(range: DateRange, agents: readonly string[] = [], statuses: readonly string[] = []) {
  const p = new URLSearchParams({ start_date: range.startDate, end_date: range.endDate });
  if (agents.length) p.set("agent", agents.join(","));
  if (statuses.length) p.set("status", statuses.join(","));
  return searchString(p);
}
