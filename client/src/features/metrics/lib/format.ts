// How the metrics page writes its figures: counts, rates, durations (exact enough to compare,
// short enough for a card or an axis) and bucket labels.
import type { Granularity } from "./types.ts";

export const NO_VALUE = "—";
const integer = new Intl.NumberFormat("en-US");

export function formatCount(n: number): string {
  return integer.format(n);
}

/** One decimal, dropped when it is zero: 92.1, 100, 0.5. */
export function trimDecimal(n: number): string {
  const fixed = n.toFixed(1);
  return fixed.endsWith(".0") ? fixed.slice(0, -2) : fixed;
}

/** A 0–1 rate as a percentage: `0.9212` → `92.1%`. */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? NO_VALUE : `${trimDecimal(rate * 100)}%`;
}

/** `850 ms`, `12.3 s`, `4 min 23 s`, `1 h 5 min`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return NO_VALUE;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${trimDecimal(ms / 1000)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) {
    const s = seconds % 60;
    return s ? `${Math.floor(seconds / 60)} min ${s} s` : `${seconds / 60} min`;
  }
  const minutes = Math.round(seconds / 60);
  const m = minutes % 60;
  return m ? `${Math.floor(minutes / 60)} h ${m} min` : `${minutes / 60} h`;
}

/** Axis ticks: `0`, `500ms`, `30s`, `2.5m`, `1h`. */
export function formatDurationTick(ms: number): string {
  if (ms === 0) return "0";
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${trimDecimal(ms / 1000)}s`;
  if (ms < 3_600_000) return `${trimDecimal(ms / 60_000)}m`;
  return `${trimDecimal(ms / 3_600_000)}h`;
}

const labelFormats = {
  day: new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric" }),
  dayLong: new Intl.DateTimeFormat("en-US", {
    timeZone: "UTC",
    weekday: "short",
    month: "short",
    day: "numeric",
    year: "numeric",
  }),
  week: new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" }),
  month: new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", year: "numeric" }),
  monthLong: new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "long", year: "numeric" }),
};

/**
 * A bucket's label (its local start date) for an axis (`short`) or a tooltip (`long`). The date is
 * a calendar date, so it is formatted as UTC: no zone may shift it.
 */
export function formatBucketLabel(label: string, granularity: Granularity, style: "short" | "long" = "short"): string {
  const date = new Date(`${label}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return label;
  if (granularity === "month") return (style === "long" ? labelFormats.monthLong : labelFormats.month).format(date);
  if (granularity === "week")
    return style === "long" ? `Week of ${labelFormats.week.format(date)}` : labelFormats.day.format(date);
  return (style === "long" ? labelFormats.dayLong : labelFormats.day).format(date);
}

/** `Oct 27 – Nov 25, 2026` for a range of local dates (both inclusive). */
export function formatDateRange(startDate: string, endDate: string): string {
  const start = new Date(`${startDate}T00:00:00Z`);
  const end = new Date(`${endDate}T00:00:00Z`);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${startDate} – ${endDate}`;
  const sameYear = start.getUTCFullYear() === end.getUTCFullYear();
  const head = (sameYear ? labelFormats.day : labelFormats.week).format(start);
  return startDate === endDate ? labelFormats.week.format(end) : `${head} – ${labelFormats.week.format(end)}`;
}

/** At most `max` evenly spaced labels of a point axis, always keeping the first. */
export function thinTicks<T>(values: readonly T[], max: number): T[] {
  if (values.length <= max) return [...values];
  const step = Math.ceil(values.length / Math.max(1, max));
  return values.filter((_, i) => i % step === 0);
}
