// An agent's whole configuration, read-only, in the order an operator asks about it: what it does,
// how it coordinates, how it runs, how it recovers.
import { Link } from "react-router-dom";
import { ChipList } from "../../../components/ui/chip.tsx";
import { type FragmentType, graphql, useFragment } from "../../../gql/index.ts";
import { formatDateTime, formatMs } from "../../../lib/format.ts";
import { fromEnum } from "../../../lib/graphql-enum.ts";

export const AgentConfig_AgentFragment = graphql(`
  fragment AgentConfigAgent on Agent {
    id
    name
    description
    capabilities
    tools
    coordinationPatterns
    runner {
      kind
      settings
    }
    retryPolicy {
      maxRetries
      backoff
      initialDelayMs
      maxDelayMs
    }
    circuitBreaker {
      failureThreshold
      cooldownMs
    }
    inputSchema
    outputSchema
    alertPolicy {
      failures
      windowMs
    }
    createdAt
    updatedAt
  }
`);

export function AgentConfig(props: { agent: FragmentType<typeof AgentConfig_AgentFragment> }) {
  const agent = useFragment(AgentConfig_AgentFragment, props.agent);
  const { retryPolicy: retry, circuitBreaker: breaker } = agent;
  return (
    <div className="detail-grid" data-testid="agent-detail">
      <section className="card detail-wide" aria-labelledby="sec-description">
        <h2 id="sec-description">Description</h2>
        <p className="prose" data-testid="agent-description">
          {agent.description || <span className="muted-text">No description</span>}
        </p>
      </section>

      <section className="card" aria-labelledby="sec-capabilities">
        <h2 id="sec-capabilities">Capabilities</h2>
        <div data-testid="agent-capabilities">
          <ChipList
            items={agent.capabilities}
            href={(c) => `/agents?${new URLSearchParams({ capability: c }).toString()}`}
          />
        </div>
        <h2 id="sec-tools" className="sub-heading">
          Tools
        </h2>
        <div data-testid="agent-tools">
          <ChipList items={agent.tools} />
        </div>
      </section>

      <section className="card" aria-labelledby="sec-patterns">
        <h2 id="sec-patterns">Coordination patterns</h2>
        {agent.coordinationPatterns.length === 0 ? (
          <span className="muted-text">none</span>
        ) : (
          <ul className="chip-list" data-testid="agent-patterns">
            {agent.coordinationPatterns.map((slug) => (
              <li key={slug}>
                <Link className="chip chip-accent chip-link" to={`/patterns/${encodeURIComponent(slug)}`}>
                  {slug}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card detail-wide" aria-labelledby="sec-runner">
        <h2 id="sec-runner">Runner</h2>
        <dl className="facts">
          <dt>Kind</dt>
          <dd data-testid="agent-runner-kind">{fromEnum(agent.runner.kind)}</dd>
        </dl>
        <h3 className="block-label">Settings</h3>
        <pre className="code-block" data-testid="runner-settings">
          {JSON.stringify(agent.runner.settings, null, 2)}
        </pre>
      </section>

      <section className="card" aria-labelledby="sec-retry" data-testid="retry-policy">
        <h2 id="sec-retry">Retry policy</h2>
        <dl className="facts">
          <dt>Max retries</dt>
          <dd>{retry.maxRetries}</dd>
          <dt>Backoff</dt>
          <dd>{fromEnum(retry.backoff)}</dd>
          <dt>Initial delay</dt>
          <dd>{formatMs(retry.initialDelayMs)}</dd>
          <dt>Max delay</dt>
          <dd>{formatMs(retry.maxDelayMs)}</dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="sec-breaker" data-testid="circuit-breaker">
        <h2 id="sec-breaker">Circuit breaker</h2>
        <dl className="facts">
          <dt>Failure threshold</dt>
          <dd>{breaker.failureThreshold} consecutive failures</dd>
          <dt>Cooldown</dt>
          <dd>{formatMs(breaker.cooldownMs)}</dd>
        </dl>
      </section>

      <section className="card detail-wide" aria-labelledby="sec-contracts" data-testid="agent-contracts">
        <h2 id="sec-contracts">Contracts</h2>
        {(
          [
            ["Input schema", agent.inputSchema, "input-schema"],
            ["Output schema", agent.outputSchema, "output-schema"],
          ] as const
        ).map(([label, schema, testId]) => (
          <div key={testId}>
            <h3 className="block-label">{label}</h3>
            {schema === null || schema === undefined ? (
              <span className="muted-text" data-testid={testId}>
                none declared
              </span>
            ) : (
              <pre className="code-block" data-testid={testId}>
                {JSON.stringify(schema, null, 2)}
              </pre>
            )}
          </div>
        ))}
      </section>

      <section className="card" aria-labelledby="sec-alert-policy" data-testid="alert-policy">
        <h2 id="sec-alert-policy">Alert policy</h2>
        <dl className="facts">
          <dt>Repeated failures</dt>
          <dd>
            {agent.alertPolicy.failures} failures within {formatMs(agent.alertPolicy.windowMs)}
          </dd>
        </dl>
      </section>

      <section className="card detail-wide" aria-labelledby="sec-record">
        <h2 id="sec-record">Record</h2>
        <dl className="facts facts-inline">
          <dt>ID</dt>
          <dd>
            <code>{agent.id}</code>
          </dd>
          <dt>Created</dt>
          <dd>
            <time dateTime={agent.createdAt}>{formatDateTime(agent.createdAt)}</time>
          </dd>
          <dt>Updated</dt>
          <dd>
            <time dateTime={agent.updatedAt}>{formatDateTime(agent.updatedAt)}</time>
          </dd>
        </dl>
      </section>
    </div>
  );
}
