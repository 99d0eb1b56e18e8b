// A circuit breaker per agent: closed → open after `failureThreshold` failed executions in a row
// (any source), open → half-open once `cooldownMs` has passed (exactly one trial call goes through),
// half-open → closed on the trial's success or open again on its failure. This file is the pure
// state machine and the narrow port the executor calls; the state lives in the database
// (server/modules/agent/circuit.store.ts), where every change is a conditional write on `version`, so that
// of two instances seeing the same failure only one writes the change.

export type CircuitStateName = "closed" | "open" | "half_open";

/** The stored circuit of one agent, with its settings. */
export interface CircuitRow {
  agentId: string;
  agentName: string;
  state: CircuitStateName;
  failures: number;
  openedAt: Date | null;
  /** When a trial may go through; null for a circuit opened by hand (it stays open until reset). */
  retryAt: Date | null;
  version: number;
  threshold: number;
  cooldownMs: number;
}

/** The stored part of a circuit that a change writes. */
export type CircuitChange = Pick<CircuitRow, "state" | "failures" | "openedAt" | "retryAt">;

/**
 * One outcome of an execution of the agent; `count` folds several in a row (a recorded batch);
 * `executionId` names the failed execution (counted by the alert check even before its row says so).
 */
export type Outcome =
  | { kind: "success" }
  | { kind: "failure"; count?: number; executionId?: string }
  | { kind: "cancelled" };

/** What the circuit looks like now: an open circuit whose cool-down passed is half-open. */
export function effectiveState(row: Pick<CircuitRow, "state" | "retryAt">, now: Date): CircuitStateName {
  if (row.state === "open" && row.retryAt && row.retryAt.getTime() <= now.getTime()) return "half_open";
  return row.state;
}

/**
 * The circuit after an outcome, or null when it does not change. `trial` says the outcome is the
 * half-open trial's own (a cancelled trial gives its turn back). Failures while open are not
 * counted (no call went through), and neither are successes: only a trial closes an open circuit
 * (or a manual reset), so an agent taken out of service by hand stays out.
 */
export function nextCircuit(row: CircuitRow, outcome: Outcome, now: Date, trial = false): CircuitChange | null {
  const reopen = (): CircuitChange => ({
    state: "open",
    failures: row.failures,
    openedAt: now,
    retryAt: new Date(now.getTime() + row.cooldownMs),
  });
  if (outcome.kind === "cancelled") {
    // The trial ended without a verdict: the next caller may try at once.
    return trial && row.state === "half_open" ? { ...pick(row), state: "open", retryAt: now } : null;
  }
  if (row.state === "closed") {
    if (outcome.kind === "success") return row.failures === 0 ? null : { ...pick(row), failures: 0 };
    const failures = row.failures + (outcome.count ?? 1);
    if (failures >= row.threshold) return { ...reopen(), failures };
    return { ...pick(row), failures };
  }
  if (row.state === "half_open") {
    if (outcome.kind === "success") return { state: "closed", failures: 0, openedAt: null, retryAt: null };
    return reopen();
  }
  return null;
}

/** Folds outcomes in order (a recorded batch): the final change, or null when nothing changed. */
export function foldOutcomes(row: CircuitRow, outcomes: Outcome[], now: Date): CircuitChange | null {
  let current: CircuitRow = row;
  let changed = false;
  for (const o of outcomes) {
    const next = nextCircuit(current, o, now);
    if (next) {
      current = { ...current, ...next };
      changed = true;
    }
  }
  return changed ? pick(current) : null;
}

function pick(r: CircuitChange): CircuitChange {
  return { state: r.state, failures: r.failures, openedAt: r.openedAt, retryAt: r.retryAt };
}

/** Why a call is refused, in the words a step's error shows. */
export function refusal(row: CircuitRow, now: Date): string {
  const since = row.openedAt ? ` since ${row.openedAt.toISOString()}` : "";
  if (!row.retryAt) return `circuit open for ${row.agentName}${since}, opened by hand: reset it to use the agent`;
  if (effectiveState(row, now) === "half_open" || row.state === "half_open")
    return `circuit half-open for ${row.agentName}${since}: a trial call is in progress, retry after ${row.retryAt.toISOString()}`;
  return `circuit open for ${row.agentName}${since}, retry after ${row.retryAt.toISOString()}`;
}

/** Whether a call may go through: as a normal call, as the half-open trial, or not at all. */
export type Admission = { ok: true; trial: boolean } | { ok: false; error: string; retryAt: Date | null };

/** What the executor needs of the breaker. */
export interface CircuitBreaker {
  /** Before invoking the agent: refused while open, one trial admitted when half-open. */
  admit(agentId: string): Promise<Admission>;
  /** After the agent ran (not after a refusal): the execution's outcome; the state it leaves. */
  report(agentId: string, outcome: Outcome, trial: boolean): Promise<CircuitStateName | null>;
}

/** A breaker that always admits (tests and benchmarks that drive the executor without a database). */
export const noBreaker: CircuitBreaker = {
  admit: async () => ({ ok: true, trial: false }),
  report: async () => null,
};
