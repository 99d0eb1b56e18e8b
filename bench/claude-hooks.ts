// Claude Code hooks: wall time of `baton hook` (what the session waits for) with Baton up and
// down, against spawning `node -e ""` (the floor any command hook pays); and hook events/s that
// POST /hooks/claude-code ingests (whole sessions: spawns, starts, stops, ends), against
// single-row POST /executions in the same run; and the delay from a sub-agent's spawn hook (the
// PreToolUse of the Agent tool, which puts its bar on the timeline; SubagentStart follows it) to the
// executionEvents message an open timeline draws it from, against the same hook's own wall time.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { start } from "../server/main.js";
import { parallelAndNestedSession } from "../tests/testkit/claude-hooks.js";
import { subscribe } from "../tests/testkit/subscriptions.js";
import { root } from "./lib/harness.js";

const N = Number(process.env.BENCH_HOOK_RUNS ?? 30);
const SESSIONS = Number(process.env.BENCH_HOOK_SESSIONS ?? 20);
const BIN = join(root, "server", "cli", "bin.mjs");

const q = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

function wall(args: string[], env: Record<string, string>, stdin: string): Promise<number> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["pipe", "ignore", "ignore"],
    });
    c.on("error", reject);
    c.on("close", () => resolve(performance.now() - t));
    c.stdin.end(stdin);
  });
}

async function series(label: string, args: string[], env: Record<string, string>) {
  const times: number[] = [];
  for (let i = 0; i < N; i++)
    times.push(
      await wall(
        args,
        env,
        JSON.stringify({
          session_id: `bench-${label}-${i}`,
          hook_event_name: "SubagentStart",
          agent_id: `a${i}`,
          agent_type: "worker",
        }),
      ),
    );
  console.log(
    `${label.padEnd(28)} p50 ${q(times, 0.5)?.toFixed(0)} ms   p99 ${q(times, 0.99)?.toFixed(0)} ms   (n=${N})`,
  );
}

const dir = mkdtempSync(join(tmpdir(), "baton-bench-hooks-"));
const app = await start({
  PORT: "0",
  HOST: "127.0.0.1",
  DATABASE_URL: `file:${join(dir, "baton.db")}`,
  LOG_LEVEL: "silent",
  NODE_ENV: "production",
  BATON_SEED: "off",
  BATON_WORKDIR: dir,
});
try {
  console.log(
    `load average: ${(await import("node:os"))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  await series("node -e '' (baseline)", ["-e", ""], {});
  await series("baton hook, Baton up", [BIN, "hook"], {
    BATON_URL: app.url,
    BATON_HOOK_SPOOL: join(dir, "up.jsonl"),
    BATON_HOOK_BUDGET_MS: "10000",
  });
  await series("baton hook, Baton down", [BIN, "hook"], {
    BATON_URL: "http://127.0.0.1:9",
    BATON_HOOK_SPOOL: join(dir, "down.jsonl"),
  });

  // Spawn → bar: a session is open; `baton hook` delivers the spawn of a sub-agent of a fresh type;
  // the clock stops when the subscription carries its execution.
  type Event = { executionEvents: { kind: string; execution: { agentName: string } } };
  const sub = subscribe<Event>(app.url, "subscription { executionEvents { kind execution { agentName } } }");
  await new Promise((r) => setTimeout(r, 300));
  const delays: number[] = [];
  const hookOnly: number[] = [];
  const spawnEnv = { BATON_URL: app.url, BATON_HOOK_SPOOL: join(dir, "spawn.jsonl"), BATON_HOOK_BUDGET_MS: "10000" };
  for (let i = 0; i < N; i++) {
    const session = `bench-spawn-${i}`;
    const common = { session_id: session, transcript_path: `/tmp/${session}.jsonl`, cwd: dir };
    for (const e of [
      { ...common, hook_event_name: "SessionStart", source: "startup" },
      { ...common, hook_event_name: "UserPromptSubmit", prompt: "go" },
    ])
      await fetch(`${app.url}/hooks/claude-code`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(e),
      });
    const type = `bench-worker-${i}`;
    const seen = sub.values.length;
    const t0 = performance.now();
    const wallDone = wall(
      [BIN, "hook"],
      spawnEnv,
      JSON.stringify({
        ...common,
        hook_event_name: "PreToolUse",
        tool_name: "Agent",
        tool_use_id: `tu_${i}`,
        tool_input: { subagent_type: type, description: "bench", prompt: "bench" },
      }),
    );
    for (;;) {
      if (sub.values.slice(seen).some((v) => v.executionEvents.execution.agentName === type)) break;
      if (performance.now() - t0 > 15_000) throw new Error(`no timeline event for ${type}`);
      await new Promise((r) => setTimeout(r, 1));
    }
    delays.push(performance.now() - t0);
    hookOnly.push(await wallDone);
  }
  await sub.close();
  console.log(
    `spawn hook → timeline event   p50 ${q(delays, 0.5)?.toFixed(0)} ms   p99 ${q(delays, 0.99)?.toFixed(0)} ms   (n=${N}; the same hook's wall time p50 ${q(hookOnly, 0.5)?.toFixed(0)} ms)`,
  );

  const events = Array.from({ length: SESSIONS }, (_, i) => parallelAndNestedSession(`ingest-${i}`, dir, new Date()));
  const post = (path: string, body: unknown) =>
    fetch(`${app.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then(async (r) => {
      if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    });
  // Sessions run side by side; each session's events in order (as its hooks send them).
  let t = performance.now();
  await Promise.all(
    events.map(async (session) => {
      for (const e of session) await post("/hooks/claude-code", e);
    }),
  );
  const total = events.flat().length;
  const hookRate = total / ((performance.now() - t) / 1000);
  t = performance.now();
  await Promise.all(
    Array.from({ length: SESSIONS }, async (_, s) => {
      for (let i = 0; i < (events[0]?.length ?? 0); i++)
        await post("/executions", { agentName: "bench", status: "success", durationMs: 5, inputs: { s, i } });
    }),
  );
  const execRate = total / ((performance.now() - t) / 1000);
  console.log(
    `POST /hooks/claude-code      ${hookRate.toFixed(0)} events/s (${total} events, ${SESSIONS} sessions at once)`,
  );
  console.log(`POST /executions (baseline)  ${execRate.toFixed(0)} rows/s   ratio ${(hookRate / execRate).toFixed(2)}`);
} finally {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
}
