// Health: whether each agent can take work now — its circuit breaker, success rate and p95
// duration over the last hour and day, failures in a row, its last failure (linked to the
// timeline) — with Reset / Take out of service, and the server's own state from GET /health.
// Live: every agentHealthChanged event reloads the figures; each agent's unresolved alerts are
// counted beside it (and follow the alerts subscription).
import { registerAgentCommand } from "../features/onboarding/api-commands.ts";
import { EmptyWithCommand } from "../features/onboarding/components/empty-with-command.tsx";
import { ResponsiveBar } from "@nivo/bar";
import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { useQuery, useSubscription } from "urql";
import { PageHeader } from "../components/ui/page-header.tsx";
import { ErrorPanel, Loading } from "../components/ui/query-state.tsx";
import { AlertChangesSubscription } from "../features/alerts/open-alert-count.tsx";
import { CircuitActions } from "../features/health/components/circuit-actions.tsx";
import { CircuitBadge } from "../features/health/components/circuit-badge.tsx";
import { useAgentHealthChanged } from "../features/health/hooks/use-agent-health-changed.ts";
import { type ServerHealth, useServerHealth } from "../features/health/hooks/use-server-health.ts";
import { useChartTheme } from "../features/metrics/lib/chart-theme.ts";
import { graphql } from "../gql/index.ts";
import type { HealthPageQuery as HealthPageData } from "../gql/graphql.ts";
import { fromEnum } from "../lib/graphql-enum.ts";

const HealthPageQuery = graphql(`
  query HealthPage {
    agents(first: 50) {
      totalCount
      nodes {
        id
        name
        health {
          circuit {
            state
            consecutiveFailures
            openedAt
            retryAfter
            ...CircuitBadgeCircuit
          }
          lastHour {
            total
            successRate
            p95DurationMs
          }
          lastDay {
            total
            successRate
            p95DurationMs
          }
          lastFailure {
            executionId
            at
            error
          }
        }
      }
    }
  }
`);

// The unresolved alerts (issue 11 §3), counted per agent for the table; followed live.
const HealthPageAlertsQuery = graphql(`
  query HealthPageAlerts {
    alerts(state: [OPEN, ACKNOWLEDGED], first: 200) {
      nodes {
        id
        agentName
        state
      }
    }
  }
`);

/** Unresolved alerts per agent name: how many, and how many nobody acknowledged yet. */
function useOpenAlertsByAgent(): Map<string, { open: number; unacknowledged: number }> {
  const [{ data }, refetch] = useQuery({ query: HealthPageAlertsQuery, requestPolicy: "cache-and-network" });
  const [{ data: change }] = useSubscription({ query: AlertChangesSubscription });
  useEffect(() => {
    if (change) refetch({ requestPolicy: "network-only" });
  }, [change, refetch]);
  return useMemo(() => {
    const byAgent = new Map<string, { open: number; unacknowledged: number }>();
    for (const a of data?.alerts.nodes ?? []) {
      const entry = byAgent.get(a.agentName) ?? { open: 0, unacknowledged: 0 };
      entry.open += 1;
      if (a.state === "OPEN") entry.unacknowledged += 1;
      byAgent.set(a.agentName, entry);
    }
    return byAgent;
  }, [data]);
}

type AgentRow = HealthPageData["agents"]["nodes"][number];

const percent = (rate: number | null | undefined) => (rate == null ? "—" : `${(rate * 100).toFixed(1)}%`);
const ms = (v: number | null | undefined) => (v == null ? "—" : `${Math.round(v)} ms`);

function timelineLink(agent: string, executionId: string, at: string): string {
  const from = new Date(Date.parse(at) - 60_000).toISOString();
  return `/timeline?${new URLSearchParams({ agent, execution: executionId, start_date: from }).toString()}`;
}

function ServerSummary({ health, error }: { health: ServerHealth | null; error: string | null }) {
  if (error) return <p className="field-error">Could not read GET /health: {error}</p>;
  if (!health) return <Loading label="Checking the server…" />;
  const items: [string, string, boolean][] = [
    ["Server", health.status === "ok" ? "healthy" : "unavailable", health.status === "ok"],
    ["Database", health.database === "ok" ? "reachable" : health.database, health.database === "ok"],
    ["Engine", health.engine, health.engine === "running"],
    ["Pub/sub", health.pubsub, health.pubsub === "connected"],
  ];
  return (
    <section className="card health-summary" aria-label="Server health" data-testid="server-health">
      <dl className="health-summary-list">
        {items.map(([label, value, ok]) => (
          <div key={label} data-ok={ok}>
            <dt>{label}</dt>
            <dd className={ok ? "health-ok" : "health-bad"}>{value}</dd>
          </div>
        ))}
        {health.circuits ? (
          <div>
            <dt>Circuits</dt>
            <dd data-testid="circuit-counts">
              {health.circuits.closed} closed · {health.circuits.open} open · {health.circuits.half_open} half-open
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

function SuccessChart({ agents }: { agents: AgentRow[] }) {
  const chartTheme = useChartTheme();
  const data = agents
    .filter((a) => a.health.lastDay.successRate != null)
    .map((a) => ({
      agent: a.name,
      hour: a.health.lastHour.successRate == null ? 0 : Math.round(a.health.lastHour.successRate * 1000) / 10,
      day: Math.round((a.health.lastDay.successRate ?? 0) * 1000) / 10,
    }));
  if (data.length === 0) return null;
  return (
    <section className="card health-chart" aria-label="Success rate by agent">
      <h2>Success rate (%) — last hour and last day</h2>
      <div style={{ height: 220 }}>
        <ResponsiveBar
          data={data}
          keys={["hour", "day"]}
          indexBy="agent"
          groupMode="grouped"
          valueScale={{ type: "linear", min: 0, max: 100 }}
          margin={{ top: 10, right: 90, bottom: 40, left: 40 }}
          padding={0.3}
          colors={["#7f56d9", "#98a2b3"]}
          theme={chartTheme}
          enableLabel={false}
          role="img"
          ariaLabel="Success rate by agent, last hour and last day (the table below has the figures)"
          legends={[
            { dataFrom: "keys", anchor: "right", direction: "column", translateX: 90, itemWidth: 80, itemHeight: 20 },
          ]}
        />
      </div>
    </section>
  );
}

export function HealthPage() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: HealthPageQuery, requestPolicy: "cache-and-network" });
  const [version, setVersion] = useState(0);
  const server = useServerHealth(version);
  useAgentHealthChanged(() => {
    refetch({ requestPolicy: "network-only" });
    setVersion((v) => v + 1);
  });
  const agents = data?.agents.nodes ?? [];
  const alerts = useOpenAlertsByAgent();
  // Trouble first: open, then half-open, then closed; by name within each.
  const order = { open: 0, half_open: 1, closed: 2 } as const;
  const sorted = [...agents].sort(
    (a, b) =>
      order[fromEnum(a.health.circuit.state)] - order[fromEnum(b.health.circuit.state)] || a.name.localeCompare(b.name),
  );

  return (
    <>
      <title>Health · Baton</title>
      <PageHeader
        title="Health"
        subtitle="Whether each agent can take work now: circuit breakers, recent success rate and p95 duration, last failures."
      />
      <ServerSummary health={server.health} error={server.error} />
      {error ? <ErrorPanel error={error} title="Could not load agents' health" /> : null}
      {fetching && !data ? <Loading label="Loading health…" /> : null}
      {data && agents.length === 0 ? (
        <EmptyWithCommand title="No agents registered" label="register an agent" command={registerAgentCommand} />
      ) : null}
      {data && data.agents.totalCount > agents.length ? (
        <p className="muted-text">
          Showing the first {agents.length} of {data.agents.totalCount} agents (by name); GET /health counts them all.
        </p>
      ) : null}
      {agents.length > 0 ? <SuccessChart agents={agents} /> : null}
      {agents.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table health-table" data-testid="health-table">
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Circuit</th>
                <th scope="col">Failures in a row</th>
                <th scope="col">Success 1 h</th>
                <th scope="col">p95 1 h</th>
                <th scope="col">Success 24 h</th>
                <th scope="col">p95 24 h</th>
                <th scope="col">Last failure</th>
                <th scope="col">Alerts</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((a) => {
                const h = a.health;
                const state = fromEnum(h.circuit.state);
                return (
                  <tr key={a.id} data-testid="health-row" data-agent={a.name} data-state={state}>
                    <th scope="row">
                      <Link to={`/agents/${encodeURIComponent(a.name)}`}>{a.name}</Link>
                    </th>
                    <td>
                      <CircuitBadge circuit={h.circuit} always />
                      {h.circuit.retryAfter ? (
                        <div className="muted-text">
                          trial from {new Date(h.circuit.retryAfter).toLocaleTimeString()}
                        </div>
                      ) : state === "open" ? (
                        <div className="muted-text">until reset</div>
                      ) : null}
                    </td>
                    <td data-testid="consecutive-failures">{h.circuit.consecutiveFailures}</td>
                    <td title={`${h.lastHour.total} executions`}>{percent(h.lastHour.successRate)}</td>
                    <td>{ms(h.lastHour.p95DurationMs)}</td>
                    <td title={`${h.lastDay.total} executions`}>{percent(h.lastDay.successRate)}</td>
                    <td>{ms(h.lastDay.p95DurationMs)}</td>
                    <td>
                      {h.lastFailure ? (
                        <Link
                          to={timelineLink(a.name, h.lastFailure.executionId, h.lastFailure.at)}
                          title={h.lastFailure.error ?? undefined}
                          data-testid="last-failure"
                        >
                          {new Date(h.lastFailure.at).toLocaleString()}
                          {h.lastFailure.error ? `: ${h.lastFailure.error.slice(0, 60)}` : ""}
                        </Link>
                      ) : (
                        <span className="muted-text">none</span>
                      )}
                    </td>
                    <td data-testid="open-alerts">
                      {alerts.get(a.name) ? (
                        <Link to="/alerts" title={`${alerts.get(a.name)?.unacknowledged} not acknowledged yet`}>
                          {alerts.get(a.name)?.open} open
                        </Link>
                      ) : (
                        <span className="muted-text">none</span>
                      )}
                    </td>
                    <td>
                      <CircuitActions id={a.id} name={a.name} state={state} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
