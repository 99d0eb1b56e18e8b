// Reset (close) an agent's circuit, or take the agent out of service (open it by hand).
import { useMutation } from "urql";
import { errorMessage } from "../../../components/ui/query-state.tsx";
import { graphql } from "../../../gql/index.ts";

const ResetAgentCircuit = graphql(`
  mutation ResetAgentCircuit($id: ID!) {
    resetAgentCircuit(id: $id) {
      __typename
      ... on Agent {
        id
        circuit {
          state
        }
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

const OpenAgentCircuit = graphql(`
  mutation OpenAgentCircuit($id: ID!) {
    openAgentCircuit(id: $id) {
      __typename
      ... on Agent {
        id
        circuit {
          state
        }
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export type CircuitAction = "reset" | "open";

/** Runs an action on an agent's circuit; resolves to an error message, or null when done. */
export function useCircuitActions() {
  const [resetState, reset] = useMutation(ResetAgentCircuit);
  const [openState, open] = useMutation(OpenAgentCircuit);
  const run = async (action: CircuitAction, id: string): Promise<string | null> => {
    const context = { additionalTypenames: ["Agent", "AgentHealth"] };
    const result = action === "reset" ? await reset({ id }, context) : await open({ id }, context);
    if (result.error) return errorMessage(result.error);
    const data =
      result.data &&
      ("resetAgentCircuit" in result.data ? result.data.resetAgentCircuit : result.data.openAgentCircuit);
    if (data?.__typename === "NotFoundError") return data.message;
    return null;
  };
  return { run, busy: resetState.fetching || openState.fetching };
}
