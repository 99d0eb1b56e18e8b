// Figures (issue 15 §3, §4): start-up and memory of the production start.
// - start → first 200: `node server/scripts/start.mjs` (what `npm start` runs; the compiled build
//   current beforehand, an existing seeded database) polled with GET /agents, against a bare
//   graphql-yoga {hello} started the same way (compiled JavaScript run by plain node).
// - RSS idle (5 s after the first 200): Baton against a bare yoga + graphql-ws server, on the
//   existing database (the goal) and after a first start that migrates and seeds (reported).
// - RSS after 100,000 executions ingested (POST /executions, arrays of 1,000) and with 1,000
//   graphql-ws subscribers of executionEvents open.
// Env: BENCH_STARTUP_REPS (default 5), BENCH_INGEST (default 100000), BENCH_SUBSCRIBERS (1000).
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { transformSync } from "esbuild";
import WebSocket from "ws";
import { executionRows } from "./lib/execution-rows.js";
import { freePort, machine, median, pollUntil200, root, sleep, stopChild, table } from "./lib/harness.js";

const reps = Number(process.env.BENCH_STARTUP_REPS ?? 5);
const ingest = Number(process.env.BENCH_INGEST ?? 100_000);
const subscribers = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);

const dir = mkdtempSync(join(tmpdir(), "baton-start-memory-"));
const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? Number.NaN) / 1024;

// The baselines as plain JavaScript, like the compiled Baton.
const baselineSource = (ws: boolean) => `
import { createServer } from "node:http";
import { createSchema, createYoga } from "graphql-yoga";
${ws ? 'import { WebSocketServer } from "ws"; import { useServer } from "graphql-ws/use/ws";' : ""}
const yoga = createYoga({
  schema: createSchema({
    typeDefs: "type Query { hello: String } type Subscription { tick: Int }",
    resolvers: { Query: { hello: () => "world" }, Subscription: { tick: { subscribe: async function* () {} } } },
  }),
  logging: false,
});
const server = createServer(yoga);
${ws ? 'useServer({ schema: yoga.getEnveloped().schema }, new WebSocketServer({ server, path: "/graphql" }));' : ""}
server.listen(Number(process.env.PORT), "127.0.0.1");
process.once("SIGTERM", () => process.exit(0));
`;
const baseline = (ws: boolean) => {
  // Beside bench/ so it resolves the repository's node_modules.
  const file = join(root, "bench", `.baseline-${ws ? "ws" : "http"}-${process.pid}.mjs`);
  writeFileSync(file, transformSync(baselineSource(ws), { format: "esm", loader: "ts" }).code);
  return file;
};
const files = [baseline(false), baseline(true)];

async function startOnce(kind: "yoga" | "yoga+ws" | "baton", db: string) {
  const port = await freePort();
  const t0 = performance.now();
  const child =
    kind === "baton"
      ? spawnNode([join("server", "scripts", "start.mjs")], {
          PORT: String(port),
          HOST: "127.0.0.1",
          DATABASE_URL: `file:${db}`,
          LOG_LEVEL: "silent",
        })
      : spawnNode([files[kind === "yoga" ? 0 : 1] as string], { PORT: String(port) });
  child.stdout?.resume();
  child.stderr?.resume();
  const url =
    kind === "baton" ? `http://127.0.0.1:${port}/agents` : `http://127.0.0.1:${port}/graphql?query=%7Bhello%7D`;
  const t1 = await pollUntil200(url, { intervalMs: 20, timeoutMs: 60_000, child });
  return { child, ms: t1 - t0, base: `http://127.0.0.1:${port}` };
}

/** Plain node, no tsx loader: as `npm start` runs (and the baselines alike). */
const spawnNode = (args: string[], env: Record<string, string>) =>
  spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });

const post = (url: string, body: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

try {
  execFileSync(process.execPath, [join(root, "server/scripts/build-server.mjs")], { stdio: "inherit" });
  const db = join(dir, "baton.db");
  // Migrated and seeded once: the figure is a start on an existing database.
  await stopChild((await startOnce("baton", db)).child);
  console.log("start-memory: npm start's compiled server vs bare graphql-yoga, same run");
  console.log(`  ${machine()}`);
  const times = { yoga: [] as number[], baton: [] as number[] };
  for (let rep = 0; rep <= reps; rep++) {
    const y = await startOnce("yoga", db);
    await stopChild(y.child);
    const b = await startOnce("baton", db);
    await stopChild(b.child);
    if (rep > 0) {
      times.yoga.push(y.ms);
      times.baton.push(b.ms);
    }
  }
  const startRatio = median(times.baton) / median(times.yoga);

  const yw = await startOnce("yoga+ws", db);
  await sleep(5000);
  const yogaRss = rssMb(yw.child.pid as number);
  await stopChild(yw.child);
  // Idle on the existing database (every start but the first: nothing but the first GET /agents,
  // which the registry read model answers without Prisma).
  const existing = await startOnce("baton", db);
  await sleep(5000);
  const idleExistingRss = rssMb(existing.child.pid as number);
  await stopChild(existing.child);
  // Idle after a first start (a fresh database migrated and seeded through Prisma, whose query
  // compiler then stays loaded); the same server then ingests and takes the subscribers.
  const baton = await startOnce("baton", join(dir, "memory.db"));
  const pid = baton.child.pid as number;
  await sleep(5000);
  const idleRss = rssMb(pid);
  for (let i = 0; i < ingest; i += 1000) {
    const rows = executionRows(Math.min(1000, ingest - i), `m${i}-`, Date.now() - 86_400_000, 86_400_000, i + 1);
    const res = await post(`${baton.base}/executions`, rows);
    if (res.status !== 201) throw new Error(`ingest answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  }
  await sleep(2000);
  const ingestedRss = rssMb(pid);
  const sockets: WebSocket[] = [];
  const ws = baton.base.replace(/^http/, "ws");
  for (let i = 0; i < subscribers; i++) {
    const socket = new WebSocket(`${ws}/graphql`, "graphql-transport-ws");
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("error", reject);
      socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init" })));
      socket.on("message", (m: Buffer) => {
        if ((JSON.parse(m.toString()) as { type: string }).type !== "connection_ack") return;
        socket.send(
          JSON.stringify({ id: "1", type: "subscribe", payload: { query: "subscription { executionEvents { id } }" } }),
        );
        resolve();
      });
    });
  }
  await sleep(3000);
  const subscribedRss = rssMb(pid);
  for (const s of sockets) s.terminate();
  await stopChild(baton.child);

  const mb = (v: number) => v.toFixed(0);
  console.log(
    `\n${table([
      ["figure", "Baton", "baseline (same run)", "ratio", "goal"],
      [
        "npm start → first 200 (existing db), median ms",
        mb(median(times.baton)),
        `bare yoga ${mb(median(times.yoga))}`,
        `${startRatio.toFixed(2)}x`,
        `≤ 2x ${startRatio <= 2 ? "met" : "not met"}`,
      ],
      [
        "RSS idle, existing db, MB",
        mb(idleExistingRss),
        `bare yoga + graphql-ws ${mb(yogaRss)}`,
        `${(idleExistingRss / yogaRss).toFixed(2)}x`,
        `≤ 2x ${idleExistingRss / yogaRss <= 2 ? "met" : "not met"}`,
      ],
      [
        "RSS idle after a first start (migrate + seed), MB",
        mb(idleRss),
        `bare yoga + graphql-ws ${mb(yogaRss)}`,
        `${(idleRss / yogaRss).toFixed(2)}x`,
        "report",
      ],
      [`RSS after ${ingest} executions ingested, MB`, mb(ingestedRss), "", "", "report"],
      [`RSS with ${subscribers} subscribers too, MB`, mb(subscribedRss), "", "", "report"],
    ])}`,
  );
  console.log(
    `  load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
} finally {
  for (const f of files) rmSync(f, { force: true });
  rmSync(dir, { recursive: true, force: true });
}
