// Deterministic execution rows for benchmarks: trees of 1–6 executions over a time span.
import type Database from "better-sqlite3";
import { mulberry32 } from "../../server/seed/demo.js";

export interface BenchRow {
  id: string;
  agent_name: string;
  status: "success" | "failure";
  timestamp: string;
  duration_ms: number;
  parent_execution_id?: string;
  inputs: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  error?: string;
}

export const AGENTS = [
  "TestAgent",
  "CodeAgent",
  "BuildAgent",
  "DeployAgent",
  "DocsAgent",
  "ReviewAgent",
  "FormatAgent",
  "SyncAgent",
];

/** `count` rows in trees; ids `${prefix}${n}`; starts spread evenly from `from` over `spanMs`. */
export function executionRows(count: number, prefix: string, from: number, spanMs: number, seed = 7): BenchRow[] {
  const r = mulberry32(seed);
  const rows: BenchRow[] = [];
  let parent: BenchRow | undefined;
  let left = 0;
  for (let i = 0; i < count; i++) {
    if (left === 0) {
      parent = undefined;
      left = 1 + Math.floor(r() * 6);
    }
    left--;
    const ok = r() > 0.15;
    const row: BenchRow = {
      id: `${prefix}${i}`,
      agent_name: AGENTS[Math.floor(r() * AGENTS.length)] as string,
      status: ok ? "success" : "failure",
      timestamp: new Date(from + Math.floor((i / count) * spanMs)).toISOString(),
      duration_ms: 100 + Math.floor(r() * 60_000),
      inputs: { task: `task ${i}`, n: i },
      ...(ok ? { outputs: { ok: true, n: i } } : { error: "failed" }),
      ...(parent ? { parent_execution_id: parent.id } : {}),
    };
    rows.push(row);
    parent = row;
  }
  return rows;
}

/** A DateTime as Prisma stores it in SQLite (ISO text with +00:00), so raw rows read like Baton's. */
export const storedTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/**
 * Raw better-sqlite3 inserts of bench rows into a migrated database, one transaction per call,
 * with each row's root and depth taken from its parent (parents must come first, in this call or
 * an earlier one). The baseline the benches measure Baton against, and their way to fill a store.
 */
export function rawExecutionInserter(db: Database.Database): (rows: BenchRow[]) => void {
  const insert =
    db.prepare(`INSERT INTO "Execution" ("id","agentName","status","timestamp","endedAt","durationMs","inputs","outputs","error","parentExecutionId","rootId","depth","attempt","createdAt","updatedAt")
    VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const placed = new Map<string, { root: string; depth: number }>();
  return db.transaction((rows: BenchRow[]) => {
    for (const r of rows) {
      const up = r.parent_execution_id ? placed.get(r.parent_execution_id) : undefined;
      const place = up ? { root: up.root, depth: up.depth + 1 } : { root: r.id, depth: 0 };
      placed.set(r.id, place);
      const start = Date.parse(r.timestamp);
      insert.run(
        r.id,
        r.agent_name,
        r.status,
        storedTime(start),
        storedTime(start + r.duration_ms),
        r.duration_ms,
        JSON.stringify(r.inputs),
        r.outputs ? JSON.stringify(r.outputs) : null,
        r.error ?? null,
        r.parent_execution_id ?? null,
        place.root,
        place.depth,
        1,
        storedTime(start),
        storedTime(start),
      );
    }
  });
}
