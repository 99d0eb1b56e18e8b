// Figure: start-up time to first response of the dev-style start through tsx (`node --import tsx
// server/main.ts`; `npm start` runs the compiled build instead: bench/start-memory.ts) spawned until GET /agents answers 200: first on a fresh database
// (migrate + seed), then again on the same database. Baseline in the same run: the bare yoga
// hello-world (bench/serve-hello.ts) spawned the same way until it answers a query.
// Env: BENCH_STARTUP_REPS (default 5).
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, machine, median, pollUntil200, spawnNode, stopChild, table } from "./lib/harness.js";

const reps = Number(process.env.BENCH_STARTUP_REPS ?? 5);
if (!(Number.isInteger(reps) && reps > 0 && reps <= 50)) throw new Error("BENCH_STARTUP_REPS must be in [1, 50]");

type Kind = "baseline" | "cold" | "warm";

/** Spawns, polls every 20 ms until 200, returns ms from spawn to that response, stops the child. */
async function timeToFirstResponse(kind: Kind, dbFile: string): Promise<number> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  let url: string;
  const t0 = performance.now();
  if (kind === "baseline") {
    child = spawnNode([join("bench", "serve-hello.ts")], { PORT: String(port) });
    url = `${base}/graphql?query=%7Bhello%7D`;
  } else {
    child = spawnNode([join("server", "main.ts")], {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${dbFile}`,
      LOG_LEVEL: "silent",
      BATON_SEED: "auto",
    });
    url = `${base}/agents`;
  }
  child.stdout?.resume();
  try {
    const t1 = await pollUntil200(url, { intervalMs: 20, timeoutMs: 60_000, child });
    return t1 - t0;
  } finally {
    await stopChild(child);
  }
}

const dirs: string[] = [];
const samples: Record<Kind, number[]> = { baseline: [], cold: [], warm: [] };
try {
  console.log(`startup: spawn to first 200 response (median of ${reps} runs each)`);
  console.log(`  ${machine()}`);
  console.log("  Baton: node --import tsx server/main.ts, polled with GET /agents every 20 ms");
  console.log("    cold = fresh SQLite file (migrate + seed); warm = second start on that same file");
  console.log("  baseline: node --import tsx bench/serve-hello.ts (bare yoga), polled with GET /graphql?query={hello}");
  console.log(
    "  excluded: npm's own start-up and the dashboard build; main.ts is spawned directly through tsx" +
      " (`npm start`'s compiled start is bench/start-memory.ts)",
  );
  console.log("  one untimed round first primes tsx's transform cache and the OS file cache\n");

  for (let rep = 0; rep <= reps; rep++) {
    const dir = mkdtempSync(join(tmpdir(), "baton-startup-"));
    dirs.push(dir);
    const db = join(dir, "baton.db");
    const round: Record<Kind, number> = {
      baseline: await timeToFirstResponse("baseline", db),
      cold: await timeToFirstResponse("cold", db),
      warm: await timeToFirstResponse("warm", db),
    };
    const tag = rep === 0 ? "priming (discarded)" : `run ${rep}/${reps}`;
    console.log(
      `  ${tag}: baseline ${round.baseline.toFixed(0)} ms, cold ${round.cold.toFixed(0)} ms, warm ${round.warm.toFixed(0)} ms`,
    );
    if (rep > 0) for (const k of Object.keys(round) as Kind[]) samples[k].push(round[k]);
  }
} finally {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

const base = median(samples.baseline);
const row = (label: string, xs: number[]) => [
  label,
  median(xs).toFixed(0),
  Math.min(...xs).toFixed(0),
  Math.max(...xs).toFixed(0),
  `${(median(xs) / base).toFixed(2)}x`,
];
console.log(
  `\n${table([
    ["start", "median ms", "min ms", "max ms", "vs baseline"],
    row("baseline: bare yoga hello-world", samples.baseline),
    row("Baton cold (fresh db: migrate + seed)", samples.cold),
    row("Baton warm (existing db)", samples.warm),
  ])}`,
);
