// The two read models over the handoff tree, computed in SQL: the timeline (matching executions
// with their ancestors, grouped by tree) and the handoff graph (agents and agent→agent handoffs).
import type { Database } from "../../db.js";
import { ValidationError } from "../../errors.js";
import { decodeKeyset, encodeKeyset } from "../../graphql/keyset-cursor.js";
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
  /** A `nextCursor` a timeline returned: only trees older than that page's oldest are kept. */
  before?: string | null;
}

export const MAX_TIMELINE_ROOTS = 20_000;
/**
 * Most executions one timeline returns, and most text it reads (characters of the REST body's
 * JSON, or of the executions' inputs, outputs and errors, plus a few hundred a row): past either,
 * the oldest trees of the kept ones are left out (`truncated`), so a timeline's memory and the
 * event-loop time to send it stay bounded whatever `limit` and the range hold.
 */
export const MAX_TIMELINE_EXECUTIONS = 20_000;
/** GraphQL's cap: executing and serialising a list on the event loop costs more a row than REST's splice. */
export const MAX_GRAPHQL_TIMELINE_EXECUTIONS = 10_000;
export const MAX_TIMELINE_TEXT = 32 * 1_048_576;
/** Characters counted for a row besides its JSON columns. */
const ROW_TEXT = 300;

/** One execution of a timeline in its tree: `item` is what the caller made of its row. */
interface TreeNode<T> {
  id: string;
  matched: boolean;
  item: T;
  children: TreeNode<T>[];
}

/**
 * The `limit` most recent handoff trees that hold a matching execution (a tree is its root's:
 * newest root start first), each as its matches plus every ancestor of a match (so each chain is
 * whole even when its root lies outside the date range), in tree order: newest tree first, and in
 * a tree by depth, start and id (a parent before its children). At most MAX_TIMELINE_EXECUTIONS
 * rows and MAX_TIMELINE_TEXT characters (`detail`: the JSON columns count, as they are read); each row
 * says how many rows its tree has and how many all kept trees have, so a cut is seen. Also the
 * counts before any limit. `projection` (over the alias `x`) is what else each row carries. Both
 * statements are heavy reads (db.sql.read): off the event loop, within the read budget.
 */
async function timelineRows(
  db: Database,
  opts: TimelineOptions,
  projection: Sql,
  detail: boolean,
  maxRows = MAX_TIMELINE_EXECUTIONS,
) {
  const f = await resolveFilter(db, opts);
  const limit = opts.limit ?? 1000;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TIMELINE_ROOTS)
    throw ValidationError.field("limit", `must be an integer from 1 to ${MAX_TIMELINE_ROOTS}`);
  const cursor = opts.before ? decodeKeyset(opts.before, "before", "a timeline returned (its nextCursor)") : null;
  // Older than the cursor's tree in the trees' order (start, then id, both descending); the
  // timestamp index serves it, so an old page costs what the newest does.
  const older = cursor
    ? sql`AND (r."timestamp" < ${cursor.start} OR (r."timestamp" = ${cursor.start} AND r."id" < ${cursor.id}))`
    : raw("");
  // The filter stays a plain WHERE where it selects (so its indexes serve it); inside the kept
  // trees (found through the rootId index) it is the NULL-safe form, negated for the ancestors
  // that do not match themselves. The tree order and the caps are worked out on lean rows; only
  // the rows kept are then read whole (and, for REST, written as JSON by the database).
  const lean = sql`x."id" AS "_id", x."parentExecutionId" AS "_parent", x."timestamp" AS "_start",
    x."depth" AS "_depth", x."rootId" AS "_root", ${textOf(detail)} AS "_size"`;
  const [rows, counts] = await Promise.all([
    db.sql.read(
      sql`
      WITH RECURSIVE probe("id", "start") AS (
        SELECT r."id", r."timestamp" FROM "Execution" r
        WHERE r."id" IN (SELECT e."rootId" FROM "Execution" e ${sqlWhere(f)}) ${older}
        ORDER BY r."timestamp" DESC, r."id" DESC LIMIT ${limit + 1}
      ),
      kept("id", "start") AS (
        SELECT p."id", p."start" FROM probe p ORDER BY p."start" DESC, p."id" DESC LIMIT ${limit}
      ),
      up("id") AS (
        -- CROSS JOIN: SQLite then keeps the kept trees as the outer loop and finds their rows by
        -- the rootId index; with JOIN it scanned the whole table (100,000 rows) against them.
        SELECT e."parentExecutionId" FROM kept k CROSS JOIN "Execution" e
        WHERE e."rootId" = k."id" AND e."parentExecutionId" IS NOT NULL AND ${sqlMatches(f)}
        UNION
        SELECT p."parentExecutionId" FROM "Execution" p JOIN up ON p."id" = up."id" WHERE p."parentExecutionId" IS NOT NULL
      ),
      t AS (
        SELECT ${lean}, 1 AS "_matched" FROM kept k JOIN "Execution" x ON x."rootId" = k."id" WHERE ${sqlMatches(f, "x")}
        UNION ALL
        SELECT ${lean}, 0 AS "_matched" FROM up JOIN "Execution" x ON x."id" = up."id" WHERE NOT ${sqlMatches(f, "x")}
      ),
      s AS (
        SELECT t.*, ROW_NUMBER() OVER w AS "_n", SUM(t."_size") OVER w AS "_text",
               COUNT(*) OVER (PARTITION BY t."_root") AS "_treeRows", COUNT(*) OVER () AS "_rows",
               (SELECT COUNT(*) FROM probe) AS "_probe"
        FROM t JOIN kept k ON k."id" = t."_root"
        WINDOW w AS (ORDER BY k."start" DESC, k."id" DESC, t."_depth", t."_start", t."_id" ROWS UNBOUNDED PRECEDING)
      )
      SELECT ${projection}, s.* FROM s JOIN "Execution" x ON x."id" = s."_id"
      WHERE s."_n" <= ${maxRows} AND s."_text" <= ${MAX_TIMELINE_TEXT}
      ORDER BY s."_n"`,
      { maxRows },
    ),
    db.sql.read(
      sql`SELECT COUNT(*) AS "matched", COUNT(DISTINCT e."rootId") AS "roots" FROM "Execution" e ${sqlWhere(f)}`,
    ),
  ]);
  return { rows, rootCount: num(counts[0]?.roots), matchedCount: num(counts[0]?.matched) };
}

/** A row's size as the caps count it (over the alias `x`): its text, JSON included when read. */
function textOf(detail: boolean): Sql {
  const len = (c: string) => `COALESCE(length(CAST(x."${c}" AS TEXT)), 0)`;
  return raw(
    detail ? `${len("inputs")} + ${len("outputs")} + ${len("error")} + ${ROW_TEXT}` : `${len("error")} + ${ROW_TEXT}`,
  );
}

/**
 * The rows (newest tree first, parents before children) as trees, oldest tree first: each row
 * joins its parent's children in query order (by start). When the size caps cut the kept trees,
 * the last tree read may be partial: it is left out, unless it is the only one (then its top part
 * is shown, parents before children as always). `truncated`: trees or executions older than the
 * page's newest were left out; `nextCursor` then reads the older trees (null when there are none).
 */
async function keepTrees<T>(
  read: { rows: Record<string, unknown>[]; rootCount: number; matchedCount: number },
  item: (r: Record<string, unknown>) => T,
) {
  const { rows, rootCount, matchedCount } = read;
  const byId = new Map<string, TreeNode<T>>();
  let roots: TreeNode<T>[] = [];
  const treeRows = new Map<string, number>();
  const rootStarts = new Map<string, unknown>();
  let done = 0;
  for (const r of rows) {
    // Other requests get a turn every few thousand rows.
    if (++done % 4000 === 0) await new Promise((resolve) => setImmediate(resolve));
    const node: TreeNode<T> = { id: String(r._id), matched: num(r._matched) === 1, item: item(r), children: [] };
    byId.set(node.id, node);
    const root = String(r._root);
    treeRows.set(root, (treeRows.get(root) ?? 0) + 1);
    if (node.id === root) rootStarts.set(root, r._start);
    const parent = r._parent === null || r._parent === undefined ? undefined : byId.get(String(r._parent));
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const cut = rows.length > 0 && rows.length < num(rows[0]?._rows);
  const last = rows[rows.length - 1];
  if (cut && roots.length > 1 && last && (treeRows.get(String(last._root)) ?? 0) < num(last._treeRows))
    roots = roots.slice(0, -1);
  const kept = roots.reverse();
  const contextIds: string[] = [];
  const context = (n: TreeNode<T>) => {
    if (!n.matched) contextIds.push(n.id);
    for (const c of n.children) context(c);
  };
  for (const root of kept) context(root);
  // Trees after the page's oldest: past the limit (the probe read one more), or cut by the caps.
  const oldest = kept[0];
  const more = oldest !== undefined && num(rows[0]?._probe) > kept.length;
  const nextCursor =
    more && oldest ? encodeKeyset({ start: readTime(rootStarts.get(oldest.id)) as Date, id: oldest.id }) : null;
  return { kept, contextIds, rootCount, matchedCount, truncated: cut || more, nextCursor };
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
  readonly model: string | null;
  readonly inputTokens: number | null;
  readonly outputTokens: number | null;
  readonly costUsd: number | null;
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
    this.model = (r.model as string | null) ?? null;
    this.inputTokens = numOrNull(r.inputTokens);
    this.outputTokens = numOrNull(r.outputTokens);
    this.costUsd = numOrNull(r.costUsd);
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
  const { kept, contextIds, rootCount, matchedCount, truncated, nextCursor } = await keepTrees(
    await timelineRows(db, opts, projection, detail, MAX_GRAPHQL_TIMELINE_EXECUTIONS),
    (r): Execution => new RowExecution(r, detail),
  );
  const executions: Execution[] = [];
  const visit = (n: TreeNode<Execution>) => {
    executions.push(n.item);
    for (const c of n.children) visit(c);
  };
  for (const root of kept) visit(root);
  return { executions, contextIds, rootCount, matchedCount, truncated, nextCursor };
}

/**
 * An execution as REST shows it (`GET /executions/{id}` without expansions), built by the database
 * as JSON text: key, column and how the value is written. Keys in the REST order.
 */
const REST_EXECUTION: [key: string, column: string, kind: "time" | "json" | "value"][] = [
  ["agent_name", "agentName", "value"],
  ["attempt", "attempt", "value"],
  ["cost_usd", "costUsd", "value"],
  ["created_at", "createdAt", "time"],
  ["depth", "depth", "value"],
  ["duration_ms", "durationMs", "value"],
  ["ended_at", "endedAt", "time"],
  ["error", "error", "value"],
  ["id", "id", "value"],
  ["input_tokens", "inputTokens", "value"],
  ["inputs", "inputs", "json"],
  ["model", "model", "value"],
  ["output_tokens", "outputTokens", "value"],
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
 * `matched_count`, `root_count`, `truncated`, `next_cursor` — what the GraphQL `timeline` field nested by parent
 * would serialise to. The database writes each execution's JSON; this only splices the trees
 * together, so 5,000 executions cost no JavaScript object each and no serialisation of megabytes.
 */
export async function timelineJson(db: Database, opts: TimelineOptions): Promise<string> {
  const read = await timelineRows(db, opts, restJsonColumn(db.provider, "x"), true);
  const { kept, contextIds, rootCount, matchedCount, truncated, nextCursor } = await keepTrees(read, (r) =>
    String(r.head),
  );
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
    `],"context_ids":${JSON.stringify(contextIds)},"matched_count":${matchedCount},"root_count":${rootCount},"truncated":${truncated},"next_cursor":${JSON.stringify(nextCursor)}}`,
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
  // Heavy reads (aggregates over every matching execution): off the event loop, within the budget.
  const [nodeRows, edgeRows] = await Promise.all([
    db.sql.read(sql`
      SELECT e."agentName" AS "agent", COUNT(*) AS "count", SUM(${ok}) AS "successes", SUM(${failed}) AS "failures",
             CAST(AVG(CAST(e."durationMs" AS DOUBLE PRECISION)) AS DOUBLE PRECISION) AS "avg"
      FROM "Execution" e ${sqlWhere(f)} GROUP BY e."agentName"`),
    db.sql.read(sql`
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
