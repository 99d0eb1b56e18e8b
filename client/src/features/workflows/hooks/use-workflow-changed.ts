// Calls `onChange` for every template created, updated or deleted anywhere (graphql-ws), so the
// template browser shows a template a curl or another tab just created.
import { useEffect, useRef } from "react";
import { useSubscription } from "urql";
import { graphql } from "../../../gql/index.ts";
import type { WorkflowChangedSubscription } from "../../../gql/graphql.ts";

const WorkflowChanged = graphql(`
  subscription WorkflowChanged {
    workflowChanged {
      kind
      workflowId
      name
    }
  }
`);

export function useWorkflowChanged(onChange: (change: WorkflowChangedSubscription["workflowChanged"]) => void) {
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useSubscription({ query: WorkflowChanged }, (_previous: WorkflowChangedSubscription | undefined, event) => {
    latest.current(event.workflowChanged);
    return event;
  });
}
