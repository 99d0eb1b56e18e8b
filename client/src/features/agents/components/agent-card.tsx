import { Link } from "react-router-dom";
import { ChipList } from "../../../components/ui/chip.tsx";
import { type FragmentType, graphql, useFragment } from "../../../gql/index.ts";
import { CircuitBadge } from "../../health/components/circuit-badge.tsx";
import { RunnerKindBadge } from "./runner-kind-badge.tsx";

export const AgentCard_AgentFragment = graphql(`
  fragment AgentCardAgent on Agent {
    id
    name
    description
    capabilities
    coordinationPatterns
    runner {
      kind
    }
    circuit {
      ...CircuitBadgeCircuit
    }
  }
`);

export function AgentCard(props: { agent: FragmentType<typeof AgentCard_AgentFragment> }) {
  const agent = useFragment(AgentCard_AgentFragment, props.agent);
  return (
    <article className="card agent-card" data-testid="agent-card" aria-labelledby={`agent-${agent.id}`}>
      <header className="agent-card-head">
        <h2 id={`agent-${agent.id}`}>
          <Link className="stretched-link" to={`/agents/${encodeURIComponent(agent.name)}`}>
            {agent.name}
          </Link>
        </h2>
        <span className="agent-card-badges">
          <CircuitBadge circuit={agent.circuit} />
          <RunnerKindBadge kind={agent.runner.kind} />
        </span>
      </header>
      <p className="agent-card-description">
        {agent.description || <span className="muted-text">No description</span>}
      </p>
      <dl className="agent-card-facts">
        <dt>Capabilities</dt>
        <dd data-testid="agent-capabilities">
          <ChipList items={agent.capabilities} />
        </dd>
        <dt>Patterns</dt>
        <dd data-testid="agent-patterns">
          <ChipList items={agent.coordinationPatterns} tone="accent" />
        </dd>
      </dl>
    </article>
  );
}
