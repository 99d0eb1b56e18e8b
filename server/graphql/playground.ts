// The tabs GraphiQL opens with at /graphql: one example per common task, each runnable as it
// stands against a freshly seeded Baton (tests/api/docs-examples.graphql.test.ts runs them all).

export interface PlaygroundTab {
  query: string;
  variables?: string;
}

export const PLAYGROUND_TABS: PlaygroundTab[] = [
  {
    query: `# Agents, 20 at a time. Next page: pass
# pageInfo.endCursor as the $after variable.
query ListAgents($after: String) {
  agents(first: 20, after: $after) {
    totalCount
    nodes { name capabilities coordinationPatterns runner { kind } }
    pageInfo { hasNextPage endCursor }
  }
}`,
    variables: "{}",
  },
  {
    query: `# A handoff: TestAgent hands off to CodeAgent.
# A batch is all or nothing; the ids are yours
# (change them to record it again).
mutation RecordHandoff {
  recordExecutions(executions: [
    { id: "example-test-1", agentName: "TestAgent", status: SUCCESS, durationMs: 42000,
      inputs: { task: "write a failing test for GET /ping" } }
    { id: "example-code-1", agentName: "CodeAgent", status: IN_PROGRESS,
      parentExecutionId: "example-test-1" }
  ]) {
    __typename
    ... on RecordedExecutions { count ids }
    ... on ValidationError { issues { field message } }
    ... on ConflictError { message }
  }
}`,
  },
  {
    query: `# Every run's progress, live over graphql-ws.
# Start it, then run the RunTddCycle tab.
subscription FollowRuns {
  workflowRuns { runId kind runStatus failedStepId error at }
}`,
  },
  {
    query: `# Starts the seeded TDD cycle; it runs in the
# background (follow it in the FollowRuns tab).
mutation RunTddCycle {
  executeWorkflow(id: "tdd-cycle", params: { task: "GET /ping answers pong", suite: "api" }) {
    __typename
    ... on WorkflowRun { id status steps { stepId status } }
    ... on ValidationError { issues { field message } }
    ... on NotFoundError { message }
  }
}`,
  },
  {
    query: `# How the agents did in the last 30 days.
query Health {
  metrics(granularity: DAY) {
    summary { total successRate avgDurationMs p95DurationMs }
    agents { agentName summary { total successRate } }
  }
}`,
  },
];
