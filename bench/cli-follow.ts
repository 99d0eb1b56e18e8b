// `baton run --follow` latency: from a step's status change on the server (the event's `at`) to the
// line the CLI prints for it, read by this process from the CLI's stdout (NDJSON, --json; one
// machine, one clock; `at` has ms precision). Baton is a child (fresh SQLite, no seed); each of
// BENCH_CLI_ROUNDS (default 3) rounds starts the real CLI (`node --import tsx server/cli/baton.ts
// run <template> --follow --json`), which starts a run of a gate step (BENCH_CLI_GATE_MS, default
// 3 s, so every listener is live) then BENCH_CLI_STEPS (20) mock steps of BENCH_CLI_LATENCY_MS (50).
// Measured: every change after the gate that the CLI printed from its subscription (`source: live`).
// Baseline (same run, same events): a bare graphql-ws subscriber of the same workflowRun(id) in
// this process, receipt − `at`; the CLI's overhead is the per-event difference of the two.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { machine, median, root, table } from "./lib/harness.js";
import { spawnBaton } from "./lib/spawn-baton.js";

const ROUNDS = Number(process.env.BENCH_CLI_ROUNDS ?? 3);
const STEPS = Number(process.env.BENCH_CLI_STEPS ?? 20);
const LATENCY = Number(process.env.BENCH_CLI_LATENCY_MS ?? 50);
const GATE = Number(process.env.BENCH_CLI_GATE_MS ?? 3000);

const key = (stepId: string | null, status: string, attempts: number | null) =>
  `${stepId ?? "run"}:${status}:${attempts ?? ""}`;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
}

async function post<T>(url: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface Round {
  cli: Map<string, number>;
  bare: Map<string, number>;
  /** Changes the CLI printed from re-reading the run (the poll got there before the socket). */
  fetched: Set<string>;
  exit: number | null;
}

/** One round: the CLI follows a new run; a bare subscriber joins as soon as the CLI names the run. */
function round(url: string, template: string): Promise<Round> {
  return new Promise((resolve, reject) => {
    const cli = new Map<string, number>();
    const bare = new Map<string, number>();
    const fetched = new Set<string>();
    let subscriber: ReturnType<typeof createClient> | null = null;
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "server/cli/baton.ts", "run", template, "--follow", "--json", "--url", url],
      { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
    );
    let pending = "";
    child.stdout.on("data", (chunk: Buffer) => {
      const now = Date.now();
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const c = JSON.parse(line) as {
          type: string;
          run_id: string;
          step_id: string | null;
          status: string;
          attempts: number | null;
          at: string;
          source: string;
        };
        if (c.type === "result") continue;
        if (c.source !== "live") fetched.add(key(c.step_id, c.status, c.attempts));
        else cli.set(key(c.step_id, c.status, c.attempts), now - Date.parse(c.at));
        if (!subscriber) {
          subscriber = createClient({
            url: `${url.replace(/^http/, "ws")}/graphql`,
            webSocketImpl: WebSocket,
            lazy: false,
          });
          subscriber.subscribe<{
            workflowRun: {
              stepId: string | null;
              runStatus: string | null;
              stepStatus: string | null;
              attempts: number | null;
              at: string;
            };
          }>(
            {
              query: "subscription($id: ID!) { workflowRun(id: $id) { stepId runStatus stepStatus attempts at } }",
              variables: { id: c.run_id },
            },
            {
              next: ({ data }) => {
                const e = data?.workflowRun;
                if (!e) return;
                const status = (e.stepStatus ?? e.runStatus ?? "").toLowerCase();
                bare.set(key(e.stepId, status, e.attempts), Date.now() - Date.parse(e.at));
              },
              error: reject,
              complete: () => undefined,
            },
          );
        }
      }
    });
    child.once("exit", async (code) => {
      await (subscriber as ReturnType<typeof createClient> | null)?.dispose();
      resolve({ cli, bare, fetched, exit: code });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), "bench-cli-"));
const baton = await spawnBaton({ DATABASE_URL: `file:${join(dir, "baton.db")}`, BATON_SEED: "off" });
try {
  console.log(machine());
  const agent = `BenchMock${Date.now()}`;
  await post(baton.url, "/agents", {
    name: agent,
    description: "bench",
    capabilities: ["bench"],
    runner: { kind: "mock", settings: { latency_ms: LATENCY, outputs: { ok: true } } },
  });
  const steps = [
    { id: "gate", agent, input: { __mock: { latency_ms: GATE } } },
    ...Array.from({ length: STEPS }, (_, i) => ({ id: `s${i + 1}`, agent })),
  ];
  const template = `bench-cli-${Date.now()}`;
  await post(baton.url, "/workflows", { name: template, steps });

  const cliDelays: number[] = [];
  const bareDelays: number[] = [];
  let fetchedAfterGate = 0;
  let missing = 0;
  const afterGate = [
    ...Array.from({ length: STEPS }, (_, i) => [`s${i + 1}:running:1`, `s${i + 1}:succeeded:1`]).flat(),
    "run:succeeded:",
  ];
  for (let r = 0; r < ROUNDS; r++) {
    const got = await round(baton.url, template);
    if (got.exit !== 0) throw new Error(`round ${r + 1}: the CLI exited ${got.exit}`);
    fetchedAfterGate += afterGate.filter((k) => got.fetched.has(k)).length;
    missing += afterGate.filter((k) => !got.fetched.has(k) && !got.cli.has(k)).length;
    // The same events for both: those after the gate, which every listener was live for.
    for (const [k, delay] of got.cli) {
      const bare = got.bare.get(k);
      if (bare === undefined || k.startsWith("gate:")) continue;
      cliDelays.push(delay);
      bareDelays.push(bare);
    }
  }
  const expected = ROUNDS * (2 * STEPS + 1);
  const row = (name: string, xs: number[]) => [
    name,
    String(xs.length),
    median(xs).toFixed(1),
    pct(xs, 95).toFixed(1),
    Math.max(...xs).toFixed(1),
  ];
  console.log(
    `\n${ROUNDS} rounds of gate + ${STEPS} mock steps (${LATENCY} ms each); ${expected} changes after the gate: ${cliDelays.length} printed from the subscription (measured), ${fetchedAfterGate} printed from a re-read of the run that got there first (not measured), ${missing} never printed\n`,
  );
  console.log(
    table([
      ["listener", "events", "p50 ms", "p95 ms", "max ms"],
      row("baton run --follow --json (line read from its stdout)", cliDelays),
      row("bare graphql-ws subscriber (baseline)", bareDelays),
    ]),
  );
  // Per event, the CLI's delay minus the bare subscriber's: what the CLI itself adds (its own
  // socket, the view, the pipe), with the server's and this process's scheduling common to both.
  const paired = cliDelays.map((d, i) => d - (bareDelays[i] as number));
  console.log(
    `\nCLI overhead per event (CLI − bare): p50 ${median(paired).toFixed(1)} ms, p95 ${pct(paired, 95).toFixed(1)} ms`,
  );
  if (missing > 0) {
    console.log("FAILED: some changes were never printed");
    process.exitCode = 1;
  }
} finally {
  await baton.stop();
  rmSync(dir, { recursive: true, force: true });
}
