// Keeps the handoff graph current: an execution recorded or updated inside the range (and the
// workflow, when one is chosen) asks for a fresh graph, at most once per interval — one aggregate
// query answers any number of new executions, as on the metrics page.
import { useRef } from "react";
import { useSubscription } from "urql";
import { graphql } from "../../../gql/index.ts";
import type { GraphExecutionChangesSubscription } from "../../../gql/graphql.ts";
import { useThrottled } from "../../../lib/use-throttled.ts";

const GraphExecutionChanges = graphql(`
  subscription GraphExecutionChanges {
    executionChanges {
      resync
      events {
        kind
        execution {
          id
          timestamp
          workflowId
        }
      }
    }
  }
`);

export const LIVE_GRAPH_REFRESH_MS = 2000;

interface LiveGraphOptions {
  /** Executions starting in [startMs, endMs) change the graph; null bounds are open. */
  startMs: number | null;
  endMs: number | null;
  /** The chosen template's id, or null for every execution. */
  workflowId: string | null;
  refetch: () => void;
}

export function useLiveGraph(options: LiveGraphOptions) {
  const latest = useRef(options);
  latest.current = options;
  const refresh = useThrottled(options.refetch, LIVE_GRAPH_REFRESH_MS);

  useSubscription({ query: GraphExecutionChanges }, (_prev: unknown, event: GraphExecutionChangesSubscription) => {
    const { startMs, endMs, workflowId } = latest.current;
    // A resync marker: changes were dropped, so the graph is fetched again.
    if (event.executionChanges.resync) refresh();
    for (const { execution: e } of event.executionChanges.events) {
      const at = Date.parse(e.timestamp);
      const inRange = (startMs === null || at >= startMs) && (endMs === null || at < endMs);
      if (inRange && (workflowId === null || e.workflowId === workflowId)) refresh();
    }
    return event;
  });
}
