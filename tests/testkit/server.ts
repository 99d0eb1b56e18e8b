// A real Baton on a free port with a database of its own, in one line: `await startTestServer()`.
// BATON_TEST_DB picks the provider (sqlite: a temp file; postgres: a fresh `baton_t_<random>`).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { Database } from "../../server/db.js";
import { start } from "../../server/main.js";

export type TestDbKind = "sqlite" | "postgres";

/** The provider under test; sqlite unless the vitest project says otherwise. */
export const testDbKind: TestDbKind = process.env.BATON_TEST_DB === "postgres" ? "postgres" : "sqlite";

const PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  kind: TestDbKind;
  /** The DATABASE_URL Baton is given. */
  url: string;
  /** Removes the database (file or PostgreSQL database); safe to call twice. */
  drop(): Promise<void>;
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** An empty database nobody else uses: Baton migrates it on open. */
export async function createTestDatabase(kind: TestDbKind = testDbKind): Promise<TestDatabase> {
  const suffix = randomBytes(6).toString("hex");
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "baton-test-"));
    let dropped = false;
    return {
      kind,
      url: `file:${join(dir, "baton.db")}`,
      drop: async () => {
        if (dropped) return;
        dropped = true;
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `baton_t_${suffix}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  let dropped = false;
  return {
    kind,
    url: `postgresql://postgres@127.0.0.1:5432/${name}`,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await withAdmin(async (c) => {
        await c.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
          [name],
        );
        await c.query(`DROP DATABASE IF EXISTS "${name}"`);
      });
    },
  };
}

export interface TestServer {
  /** Base URL, e.g. http://127.0.0.1:39xxx */
  url: string;
  /** The server's own database handle, for assertions on rows. */
  db: Database;
  database: TestDatabase;
  /** The server's BATON_WORKDIR (a temp dir of its own): where builtin agents write files. */
  workdir: string;
  /** Stops the server and drops its database. */
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /** `auto` (default) seeds the fresh database with the 8 agents and 3 patterns. */
  seed?: "auto" | "off";
  /** Extra environment (e.g. BATON_BODY_LIMIT). */
  env?: Record<string, string>;
}

/** Starts Baton on 127.0.0.1 on a free port with a fresh, migrated database. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const workdir = mkdtempSync(join(tmpdir(), "baton-work-"));
  try {
    const app = await start({
      BATON_WORKDIR: workdir,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: database.url,
      LOG_LEVEL: "silent",
      NODE_ENV: "test",
      BATON_SEED: options.seed ?? "auto",
      ...options.env,
    });
    return {
      url: app.url,
      db: app.db,
      database,
      workdir,
      stop: async () => {
        try {
          await app.stop();
        } finally {
          rmSync(workdir, { recursive: true, force: true });
          await database.drop();
        }
      },
    };
  } catch (e) {
    rmSync(workdir, { recursive: true, force: true });
    await database.drop();
    throw e;
  }
}
