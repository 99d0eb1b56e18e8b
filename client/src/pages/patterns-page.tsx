import { useQuery } from "urql";
import { PageHeader } from "../components/ui/page-header.tsx";
import { ErrorPanel, Loading } from "../components/ui/query-state.tsx";
import { PatternCard } from "../features/patterns/components/pattern-card.tsx";
import { graphql } from "../gql/index.ts";

const PatternsPageQuery = graphql(`
  query PatternsPage {
    patterns {
      id
      ...PatternCardCoordinationPattern
    }
  }
`);

export function PatternsPage() {
  const [{ data, error, fetching }] = useQuery({ query: PatternsPageQuery, requestPolicy: "cache-and-network" });
  return (
    <>
      <title>Patterns · Baton</title>
      <PageHeader
        title="Coordination patterns"
        subtitle="How agents hand work to each other, and when each shape fits the job."
      />
      {error && !data ? <ErrorPanel error={error} title="Could not load patterns" /> : null}
      {fetching && !data ? <Loading label="Loading patterns…" /> : null}
      {data ? (
        <div className="pattern-list">
          {data.patterns.map((p) => (
            <PatternCard key={p.id} pattern={p} />
          ))}
        </div>
      ) : null}
    </>
  );
}
