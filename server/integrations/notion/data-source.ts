// Baton's data source in the configured Notion database, and the page properties it writes. Found
// (or created) on start; properties it lacks are added, a person's own columns are never touched.
import type { NotionMcp } from "./mcp-client.js";
import { NotionError } from "./mcp-client.js";

type Json = Record<string, unknown>;

export const DATA_SOURCE_TITLE = "Baton executions";
/** Notion's limit on one text value. */
export const TEXT_LIMIT = 2000;

/** The properties Baton writes (besides the title, whatever the data source calls it), by name → type. */
export const PROPERTIES = {
  "Baton ID": "rich_text",
  Agent: "select",
  Status: "select",
  Started: "date",
  "Duration (ms)": "number",
  Parent: "relation",
  Workflow: "rich_text",
  Run: "rich_text",
  Error: "rich_text",
  /** For people: synced both ways with the execution's notes (docs/notion.md, "Sync from Notion"). */
  Notes: "rich_text",
  /** For people: synced both ways with the execution's tags. */
  Tags: "multi_select",
} as const;

export interface BatonDataSource {
  id: string;
  /** The name of its title property (a person's data source may call it anything). */
  title: string;
}

const config = (type: string, dataSourceId: string): Json =>
  type === "relation" ? { relation: { data_source_id: dataSourceId, single_property: {} } } : { [type]: {} };

/**
 * Finds Baton's data source in the database (by title, or the one that has a Baton ID column),
 * creates it when there is none, and adds the properties it lacks. A property of Baton's name but
 * another type is a configuration error (the person's column is left as it is).
 */
export async function ensureDataSource(
  mcp: NotionMcp,
  databaseId: string,
  known?: string | null,
): Promise<BatonDataSource> {
  let ds: Json | undefined;
  if (known) ds = await mcp.call("API-retrieve-a-data-source", { data_source_id: known }).catch(() => undefined);
  if (!ds) {
    const db = await mcp.call("API-retrieve-a-database", { database_id: databaseId });
    const listed = (db.data_sources as { id: string; name: string }[] | undefined) ?? [];
    for (const candidate of listed) {
      const full = await mcp.call("API-retrieve-a-data-source", { data_source_id: candidate.id });
      if (candidate.name === DATA_SOURCE_TITLE || (full.properties as Json | undefined)?.["Baton ID"]) {
        ds = full;
        break;
      }
    }
  }
  if (!ds) {
    ds = await mcp.call("API-create-a-data-source", {
      parent: { type: "database_id", database_id: databaseId },
      title: [{ type: "text", text: { content: DATA_SOURCE_TITLE } }],
      properties: {
        Name: { title: {} },
        ...Object.fromEntries(
          Object.entries(PROPERTIES)
            .filter(([, type]) => type !== "relation")
            .map(([name, type]) => [name, { [type]: {} }]),
        ),
      },
    });
  }
  const id = String(ds.id);
  const props = (ds.properties ?? {}) as Record<string, { type?: string }>;
  const title = Object.entries(props).find(([, p]) => p.type === "title")?.[0] ?? "Name";
  const missing: Json = {};
  for (const [name, type] of Object.entries(PROPERTIES)) {
    const have = props[name];
    if (!have) missing[name] = config(type, id);
    else if (have.type !== type)
      throw new NotionError(
        400,
        "baton_property_type",
        `the data source's property '${name}' is a ${have.type}, Baton writes a ${type}: rename that column or change its type`,
      );
  }
  if (Object.keys(missing).length)
    await mcp.call("API-update-a-data-source", { data_source_id: id, properties: missing });
  return { id, title };
}

export interface PageSource {
  id: string;
  agentName: string;
  status: string;
  timestamp: Date;
  durationMs: number | null;
  error: string | null;
  workflowName: string | null;
  workflowRunId: string | null;
  /** The parent execution's Notion page, when it has one. */
  parentPageId: string | null;
}

const text = (s: string) => [{ type: "text", text: { content: cut(s) } }];

/** Notion refuses a text over 2,000 characters: longer ones are cut (with an ellipsis), not rejected. */
export function cut(s: string): string {
  return s.length <= TEXT_LIMIT ? s : `${s.slice(0, TEXT_LIMIT - 1)}…`;
}

/** The Baton-owned property values of an execution's page (what a person's edit is compared to). */
export function batonValues(e: PageSource): Record<string, string | number | null | string[]> {
  return {
    "Baton ID": e.id,
    Agent: e.agentName,
    Status: e.status,
    Started: e.timestamp.toISOString(),
    "Duration (ms)": e.durationMs,
    Workflow: e.workflowName ? cut(e.workflowName) : null,
    Run: e.workflowRunId,
    Error: e.error ? cut(e.error) : null,
    Parent: e.parentPageId ? [e.parentPageId] : [],
  };
}

/** The request's `properties` for an execution's page. */
export function pageProperties(ds: BatonDataSource, e: PageSource): Json {
  const v = batonValues(e);
  return {
    [ds.title]: { title: text(`${e.agentName} · ${e.timestamp.toISOString()}`) },
    "Baton ID": { rich_text: text(e.id) },
    Agent: { select: { name: cut(e.agentName).slice(0, 100).replaceAll(",", " ") } },
    Status: { select: { name: e.status } },
    Started: { date: { start: v.Started } },
    "Duration (ms)": { number: e.durationMs },
    Workflow: { rich_text: e.workflowName ? text(e.workflowName) : [] },
    Run: { rich_text: e.workflowRunId ? text(e.workflowRunId) : [] },
    Error: { rich_text: e.error ? text(e.error) : [] },
    Parent: { relation: e.parentPageId ? [{ id: e.parentPageId }] : [] },
  };
}

/** A page's property as Baton compares it: plain text, number, select name, date start or relation ids. */
export function readProperty(page: Json, name: string): string | number | null | string[] {
  const p = (page.properties as Record<string, Json> | undefined)?.[name];
  if (!p) return null;
  const v = p[String(p.type)];
  if (p.type === "title" || p.type === "rich_text") {
    const s = ((v as { plain_text?: string; text?: { content?: string } }[] | null) ?? [])
      .map((t) => t.plain_text ?? t.text?.content ?? "")
      .join("");
    return s === "" ? null : s;
  }
  if (p.type === "select") return (v as { name?: string } | null)?.name ?? null;
  if (p.type === "date") return (v as { start?: string } | null)?.start ?? null;
  if (p.type === "relation") return ((v as { id: string }[] | null) ?? []).map((r) => r.id);
  if (p.type === "number") return (v as number | null) ?? null;
  return null;
}
