// A card's change against the previous period of the same length: relative (%) for counts and
// durations, in percentage points for the success rate, and whether the move is good news.
import { formatCount, NO_VALUE, trimDecimal } from "./format.ts";

export type CardMetric = "executions" | "successRate" | "avgDuration" | "p95Duration";
export type ChangeDirection = "up" | "down" | "flat" | "none";
export type ChangeTone = "good" | "bad" | "neutral";

export interface Change {
  direction: ChangeDirection;
  /** `▲`, `▼`, `→`, or empty when there is nothing to compare. */
  arrow: string;
  /** `12.5%`, `2.3 pts`, or `—`. */
  text: string;
  tone: ChangeTone;
  /** A sentence for screen readers and the tooltip: `Up 12.5% on the previous period`. */
  description: string;
}

/** Which way is good news: more successes, shorter durations; more executions is just more. */
const BETTER: Record<CardMetric, "up" | "down" | null> = {
  executions: null,
  successRate: "up",
  avgDuration: "down",
  p95Duration: "down",
};

const NONE: Change = {
  direction: "none",
  arrow: "",
  text: NO_VALUE,
  tone: "neutral",
  description: "Nothing to compare: the previous period has no figure",
};

/** `1234.5` → `1,235`, small values to one decimal. */
const magnitude = (n: number) => (n >= 100 ? formatCount(Math.round(n)) : trimDecimal(n));

export function computeChange(metric: CardMetric, current: number | null, previous: number | null): Change {
  if (current === null || previous === null) return NONE;
  let delta: number;
  let unit: string;
  if (metric === "successRate") {
    delta = (current - previous) * 100;
    unit = " pts";
  } else {
    if (previous === 0) return current === 0 ? flat("%") : NONE;
    delta = ((current - previous) / previous) * 100;
    unit = "%";
  }
  // What is shown decides "flat": a change that rounds to 0.0 is no change to the reader.
  if (Math.abs(delta) < 0.05) return flat(unit);
  const direction = delta > 0 ? "up" : "down";
  const better = BETTER[metric];
  const text = `${magnitude(Math.abs(delta))}${unit}`;
  return {
    direction,
    arrow: direction === "up" ? "▲" : "▼",
    text,
    tone: better === null ? "neutral" : better === direction ? "good" : "bad",
    description: `${direction === "up" ? "Up" : "Down"} ${text} on the previous period`,
  };
}

function flat(unit: string): Change {
  return {
    direction: "flat",
    arrow: "→",
    text: `0${unit}`,
    tone: "neutral",
    description: "No change on the previous period",
  };
}

/** The figure a card compares, or null when the period has none to compare (no executions). */
export function comparable(value: number | null | undefined, total: number): number | null {
  return total > 0 && value !== null && value !== undefined ? value : null;
}
