// Calls `onChange` for every change of any agent's circuit breaker (graphql-ws), so a page can
// refetch the circuit states and figures it shows when a circuit opens, half-opens or closes.
import { useEffect, useRef } from "react";
import { useSubscription } from "urql";
import { graphql } from "../../../gql/index.ts";
import type { AgentHealthChangedSubscription } from "../../../gql/graphql.ts";

const AgentHealthChanged = graphql(`
  subscription AgentHealthChanged {
    agentHealthChanged {
      agentId
      name
      state
      consecutiveFailures
      at
    }
  }
`);

export type AgentHealthChange = AgentHealthChangedSubscription["agentHealthChanged"];

export function useAgentHealthChanged(onChange: (change: AgentHealthChange) => void) {
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useSubscription({ query: AgentHealthChanged }, (_previous: AgentHealthChangedSubscription | undefined, event) => {
    latest.current(event.agentHealthChanged);
    return event;
  });
}
