// Alerts about agents (docs/alerts.md), in the database so that every instance agrees. An episode
// raises one alert: while an alert of a kind is unresolved for an agent it holds the unique
// `openKey` "<agentId>:<kind>", so a second insert (another failure, another instance) does nothing.
// Every change (raise, acknowledge, resolve) is published as `alertChanged` and, with a webhook
// configured, queued in AlertOutbox in the same transaction (alert.webhook.ts delivers it).
import { randomUUID } from "node:crypto";
import type { Database } from "../../db.js";
import type { AgentHealthChange, BatonPubSub } from "../../graphql/pubsub.js";
import { empty, raw, readTime, sql, type Sql, timeParam } from "../../sql.js";

export const ALERT_KINDS = ["circuit_open", "repeated_failures"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_STATES = ["open", "acknowledged", "resolved"] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export interface AlertSettings {
  /** Queue webhook deliveries (BATON_ALERT_WEBHOOK_URL is set). */
  webhook: boolean;
  /** Called after an outbox item was written (wakes the delivery worker). */
  queued?: () => void;
}
const settingsOf = new WeakMap<Database, AlertSettings>();
/** The app's alert settings for this database (createApp). */
export function configureAlerts(db: Database, settings: AlertSettings): void {
  settingsOf.set(db, settings);
}

export interface AlertRow {
  id: string;
  kind: AlertKind;
  state: AlertState;
  agentId: string;
  agentName: string;
  message: string;
  raisedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  resolvedAt: Date | null;
}

/** What subscribers and the webhook receive for each change. */
export type AlertEvent = "raised" | "acknowledged" | "resolved";

const COLUMNS = sql`"id", "kind", "state", "agentId", "agentName", "message", "raisedAt", "acknowledgedAt",
  "acknowledgedBy", "resolvedAt"`;

function toAlert(r: Record<string, unknown>): AlertRow {
  return {
    id: String(r.id),
    kind: r.kind as AlertKind,
    state: r.state as AlertState,
    agentId: String(r.agentId),
    agentName: String(r.agentName),
    message: String(r.message),
    raisedAt: readTime(r.raisedAt) ?? new Date(0),
    acknowledgedAt: readTime(r.acknowledgedAt),
    acknowledgedBy: (r.acknowledgedBy as string | null) ?? null,
    resolvedAt: readTime(r.resolvedAt),
  };
}

export async function readAlert(db: Database, id: string): Promise<AlertRow | null> {
  const [r] = await db.sql.all(sql`SELECT ${COLUMNS} FROM "Alert" WHERE "id" = ${id}`);
  return r ? toAlert(r) : null;
}

/** The webhook's JSON body (docs/alerts.md). */
export function webhookBody(event: AlertEvent, alert: AlertRow, at: Date) {
  return {
    type: `alert.${event}`,
    at: at.toISOString(),
    alert: {
      id: alert.id,
      kind: alert.kind.toUpperCase(),
      state: alert.state.toUpperCase(),
      agentId: alert.agentId,
      agentName: alert.agentName,
      message: alert.message,
      raisedAt: alert.raisedAt.toISOString(),
      acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
      acknowledgedBy: alert.acknowledgedBy,
      resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    },
  };
}

/** The outbox insert for a change, only if the alert is in `state` when the transaction runs. */
function outboxInsert(db: Database, event: AlertEvent, alert: AlertRow, at: Date): Sql[] {
  if (!settingsOf.get(db)?.webhook) return [];
  const body = JSON.stringify(webhookBody(event, alert, at));
  return [
    sql`INSERT INTO "AlertOutbox" ("alertId", "body", "attempts", "nextAttemptAt", "createdAt")
      SELECT ${alert.id}, ${body}, 0, ${timeParam(db.provider, at)}, ${timeParam(db.provider, at)}
      WHERE EXISTS (SELECT 1 FROM "Alert" WHERE "id" = ${alert.id} AND "state" = ${alert.state})`,
  ];
}

function announce(db: Database, pubsub: BatonPubSub, event: AlertEvent, alert: AlertRow, outboxed: boolean) {
  pubsub.publish("alertChanged", { event, alert: alertMessage(alert) });
  if (outboxed) settingsOf.get(db)?.queued?.();
}

export function alertMessage(a: AlertRow) {
  return {
    ...a,
    raisedAt: a.raisedAt.toISOString(),
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
  };
}
export function alertFromMessage(m: ReturnType<typeof alertMessage>): AlertRow {
  return {
    ...m,
    raisedAt: new Date(m.raisedAt),
    acknowledgedAt: m.acknowledgedAt ? new Date(m.acknowledgedAt) : null,
    resolvedAt: m.resolvedAt ? new Date(m.resolvedAt) : null,
  };
}

/** Raises an alert unless one of that kind is unresolved for the agent; the new alert, or null. */
export async function raiseAlert(
  db: Database,
  pubsub: BatonPubSub,
  agent: { agentId: string; name: string },
  kind: AlertKind,
  message: string,
): Promise<AlertRow | null> {
  const at = new Date();
  const alert: AlertRow = {
    id: randomUUID(),
    kind,
    state: "open",
    agentId: agent.agentId,
    agentName: agent.name,
    message,
    raisedAt: at,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
  };
  const time = timeParam(db.provider, at);
  const outbox = outboxInsert(db, "raised", alert, at);
  await db.sql.write([
    sql`INSERT INTO "Alert" ("id", "kind", "state", "agentId", "agentName", "message", "openKey", "raisedAt", "updatedAt")
      VALUES (${alert.id}, ${kind}, 'open', ${agent.agentId}, ${agent.name}, ${message}, ${`${agent.agentId}:${kind}`},
        ${time}, ${time})
      ON CONFLICT ("openKey") DO NOTHING`,
    ...outbox,
  ]);
  const stored = await readAlert(db, alert.id);
  if (!stored) return null;
  announce(db, pubsub, "raised", stored, outbox.length > 0);
  return stored;
}

/** A guard's row lock on PostgreSQL, so that of two transactions guarding one alert the second sees the first's write. */
const lock = (db: Database) => (db.provider === "postgresql" ? raw(" FOR UPDATE") : empty);

/** Resolves the unresolved alert of `kind` for the agent, if any (the agent recovered). */
export async function resolveAlert(db: Database, pubsub: BatonPubSub, agentId: string, kind: AlertKind) {
  const key = `${agentId}:${kind}`;
  const [r] = await db.sql.all(sql`SELECT ${COLUMNS} FROM "Alert" WHERE "openKey" = ${key}`);
  if (!r) return null;
  const at = new Date();
  const alert: AlertRow = { ...toAlert(r), state: "resolved", resolvedAt: at };
  const time = timeParam(db.provider, at);
  const outbox = outboxInsert(db, "resolved", alert, at);
  const wrote = await db.sql.writeIf(
    sql`SELECT "id" FROM "Alert" WHERE "id" = ${alert.id} AND "openKey" = ${key}${lock(db)}`,
    [
      sql`UPDATE "Alert" SET "state" = 'resolved', "openKey" = NULL, "resolvedAt" = ${time}, "updatedAt" = ${time}
      WHERE "id" = ${alert.id} AND "openKey" = ${key}`,
      ...outbox,
    ],
  );
  if (!wrote) return null;
  announce(db, pubsub, "resolved", alert, outbox.length > 0);
  return alert;
}

export class AlertNotFound extends Error {}
export class AlertNotOpen extends Error {}

/** A person acknowledges an open alert (it stays unresolved until the agent recovers). */
export async function acknowledgeAlert(db: Database, pubsub: BatonPubSub, id: string, by: string | null) {
  const found = await readAlert(db, id);
  if (!found) throw new AlertNotFound(`no alert with id ${id}`);
  if (found.state !== "open")
    throw new AlertNotOpen(`alert ${id} is ${found.state}: only an open alert can be acknowledged`);
  const at = new Date();
  const alert: AlertRow = { ...found, state: "acknowledged", acknowledgedAt: at, acknowledgedBy: by };
  const time = timeParam(db.provider, at);
  const outbox = outboxInsert(db, "acknowledged", alert, at);
  const wrote = await db.sql.writeIf(sql`SELECT "id" FROM "Alert" WHERE "id" = ${id} AND "state" = 'open'${lock(db)}`, [
    sql`UPDATE "Alert" SET "state" = 'acknowledged', "acknowledgedAt" = ${time}, "acknowledgedBy" = ${by},
      "updatedAt" = ${time} WHERE "id" = ${id} AND "state" = 'open'`,
    ...outbox,
  ]);
  if (!wrote) throw new AlertNotOpen(`alert ${id} is no longer open`);
  announce(db, pubsub, "acknowledged", alert, outbox.length > 0);
  return alert;
}

/**
 * Reacts to a written circuit change: an opening raises CIRCUIT_OPEN, a closing resolves it, and a
 * success after failures (closed, count back to 0) resolves REPEATED_FAILURES. REPEATED_FAILURES
 * itself is checked after every failed execution (checkRepeatedFailures), not here: a failure need
 * not change the circuit (it is open, or a recorded batch folds to no change).
 */
export async function alertsOnCircuit(db: Database, pubsub: BatonPubSub, change: AgentHealthChange): Promise<void> {
  if (change.state === "open" && change.previousState !== "open") {
    const since = change.openedAt ?? change.at;
    await raiseAlert(
      db,
      pubsub,
      { agentId: change.agentId, name: change.name },
      "circuit_open",
      `circuit open for ${change.name} since ${since} after ${change.consecutiveFailures} failures in a row`,
    );
  }
  if (change.state === "closed") {
    await resolveAlert(db, pubsub, change.agentId, "circuit_open");
    if (change.consecutiveFailures === 0) await resolveAlert(db, pubsub, change.agentId, "repeated_failures");
  }
}

/** "10 minutes", "90 seconds", "1500 ms": a window as the alert's message says it. */
export function describeWindow(ms: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (ms % 3_600_000 === 0) return unit(ms / 3_600_000, "hour");
  if (ms % 60_000 === 0) return unit(ms / 60_000, "minute");
  if (ms % 1000 === 0) return unit(ms / 1000, "second");
  return `${ms} ms`;
}

/**
 * After a failed execution of the agent (any source): raises REPEATED_FAILURES when the agent's
 * failed executions within its policy's window (alertFailures within alertWindowMs) reach the
 * policy's count, unless an alert of that kind is already unresolved (once per episode).
 * `executionId` names the failure being reported, counted even if its row is not yet written as failed.
 */
export async function checkRepeatedFailures(
  db: Database,
  pubsub: BatonPubSub,
  agentId: string,
  executionId?: string,
): Promise<AlertRow | null> {
  const [agent] = await db.sql.all<{ name: string; failures: unknown; windowMs: unknown; unresolved: unknown }>(
    sql`SELECT "name", "alertFailures" AS "failures", "alertWindowMs" AS "windowMs",
      (SELECT COUNT(*) FROM "Alert" WHERE "openKey" = ${`${agentId}:repeated_failures`}) AS "unresolved"
      FROM "Agent" WHERE "id" = ${agentId}`,
  );
  if (!agent || Number(agent.unresolved) > 0) return null;
  const threshold = Number(agent.failures);
  const windowMs = Number(agent.windowMs);
  const since = timeParam(db.provider, new Date(Date.now() - windowMs));
  const current = executionId ? sql` OR "id" = ${executionId}` : empty;
  const [row] = await db.sql.all<{ n: unknown }>(
    sql`SELECT COUNT(*) AS "n" FROM "Execution" WHERE "agentId" = ${agentId} AND "timestamp" >= ${since}
      AND ("status" = 'failure'${current})`,
  );
  const failures = Number(row?.n ?? 0);
  if (failures < threshold) return null;
  return raiseAlert(
    db,
    pubsub,
    { agentId, name: agent.name },
    "repeated_failures",
    `${agent.name} failed ${failures} times within ${describeWindow(windowMs)}`,
  );
}
