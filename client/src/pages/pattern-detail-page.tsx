import { Link, useParams } from "react-router-dom";
import { useQuery } from "urql";
import { PageHeader } from "../components/ui/page-header.tsx";
import { EmptyState, ErrorPanel, Loading } from "../components/ui/query-state.tsx";
import { PatternDetail } from "../features/patterns/components/pattern-detail.tsx";
import { graphql } from "../gql/index.ts";
import { errorWithCode } from "../lib/graphql-errors.ts";

const PatternDetailPageQuery = graphql(`
  query PatternDetailPage($id: ID!) {
    pattern(id: $id) {
      id
      name
      ...PatternDetailCoordinationPattern
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
  const pattern = data?.pattern ?? undefined;
  const notFound = errorWithCode(error, "NOT_FOUND");
  const title = pattern ? pattern.name : slug;
  return (
    <>
      <title>{`${title} · Patterns · Baton`}</title>
      <PageHeader back={<Link to="/patterns">← Patterns</Link>} title={title} />
      {error && !data && !notFound ? <ErrorPanel error={error} title="Could not load the pattern" /> : null}
      {fetching && !data ? <Loading /> : null}
      {notFound ? (
        <EmptyState title="Pattern not found">
          <p>{notFound.message}</p>
          <Link to="/patterns">All patterns</Link>
        </EmptyState>
      ) : null}
      {pattern ? <PatternDetail pattern={pattern} /> : null}
    </>
  );
}
