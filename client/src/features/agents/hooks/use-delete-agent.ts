import { useMutation } from "urql";
import { errorMessage } from "../../../components/ui/query-state.tsx";
import { graphql } from "../../../gql/index.ts";

const DeleteAgent = graphql(`
  mutation DeleteAgent($id: ID!) {
    deleteAgent(id: $id) {
      __typename
      ... on DeletedAgent {
        id
        name
      }
      ... on NotFoundError {
        message
      }
      ... on ConflictError {
        message
      }
    }
  }
`);

/** Deletes by id or name; resolves to an error message, or null when the agent is gone. */
export function useDeleteAgent() {
  const [state, run] = useMutation(DeleteAgent);
  const deleteAgent = async (id: string): Promise<string | null> => {
    // DeletedAgent is not an Agent: tell the document cache which lists this touches.
    const result = await run({ id }, { additionalTypenames: ["Agent", "AgentConnection"] });
    if (result.error) return errorMessage(result.error);
    const data = result.data?.deleteAgent;
    if (data?.__typename === "NotFoundError" || data?.__typename === "ConflictError") return data.message;
    return null;
  };
  return { deleteAgent, deleting: state.fetching };
}
