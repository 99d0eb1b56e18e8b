// Set-based SQL for the hot paths (batch ingest, timeline, graph). On SQLite it runs on a
// dedicated better-sqlite3 connection to the same WAL database with cached prepared statements:
// Prisma 6's raw path converts every parameter and row through its query engine, which the
// ingest and timeline benchmarks showed costing more than the SQL itself. On PostgreSQL it is
// Prisma's raw API. Statements are Prisma.Sql values either way, so callers write SQL once.
import BetterSqlite3 from "better-sqlite3";
import { ReadTimeoutError, ReadTooLargeError } from "../errors.js";
import type { Prisma } from "../generated/sqlite/client.js";
import { createReadPool, WorkerReadError } from "./read-pool.js";

type Sql = Prisma.Sql;

export interface SqlPort {
  /** Rows of a query; SQLite returns text for dates and JSON columns, PostgreSQL typed values. */
  all<T = Record<string, unknown>>(query: Sql): Promise<T[]>;
  /**
   * Rows of a query that may read much (a timeline, metrics, a count over a filter): it does not
   * hold the event loop (SQLite: a worker thread with a read-only connection; PostgreSQL is
   * asynchronous already), at most a few run at once, and it fails with ReadTimeoutError once the
   * read budget has passed (queueing included). More than `maxRows` rows: ReadTooLargeError (the
   * statement should LIMIT itself below that).
   */
  read<T = Record<string, unknown>>(query: Sql, options?: { maxRows?: number }): Promise<T[]>;
  /** Runs the statements in one transaction. */
  write(statements: Sql[]): Promise<void>;
  /**
   * Runs `guard` (a query) and, only when it returns a row, the statements — one transaction.
   * False when the guard found nothing (and nothing was written): a fence for ownership.
   */
  writeIf(guard: Sql, statements: Sql[]): Promise<boolean>;
  /**
   * Inserts rows (values in `columns` order; Dates and JSON text allowed) in one transaction, in
   * the order given. `casts` names PostgreSQL types for text values (jsonb, timestamp(3)). `after`:
   * statements run in the same transaction once the rows are in (an outbox that must commit with them).
   */
  insert(
    table: string,
    columns: readonly string[],
    rows: unknown[][],
    casts?: Record<string, string>,
    after?: Sql[],
  ): Promise<void>;
  close(): void | Promise<void>;
}

interface RawClient {
  $queryRaw<T>(query: Sql): Promise<T>;
  $executeRaw(query: Sql): Promise<number>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T>(query: string, ...values: unknown[]): Promise<T>;
  $transaction(ops: Promise<unknown>[]): Promise<unknown>;
}

/** Prisma's interactive transaction, which the batch form's type above does not describe. */
type Interactive = {
  $transaction<R>(fn: (tx: RawClient) => Promise<R>, options?: { maxWait?: number; timeout?: number }): Promise<R>;
};

/** How heavy reads are bounded: the time budget (ms) and how many run at once. */
export interface ReadLimits {
  timeoutMs: number;
  concurrency: number;
}
export const DEFAULT_READ_LIMITS: ReadLimits = { timeoutMs: 30_000, concurrency: 2 };

/** A semaphore whose waiters give up (ReadTimeoutError) when their budget runs out. */
function readGate(limits: ReadLimits) {
  let running = 0;
  const waiting: { go(): void; timer: NodeJS.Timeout }[] = [];
  const release = () => {
    running--;
    const next = waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      running++;
      next.go();
    }
  };
  return async <T>(fn: (remainingMs: number, deadline: number) => Promise<T>): Promise<T> => {
    const deadline = Date.now() + limits.timeoutMs;
    if (running >= limits.concurrency)
      await new Promise<void>((resolve, reject) => {
        const w = {
          go: resolve,
          timer: setTimeout(() => {
            waiting.splice(waiting.indexOf(w), 1);
            reject(new ReadTimeoutError(limits.timeoutMs));
          }, limits.timeoutMs),
        };
        waiting.push(w);
      });
    else running++;
    try {
      return await fn(Math.max(1, deadline - Date.now()), deadline);
    } finally {
      release();
    }
  };
}

/** PostgreSQL's work_mem for one heavy read (the server's default, 4 MB, spills a metrics read's sorts). */
const READ_WORK_MEM = "32MB";

/** PostgreSQL's "canceling statement due to statement timeout" (57014), as Prisma wraps it. */
function isStatementTimeout(e: unknown): boolean {
  for (let c: unknown = e, i = 0; c && i < 5; c = (c as { cause?: unknown }).cause, i++) {
    const o = c as { code?: unknown; originalCode?: unknown; message?: unknown; meta?: unknown };
    if (o.code === "57014" || o.originalCode === "57014") return true;
    if (/statement timeout|57014/.test(`${String(o.message)} ${JSON.stringify(o.meta ?? null)}`)) return true;
  }
  return false;
}

export function prismaSqlPort(prisma: RawClient, limits: ReadLimits = DEFAULT_READ_LIMITS): SqlPort {
  const gate = readGate(limits);
  return {
    all: <T>(query: Sql) => prisma.$queryRaw<T[]>(query),
    // One transaction so the timeout applies to this statement only (SET LOCAL).
    read: <T>(query: Sql, { maxRows = 1_000_000 }: { maxRows?: number } = {}) =>
      gate(async (remainingMs, deadline) => {
        try {
          const rows = await (prisma as unknown as Interactive).$transaction(
            async (tx) => {
              // For this transaction only: the time budget; no JIT (a range join over a VALUES
              // list is estimated at millions of rows, and compiling it took 260 ms of a 40 ms
              // read); sorts and hashes of a heavy read in memory rather than spilled to disk.
              await tx.$queryRawUnsafe(
                `SELECT set_config('statement_timeout', '${Math.ceil(remainingMs)}', true), set_config('jit', 'off', true),
                        set_config('work_mem', '${READ_WORK_MEM}', true)`,
              );
              return tx.$queryRaw<T[]>(query);
            },
            { maxWait: remainingMs, timeout: remainingMs + 2000 },
          );
          if (rows.length > maxRows) throw new ReadTooLargeError();
          return rows;
        } catch (e) {
          // Past the budget, whatever failed (the statement cancelled, or Prisma's transaction
          // timing out around it) failed because the budget ran out.
          if (isStatementTimeout(e) || Date.now() >= deadline) throw new ReadTimeoutError(limits.timeoutMs);
          throw e;
        }
      }),
    write: async (statements) => {
      await prisma.$transaction(statements.map((s) => prisma.$executeRaw(s)));
    },
    writeIf: (guard, statements) =>
      (prisma as unknown as Interactive).$transaction(async (tx) => {
        if ((await tx.$queryRaw<unknown[]>(guard)).length === 0) return false;
        for (const s of statements) await tx.$executeRaw(s);
        return true;
      }),
    insert: async (table, columns, rows, casts = {}, after = []) => {
      const ops: Promise<unknown>[] = [];
      // 500 rows × ~20 columns stays far below PostgreSQL's 65,535 parameters.
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500);
        let n = 0;
        const tuples = chunk.map(
          () => `(${columns.map((c) => (casts[c] ? `CAST($${++n} AS ${casts[c]})` : `$${++n}`)).join(", ")})`,
        );
        const values = chunk.flat().map((v) => (v instanceof Date ? v.toISOString() : v));
        const text = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`;
        ops.push(prisma.$executeRawUnsafe(text, ...values));
      }
      for (const s of after) ops.push(prisma.$executeRaw(s));
      await prisma.$transaction(ops);
    },
    close: () => undefined,
  };
}

const MAX_CACHED = 256;

/** Prisma stores SQLite DateTimes as ISO text with an explicit +00:00; so must every raw write. */
const toSqlite = (v: unknown) => (v instanceof Date ? v.toISOString().replace("Z", "+00:00") : v);

export function sqliteSqlPort(path: string, limits: ReadLimits = DEFAULT_READ_LIMITS): SqlPort {
  const db = new BetterSqlite3(path);
  const pool = createReadPool({ path, size: limits.concurrency });
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
  const params = (q: Sql) => q.values.map(toSqlite);
  return {
    all: async <T>(q: Sql) => prepare(q.sql).all(...params(q)) as T[],
    read: async <T>(q: Sql, { maxRows }: { maxRows?: number } = {}) => {
      try {
        return await pool.read<T>(q.sql, params(q), { budgetMs: limits.timeoutMs, maxRows });
      } catch (e) {
        // A driver error as the main connection would have thrown it (its SQLITE_ code kept).
        if (e instanceof WorkerReadError) throw Object.assign(new Error(e.message), { code: e.code });
        throw e;
      }
    },
    // Every write takes the write lock as it begins (BEGIN IMMEDIATE), waiting up to the busy
    // timeout for another connection's: a transaction that reads first (writeIf's guard) and
    // upgrades later fails at once with SQLITE_BUSY when another instance wrote in between.
    write: async (statements) => {
      db.transaction(() => {
        for (const s of statements) prepare(s.sql).run(...params(s));
      }).immediate();
    },
    writeIf: async (guard, statements) =>
      db
        .transaction(() => {
          if (prepare(guard.sql).get(...params(guard)) === undefined) return false;
          for (const s of statements) prepare(s.sql).run(...params(s));
          return true;
        })
        .immediate(),
    insert: async (table, columns, rows, _casts, after = []) => {
      const stmt = prepare(
        `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
      );
      db.transaction(() => {
        for (const row of rows) stmt.run(...row.map(toSqlite));
        for (const s of after) prepare(s.sql).run(...params(s));
      }).immediate();
    },
    close: async () => {
      await pool.close();
      db.close();
    },
  };
}
