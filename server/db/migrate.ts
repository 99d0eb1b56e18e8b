// Applies the committed Prisma migrations (prisma/migrations or prisma/postgres/migrations) in
// order, once each, on start. A plain driver does it so start-up needs no CLI process; PostgreSQL
// takes an advisory lock so several instances starting together migrate once.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";

const prismaDir = fileURLToPath(new URL("../../prisma/", import.meta.url));

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(provider: "sqlite" | "postgresql"): Migration[] {
  const dir = provider === "sqlite" ? `${prismaDir}migrations` : `${prismaDir}postgres/migrations`;
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(`${dir}/${name}/migration.sql`, "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** A migration already applied must not have changed since: that would leave the schemas apart. */
function assertUnchanged(applied: Map<string, string>, migrations: Migration[]) {
  for (const m of migrations) {
    const checksum = applied.get(m.name);
    if (checksum && checksum !== m.checksum)
      throw new Error(`migration ${m.name} was changed after it was applied; add a new migration instead`);
  }
}

const TABLE = `CREATE TABLE IF NOT EXISTS "_baton_migrations" (
  "name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "applied_at" TEXT NOT NULL)`;

/** Returns the names of the migrations applied by this call. */
export function migrateSqlite(path: string): string[] {
  const db = new Database(path);
  try {
    db.pragma("journal_mode = WAL");
    db.exec(TABLE);
    const rows = db.prepare(`SELECT name, checksum FROM "_baton_migrations"`).all() as {
      name: string;
      checksum: string;
    }[];
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    const migrations = readMigrations("sqlite");
    assertUnchanged(done, migrations);
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare(`INSERT INTO "_baton_migrations" VALUES (?, ?, ?)`).run(
          m.name,
          m.checksum,
          new Date().toISOString(),
        );
      })();
      applied.push(m.name);
    }
    return applied;
  } finally {
    db.close();
  }
}

export async function migratePostgres(connectionString: string): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(724001)");
    await client.query(TABLE);
    const { rows } = await client.query<{ name: string; checksum: string }>(
      `SELECT name, checksum FROM "_baton_migrations"`,
    );
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    const migrations = readMigrations("postgresql");
    assertUnchanged(done, migrations);
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "_baton_migrations" VALUES ($1, $2, $3)`, [
          m.name,
          m.checksum,
          new Date().toISOString(),
        ]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw e;
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock(724001)").catch(() => undefined);
    await client.end();
  }
}
