// The two read models over the handoff tree, computed in SQL: the timeline (matching executions
// with their ancestors, grouped by tree) and the handoff graph (agents and agent→agent handoffs).
import type { Database } from "../../db.js";
import { ValidationError } from "../../errors.js";
import type { Execution } from "../../generated/sqlite/client.js";
import { num, numOrNull, raw, readTime, sql } from "../../sql.js";
import { EXECUTION_COLUMNS, type ExecutionFilter, parseFilter, sqlWhere } from "./execution.service.js";

// JSON columns are read as text and parsed here: drivers otherwise decode them differently
// (and SQLite's adapter cannot decode a bare float), and a JSON string must stay a string.
const JSON_COLUMNS = new Set(["inputs", "outputs"]);
const select = (alias: string) =>
  raw(
    EXECUTION_COLUMNS.map((c) =>
      JSON_COLUMNS.has(c) ? `CAST(${alias}."${c}" AS TEXT) AS "${c}"` : `${alias}."${c}"`,
    ).join(", "),
  );

const parseJson = (v: unknown) => (v === null || v === undefined ? null : JSON.parse(String(v)));

/** A raw row (either provider) as the Prisma Execution shape. */
export function toExecution(r: Record<string, unknown>): Execution {
  return {
    id: String(r.id),
    agentName: String(r.agentName),
    agentId: (r.agentId as string | null) ?? null,
    status: String(r.status),
    timestamp: readTime(r.timestamp) as Date,
    endedAt: readTime(r.endedAt),
    durationMs: numOrNull(r.durationMs),
    inputs: parseJson(r.inputs),
    outputs: parseJson(r.outputs),
    error: (r.error as string | null) ?? null,
    parentExecutionId: (r.parentExecutionId as string | null) ?? null,
    rootId: String(r.rootId),
    depth: num(r.depth),
    workflowId: (r.workflowId as string | null) ?? null,
    workflowRunId: (r.workflowRunId as string | null) ?? null,
    workflowStepId: (r.workflowStepId as string | null) ?? null,
    attempt: num(r.attempt),
    createdAt: readTime(r.createdAt) as Date,
    updatedAt: readTime(r.updatedAt) as Date,
  };
}

export interface TimelineOptions extends ExecutionFilter {
  limit?: number | null;
}

export const MAX_TIMELINE_ROOTS = 20_000;

/**
 * Matching executions plus every ancestor (so each handoff chain is whole even when its root
 * lies outside the date range), in tree order. `limit` bounds the number of trees: the most recent
 * are kept, listed earliest first.
 */
export async function timeline(db: Database, opts: TimelineOptions) {
  const f = parseFilter(opts);
  const limit = opts.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TIMELINE_ROOTS)
    throw ValidationError.field("limit", `must be an integer from 1 to ${MAX_TIMELINE_ROOTS}`);
  const rows = await db.sql.all(sql`
    WITH RECURSIVE
      m AS MATERIALIZED (SELECT e."id", e."parentExecutionId" FROM "Execution" e ${sqlWhere(f)}),
      anc("id", "parentExecutionId") AS (
        SELECT "id", "parentExecutionId" FROM m
        UNION
        SELECT p."id", p."parentExecutionId" FROM "Execution" p JOIN anc a ON p."id" = a."parentExecutionId"
      )
    SELECT ${select("x")}, CASE WHEN x."id" IN (SELECT "id" FROM m) THEN 1 ELSE 0 END AS "matched"
    FROM "Execution" x WHERE x."id" IN (SELECT "id" FROM anc)
    ORDER BY x."depth", x."timestamp", x."id"`);
  const byRoot = new Map<string, Execution[]>();
  const context: string[] = [];
  for (const r of rows) {
    const e = toExecution(r);
    if (num(r.matched) === 0) context.push(e.id);
    const tree = byRoot.get(e.rootId);
    if (tree) tree.push(e);
    else byRoot.set(e.rootId, [e]);
  }
  // Rows come depth-first-by-level, so each tree's first row is its root.
  const trees = [...byRoot.values()].sort(
    (a, b) =>
      (a[0] as Execution).timestamp.getTime() - (b[0] as Execution).timestamp.getTime() ||
      (a[0] as Execution).id.localeCompare((b[0] as Execution).id),
  );
  // A timeline is read from "now" backwards: when the limit cuts, the most recent trees stay.
  const kept = trees.slice(Math.max(0, trees.length - limit));
  const executions = kept.flatMap((t) => treeOrder(t));
  const keptIds = new Set(executions.map((e) => e.id));
  return {
    executions,
    contextIds: context.filter((id) => keptIds.has(id)),
    rootCount: trees.length,
    matchedCount: rows.length - context.length,
    truncated: kept.length < trees.length,
  };
}

/** Pre-order (parent, then its children by start time): the order a Gantt chart lists lanes in. */
function treeOrder(level: Execution[]): Execution[] {
  const children = new Map<string | null, Execution[]>();
  for (const e of level) {
    const list = children.get(e.parentExecutionId);
    if (list) list.push(e);
    else children.set(e.parentExecutionId, [e]);
  }
  const out: Execution[] = [];
  const visit = (e: Execution) => {
    out.push(e);
    for (const c of children.get(e.id) ?? []) visit(c);
  };
  visit(level[0] as Execution);
  return out;
}

const rate = (successes: number, failures: number) =>
  successes + failures > 0 ? successes / (successes + failures) : null;
const ok = raw(`CASE WHEN e."status" = 'success' THEN 1 ELSE 0 END`);
const failed = raw(`CASE WHEN e."status" = 'failure' THEN 1 ELSE 0 END`);

/** Agents (executions, successes, failures, average duration) and handoffs between them. */
export async function handoffGraph(db: Database, filter: ExecutionFilter) {
  const f = parseFilter(filter);
  const [nodeRows, edgeRows] = await Promise.all([
    db.sql.all(sql`
      SELECT e."agentName" AS "agent", COUNT(*) AS "count", SUM(${ok}) AS "successes", SUM(${failed}) AS "failures",
             CAST(AVG(CAST(e."durationMs" AS DOUBLE PRECISION)) AS DOUBLE PRECISION) AS "avg"
      FROM "Execution" e ${sqlWhere(f)} GROUP BY e."agentName"`),
    db.sql.all(sql`
      SELECT p."agentName" AS "source", e."agentName" AS "target", COUNT(*) AS "count",
             SUM(${ok}) AS "successes", SUM(${failed}) AS "failures",
             MIN(e."timestamp") AS "first", MAX(e."timestamp") AS "last"
      FROM "Execution" e JOIN "Execution" p ON p."id" = e."parentExecutionId"
      ${sqlWhere(f)} GROUP BY p."agentName", e."agentName"`),
  ]);
  const nodes = new Map(
    nodeRows.map((r) => {
      const successes = num(r.successes);
      const failures = num(r.failures);
      return [
        String(r.agent),
        {
          agentName: String(r.agent),
          executionCount: num(r.count),
          successCount: successes,
          failureCount: failures,
          successRate: rate(successes, failures),
          avgDurationMs: numOrNull(r.avg),
        },
      ];
    }),
  );
  const edges = edgeRows.map((r) => {
    const successes = num(r.successes);
    const failures = num(r.failures);
    const source = String(r.source);
    // A handoff from an agent whose own executions fall outside the filter still needs its node.
    if (!nodes.has(source))
      nodes.set(source, {
        agentName: source,
        executionCount: 0,
        successCount: 0,
        failureCount: 0,
        successRate: null,
        avgDurationMs: null,
      });
    return {
      source,
      target: String(r.target),
      count: num(r.count),
      successCount: successes,
      failureCount: failures,
      successRate: rate(successes, failures),
      firstAt: readTime(r.first) as Date,
      lastAt: readTime(r.last) as Date,
    };
  });
  const byName = (a: { agentName: string }, b: { agentName: string }) => a.agentName.localeCompare(b.agentName);
  edges.sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
  return { nodes: [...nodes.values()].sort(byName), edges };
}
