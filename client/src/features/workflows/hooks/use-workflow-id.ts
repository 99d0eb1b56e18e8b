import { useQuery } from "urql";
import { graphql } from "../../../gql/index.ts";

const WorkflowIdQuery = graphql(`
  query WorkflowId($id: ID!) {
    workflow(id: $id) {
      id
    }
  }
`);

/**
 * The id of the template a `workflow=` filter names by id or name (the API takes either, live
 * events carry the id): the value itself until the answer comes, or when no template has it (an id
 * of a template deleted since); null for no filter.
 */
export function useWorkflowId(idOrName: string): string | null {
  const [result] = useQuery({ query: WorkflowIdQuery, variables: { id: idOrName }, pause: !idOrName });
  const found = result.data?.workflow;
  if (!idOrName) return null;
  return found ? found.id : idOrName;
}
