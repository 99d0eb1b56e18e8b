// The agent browser: filters in the URL, a page of cards, and a live refetch whenever the registry
// changes anywhere (another tab, curl, a test).
import { registerAgentCommand } from "../features/onboarding/api-commands.ts";
import { EmptyWithCommand } from "../features/onboarding/components/empty-with-command.tsx";
import { useEffect, useRef } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useQuery } from "urql";
import { PageHeader } from "../components/ui/page-header.tsx";
import { Pager } from "../components/ui/pager.tsx";
import { EmptyState, ErrorPanel, Loading } from "../components/ui/query-state.tsx";
import { AgentCard } from "../features/agents/components/agent-card.tsx";
import { AgentFilters } from "../features/agents/components/agent-filters.tsx";
import { useAgentChanged } from "../features/agents/hooks/use-agent-changed.ts";
import { useAgentHealthChanged } from "../features/health/hooks/use-agent-health-changed.ts";
import { AGENTS_PAGE_SIZE, useAgentFilters } from "../features/agents/hooks/use-agent-filters.ts";
import { graphql } from "../gql/index.ts";
import { plural } from "../lib/format.ts";
import { invalidArgument } from "../lib/graphql-errors.ts";

const AgentsPageQuery = graphql(`
  query AgentsPage($capability: String, $pattern: String, $q: String, $first: Int, $offset: Int) {
    agents(capability: $capability, pattern: $pattern, q: $q, first: $first, offset: $offset) {
      totalCount
      nodes {
        id
        ...AgentCardAgent
      }
    }
  }
`);

/** Everything the filter menus offer: capabilities present in the registry, and the patterns. */
const AgentFacetsQuery = graphql(`
  query AgentFacets {
    agents(first: 200) {
      nodes {
        id
        capabilities
      }
    }
    patterns {
      id
      slug
      name
    }
  }
`);

export function AgentsPage() {
  const filters = useAgentFilters();
  const [result, refetch] = useQuery({
    query: AgentsPageQuery,
    variables: {
      capability: filters.capability || null,
      pattern: filters.pattern || null,
      q: filters.q || null,
      first: AGENTS_PAGE_SIZE,
      offset: (filters.page - 1) * AGENTS_PAGE_SIZE,
    },
    requestPolicy: "cache-and-network",
  });
  const [facets, refetchFacets] = useQuery({ query: AgentFacetsQuery, requestPolicy: "cache-and-network" });

  useAgentChanged(() => {
    refetch({ requestPolicy: "network-only" });
    refetchFacets({ requestPolicy: "network-only" });
  });
  // A circuit opened or closed anywhere: the cards' circuit badges follow.
  useAgentHealthChanged(() => refetch({ requestPolicy: "network-only" }));

  const capabilities = facets.data
    ? [...new Set(facets.data.agents.nodes.flatMap((a) => a.capabilities))].sort((a, b) => a.localeCompare(b))
    : [];
  const patterns = facets.data?.patterns ?? [];
  // The page as the pager reads it: the connection, and the offset and size it was asked for.
  const answered =
    result.data && result.operation
      ? {
          total: result.data.agents.totalCount,
          agents: result.data.agents.nodes,
          limit: AGENTS_PAGE_SIZE,
          offset: result.operation.variables.offset ?? 0,
        }
      : undefined;
  // While a new filter's page loads, keep showing the last one instead of flashing a spinner.
  const lastList = useRef(answered);
  if (answered) lastList.current = answered;
  const list = answered ?? (result.fetching ? lastList.current : undefined);
  const pastLastPage = usePageClamp(filters.page, list);

  return (
    <>
      <title>Agents · Baton</title>
      <PageHeader
        title="Agents"
        subtitle="Every agent Baton can hand work to: what it can do, how it coordinates and how it runs."
        actions={
          <Link className="button button-primary" to="/agents/new">
            + Register agent
          </Link>
        }
      />
      <AgentFilters
        capabilities={capabilities}
        patterns={patterns}
        capability={filters.capability}
        pattern={filters.pattern}
        search={filters.search}
        onCapability={filters.setCapability}
        onPattern={filters.setPattern}
        onSearch={filters.setSearch}
        onClear={filters.active ? filters.clear : undefined}
      />
      {result.error && !list ? (
        <ErrorPanel
          error={result.error}
          title={invalidArgument(result.error) ? "Invalid filter" : "Could not load agents"}
        />
      ) : null}
      {!list && result.fetching ? <Loading label="Loading agents…" /> : null}
      {list ? (
        <section aria-label="Agent list" aria-busy={result.fetching || result.stale}>
          <p className="result-count" data-testid="agent-count" aria-live="polite">
            {plural(list.total, "agent")}
            {filters.active ? ` ${list.total === 1 ? "matches" : "match"} the filters` : " registered"}
          </p>
          {pastLastPage ? null : list.total === 0 ? (
            filters.active ? (
              <EmptyState title="No agents match">
                <button type="button" className="button" onClick={filters.clear}>
                  Clear filters
                </button>
              </EmptyState>
            ) : (
              <EmptyWithCommand title="No agents registered" label="register an agent" command={registerAgentCommand}>
                <p>
                  <Link to="/agents/new">Register the first agent</Link>, or from a shell:
                </p>
              </EmptyWithCommand>
            )
          ) : (
            <div className="card-grid">
              {list.agents.map((agent) => (
                <AgentCard key={agent.id} agent={agent} />
              ))}
            </div>
          )}
          {pastLastPage ? null : (
            <Pager
              total={list.total}
              limit={list.limit}
              offset={list.offset}
              onOffsetChange={(offset) => filters.setPage(Math.floor(offset / list.limit) + 1)}
            />
          )}
        </section>
      ) : null}
    </>
  );
}

/**
 * A `?page=` past the last page (an old link, agents deleted meanwhile) moves to the last page,
 * replacing the address rather than adding to the history. True while the list on screen is such
 * a page (until the last page arrives), so the page shows neither an empty state for a registry
 * that has agents nor a pager for a page that does not exist.
 */
function usePageClamp(page: number, list: { total: number; limit: number; offset: number } | undefined): boolean {
  const [, setParams] = useSearchParams();
  const lastPage = list ? Math.max(1, Math.ceil(list.total / list.limit)) : 1;
  const pastEnd = list !== undefined && list.offset > (lastPage - 1) * list.limit;
  // Move only on a response for the page in the URL, not on a stale one kept on screen meanwhile.
  const move = pastEnd && list.offset === (page - 1) * list.limit;
  useEffect(() => {
    if (!move) return;
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (lastPage > 1) next.set("page", String(lastPage));
        else next.delete("page");
        return next;
      },
      { replace: true },
    );
  }, [move, lastPage, setParams]);
  return pastEnd;
}
