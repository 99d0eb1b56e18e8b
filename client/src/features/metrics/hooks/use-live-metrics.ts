// Keeps the metrics current: every execution recorded or updated inside the compared periods (the
// range and the previous one) asks for a fresh copy, at most once per interval, since one
// aggregate query answers any number of new executions.
import { useRef } from "react";
import { useSubscription } from "urql";
import { graphql } from "../../../gql/index.ts";
import type { MetricsExecutionChangesSubscription } from "../../../gql/graphql.ts";
import { useThrottled } from "../../../lib/use-throttled.ts";

const MetricsExecutionChanges = graphql(`
  subscription MetricsExecutionChanges($agent: [String!]) {
    executionChanges(agent: $agent) {
      resync
      events {
        kind
        execution {
          id
          timestamp
        }
      }
    }
  }
`);

export const LIVE_REFRESH_MS = 2000;

interface LiveMetricsOptions {
  /** The agents the page shows, or null for all. */
  agent: string[] | null;
  /** Executions starting in [fromMs, toMs) change the figures; toMs null: the range runs to now. */
  period: { fromMs: number; toMs: number | null } | null;
  refetch: () => void;
}

export function useLiveMetrics({ agent, period, refetch }: LiveMetricsOptions) {
  const periodRef = useRef(period);
  periodRef.current = period;
  const refresh = useThrottled(refetch, LIVE_REFRESH_MS);

  useSubscription(
    { query: MetricsExecutionChanges, variables: { agent } },
    (_prev: unknown, event: MetricsExecutionChangesSubscription) => {
      const w = periodRef.current;
      // A resync marker: changes were dropped, so the figures are fetched again.
      if (event.executionChanges.resync) refresh();
      for (const { execution } of event.executionChanges.events) {
        const at = Date.parse(execution.timestamp);
        if (!w || (at >= w.fromMs && (w.toMs === null || at < w.toMs))) refresh();
      }
      return event;
    },
  );
}
