// Date ranges as the API takes them (`start_date`/`end_date` in the URL): an ISO date is a whole
// UTC day, a timestamp is exact. Presets are relative to now; no start date means the last 7 days.
export const RANGE_PRESETS = [
  { key: "24h", label: "24h", title: "Last 24 hours" },
  { key: "7d", label: "7d", title: "Last 7 days" },
  { key: "30d", label: "30d", title: "Last 30 days" },
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number]["key"];

export const DEFAULT_PRESET: RangePreset = "7d";
const DAY = 86_400_000;

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isDateOnly = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/** The start_date a preset stands for: a timestamp for 24h (to the minute), whole days otherwise. */
export function presetStart(preset: RangePreset, nowMs: number): string {
  if (preset === "24h") {
    const minute = Math.floor((nowMs - DAY) / 60_000) * 60_000;
    return new Date(minute).toISOString();
  }
  const days = preset === "7d" ? 7 : 30;
  return isoDate(nowMs - (days - 1) * DAY);
}

/** Which preset the range is (24h within a few minutes, since its timestamp ages), if any. */
export function matchPreset(startDate: string, endDate: string, nowMs: number): RangePreset | null {
  if (endDate) return null;
  for (const { key } of RANGE_PRESETS) {
    const expected = presetStart(key, nowMs);
    if (key === "24h" ? Math.abs(Date.parse(startDate) - Date.parse(expected)) < 10 * 60_000 : startDate === expected)
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

/** The yyyy-mm-dd an <input type="date"> shows for a URL value (date or timestamp). */
export function dateInputValue(value: string): string {
  if (!value) return "";
  if (isDateOnly(value)) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? "" : isoDate(ms);
}
