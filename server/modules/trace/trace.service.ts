// The trace list: one row per handoff tree (a root execution and everything under it), newest
// first, with the tree's figures aggregated in SQL over the rootId index for the page's trees only.
// Paged by keyset (the last row's start and id), so an old page costs what the newest does.
import type { Database } from "../../db.js";
import { NotFoundError, ReadTooLargeError, ValidationError } from "../../errors.js";
import { decodeKeyset, encodeKeyset } from "../../graphql/keyset-cursor.js";
import { join, num, numOrNull, raw, readTime, type Sql, sql } from "../../sql.js";
import { MAX_DESCENDANTS, resolveFilter } from "../execution/execution.service.js";
import { criticalPath } from "./critical-path.js";
import type { ExecutionStatus } from "../execution/execution.validation.js";

export interface TraceFilter {
  /** Trees whose root ended in one of these statuses. */
  status?: readonly string[] | null;
  /** Trees in which one of these agents ran. */
  agent?: readonly string[] | null;
  /** Trees run under this workflow template (id or name). */
  workflow?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  /** The root's duration, inclusive bounds. */
  minDurationMs?: number | null;
  maxDurationMs?: number | null;
  /** An execution id: the tree holding that execution. */
  execution?: string | null;
  /** Words in an execution's id, agent, inputs, outputs or error (all of them, any order). */
  text?: string | null;
}

/** Most characters of a text search, and most words. */
export const MAX_SEARCH_CHARS = 200;
const MAX_SEARCH_WORDS = 12;

/**
 * The search's words as the full-text index cuts text (letters and digits; the rest separates),
 * lower-cased; a ValidationError naming `text` when there are none or too many.
 */
export function searchWords(text: string): string[] {
  if (text.length > MAX_SEARCH_CHARS)
    throw ValidationError.field("text", `must be at most ${MAX_SEARCH_CHARS} characters`);
  const words = [
    ...new Set(
      text
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean),
    ),
  ];
  if (words.length === 0) throw ValidationError.field("text", "must contain a word (letters or digits)");
  if (words.length > MAX_SEARCH_WORDS)
    throw ValidationError.field("text", `must have at most ${MAX_SEARCH_WORDS} words`);
  return words;
}

/** The text an execution is searched by: the expression the PostgreSQL index holds (unqualified, as there). */
const SEARCH_BODY_PG = `"id" || ' ' || "agentName" || ' ' || COALESCE(CAST("inputs" AS TEXT), '') || ' ' || COALESCE(CAST("outputs" AS TEXT), '') || ' ' || COALESCE("error", '')`;

/** The same text for SQLite (the FTS5 index's body; inputs and outputs are stored as text there). */
const SEARCH_BODY_SQLITE = `"id" || ' ' || "agentName" || ' ' || COALESCE("inputs", '') || ' ' || COALESCE("outputs", '') || ' ' || COALESCE("error", '')`;

/**
 * Rebuilds the full-text index from the executions. SQLite's FTS5 index is keyed by each
 * execution's rowid, which a copy of the database may renumber (a `.dump` restored elsewhere);
 * PostgreSQL's is an expression index, which REINDEX rebuilds. The number of executions indexed.
 */
export async function rebuildSearchIndex(db: Database): Promise<{ executions: number }> {
  if (db.provider === "sqlite") {
    await db.sql.write([
      sql`DELETE FROM "ExecutionSearch"`,
      sql`INSERT INTO "ExecutionSearch"(rowid, "body") SELECT rowid, ${raw(SEARCH_BODY_SQLITE)} FROM "Execution"`,
    ]);
  } else {
    await db.sql.write([sql`REINDEX INDEX "Execution_search_idx"`]);
  }
  const [r] = await db.sql.all<{ n: unknown }>(sql`SELECT COUNT(*) AS "n" FROM "Execution"`);
  return { executions: Number(r?.n ?? 0) };
}

/** Roots of the trees holding an execution that matches every word (through the full-text index). */
function textRoots(db: Database, words: string[]): Sql {
  if (db.provider === "sqlite") {
    // FTS5: each word a quoted string (no operators), all of them required.
    const match = words.map((w) => `"${w.replaceAll('"', '""')}"`).join(" ");
    return sql`SELECT x."rootId" FROM "ExecutionSearch" s JOIN "Execution" x ON x.rowid = s.rowid WHERE "ExecutionSearch" MATCH ${match}`;
  }
  return sql`SELECT x."rootId" FROM "Execution" x
    WHERE to_tsvector('simple'::regconfig, ${raw(SEARCH_BODY_PG)}) @@ plainto_tsquery('simple'::regconfig, ${words.join(" ")})`;
}

export interface TraceRow {
  id: string;
  agentName: string;
  status: ExecutionStatus;
  timestamp: Date;
  endedAt: Date | null;
  durationMs: number | null;
  workflowId: string | null;
  workflowRunId: string | null;
  executionCount: number;
  failureCount: number;
  lastEndedAt: Date | null;
  agents: string[];
}

export const MAX_TRACES_PAGE = 500;

export const encodeCursor = (row: { timestamp: Date; id: string }) =>
  encodeKeyset({ start: row.timestamp, id: row.id });

function durationBound(v: number | null | undefined, field: string): number | null {
  if (v === null || v === undefined) return null;
  if (!Number.isInteger(v) || v < 0)
    throw ValidationError.field(field, "must be an integer number of milliseconds ≥ 0");
  return v;
}

/** The filter's conditions over the root alias `r` (validated; a workflow name becomes its id). */
async function rootConditions(db: Database, f: TraceFilter): Promise<Sql[]> {
  // Status, dates and workflow (a name becomes its template's id) are read as the execution
  // filters read them; only the durations, the execution and the text are the list's own.
  const { statuses, start, end, workflow, agents } = await resolveFilter(db, {
    status: f.status?.join(","),
    startDate: f.startDate,
    endDate: f.endDate,
    workflow: f.workflow,
    agent: f.agent?.join(","),
  });
  const min = durationBound(f.minDurationMs, "minDurationMs");
  const max = durationBound(f.maxDurationMs, "maxDurationMs");
  if (min !== null && max !== null && max < min)
    throw ValidationError.field("maxDurationMs", "must be ≥ minDurationMs");
  const execution = f.execution?.trim() || null;
  const words = f.text?.trim() ? searchWords(f.text.trim()) : null;
  const c: (Sql | null)[] = [
    sql`r."parentExecutionId" IS NULL`,
    statuses.length ? sql`r."status" IN (${join(statuses)})` : null,
    start ? sql`r."timestamp" >= ${start}` : null,
    end ? sql`r."timestamp" < ${end}` : null,
    workflow ? sql`r."workflowId" = ${workflow}` : null,
    min !== null ? sql`r."durationMs" >= ${min}` : null,
    max !== null ? sql`r."durationMs" <= ${max}` : null,
    agents.length
      ? sql`EXISTS (SELECT 1 FROM "Execution" a WHERE a."rootId" = r."id" AND a."agentName" IN (${join(agents)}))`
      : null,
    execution ? sql`r."id" = (SELECT x."rootId" FROM "Execution" x WHERE x."id" = ${execution})` : null,
    words ? sql`r."id" IN (${textRoots(db, words)})` : null,
  ];
  return c.filter((p): p is Sql => p !== null);
}

/** One page of trees, newest root first, and the cursor after its last. */
export async function listTraces(db: Database, f: TraceFilter, page: { first?: number | null; after?: string | null }) {
  const first = page.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > MAX_TRACES_PAGE)
    throw ValidationError.field("first", `must be an integer from 1 to ${MAX_TRACES_PAGE}`);
  const cursor = page.after ? decodeKeyset(page.after, "after", "of this list (use pageInfo.endCursor)") : null;
  const conditions = await rootConditions(db, f);
  const keyset = cursor
    ? [sql`(r."timestamp" < ${cursor.start} OR (r."timestamp" = ${cursor.start} AND r."id" < ${cursor.id}))`]
    : [];
  const agentsJson =
    db.provider === "sqlite"
      ? raw(`json_group_array(DISTINCT e."agentName")`)
      : raw(`CAST(json_agg(DISTINCT e."agentName") AS TEXT)`);
  const rows = await db.sql.read(sql`
    WITH page AS (
      SELECT r."id", r."agentName", r."status", r."timestamp", r."endedAt", r."durationMs", r."workflowId", r."workflowRunId"
      FROM "Execution" r WHERE ${join([...conditions, ...keyset], " AND ")}
      ORDER BY r."timestamp" DESC, r."id" DESC LIMIT ${first + 1}
    )
    SELECT p.*, COUNT(e."id") AS "executionCount",
           SUM(CASE WHEN e."status" = 'failure' THEN 1 ELSE 0 END) AS "failureCount",
           MAX(e."endedAt") AS "lastEndedAt", ${agentsJson} AS "agents"
    FROM page p JOIN "Execution" e ON e."rootId" = p."id"
    GROUP BY p."id", p."agentName", p."status", p."timestamp", p."endedAt", p."durationMs", p."workflowId", p."workflowRunId"
    ORDER BY p."timestamp" DESC, p."id" DESC`);
  const traces: TraceRow[] = rows.slice(0, first).map((r) => ({
    id: String(r.id),
    agentName: String(r.agentName),
    status: String(r.status) as ExecutionStatus,
    timestamp: readTime(r.timestamp) as Date,
    endedAt: readTime(r.endedAt),
    durationMs: numOrNull(r.durationMs),
    workflowId: r.workflowId === null ? null : String(r.workflowId),
    workflowRunId: r.workflowRunId === null ? null : String(r.workflowRunId),
    executionCount: num(r.executionCount),
    failureCount: num(r.failureCount),
    lastEndedAt: readTime(r.lastEndedAt),
    agents: (JSON.parse(String(r.agents)) as string[]).sort(),
  }));
  const last = traces[traces.length - 1];
  return {
    traces,
    hasNextPage: rows.length > first,
    hasPreviousPage: cursor !== null,
    endCursor: last ? encodeCursor(last) : null,
    totalCount: () => countTraces(db, conditions),
  };
}

async function countTraces(db: Database, conditions: Sql[]): Promise<number> {
  const [row] = await db.sql.read<{ n: unknown }>(
    sql`SELECT COUNT(*) AS "n" FROM "Execution" r WHERE ${join(conditions, " AND ")}`,
  );
  return num(row?.n);
}

/** The tree holding an execution (its root's row): any member's id finds it; NOT_FOUND when none has it. */
export async function getTrace(db: Database, id: string): Promise<TraceRow> {
  const { traces } = await listTraces(db, { execution: id }, { first: 1 });
  const trace = traces[0];
  if (!trace) throw new NotFoundError("Execution", id);
  return trace;
}

/** The next tree down the list the filters make (older), or null at its end. */
export async function olderTrace(db: Database, trace: TraceRow, f: TraceFilter): Promise<TraceRow | null> {
  const { traces } = await listTraces(db, f, { first: 1, after: encodeCursor(trace) });
  return traces[0] ?? null;
}

/** The tree above this one in the list the filters make (newer), or null at its top. */
export async function newerTrace(db: Database, trace: TraceRow, f: TraceFilter): Promise<TraceRow | null> {
  const conditions = await rootConditions(db, f);
  const [row] = await db.sql.read<{ id: string }>(sql`
    SELECT r."id" FROM "Execution" r
    WHERE ${join(conditions, " AND ")}
      AND (r."timestamp" > ${trace.timestamp} OR (r."timestamp" = ${trace.timestamp} AND r."id" > ${trace.id}))
    ORDER BY r."timestamp" ASC, r."id" ASC LIMIT 1`);
  return row ? getTrace(db, String(row.id)) : null;
}

/** The ids of a tree's critical path (see critical-path.ts), from one read of its executions' times. */
export async function traceCriticalPath(db: Database, rootId: string, nowMs = Date.now()): Promise<string[]> {
  const rows = await db.sql.read<{
    id: string;
    parentExecutionId: string | null;
    timestamp: unknown;
    endedAt: unknown;
  }>(
    sql`SELECT "id", "parentExecutionId", "timestamp", "endedAt" FROM "Execution" WHERE "rootId" = ${rootId}
        LIMIT ${MAX_DESCENDANTS + 2}`,
  );
  if (rows.length > MAX_DESCENDANTS + 1) throw new ReadTooLargeError();
  const executions = rows.map((r) => ({
    id: String(r.id),
    parentId: r.parentExecutionId === null ? null : String(r.parentExecutionId),
    startMs: (readTime(r.timestamp) as Date).getTime(),
    endMs: readTime(r.endedAt)?.getTime() ?? null,
  }));
  return criticalPath(executions, rootId, nowMs);
}
