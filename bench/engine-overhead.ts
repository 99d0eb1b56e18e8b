// Engine overhead per step: 1,000-step workflows of a zero-latency mock agent, run by the real
// engine on SQLite. Shapes: 1,000 steps in a row; 10 rounds of a 100-branch parallel group (each
// round joins before the next); one parallel group of 100 lanes of 10 sequential steps.
// Per-step ms = run wall time / 1,000. Goal: ≤ 2 ms on SQLite.
//   - in-process: `start()` from server/main.ts on a temp SQLite file; the run is created with the
//     service's executeWorkflow (no HTTP) and timed from its launch to engine.settled(runId).
//   - end to end: Baton spawned as a child; POST /workflows/{id}/execute, then the run's
//     `succeeded` event on a `workflowRuns` graphql-ws subscription opened beforehand.
//   - template validation (validateTemplate, which builds happens-before sets) timed on its own.
// Baseline (same run): the same mock runner (mockRunner().run) called 1,000 times in a plain loop
// (awaited one by one; and 10 rounds of 100 at once). Each figure is the median of BENCH_ENGINE_REPS
// (default 3) after one discarded warm-up.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { mockRunner } from "../server/engine/runners/mock.js";
import { validateTemplate } from "../server/engine/template.js";
import type { RunnerInvocation } from "../server/engine/types.js";
import { start } from "../server/main.js";
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

async function repeat(fn: () => Promise<number> | number): Promise<number> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < REPS; i++) out.push(await fn());
  return median(out);
}

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
async function baselineSequential(): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < STEPS; i++) if (!(await runner.run(invocation(i))).ok) throw new Error("mock failed");
  return performance.now() - t0;
}
async function baselineRounds(): Promise<number> {
  const t0 = performance.now();
  for (let r = 0; r < 10; r++) await Promise.all(Array.from({ length: 100 }, (_, i) => runner.run(invocation(i))));
  return performance.now() - t0;
}

// ---- REST helpers ---------------------------------------------------------------------------
async function post(url: string, body: unknown, expect = 201): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
  const text = await res.text();
  if (res.status !== expect) throw new Error(`POST ${url} → ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as Record<string, unknown>;
}
const agentBody = {
  name: AGENT,
  description: "Zero-latency mock for the engine-overhead bench.",
  capabilities: ["bench"],
  tools: ["Read"],
  coordination_patterns: ["sequential", "parallel"],
  runner: { kind: "mock", settings: { latency_ms: 0 } },
};
/** Registers the agent and one workflow per shape; returns workflow ids by shape and the POST times. */
async function setUp(url: string, tag: string) {
  await post(`${url}/agents`, agentBody);
  const workflows = new Map<string, string>();
  const createMs = new Map<string, number>();
  for (const s of shapes) {
    const t0 = performance.now();
    const wf = await post(`${url}/workflows`, { name: `bench-${s.key}-${tag}`, steps: s.steps });
    createMs.set(s.key, performance.now() - t0);
    workflows.set(s.key, String(wf.id));
  }
  return { workflows, createMs };
}

/**
 * Longest gap between ticks of a 1 ms interval from now until the returned stop() — how long
 * the event loop could not serve anything else (a request, a heartbeat) while a run was going.
 */
function watchLoop(): () => Promise<number> {
  let last = performance.now();
  let max = 0;
  const tick = () => {
    const now = performance.now();
    max = Math.max(max, now - last);
    last = now;
  };
  const timer = setInterval(tick, 1);
  return async () => {
    await new Promise((r) => setTimeout(r, 5)); // lets the tick delayed by the run fire
    clearInterval(timer);
    return max;
  };
}

// ---- in-process -----------------------------------------------------------------------------
async function inProcess(dir: string) {
  const baton = await start({
    DATABASE_URL: `file:${join(dir, "inproc.db")}`,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    BATON_SEED: "auto",
    NODE_ENV: "production",
  });
  try {
    const { workflows, createMs } = await setUp(baton.url, "inproc");
    const { db } = baton;
    const engine = baton.app.engine;
    const rows: Record<string, { create: number; run: number; loopMax: number }> = {};
    for (const s of shapes) {
      const create: number[] = [];
      const run: number[] = [];
      const loopMax: number[] = [];
      for (let rep = 0; rep <= REPS; rep++) {
        const stopWatch = watchLoop();
        const t0 = performance.now();
        const r = await executeWorkflow(db, engine, workflows.get(s.key) as string, {});
        const t1 = performance.now();
        await engine.settled(r.id);
        const t2 = performance.now();
        const blocked = await stopWatch();
        const row = await db.prisma.workflowRun.findUniqueOrThrow({ where: { id: r.id } });
        if (row.status !== "succeeded") throw new Error(`${s.key} run ${r.id} ended ${row.status}: ${row.error}`);
        if (rep === 0) continue; // warm-up
        create.push(t1 - t0);
        run.push(t2 - t1);
        loopMax.push(blocked);
      }
      rows[s.key] = { create: median(create), run: median(run), loopMax: median(loopMax) };
    }
    return { rows, createMs };
  } finally {
    await baton.stop();
  }
}

// ---- end to end over HTTP, Baton in a child process ----------------------------------------
async function endToEnd(dir: string) {
  const baton = await spawnBaton({ DATABASE_URL: `file:${join(dir, "e2e.db")}`, BATON_SEED: "auto" });
  const finished = new Map<string, (at: number) => void>();
  const early = new Map<string, number>();
  const client = createClient({ url: `${baton.url.replace("http", "ws")}/graphql`, webSocketImpl: WebSocket });
  try {
    const { workflows } = await setUp(baton.url, "e2e");
    const unsubscribe = client.subscribe<{ workflowRuns: { runId: string; status: string } }>(
      { query: 'subscription { workflowRuns(status: "succeeded,failed,cancelled") { runId status } }' },
      {
        next: ({ data }) => {
          const e = data?.workflowRuns;
          if (!e) return; // a run that did not succeed fails the GET check in once()
          const now = performance.now();
          const wake = finished.get(e.runId);
          if (wake) wake(now);
          else early.set(e.runId, now);
        },
        error: (e) => console.error("subscription error", e),
        complete: () => undefined,
      },
    );
    const once = async (workflowId: string) => {
      const t0 = performance.now();
      const run = await post(`${baton.url}/workflows/${workflowId}/execute`, {});
      const runId = String(run.id);
      const end = await new Promise<number>((resolve, reject) => {
        const seen = early.get(runId);
        if (seen !== undefined) return resolve(seen);
        const timer = setTimeout(() => reject(new Error(`run ${runId} not finished within 120 s`)), 120_000);
        finished.set(runId, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
      const res = await fetch(`${baton.url}/workflow-runs/${runId}`);
      const body = (await res.json()) as { status: string; duration_ms: number | null };
      if (body.status !== "succeeded") throw new Error(`run ${runId} is ${body.status}`);
      return { total: end - t0, server: body.duration_ms ?? Number.NaN };
    };
    // A run blocks the server's event loop while it runs (see README), so the subscription must be
    // live before the first big run: a one-step probe is run until its event arrives.
    const probe = await post(`${baton.url}/workflows`, { name: "bench-probe", steps: [step("p")] });
    for (let i = 0; ; i++) {
      const run = await post(`${baton.url}/workflows/${probe.id}/execute`, {});
      await new Promise((r) => setTimeout(r, 200));
      if (early.has(String(run.id))) break;
      if (i === 50) throw new Error("the workflowRuns subscription never delivered a probe run's event");
    }
    const out: Record<string, { total: number; server: number }> = {};
    for (const s of shapes) {
      await once(workflows.get(s.key) as string); // warm-up; also proves the subscription is live
      const runs = [];
      for (let i = 0; i < REPS; i++) runs.push(await once(workflows.get(s.key) as string));
      out[s.key] = { total: median(runs.map((r) => r.total)), server: median(runs.map((r) => r.server)) };
    }
    unsubscribe();
    return out;
  } finally {
    await client.dispose();
    await baton.stop();
  }
}

// ---- main -----------------------------------------------------------------------------------
console.log(`engine overhead — ${STEPS}-step mock workflows (latency 0), SQLite; median of ${REPS} after a warm-up`);
console.log(machine());

const validation = new Map<string, number>();
for (const s of shapes)
  validation.set(
    s.key,
    await repeat(() => {
      const t0 = performance.now();
      validateTemplate({ name: s.key, steps: s.steps }, new Set([AGENT]));
      return performance.now() - t0;
    }),
  );
const baseSeq = await repeat(baselineSequential);
const baseRounds = await repeat(baselineRounds);
console.log("\nbaseline: mockRunner().run() × 1,000, same invocation shape as the engine's");
console.log(
  table([
    ["loop", "total ms", "per step ms"],
    ["awaited one by one", ms(baseSeq), perStep(baseSeq)],
    ["10 rounds of 100 at once", ms(baseRounds), perStep(baseRounds)],
  ]),
);

const dir = mkdtempSync(join(tmpdir(), "baton-bench-engine-"));
try {
  const inproc = await inProcess(dir);
  console.log("\nin-process engine (executeWorkflow → engine.settled), per step = run ms / 1,000; goal ≤ 2 ms");
  const rows = [["shape", "run ms", "per step ms", "vs baseline", "goal", "create run ms", "max loop block ms"]];
  for (const s of shapes) {
    const r = inproc.rows[s.key] as { create: number; run: number; loopMax: number };
    const base = s.key === "seq" ? baseSeq : baseRounds;
    rows.push([
      s.label,
      ms(r.run),
      perStep(r.run),
      `${(r.run / base).toFixed(0)}x`,
      r.run / STEPS <= 2 ? "met" : "not met",
      ms(r.create),
      ms(r.loopMax),
    ]);
  }
  console.log(table(rows));
  console.log("  create run = executeWorkflow: template re-flattened + run and 1,000 step rows inserted (Prisma)");
  console.log("  max loop block = longest event-loop stall during the run (gap between ticks of a 1 ms timer)");

  console.log("\ntemplate validation of the 1,000-step template (validateTemplate, in-process) and POST /workflows");
  const vRows = [["shape", "validateTemplate ms", "POST /workflows ms (one, cold)"]];
  for (const s of shapes)
    vRows.push([s.label, ms(validation.get(s.key) ?? Number.NaN), ms(inproc.createMs.get(s.key) ?? Number.NaN)]);
  console.log(table(vRows));

  const e2e = await endToEnd(dir);
  console.log("\nend to end over HTTP (Baton in a child): POST execute → `succeeded` event on graphql-ws");
  const e2eRows = [["shape", "total ms", "per step ms", "server run duration_ms"]];
  for (const s of shapes) {
    const r = e2e[s.key] as { total: number; server: number };
    e2eRows.push([s.label, ms(r.total), perStep(r.total), ms(r.server)]);
  }
  console.log(table(e2eRows));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
