// The Prisma client for the provider in DATABASE_URL. Both generated clients share one model API;
// the SQLite client's type is the one the code is written against.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { migratePostgres, migrateSqlite } from "./db/migrate.js";
import { DEFAULT_READ_LIMITS, prismaSqlPort, type ReadLimits, type SqlPort, sqliteSqlPort } from "./db/sql-port.js";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.js";

export type Db = SqliteClient;

/** Run on Prisma's SQLite connection as it opens: they hold for every query it runs. */
const CONNECTION_PRAGMAS = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";

/**
 * The SQLite adapter, with the connection's pragmas set by the driver when Prisma connects (on
 * its first query), not through Prisma's query compiler: a start that answers its first requests
 * from the raw SQL port never loads the compiler (issue 15 §3).
 */
class PragmaAdapterFactory extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(CONNECTION_PRAGMAS);
    return adapter;
  }
}
export type Provider = "sqlite" | "postgresql";

export interface Database {
  prisma: Db;
  provider: Provider;
  /** Raw SQL for hot paths (see db/sql-port.ts). */
  sql: SqlPort;
  close(): Promise<void>;
}

export function providerOf(url: string): Provider {
  return url.startsWith("file:") ? "sqlite" : "postgresql";
}

/** Resolves `file:./x.db` against the working directory, as Prisma does for the CLI. */
export function sqlitePath(url: string): string {
  return resolve(url.replace(/^file:/, ""));
}

/**
 * Creates the database if needed, applies pending migrations and returns a connected client.
 * `reads` bounds the heavy reads of `sql.read` (time budget, how many at once).
 */
export async function openDatabase(url: string, reads: ReadLimits = DEFAULT_READ_LIMITS): Promise<Database> {
  const provider = providerOf(url);
  if (provider === "sqlite") {
    const path = sqlitePath(url);
    mkdirSync(dirname(path), { recursive: true });
    migrateSqlite(path);
    const prisma = new SqliteClient({ adapter: new PragmaAdapterFactory({ url: `file:${path}` }) });
    const sql = sqliteSqlPort(path, reads);
    return {
      prisma,
      provider,
      sql,
      close: async () => {
        await sql.close();
        await prisma.$disconnect();
      },
    };
  }
  await migratePostgres(url);
  // Loaded only for PostgreSQL: a SQLite server never holds the second client and its adapter.
  const [{ PrismaPg }, { PrismaClient: PostgresClient }] = await Promise.all([
    import("@prisma/adapter-pg"),
    import("./generated/postgres/client.js"),
  ]);
  const prisma = new PostgresClient({
    adapter: new PrismaPg({ connectionString: url }),
  }) as unknown as Db;
  return { prisma, provider, sql: prismaSqlPort(prisma, reads), close: () => prisma.$disconnect() };
}
