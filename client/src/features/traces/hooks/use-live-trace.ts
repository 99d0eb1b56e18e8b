// Keeps a trace view current: every execution of the tree recorded or changed (a child handed
// work, a running one finishing) asks for a fresh copy of the tree, at most once per interval,
// since one read answers any number of changes.
import { useSubscription } from "urql";
import { graphql } from "../../../gql/index.ts";
import { useThrottled } from "../../../lib/use-throttled.ts";

const TraceExecutionChanges = graphql(`
  subscription TraceExecutionChanges($rootId: ID) {
    executionChanges(rootId: $rootId) {
      resync
      events {
        kind
      }
    }
  }
`);

export const LIVE_TRACE_MS = 1000;

export function useLiveTrace(rootId: string | null, refetch: () => void) {
  const refresh = useThrottled(refetch, LIVE_TRACE_MS);
  useSubscription(
    { query: TraceExecutionChanges, variables: { rootId }, pause: rootId === null },
    (_prev: unknown, event) => {
      if (event.executionChanges.resync || event.executionChanges.events.length > 0) refresh();
      return event;
    },
  );
}
