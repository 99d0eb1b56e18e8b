// Figure (issue 15 §1): registry and pattern reads, each route's req/s against a bare graphql-yoga
// `{hello}` in the same run, with the goal beside it. Rounds interleave the targets (every target
// once per round, medians over rounds) so a change in the machine's load hits all of them alike.
// GraphQL `{__typename}` on Baton shows what Yoga's per-request pipeline and plugins cost before
// any resolver runs. Servers are child processes (bench/serve-*.ts); autocannon runs here.
// Env: BENCH_SECONDS (per target per round, default 5), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (10).
import { loadavg } from "node:os";
import autocannon from "autocannon";
import { httpOnce, machine, median, type Probe, spawnServer, stopChild, table } from "./lib/harness.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
if (!(seconds > 0 && seconds <= 600)) throw new Error("BENCH_SECONDS must be in (0, 600]");
if (!(Number.isInteger(rounds) && rounds > 0 && rounds <= 20)) throw new Error("BENCH_ROUNDS must be in [1, 20]");
if (!(Number.isInteger(connections) && connections > 0 && connections <= 100))
  throw new Error("BENCH_CONNECTIONS must be an integer in [1, 100]");

const json = { "content-type": "application/json" };
const gql = (query: string): Probe => ({ method: "POST", headers: json, body: JSON.stringify({ query }) });
const AGENT_FIELDS = "id name description capabilities tools coordinationPatterns runner { kind settings }";

interface Target {
  label: string;
  server: "hello" | "baton";
  path: string;
  probe: Probe;
  goal?: number;
  check: (body: string) => boolean;
}

const hasData = (b: string) => {
  const r = JSON.parse(b) as { data?: unknown; errors?: unknown };
  return r.data !== undefined && r.errors === undefined;
};

function targets(agentId: string): Target[] {
  return [
    {
      label: "baseline: bare yoga POST /graphql {hello}",
      server: "hello",
      path: "/graphql",
      probe: gql("{ hello }"),
      check: hasData,
    },
    {
      label: "GET /agents",
      server: "baton",
      path: "/agents",
      probe: {},
      goal: 0.5,
      check: (b) => (JSON.parse(b) as { total: number }).total > 0,
    },
    {
      label: "GET /agents?capability=testing&pattern=sequential&q=test",
      server: "baton",
      path: "/agents?capability=testing&pattern=sequential&q=test",
      probe: {},
      goal: 0.5,
      check: (b) => (JSON.parse(b) as { total: number }).total > 0,
    },
    {
      label: "GET /agents/{id}",
      server: "baton",
      path: `/agents/${agentId}`,
      probe: {},
      goal: 0.6,
      check: (b) => (JSON.parse(b) as { id: string }).id === agentId,
    },
    {
      label: "GET /patterns",
      server: "baton",
      path: "/patterns",
      probe: {},
      goal: 0.6,
      check: (b) => (JSON.parse(b) as { patterns: unknown[] }).patterns.length === 3,
    },
    {
      label: "Baton POST /graphql {__typename} (Yoga pipeline only)",
      server: "baton",
      path: "/graphql",
      probe: gql("{ __typename }"),
      check: hasData,
    },
    {
      label: "GraphQL agents list",
      server: "baton",
      path: "/graphql",
      probe: gql(`{ agents { totalCount nodes { ${AGENT_FIELDS} } } }`),
      goal: 0.5,
      check: hasData,
    },
    {
      label: "GraphQL agent(id:)",
      server: "baton",
      path: "/graphql",
      probe: gql(`{ agent(id: "${agentId}") { ${AGENT_FIELDS} } }`),
      goal: 0.6,
      check: hasData,
    },
    {
      label: "GraphQL patterns",
      server: "baton",
      path: "/graphql",
      probe: gql("{ patterns { id slug name description whenToUse agents { id name } } }"),
      goal: 0.6,
      check: hasData,
    },
  ];
}

const run = (url: string, probe: Probe, duration: number) =>
  autocannon({
    url,
    method: probe.method ?? "GET",
    headers: probe.headers,
    body: probe.body,
    connections,
    duration,
    timeout: 10,
  });

const servers = { hello: await spawnServer("serve-hello.ts"), baton: await spawnServer("serve-baton.ts") };
const samples = new Map<string, number[]>();
const notes = new Map<string, string>();
let list: Target[] = [];
try {
  const agents = await httpOnce(`${servers.baton.url}/agents?q=TestAgent`);
  const agentId = (JSON.parse(agents.body) as { agents: { id: string }[] }).agents[0]?.id ?? "";
  list = targets(agentId);
  console.log("registry-reads: req/s of Baton's registry reads vs a bare graphql-yoga {hello}, same run");
  console.log(`  ${machine()}`);
  console.log(
    `  ${rounds} interleaved rounds × ${seconds} s per target (after a 1 s warm-up each), ${connections} connections`,
  );
  for (const t of list) {
    const url = `${servers[t.server].url}${t.path}`;
    const first = await httpOnce(url, t.probe, 5000);
    if (first.status !== 200 || !t.check(first.body))
      throw new Error(`${t.label}: probe answered ${first.status} ${first.body.slice(0, 200)}`);
    await run(url, t.probe, 1);
  }
  for (let round = 1; round <= rounds; round++) {
    for (const t of list) {
      const r = await run(`${servers[t.server].url}${t.path}`, t.probe, seconds);
      if (r.non2xx + r.errors > 0) notes.set(t.label, `${r.non2xx} non-2xx, ${r.errors} errors`);
      samples.set(t.label, [...(samples.get(t.label) ?? []), r.requests.mean]);
    }
    console.log(
      `  round ${round}/${rounds} done (load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")})`,
    );
  }
} finally {
  await Promise.all([stopChild(servers.hello.child), stopChild(servers.baton.child)]);
}

const base = median(samples.get(list[0]?.label ?? "") ?? [1]);
console.log(
  `\n${table(
    [
      ["target", "req/s (median)", "vs baseline", "goal", "note"],
      ...list.map((t) => {
        const rps = median(samples.get(t.label) ?? [0]);
        const ratio = rps / base;
        const goal = t.goal === undefined ? "" : `≥ ${t.goal.toFixed(2)}x ${ratio >= t.goal ? "met" : "not met"}`;
        return [t.label, rps.toFixed(0), `${ratio.toFixed(2)}x`, goal, notes.get(t.label) ?? ""];
      }),
    ],
    [0, 4],
  )}`,
);
console.log(
  `  load average at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
