// Calls `onChange` for every agent registered, updated or deleted anywhere (graphql-ws), so a page
// can refetch what it shows when another tab or a curl changes the registry.
import { useEffect, useRef } from "react";
import { useSubscription } from "urql";
import { graphql } from "../../../gql/index.ts";
import type { AgentChangedSubscription } from "../../../gql/graphql.ts";

const AgentChanged = graphql(`
  subscription AgentChanged {
    agentChanged {
      kind
      agentId
      name
    }
  }
`);

export type AgentChange = AgentChangedSubscription["agentChanged"];

export function useAgentChanged(onChange: (change: AgentChange) => void) {
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useSubscription({ query: AgentChanged }, (_previous: AgentChangedSubscription | undefined, event) => {
    latest.current(event.agentChanged);
    return event;
  });
}
