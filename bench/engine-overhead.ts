// Engine overhead per step: 1,000-step workflows of a zero-latency mock agent, run by the real
// engine. Shapes: 1,000 steps in a row; 10 rounds of a 100-branch parallel group (each round joins
// before the next); one parallel group of 100 lanes of 10 steps in a row. Per-step ms = run wall
// time / 1,000. Goal: ≤ 2 ms on SQLite.
//   - in-process: `start()` from server/main.ts on a temp SQLite file (and on BENCH_ENGINE_PG_URL,
//     an empty PostgreSQL database, when set); the run is created with the service's
//     executeWorkflow (no HTTP) and timed from its launch to engine.settled(runId).
//   - end to end: Baton spawned as a child (SQLite); POST /workflows/{id}/execute, then the run's
//     `succeeded` event on a `workflowRuns` graphql-ws subscription opened beforehand.
//   - template validation (validateTemplate: shapes, agents, references and their order) on its own.
// Baselines (same run): the mock runner (mockRunner().run) called 1,000 times in a plain loop
// (awaited one by one; 10 rounds of 100 at once); and the run store alone: the two transactions
// the engine writes per step (startAttempt + finishAttempt) 1,000 times, on the same database.
// Each figure is the median of BENCH_ENGINE_REPS (default 3) after one discarded warm-up.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import type { Database } from "../server/db.js";
import { mockRunner } from "../server/engine/runners/mock.js";
import { validateTemplate } from "../server/engine/template.js";
import type { RunnerInvocation } from "../server/engine/types.js";
import { start } from "../server/main.js";
import { newId } from "../server/ids.js";
import { createRunStore } from "../server/modules/workflow-run/run-store.js";
import { executeWorkflow } from "../server/modules/workflow-run/workflow-run.service.js";
import { machine, median, table } from "./lib/harness.js";
import { spawnBaton } from "./lib/spawn-baton.js";

const REPS = Math.max(1, Number(process.env.BENCH_ENGINE_REPS ?? 3));
const STEPS = 1000;
const AGENT = "BenchMock";

const step = (id: string) => ({ id, agent: AGENT });
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => step(`${prefix}${i}`));
const shapes = [
  { key: "seq", label: "sequential: 1,000 steps in a row", steps: ids("s", STEPS) },
  {
    key: "rounds",
    label: "parallel: 10 rounds × 100-branch group",
    steps: Array.from({ length: 10 }, (_, r) => ({ parallel: ids(`r${r}_`, 100) })),
  },
  {
    key: "lanes",
    label: "parallel: 100 lanes × 10 in a row",
    steps: [{ parallel: Array.from({ length: 100 }, (_, l) => ({ sequential: ids(`l${l}_`, 10) })) }],
  },
];

const ms = (x: number) => x.toFixed(x < 10 ? 3 : 0);
const perStep = (x: number) => (x / STEPS).toFixed(3);

/** One discarded warm-up, then the median of REPS. */
async function repeat(fn: () => Promise<number> | number): Promise<number> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < REPS; i++) out.push(await fn());
  return median(out);
}
const timed = (fn: () => Promise<unknown> | unknown) => async () => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

// ---- baseline: the mock runner alone --------------------------------------------------------
const runner = mockRunner();
const invocation = (i: number): RunnerInvocation => ({
  agent: { name: AGENT, kind: "mock", settings: { latency_ms: 0 } },
  input: {},
  signal: new AbortController().signal,
  timeoutMs: null,
  runId: "bench",
  stepId: `s${i}`,
  attempt: 1,
  executionId: `e${i}`,
});
const baselineSequential = timed(async () => {
  for (let i = 0; i < STEPS; i++) if (!(await runner.run(invocation(i))).ok) throw new Error("mock failed");
});
const baselineRounds = timed(async () => {
  for (let r = 0; r < 10; r++) await Promise.all(Array.from({ length: 100 }, (_, i) => runner.run(invocation(i))));
});

/** The run store's per-step writes alone, on a finished run's steps: start + finish each attempt. */
async function storeOnly(db: Database, runId: string): Promise<number> {
  // Writes are fenced by the run's owner: act as the instance that ran it.
  const { ownerId } = await db.prisma.workflowRun.findUniqueOrThrow({ where: { id: runId } });
  const store = createRunStore(db, ownerId ?? "");
  const run = await store.load(runId);
  if (!run?.rootExecutionId) throw new Error(`run ${runId} has no root execution`);
  const agent = await db.prisma.agent.findUniqueOrThrow({ where: { name: AGENT } });
  return timed(async () => {
    for (const s of run.steps) {
      const exec = {
        ...{ id: newId(), agentName: AGENT, agentId: agent.id, workflowId: run.workflowId },
        ...{ workflowRunId: runId, parentExecutionId: run.rootExecutionId, rootId: run.rootExecutionId as string },
        ...{ depth: 1, inputs: {}, attempt: 1, workflowStepId: s.stepId, startedAt: new Date() },
      };
      await store.startAttempt(runId, s.stepId, exec);
      const endedAt = new Date();
      const finished = { id: exec.id, status: "success" as const, outputs: {}, error: null, endedAt };
      const change = { status: "succeeded" as const, attempts: 1, outputs: {}, error: null, executionId: exec.id };
      await store.finishAttempt(runId, s.stepId, { ...finished, startedAt: exec.startedAt }, { ...change, endedAt });
    }
  })();
}

// ---- REST helpers ---------------------------------------------------------------------------
async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  // Baton refuses writes without a JSON body type (415).
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST ${url} → ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as Record<string, unknown>;
}
/** Registers the agent and one workflow per shape; returns workflow ids and POST /workflows times by shape. */
async function setUp(url: string) {
  const runnerConfig = { kind: "mock", settings: { latency_ms: 0 } };
  const agent = { name: AGENT, description: "engine-overhead bench", capabilities: ["bench"], tools: ["Read"] };
  await post(`${url}/agents`, { ...agent, coordination_patterns: ["sequential", "parallel"], runner: runnerConfig });
  const workflows = new Map<string, string>();
  const createMs = new Map<string, number>();
  for (const s of shapes) {
    const t0 = performance.now();
    workflows.set(s.key, String((await post(`${url}/workflows`, { name: `bench-${s.key}`, steps: s.steps })).id));
    createMs.set(s.key, performance.now() - t0);
  }
  return { workflows, createMs };
}

/** Longest gap between ticks of a 1 ms timer until stop(): how long nothing else could run. */
function watchLoop(): () => Promise<number> {
  let [last, max] = [performance.now(), 0];
  const timer = setInterval(() => {
    const now = performance.now();
    max = Math.max(max, now - last);
    last = now;
  }, 1);
  return async () => {
    await new Promise((r) => setTimeout(r, 5)); // lets the tick the run delayed fire
    clearInterval(timer);
    return max;
  };
}

// ---- in-process -----------------------------------------------------------------------------
type InProcessRow = { create: number; run: number; stall: number };
async function inProcess(databaseUrl: string) {
  const env = { DATABASE_URL: databaseUrl, PORT: "0", LOG_LEVEL: "silent", BATON_SEED: "auto" } as const;
  const baton = await start({ ...env, HOST: "127.0.0.1", NODE_ENV: "production" });
  try {
    const { workflows, createMs } = await setUp(baton.url);
    const { db } = baton;
    const engine = baton.app.engine;
    const rows: Record<string, InProcessRow> = {};
    let lastSeqRun = "";
    for (const s of shapes) {
      const samples: InProcessRow[] = [];
      for (let rep = 0; rep <= REPS; rep++) {
        const stopWatch = watchLoop();
        const t0 = performance.now();
        const runId = await executeWorkflow(db, engine, workflows.get(s.key) as string, {}, { jsonLimit: 262_144 });
        const t1 = performance.now();
        await engine.settled(runId);
        const t2 = performance.now();
        const stall = await stopWatch();
        const row = await db.prisma.workflowRun.findUniqueOrThrow({ where: { id: runId } });
        if (row.status !== "succeeded") throw new Error(`${s.key} run ${runId} ended ${row.status}: ${row.error}`);
        if (s.key === "seq") lastSeqRun = runId;
        if (rep > 0) samples.push({ create: t1 - t0, run: t2 - t1, stall });
      }
      const pick = (f: (x: InProcessRow) => number) => median(samples.map(f));
      rows[s.key] = { create: pick((x) => x.create), run: pick((x) => x.run), stall: pick((x) => x.stall) };
    }
    const store = await repeat(() => storeOnly(db, lastSeqRun));
    return { rows, createMs, store };
  } finally {
    await baton.stop();
  }
}

// ---- end to end over HTTP, Baton in a child process ----------------------------------------
async function endToEnd(dir: string) {
  const baton = await spawnBaton({ DATABASE_URL: `file:${join(dir, "e2e.db")}`, BATON_SEED: "auto" });
  const ended = new Map<string, number>();
  const client = createClient({ url: `${baton.url.replace("http", "ws")}/graphql`, webSocketImpl: WebSocket });
  try {
    const { workflows } = await setUp(baton.url);
    client.subscribe<{ workflowRuns: { runId: string } }>(
      { query: "subscription { workflowRuns(status: [SUCCEEDED, FAILED, CANCELLED]) { runId } }" },
      {
        next: ({ data }) => void (data && ended.set(data.workflowRuns.runId, performance.now())),
        error: (e) => console.error("subscription error", e),
        complete: () => undefined,
      },
    );
    /** Polls the map the subscription fills, every ms (the client's own loop is idle meanwhile). */
    const endOf = async (runId: string) => {
      for (const deadline = performance.now() + 120_000; performance.now() < deadline; ) {
        const at = ended.get(runId);
        if (at !== undefined) return at;
        await new Promise((r) => setTimeout(r, 1));
      }
      throw new Error(`run ${runId} did not finish within 120 s`);
    };
    const once = async (workflowId: string) => {
      const t0 = performance.now();
      const runId = String((await post(`${baton.url}/workflows/${workflowId}/execute`, {})).id);
      const end = await endOf(runId);
      const body = (await (await fetch(`${baton.url}/workflow-runs/${runId}`)).json()) as Record<string, unknown>;
      if (body.status !== "succeeded") throw new Error(`run ${runId} is ${body.status}`);
      return { total: end - t0, server: Number(body.duration_ms) };
    };
    // A run blocks the server's event loop while it runs, so the subscription must be live before
    // the first big run: a one-step probe runs until its event arrives.
    const probe = String((await post(`${baton.url}/workflows`, { name: "probe", steps: [step("p")] })).id);
    for (let i = 0; ; i++) {
      const runId = String((await post(`${baton.url}/workflows/${probe}/execute`, {})).id);
      await new Promise((r) => setTimeout(r, 200));
      if (ended.has(runId)) break;
      if (i === 50) throw new Error("the workflowRuns subscription never delivered a probe run's event");
    }
    const out: Record<string, { total: number; server: number }> = {};
    for (const s of shapes) {
      await once(workflows.get(s.key) as string);
      const runs = [];
      for (let i = 0; i < REPS; i++) runs.push(await once(workflows.get(s.key) as string));
      out[s.key] = { total: median(runs.map((r) => r.total)), server: median(runs.map((r) => r.server)) };
    }
    return out;
  } finally {
    await client.dispose();
    await baton.stop();
  }
}

// ---- main -----------------------------------------------------------------------------------
console.log(`engine overhead — ${STEPS}-step mock workflows (latency 0); median of ${REPS} after a warm-up`);
console.log(machine());

const validation = new Map<string, number>();
for (const s of shapes)
  validation.set(s.key, await repeat(timed(() => validateTemplate({ name: s.key, steps: s.steps }, new Set([AGENT])))));
const baseSeq = await repeat(baselineSequential);
const baseRounds = await repeat(baselineRounds);
console.log("\nbaseline: mockRunner().run() × 1,000, the engine's invocation shape");
console.log(
  table([
    ["loop", "total ms", "per step ms"],
    ["awaited one by one", ms(baseSeq), perStep(baseSeq)],
    ["10 rounds of 100 at once", ms(baseRounds), perStep(baseRounds)],
  ]),
);

const dir = mkdtempSync(join(tmpdir(), "baton-bench-engine-"));
try {
  const targets = [["SQLite", `file:${join(dir, "inproc.db")}`]];
  if (process.env.BENCH_ENGINE_PG_URL) targets.push(["PostgreSQL", process.env.BENCH_ENGINE_PG_URL]);
  let sqliteCreate = new Map<string, number>();
  for (const [dbName, url] of targets) {
    const inproc = await inProcess(url as string);
    if (dbName === "SQLite") sqliteCreate = inproc.createMs;
    console.log(`\nin-process engine on ${dbName} (executeWorkflow → engine.settled); goal ≤ 2 ms per step on SQLite`);
    const rows = [["shape", "run ms", "per step ms", "vs runner loop", "vs store only", "create run ms", "stall ms"]];
    for (const s of shapes) {
      const r = inproc.rows[s.key] as InProcessRow;
      const base = s.key === "seq" ? baseSeq : baseRounds;
      const ratio = (b: number) => `${(r.run / b).toFixed(1)}x`;
      rows.push([s.label, ms(r.run), perStep(r.run), ratio(base), ratio(inproc.store), ms(r.create), ms(r.stall)]);
    }
    rows.push(["baseline: run store only, 2 writes × 1,000", ms(inproc.store), perStep(inproc.store), "", "1.0x"]);
    console.log(table(rows));
  }
  console.log(
    "  create run = executeWorkflow: template flattened again, run + 1,000 step rows inserted (set-based SQL)",
  );
  console.log("  stall = longest gap between ticks of a 1 ms timer from executeWorkflow to the run's end");

  console.log("\ntemplate validation (validateTemplate, in-process) and one POST /workflows (SQLite, first call)");
  const vRows = [["shape", "validateTemplate ms", "POST /workflows ms"]];
  for (const s of shapes) vRows.push([s.label, ms(validation.get(s.key) ?? 0), ms(sqliteCreate.get(s.key) ?? 0)]);
  console.log(table(vRows));

  const e2e = await endToEnd(dir);
  console.log("\nend to end over HTTP (Baton in a child, SQLite): POST execute → `succeeded` event on graphql-ws");
  const e2eRows = [["shape", "total ms", "per step ms", "server-side run duration_ms"]];
  for (const s of shapes) {
    const r = e2e[s.key] as { total: number; server: number };
    e2eRows.push([s.label, ms(r.total), perStep(r.total), ms(r.server)]);
  }
  console.log(table(e2eRows));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
