// Deterministic execution rows for benchmarks: trees of 1–6 executions over a time span.
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

const AGENTS = [
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
