// The running Notion integration of a database (set by createApp), for the GraphQL fields that
// report on it or run a sync: none when Notion is not configured.
import type { Database } from "../../db.js";
import type { NotionSync } from "./notion-sync.js";

const running = new WeakMap<Database, NotionSync>();

export function registerNotion(db: Database, sync: NotionSync | undefined): void {
  if (sync) running.set(db, sync);
  else running.delete(db);
}

export function notionFor(db: Database): NotionSync | undefined {
  return running.get(db);
}
