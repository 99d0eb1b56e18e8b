// Heavy reads off the event loop, within a time budget. better-sqlite3 is synchronous: a statement
// that scans a million rows on the server's own connection stops every other request until it is
// done. Here such statements run on worker threads, each with a read-only connection of its own
// to the same WAL database (readers do not wait for each other or for the writer), at most
// `size` at a time; the main thread only waits for a message. A read that has not answered within
// the budget (time in the queue included) fails with ReadTimeoutError at once; its worker is
// terminated and replaced (a statement inside SQLite finishes its step first, on the worker, while
// the request has already been answered).
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { ReadTimeoutError, ReadTooLargeError } from "../errors.js";

/**
 * The worker, as CommonJS source evaluated in the thread: it needs no TypeScript loader, so it runs
 * the same under tsx, vitest and compiled code. It reads the driver from the resolved path it is given.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
db.pragma("busy_timeout = 5000");
const cache = new Map();
const BATCH = 1000;
parentPort.on("message", (task) => {
  try {
    let entry = cache.get(task.sql);
    if (!entry) {
      if (cache.size >= 128) cache.delete(cache.keys().next().value);
      const stmt = db.prepare(task.sql);
      // Rows travel as arrays with the column names beside them: cloning 5,000 objects that each
      // repeat twenty keys cost more than the statement's last third (the main thread rebuilds them).
      const columns = stmt.reader ? stmt.columns().map((c) => c.name) : null;
      if (columns) stmt.raw(true);
      entry = { stmt, columns };
      cache.set(task.sql, entry);
    }
    const { stmt, columns } = entry;
    // Row by row, so a statement that streams its rows stops at the deadline or the row cap; sent
    // in batches, so the server's thread decodes a small message at a time between other work.
    let rows = [];
    let n = 0;
    for (const row of stmt.iterate(...task.params)) {
      rows.push(row);
      if (++n > task.maxRows) { parentPort.postMessage({ id: task.id, tooLarge: true }); return; }
      if ((n & 1023) === 0 && Date.now() > task.deadline) { parentPort.postMessage({ id: task.id, timeout: true }); return; }
      if (rows.length === BATCH) { parentPort.postMessage({ id: task.id, columns, batch: rows }); rows = []; }
    }
    parentPort.postMessage({ id: task.id, columns, rows });
  } catch (e) {
    parentPort.postMessage({ id: task.id, error: { message: String(e && e.message), code: e && e.code } });
  }
});
`;

/** A driver error from the worker, with better-sqlite3's code (SQLITE_…). */
export class WorkerReadError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

interface Task {
  id: number;
  sql: string;
  params: unknown[];
  maxRows: number;
  deadline: number;
  budgetMs: number;
  /** Rows received so far (the worker sends them in batches). */
  rows: unknown[];
  resolve(rows: unknown[]): void;
  reject(e: Error): void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  task: Task | null;
}

export interface ReadPoolOptions {
  /** The SQLite file. */
  path: string;
  /** Threads (and so reads at once); default 2. */
  size?: number;
  /** Each worker's heap, MB: a read that needs more fails with ReadTooLargeError. */
  heapMb?: number;
}

export interface ReadOptions {
  budgetMs: number;
  /** More rows than this: ReadTooLargeError (the statement should have a LIMIT below it). */
  maxRows?: number;
}

/**
 * Rows sent as arrays, as objects keyed by their column names (a repeated name: the last wins, as
 * in the driver's own objects). Built by a function made once per column list whose object literal
 * has a fixed shape: assigning thirty keys one by one left V8 with slow dictionary objects.
 */
const rowMakers = new Map<string, (values: unknown[]) => Record<string, unknown>>();
function rowMaker(columns: string[]): (values: unknown[]) => Record<string, unknown> {
  const key = columns.join("\u0000");
  let make = rowMakers.get(key);
  if (!make) {
    const last = new Map(columns.map((c, i) => [c, i]));
    const fields = [...last].map(([c, i]) => `${JSON.stringify(c)}: v[${i}]`).join(", ");
    make = new Function("v", `return { ${fields} };`) as (values: unknown[]) => Record<string, unknown>;
    if (rowMakers.size >= 256) rowMakers.clear();
    rowMakers.set(key, make);
  }
  return make;
}

function pushRows(out: unknown[], columns: string[] | null | undefined, rows: unknown[]): void {
  if (!columns) {
    for (const row of rows) out.push(row);
    return;
  }
  const make = rowMaker(columns);
  for (const values of rows as unknown[][]) out.push(make(values));
}

export function createReadPool({ path, size = 2, heapMb = 512 }: ReadPoolOptions) {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const slots: (Slot | null)[] = Array.from({ length: size }, () => null);
  /** Slots whose worker is being terminated: not reused until it has exited. */
  const exiting = new Set<number>();
  const queue: Task[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (i: number): Slot => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver, path },
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
    });
    worker.unref();
    const slot: Slot = { worker, task: null };
    worker.on("message", (m: Message) => {
      const task = slot.task;
      if (!task || task.id !== m.id) return;
      if (m.batch) {
        pushRows(task.rows, m.columns, m.batch);
        return;
      }
      settle(i, slot);
      if (m.timeout) task.reject(new ReadTimeoutError(task.budgetMs));
      else if (m.tooLarge) task.reject(new ReadTooLargeError());
      else if (m.error) task.reject(new WorkerReadError(m.error.message, m.error.code));
      else {
        pushRows(task.rows, m.columns, m.rows ?? []);
        task.resolve(task.rows);
      }
      pump();
    });
    // Out of heap (ERR_WORKER_OUT_OF_MEMORY) or any other death: the read fails, a new worker follows.
    worker.on("error", (e: Error & { code?: string }) => {
      const task = slot.task;
      slot.task = null;
      if (task) {
        clearTimeout(task.timer);
        task.reject(e.code === "ERR_WORKER_OUT_OF_MEMORY" ? new ReadTooLargeError() : e);
      }
    });
    worker.on("exit", () => {
      if (slots[i] === slot) slots[i] = null;
      exiting.delete(i);
      const task = slot.task;
      slot.task = null;
      if (task) {
        clearTimeout(task.timer);
        task.reject(new Error("read worker stopped"));
      }
      pump();
    });
    slots[i] = slot;
    return slot;
  };

  const settle = (_i: number, slot: Slot) => {
    if (slot.task) clearTimeout(slot.task.timer);
    slot.task = null;
  };

  const pump = () => {
    if (closed) return;
    const now = Date.now();
    // Reads whose budget ran out while they queued fail without running.
    for (let k = queue.length - 1; k >= 0; k--) {
      const t = queue[k] as Task;
      if (t.deadline <= now) {
        queue.splice(k, 1);
        clearTimeout(t.timer);
        t.reject(new ReadTimeoutError(t.budgetMs));
      }
    }
    for (let i = 0; i < size && queue.length > 0; i++) {
      if (exiting.has(i)) continue;
      const slot = slots[i] ?? spawn(i);
      if (slot.task) continue;
      const task = queue.shift() as Task;
      clearTimeout(task.timer);
      slot.task = task;
      task.timer = setTimeout(
        () => {
          if (slot.task !== task) return;
          slot.task = null;
          task.reject(new ReadTimeoutError(task.budgetMs));
          // The statement may still be inside SQLite: the thread goes, a fresh one replaces it.
          exiting.add(i);
          if (slots[i] === slot) slots[i] = null;
          void slot.worker.terminate();
        },
        Math.max(0, task.deadline - Date.now()),
      );
      slot.worker.postMessage({
        id: task.id,
        sql: task.sql,
        params: task.params,
        maxRows: task.maxRows,
        deadline: task.deadline,
      });
    }
  };

  return {
    read<T>(sql: string, params: unknown[], { budgetMs, maxRows = 1_000_000 }: ReadOptions): Promise<T[]> {
      if (closed) return Promise.reject(new Error("the read pool is closed"));
      return new Promise<T[]>((resolve, reject) => {
        const task: Task = {
          id: nextId++,
          sql,
          params,
          maxRows,
          budgetMs,
          rows: [],
          deadline: Date.now() + budgetMs,
          resolve: resolve as (rows: unknown[]) => void,
          reject,
        };
        // A queued read times out too (pump drops it once a slot frees, or this timer fires first).
        task.timer = setTimeout(() => {
          const k = queue.indexOf(task);
          if (k >= 0) {
            queue.splice(k, 1);
            reject(new ReadTimeoutError(budgetMs));
          }
        }, budgetMs);
        queue.push(task);
        pump();
      });
    },
    async close() {
      closed = true;
      for (const t of queue.splice(0)) {
        clearTimeout(t.timer);
        t.reject(new Error("the read pool is closed"));
      }
      await Promise.all(slots.map((s) => s?.worker.terminate()));
    },
  };
}

type Message = {
  id: number;
  /** Rows so far (more follow), then `rows` (the last ones) or a failure. */
  batch?: unknown[];
  rows?: unknown[];
  /** The statement's column names when rows come as arrays of values in that order. */
  columns?: string[] | null;
  error?: { message: string; code?: string };
  timeout?: boolean;
  tooLarge?: boolean;
};
export type ReadPool = ReturnType<typeof createReadPool>;
