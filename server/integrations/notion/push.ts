// Writing one queued execution to Notion: create its page the first time (or find the page a
// create whose answer was lost made, by its Baton ID), patch it afterwards. The page row's
// `creating` state is written before a create is sent: only then can a page exist that Baton
// does not know, so only then is a lookup spent (Notion's 3 requests/s are the drain's budget).
import type { Database } from "../../db.js";
import { readTime, sql, timeParam } from "../../sql.js";
import { type BatonDataSource, batonValues, type PageSource, pageProperties } from "./data-source.js";
import { type NotionMcp, NotionError } from "./mcp-client.js";

type Json = Record<string, unknown>;

export interface PageRow {
  executionId: string;
  pageId: string | null;
  state: string;
}

/** The execution as its page shows it; null when it no longer exists. */
export async function loadPageSource(
  db: Database,
  executionId: string,
): Promise<(PageSource & { page: PageRow | null }) | null> {
  const [e] = await db.sql.all<Record<string, unknown>>(sql`
    SELECT e."id", e."agentName", e."status", e."timestamp", e."durationMs", e."error", e."workflowRunId",
      r."workflowName", pp."pageId" AS "parentPageId",
      np."pageId", np."state"
    FROM "Execution" e
    LEFT JOIN "WorkflowRun" r ON r."id" = e."workflowRunId"
    LEFT JOIN "NotionPage" pp ON pp."executionId" = e."parentExecutionId"
    LEFT JOIN "NotionPage" np ON np."executionId" = e."id"
    WHERE e."id" = ${executionId}`);
  if (!e) return null;
  return {
    id: String(e.id),
    agentName: String(e.agentName),
    status: String(e.status),
    timestamp: readTime(e.timestamp) as Date,
    durationMs: e.durationMs === null ? null : Number(e.durationMs),
    error: (e.error as string | null) ?? null,
    workflowName: (e.workflowName as string | null) ?? null,
    workflowRunId: (e.workflowRunId as string | null) ?? null,
    parentPageId: (e.parentPageId as string | null) ?? null,
    page: e.state ? { executionId, pageId: (e.pageId as string | null) ?? null, state: String(e.state) } : null,
  };
}

async function setPage(
  db: Database,
  executionId: string,
  fields: {
    pageId?: string | null;
    url?: string | null;
    state: string;
    error?: string | null;
    editedAt?: Date | null;
    pushed?: string | null;
  },
) {
  const t = (d: Date | null | undefined) => timeParam(db.provider, d);
  const now = new Date();
  await db.sql.write([
    sql`INSERT INTO "NotionPage" ("executionId", "pageId", "url", "state", "error", "syncedAt", "notionEditedAt", "pushed")
      VALUES (${executionId}, ${fields.pageId ?? null}, ${fields.url ?? null}, ${fields.state}, ${fields.error ?? null},
        ${fields.state === "synced" ? t(now) : sql`NULL`}, ${t(fields.editedAt)}, ${fields.pushed ?? null})
      ON CONFLICT ("executionId") DO UPDATE SET
        "pageId" = COALESCE(EXCLUDED."pageId", "NotionPage"."pageId"),
        "url" = COALESCE(EXCLUDED."url", "NotionPage"."url"),
        "state" = EXCLUDED."state", "error" = EXCLUDED."error",
        "syncedAt" = COALESCE(EXCLUDED."syncedAt", "NotionPage"."syncedAt"),
        "notionEditedAt" = COALESCE(EXCLUDED."notionEditedAt", "NotionPage"."notionEditedAt"),
        "pushed" = COALESCE(EXCLUDED."pushed", "NotionPage"."pushed")`,
  ]);
}

/** The page a lost create may have made: the data source's page with this Baton ID. */
async function findByBatonId(mcp: NotionMcp, ds: BatonDataSource, id: string): Promise<Json | null> {
  const found = await mcp.call("API-query-data-source", {
    data_source_id: ds.id,
    filter: { property: "Baton ID", rich_text: { equals: id } },
    page_size: 1,
  });
  return ((found.results as Json[] | undefined) ?? [])[0] ?? null;
}

/**
 * Writes one execution's page. A validation error (400) is recorded against the execution and
 * returned as done (it must not block the rest); transient errors are thrown for the worker.
 */
export async function pushExecution(
  db: Database,
  mcp: NotionMcp,
  ds: BatonDataSource,
  executionId: string,
): Promise<"written" | "failed" | "gone"> {
  const source = await loadPageSource(db, executionId);
  if (!source) return "gone";
  const pushed = JSON.stringify(batonValues(source));
  const props = pageProperties(ds, source);
  try {
    let page: Json | null = null;
    let pageId = source.page?.pageId ?? null;
    if (!pageId && source.page?.state === "creating")
      pageId = ((await findByBatonId(mcp, ds, executionId))?.id as string) ?? null;
    if (pageId) {
      try {
        page = await mcp.call("API-patch-page", { page_id: pageId, properties: props });
      } catch (e) {
        // The page was deleted in Notion: it is written again.
        if (!(e instanceof NotionError && e.status === 404)) throw e;
        pageId = null;
      }
    }
    if (!page) {
      await setPage(db, executionId, { state: "creating" });
      page = await mcp.call("API-post-page", {
        parent: { type: "data_source_id", data_source_id: ds.id },
        properties: props,
      });
    }
    await setPage(db, executionId, {
      pageId: String(page.id),
      url: (page.url as string | undefined) ?? null,
      state: "synced",
      error: null,
      editedAt: readTime(page.last_edited_time),
      pushed,
    });
    return "written";
  } catch (e) {
    if (e instanceof NotionError && !e.transient && e.status === 400) {
      await setPage(db, executionId, { state: "failed", error: `${e.code}: ${e.message}`.slice(0, 1000) });
      return "failed";
    }
    throw e;
  }
}
