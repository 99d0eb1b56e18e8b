// Every agent's circuit state by name, for pages that mark troubled agents (the graph, the
// timeline): read once (every page of the registry), then kept current from the
// `agentHealthChanged` subscription without another read. Only circuits that are not closed are
// kept, so a page looks an agent up and treats "absent" as closed.
import { useEffect, useRef, useState } from "react";
import { useClient } from "urql";
import type { CircuitStatesPageQuery } from "../../../gql/graphql.ts";
import { graphql } from "../../../gql/index.ts";
import { fromEnum } from "../../../lib/graphql-enum.ts";
import { useAgentHealthChanged } from "./use-agent-health-changed.ts";

export type TroubledCircuit = "open" | "half_open";
export type CircuitStates = ReadonlyMap<string, TroubledCircuit>;

const CircuitStatesPage = graphql(`
  query CircuitStatesPage($after: String) {
    agents(first: 200, after: $after) {
      nodes {
        id
        name
        circuit {
          state
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const MAX_PAGES = 50;

function withState(states: CircuitStates, name: string, state: "closed" | TroubledCircuit): CircuitStates {
  if ((states.get(name) ?? "closed") === state) return states;
  const next = new Map(states);
  if (state === "closed") next.delete(name);
  else next.set(name, state);
  return next;
}

export function useCircuitStates(): CircuitStates {
  const client = useClient();
  const [states, setStates] = useState<CircuitStates>(() => new Map());
  /** Changes heard while the registry is read are newer than the read: applied over it. */
  const heard = useRef(new Map<string, "closed" | TroubledCircuit>());
  useEffect(() => {
    let live = true;
    void (async () => {
      const read = new Map<string, TroubledCircuit>();
      let after: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const r: { data?: CircuitStatesPageQuery } = await client
          .query(CircuitStatesPage, { after }, { requestPolicy: "network-only" })
          .toPromise();
        const agents = r.data?.agents;
        if (!agents) return;
        for (const a of agents.nodes) {
          const state = fromEnum(a.circuit.state);
          if (state !== "closed") read.set(a.name, state);
        }
        if (!agents.pageInfo.hasNextPage) break;
        after = agents.pageInfo.endCursor ?? null;
      }
      if (!live) return;
      let next: CircuitStates = read;
      for (const [name, state] of heard.current) next = withState(next, name, state);
      setStates(next);
    })();
    return () => {
      live = false;
    };
  }, [client]);
  useAgentHealthChanged((change) => {
    const state = fromEnum(change.state);
    heard.current.set(change.name, state);
    setStates((s) => withState(s, change.name, state));
  });
  return states;
}
