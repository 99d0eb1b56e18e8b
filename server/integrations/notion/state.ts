// An execution's sync state with Notion (GET /executions/{id}/notion, Execution.notion).
import type { Database } from "../../db.js";
import { readTime, sql } from "../../sql.js";

export interface ExecutionNotionState {
  state: "synced" | "pending" | "failed" | "not_written";
  pageId: string | null;
  pageUrl: string | null;
  error: string | null;
  syncedAt: Date | null;
  notes: string | null;
  tags: string[];
}

/** null when there is no such execution. */
export async function executionNotion(db: Database, id: string): Promise<ExecutionNotionState | null> {
  const [r] = await db.sql.all<Record<string, unknown>>(sql`
    SELECT e."id", np."pageId", np."url", np."state", np."error", np."syncedAt", n."notes", n."tags",
      (SELECT COUNT(*) FROM "NotionOutbox" o WHERE o."executionId" = e."id" AND o."doneAt" IS NULL) AS "queued"
    FROM "Execution" e
      LEFT JOIN "NotionPage" np ON np."executionId" = e."id"
      LEFT JOIN "ExecutionNote" n ON n."executionId" = e."id"
    WHERE e."id" = ${id}`);
  if (!r) return null;
  const page = (r.state as string | null) ?? null;
  const state: ExecutionNotionState["state"] =
    Number(r.queued) > 0 || page === "creating"
      ? "pending"
      : page === "failed"
        ? "failed"
        : page === "synced"
          ? "synced"
          : "not_written";
  let tags: string[] = [];
  try {
    const v = JSON.parse((r.tags as string | null) ?? "[]") as unknown;
    if (Array.isArray(v)) tags = v.map(String);
  } catch {
    tags = [];
  }
  return {
    state,
    pageId: (r.pageId as string | null) ?? null,
    pageUrl: (r.url as string | null) ?? null,
    error: state === "failed" ? ((r.error as string | null) ?? null) : null,
    syncedAt: readTime(r.syncedAt),
    notes: (r.notes as string | null) ?? null,
    tags,
  };
}
