// Alerts about agents (docs/alerts.md): filter by state and agent, acknowledge an open one. The
// list follows alert changes live (the `alerts` subscription).
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { useMutation, useQuery, useSubscription } from "urql";
import { PageHeader } from "../components/ui/page-header.tsx";
import { ErrorPanel, errorMessage, Loading } from "../components/ui/query-state.tsx";
import { AlertChangesSubscription } from "../features/alerts/open-alert-count.tsx";
import { graphql } from "../gql/index.ts";
import type { AlertState } from "../gql/graphql.ts";
import { fromEnum } from "../lib/graphql-enum.ts";
import { formatDateTime } from "../lib/format.ts";

const AlertsPageQuery = graphql(`
  query AlertsPage($state: [AlertState!], $agent: ID) {
    alerts(state: $state, agent: $agent, first: 200) {
      totalCount
      nodes {
        id
        kind
        state
        agentName
        message
        raisedAt
        acknowledgedAt
        acknowledgedBy
        resolvedAt
      }
    }
  }
`);

const AcknowledgeAlert = graphql(`
  mutation AcknowledgeAlert($id: ID!) {
    acknowledgeAlert(id: $id) {
      __typename
      ... on Alert {
        id
        state
      }
      ... on Error {
        message
      }
    }
  }
`);

const STATES: { value: "" | AlertState; label: string }[] = [
  { value: "", label: "Unresolved" },
  { value: "OPEN" as AlertState, label: "Open" },
  { value: "ACKNOWLEDGED" as AlertState, label: "Acknowledged" },
  { value: "RESOLVED" as AlertState, label: "Resolved" },
];

export function AlertsPage() {
  const [state, setState] = useState<"" | AlertState | "ALL">("");
  const [agent, setAgent] = useState("");
  const variables = {
    state:
      state === "" ? (["OPEN", "ACKNOWLEDGED"] as AlertState[]) : state === "ALL" ? null : ([state] as AlertState[]),
    agent: agent.trim() || null,
  };
  const [{ data, error, fetching }, refetch] = useQuery({
    query: AlertsPageQuery,
    variables,
    requestPolicy: "cache-and-network",
  });
  const [{ data: change }] = useSubscription({ query: AlertChangesSubscription });
  useEffect(() => {
    if (change) refetch({ requestPolicy: "network-only" });
  }, [change, refetch]);
  const [, acknowledge] = useMutation(AcknowledgeAlert);
  const [ackError, setAckError] = useState<string | null>(null);
  const onAcknowledge = async (id: string) => {
    const r = await acknowledge({ id });
    const out = r.data?.acknowledgeAlert;
    setAckError(r.error ? errorMessage(r.error) : out && out.__typename !== "Alert" ? out.message : null);
    refetch({ requestPolicy: "network-only" });
  };
  return (
    <>
      <PageHeader title="Alerts" subtitle="Raised when an agent's circuit opens or it fails repeatedly" />
      <div className="filters">
        <label>
          State{" "}
          <select aria-label="State" value={state} onChange={(e) => setState(e.target.value as AlertState)}>
            {STATES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
            <option value="ALL">All</option>
          </select>
        </label>{" "}
        <label>
          Agent{" "}
          <input aria-label="Agent" value={agent} placeholder="name or id" onChange={(e) => setAgent(e.target.value)} />
        </label>
      </div>
      {error && !data ? <ErrorPanel error={error} title="Could not load alerts" /> : null}
      {fetching && !data ? <Loading label="Loading alerts…" /> : null}
      {ackError ? <ErrorPanel error={ackError} title="Could not acknowledge" /> : null}
      {data ? (
        <div className="table-scroll">
          <table className="data-table" data-testid="alerts-table">
            <thead>
              <tr>
                <th>Agent</th>
                <th>Kind</th>
                <th>State</th>
                <th>Message</th>
                <th>Raised</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.alerts.nodes.map((a) => (
                <tr key={a.id} data-alert-id={a.id}>
                  <td>
                    <Link to={`/agents/${encodeURIComponent(a.agentName)}`}>{a.agentName}</Link>
                  </td>
                  <td>{fromEnum(a.kind)}</td>
                  <td data-testid="alert-state">
                    {fromEnum(a.state)}
                    {a.acknowledgedBy ? ` by ${a.acknowledgedBy}` : ""}
                    {a.resolvedAt ? ` ${formatDateTime(a.resolvedAt)}` : ""}
                  </td>
                  <td>{a.message}</td>
                  <td>{formatDateTime(a.raisedAt)}</td>
                  <td>
                    {a.state === "OPEN" ? (
                      <button type="button" className="button button-small" onClick={() => void onAcknowledge(a.id)}>
                        Acknowledge
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
              {data.alerts.nodes.length === 0 ? (
                <tr>
                  <td colSpan={6} className="muted-text">
                    No alerts.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
