// Baton with Notion persistence on, against the Notion stand-in through the real MCP server:
// `await startNotionBaton(standin, database.id)` → { url, db, app, stop }.
import type { Database } from "../../server/db.js";
import { start } from "../../server/main.js";
import type { App } from "../../server/app.js";
import { createTestDatabase, type TestDatabase } from "./server.js";

export const NOTION_TOKEN = "secret_standin_token_1234";

export interface NotionBaton {
  url: string;
  db: Database;
  app: App;
  database: TestDatabase;
  /** Stops Baton (the database is kept when `keep`: another Baton may open it). */
  stop(keep?: boolean): Promise<void>;
}

export async function startNotionBaton(
  apiUrl: string,
  databaseId: string,
  env: Record<string, string> = {},
  database?: TestDatabase,
): Promise<NotionBaton> {
  const db = database ?? (await createTestDatabase());
  const started = await start({
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: db.url,
    LOG_LEVEL: "silent",
    NODE_ENV: "test",
    BATON_SEED: "auto",
    NOTION_TOKEN,
    BATON_NOTION_DATABASE_ID: databaseId,
    BATON_NOTION_API_URL: apiUrl,
    ...env,
  });
  return {
    url: started.url,
    db: started.db,
    app: started.app,
    database: db,
    stop: async (keep = false) => {
      await started.stop();
      if (!keep) await db.drop();
    },
  };
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function until<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 60_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
