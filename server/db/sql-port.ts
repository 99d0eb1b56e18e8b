// Set-based SQL for the hot paths (batch ingest, timeline, graph). On SQLite it runs on a
// dedicated better-sqlite3 connection to the same WAL database with cached prepared statements:
// Prisma 6's raw path converts every parameter and row through its query engine, which the
// ingest and timeline benchmarks showed costing more than the SQL itself. On PostgreSQL it is
// Prisma's raw API. Statements are Prisma.Sql values either way, so callers write SQL once.
import BetterSqlite3 from "better-sqlite3";
import type { Prisma } from "../generated/sqlite/client.js";

type Sql = Prisma.Sql;

export interface SqlPort {
  /** Rows of a query; SQLite returns text for dates and JSON columns, PostgreSQL typed values. */
  all<T = Record<string, unknown>>(query: Sql): Promise<T[]>;
  /** Runs the statements in one transaction. */
  write(statements: Sql[]): Promise<void>;
  close(): void;
}

interface RawClient {
  $queryRaw<T>(query: Sql): Promise<T>;
  $executeRaw(query: Sql): Promise<number>;
  $transaction(ops: Promise<unknown>[]): Promise<unknown>;
}

export function prismaSqlPort(prisma: RawClient): SqlPort {
  return {
    all: <T>(query: Sql) => prisma.$queryRaw<T[]>(query),
    write: async (statements) => {
      await prisma.$transaction(statements.map((s) => prisma.$executeRaw(s)));
    },
    close: () => undefined,
  };
}

const MAX_CACHED = 256;

export function sqliteSqlPort(path: string): SqlPort {
  const db = new BetterSqlite3(path);
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  db.pragma("synchronous = NORMAL");
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = (text: string) => {
    let stmt = cache.get(text);
    if (!stmt) {
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
      stmt = db.prepare(text);
      cache.set(text, stmt);
    }
    return stmt;
  };
  const params = (q: Sql) => q.values.map((v) => (v instanceof Date ? v.toISOString().replace("Z", "+00:00") : v));
  return {
    all: async <T>(q: Sql) => prepare(q.sql).all(...params(q)) as T[],
    write: async (statements) => {
      db.transaction(() => {
        for (const s of statements) prepare(s.sql).run(...params(s));
      })();
    },
    close: () => db.close(),
  };
}
