import { Link, useParams } from "react-router-dom";
import { useQuery } from "urql";
import { PageHeader } from "../components/ui/page-header.tsx";
import { EmptyState, ErrorPanel, Loading } from "../components/ui/query-state.tsx";
import { PatternDetail } from "../features/patterns/components/pattern-detail.tsx";
import { graphql } from "../gql/index.ts";

const PatternDetailPageQuery = graphql(`
  query PatternDetailPage($id: String!) {
    pattern(id: $id) {
      __typename
      ... on CoordinationPattern {
        id
        name
        ...PatternDetail_CoordinationPatternFragment
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export function PatternDetailPage() {
  const { slug = "" } = useParams();
  const [{ data, error, fetching }] = useQuery({
    query: PatternDetailPageQuery,
    variables: { id: slug },
    requestPolicy: "cache-and-network",
  });
  const pattern = data?.pattern;
  const title = pattern?.__typename === "CoordinationPattern" ? pattern.name : slug;
  return (
    <>
      <title>{`${title} · Patterns · Baton`}</title>
      <PageHeader back={<Link to="/patterns">← Patterns</Link>} title={title} />
      {error && !data ? <ErrorPanel error={error} title="Could not load the pattern" /> : null}
      {fetching && !data ? <Loading /> : null}
      {pattern?.__typename === "NotFoundError" ? (
        <EmptyState title="Pattern not found">
          <p>{pattern.message}</p>
          <Link to="/patterns">All patterns</Link>
        </EmptyState>
      ) : null}
      {pattern?.__typename === "CoordinationPattern" ? <PatternDetail pattern={pattern} /> : null}
    </>
  );
}
