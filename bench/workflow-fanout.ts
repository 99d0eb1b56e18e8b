// Subscription fan-out: BENCH_FANOUT_SUBSCRIBERS (default 1,000) graphql-ws subscribers on one
// run's `workflowRun(id)`, spread over BENCH_FANOUT_SOCKETS sockets (default 1,000: one each, the
// realistic case), in this process; Baton runs as a child. The run is a gate step (mock latency
// BENCH_FANOUT_GATE_MS, default 5 s: time to subscribe everyone), then BENCH_FANOUT_STEPS (20)
// mock steps of BENCH_FANOUT_LATENCY_MS (50). Measured: every event from the gate's `succeeded`
// on (2 × steps + 2 = 42), for every subscriber; delay = receipt time − the event's `at` (both
// this machine's clock; `at` has ms precision, so delays read up to 1 ms high). Goal: p99 ≤ 100 ms.
// Baseline (same run): a bare graphql-ws server (graphql-ws useServer + graphql-js + yoga's
// in-memory createPubSub, as Baton uses; no yoga/envelop/Pothos, no engine, no database),
// spawned the same way (this file with --serve-bare), publishing the same 42 events with the same
// fields, at the same pace (two at each step boundary), to the same subscribers over the same
// sockets. Every subscriber must receive every measured event, or the bench fails.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  GraphQLID,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  type GraphQLFieldConfig,
} from "graphql";
import { type Client, createClient } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { createPubSub } from "graphql-yoga";
import WebSocket, { WebSocketServer } from "ws";
import { machine, median, sleep, spawnServer, stopChild, table } from "./lib/harness.js";
import { spawnBaton } from "./lib/spawn-baton.js";

const SUBSCRIBERS = Number(process.env.BENCH_FANOUT_SUBSCRIBERS ?? 1000);
const SOCKETS = Math.min(SUBSCRIBERS, Number(process.env.BENCH_FANOUT_SOCKETS ?? 1000));
const STEPS = Number(process.env.BENCH_FANOUT_STEPS ?? 20);
const LATENCY = Number(process.env.BENCH_FANOUT_LATENCY_MS ?? 50);
const GATE = Number(process.env.BENCH_FANOUT_GATE_MS ?? 5000);
/** Events from seq FIRST on are measured: 1 and 2 (run running, gate running) come before subscribing. */
const FIRST = 3;
const MEASURED = 2 * STEPS + 2;
const QUERY = "subscription ($id: String!) { workflowRun(id: $id) { seq kind runId status stepId at } }";

interface RunEvent {
  seq: number;
  kind: string;
  runId: string;
  status: string;
  stepId: string | null;
  at: string;
}

// ---- the baseline server (child process) ----------------------------------------------------
function serveBare(): void {
  const pubsub = createPubSub<{ workflowRun: [runId: string, event: RunEvent] }>();
  const str = { type: GraphQLString };
  const Event = new GraphQLObjectType({
    name: "WorkflowRunEvent",
    fields: { seq: { type: new GraphQLNonNull(GraphQLInt) }, kind: str, runId: { type: GraphQLID }, status: str, stepId: str, at: str },
  });
  const workflowRun: GraphQLFieldConfig<unknown, unknown, { id: string }> = {
    type: Event,
    args: { id: { type: new GraphQLNonNull(GraphQLString) } },
    subscribe: (_r, { id }) => pubsub.subscribe("workflowRun", id),
    resolve: (e) => e,
  };
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: "Query", fields: { ok: { type: GraphQLString, resolve: () => "ok" } } }),
    subscription: new GraphQLObjectType({ name: "Subscription", fields: { workflowRun } }),
  });
  // The engine's pattern: at each step boundary the step's `succeeded`, then the next one's `running`.
  async function publish(runId: string) {
    let seq = FIRST - 1;
    const pub = (kind: string, status: string, stepId: string | null) =>
      pubsub.publish("workflowRun", runId, { seq: ++seq, kind, runId, status, stepId, at: new Date().toISOString() });
    for (let k = 0; k <= STEPS; k++) {
      if (k > 0) await sleep(LATENCY);
      pub("step", "succeeded", k === 0 ? "gate" : `s${k}`);
      if (k < STEPS) pub("step", "running", `s${k + 1}`);
      else pub("run", "succeeded", null);
    }
  }
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method === "POST" && url.pathname === "/fire") {
      void publish(url.searchParams.get("id") ?? "run");
      res.writeHead(202).end();
    } else res.writeHead(404).end();
  });
  useServer({ schema }, new WebSocketServer({ server, path: "/graphql" }));
  server.listen(0, "127.0.0.1", () => console.log(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  process.once("SIGTERM", () => server.close(() => process.exit(0)));
}

// ---- the subscribers -----------------------------------------------------------------------
interface Target {
  name: string;
  url: string;
  /** Starts what will publish; resolves with the run id to subscribe to. */
  start(): Promise<string>;
  /** Makes the measured events happen (Baton: nothing, the gate step ends by itself). */
  fire(runId: string): Promise<void>;
}

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`POST ${url} → ${res.status}: ${text.slice(0, 500)}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

async function connectAll(url: string): Promise<Client[]> {
  const wsUrl = `${url.replace(/^http/, "ws")}/graphql`;
  const clients: Client[] = [];
  // 50 handshakes at a time: the server's accept backlog and the connection_init timeout (3 s)
  // must not see a thousand at once.
  for (let i = 0; i < SOCKETS; i += 50) {
    const batch = Array.from({ length: Math.min(50, SOCKETS - i) }, () => {
      return new Promise<Client>((resolve, reject) => {
        const client: Client = createClient({
          url: wsUrl,
          webSocketImpl: WebSocket,
          lazy: false,
          retryAttempts: 0,
          on: { connected: () => resolve(client), error: reject },
          onNonLazyError: reject,
        });
      });
    });
    clients.push(...(await Promise.all(batch)));
  }
  return clients;
}

async function measure(target: Target) {
  const t0 = performance.now();
  const clients = await connectAll(target.url);
  const connectMs = performance.now() - t0;
  const started = performance.now();
  const runId = await target.start();
  const delays = new Float64Array(SUBSCRIBERS * MEASURED);
  let n = 0;
  let errors = 0;
  const got = new Int32Array(SUBSCRIBERS);
  const lastAt = new Map<number, number>(); // seq → latest receipt (all subscribers)
  let done = 0;
  let allDone: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    allDone = resolve;
  });
  const t1 = performance.now();
  for (let s = 0; s < SUBSCRIBERS; s++) {
    (clients[s % SOCKETS] as Client).subscribe<{ workflowRun: RunEvent }>(
      { query: QUERY, variables: { id: runId } },
      {
        next: ({ data }) => {
          const now = performance.timeOrigin + performance.now();
          const e = data?.workflowRun;
          if (!e || e.seq < FIRST) return;
          delays[n++] = now - Date.parse(e.at);
          got[s] = (got[s] ?? 0) + 1;
          lastAt.set(e.seq, Math.max(lastAt.get(e.seq) ?? 0, now - Date.parse(e.at)));
          if (e.kind === "run" && ++done === SUBSCRIBERS) allDone();
        },
        error: () => {
          errors++;
        },
        complete: () => undefined,
      },
    );
  }
  const subscribeMs = performance.now() - t1;
  const wait = GATE - (performance.now() - started);
  if (wait < 500) console.warn(`  ${target.name}: subscribing took most of the gate (${GATE} ms); raise BENCH_FANOUT_GATE_MS`);
  await sleep(Math.max(0, wait));
  await target.fire(runId);
  const limit = STEPS * LATENCY + 60_000;
  const timedOut = await Promise.race([finished.then(() => false), sleep(limit).then(() => true)]);
  await Promise.all(clients.map((c) => c.dispose()));
  const incomplete = got.filter((g) => g !== MEASURED).length;
  if (timedOut || incomplete > 0 || errors > 0)
    throw new Error(
      `${target.name}: ${incomplete} of ${SUBSCRIBERS} subscribers missed events, ${errors} errors${timedOut ? `, not done within ${limit} ms` : ""}`,
    );
  const sorted = delays.slice(0, n).sort();
  const pct = (p: number) => sorted[Math.min(n - 1, Math.floor((p / 100) * n))] ?? Number.NaN;
  return {
    pairs: n,
    p50: pct(50),
    p99: pct(99),
    max: sorted[n - 1] ?? Number.NaN,
    lastMedian: median([...lastAt.values()]),
    connectMs,
    subscribeMs,
  };
}

async function main() {
  console.log(
    `workflow fan-out — ${SUBSCRIBERS} subscribers on ${SOCKETS} sockets, ${MEASURED} events each (${STEPS} mock steps of ${LATENCY} ms after a ${GATE} ms gate)`,
  );
  console.log(machine());

  const bare = await spawnServer("workflow-fanout.ts", { BENCH_FANOUT_ROLE: "bare" });
  let bareStart = 0;
  const bareResult = await measure({
    name: "bare graphql-ws",
    url: bare.url,
    start: async () => {
      bareStart = performance.now();
      return "bench-run";
    },
    fire: async (runId) => {
      await sleep(Math.max(0, GATE - (performance.now() - bareStart)));
      await post(`${bare.url}/fire?id=${runId}`, {});
    },
  }).finally(() => stopChild(bare.child));

  const dir = mkdtempSync(join(tmpdir(), "baton-bench-fanout-"));
  const baton = await spawnBaton({ DATABASE_URL: `file:${join(dir, "baton.db")}`, BATON_SEED: "auto" });
  let batonResult: Awaited<ReturnType<typeof measure>>;
  try {
    await post(`${baton.url}/agents`, {
      name: "FanoutMock",
      description: "Mock for the fan-out bench.",
      capabilities: ["bench"],
      tools: ["Read"],
      coordination_patterns: ["sequential"],
      runner: { kind: "mock", settings: { latency_ms: 0 } },
    });
    const mock = (id: string, ms: number) => ({ id, agent: "FanoutMock", input: { __mock: { latency_ms: ms } } });
    const steps = [mock("gate", GATE), ...Array.from({ length: STEPS }, (_, i) => mock(`s${i + 1}`, LATENCY))];
    const wf = await post(`${baton.url}/workflows`, { name: "fanout", steps });
    batonResult = await measure({
      name: "Baton",
      url: baton.url,
      start: async () => String((await post(`${baton.url}/workflows/${wf.id}/execute`, {})).id),
      fire: async () => undefined,
    });
  } finally {
    await baton.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const f = (x: number) => x.toFixed(1);
  const rows = [["target", "pairs", "p50 ms", "p99 ms", "max ms", "all got it, median ms", "connect ms", "subscribe ms"]];
  for (const [name, r] of [
    ["baseline: bare graphql-ws + createPubSub", bareResult],
    ["Baton workflowRun(id)", batonResult],
  ] as const)
    rows.push([name, String(r.pairs), f(r.p50), f(r.p99), f(r.max), f(r.lastMedian), f(r.connectMs), f(r.subscribeMs)]);
  console.log(table(rows));
  console.log(
    `  Baton vs baseline: p50 ${(batonResult.p50 / bareResult.p50).toFixed(2)}x, p99 ${(batonResult.p99 / bareResult.p99).toFixed(2)}x; goal p99 ≤ 100 ms: ${batonResult.p99 <= 100 ? "met" : "not met"}`,
  );
  console.log("  all got it = per event, the delay of its last subscriber; connect = sockets open and acknowledged");
}

if (process.env.BENCH_FANOUT_ROLE === "bare") serveBare();
else await main();
