// Calendar buckets (day, ISO week from Monday, month) in an IANA time zone, as UTC instants.
// Computed here rather than in SQL so SQLite and PostgreSQL bucket identically, DST included.
import { echo, ValidationError } from "../../errors.js";

export const GRANULARITIES = ["day", "week", "month"] as const;
export type Granularity = (typeof GRANULARITIES)[number];
export const MAX_BUCKETS = 1000;

export interface Bucket {
  /** Calendar start of the bucket in the zone (may precede the range start). */
  start: Date;
  /** The instants counted: [lo, hi), the bucket clipped to the range. */
  lo: Date;
  hi: Date;
  /** Local date of the bucket start, `2026-11-02`. */
  label: string;
}

export function assertTimeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return tz;
  } catch {
    throw ValidationError.field("tz", `unknown time zone ${echo(tz)} (use an IANA name such as Europe/Berlin)`);
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(instant: number, tz: string) {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(tz, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  return {
    y: parts.year as number,
    m: parts.month as number,
    d: parts.day as number,
    h: parts.hour as number,
    min: parts.minute as number,
    s: parts.second as number,
  };
}

/** Offset of the zone from UTC at an instant, in ms. */
function offsetAt(instant: number, tz: string): number {
  const w = wallClock(instant, tz);
  return utc(w.y, w.m - 1, w.d, w.h, w.min, w.s) - Math.floor(instant / 1000) * 1000;
}

/**
 * The UTC instant of a local wall-clock time in the zone (m 1-based; fields may overflow). Where
 * the time does not exist (a DST gap, e.g. midnight in America/Santiago on its change day) it is
 * the first instant after the gap; where it exists twice, the earlier one.
 */
export function localInstant(y: number, m: number, d: number, tz: string, h = 0, min = 0, sec = 0, ms = 0): number {
  const guess = utc(y, m - 1, d, h, min, sec, ms);
  const candidates = [guess - offsetAt(guess - 43_200_000, tz), guess - offsetAt(guess + 43_200_000, tz)];
  const valid = candidates.filter((t) => t + offsetAt(t, tz) === guess);
  return valid.length > 0 ? Math.min(...valid) : Math.max(...candidates);
}

/** Date.UTC without its two-digit-year rule (years 0–99 stay 0–99). */
function utc(y: number, m: number, d: number, h = 0, min = 0, sec = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(y, m, d);
  date.setUTCHours(h, min, sec, ms);
  return date.getTime();
}

export const localMidnight = (y: number, m: number, d: number, tz: string) => localInstant(y, m, d, tz);

export function localDate(instant: number, tz: string) {
  const w = wallClock(instant, tz);
  return { y: w.y, m: w.m, d: w.d };
}

const label = (y: number, m: number, d: number) => {
  const u = new Date(utc(y, m - 1, d));
  return u.toISOString().slice(0, 10);
};

/** The calendar start (local date) of the bucket containing a local date. */
function bucketStartDate(y: number, m: number, d: number, g: Granularity) {
  if (g === "day") return { y, m, d };
  if (g === "month") return { y, m, d: 1 };
  const weekday = (new Date(utc(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
  const u = new Date(utc(y, m - 1, d - weekday));
  return { y: u.getUTCFullYear(), m: u.getUTCMonth() + 1, d: u.getUTCDate() };
}

function nextDate(p: { y: number; m: number; d: number }, g: Granularity) {
  const u = new Date(utc(p.y, p.m - 1 + (g === "month" ? 1 : 0), p.d + (g === "day" ? 1 : g === "week" ? 7 : 0)));
  return { y: u.getUTCFullYear(), m: u.getUTCMonth() + 1, d: u.getUTCDate() };
}

/** Buckets covering [start, end), every one present (empty ones too). */
export function buckets(start: Date, end: Date, g: Granularity, tz: string): Bucket[] {
  const out: Bucket[] = [];
  const first = localDate(start.getTime(), tz);
  let cur = bucketStartDate(first.y, first.m, first.d, g);
  let at = localMidnight(cur.y, cur.m, cur.d, tz);
  while (at < end.getTime()) {
    const next = nextDate(cur, g);
    const nextAt = localMidnight(next.y, next.m, next.d, tz);
    out.push({
      start: new Date(at),
      lo: new Date(Math.max(at, start.getTime())),
      hi: new Date(Math.min(nextAt, end.getTime())),
      label: label(cur.y, cur.m, cur.d),
    });
    if (out.length > MAX_BUCKETS)
      throw ValidationError.field(
        "granularity",
        `the range needs more than ${MAX_BUCKETS} ${g} buckets; use a coarser granularity`,
      );
    cur = next;
    at = nextAt;
  }
  return out;
}
