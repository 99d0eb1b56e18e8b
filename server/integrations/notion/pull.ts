// Sync from Notion (docs/notion.md, "Sync from Notion"): pull the pages of Baton's data source
// edited since the cursor, apply the fields people own (notes, tags) to the executions, settle edits
// made on both sides (field-level last writer wins by timestamp; every such case is recorded in
// NotionConflict), record a status edited in Notion as a conflict Baton wins (and write its status
// back), then push the notes and tags edited through Baton's API.
import { randomUUID } from "node:crypto";
import type { Database } from "../../db.js";
import { readTime, sql, type Sql, timeParam } from "../../sql.js";
import { type BatonDataSource, cut, readProperty } from "./data-source.js";
import type { NotionMcp } from "./mcp-client.js";
import { notionOutboxStatements } from "./outbox.js";

type Json = Record<string, unknown>;

export type SyncField = "notes" | "tags" | "status";

export interface SyncChange {
  executionId: string;
  field: SyncField;
  /** pulled: Notion's value applied to Baton; pushed: Baton's value written to Notion. */
  direction: "pulled" | "pushed";
  value: string | string[] | null;
}

export interface SyncReport {
  /** Pages the query returned (pages re-seen in the cursor's minute included). */
  seen: number;
  /** Pages with an edit Baton had not seen (anything that differs from what both sides last agreed). */
  pulled: number;
  /** Values (an execution's notes, or its tags) that took Notion's value. */
  updated: number;
  /** Pages that carry the Baton ID of an execution Baton had no page for: linked to it. */
  created: number;
  /** Pages that map to no execution (no Baton ID, or an unknown one): left alone. */
  ignored: number;
  conflicts: number;
  /** Pages Baton patched with notes / tags edited through its API. */
  pushed: number;
  /** Outbox rows not yet written to Notion after the sync. */
  pending: number;
  changes: SyncChange[];
  /** Why the sync stopped early (what it did before is kept and counted); null when it finished. */
  error: string | null;
  startedAt: Date;
  finishedAt: Date;
}

export const STATE_ID = "notion";
/** Notes longer than Notion's 2,000-character text limit are refused by the API (they could not round-trip). */
export const NOTES_LIMIT = 2000;
/** A value no note can be (NUL is refused in text): stands for "no notes" in SQL comparisons. */
const NONE = "\u0001none";

const tagsOf = (text: string | null | undefined): string[] => {
  if (!text) return [];
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

/** The page's tags (the Tags multi-select's option names, in Notion's order). */
function pageTags(page: Json): string[] {
  const p = (page.properties as Record<string, Json> | undefined)?.Tags;
  if (p?.type !== "multi_select") return [];
  return ((p.multi_select as { name?: string }[] | null) ?? []).map((o) => String(o.name ?? ""));
}

function pageNotes(page: Json): string | null {
  const v = readProperty(page, "Notes");
  return typeof v === "string" && v !== "" ? v : null;
}

interface LocalRow {
  id: string;
  status: string;
  notes: string | null;
  tags: string;
  notesEditedAt: unknown;
  tagsEditedAt: unknown;
  pageId: string | null;
  pushed: string | null;
  baseNotes: string | null;
  baseTags: string | null;
  hasPage: unknown;
}

export interface PullDeps {
  db: Database;
  mcp: NotionMcp;
  ds: BatonDataSource;
}

/**
 * One sync: pull (from the stored cursor), then push local notes/tags edits. Throws only before
 * anything was done (the cursor could not be read); a Notion failure midway ends the report with
 * `error` and keeps what was applied (the cursor advances only over pages fully handled).
 */
export async function pullAndPush(d: PullDeps, report: SyncReport): Promise<{ requeued: boolean }> {
  const { db, mcp, ds } = d;
  const t = (v: Date | null | undefined) => timeParam(db.provider, v);
  const [state] = await db.sql.all<{ pullCursor: unknown }>(
    sql`SELECT "pullCursor" FROM "NotionSyncState" WHERE "id" = ${STATE_ID}`,
  );
  let cursor = readTime(state?.pullCursor);
  let requeued = false;
  let next: string | undefined;
  try {
    do {
      const answer = await mcp.call("API-query-data-source", {
        data_source_id: ds.id,
        ...(cursor
          ? { filter: { timestamp: "last_edited_time", last_edited_time: { on_or_after: cursor.toISOString() } } }
          : {}),
        sorts: [{ timestamp: "last_edited_time", direction: "ascending" }],
        page_size: 100,
        ...(next ? { start_cursor: next } : {}),
      });
      for (const page of (answer.results as Json[] | undefined) ?? []) {
        report.seen++;
        const editedAt = readTime(page.last_edited_time) ?? new Date();
        if (await applyPage(db, page, editedAt, report)) requeued = true;
        if (!cursor || editedAt > cursor) cursor = editedAt;
      }
      next = answer.has_more && typeof answer.next_cursor === "string" ? answer.next_cursor : undefined;
    } while (next);
  } finally {
    // Notion's last_edited_time has minute precision: the next pull starts at this minute again
    // (inclusive), and a re-seen page whose values equal the agreed ones changes nothing.
    await db.sql.write([sql`UPDATE "NotionSyncState" SET "pullCursor" = ${t(cursor)} WHERE "id" = ${STATE_ID}`]);
  }
  await pushLocalEdits(d, report);
  return { requeued };
}

/** Applies one pulled page; true when the execution was queued to restore its status in Notion. */
async function applyPage(db: Database, page: Json, editedAt: Date, report: SyncReport): Promise<boolean> {
  const t = (v: Date | null | undefined) => timeParam(db.provider, v);
  const batonId = readProperty(page, "Baton ID");
  if (typeof batonId !== "string" || batonId === "") {
    report.ignored++;
    return false;
  }
  const [row] = await db.sql.all<LocalRow>(sql`
    SELECT e."id", e."status", n."notes", COALESCE(n."tags", '[]') AS "tags", n."notesEditedAt", n."tagsEditedAt",
      np."pageId", np."pushed", np."notes" AS "baseNotes", np."tags" AS "baseTags", np."executionId" AS "hasPage"
    FROM "Execution" e LEFT JOIN "NotionPage" np ON np."executionId" = e."id"
      LEFT JOIN "ExecutionNote" n ON n."executionId" = e."id"
    WHERE e."id" = ${batonId}`);
  const pageId = String(page.id);
  if (!row || (row.pageId && row.pageId !== pageId)) {
    // No such execution, or a second page with the Baton ID of one that has its page: not Baton's.
    report.ignored++;
    return false;
  }
  const statements: Sql[] = [];
  if (!row.pageId) {
    // A page Baton did not know it had (a create whose answer was lost, another Baton on this
    // database): linked to its execution; what it holds is compared as if nothing had been agreed.
    report.created++;
    statements.push(sql`INSERT INTO "NotionPage" ("executionId", "pageId", "url", "state", "syncedAt")
      VALUES (${row.id}, ${pageId}, ${(page.url as string | undefined) ?? null}, 'synced', ${t(new Date())})
      ON CONFLICT ("executionId") DO UPDATE SET "pageId" = EXCLUDED."pageId", "url" = EXCLUDED."url",
        "state" = 'synced', "error" = NULL, "syncedAt" = EXCLUDED."syncedAt"`);
  }
  let edited = false;
  let requeue = false;
  const conflict = (field: SyncField, local: unknown, localAt: Date | null, notion: unknown, winner: string) => {
    report.conflicts++;
    statements.push(sql`INSERT INTO "NotionConflict"
      ("id", "executionId", "field", "localValue", "localAt", "notionValue", "notionAt", "winner", "resolvedAt")
      VALUES (${randomUUID()}, ${row.id}, ${field}, ${JSON.stringify(local)}, ${t(localAt)}, ${JSON.stringify(notion)},
        ${t(editedAt)}, ${winner}, ${t(new Date())})`);
  };

  // notes and tags: three-way, against the values both sides last agreed (NotionPage.notes/tags).
  const fields = [
    {
      name: "notes" as const,
      notion: pageNotes(page),
      local: row.notes,
      base: row.baseNotes,
      localAt: readTime(row.notesEditedAt),
      key: (v: string | null) => v ?? NONE,
      stored: (v: string | null) => v,
    },
    {
      name: "tags" as const,
      notion: pageTags(page),
      local: tagsOf(row.tags),
      base: row.baseTags === null ? [] : tagsOf(row.baseTags),
      localAt: readTime(row.tagsEditedAt),
      key: (v: string[]) => JSON.stringify(v),
      stored: (v: string[]) => JSON.stringify(v),
    },
  ];
  let agreedNotes = row.baseNotes;
  let agreedTags = row.baseTags;
  for (const f of fields) {
    const key = f.key as (v: unknown) => string;
    const notionKey = key(f.notion);
    if (notionKey === key(f.base)) continue; // Notion's value is the agreed one: no edit there.
    edited = true;
    const localChanged = key(f.local) !== key(f.base);
    let take = notionKey !== key(f.local);
    if (take && localChanged) {
      // Both sides edited since they last agreed: the later edit wins; Notion's time is its minute
      // as reported, so a Baton edit wins only when made after that minute began.
      const winner = f.localAt && f.localAt > editedAt ? "baton" : "notion";
      conflict(f.name, f.local, f.localAt, f.notion, winner);
      take = winner === "notion";
    }
    const value = (f.stored as (v: unknown) => string | null)(f.notion);
    if (take) {
      report.updated++;
      report.changes.push({ executionId: row.id, field: f.name, direction: "pulled", value: f.notion });
      statements.push(
        f.name === "notes"
          ? sql`INSERT INTO "ExecutionNote" ("executionId", "notes", "notesEditedAt") VALUES (${row.id}, ${value}, ${t(editedAt)})
              ON CONFLICT ("executionId") DO UPDATE SET "notes" = EXCLUDED."notes", "notesEditedAt" = EXCLUDED."notesEditedAt"`
          : sql`INSERT INTO "ExecutionNote" ("executionId", "tags", "tagsEditedAt") VALUES (${row.id}, ${value}, ${t(editedAt)})
              ON CONFLICT ("executionId") DO UPDATE SET "tags" = EXCLUDED."tags", "tagsEditedAt" = EXCLUDED."tagsEditedAt"`,
        sql`UPDATE "Execution" SET "updatedAt" = ${t(new Date())} WHERE "id" = ${row.id}`,
      );
    }
    // What Notion holds is now agreed; a Baton value that won differs from it and is pushed below.
    if (f.name === "notes") agreedNotes = value;
    else agreedTags = value;
  }

  // status is Baton's: a different value in Notion is recorded as a conflict Baton wins, and the
  // execution is queued so its page shows Baton's status again.
  const pushedStatus = row.pushed ? (JSON.parse(row.pushed) as { Status?: string }).Status : undefined;
  const notionStatus = readProperty(page, "Status");
  if (pushedStatus !== undefined && notionStatus !== pushedStatus) {
    edited = true;
    const [seen] = await db.sql.all(sql`SELECT 1 FROM "NotionConflict" WHERE "executionId" = ${row.id}
      AND "field" = 'status' AND "notionValue" = ${JSON.stringify(notionStatus)} AND "notionAt" = ${t(editedAt)}`);
    if (!seen) {
      conflict("status", row.status, null, notionStatus, "baton");
      statements.push(...notionOutboxStatements(db, [row.id]));
      requeue = true;
    }
  }
  if (edited) report.pulled++;
  statements.push(sql`UPDATE "NotionPage" SET "notes" = ${agreedNotes}, "tags" = ${agreedTags},
    "fieldsSyncedAt" = ${t(new Date())}, "notionEditedAt" = ${t(editedAt)} WHERE "executionId" = ${row.id}`);
  await db.sql.write(statements);
  return requeue;
}

/** Writes notes and tags edited through Baton's API (and Baton's winners of conflicts) to their pages. */
async function pushLocalEdits({ db, mcp }: PullDeps, report: SyncReport): Promise<void> {
  const t = (v: Date | null | undefined) => timeParam(db.provider, v);
  for (;;) {
    const rows = await db.sql.all<{
      id: string;
      notes: string | null;
      tags: string;
      pageId: string;
      baseNotes: string | null;
      baseTags: string | null;
    }>(sql`
      SELECT n."executionId" AS "id", n."notes", n."tags", np."pageId", np."notes" AS "baseNotes", np."tags" AS "baseTags"
      FROM "ExecutionNote" n JOIN "NotionPage" np ON np."executionId" = n."executionId"
      WHERE np."pageId" IS NOT NULL AND np."state" = 'synced'
        AND (COALESCE(n."notes", ${NONE}) <> COALESCE(np."notes", ${NONE}) OR n."tags" <> COALESCE(np."tags", '[]'))
      ORDER BY n."executionId" LIMIT 50`);
    if (rows.length === 0) return;
    for (const r of rows) {
      const props: Json = {};
      const notesChanged = (r.notes ?? NONE) !== (r.baseNotes ?? NONE);
      const tags = tagsOf(r.tags);
      const tagsChanged = r.tags !== (r.baseTags ?? "[]");
      if (notesChanged) props.Notes = { rich_text: r.notes ? [{ type: "text", text: { content: cut(r.notes) } }] : [] };
      if (tagsChanged) props.Tags = { multi_select: tags.map((name) => ({ name })) };
      const page = await mcp.call("API-patch-page", { page_id: r.pageId, properties: props });
      report.pushed++;
      if (notesChanged) report.changes.push({ executionId: r.id, field: "notes", direction: "pushed", value: r.notes });
      if (tagsChanged) report.changes.push({ executionId: r.id, field: "tags", direction: "pushed", value: tags });
      await db.sql.write([
        sql`UPDATE "NotionPage" SET "notes" = ${r.notes}, "tags" = ${r.tags}, "fieldsSyncedAt" = ${t(new Date())},
          "notionEditedAt" = ${t(readTime(page.last_edited_time))} WHERE "executionId" = ${r.id}`,
      ]);
    }
  }
}
