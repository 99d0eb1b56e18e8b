// Subscriber burst: BENCH_BURST_SUBSCRIBERS (default 500) graphql-ws subscribers of
// `executionEvents`, one socket each, BENCH_BURST_SLOW (default 10) of them slow readers (their TCP
// socket is paused when the burst starts, so the server's writes back up, and resumed
// BENCH_BURST_PAUSE_MS after the burst's last POST); then BENCH_BURST_BATCHES (10) batch
// `POST /executions` of BENCH_BURST_ROWS (1,000) rows, one after the other. Measured: sockets
// closed, rows delivered vs expected (every subscriber matches every row), resync markers, the
// burst's duration, and the latency of `GET /agents?limit=1` sent every 50 ms during the burst and
// the delivery that follows it. Baselines (same run, same server, same open subscribers): the same
// probe while nothing is published (idle), and the same burst's POSTs with no subscriber
// listening (a second, fresh Baton), so figures read as ratios.
// The subscribers are raw `ws` sockets speaking graphql-transport-ws (no graphql-ws client, no
// JSON.parse of `next` frames: rows are counted by scanning the text), so the load generator costs
// the shared CPU as little as possible.
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { executionRows } from "./lib/execution-rows.js";
import { machine, median, sleep, table } from "./lib/harness.js";
import { spawnBaton } from "./lib/spawn-baton.js";

const SUBSCRIBERS = Number(process.env.BENCH_BURST_SUBSCRIBERS ?? 500);
const SLOW = Math.min(SUBSCRIBERS, Number(process.env.BENCH_BURST_SLOW ?? 10));
const BATCHES = Number(process.env.BENCH_BURST_BATCHES ?? 10);
const ROWS = Number(process.env.BENCH_BURST_ROWS ?? 1000);
const PAUSE_MS = Number(process.env.BENCH_BURST_PAUSE_MS ?? 20_000);
/** How long delivery may go on after the last POST before the figures are taken. */
const DRAIN_LIMIT_MS = Number(process.env.BENCH_BURST_DRAIN_MS ?? 120_000);
const FIELDS = "kind execution { id agentName status timestamp durationMs parentExecutionId }";
/** BENCH_BURST_STREAM: executionChanges (one message per batch, default) or executionEvents (one per row). */
const STREAM = process.env.BENCH_BURST_STREAM === "executionEvents" ? "executionEvents" : "executionChanges";
const QUERY =
  STREAM === "executionEvents"
    ? `subscription { executionEvents { ${FIELDS} } }`
    : `subscription { executionChanges { resync events { ${FIELDS} } } }`;

interface Subscriber {
  socket: WebSocket;
  slow: boolean;
  /** `next` frames and the executions in them (`"id":` occurrences inside `execution(s)`). */
  frames: number;
  rows: number;
  resyncs: number;
  /** Rows counted after the last resync marker. */
  rowsAfterResync: number;
  closed: { code: number; at: number } | null;
  acked: Promise<void>;
  lastAt: number;
}

/** Counts executions in a `next` frame's text: each carries `"status":`, the frame's own id does not. */
function countRows(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"status":'); i !== -1; i = text.indexOf('"status":', i + 9)) n++;
  return n;
}

function open(url: string, slow: boolean): Subscriber {
  const socket = new WebSocket(`${url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws", {
    headers: { origin: url },
  });
  let ack: () => void = () => undefined;
  let fail: (e: Error) => void = () => undefined;
  const sub: Subscriber = {
    socket,
    slow,
    frames: 0,
    rows: 0,
    resyncs: 0,
    rowsAfterResync: 0,
    closed: null,
    lastAt: 0,
    acked: new Promise<void>((resolve, reject) => {
      ack = resolve;
      fail = reject;
    }),
  };
  socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init" })));
  socket.on("error", (e) => fail(e));
  socket.on("close", (code) => {
    sub.closed = { code, at: performance.now() };
    fail(new Error(`closed ${code}`));
  });
  socket.on("message", (data: Buffer) => {
    const text = data.toString("utf8");
    sub.lastAt = performance.now();
    if (text.startsWith('{"id":"1","type":"next"')) {
      sub.frames++;
      const rows = countRows(text);
      sub.rows += rows;
      if (text.includes('"resync":true')) {
        sub.resyncs++;
        sub.rowsAfterResync = 0;
      } else sub.rowsAfterResync += rows;
      return;
    }
    const type = (JSON.parse(text) as { type: string }).type;
    if (type === "connection_ack") {
      socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: QUERY } }));
      ack();
    } else if (type === "ping") socket.send(JSON.stringify({ type: "pong" }));
    else if (type === "error" && text.includes("RESYNC")) {
      // executionEvents ends a subscriber that fell too far behind: it subscribes again.
      sub.resyncs++;
      sub.rowsAfterResync = 0;
      socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: QUERY } }));
    } else if (type === "error" || type === "complete") console.error(`subscription ended: ${text.slice(0, 300)}`);
  });
  return sub;
}

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/executions`,
      {
        method: "POST",
        agent: false,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** One small request, timed; a failure or a 30 s wait counts as 30 s. */
function probe(url: string): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = request(`${url}/agents?limit=1`, { agent: false, timeout: 30_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve(performance.now() - t0));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve(30_000));
    req.end();
  });
}

/** Probes every 50 ms until `stop()`; the latencies. */
function prober(url: string) {
  const latencies: number[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      latencies.push(await probe(url));
      await sleep(50);
    }
  })();
  return {
    latencies,
    stop: async () => {
      running = false;
      await done;
      return latencies;
    },
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "–");

function bodies(prefix: string): string[] {
  const from = Date.now() - 3_600_000;
  return Array.from({ length: BATCHES }, (_, b) =>
    JSON.stringify(executionRows(ROWS, `${prefix}-${b}-`, from + b * 60_000, 60_000, b + 1)),
  );
}

async function burst(url: string, prefix: string): Promise<{ ms: number; statuses: number[] }> {
  const payloads = bodies(prefix);
  const t0 = performance.now();
  const statuses: number[] = [];
  for (const body of payloads) statuses.push(await post(url, body));
  return { ms: performance.now() - t0, statuses };
}

console.log(machine());
console.log(
  `${SUBSCRIBERS} subscribers of ${STREAM} (${SLOW} slow: paused during the burst, resumed ${PAUSE_MS} ms after it), ` +
    `${BATCHES} batches × ${ROWS} rows`,
);
const dir = mkdtempSync(join(tmpdir(), "baton-burst-"));
const servers: { stop(): Promise<void> }[] = [];
try {
  // Baseline 1: the burst with nobody listening (executionEvents is not even built then).
  const quiet = await spawnBaton({ DATABASE_URL: `file:${join(dir, "quiet.db")}`, BATON_SEED: "auto" });
  servers.push(quiet);
  await burst(quiet.url, "warm");
  const quietBurst = await burst(quiet.url, "q");
  await quiet.stop();
  servers.pop();

  const baton = await spawnBaton({ DATABASE_URL: `file:${join(dir, "baton.db")}`, BATON_SEED: "auto" });
  servers.push(baton);
  await burst(baton.url, "warm");
  const subs: Subscriber[] = [];
  for (let i = 0; i < SUBSCRIBERS; i += 50) {
    const group = Array.from({ length: Math.min(50, SUBSCRIBERS - i) }, (_, k) =>
      open(baton.url, i + k >= SUBSCRIBERS - SLOW),
    );
    await Promise.all(group.map((s) => s.acked));
    subs.push(...group);
  }
  // Live once every subscriber has seen a probe row.
  for (let attempt = 0; attempt < 100 && subs.some((s) => s.rows === 0); attempt++) {
    await post(baton.url, JSON.stringify({ agent_name: "TestAgent", status: "success" }));
    await sleep(100);
  }
  if (subs.some((s) => s.rows === 0)) throw new Error("subscriptions did not become live");
  // Until the last probe has reached everyone (1 s without a frame).
  while (performance.now() - Math.max(...subs.map((s) => s.lastAt)) < 1000) await sleep(100);
  for (const s of subs) {
    s.rows = 0;
    s.frames = 0;
  }

  // Baseline 2: the probe while the subscribers are open and nothing is published.
  const idle = prober(baton.url);
  await sleep(3000);
  const idleLatencies = await idle.stop();

  for (const s of subs) if (s.slow) (s.socket as unknown as { _socket: { pause(): void } })._socket.pause();
  const during = prober(baton.url);
  const t0 = performance.now();
  const loud = await burst(baton.url, "b");
  const expected = BATCHES * ROWS;
  const resumeAt = performance.now() + PAUSE_MS;
  let resumed = false;
  let deliveredAt = Number.NaN;
  const deadline = performance.now() + DRAIN_LIMIT_MS;
  // Until every open subscriber has every row or a resync marker and has been quiet for 3 s.
  while (performance.now() < deadline) {
    if (!resumed && performance.now() >= resumeAt) {
      for (const s of subs) if (s.slow) (s.socket as unknown as { _socket: { resume(): void } })._socket.resume();
      resumed = true;
    }
    const open = subs.filter((s) => !s.closed);
    const settled = open.every((s) => s.rows >= expected || s.resyncs > 0);
    const quietFor = performance.now() - Math.max(...open.map((s) => s.lastAt));
    if (resumed && settled && quietFor > 3000) break;
    if (Number.isNaN(deliveredAt) && open.filter((s) => !s.slow).every((s) => s.rows >= expected))
      deliveredAt = performance.now() - t0;
    await sleep(100);
  }
  const duringLatencies = await during.stop();

  const fast = subs.filter((s) => !s.slow);
  const slow = subs.filter((s) => s.slow);
  const closed = subs.filter((s) => s.closed);
  const codes = new Map<number, number>();
  for (const s of closed) codes.set(s.closed?.code ?? 0, (codes.get(s.closed?.code ?? 0) ?? 0) + 1);
  const sum = (xs: Subscriber[], f: (s: Subscriber) => number) => xs.reduce((a, s) => a + f(s), 0);

  console.log("\nburst");
  console.log(
    table([
      ["", "ms", "POST statuses"],
      ["baseline: burst, nobody subscribed", ms(quietBurst.ms), [...new Set(quietBurst.statuses)].join(",")],
      [`burst, ${SUBSCRIBERS} subscribed`, ms(loud.ms), [...new Set(loud.statuses)].join(",")],
      ["… ratio", `${(loud.ms / quietBurst.ms).toFixed(2)}×`, ""],
      ["every fast subscriber had every row, after", ms(deliveredAt), ""],
    ]),
  );
  console.log("\nsubscribers");
  console.log(
    table([
      ["", "count", "closed", "rows received", "rows expected", "frames", "with resync", "rows after resync"],
      ...[
        ["fast", fast],
        ["slow (paused)", slow],
      ].map(([name, xs]) => {
        const list = xs as Subscriber[];
        return [
          name as string,
          String(list.length),
          String(list.filter((s) => s.closed).length),
          String(sum(list, (s) => s.rows)),
          String(list.length * expected),
          String(sum(list, (s) => s.frames)),
          String(list.filter((s) => s.resyncs > 0).length),
          String(sum(list, (s) => (s.resyncs > 0 ? s.rowsAfterResync : 0))),
        ];
      }),
    ]),
  );
  console.log(`close codes: ${[...codes].map(([c, n]) => `${c} × ${n}`).join(", ") || "none"}`);
  console.log(`fast subscribers missing rows: ${fast.filter((s) => s.rows < expected && s.resyncs === 0).length}`);
  console.log(`fast subscribers with more rows than sent: ${fast.filter((s) => s.rows > expected).length}`);

  console.log("\nGET /agents?limit=1 (every 50 ms)");
  console.log(
    table([
      ["", "n", "p50 ms", "p99 ms", "max ms"],
      [
        "baseline: idle, subscribers open",
        String(idleLatencies.length),
        ms(median(idleLatencies)),
        ms(pct(idleLatencies, 99)),
        ms(Math.max(...idleLatencies)),
      ],
      [
        "during burst and delivery",
        String(duringLatencies.length),
        ms(median(duringLatencies)),
        ms(pct(duringLatencies, 99)),
        ms(Math.max(...duringLatencies)),
      ],
      [
        "… ratio",
        "",
        `${(median(duringLatencies) / median(idleLatencies)).toFixed(1)}×`,
        `${(pct(duringLatencies, 99) / pct(idleLatencies, 99)).toFixed(1)}×`,
        "",
      ],
    ]),
  );
  for (const s of subs) s.socket.terminate();
} finally {
  for (const s of servers) await s.stop();
  rmSync(dir, { recursive: true, force: true });
}
