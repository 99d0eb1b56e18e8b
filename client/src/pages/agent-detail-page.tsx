// One agent's whole configuration, with edit and delete. Follows live changes to the agent.
import { Link, useNavigate, useParams } from "react-router-dom";
import { useQuery } from "urql";
import { PageHeader } from "../components/ui/page-header.tsx";
import { EmptyState, ErrorPanel, Loading } from "../components/ui/query-state.tsx";
import { AgentConfig } from "../features/agents/components/agent-config.tsx";
import { DeleteAgentButton } from "../features/agents/components/delete-agent-button.tsx";
import { RunnerKindBadge } from "../features/agents/components/runner-kind-badge.tsx";
import { useAgentChanged } from "../features/agents/hooks/use-agent-changed.ts";
import { graphql } from "../gql/index.ts";

const AgentDetailPageQuery = graphql(`
  query AgentDetailPage($id: String!) {
    agent(id: $id) {
      __typename
      ... on Agent {
        id
        name
        runner {
          kind
        }
        ...AgentConfig_AgentFragment
      }
      ... on NotFoundError {
        message
      }
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
  const agent = data?.agent;

  useAgentChanged((change) => {
    if (agent?.__typename !== "Agent" || change.agentId !== agent.id) return;
    // Renamed elsewhere: follow it, so the page keeps showing the same agent.
    if (change.kind === "updated" && change.name !== name)
      void navigate(`/agents/${encodeURIComponent(change.name)}`, { replace: true });
    else refetch({ requestPolicy: "network-only" });
  });

  return (
    <>
      <title>{`${name} · Agents · Baton`}</title>
      <PageHeader
        back={<Link to="/agents">← Agents</Link>}
        title={agent?.__typename === "Agent" ? agent.name : name}
        badge={agent?.__typename === "Agent" ? <RunnerKindBadge kind={agent.runner.kind} /> : null}
        actions={
          agent?.__typename === "Agent" ? (
            <>
              <Link className="button" to={`/agents/${encodeURIComponent(agent.name)}/edit`}>
                Edit
              </Link>
              <DeleteAgentButton id={agent.id} name={agent.name} onDeleted={() => void navigate("/agents")} />
            </>
          ) : null
        }
      />
      {error ? <ErrorPanel error={error} title="Could not load the agent" /> : null}
      {fetching && !data ? <Loading label="Loading agent…" /> : null}
      {agent?.__typename === "NotFoundError" ? (
        <EmptyState title="Agent not found">
          <p>{agent.message}</p>
          <Link to="/agents">Back to agents</Link>
        </EmptyState>
      ) : null}
      {agent?.__typename === "Agent" ? <AgentConfig agent={agent} /> : null}
    </>
  );
}
