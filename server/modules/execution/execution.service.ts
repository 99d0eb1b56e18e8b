// Recording and reading executions. A batch is validated whole, then written in one statement:
// all of it or none of it.
import type { Database } from "../../db.js";
import { ConflictError, NotFoundError, ReadTooLargeError, ValidationError } from "../../errors.js";
import type { Prisma } from "../../generated/sqlite/client.js";
import { join, raw, sql, type Sql, where } from "../../sql.js";
import { commaList, statusList } from "../../validation.js";
import { newId } from "../../ids.js";
import { notionOutboxStatements, notionQueued } from "../../integrations/notion/outbox.js";
import {
  EXECUTION_STATUSES,
  type ExecutionStatus,
  FINISHED,
  MAX_BATCH,
  type NormalisedRecord,
  normaliseRecord,
  parseDateParam,
  parseUpdate,
  type RecordInput,
  TRANSITIONS,
  type UpdateInput,
} from "./execution.validation.js";

export interface ExecutionLimits {
  jsonLimit: number;
}

const json = (v: unknown) => (v === null || v === undefined ? undefined : (v as Prisma.InputJsonValue));

/** Records executions (one or a batch). Parents may be stored already or earlier/later in the batch. */
export async function recordExecutions(
  db: Database,
  inputs: RecordInput[],
  limits: ExecutionLimits,
  { batch = inputs.length > 1 }: { batch?: boolean } = {},
) {
  if (inputs.length === 0) throw ValidationError.field("executions", "must contain at least one execution");
  if (inputs.length > MAX_BATCH)
    throw ValidationError.field("executions", `must contain at most ${MAX_BATCH} executions`);
  const now = new Date();
  const records = inputs.map((r, i) => normaliseRecord(r, batch ? `executions[${i}].` : "", limits.jsonLimit, now));
  const at = (i: number) => (batch ? `executions[${i}].` : "");

  const ids = records.map((r) => r.id ?? newId());
  const index = new Map<string, number>();
  ids.forEach((id, i) => {
    if (index.has(id)) throw new ConflictError(`id '${id}' appears twice in the batch`, `${at(i)}id`);
    index.set(id, i);
  });
  const external = [
    ...new Set(
      records.flatMap((r) => (r.parentExecutionId && !index.has(r.parentExecutionId) ? [r.parentExecutionId] : [])),
    ),
  ];
  const stored = new Map(
    (
      await selectIn<{ id: string; rootId: string; depth: number }>(
        db,
        `SELECT "id", "rootId", "depth" FROM "Execution" WHERE "id" IN`,
        external,
      )
    ).map((p) => [p.id, { ...p, depth: Number(p.depth) }]),
  );
  // Root and depth of each record, following parents inside the batch; a cycle is an error.
  const placed = new Map<number, { rootId: string; depth: number }>();
  const place = (i: number, trail: Set<number>): { rootId: string; depth: number } => {
    const done = placed.get(i);
    if (done) return done;
    const parent = records[i]?.parentExecutionId ?? null;
    let result: { rootId: string; depth: number };
    if (!parent) result = { rootId: ids[i] as string, depth: 0 };
    else if (index.has(parent)) {
      const p = index.get(parent) as number;
      if (trail.has(p))
        throw ValidationError.field(`${at(i)}parentExecutionId`, "the handoffs in the batch form a cycle");
      const up = place(p, new Set([...trail, i]));
      result = { rootId: up.rootId, depth: up.depth + 1 };
    } else {
      const p = stored.get(parent);
      if (!p) throw ValidationError.field(`${at(i)}parentExecutionId`, `unknown parent execution '${parent}'`);
      result = { rootId: p.rootId, depth: p.depth + 1 };
    }
    placed.set(i, result);
    return result;
  };
  for (let i = 0; i < records.length; i++) place(i, new Set([i]));

  const names = [...new Set(records.map((r) => r.agentName))];
  const agents = new Map(
    (await selectIn<{ id: string; name: string }>(db, `SELECT "id", "name" FROM "Agent" WHERE "name" IN`, names)).map(
      (a) => [a.name, a.id],
    ),
  );
  const rows = records.map((r, i) =>
    toRow(r, ids[i] as string, placed.get(i) as { rootId: string; depth: number }, agents, now),
  );
  try {
    await insertExecutions(db, rows);
  } catch (e) {
    // The primary key refused the batch (nothing was written): name an id that is taken. Asking
    // only now keeps a lookup of every id off the path of batches that go in.
    const given = records.flatMap((r) => (r.id ? [r.id] : []));
    const [taken] = await selectIn<{ id: string }>(db, `SELECT "id" FROM "Execution" WHERE "id" IN`, given);
    if (taken) throw new ConflictError(`execution '${taken.id}' already exists`, `${at(index.get(taken.id) ?? 0)}id`);
    throw e;
  }
  return rows;
}

/** A recorded row as written: inputs and outputs are JSON text. */
export type RecordedRow = ReturnType<typeof toRow>;

function toRow(
  r: NormalisedRecord,
  id: string,
  place: { rootId: string; depth: number },
  agents: Map<string, string>,
  now: Date,
) {
  return {
    id,
    agentName: r.agentName,
    agentId: agents.get(r.agentName) ?? null,
    status: r.status,
    timestamp: r.timestamp,
    endedAt: r.endedAt,
    durationMs: r.durationMs,
    inputs: r.inputs,
    outputs: r.outputs,
    error: r.error,
    parentExecutionId: r.parentExecutionId,
    rootId: place.rootId,
    depth: place.depth,
    workflowId: r.workflowId,
    workflowRunId: r.workflowRunId,
    workflowStepId: r.workflowStepId,
    attempt: r.attempt,
    model: r.model,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    costUsd: r.costUsd,
    createdAt: now,
    updatedAt: now,
  };
}

/** `<head> (…values)` in chunks that stay under every provider's parameter limit; none for no values. */
async function selectIn<T>(db: Database, head: string, values: string[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += 5000)
    out.push(...(await db.sql.all<T>(sql`${raw(head)} (${join(values.slice(i, i + 5000))})`)));
  return out;
}

/** Every column of an Execution row, in one order for writes (insert) and reads (timeline). */
export const EXECUTION_COLUMNS = [
  "id",
  "agentName",
  "agentId",
  "status",
  "timestamp",
  "endedAt",
  "durationMs",
  "inputs",
  "outputs",
  "error",
  "parentExecutionId",
  "rootId",
  "depth",
  "workflowId",
  "workflowRunId",
  "workflowStepId",
  "attempt",
  "model",
  "inputTokens",
  "outputTokens",
  "costUsd",
  "createdAt",
  "updatedAt",
] as const;

/**
 * One transaction, parents first (so the foreign key holds whatever the chunking). Set-based SQL
 * through the hot-path port rather than createMany: Prisma 6 compiles each batch on the event loop,
 * which the ingest benchmark showed costing more than the inserts.
 */
async function insertExecutions(db: Database, rows: RecordedRow[]) {
  const ordered = [...rows].sort((a, b) => a.depth - b.depth);
  const values = ordered.map((r) => EXECUTION_COLUMNS.map((c) => r[c]));
  // Queued for Notion in the same transaction (nothing when the integration is off).
  const outbox = notionOutboxStatements(
    db,
    ordered.map((r) => r.id),
  );
  await db.sql.insert(
    "Execution",
    EXECUTION_COLUMNS,
    values,
    {
      inputs: "jsonb",
      outputs: "jsonb",
      timestamp: "timestamp(3)",
      endedAt: "timestamp(3)",
      createdAt: "timestamp(3)",
      updatedAt: "timestamp(3)",
    },
    outbox,
  );
  if (outbox.length) notionQueued(db);
}

/** Finishes or progresses an execution; a finished one cannot change (409). */
export async function updateExecution(db: Database, id: string, raw: UpdateInput, limits: ExecutionLimits) {
  const u = parseUpdate(raw, limits.jsonLimit);
  const current = await db.prisma.execution.findUnique({ where: { id } });
  if (!current) throw new NotFoundError("Execution", id);
  // Notes and tags belong to people (docs/notion.md): editable on any execution, finished or not;
  // the next sync from Notion writes them to the page (they are not queued on the outbox).
  const now = new Date();
  const personal = {
    ...(u.notes !== undefined ? { notes: u.notes === "" ? null : u.notes, notesEditedAt: now } : {}),
    ...(u.tags !== undefined ? { tags: JSON.stringify([...new Set(u.tags)]), tagsEditedAt: now } : {}),
  };
  const note =
    u.notes !== undefined || u.tags !== undefined
      ? [
          db.prisma.executionNote.upsert({
            where: { executionId: id },
            create: { executionId: id, ...personal },
            update: personal,
          }),
        ]
      : [];
  const onlyPersonal =
    u.status === undefined &&
    u.endedAt === undefined &&
    u.durationMs === undefined &&
    u.outputs === undefined &&
    u.error === undefined &&
    u.model === undefined &&
    u.inputTokens === undefined &&
    u.outputTokens === undefined &&
    u.costUsd === undefined;
  if (onlyPersonal) {
    const [updated] = await db.prisma.$transaction([
      db.prisma.execution.update({ where: { id }, data: { updatedAt: now } }),
      ...note,
    ]);
    return updated;
  }
  const from = current.status as ExecutionStatus;
  const to = u.status ?? from;
  if (!TRANSITIONS[from].includes(to))
    throw new ConflictError(
      FINISHED.has(from)
        ? `execution '${id}' already finished (${from}); a finished execution cannot change`
        : `status cannot go from ${from} to ${to}`,
      "status",
    );
  const finishing = FINISHED.has(to);
  if (!finishing && (u.endedAt || u.durationMs !== undefined))
    throw ValidationError.field(u.endedAt ? "endedAt" : "durationMs", `must be empty while status is ${to}`);
  let endedAt = u.endedAt ?? null;
  let durationMs = u.durationMs ?? null;
  if (finishing) {
    if (!endedAt && durationMs === null) endedAt = new Date();
    if (endedAt && endedAt < current.timestamp) throw ValidationError.field("endedAt", "must not be before timestamp");
    if (endedAt && durationMs === null) durationMs = endedAt.getTime() - current.timestamp.getTime();
    if (!endedAt && durationMs !== null) endedAt = new Date(current.timestamp.getTime() + durationMs);
  }
  const outbox = notionOutboxStatements(db, [id]);
  const [updated] = await db.prisma.$transaction([
    db.prisma.execution.update({
      where: { id },
      data: {
        status: to,
        ...(finishing ? { endedAt, durationMs } : {}),
        ...(u.outputs !== undefined ? { outputs: json(u.outputs) } : {}),
        ...(u.error !== undefined ? { error: u.error } : {}),
        ...(u.model !== undefined ? { model: u.model } : {}),
        ...(u.inputTokens !== undefined ? { inputTokens: u.inputTokens } : {}),
        ...(u.outputTokens !== undefined ? { outputTokens: u.outputTokens } : {}),
        ...(u.costUsd !== undefined ? { costUsd: u.costUsd } : {}),
      },
    }),
    ...note,
    ...outbox.map((s) => db.prisma.$executeRaw(s)),
  ]);
  if (outbox.length) notionQueued(db);
  return updated;
}

export interface ExecutionFilter {
  agent?: string | null;
  /** Only executions handed work by an execution of these agents (comma list). */
  parentAgent?: string | null;
  status?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  workflow?: string | null;
  workflowRun?: string | null;
}

export interface ParsedFilter {
  agents: string[];
  parentAgents: string[];
  statuses: ExecutionStatus[];
  start: Date | null;
  end: Date | null;
  workflow: string | null;
  workflowRun: string | null;
}

/** The typed filter arguments as the service's filter (lists as its comma lists). */
export function filterOf(args: {
  agent?: readonly string[] | null;
  parentAgent?: readonly string[] | null;
  status?: readonly string[] | null;
  startDate?: string | null;
  endDate?: string | null;
  workflow?: string | number | null;
  workflowRun?: string | number | null;
}): ExecutionFilter {
  return {
    agent: args.agent?.join(","),
    parentAgent: args.parentAgent?.join(","),
    status: args.status?.join(","),
    startDate: args.startDate,
    endDate: args.endDate,
    workflow: args.workflow == null ? null : String(args.workflow),
    workflowRun: args.workflowRun == null ? null : String(args.workflowRun),
  };
}

/** Filters shared by the list, the timeline and the graph. `agent`/`status` accept comma lists. */
export function parseFilter(f: ExecutionFilter): ParsedFilter {
  const statuses = statusList(f.status, EXECUTION_STATUSES);
  const start = parseDateParam(f.startDate, "startDate");
  const end = parseDateParam(f.endDate, "endDate", true);
  if (start && end && end <= start) throw ValidationError.field("endDate", "must be after startDate");
  return {
    agents: commaList(f.agent),
    parentAgents: commaList(f.parentAgent),
    statuses,
    start,
    end,
    workflow: f.workflow?.trim() || null,
    workflowRun: f.workflowRun?.trim() || null,
  };
}

/**
 * parseFilter, with `workflow` read as a template's id or name: a name becomes its template's id;
 * anything else is kept as an id (a deleted template's executions keep its id, and match it).
 */
export async function resolveFilter(db: Database, f: ExecutionFilter): Promise<ParsedFilter> {
  const parsed = parseFilter(f);
  if (!parsed.workflow) return parsed;
  const template = await db.prisma.workflowTemplate.findUnique({
    where: { name: parsed.workflow },
    select: { id: true },
  });
  return template ? { ...parsed, workflow: template.id } : parsed;
}

export function prismaWhere(f: ParsedFilter): Prisma.ExecutionWhereInput {
  return {
    ...(f.agents.length ? { agentName: { in: f.agents } } : {}),
    ...(f.parentAgents.length ? { parent: { agentName: { in: f.parentAgents } } } : {}),
    ...(f.statuses.length ? { status: { in: f.statuses } } : {}),
    ...(f.start || f.end
      ? { timestamp: { ...(f.start ? { gte: f.start } : {}), ...(f.end ? { lt: f.end } : {}) } }
      : {}),
    ...(f.workflow ? { workflowId: f.workflow } : {}),
    ...(f.workflowRun ? { workflowRunId: f.workflowRun } : {}),
  };
}

/** An execution list's orders in SQL (ties broken by id), as ExecutionSort names them. */
const LIST_ORDER = {
  timestamp_desc: `e."timestamp" DESC, e."id" DESC`,
  timestamp_asc: `e."timestamp" ASC, e."id" ASC`,
  duration_desc: `e."durationMs" DESC NULLS LAST, e."id" DESC`,
  duration_asc: `e."durationMs" ASC NULLS LAST, e."id" ASC`,
} as const;
export type ListOrder = keyof typeof LIST_ORDER;

/**
 * The ids of one page of an execution list. A heavy read (db.sql.read): a deep offset or an order
 * no index serves (duration) sorts or skips every matching execution, off the event loop and
 * within the read budget; the page's rows are then read by id.
 */
export async function executionPageIds(
  db: Database,
  f: ParsedFilter,
  order: ListOrder,
  limit: number,
  offset: number,
): Promise<string[]> {
  const rows = await db.sql.read<{ id: string }>(
    sql`SELECT e."id" FROM "Execution" e ${sqlWhere(f)} ORDER BY ${raw(LIST_ORDER[order])} LIMIT ${limit} OFFSET ${offset}`,
  );
  return rows.map((r) => r.id);
}

/** How many executions match (a heavy read: it counts every one). */
export async function countExecutions(db: Database, f: ParsedFilter): Promise<number> {
  const [row] = await db.sql.read<{ n: unknown }>(sql`SELECT COUNT(*) AS "n" FROM "Execution" e ${sqlWhere(f)}`);
  return Number(row?.n ?? 0);
}

/** The filter's conditions over the alias `e` (none when nothing is filtered). */
function conditions(f: ParsedFilter, alias: string): (Sql | null | false)[] {
  const c = (col: string) => raw(`"${alias}"."${col}"`);
  return [
    f.agents.length > 0 && sql`${c("agentName")} IN (${join(f.agents)})`,
    f.parentAgents.length > 0 &&
      sql`EXISTS (SELECT 1 FROM "Execution" pa WHERE pa."id" = ${c("parentExecutionId")} AND pa."agentName" IN (${join(f.parentAgents)}))`,
    f.statuses.length > 0 && sql`${c("status")} IN (${join(f.statuses)})`,
    f.start && sql`${c("timestamp")} >= ${f.start}`,
    f.end && sql`${c("timestamp")} < ${f.end}`,
    f.workflow ? sql`${c("workflowId")} = ${f.workflow}` : null,
    f.workflowRun ? sql`${c("workflowRunId")} = ${f.workflowRun}` : null,
  ];
}

/** The same filter as SQL over the alias `e`. */
export function sqlWhere(f: ParsedFilter, alias = "e"): Sql {
  return where(conditions(f, alias));
}

/** The filter as one condition that is true or false, never NULL (TRUE when nothing is filtered). */
export function sqlMatches(f: ParsedFilter, alias = "e"): Sql {
  const kept = conditions(f, alias).filter((p): p is Sql => Boolean(p));
  return kept.length ? sql`COALESCE((${join(kept, " AND ")}), FALSE)` : raw("TRUE");
}

/**
 * Deletes one execution — a repair for a bad record, not a way to edit history: refused (409) when
 * executions hang under it (delete leaves first) or a workflow run recorded it (runs keep theirs).
 */
export async function deleteExecution(db: Database, id: string) {
  const e = await db.prisma.execution.findUnique({
    where: { id },
    select: { id: true, agentName: true, workflowRunId: true, _count: { select: { children: true } } },
  });
  if (!e) throw new NotFoundError("Execution", id);
  if (e.workflowRunId)
    throw new ConflictError(
      `execution '${id}' belongs to workflow run '${e.workflowRunId}': runs keep their executions`,
      "id",
    );
  const busy = () =>
    new ConflictError(`execution '${id}' has child executions: delete them first, leaves before their parents`, "id");
  if (e._count.children > 0) throw busy();
  try {
    await db.prisma.execution.delete({ where: { id } });
  } catch (err) {
    // A child recorded in between: the foreign key (Restrict) refuses, as the check above would.
    if ((err as { code?: string }).code === "P2003") throw busy();
    throw err;
  }
  return { id: e.id, agentName: e.agentName };
}

export async function getExecution(db: Database, id: string) {
  const e = await db.prisma.execution.findUnique({ where: { id }, select: { id: true, rootId: true } });
  if (!e) throw new NotFoundError("Execution", id);
  return e;
}

/** The handoff chain above an execution, root first. */
export async function ancestorIds(db: Database, id: string): Promise<string[]> {
  const rows = await db.sql.all<{ id: string; depth: unknown }>(sql`
    WITH RECURSIVE up("id", "parentExecutionId", "depth") AS (
      SELECT "id", "parentExecutionId", "depth" FROM "Execution" WHERE "id" = ${id}
      UNION ALL
      SELECT p."id", p."parentExecutionId", p."depth" FROM "Execution" p JOIN up ON p."id" = up."parentExecutionId"
    )
    SELECT "id", "depth" FROM up WHERE "id" <> ${id} ORDER BY "depth"`);
  return rows.map((r) => r.id);
}

/** Most descendants an execution's `descendants` lists: past it, READ_TOO_LARGE. */
export const MAX_DESCENDANTS = 10_000;

/** Every execution below one, in tree order (by depth, then start): a heavy read, capped. */
export async function descendantIds(db: Database, id: string): Promise<string[]> {
  const rows = await db.sql.read<{ id: string }>(sql`
    WITH RECURSIVE down("id") AS (
      SELECT "id" FROM "Execution" WHERE "parentExecutionId" = ${id}
      UNION ALL
      SELECT c."id" FROM "Execution" c JOIN down ON c."parentExecutionId" = down."id"
    )
    SELECT e."id" FROM "Execution" e WHERE e."id" IN (SELECT "id" FROM down)
    ORDER BY e."depth", e."timestamp", e."id" LIMIT ${MAX_DESCENDANTS + 1}`);
  if (rows.length > MAX_DESCENDANTS) throw new ReadTooLargeError();
  return rows.map((r) => r.id);
}
