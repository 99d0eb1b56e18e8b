// Calls `onEvent` for every run started, finished or cancelled anywhere (graphql-ws), optionally of
// one template (by id), so a list of runs can refetch instead of polling.
import { useEffect, useRef } from "react";
import { useSubscription } from "urql";
import { graphql } from "../../../gql/index.ts";
import type { WorkflowRunsEventsSubscription } from "../../../gql/graphql.ts";

const WorkflowRunsEvents = graphql(`
  subscription WorkflowRunsEvents($workflow: ID) {
    workflowRuns(workflow: $workflow) {
      seq
      runId
      workflowId
      runStatus
    }
  }
`);

export type WorkflowRunsEvent = WorkflowRunsEventsSubscription["workflowRuns"];

export function useWorkflowRunsEvents(
  onEvent: (event: WorkflowRunsEvent) => void,
  { workflow = null, pause = false }: { workflow?: string | null; pause?: boolean } = {},
) {
  const latest = useRef(onEvent);
  useEffect(() => {
    latest.current = onEvent;
  });
  useSubscription(
    { query: WorkflowRunsEvents, variables: { workflow }, pause },
    (_previous: WorkflowRunsEventsSubscription | undefined, event) => {
      latest.current(event.workflowRuns);
      return event;
    },
  );
}
