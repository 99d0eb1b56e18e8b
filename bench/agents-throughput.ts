// Figure: agent-list throughput. Baton's agent list over REST and GraphQL against a bare
// graphql-yoga hello-world measured in the same run. Both servers run as child processes
// (bench/serve-*.ts) so autocannon, in this process, does not compete with them for the event loop.
// Env: BENCH_SECONDS (measured run per target, default 10), BENCH_CONNECTIONS (default 10).
import autocannon from "autocannon";
import { httpOnce, machine, type Probe, spawnServer, stopChild, table } from "./lib/harness.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const warmupSeconds = 2;
if (!(seconds > 0 && seconds <= 600)) throw new Error("BENCH_SECONDS must be in (0, 600]");
if (!(Number.isInteger(connections) && connections > 0 && connections <= 100))
  throw new Error("BENCH_CONNECTIONS must be an integer in [1, 100]");

const json = { "content-type": "application/json" };
const agentsQuery = "{ agents { totalCount nodes { id name capabilities coordinationPatterns runner { kind } } } }";

interface Target {
  label: string;
  server: "hello" | "baton";
  path: string;
  probe: Probe;
  /** Checks one response body before the load run, so a broken endpoint is not benchmarked. */
  check: (body: string) => boolean;
}

/** GET /agents answers `{ agents: [...] }`. */
const agentList = (b: string) => {
  const list = JSON.parse(b) as { agents?: unknown[] };
  return Array.isArray(list.agents) && list.agents.length > 0;
};
/** The `agents` query answers a connection: `{ data: { agents: { nodes: [...] } } }`. */
const agentConnection = (b: string) => {
  const nodes = (JSON.parse(b) as { data?: { agents?: { nodes?: unknown[] } } }).data?.agents?.nodes;
  return Array.isArray(nodes) && nodes.length > 0;
};

const targets: Target[] = [
  {
    label: "baseline: bare yoga POST /graphql {hello}",
    server: "hello",
    path: "/graphql",
    probe: { method: "POST", headers: json, body: JSON.stringify({ query: "{ hello }" }) },
    check: (b) => (JSON.parse(b) as { data?: { hello?: string } }).data?.hello === "world",
  },
  {
    label: "Baton GET /agents (REST)",
    server: "baton",
    path: "/agents",
    probe: { method: "GET" },
    check: agentList,
  },
  {
    label: "Baton POST /graphql agents list",
    server: "baton",
    path: "/graphql",
    probe: { method: "POST", headers: json, body: JSON.stringify({ query: agentsQuery }) },
    check: agentConnection,
  },
  {
    label: "Baton GET /agents?capability=testing&pattern=sequential",
    server: "baton",
    path: "/agents?capability=testing&pattern=sequential",
    probe: { method: "GET" },
    check: agentList,
  },
];

function run(url: string, probe: Probe, duration: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: probe.method ?? "GET",
    headers: probe.headers,
    body: probe.body,
    connections,
    duration,
    timeout: 10,
  });
}

interface Row {
  label: string;
  rps?: number;
  p50?: number;
  p99?: number;
  note: string;
}

const servers = {
  hello: await spawnServer("serve-hello.ts"),
  baton: await spawnServer("serve-baton.ts"),
};
const rows: Row[] = [];
try {
  console.log("agents-throughput: req/s and latency of Baton's agent list vs a bare graphql-yoga hello-world");
  console.log(`  ${machine()}`);
  console.log(
    `  autocannon in the parent process, servers as child processes; ${connections} connections, ` +
      `${warmupSeconds} s warm-up (discarded) + ${seconds} s measured per target; loopback only`,
  );
  console.log(`  hello-world ${servers.hello.url}, Baton ${servers.baton.url} (fresh seeded SQLite db)\n`);

  for (const t of targets) {
    const url = `${servers[t.server].url}${t.path}`;
    const first = await httpOnce(url, t.probe, 5000).catch((e: unknown) => e as Error);
    let failure: string | undefined;
    if (first instanceof Error) failure = `probe failed: ${first.message}`;
    else if (first.status !== 200) failure = `probe answered HTTP ${first.status}`;
    else {
      try {
        if (!t.check(first.body)) failure = "probe answered an unexpected body";
      } catch {
        failure = "probe answered a non-JSON body";
      }
    }
    if (failure) {
      console.log(`  ${t.label}: SKIPPED (${failure})`);
      rows.push({ label: t.label, note: `not measured: ${failure}` });
      continue;
    }
    await run(url, t.probe, warmupSeconds);
    const r = await run(url, t.probe, seconds);
    const bad = r.non2xx + r.errors;
    const note = bad > 0 ? `${r.non2xx} non-2xx, ${r.errors} errors (${r.timeouts} timeouts)` : "";
    console.log(`  ${t.label}: ${r.requests.mean.toFixed(0)} req/s${note ? `, ${note}` : ""}`);
    rows.push({ label: t.label, rps: r.requests.mean, p50: r.latency.p50, p99: r.latency.p99, note });
  }
} finally {
  await Promise.all([stopChild(servers.hello.child), stopChild(servers.baton.child)]);
}

const base = rows[0]?.rps;
const fmt = (v: number | undefined, digits = 0) => (v === undefined ? "-" : v.toFixed(digits));
console.log(
  `\n${table(
    [
      ["target", "req/s (mean)", "p50 ms", "p99 ms", "req/s vs baseline", "note"],
      ...rows.map((r) => [
        r.label,
        fmt(r.rps),
        fmt(r.p50, 1),
        fmt(r.p99, 1),
        r.rps !== undefined && base ? `${(r.rps / base).toFixed(2)}x` : "-",
        r.note,
      ]),
    ],
    [0, 5],
  )}`,
);
if (rows.some((r) => r.rps === undefined)) process.exitCode = 1;
