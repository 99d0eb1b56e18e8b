// The executions the timeline draws: the page's query result, then kept current by the
// executionChanges subscription (recorded and updated executions merged in without a reload).
// Events are batched for a moment so a burst (a batch of 1,000) re-orders the trees once. Given a
// `refetch`, a view showing unfinished executions that has seen none of them change for a while
// fetches again (lib/silence.ts): an update that missed the page must not leave a bar running.
// Away from "now" (filter.onlyShown) new trees are not drawn: their roots are counted in `held`
// until the next query result (the page's "N new — show").
import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import { useClient, useSubscription } from "urql";
// useFragment only unmasks (no React hook inside): named for what it does here, in callbacks.
import { type FragmentType, graphql, useFragment as readFragment } from "../../../gql/index.ts";
import type { TimelineBarExecutionFragment, TimelineExecutionChangesSubscription } from "../../../gql/graphql.ts";
import {
  type ExecutionEventFields,
  type ExecutionFields,
  type LiveFilter,
  mergeExecutions,
  toTimelineExecution,
} from "../lib/merge.ts";
import { orderTrees } from "../lib/lanes.ts";
import type { TimelineExecution } from "../lib/types.ts";
import { fromEnum } from "../../../lib/graphql-enum.ts";
import { useSilenceRefetch } from "../../../lib/use-silence-refetch.ts";

export const TimelineBarFragment = graphql(`
  fragment TimelineBarExecution on Execution {
    id
    agentName
    status
    timestamp
    endedAt
    durationMs
    parentExecutionId
    rootId
    attempt
    workflowId
    workflowRunId
    workflowStepId
  }
`);

const TimelineExecutionChanges = graphql(`
  subscription TimelineExecutionChanges {
    executionChanges {
      resync
      events {
        kind
        execution {
          ...TimelineBarExecution
        }
      }
    }
  }
`);

const TimelineAncestors = graphql(`
  query TimelineAncestors($id: ID!) {
    execution(id: $id) {
      id
      ancestors {
        ...TimelineBarExecution
      }
    }
  }
`);

type BarRef = FragmentType<typeof TimelineBarFragment>;

/** An execution as the timeline reads it: its status in the dashboard's words (`in_progress`). */
const withWords = (e: TimelineBarExecutionFragment) => ({ ...e, status: fromEnum(e.status) });
const readBars = (refs: readonly BarRef[]) => readFragment(TimelineBarFragment, refs).map(withWords);

const UNFINISHED = new Set(["pending", "in_progress"]);
const noRefetch = () => {};

export function useTimelineExecutions(
  loaded: { executions: readonly BarRef[]; contextIds: readonly string[] } | undefined,
  filter: LiveFilter,
  refetch?: () => void,
): { executions: TimelineExecution[]; held: number } {
  const client = useClient();
  const base = useMemo(() => {
    if (!loaded) return [];
    const context = new Set(loaded.contextIds);
    return orderTrees(readBars(loaded.executions).map((e) => toTimelineExecution(e, context.has(e.id))));
  }, [loaded]);
  // The merged list lives in a ref (the subscription handler reads and writes it between renders);
  // a new query result replaces it. `bump` re-renders after a merge.
  const store = useRef({ base, executions: base, held: new Set<string>() });
  if (store.current.base !== base) store.current = { base, executions: base, held: new Set() };
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const shown = store.current.executions;
  const unfinished = useMemo(() => shown.some((e) => UNFINISHED.has(e.status)), [shown]);
  const heard = useSilenceRefetch(refetch !== undefined && unfinished, refetch ?? noRefetch);

  const filterRef = useRef(filter);
  filterRef.current = filter;
  const pending = useRef<ExecutionEventFields[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const merge = useCallback(
    (events: ExecutionEventFields[], context: ExecutionFields[] = []) => {
      const r = mergeExecutions(store.current.executions, events, filterRef.current, context);
      const before = store.current.held.size;
      for (const id of r.held) store.current.held.add(id);
      if (store.current.held.size !== before) bump();
      if (r.changed) {
        store.current = { ...store.current, executions: r.executions };
        bump();
        heard();
      }
      return r.orphans;
    },
    [heard],
  );

  const fetchAncestors = useCallback(
    async (ids: string[]) => {
      for (const id of ids) {
        const r = await client.query(TimelineAncestors, { id }, { requestPolicy: "network-only" }).toPromise();
        if (r.data?.execution) merge([], readBars(r.data.execution.ancestors));
      }
    },
    [client, merge],
  );

  const flush = useCallback(() => {
    timer.current = null;
    const events = pending.current;
    pending.current = [];
    const orphans = merge(events);
    if (orphans.length) void fetchAncestors(orphans);
  }, [merge, fetchAncestors]);

  useSubscription(
    { query: TimelineExecutionChanges },
    (_prev: unknown, event: TimelineExecutionChangesSubscription) => {
      // A resync marker: changes were dropped, so the page's query runs again (its result replaces
      // the merged list); the changes after the marker are merged as usual.
      if (event.executionChanges.resync) refetch?.();
      for (const e of event.executionChanges.events)
        pending.current.push({
          kind: fromEnum(e.kind),
          execution: withWords(readFragment(TimelineBarFragment, e.execution)),
        });
      if (pending.current.length > 0) timer.current ??= setTimeout(flush, 120);
      return event;
    },
  );

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return { executions: store.current.executions, held: store.current.held.size };
}
