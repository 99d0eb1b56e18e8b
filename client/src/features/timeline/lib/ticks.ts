// Axis ticks that adapt to the zoom: the smallest step (seconds … months) that keeps labels at
// least `minSpacing` pixels apart, aligned to round local times, plus the boundaries of the next
// larger unit (days over hour ticks, months over day ticks) for the axis's upper row.
import type { TimeView } from "./types.ts";

export type TickUnit = "second" | "minute" | "hour" | "day" | "week" | "month" | "year";

export interface TickStep {
  unit: TickUnit;
  count: number;
  /** Approximate length, for choosing a step. */
  ms: number;
}

export interface Tick {
  ms: number;
  label: string;
}

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

export const TICK_STEPS: TickStep[] = [
  { unit: "second", count: 1, ms: S },
  { unit: "second", count: 5, ms: 5 * S },
  { unit: "second", count: 15, ms: 15 * S },
  { unit: "second", count: 30, ms: 30 * S },
  { unit: "minute", count: 1, ms: M },
  { unit: "minute", count: 5, ms: 5 * M },
  { unit: "minute", count: 15, ms: 15 * M },
  { unit: "minute", count: 30, ms: 30 * M },
  { unit: "hour", count: 1, ms: H },
  { unit: "hour", count: 3, ms: 3 * H },
  { unit: "hour", count: 6, ms: 6 * H },
  { unit: "hour", count: 12, ms: 12 * H },
  { unit: "day", count: 1, ms: D },
  { unit: "day", count: 2, ms: 2 * D },
  { unit: "week", count: 1, ms: 7 * D },
  { unit: "month", count: 1, ms: 30 * D },
  { unit: "month", count: 3, ms: 91 * D },
  { unit: "year", count: 1, ms: 365 * D },
];

export function chooseTickStep(spanMs: number, width: number, minSpacing = 72): TickStep {
  const msPerPx = spanMs / Math.max(1, width);
  for (const step of TICK_STEPS) if (step.ms / msPerPx >= minSpacing) return step;
  return TICK_STEPS[TICK_STEPS.length - 1] as TickStep;
}

/** The last tick boundary at or before `ms` (local time). */
export function floorToStep(ms: number, step: TickStep): number {
  const d = new Date(ms);
  const c = step.count;
  switch (step.unit) {
    case "second":
      d.setSeconds(Math.floor(d.getSeconds() / c) * c, 0);
      break;
    case "minute":
      d.setMinutes(Math.floor(d.getMinutes() / c) * c, 0, 0);
      break;
    case "hour":
      d.setHours(Math.floor(d.getHours() / c) * c, 0, 0, 0);
      break;
    case "day":
      d.setHours(0, 0, 0, 0);
      // Even days of the month for 2-day steps, so ticks do not move while panning.
      if (c > 1) d.setDate(d.getDate() - ((d.getDate() - 1) % c));
      break;
    case "week":
      d.setHours(0, 0, 0, 0);
      d.setDate(d.getDate() - ((d.getDay() + 6) % 7)); // Monday
      break;
    case "month":
      d.setHours(0, 0, 0, 0);
      d.setMonth(Math.floor(d.getMonth() / c) * c, 1);
      break;
    case "year":
      d.setHours(0, 0, 0, 0);
      d.setMonth(0, 1);
      break;
  }
  return d.getTime();
}

export function addStep(ms: number, step: TickStep): number {
  const d = new Date(ms);
  const c = step.count;
  switch (step.unit) {
    case "second":
      d.setSeconds(d.getSeconds() + c);
      break;
    case "minute":
      d.setMinutes(d.getMinutes() + c);
      break;
    case "hour":
      d.setHours(d.getHours() + c);
      break;
    case "day":
      d.setDate(d.getDate() + c);
      // Day-of-month alignment restarts each month (…29, 31, 1…) rather than drifting.
      if (c > 1 && d.getDate() <= c && d.getDate() !== 1) d.setDate(1);
      break;
    case "week":
      d.setDate(d.getDate() + 7 * c);
      break;
    case "month":
      d.setMonth(d.getMonth() + c);
      break;
    case "year":
      d.setFullYear(d.getFullYear() + c);
      break;
  }
  return d.getTime();
}

const fmt = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-GB", options);
const formats = {
  second: fmt({ hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }),
  minute: fmt({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
  day: fmt({ day: "numeric", month: "short" }),
  month: fmt({ month: "short", year: "numeric" }),
  year: fmt({ year: "numeric" }),
  majorDay: fmt({ weekday: "short", day: "numeric", month: "short", year: "numeric" }),
  majorMonth: fmt({ month: "long", year: "numeric" }),
};

export function tickLabel(ms: number, unit: TickUnit): string {
  switch (unit) {
    case "second":
      return formats.second.format(ms);
    case "minute":
    case "hour":
      return formats.minute.format(ms);
    case "day":
    case "week":
      return formats.day.format(ms);
    case "month":
      return formats.month.format(ms);
    case "year":
      return formats.year.format(ms);
  }
}

/** The unit one level up, labelled on the axis's upper row; null when ticks are months or years. */
export function majorStepFor(unit: TickUnit): TickStep | null {
  if (unit === "second" || unit === "minute" || unit === "hour") return { unit: "day", count: 1, ms: D };
  if (unit === "day" || unit === "week") return { unit: "month", count: 1, ms: 30 * D };
  return null;
}

export function majorLabel(ms: number, step: TickStep): string {
  return step.unit === "day" ? formats.majorDay.format(ms) : formats.majorMonth.format(ms);
}

function stepsIn(view: TimeView, step: TickStep, label: (ms: number) => string, limit: number): Tick[] {
  const ticks: Tick[] = [];
  for (let t = floorToStep(view.startMs, step); t <= view.endMs && ticks.length < limit; t = addStep(t, step)) {
    ticks.push({ ms: t, label: label(t) });
  }
  return ticks;
}

export interface AxisTicks {
  step: TickStep;
  ticks: Tick[];
  /** Boundaries of the larger unit; the first one may lie before the view (its label sticks left). */
  majors: Tick[];
}

export function generateTicks(view: TimeView, width: number, minSpacing = 72): AxisTicks {
  const step = chooseTickStep(view.endMs - view.startMs, width, minSpacing);
  const ticks = stepsIn(view, step, (ms) => tickLabel(ms, step.unit), 2000).filter((t) => t.ms >= view.startMs);
  const major = majorStepFor(step.unit);
  const majors = major ? stepsIn(view, major, (ms) => majorLabel(ms, major), 500) : [];
  return { step, ticks, majors };
}
