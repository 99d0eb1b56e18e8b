// One heavy read must not freeze the server (issue 10 §4): on 1,120,000 stored executions (SQLite),
// the latency of a health probe (`GET /health`) and of a small request (`GET /agents?limit=1`)
// while the heaviest reads an anonymous caller may ask for run — default `GET /executions/timeline`,
// default `GET /metrics`, GraphQL `timeline(limit: 20000)` (the dashboard's query), three REST
// timelines at once — against the same probes on the idle server (the baseline, same run). Goal:
// every probe answers within 100 ms while a heavy read runs. Also reported: each heavy read's own
// time and answer (200 with `truncated`, or 503 READ_TIMEOUT when it hit the read budget), and the
// server's peak resident memory (from /proc) while it ran.
import { readFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { migrateSqlite } from "../server/db/migrate.js";
import { executionRows, rawExecutionInserter } from "./lib/execution-rows.js";
import { httpOnce, machine, median, sleep, table } from "./lib/harness.js";
import { spawnBaton } from "./lib/spawn-baton.js";

const TOTAL = Number(process.env.BENCH_ROWS ?? 1_120_000);
/** A heavy read that has not answered by then is reported as "no answer". */
const HEAVY_TIMEOUT_MS = Number(process.env.BENCH_HEAVY_TIMEOUT_MS ?? 120_000);
const PROBE_EVERY_MS = 25;
const DAY = 86_400_000;
const CHUNK = 20_000;

function fill(path: string) {
  migrateSqlite(path);
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  // The last 29 days up to an hour ago: inside the default metrics range; the default timeline
  // reads every execution.
  const to = Date.now() - 3_600_000;
  const from = to - 29 * DAY;
  const insert = rawExecutionInserter(db);
  const chunks = Math.ceil(TOTAL / CHUNK);
  const span = (to - from) / chunks;
  for (let k = 0; k < chunks; k++)
    insert(executionRows(Math.min(CHUNK, TOTAL - k * CHUNK), `c${k}_`, from + k * span, span, k + 1));
  db.close();
}

interface ProbeStats {
  n: number;
  p50: number;
  max: number;
  failed: number;
}

/** Probes `path` every PROBE_EVERY_MS until `until` settles (or `count` probes when idle). */
async function probe(url: string, until: Promise<unknown> | null, count = 40): Promise<ProbeStats> {
  const times: number[] = [];
  let failed = 0;
  let done = until === null;
  until?.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  for (let i = 0; i < 100_000 && (until ? !done : i < count); i++) {
    const t0 = performance.now();
    const r = await httpOnce(url, {}, 60_000).catch(() => ({ status: 0, body: "" }));
    times.push(performance.now() - t0);
    if (r.status !== 200) failed++;
    await sleep(PROBE_EVERY_MS);
  }
  return { n: times.length, p50: median(times), max: Math.max(...times), failed };
}

function rssOf(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

const dir = mkdtempSync(join(tmpdir(), "baton-bench-iso-"));
try {
  const path = join(dir, "b.db");
  const t0 = performance.now();
  fill(path);
  console.log(
    `read isolation — ${TOTAL.toLocaleString("en")} executions (SQLite), filled in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  console.log(machine());
  const monitor = new URL("./lib/loop-monitor.mjs", import.meta.url).href;
  const baton = await spawnBaton({
    DATABASE_URL: `file:${path}`,
    BATON_SEED: "auto",
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${monitor}`.trim(),
  });
  // The server's own longest event-loop stall (monitorEventLoopDelay) since the last ask.
  const loopDelays: ((d: { max: number; p99: number }) => void)[] = [];
  let buffered = "";
  baton.child.stdout?.on("data", (d: Buffer) => {
    buffered += d.toString();
    for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const m = /^LOOPDELAY (.*)$/.exec(line);
      if (m) loopDelays.shift()?.(JSON.parse(m[1] as string));
    }
  });
  const loopDelay = () =>
    new Promise<{ max: number; p99: number }>((resolve) => {
      loopDelays.push(resolve);
      baton.child.kill("SIGUSR2");
    });
  try {
    const health = `${baton.url}/health`;
    const hasHealth = (await httpOnce(health)).status === 200;
    const probes = [
      ...(hasHealth ? [["GET /health", health]] : []),
      ["GET /agents?limit=1", `${baton.url}/agents?limit=1`],
    ];
    const gql = (query: string) =>
      fetch(`${baton.url}/graphql`, {
        signal: AbortSignal.timeout(HEAVY_TIMEOUT_MS),
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query }),
      });
    const heavy: [string, () => Promise<Response[]>][] = [
      [
        "REST GET /executions/timeline (default)",
        async () => [
          await fetch(`${baton.url}/executions/timeline`, { signal: AbortSignal.timeout(HEAVY_TIMEOUT_MS) }),
        ],
      ],
      [
        "REST GET /metrics (default: 30 days by day)",
        async () => [await fetch(`${baton.url}/metrics`, { signal: AbortSignal.timeout(HEAVY_TIMEOUT_MS) })],
      ],
      [
        "GraphQL timeline(limit: 20000), dashboard fields",
        async () => [
          await gql(
            "{ timeline(limit: 20000) { rootCount matchedCount truncated contextIds executions { id agentName status timestamp endedAt durationMs parentExecutionId depth } } }",
          ),
        ],
      ],
      [
        "3 × REST GET /executions/timeline at once",
        () =>
          Promise.all(
            [0, 1, 2].map(() =>
              fetch(`${baton.url}/executions/timeline`, { signal: AbortSignal.timeout(HEAVY_TIMEOUT_MS) }),
            ),
          ),
      ],
      [
        "REST GET /executions/graph (all)",
        async () => [await fetch(`${baton.url}/executions/graph`, { signal: AbortSignal.timeout(HEAVY_TIMEOUT_MS) })],
      ],
    ];
    const rows: string[][] = [["probe", "while", "n", "p50 ms", "max ms", "max / idle p50", "failed"]];
    const idle = new Map<string, ProbeStats>();
    for (const [, url] of probes) await httpOnce(url as string); // warm-up (first-call compilation)
    await loopDelay();
    for (const [name, url] of probes) {
      const s = await probe(url as string, null);
      idle.set(name as string, s);
      rows.push([
        name as string,
        "idle (baseline)",
        String(s.n),
        s.p50.toFixed(1),
        s.max.toFixed(1),
        "1.0×",
        String(s.failed),
      ]);
    }
    const idleLoop = await loopDelay();
    const reads: string[][] = [["heavy read", "time ms", "answers", "loop stall max ms", "peak RSS MB"]];
    for (const [label, run] of heavy) {
      for (const [name, url] of probes) {
        await loopDelay();
        const started = performance.now();
        const pending = run()
          .then(async (responses) => {
            const bodies = await Promise.all(responses.map(async (r) => ({ status: r.status, text: await r.text() })));
            return { ms: performance.now() - started, bodies };
          })
          .catch((e: unknown) => ({
            ms: performance.now() - started,
            bodies: [{ status: 0, text: `no answer (${(e as Error).name})` }],
          }));
        const [s, result] = await Promise.all([probe(url as string, pending), pending]);
        const loop = await loopDelay();
        const base = idle.get(name as string) as ProbeStats;
        rows.push([
          name as string,
          label,
          String(s.n),
          s.p50.toFixed(1),
          s.max.toFixed(1),
          `${(s.max / base.p50).toFixed(1)}×`,
          String(s.failed),
        ]);
        if (name === probes[0]?.[0]) {
          const answers = result.bodies.map((b) => {
            const code = /"code":"([A-Z_]+)"/.exec(b.text)?.[1];
            const truncated = /"truncated":(true|false)/.exec(b.text)?.[1];
            if (b.status === 0) return b.text;
            return `${b.status}${code ? ` ${code}` : ""}${truncated ? ` truncated=${truncated}` : ""} ${(b.text.length / 1_048_576).toFixed(1)} MB`;
          });
          reads.push([
            label,
            result.ms.toFixed(0),
            answers.join("; "),
            loop.max.toFixed(1),
            rssOf(baton.child.pid as number).toFixed(0),
          ]);
        }
      }
    }
    console.log(table(rows, [0, 1]));
    console.log("");
    console.log(table(reads, [0, 2]));
    console.log(`server event-loop stall while idle (probes only): max ${idleLoop.max.toFixed(1)} ms`);
  } finally {
    await baton.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
