// Date ranges as the API takes them (`start_date`/`end_date` in the URL): an ISO date is a whole
// day (in UTC for the timeline and graph, in the chosen zone for metrics), a timestamp is exact.
// Presets are relative to now; no start date means the page's default preset.
import { addDays, localDate } from "./time-zone.ts";

export interface RangePresetOption {
  /** `24h`, `7d`, `90d`: a count of hours (a timestamp start) or of days (whole days, today included). */
  key: string;
  label: string;
  title: string;
}

export const RANGE_PRESETS = [
  { key: "24h", label: "24h", title: "Last 24 hours" },
  { key: "7d", label: "7d", title: "Last 7 days" },
  { key: "30d", label: "30d", title: "Last 30 days" },
] as const satisfies readonly RangePresetOption[];
export type RangePreset = (typeof RANGE_PRESETS)[number]["key"];

/** Whole-day presets for trends (metrics), where a day is the smallest bucket. */
export const DAY_RANGE_PRESETS = [
  { key: "7d", label: "7d", title: "Last 7 days" },
  { key: "30d", label: "30d", title: "Last 30 days" },
  { key: "90d", label: "90d", title: "Last 90 days" },
] as const satisfies readonly RangePresetOption[];

export const DEFAULT_PRESET: RangePreset = "7d";
const DAY = 86_400_000;
const HOUR = 3_600_000;

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isDateOnly = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * The start_date a preset stands for: a timestamp (to the minute) for hours, else the first of the
 * last n calendar days in the zone, today included.
 */
export function presetStart(preset: string, nowMs: number, timeZone = "UTC"): string {
  const match = /^(\d+)([hd])$/.exec(preset);
  if (!match) throw new Error(`unknown range preset '${preset}'`);
  const n = Number(match[1]);
  if (match[2] === "h") {
    const minute = Math.floor((nowMs - n * HOUR) / 60_000) * 60_000;
    return new Date(minute).toISOString();
  }
  return addDays(localDate(nowMs, timeZone), -(n - 1));
}

/** Which preset the range is (an hours one within a few minutes, since its timestamp ages), if any. */
export function matchPreset(
  startDate: string,
  endDate: string,
  nowMs: number,
  presets: readonly RangePresetOption[] = RANGE_PRESETS,
  timeZone = "UTC",
): string | null {
  if (endDate) return null;
  for (const { key } of presets) {
    const expected = presetStart(key, nowMs, timeZone);
    const hours = key.endsWith("h");
    if (hours ? Math.abs(Date.parse(startDate) - Date.parse(expected)) < 10 * 60_000 : startDate === expected)
      return key;
  }
  return null;
}

/** Start of the range in ms (inclusive), or null when the value is empty or not a date. */
export function rangeStartMs(startDate: string): number | null {
  if (!startDate) return null;
  const ms = Date.parse(isDateOnly(startDate) ? `${startDate}T00:00:00.000Z` : startDate);
  return Number.isNaN(ms) ? null : ms;
}

/** End of the range in ms (exclusive: the day after a date-only end), or null for "until now". */
export function rangeEndMs(endDate: string): number | null {
  if (!endDate) return null;
  const ms = Date.parse(isDateOnly(endDate) ? `${endDate}T00:00:00.000Z` : endDate);
  if (Number.isNaN(ms)) return null;
  return isDateOnly(endDate) ? ms + DAY : ms + 1;
}

/** The yyyy-mm-dd an <input type="date"> shows for a URL value (date, or timestamp read in the zone). */
export function dateInputValue(value: string, timeZone = "UTC"): string {
  if (!value) return "";
  if (isDateOnly(value)) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return "";
  return timeZone === "UTC" ? isoDate(ms) : localDate(ms, timeZone);
}
