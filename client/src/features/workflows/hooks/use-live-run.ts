// One run, live: the page's query, then every workflowRun(id) event laid over it (lib/run-state.ts)
// as it arrives. A burst of step events also refetches the run (coalesced), so its executions reach
// the embedded timeline and the snapshot catches up with what events carry not. Events can be
// missed (the subscription registers on the server a moment after the query answered; a socket
// drops): while the run is unfinished and quiet, it is fetched again now and then
// (lib/use-silence-refetch.ts), so the page cannot stay "running" after the run ended.
import { useCallback, useMemo, useState } from "react";
import { useQuery, useSubscription } from "urql";
import { graphql } from "../../../gql/index.ts";
import type { WorkflowRunPageQuery as RunPageResult, WorkflowRunEventsSubscription } from "../../../gql/graphql.ts";
import { fromEnum } from "../../../lib/graphql-enum.ts";
import { errorWithCode } from "../../../lib/graphql-errors.ts";
import { applyRunEvents, type RunEventFields } from "../lib/run-state.ts";
import { useSilenceRefetch } from "../../../lib/use-silence-refetch.ts";
import { isFinished } from "../lib/status.ts";
import { useCoalesced } from "./use-coalesced.ts";

const WorkflowRunPageQuery = graphql(`
  query WorkflowRunPage($id: ID!) {
    workflowRun(id: $id) {
      id
      workflowId
      workflowName
      status
      params
      error
      failedStepId
      createdAt
      startedAt
      endedAt
      cancelRequested
      outputs
      definition
      steps {
        stepId
        agentName
        role
        position
        status
        attempts
        outputs
        error
        executionId
        startedAt
        endedAt
      }
      workflow {
        id
        stepList {
          id
          runnerKind
          runnerSource
          ...FlowDiagramWorkflowStep
        }
      }
      executions {
        id
        ...TimelineBarExecution
      }
    }
  }
`);

const WorkflowRunEvents = graphql(`
  subscription WorkflowRunEvents($id: ID!) {
    workflowRun(id: $id) {
      seq
      kind
      runId
      runStatus
      stepStatus
      at
      error
      failedStepId
      stepId
      attempts
      executionId
      outputs
    }
  }
`);

/** Events kept to lay over the next snapshot; older ones are already in it. */
const MAX_EVENTS = 1000;
const REFETCH_DELAY_MS = 250;

export function useLiveRun(id: string) {
  const [result, reexecute] = useQuery({
    query: WorkflowRunPageQuery,
    variables: { id },
    requestPolicy: "cache-and-network",
  });
  const [events, setEvents] = useState<RunEventFields[]>([]);
  const refetch = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  const scheduleRefetch = useCoalesced(refetch, REFETCH_DELAY_MS);
  const found = result.data?.workflowRun;
  const snapshot = useMemo(() => (found ? inWords(found) : undefined), [found]);
  const run = useMemo(
    () =>
      snapshot
        ? // applyRunEvent passes over another run's events.
          applyRunEvents(snapshot, events)
        : undefined,
    [snapshot, events],
  );
  const heard = useSilenceRefetch(run !== undefined && !isFinished(run.status), refetch);

  useSubscription(
    { query: WorkflowRunEvents, variables: { id } },
    (_prev: unknown, data: WorkflowRunEventsSubscription) => {
      heard();
      const e = runEvent(data.workflowRun);
      if (!e) return data;
      setEvents((list) => [...list.slice(-(MAX_EVENTS - 1)), e]);
      // Steps bring executions (the timeline); a finished run brings its outputs and final times.
      if (e.kind === "step" || isFinished(e.status)) scheduleRefetch();
      return data;
    },
  );

  return {
    run,
    notFound: errorWithCode(result.error, "NOT_FOUND")?.message ?? null,
    error: result.error,
    fetching: result.fetching,
  };
}

type RunSnapshot = NonNullable<RunPageResult["workflowRun"]>;

/** The run with its statuses and its steps' in the dashboard's words (`running`, `succeeded`). */
function inWords(run: RunSnapshot) {
  return {
    ...run,
    status: fromEnum(run.status),
    steps: run.steps.map((s) => ({ ...s, status: fromEnum(s.status) })),
  };
}

/** An event as run-state.ts applies it: the run's or the step's new status, in words; null without one. */
function runEvent(e: WorkflowRunEventsSubscription["workflowRun"]): RunEventFields | null {
  const status = e.kind === "RUN" ? e.runStatus : e.stepStatus;
  if (!status) return null;
  return { ...e, kind: fromEnum(e.kind), status: fromEnum(status) };
}

export type LiveRunData = NonNullable<ReturnType<typeof useLiveRun>["run"]>;
