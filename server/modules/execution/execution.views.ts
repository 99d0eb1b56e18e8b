// The two read models over the handoff tree, computed in SQL: the timeline (matching executions
// with their ancestors, grouped by tree) and the handoff graph (agents and agent→agent handoffs).
import type { Database } from "../../db.js";
import { ValidationError } from "../../errors.js";
import type { Execution } from "../../generated/sqlite/client.js";
import { num, numOrNull, raw, readTime, type Sql, sql } from "../../sql.js";
import { EXECUTION_COLUMNS, type ExecutionFilter, resolveFilter, sqlMatches, sqlWhere } from "./execution.service.js";

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

/** A raw row (either provider, or an event's plain JSON) as the Prisma Execution shape. */
export function toExecution(r: Record<string, unknown>): Execution {
  return new RowExecution(r, true);
}

export interface TimelineOptions extends ExecutionFilter {
  limit?: number | null;
}

export const MAX_TIMELINE_ROOTS = 20_000;

/** One execution of a timeline in its tree: `item` is what the caller made of its row. */
interface TreeNode<T> {
  id: string;
  matched: boolean;
  item: T;
  children: TreeNode<T>[];
}

/**
 * Matching executions plus every ancestor (so each handoff chain is whole even when its root lies
 * outside the date range), ordered by depth, start and id: each tree's root comes first and
 * siblings come by start. `projection` (over the alias `x`) is what else each row carries.
 */
async function timelineRows(db: Database, opts: TimelineOptions, projection: Sql) {
  const f = await resolveFilter(db, opts);
  const limit = opts.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TIMELINE_ROOTS)
    throw ValidationError.field("limit", `must be an integer from 1 to ${MAX_TIMELINE_ROOTS}`);
  // The matches, then their ancestors that do not match themselves (walked up from the matches'
  // parents): each row once, flagged, in tree order. The filter stays a plain WHERE where it
  // selects (so its indexes serve it); only the negation needs the NULL-safe form. A root's NULL
  // parent in `up` joins nothing.
  const columns = sql`${projection}, x."id" AS "_id", x."parentExecutionId" AS "_parent",
    x."timestamp" AS "_start", x."depth" AS "_depth"`;
  const rows = await db.sql.all(sql`
    WITH RECURSIVE up("id") AS (
      SELECT e."parentExecutionId" FROM "Execution" e ${sqlWhere(f)}
      UNION
      SELECT p."parentExecutionId" FROM "Execution" p JOIN up ON p."id" = up."id" WHERE p."parentExecutionId" IS NOT NULL
    )
    SELECT * FROM (
      SELECT ${columns}, 1 AS "_matched" FROM "Execution" x ${sqlWhere(f, "x")}
      UNION ALL
      SELECT ${columns}, 0 AS "_matched" FROM up JOIN "Execution" x ON x."id" = up."id" WHERE NOT ${sqlMatches(f, "x")}
    ) t
    ORDER BY "_depth", "_start", "_id"`);
  return { rows, limit };
}

/**
 * The rows as trees, and the trees to show: rows come parents first (by depth), so each row joins
 * its parent's children, in query order (by start); the roots come by start too. When `limit`
 * cuts, the most recent trees stay (a timeline is read from "now" backwards).
 */
function keepTrees<T>(rows: Record<string, unknown>[], limit: number, item: (r: Record<string, unknown>) => T) {
  const byId = new Map<string, TreeNode<T>>();
  const roots: TreeNode<T>[] = [];
  let matchedCount = 0;
  for (const r of rows) {
    const node: TreeNode<T> = { id: String(r._id), matched: num(r._matched) === 1, item: item(r), children: [] };
    if (node.matched) matchedCount++;
    byId.set(node.id, node);
    const parent = r._parent === null || r._parent === undefined ? undefined : byId.get(String(r._parent));
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const kept = roots.slice(Math.max(0, roots.length - limit));
  const contextIds: string[] = [];
  const context = (n: TreeNode<T>) => {
    if (!n.matched) contextIds.push(n.id);
    for (const c of n.children) context(c);
  };
  for (const root of kept) context(root);
  return { kept, contextIds, rootCount: roots.length, matchedCount, truncated: kept.length < roots.length };
}

/** Execution fields read from columns that a timeline leaves out unless they are asked for. */
export const TIMELINE_DETAIL_FIELDS = ["inputs", "outputs", "createdAt", "updatedAt"] as const;
const LEAN_COLUMNS = EXECUTION_COLUMNS.filter((c) => !(TIMELINE_DETAIL_FIELDS as readonly string[]).includes(c));

/**
 * A raw row as an Execution; its JSON and bookkeeping times are read when asked for. Without
 * `detail` the row has neither (a timeline for the dashboard's lanes, which read neither: reading
 * them was a third of a 5,000-row timeline); asking for them then is a bug in the caller, not a null.
 */
class RowExecution implements Execution {
  readonly id: string;
  readonly agentName: string;
  readonly agentId: string | null;
  readonly status: string;
  readonly timestamp: Date;
  readonly endedAt: Date | null;
  readonly durationMs: number | null;
  readonly error: string | null;
  readonly parentExecutionId: string | null;
  readonly rootId: string;
  readonly depth: number;
  readonly workflowId: string | null;
  readonly workflowRunId: string | null;
  readonly workflowStepId: string | null;
  readonly attempt: number;
  readonly #row: Record<string, unknown>;
  readonly #detail: boolean;
  constructor(r: Record<string, unknown>, detail: boolean) {
    this.#row = r;
    this.#detail = detail;
    this.id = String(r.id);
    this.agentName = String(r.agentName);
    this.agentId = (r.agentId as string | null) ?? null;
    this.status = String(r.status);
    this.timestamp = readTime(r.timestamp) as Date;
    this.endedAt = readTime(r.endedAt);
    this.durationMs = numOrNull(r.durationMs);
    this.error = (r.error as string | null) ?? null;
    this.parentExecutionId = (r.parentExecutionId as string | null) ?? null;
    this.rootId = String(r.rootId);
    this.depth = num(r.depth);
    this.workflowId = (r.workflowId as string | null) ?? null;
    this.workflowRunId = (r.workflowRunId as string | null) ?? null;
    this.workflowStepId = (r.workflowStepId as string | null) ?? null;
    this.attempt = num(r.attempt);
  }
  #read(column: (typeof TIMELINE_DETAIL_FIELDS)[number]) {
    if (!this.#detail) throw new Error(`execution row: '${column}' was not selected`);
    return this.#row[column];
  }
  get inputs() {
    return parseJson(this.#read("inputs"));
  }
  get outputs() {
    return parseJson(this.#read("outputs"));
  }
  get createdAt() {
    return readTime(this.#read("createdAt")) as Date;
  }
  get updatedAt() {
    return readTime(this.#read("updatedAt")) as Date;
  }
}

/**
 * The timeline as a flat list in tree order (parent, then its children by start), for GraphQL.
 * `detail`: whether the executions' TIMELINE_DETAIL_FIELDS are read.
 */
export async function timeline(db: Database, opts: TimelineOptions, { detail = true }: { detail?: boolean } = {}) {
  const projection = detail ? select("x") : raw(LEAN_COLUMNS.map((c) => `x."${c}"`).join(", "));
  const { rows, limit } = await timelineRows(db, opts, projection);
  const { kept, contextIds, rootCount, matchedCount, truncated } = keepTrees(
    rows,
    limit,
    (r): Execution => new RowExecution(r, detail),
  );
  const executions: Execution[] = [];
  const visit = (n: TreeNode<Execution>) => {
    executions.push(n.item);
    for (const c of n.children) visit(c);
  };
  for (const root of kept) visit(root);
  return { executions, contextIds, rootCount, matchedCount, truncated };
}

/**
 * An execution as REST shows it (`GET /executions/{id}` without expansions), built by the database
 * as JSON text: key, column and how the value is written. Keys in the REST order.
 */
const REST_EXECUTION: [key: string, column: string, kind: "time" | "json" | "value"][] = [
  ["agent_name", "agentName", "value"],
  ["attempt", "attempt", "value"],
  ["created_at", "createdAt", "time"],
  ["depth", "depth", "value"],
  ["duration_ms", "durationMs", "value"],
  ["ended_at", "endedAt", "time"],
  ["error", "error", "value"],
  ["id", "id", "value"],
  ["inputs", "inputs", "json"],
  ["outputs", "outputs", "json"],
  ["parent_execution_id", "parentExecutionId", "value"],
  ["root_id", "rootId", "value"],
  ["status", "status", "value"],
  ["timestamp", "timestamp", "time"],
  ["updated_at", "updatedAt", "time"],
  ["workflow_id", "workflowId", "value"],
  ["workflow_run_id", "workflowRunId", "value"],
  // Last, and text or null: see restJsonColumn.
  ["workflow_step_id", "workflowStepId", "value"],
];

/** One execution as REST JSON text (REST names, ISO times with ms and Z, JSON embedded), opened. */
function restJsonColumn(provider: Database["provider"], alias: string): Sql {
  const args = REST_EXECUTION.map(([key, column, kind]) => {
    const c = `${alias}."${column}"`;
    const value =
      kind === "value"
        ? c
        : kind === "json"
          ? provider === "sqlite"
            ? `json(${c})`
            : c
          : provider === "sqlite"
            ? // Prisma's own text (`2026-11-25T10:00:00.000+00:00`) is cut to shape; strftime, four
              // times a row, was a fifth of the query. Any other form is normalised by strftime.
              `CASE WHEN length(${c}) = 29 AND substr(${c}, 24) = '+00:00' THEN substr(${c}, 1, 23) || 'Z' ` +
              `ELSE strftime('%Y-%m-%dT%H:%M:%fZ', ${c}) END`
            : `to_char(${c}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    return `'${key}', ${value}`;
  }).join(", ");
  // The object opened for its children: `{…` + `,"children":[`. The last key's value is text or
  // null (never ending in `}`), so trimming `}` from the right removes exactly the closing brace.
  return raw(
    provider === "sqlite"
      ? `rtrim(json_object(${args}), '}') || ',"children":[' AS "head"`
      : `left(CAST(json_build_object(${args}) AS TEXT), -1) || ',"children":[' AS "head"`,
  );
}

/**
 * The REST timeline body as text: `roots` nested through `children`, then `context_ids`,
 * `matched_count`, `root_count`, `truncated` — what the GraphQL `timeline` field nested by parent
 * would serialise to. The database writes each execution's JSON; this only splices the trees
 * together, so 5,000 executions cost no JavaScript object each and no serialisation of megabytes.
 */
export async function timelineJson(db: Database, opts: TimelineOptions): Promise<string> {
  const { rows, limit } = await timelineRows(db, opts, restJsonColumn(db.provider, "x"));
  const { kept, contextIds, rootCount, matchedCount, truncated } = keepTrees(rows, limit, (r) => String(r.head));
  const parts: string[] = ['{"roots":['];
  const visit = (n: TreeNode<string>) => {
    parts.push(n.item); // `{…,"children":[`
    n.children.forEach((c, j) => {
      if (j > 0) parts.push(",");
      visit(c);
    });
    parts.push("]}");
  };
  kept.forEach((root, i) => {
    if (i > 0) parts.push(",");
    visit(root);
  });
  parts.push(
    `],"context_ids":${JSON.stringify(contextIds)},"matched_count":${matchedCount},"root_count":${rootCount},"truncated":${truncated}}`,
  );
  return parts.join("");
}

const rate = (successes: number, failures: number) =>
  successes + failures > 0 ? successes / (successes + failures) : null;
const ok = raw(`CASE WHEN e."status" = 'success' THEN 1 ELSE 0 END`);
const failed = raw(`CASE WHEN e."status" = 'failure' THEN 1 ELSE 0 END`);

/** Agents (executions, successes, failures, average duration) and handoffs between them. */
export async function handoffGraph(db: Database, filter: ExecutionFilter) {
  const f = await resolveFilter(db, filter);
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
