// Agents' circuit breakers in the database (columns circuit* of Agent), so that every instance
// agrees and the state survives a restart. Every change is read → decide (engine/recovery/circuit-breaker.ts)
// → `UPDATE … WHERE "circuitVersion" = <read>`: of two instances deciding the same change at the
// same moment only one writes it; the other reads again and finds nothing left to change.
import type { Database } from "../../db.js";
import {
  type Admission,
  type CircuitBreaker,
  type CircuitChange,
  type CircuitRow,
  type CircuitStateName,
  effectiveState,
  foldOutcomes,
  nextCircuit,
  type Outcome,
  refusal,
} from "../../engine/recovery/circuit-breaker.js";
import type { AgentHealthChange, BatonPubSub } from "../../graphql/pubsub.js";
import { sql, timeParam } from "../../sql.js";
import { alertsOnCircuit, checkRepeatedFailures } from "../alert/alert.store.js";

/** Called once per written change (to publish `agentHealthChanged`, raise and resolve alerts). */
export interface CircuitListener {
  (change: AgentHealthChange): unknown;
  /**
   * Called after each failed execution of the agent is reported, whether or not the circuit
   * changed (it is open, or a recorded batch folds to no change): REPEATED_FAILURES is checked here.
   */
  failed?: (agentId: string, executionId?: string) => unknown;
}

/**
 * Publishes each change as `agentHealthChanged`, for every instance's subscribers; with `db`, also
 * raises and resolves the agent's alerts (modules/alert/alert.store.ts) before the change's writer
 * goes on, so an alert is stored by the time the failure that raised it is answered.
 */
export const publishCircuit = (pubsub: BatonPubSub, db?: Database): CircuitListener => {
  const listener: CircuitListener = async (change: AgentHealthChange) => {
    pubsub.publish("agentHealthChanged", change);
    if (db) await alertsOnCircuit(db, pubsub, change);
  };
  if (db) listener.failed = (agentId, executionId) => checkRepeatedFailures(db, pubsub, agentId, executionId);
  return listener;
};

const COLUMNS = sql`"id", "name", "circuitState", "circuitFailures", "circuitOpenedAt", "circuitRetryAt",
  "circuitVersion", "breakerFailureThreshold", "breakerCooldownMs"`;

type RawRow = Record<string, unknown>;
/** A stored time: a Date, or text (SQLite's ISO with offset; a zone-less timestamp is UTC). */
function date(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const text = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}

function toRow(r: RawRow): CircuitRow {
  return {
    agentId: r.id as string,
    agentName: r.name as string,
    state: r.circuitState as CircuitStateName,
    failures: Number(r.circuitFailures),
    openedAt: date(r.circuitOpenedAt),
    retryAt: date(r.circuitRetryAt),
    version: Number(r.circuitVersion),
    threshold: Number(r.breakerFailureThreshold),
    cooldownMs: Number(r.breakerCooldownMs),
  };
}

/** The circuit as the API shows it (an open circuit past its cool-down reads HALF_OPEN). */
export function circuitView(row: Pick<CircuitRow, "state" | "failures" | "openedAt" | "retryAt">, now = new Date()) {
  return {
    state: effectiveState(row, now),
    consecutiveFailures: row.failures,
    openedAt: row.openedAt,
    retryAfter: row.state === "closed" ? null : row.retryAt,
  };
}

export async function readCircuit(db: Database, agentId: string): Promise<CircuitRow | null> {
  const [r] = await db.sql.all<RawRow>(sql`SELECT ${COLUMNS} FROM "Agent" WHERE "id" = ${agentId}`);
  return r ? toRow(r) : null;
}

/** Writes `change` only if the circuit is still at `row.version`; whether this call wrote it. */
export async function writeCircuit(db: Database, row: CircuitRow, change: CircuitChange): Promise<boolean> {
  const time = (d: Date | null) => timeParam(db.provider, d);
  const rows = await db.sql.all<{ id: string }>(sql`
    UPDATE "Agent" SET "circuitState" = ${change.state}, "circuitFailures" = ${change.failures},
      "circuitOpenedAt" = ${time(change.openedAt)}, "circuitRetryAt" = ${time(change.retryAt)},
      "circuitVersion" = ${row.version + 1}
    WHERE "id" = ${row.agentId} AND "circuitVersion" = ${row.version}
    RETURNING "id"`);
  return rows.length === 1;
}

/**
 * Reads, decides and writes until the decision is written or there is nothing to change. Returns
 * the written circuit (null when nothing changed, or the agent is gone).
 */
export async function changeCircuit(
  db: Database,
  agentId: string,
  decide: (row: CircuitRow) => CircuitChange | null,
  listener?: CircuitListener,
): Promise<CircuitRow | null> {
  for (let i = 0; i < 20; i++) {
    const row = await readCircuit(db, agentId);
    if (!row) return null;
    const change = decide(row);
    if (!change) return null;
    if (await writeCircuit(db, row, change)) {
      const after = { ...row, ...change, version: row.version + 1 };
      await listener?.(healthChange(row, after));
      return after;
    }
  }
  throw new Error(`the circuit of agent ${agentId} kept changing under this write`);
}

function healthChange(before: CircuitRow, after: CircuitRow): AgentHealthChange {
  const view = circuitView(after);
  return {
    agentId: after.agentId,
    name: after.agentName,
    previousState: effectiveState(before, new Date()),
    state: view.state,
    consecutiveFailures: view.consecutiveFailures,
    openedAt: view.openedAt?.toISOString() ?? null,
    retryAfter: view.retryAfter?.toISOString() ?? null,
    at: new Date().toISOString(),
  };
}

/** How long a half-open trial holds the circuit before another is allowed (it never reported). */
export const TRIAL_LEASE_MS = 10 * 60_000;

/** The breaker the workflow engine calls around each step attempt. */
export function createCircuitBreaker(db: Database, listener?: CircuitListener): CircuitBreaker {
  return {
    async admit(agentId): Promise<Admission> {
      for (let i = 0; i < 20; i++) {
        const row = await readCircuit(db, agentId);
        if (!row || row.state === "closed") return { ok: true, trial: false };
        const now = new Date();
        // A trial is due (cool-down over, or a trial that never reported has had its lease): the
        // one caller whose conditional write wins is the trial. The lease outlasts any sensible
        // call (a slow trial must not let a second one through); only a trial lost with its
        // server waits it out.
        if (row.retryAt && row.retryAt.getTime() <= now.getTime()) {
          const trial: CircuitChange = {
            state: "half_open",
            failures: row.failures,
            openedAt: row.openedAt,
            retryAt: new Date(now.getTime() + Math.max(row.cooldownMs, TRIAL_LEASE_MS)),
          };
          if (await writeCircuit(db, row, trial)) {
            await listener?.(healthChange(row, { ...row, ...trial, version: row.version + 1 }));
            return { ok: true, trial: true };
          }
          continue; // another caller changed it first: read what it wrote
        }
        return { ok: false, error: refusal(row, now), retryAt: row.retryAt };
      }
      throw new Error(`the circuit of agent ${agentId} kept changing under this admission`);
    },
    async report(agentId, outcome, trial) {
      let state: CircuitStateName | null = null;
      await changeCircuit(
        db,
        agentId,
        (row) => {
          const change = nextCircuit(row, outcome, new Date(), trial);
          state = (change ?? row).state;
          return change;
        },
        listener,
      );
      if (outcome.kind === "failure") await listener?.failed?.(agentId, outcome.executionId);
      return state;
    },
  };
}

/** Finished executions recorded through the API, in time order: each agent's outcomes folded. */
export async function reportRecorded(
  db: Database,
  rows: { agentId: string | null; status: string; timestamp: Date }[],
  listener?: CircuitListener,
): Promise<void> {
  const byAgent = new Map<string, { status: string; timestamp: Date }[]>();
  for (const r of rows) {
    if (!r.agentId || (r.status !== "success" && r.status !== "failure")) continue;
    const list = byAgent.get(r.agentId) ?? [];
    list.push(r);
    byAgent.set(r.agentId, list);
  }
  for (const [agentId, list] of byAgent) {
    const outcomes = [...list]
      .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime())
      .map((r): Outcome => (r.status === "success" ? { kind: "success" } : { kind: "failure" }));
    // The failures are checked first, so that a success recorded after them in the same batch
    // resolves what they raised (the circuit change below closes at 0 failures).
    if (outcomes.some((o) => o.kind === "failure")) await listener?.failed?.(agentId);
    await changeCircuit(db, agentId, (row) => foldOutcomes(row, outcomes, new Date()), listener);
  }
}

/** Closes the circuit by hand (failures forgotten); the circuit as it is afterwards. */
export async function resetCircuit(db: Database, agentId: string, listener?: CircuitListener) {
  await changeCircuit(
    db,
    agentId,
    (row) =>
      row.state === "closed" && row.failures === 0
        ? null
        : { state: "closed", failures: 0, openedAt: null, retryAt: null },
    listener,
  );
}

/** Opens the circuit by hand: the agent is out of service until reset (no trial call). */
export async function openCircuit(db: Database, agentId: string, listener?: CircuitListener) {
  await changeCircuit(
    db,
    agentId,
    (row) =>
      row.state === "open" && row.retryAt === null
        ? null
        : { state: "open", failures: row.failures, openedAt: new Date(), retryAt: null },
    listener,
  );
}
