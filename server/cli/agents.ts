// `baton agents` (the registry as a table: runner, circuit state, success rate over 30 days) and
// `baton agents show <name>` (one agent with its health), over a running Baton's API.
import { type Args, CliError, type Out } from "./args.js";
import { type BatonClient, EXIT } from "./client.js";

export interface RestAgent {
  id: string;
  name: string;
  description: string;
  capabilities: string[];
  tools: string[];
  coordination_patterns: string[];
  runner: { kind: string; settings: unknown };
  retry_policy: { max_retries: number; backoff: string; initial_delay_ms: number; max_delay_ms: number };
  circuit_breaker: { failure_threshold: number; cooldown_ms: number };
  circuit: { state: string; consecutive_failures: number; opened_at: string | null; retry_after: string | null };
  created_at: string;
  updated_at: string;
}

interface Window {
  total: number;
  successes: number;
  failures: number;
  success_rate: number | null;
  p95_duration_ms: number | null;
}

interface RestHealth {
  name: string;
  circuit: RestAgent["circuit"];
  last_hour: Window;
  last_day: Window;
  last_failure: { execution_id: string; at: string; error: string | null } | null;
  open_alerts: unknown[];
}

export const AGENTS_USAGE = `baton agents [--json]
baton agents show <name or id> [--json]`;

/** The API's largest page of agents. */
const PAGE = 200;

const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);

async function allAgents(client: BatonClient): Promise<RestAgent[]> {
  const agents: RestAgent[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await client.get<{ agents: RestAgent[]; total: number }>("/agents", { limit: PAGE, offset });
    agents.push(...page.agents);
    if (page.agents.length < PAGE || agents.length >= page.total) return agents;
  }
}

/** Success rate and executions per agent name over the metrics' default range (the last 30 days). */
async function successRates(client: BatonClient): Promise<Map<string, { rate: number | null; total: number }>> {
  const data = await client.graphql<{
    metrics: { agents: { agentName: string; summary: { successRate: number | null; total: number } }[] };
  }>("query CliAgentRates { metrics { agents { agentName summary { successRate total } } } }");
  return new Map(
    data.metrics.agents.map((a) => [a.agentName, { rate: a.summary.successRate, total: a.summary.total }]),
  );
}

export async function agentsCommand(client: BatonClient, args: Args, out: Out): Promise<number> {
  const [sub, name, ...extra] = args.positional;
  if (sub === "show") {
    if (!name) throw new CliError(`give the agent's name or id\n\n${AGENTS_USAGE}`);
    if (extra.length > 0) throw new CliError(`unexpected argument '${extra[0]}'\n\n${AGENTS_USAGE}`);
    return showAgent(client, name, args, out);
  }
  if (sub !== undefined) throw new CliError(`unknown agents command '${sub}'\n\n${AGENTS_USAGE}`);

  const [agents, rates] = await Promise.all([allAgents(client), successRates(client)]);
  const rows = agents.map((a) => ({
    name: a.name,
    runner: a.runner.kind,
    circuit: a.circuit.state,
    success_rate_30d: rates.get(a.name)?.rate ?? null,
    executions_30d: rates.get(a.name)?.total ?? 0,
  }));
  if (args.flag("json")) {
    out.json(rows);
    return EXIT.ok;
  }
  if (rows.length === 0) {
    out.line("No agents registered.");
    return EXIT.ok;
  }
  const width = Math.max(4, ...rows.map((r) => r.name.length));
  out.line(`${"NAME".padEnd(width)}  RUNNER    CIRCUIT    SUCCESS (30 DAYS)`);
  for (const r of rows)
    out.line(
      `${r.name.padEnd(width)}  ${r.runner.padEnd(8)}  ${r.circuit.padEnd(9)}  ${
        r.executions_30d === 0 ? "no executions" : `${percent(r.success_rate_30d)} of ${r.executions_30d}`
      }`,
    );
  return EXIT.ok;
}

async function showAgent(client: BatonClient, name: string, args: Args, out: Out): Promise<number> {
  const path = `/agents/${encodeURIComponent(name)}`;
  const agent = await client.get<RestAgent>(path);
  const health = await client.get<RestHealth>(`${path}/health`);
  if (args.flag("json")) {
    out.json({ agent, health });
    return EXIT.ok;
  }
  const window = (w: Window) =>
    w.total === 0
      ? "no executions"
      : `${percent(w.success_rate)} success (${w.successes} ok, ${w.failures} failed, ${w.total} in all), p95 ${
          w.p95_duration_ms === null ? "—" : `${Math.round(w.p95_duration_ms)} ms`
        }`;
  const c = agent.circuit;
  const lines = [
    `${agent.name} (${agent.id})`,
    agent.description,
    "",
    `runner        ${agent.runner.kind} ${JSON.stringify(agent.runner.settings)}`,
    `capabilities  ${agent.capabilities.join(", ") || "—"}`,
    `tools         ${agent.tools.join(", ") || "—"}`,
    `patterns      ${agent.coordination_patterns.join(", ") || "—"}`,
    `retries       ${agent.retry_policy.max_retries}, ${agent.retry_policy.backoff} from ${agent.retry_policy.initial_delay_ms} ms`,
    `circuit       ${c.state} (${c.consecutive_failures} consecutive failures of ${agent.circuit_breaker.failure_threshold}${
      c.retry_after ? `, retry after ${c.retry_after}` : ""
    })`,
    `last hour     ${window(health.last_hour)}`,
    `last day      ${window(health.last_day)}`,
    `last failure  ${health.last_failure ? `${health.last_failure.at} ${health.last_failure.error ?? ""}`.trimEnd() : "none"}`,
    `open alerts   ${health.open_alerts.length}`,
  ];
  for (const l of lines) out.line(l);
  return EXIT.ok;
}
