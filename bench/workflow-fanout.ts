// Subscription fan-out: BENCH_FANOUT_SUBSCRIBERS (default 1,000) graphql-ws subscribers on one
// run's `workflowRun(id)`, over BENCH_FANOUT_SOCKETS sockets (default 1,000: one each, the
// realistic case), all in this process; the server is a child. Each run is a gate step (mock
// latency BENCH_FANOUT_GATE_MS, default 5 s, time to subscribe everyone), then BENCH_FANOUT_STEPS
// (20) mock steps of BENCH_FANOUT_LATENCY_MS (50). Measured: every event from the gate's
// SUCCEEDED on (2 × steps + 2 = 42) at every subscriber; delay = receipt time − the event's `at`
// (one machine, one clock; `at` has ms precision, so a delay reads up to 1 ms high). Goal: p99 ≤
// 100 ms. One cold round (the server's first run), then BENCH_FANOUT_WARM (2) rounds pooled, on
// the same sockets with new subscriptions. Every subscriber must get every measured event.
// Baseline (same run): a bare graphql-ws server (graphql-ws useServer + graphql-js + yoga's
// in-memory createPubSub, which Baton also uses; no yoga/envelop/Pothos, no engine, no database),
// spawned the same way (this file with BENCH_FANOUT_ROLE=bare), publishing the same 42 events
// with the same fields at the same pace (two at each step boundary) to the same subscribers.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GraphQLID, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import { type Client, createClient } from "graphql-ws";
import { useServer as attachGraphqlWs } from "graphql-ws/use/ws";
import { createPubSub } from "graphql-yoga";
import WebSocket, { WebSocketServer } from "ws";
import { machine, median, sleep, spawnServer, stopChild, table } from "./lib/harness.js";
import { spawnBaton } from "./lib/spawn-baton.js";

const SUBSCRIBERS = Number(process.env.BENCH_FANOUT_SUBSCRIBERS ?? 1000);
const SOCKETS = Math.min(SUBSCRIBERS, Number(process.env.BENCH_FANOUT_SOCKETS ?? 1000));
const STEPS = Number(process.env.BENCH_FANOUT_STEPS ?? 20);
const LATENCY = Number(process.env.BENCH_FANOUT_LATENCY_MS ?? 50);
const GATE = Number(process.env.BENCH_FANOUT_GATE_MS ?? 5000);
const WARM = Math.max(1, Number(process.env.BENCH_FANOUT_WARM ?? 2));
/** Events from seq FIRST on are measured: 1 and 2 (run running, gate running) come before subscribing. */
const FIRST = 3;
const MEASURED = 2 * STEPS + 2;
const QUERY = "subscription ($id: ID!) { workflowRun(id: $id) { seq kind runId runStatus stepStatus stepId at } }";

type RunEvent = {
  seq: number;
  kind: "RUN" | "STEP";
  runId: string;
  runStatus: string | null;
  stepStatus: string | null;
  stepId: string | null;
  at: string;
};

// ---- the baseline server (child process) ----------------------------------------------------
function serveBare(): void {
  const pubsub = createPubSub<{ workflowRun: [runId: string, event: RunEvent] }>();
  const [str, int] = [{ type: GraphQLString }, { type: new GraphQLNonNull(GraphQLInt) }];
  const fields = { seq: int, kind: str, runId: str, runStatus: str, stepStatus: str, stepId: str, at: str };
  const Event = new GraphQLObjectType({ name: "WorkflowRunEvent", fields });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: "Query", fields: { ok: str } }),
    subscription: new GraphQLObjectType({
      name: "Subscription",
      fields: {
        workflowRun: {
          type: Event,
          args: { id: { type: new GraphQLNonNull(GraphQLID) } },
          subscribe: (_r, args: { id: string }) => pubsub.subscribe("workflowRun", args.id),
          resolve: (e: RunEvent) => e,
        },
      },
    }),
  });
  // The engine's pattern: at each step boundary the step's `succeeded`, then the next one's `running`.
  async function publish(runId: string) {
    let seq = FIRST - 1;
    const pub = (kind: RunEvent["kind"], status: string, stepId: string | null) =>
      pubsub.publish("workflowRun", runId, {
        seq: ++seq,
        kind,
        runId,
        runStatus: kind === "RUN" ? status : null,
        stepStatus: kind === "STEP" ? status : null,
        stepId,
        at: new Date().toISOString(),
      });
    for (let k = 0; k <= STEPS; k++) {
      if (k > 0) await sleep(LATENCY);
      pub("STEP", "SUCCEEDED", k === 0 ? "gate" : `s${k}`);
      if (k < STEPS) pub("STEP", "RUNNING", `s${k + 1}`);
      else pub("RUN", "SUCCEEDED", null);
    }
  }
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method === "POST" && url.pathname === "/fire") void publish(url.searchParams.get("id") ?? "run");
    res.writeHead(url.pathname === "/fire" ? 202 : 404).end();
  });
  attachGraphqlWs({ schema }, new WebSocketServer({ server, path: "/graphql" }));
  server.listen(0, "127.0.0.1", () => console.log(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  process.once("SIGTERM", () => server.close(() => process.exit(0)));
}

// ---- the subscribers -----------------------------------------------------------------------
interface Target {
  name: string;
  url: string;
  pid: number | undefined;
  /** Starts what will publish; resolves with the run id to subscribe to. */
  start(): Promise<string>;
  /** Makes the measured events happen (Baton: nothing, the gate step ends by itself). */
  fire(runId: string): Promise<void>;
}

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  // Baton refuses writes without a JSON body type (415).
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`POST ${url} → ${res.status}: ${text.slice(0, 500)}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Opens the sockets 50 at a time (accept backlog, 3 s connection_init timeout) until each is acknowledged. */
async function connectAll(url: string): Promise<Client[]> {
  const clients: Client[] = [];
  for (let i = 0; i < SOCKETS; i += 50) {
    const batch = Array.from({ length: Math.min(50, SOCKETS - i) }, () => {
      return new Promise<Client>((resolve, reject) => {
        const client: Client = createClient({
          url: `${url.replace(/^http/, "ws")}/graphql`,
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

/** CPU seconds (user + system) a process has used so far, from /proc (Linux; NaN elsewhere). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, USER_HZ = 100
  } catch {
    return Number.NaN;
  }
}

interface Round {
  delays: Float64Array;
  /** Per event, the delay of its first and of its last subscriber. */
  first: number[];
  last: number[];
  clientCpuMs: number;
  serverCpuMs: number;
}

/** One run: subscribe everyone, let the gate pass, collect the measured events, unsubscribe. */
async function round(target: Target, clients: Client[]): Promise<Round> {
  const started = performance.now();
  const runId = await target.start();
  const delays = new Float64Array(SUBSCRIBERS * MEASURED);
  const got = new Int32Array(SUBSCRIBERS);
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let [n, errors, done] = [0, 0, 0];
  let allDone: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    allDone = resolve;
  });
  const unsubscribe = Array.from({ length: SUBSCRIBERS }, (_, s) =>
    (clients[s % SOCKETS] as Client).subscribe<{ workflowRun: RunEvent }>(
      { query: QUERY, variables: { id: runId } },
      {
        next: ({ data }) => {
          const now = performance.timeOrigin + performance.now();
          const e = data?.workflowRun;
          if (!e || e.seq < FIRST) return;
          const delay = now - Date.parse(e.at);
          delays[n++] = delay;
          got[s] = (got[s] ?? 0) + 1;
          if (!first.has(e.seq)) first.set(e.seq, delay);
          last.set(e.seq, delay);
          if (e.kind === "RUN" && ++done === SUBSCRIBERS) allDone();
        },
        error: () => void errors++,
        complete: () => undefined,
      },
    ),
  );
  const wait = GATE - (performance.now() - started);
  if (wait < 1000) console.warn(`  ${target.name}: subscribing took most of the gate; raise BENCH_FANOUT_GATE_MS`);
  await sleep(Math.max(0, wait));
  const [cpu0, server0] = [process.cpuUsage(), cpuSeconds(target.pid)];
  await target.fire(runId);
  const limit = STEPS * LATENCY + 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), limit);
  });
  const timedOut = await Promise.race([finished.then(() => false), timeout]);
  clearTimeout(timer);
  const cpu = process.cpuUsage(cpu0);
  const serverCpuMs = (cpuSeconds(target.pid) - server0) * 1000;
  for (const u of unsubscribe) u();
  const incomplete = got.filter((g) => g !== MEASURED).length;
  if (timedOut || incomplete > 0 || errors > 0)
    throw new Error(`${target.name}: ${incomplete} of ${SUBSCRIBERS} subscribers missed events, ${errors} errors`);
  const clientCpuMs = (cpu.user + cpu.system) / 1000;
  return { delays, first: [...first.values()], last: [...last.values()], clientCpuMs, serverCpuMs };
}

type Summary = ReturnType<typeof summary>;

function summary(rounds: Round[]) {
  const sorted = Float64Array.from(rounds.flatMap((r) => [...r.delays])).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
  const events = rounds.length * MEASURED;
  const perEvent = (f: (r: Round) => number) => rounds.reduce((a, r) => a + f(r), 0) / events;
  const [first, last] = [median(rounds.flatMap((r) => r.first)), median(rounds.flatMap((r) => r.last))];
  const [serverCpu, clientCpu] = [perEvent((r) => r.serverCpuMs), perEvent((r) => r.clientCpuMs)];
  return { pairs: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1), first, last, serverCpu, clientCpu };
}

/** Opens the sockets, runs the cold round then the warm ones on them. */
async function measure(target: Target) {
  const t0 = performance.now();
  const clients = await connectAll(target.url);
  const connectMs = performance.now() - t0;
  try {
    const cold = await round(target, clients);
    const warm: Round[] = [];
    for (let i = 0; i < WARM; i++) warm.push(await round(target, clients));
    return { connectMs, cold: summary([cold]), warm: summary(warm) };
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
  }
}

async function main() {
  console.log(
    `workflow fan-out — ${SUBSCRIBERS} subscribers on ${SOCKETS} sockets, ${MEASURED} events each (${STEPS} mock steps of ${LATENCY} ms after a ${GATE} ms gate); 1 cold round, ${WARM} warm`,
  );
  console.log(machine());

  const bare = await spawnServer("workflow-fanout.ts", { BENCH_FANOUT_ROLE: "bare" });
  let [bareStart, bareRuns] = [0, 0];
  const bareResult = await measure({
    name: "bare graphql-ws",
    url: bare.url,
    pid: bare.child.pid,
    start: async () => {
      bareStart = performance.now();
      return `run-${++bareRuns}`;
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
    const runner = { kind: "mock", settings: { latency_ms: 0 } };
    const agent = { name: "FanoutMock", description: "fan-out bench", capabilities: ["bench"], tools: ["Read"] };
    await post(`${baton.url}/agents`, { ...agent, coordination_patterns: ["sequential"], runner });
    const mock = (id: string, ms: number) => ({ id, agent: "FanoutMock", input: { __mock: { latency_ms: ms } } });
    const steps = [mock("gate", GATE), ...Array.from({ length: STEPS }, (_, i) => mock(`s${i + 1}`, LATENCY))];
    const wf = await post(`${baton.url}/workflows`, { name: "fanout", steps });
    batonResult = await measure({
      name: "Baton",
      url: baton.url,
      pid: baton.child.pid,
      start: async () => String((await post(`${baton.url}/workflows/${wf.id}/execute`, {})).id),
      fire: async () => undefined,
    });
  } finally {
    await baton.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const f = (x: number) => x.toFixed(1);
  const head = [
    "target",
    "round",
    "pairs",
    "p50 ms",
    "p99 ms",
    "max ms",
    "first ms",
    "last ms",
    "server CPU",
    "client CPU",
  ];
  const line = (name: string, label: string, s: Summary) => [
    name,
    label,
    String(s.pairs),
    ...[s.p50, s.p99, s.max, s.first, s.last, s.serverCpu, s.clientCpu].map(f),
  ];
  const [bareName, batonName, warm] = ["baseline: bare graphql-ws", "Baton workflowRun(id)", `warm ×${WARM}`];
  const body = [
    line(bareName, "cold", bareResult.cold),
    line(bareName, warm, bareResult.warm),
    line(batonName, "cold", batonResult.cold),
    line(batonName, warm, batonResult.warm),
  ];
  console.log(table([head, ...body], [0, 1]));
  for (const label of ["cold", "warm"] as const) {
    const [b, base] = [batonResult[label], bareResult[label]];
    const ratio = (x: number, y: number) => `${(x / y).toFixed(2)}x`;
    const goal = b.p99 <= 100 ? "met" : "not met";
    console.log(
      `  ${label}: Baton/baseline p50 ${ratio(b.p50, base.p50)}, p99 ${ratio(b.p99, base.p99)}; p99 ≤ 100 ms ${goal}`,
    );
  }
  console.log(
    `  sockets open + acknowledged: bare ${f(bareResult.connectMs)} ms, Baton ${f(batonResult.connectMs)} ms`,
  );
  console.log("  first / last = median over the events of the delay of its first / last subscriber");
  console.log("  CPU = ms of CPU time (user + system) per event, all subscribers, while the measured events flowed");
}

if (process.env.BENCH_FANOUT_ROLE === "bare") serveBare();
else await main();
