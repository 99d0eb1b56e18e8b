// One agent's whole configuration, with edit and delete. Follows live changes to the agent.
import { Link, useLocation, useNavigate, useParams } from "react-router-dom";
import { useQuery } from "urql";
import { PageHeader } from "../components/ui/page-header.tsx";
import { EmptyState, ErrorPanel, Loading } from "../components/ui/query-state.tsx";
import { AgentConfig } from "../features/agents/components/agent-config.tsx";
import { AgentRecord } from "../features/agents/components/agent-record.tsx";
import { DeleteAgentButton } from "../features/agents/components/delete-agent-button.tsx";
import { RunnerKindBadge } from "../features/agents/components/runner-kind-badge.tsx";
import { useAgentChanged } from "../features/agents/hooks/use-agent-changed.ts";
import { CircuitBadge } from "../features/health/components/circuit-badge.tsx";
import { useAgentHealthChanged } from "../features/health/hooks/use-agent-health-changed.ts";
import { graphql } from "../gql/index.ts";
import { errorWithCode } from "../lib/graphql-errors.ts";

const AgentDetailPageQuery = graphql(`
  query AgentDetailPage($id: ID!) {
    agent(id: $id) {
      id
      name
      runner {
        kind
      }
      circuit {
        ...CircuitBadgeCircuit
      }
      ...AgentConfigAgent
    }
  }
`);

export function AgentDetailPage() {
  const { name = "" } = useParams();
  const navigate = useNavigate();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: AgentDetailPageQuery,
    variables: { id: name },
    requestPolicy: "cache-and-network",
  });
  const agent = data?.agent ?? undefined;
  // The register and edit forms arrive here after a save, saying what was saved.
  const saved = (useLocation().state as { saved?: string } | null)?.saved ?? null;
  const notFound = errorWithCode(error, "NOT_FOUND");

  useAgentChanged((change) => {
    if (!agent || change.agentId !== agent.id) return;
    // Renamed elsewhere: follow it, so the page keeps showing the same agent.
    if (change.kind === "UPDATED" && change.name !== name)
      void navigate(`/agents/${encodeURIComponent(change.name)}`, { replace: true });
    else refetch({ requestPolicy: "network-only" });
  });
  useAgentHealthChanged((change) => {
    if (agent && change.agentId === agent.id) refetch({ requestPolicy: "network-only" });
  });

  return (
    <>
      <title>{`${name} · Agents · Baton`}</title>
      <PageHeader
        back={<Link to="/agents">← Agents</Link>}
        title={agent ? agent.name : name}
        badge={
          agent ? (
            <>
              <RunnerKindBadge kind={agent.runner.kind} />
              <CircuitBadge circuit={agent.circuit} />
            </>
          ) : null
        }
        actions={
          agent ? (
            <>
              <Link className="button" to={`/agents/${encodeURIComponent(agent.name)}/edit`}>
                Edit
              </Link>
              <DeleteAgentButton id={agent.id} name={agent.name} onDeleted={() => void navigate("/agents")} />
            </>
          ) : null
        }
      />
      {saved ? (
        <p className="flash-success" role="status" data-testid="saved-message">
          {saved}
        </p>
      ) : null}
      {error && !notFound ? <ErrorPanel error={error} title="Could not load the agent" /> : null}
      {fetching && !data ? <Loading label="Loading agent…" /> : null}
      {notFound ? (
        <EmptyState title="Agent not found">
          <p>{notFound.message}</p>
          <Link to="/agents">Back to agents</Link>
        </EmptyState>
      ) : null}
      {agent ? <AgentRecord name={agent.name} /> : null}
      {agent ? <AgentConfig agent={agent} /> : null}
    </>
  );
}
