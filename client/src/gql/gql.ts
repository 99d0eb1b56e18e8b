/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment AgentCardAgent on Agent {\n    id\n    name\n    description\n    capabilities\n    coordinationPatterns\n    runner {\n      kind\n    }\n  }\n": typeof types.AgentCardAgentFragmentDoc,
    "\n  fragment AgentConfigAgent on Agent {\n    id\n    name\n    description\n    capabilities\n    tools\n    coordinationPatterns\n    runner {\n      kind\n      settings\n    }\n    retryPolicy {\n      maxRetries\n      backoff\n      initialDelayMs\n      maxDelayMs\n    }\n    circuitBreaker {\n      failureThreshold\n      cooldownMs\n    }\n    createdAt\n    updatedAt\n  }\n": typeof types.AgentConfigAgentFragmentDoc,
    "\n  fragment AgentFormAgent on Agent {\n    id\n    name\n    description\n    capabilities\n    tools\n    coordinationPatterns\n    runner {\n      kind\n      settings\n    }\n    retryPolicy {\n      maxRetries\n      backoff\n      initialDelayMs\n      maxDelayMs\n    }\n    circuitBreaker {\n      failureThreshold\n      cooldownMs\n    }\n  }\n": typeof types.AgentFormAgentFragmentDoc,
    "\n  fragment AgentFormCoordinationPattern on CoordinationPattern {\n    id\n    slug\n    name\n    description\n  }\n": typeof types.AgentFormCoordinationPatternFragmentDoc,
    "\n  subscription AgentChanged {\n    agentChanged {\n      kind\n      agentId\n      name\n    }\n  }\n": typeof types.AgentChangedDocument,
    "\n  mutation DeleteAgent($id: ID!) {\n    deleteAgent(id: $id) {\n      __typename\n      ... on DeletedAgent {\n        id\n        name\n      }\n      ... on NotFoundError {\n        message\n      }\n      ... on ConflictError {\n        message\n      }\n    }\n  }\n": typeof types.DeleteAgentDocument,
    "\n  query OpenAlertCount {\n    alerts(state: [OPEN], first: 1) {\n      totalCount\n    }\n  }\n": typeof types.OpenAlertCountDocument,
    "\n  subscription AlertChanges {\n    alerts {\n      event\n      alert {\n        id\n        state\n      }\n    }\n  }\n": typeof types.AlertChangesDocument,
    "\n  subscription GraphExecutionChanges {\n    executionChanges {\n      resync\n      events {\n        kind\n        execution {\n          id\n          timestamp\n          workflowId\n        }\n      }\n    }\n  }\n": typeof types.GraphExecutionChangesDocument,
    "\n  fragment MetricsViewMetrics on Metrics {\n    granularity\n    summary {\n      total\n      successes\n      failures\n      successRate\n      avgDurationMs\n      p50DurationMs\n      p95DurationMs\n    }\n    previous {\n      total\n      successes\n      failures\n      successRate\n      avgDurationMs\n      p50DurationMs\n      p95DurationMs\n    }\n    series {\n      label\n      start\n      total\n      successes\n      failures\n      successRate\n      avgDurationMs\n      p50DurationMs\n      p95DurationMs\n    }\n    agents {\n      agentName\n      summary {\n        total\n        successes\n        failures\n        successRate\n        avgDurationMs\n        p95DurationMs\n      }\n      series {\n        label\n        start\n        total\n        successes\n        failures\n        successRate\n        avgDurationMs\n        p50DurationMs\n        p95DurationMs\n      }\n    }\n  }\n": typeof types.MetricsViewMetricsFragmentDoc,
    "\n  subscription MetricsExecutionChanges($agent: [String!]) {\n    executionChanges(agent: $agent) {\n      resync\n      events {\n        kind\n        execution {\n          id\n          timestamp\n        }\n      }\n    }\n  }\n": typeof types.MetricsExecutionChangesDocument,
    "\n  fragment PatternCardCoordinationPattern on CoordinationPattern {\n    id\n    slug\n    name\n    description\n    whenToUse\n    diagramUrl\n    agents {\n      id\n      name\n    }\n  }\n": typeof types.PatternCardCoordinationPatternFragmentDoc,
    "\n  fragment PatternDetailCoordinationPattern on CoordinationPattern {\n    id\n    slug\n    name\n    description\n    whenToUse\n    diagramUrl\n    exampleWorkflow {\n      id\n      name\n      description\n    }\n    agents {\n      id\n      ...AgentCardAgent\n    }\n  }\n": typeof types.PatternDetailCoordinationPatternFragmentDoc,
    "\n  query ExecutionDetail($id: ID!) {\n    execution(id: $id) {\n      id\n      ...ExecutionDetailExecution\n    }\n  }\n": typeof types.ExecutionDetailDocument,
    "\n  fragment ExecutionDetailExecution on Execution {\n    id\n    agentName\n    status\n    timestamp\n    endedAt\n    durationMs\n    attempt\n    error\n    inputs\n    outputs\n    workflowId\n    workflow {\n      id\n      name\n    }\n    workflowRunId\n    workflowStepId\n    ancestors {\n      id\n      agentName\n      status\n    }\n    children {\n      id\n      agentName\n      status\n    }\n  }\n": typeof types.ExecutionDetailExecutionFragmentDoc,
    "\n  mutation RetryExecution($id: ID!) {\n    retryExecution(id: $id) {\n      __typename\n      ... on ExecutionRetry {\n        run {\n          id\n          status\n        }\n        execution {\n          id\n          status\n          attempt\n        }\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.RetryExecutionDocument,
    "\n  fragment TimelineBarExecution on Execution {\n    id\n    agentName\n    status\n    timestamp\n    endedAt\n    durationMs\n    parentExecutionId\n    rootId\n    attempt\n    workflowId\n    workflowRunId\n  }\n": typeof types.TimelineBarExecutionFragmentDoc,
    "\n  subscription TimelineExecutionChanges {\n    executionChanges {\n      resync\n      events {\n        kind\n        execution {\n          ...TimelineBarExecution\n        }\n      }\n    }\n  }\n": typeof types.TimelineExecutionChangesDocument,
    "\n  query TimelineAncestors($id: ID!) {\n    execution(id: $id) {\n      id\n      ancestors {\n        ...TimelineBarExecution\n      }\n    }\n  }\n": typeof types.TimelineAncestorsDocument,
    "\n  mutation CancelWorkflowRun($id: ID!) {\n    cancelWorkflowRun(id: $id) {\n      __typename\n      ... on WorkflowRun {\n        id\n        status\n        cancelRequested\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.CancelWorkflowRunDocument,
    "\n  fragment FlowDiagramWorkflowStep on WorkflowStep {\n    id\n    runnerKind\n    runnerSource\n  }\n": typeof types.FlowDiagramWorkflowStepFragmentDoc,
    "\n  fragment RunFormWorkflowTemplate on WorkflowTemplate {\n    id\n    name\n    parameters\n  }\n": typeof types.RunFormWorkflowTemplateFragmentDoc,
    "\n  mutation ResumeWorkflowRun($id: ID!) {\n    resumeWorkflowRun(id: $id) {\n      __typename\n      ... on WorkflowRun {\n        id\n        status\n        error\n        failedStepId\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.ResumeWorkflowRunDocument,
    "\n  mutation RerunWorkflowRun($id: ID!) {\n    rerunWorkflowRun(id: $id) {\n      __typename\n      ... on WorkflowRun {\n        id\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n      ... on ValidationError {\n        message\n      }\n    }\n  }\n": typeof types.RerunWorkflowRunDocument,
    "\n  mutation RollbackWorkflowRun($id: ID!) {\n    rollbackWorkflowRun(id: $id) {\n      __typename\n      ... on WorkflowRun {\n        id\n        status\n        error\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.RollbackWorkflowRunDocument,
    "\n  fragment RunsTableWorkflowRun on WorkflowRun {\n    id\n    workflowId\n    workflowName\n    status\n    createdAt\n    startedAt\n    endedAt\n    failedStepId\n  }\n": typeof types.RunsTableWorkflowRunFragmentDoc,
    "\n  fragment WorkflowCardWorkflowTemplate on WorkflowTemplate {\n    id\n    name\n    description\n    patterns\n    runCount\n    steps\n  }\n": typeof types.WorkflowCardWorkflowTemplateFragmentDoc,
    "\n  query WorkflowRunPage($id: ID!) {\n    workflowRun(id: $id) {\n      id\n      workflowId\n      workflowName\n      status\n      params\n      error\n      failedStepId\n      createdAt\n      startedAt\n      endedAt\n      cancelRequested\n      outputs\n      definition\n      steps {\n        stepId\n        agentName\n        role\n        position\n        status\n        attempts\n        outputs\n        error\n        executionId\n        startedAt\n        endedAt\n      }\n      workflow {\n        id\n        stepList {\n          id\n          runnerKind\n          runnerSource\n          ...FlowDiagramWorkflowStep\n        }\n      }\n      executions {\n        id\n        ...TimelineBarExecution\n      }\n    }\n  }\n": typeof types.WorkflowRunPageDocument,
    "\n  subscription WorkflowRunEvents($id: ID!) {\n    workflowRun(id: $id) {\n      seq\n      kind\n      runId\n      runStatus\n      stepStatus\n      at\n      error\n      failedStepId\n      stepId\n      attempts\n      executionId\n      outputs\n    }\n  }\n": typeof types.WorkflowRunEventsDocument,
    "\n  mutation ExecuteWorkflow($id: ID!, $params: JSON) {\n    executeWorkflow(id: $id, params: $params) {\n      __typename\n      ... on WorkflowRun {\n        id\n        status\n      }\n      ... on ValidationError {\n        message\n        issues {\n          field\n          message\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.ExecuteWorkflowDocument,
    "\n  subscription WorkflowChanged {\n    workflowChanged {\n      kind\n      workflowId\n      name\n    }\n  }\n": typeof types.WorkflowChangedDocument,
    "\n  query WorkflowId($id: ID!) {\n    workflow(id: $id) {\n      id\n    }\n  }\n": typeof types.WorkflowIdDocument,
    "\n  subscription WorkflowRunsEvents($workflow: ID) {\n    workflowRuns(workflow: $workflow) {\n      seq\n      runId\n      workflowId\n      runStatus\n    }\n  }\n": typeof types.WorkflowRunsEventsDocument,
    "\n  query AccessPage($includeRevoked: Boolean!) {\n    viewer {\n      authentication\n      actor\n      scopes\n    }\n    apiTokens(includeRevoked: $includeRevoked, first: 200) {\n      totalCount\n      nodes {\n        id\n        name\n        prefix\n        scopes\n        createdAt\n        lastUsedAt\n        expiresAt\n        revokedAt\n        active\n      }\n    }\n  }\n": typeof types.AccessPageDocument,
    "\n  query AccessViewer {\n    viewer {\n      authentication\n      actor\n      scopes\n    }\n  }\n": typeof types.AccessViewerDocument,
    "\n  query AuditLog($outcome: String) {\n    auditLog(first: 50, outcome: $outcome) {\n      totalCount\n      nodes {\n        id\n        at\n        actor\n        via\n        operation\n        request\n        outcome\n        target\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  mutation CreateApiToken($input: ApiTokenInput!) {\n    createApiToken(input: $input) {\n      __typename\n      ... on CreatedApiToken {\n        secret\n        token {\n          id\n          name\n        }\n      }\n      ... on ValidationError {\n        message\n      }\n    }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      __typename\n      ... on ApiToken {\n        id\n        revokedAt\n        active\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.RevokeApiTokenDocument,
    "\n  query AgentDetailPage($id: ID!) {\n    agent(id: $id) {\n      id\n      name\n      runner {\n        kind\n      }\n      ...AgentConfigAgent\n    }\n  }\n": typeof types.AgentDetailPageDocument,
    "\n  query AgentEditPage($id: ID!) {\n    agent(id: $id) {\n      id\n      name\n      ...AgentFormAgent\n    }\n    patterns {\n      id\n      ...AgentFormCoordinationPattern\n    }\n  }\n": typeof types.AgentEditPageDocument,
    "\n  mutation UpdateAgent($id: ID!, $input: UpdateAgentInput!) {\n    updateAgent(id: $id, input: $input) {\n      __typename\n      ... on Agent {\n        id\n        name\n      }\n      ... on ValidationError {\n        message\n        field\n        issues {\n          field\n          message\n        }\n      }\n      ... on ConflictError {\n        message\n        field\n      }\n      ... on NotFoundError {\n        message\n        field\n      }\n    }\n  }\n": typeof types.UpdateAgentDocument,
    "\n  query AgentNewPage {\n    patterns {\n      id\n      ...AgentFormCoordinationPattern\n    }\n  }\n": typeof types.AgentNewPageDocument,
    "\n  mutation CreateAgent($input: CreateAgentInput!) {\n    createAgent(input: $input) {\n      __typename\n      ... on Agent {\n        id\n        name\n      }\n      ... on ValidationError {\n        message\n        field\n        issues {\n          field\n          message\n        }\n      }\n      ... on ConflictError {\n        message\n        field\n      }\n    }\n  }\n": typeof types.CreateAgentDocument,
    "\n  query AgentsPage($capability: String, $pattern: String, $q: String, $first: Int, $offset: Int) {\n    agents(capability: $capability, pattern: $pattern, q: $q, first: $first, offset: $offset) {\n      totalCount\n      nodes {\n        id\n        ...AgentCardAgent\n      }\n    }\n  }\n": typeof types.AgentsPageDocument,
    "\n  query AgentFacets {\n    agents(first: 200) {\n      nodes {\n        id\n        capabilities\n      }\n    }\n    patterns {\n      id\n      slug\n      name\n    }\n  }\n": typeof types.AgentFacetsDocument,
    "\n  query AlertsPage($state: [AlertState!], $agent: ID) {\n    alerts(state: $state, agent: $agent, first: 200) {\n      totalCount\n      nodes {\n        id\n        kind\n        state\n        agentName\n        message\n        raisedAt\n        acknowledgedAt\n        acknowledgedBy\n        resolvedAt\n      }\n    }\n  }\n": typeof types.AlertsPageDocument,
    "\n  mutation AcknowledgeAlert($id: ID!) {\n    acknowledgeAlert(id: $id) {\n      __typename\n      ... on Alert {\n        id\n        state\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.AcknowledgeAlertDocument,
    "\n  query GraphPage($startDate: DateOrDateTime, $endDate: DateOrDateTime, $workflow: ID) {\n    handoffGraph(startDate: $startDate, endDate: $endDate, workflow: $workflow) {\n      nodes {\n        agentName\n        executionCount\n        successCount\n        failureCount\n        successRate\n        avgDurationMs\n      }\n      edges {\n        source\n        target\n        count\n        successCount\n        failureCount\n        successRate\n        firstAt\n        lastAt\n      }\n    }\n  }\n": typeof types.GraphPageDocument,
    "\n  query GraphWorkflowOptions {\n    workflows(first: 200) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": typeof types.GraphWorkflowOptionsDocument,
    "\n  query MetricsPage(\n    $agent: [String!]\n    $startDate: DateOrDateTime\n    $endDate: DateOrDateTime\n    $granularity: Granularity\n    $tz: String\n  ) {\n    metrics(agent: $agent, startDate: $startDate, endDate: $endDate, granularity: $granularity, tz: $tz) {\n      start\n      end\n      granularity\n      tz\n      previousStart\n      agents {\n        agentName\n      }\n      series {\n        label\n        start\n      }\n      ...MetricsViewMetrics\n    }\n  }\n": typeof types.MetricsPageDocument,
    "\n  query MetricsAgentOptions {\n    agents(first: 200) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": typeof types.MetricsAgentOptionsDocument,
    "\n  query PatternDetailPage($id: ID!) {\n    pattern(id: $id) {\n      id\n      name\n      ...PatternDetailCoordinationPattern\n    }\n  }\n": typeof types.PatternDetailPageDocument,
    "\n  query PatternsPage {\n    patterns {\n      id\n      ...PatternCardCoordinationPattern\n    }\n  }\n": typeof types.PatternsPageDocument,
    "\n  query TimelinePage(\n    $agent: [String!]\n    $status: [ExecutionStatus!]\n    $startDate: DateOrDateTime\n    $endDate: DateOrDateTime\n    $workflow: ID\n    $workflowRun: ID\n    $limit: Int\n  ) {\n    timeline(\n      agent: $agent\n      status: $status\n      startDate: $startDate\n      endDate: $endDate\n      workflow: $workflow\n      workflowRun: $workflowRun\n      limit: $limit\n    ) {\n      rootCount\n      matchedCount\n      truncated\n      contextIds\n      executions {\n        id\n        ...TimelineBarExecution\n      }\n    }\n  }\n": typeof types.TimelinePageDocument,
    "\n  query TimelineAgentOptions {\n    agents(first: 200) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": typeof types.TimelineAgentOptionsDocument,
    "\n  query WorkflowDetailPage($id: ID!) {\n    workflow(id: $id) {\n      id\n      name\n      description\n      patterns\n      runCount\n      steps\n      stepList {\n        id\n        ...FlowDiagramWorkflowStep\n      }\n      ...RunFormWorkflowTemplate\n      runs(limit: 10) {\n        id\n        ...RunsTableWorkflowRun\n      }\n    }\n  }\n": typeof types.WorkflowDetailPageDocument,
    "\n  query WorkflowsPage {\n    workflows(first: 200) {\n      totalCount\n      nodes {\n        id\n        ...WorkflowCardWorkflowTemplate\n      }\n    }\n  }\n": typeof types.WorkflowsPageDocument,
    "\n  query RecentWorkflowRuns($status: [WorkflowRunStatus!], $first: Int) {\n    workflowRuns(status: $status, first: $first) {\n      totalCount\n      nodes {\n        id\n        ...RunsTableWorkflowRun\n      }\n    }\n  }\n": typeof types.RecentWorkflowRunsDocument,
};
const documents: Documents = {
    "\n  fragment AgentCardAgent on Agent {\n    id\n    name\n    description\n    capabilities\n    coordinationPatterns\n    runner {\n      kind\n    }\n  }\n": types.AgentCardAgentFragmentDoc,
    "\n  fragment AgentConfigAgent on Agent {\n    id\n    name\n    description\n    capabilities\n    tools\n    coordinationPatterns\n    runner {\n      kind\n      settings\n    }\n    retryPolicy {\n      maxRetries\n      backoff\n      initialDelayMs\n      maxDelayMs\n    }\n    circuitBreaker {\n      failureThreshold\n      cooldownMs\n    }\n    createdAt\n    updatedAt\n  }\n": types.AgentConfigAgentFragmentDoc,
    "\n  fragment AgentFormAgent on Agent {\n    id\n    name\n    description\n    capabilities\n    tools\n    coordinationPatterns\n    runner {\n      kind\n      settings\n    }\n    retryPolicy {\n      maxRetries\n      backoff\n      initialDelayMs\n      maxDelayMs\n    }\n    circuitBreaker {\n      failureThreshold\n      cooldownMs\n    }\n  }\n": types.AgentFormAgentFragmentDoc,
    "\n  fragment AgentFormCoordinationPattern on CoordinationPattern {\n    id\n    slug\n    name\n    description\n  }\n": types.AgentFormCoordinationPatternFragmentDoc,
    "\n  subscription AgentChanged {\n    agentChanged {\n      kind\n      agentId\n      name\n    }\n  }\n": types.AgentChangedDocument,
    "\n  mutation DeleteAgent($id: ID!) {\n    deleteAgent(id: $id) {\n      __typename\n      ... on DeletedAgent {\n        id\n        name\n      }\n      ... on NotFoundError {\n        message\n      }\n      ... on ConflictError {\n        message\n      }\n    }\n  }\n": types.DeleteAgentDocument,
    "\n  query OpenAlertCount {\n    alerts(state: [OPEN], first: 1) {\n      totalCount\n    }\n  }\n": types.OpenAlertCountDocument,
    "\n  subscription AlertChanges {\n    alerts {\n      event\n      alert {\n        id\n        state\n      }\n    }\n  }\n": types.AlertChangesDocument,
    "\n  subscription GraphExecutionChanges {\n    executionChanges {\n      resync\n      events {\n        kind\n        execution {\n          id\n          timestamp\n          workflowId\n        }\n      }\n    }\n  }\n": types.GraphExecutionChangesDocument,
    "\n  fragment MetricsViewMetrics on Metrics {\n    granularity\n    summary {\n      total\n      successes\n      failures\n      successRate\n      avgDurationMs\n      p50DurationMs\n      p95DurationMs\n    }\n    previous {\n      total\n      successes\n      failures\n      successRate\n      avgDurationMs\n      p50DurationMs\n      p95DurationMs\n    }\n    series {\n      label\n      start\n      total\n      successes\n      failures\n      successRate\n      avgDurationMs\n      p50DurationMs\n      p95DurationMs\n    }\n    agents {\n      agentName\n      summary {\n        total\n        successes\n        failures\n        successRate\n        avgDurationMs\n        p95DurationMs\n      }\n      series {\n        label\n        start\n        total\n        successes\n        failures\n        successRate\n        avgDurationMs\n        p50DurationMs\n        p95DurationMs\n      }\n    }\n  }\n": types.MetricsViewMetricsFragmentDoc,
    "\n  subscription MetricsExecutionChanges($agent: [String!]) {\n    executionChanges(agent: $agent) {\n      resync\n      events {\n        kind\n        execution {\n          id\n          timestamp\n        }\n      }\n    }\n  }\n": types.MetricsExecutionChangesDocument,
    "\n  fragment PatternCardCoordinationPattern on CoordinationPattern {\n    id\n    slug\n    name\n    description\n    whenToUse\n    diagramUrl\n    agents {\n      id\n      name\n    }\n  }\n": types.PatternCardCoordinationPatternFragmentDoc,
    "\n  fragment PatternDetailCoordinationPattern on CoordinationPattern {\n    id\n    slug\n    name\n    description\n    whenToUse\n    diagramUrl\n    exampleWorkflow {\n      id\n      name\n      description\n    }\n    agents {\n      id\n      ...AgentCardAgent\n    }\n  }\n": types.PatternDetailCoordinationPatternFragmentDoc,
    "\n  query ExecutionDetail($id: ID!) {\n    execution(id: $id) {\n      id\n      ...ExecutionDetailExecution\n    }\n  }\n": types.ExecutionDetailDocument,
    "\n  fragment ExecutionDetailExecution on Execution {\n    id\n    agentName\n    status\n    timestamp\n    endedAt\n    durationMs\n    attempt\n    error\n    inputs\n    outputs\n    workflowId\n    workflow {\n      id\n      name\n    }\n    workflowRunId\n    workflowStepId\n    ancestors {\n      id\n      agentName\n      status\n    }\n    children {\n      id\n      agentName\n      status\n    }\n  }\n": types.ExecutionDetailExecutionFragmentDoc,
    "\n  mutation RetryExecution($id: ID!) {\n    retryExecution(id: $id) {\n      __typename\n      ... on ExecutionRetry {\n        run {\n          id\n          status\n        }\n        execution {\n          id\n          status\n          attempt\n        }\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.RetryExecutionDocument,
    "\n  fragment TimelineBarExecution on Execution {\n    id\n    agentName\n    status\n    timestamp\n    endedAt\n    durationMs\n    parentExecutionId\n    rootId\n    attempt\n    workflowId\n    workflowRunId\n  }\n": types.TimelineBarExecutionFragmentDoc,
    "\n  subscription TimelineExecutionChanges {\n    executionChanges {\n      resync\n      events {\n        kind\n        execution {\n          ...TimelineBarExecution\n        }\n      }\n    }\n  }\n": types.TimelineExecutionChangesDocument,
    "\n  query TimelineAncestors($id: ID!) {\n    execution(id: $id) {\n      id\n      ancestors {\n        ...TimelineBarExecution\n      }\n    }\n  }\n": types.TimelineAncestorsDocument,
    "\n  mutation CancelWorkflowRun($id: ID!) {\n    cancelWorkflowRun(id: $id) {\n      __typename\n      ... on WorkflowRun {\n        id\n        status\n        cancelRequested\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.CancelWorkflowRunDocument,
    "\n  fragment FlowDiagramWorkflowStep on WorkflowStep {\n    id\n    runnerKind\n    runnerSource\n  }\n": types.FlowDiagramWorkflowStepFragmentDoc,
    "\n  fragment RunFormWorkflowTemplate on WorkflowTemplate {\n    id\n    name\n    parameters\n  }\n": types.RunFormWorkflowTemplateFragmentDoc,
    "\n  mutation ResumeWorkflowRun($id: ID!) {\n    resumeWorkflowRun(id: $id) {\n      __typename\n      ... on WorkflowRun {\n        id\n        status\n        error\n        failedStepId\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.ResumeWorkflowRunDocument,
    "\n  mutation RerunWorkflowRun($id: ID!) {\n    rerunWorkflowRun(id: $id) {\n      __typename\n      ... on WorkflowRun {\n        id\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n      ... on ValidationError {\n        message\n      }\n    }\n  }\n": types.RerunWorkflowRunDocument,
    "\n  mutation RollbackWorkflowRun($id: ID!) {\n    rollbackWorkflowRun(id: $id) {\n      __typename\n      ... on WorkflowRun {\n        id\n        status\n        error\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.RollbackWorkflowRunDocument,
    "\n  fragment RunsTableWorkflowRun on WorkflowRun {\n    id\n    workflowId\n    workflowName\n    status\n    createdAt\n    startedAt\n    endedAt\n    failedStepId\n  }\n": types.RunsTableWorkflowRunFragmentDoc,
    "\n  fragment WorkflowCardWorkflowTemplate on WorkflowTemplate {\n    id\n    name\n    description\n    patterns\n    runCount\n    steps\n  }\n": types.WorkflowCardWorkflowTemplateFragmentDoc,
    "\n  query WorkflowRunPage($id: ID!) {\n    workflowRun(id: $id) {\n      id\n      workflowId\n      workflowName\n      status\n      params\n      error\n      failedStepId\n      createdAt\n      startedAt\n      endedAt\n      cancelRequested\n      outputs\n      definition\n      steps {\n        stepId\n        agentName\n        role\n        position\n        status\n        attempts\n        outputs\n        error\n        executionId\n        startedAt\n        endedAt\n      }\n      workflow {\n        id\n        stepList {\n          id\n          runnerKind\n          runnerSource\n          ...FlowDiagramWorkflowStep\n        }\n      }\n      executions {\n        id\n        ...TimelineBarExecution\n      }\n    }\n  }\n": types.WorkflowRunPageDocument,
    "\n  subscription WorkflowRunEvents($id: ID!) {\n    workflowRun(id: $id) {\n      seq\n      kind\n      runId\n      runStatus\n      stepStatus\n      at\n      error\n      failedStepId\n      stepId\n      attempts\n      executionId\n      outputs\n    }\n  }\n": types.WorkflowRunEventsDocument,
    "\n  mutation ExecuteWorkflow($id: ID!, $params: JSON) {\n    executeWorkflow(id: $id, params: $params) {\n      __typename\n      ... on WorkflowRun {\n        id\n        status\n      }\n      ... on ValidationError {\n        message\n        issues {\n          field\n          message\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.ExecuteWorkflowDocument,
    "\n  subscription WorkflowChanged {\n    workflowChanged {\n      kind\n      workflowId\n      name\n    }\n  }\n": types.WorkflowChangedDocument,
    "\n  query WorkflowId($id: ID!) {\n    workflow(id: $id) {\n      id\n    }\n  }\n": types.WorkflowIdDocument,
    "\n  subscription WorkflowRunsEvents($workflow: ID) {\n    workflowRuns(workflow: $workflow) {\n      seq\n      runId\n      workflowId\n      runStatus\n    }\n  }\n": types.WorkflowRunsEventsDocument,
    "\n  query AccessPage($includeRevoked: Boolean!) {\n    viewer {\n      authentication\n      actor\n      scopes\n    }\n    apiTokens(includeRevoked: $includeRevoked, first: 200) {\n      totalCount\n      nodes {\n        id\n        name\n        prefix\n        scopes\n        createdAt\n        lastUsedAt\n        expiresAt\n        revokedAt\n        active\n      }\n    }\n  }\n": types.AccessPageDocument,
    "\n  query AccessViewer {\n    viewer {\n      authentication\n      actor\n      scopes\n    }\n  }\n": types.AccessViewerDocument,
    "\n  query AuditLog($outcome: String) {\n    auditLog(first: 50, outcome: $outcome) {\n      totalCount\n      nodes {\n        id\n        at\n        actor\n        via\n        operation\n        request\n        outcome\n        target\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  mutation CreateApiToken($input: ApiTokenInput!) {\n    createApiToken(input: $input) {\n      __typename\n      ... on CreatedApiToken {\n        secret\n        token {\n          id\n          name\n        }\n      }\n      ... on ValidationError {\n        message\n      }\n    }\n  }\n": types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      __typename\n      ... on ApiToken {\n        id\n        revokedAt\n        active\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.RevokeApiTokenDocument,
    "\n  query AgentDetailPage($id: ID!) {\n    agent(id: $id) {\n      id\n      name\n      runner {\n        kind\n      }\n      ...AgentConfigAgent\n    }\n  }\n": types.AgentDetailPageDocument,
    "\n  query AgentEditPage($id: ID!) {\n    agent(id: $id) {\n      id\n      name\n      ...AgentFormAgent\n    }\n    patterns {\n      id\n      ...AgentFormCoordinationPattern\n    }\n  }\n": types.AgentEditPageDocument,
    "\n  mutation UpdateAgent($id: ID!, $input: UpdateAgentInput!) {\n    updateAgent(id: $id, input: $input) {\n      __typename\n      ... on Agent {\n        id\n        name\n      }\n      ... on ValidationError {\n        message\n        field\n        issues {\n          field\n          message\n        }\n      }\n      ... on ConflictError {\n        message\n        field\n      }\n      ... on NotFoundError {\n        message\n        field\n      }\n    }\n  }\n": types.UpdateAgentDocument,
    "\n  query AgentNewPage {\n    patterns {\n      id\n      ...AgentFormCoordinationPattern\n    }\n  }\n": types.AgentNewPageDocument,
    "\n  mutation CreateAgent($input: CreateAgentInput!) {\n    createAgent(input: $input) {\n      __typename\n      ... on Agent {\n        id\n        name\n      }\n      ... on ValidationError {\n        message\n        field\n        issues {\n          field\n          message\n        }\n      }\n      ... on ConflictError {\n        message\n        field\n      }\n    }\n  }\n": types.CreateAgentDocument,
    "\n  query AgentsPage($capability: String, $pattern: String, $q: String, $first: Int, $offset: Int) {\n    agents(capability: $capability, pattern: $pattern, q: $q, first: $first, offset: $offset) {\n      totalCount\n      nodes {\n        id\n        ...AgentCardAgent\n      }\n    }\n  }\n": types.AgentsPageDocument,
    "\n  query AgentFacets {\n    agents(first: 200) {\n      nodes {\n        id\n        capabilities\n      }\n    }\n    patterns {\n      id\n      slug\n      name\n    }\n  }\n": types.AgentFacetsDocument,
    "\n  query AlertsPage($state: [AlertState!], $agent: ID) {\n    alerts(state: $state, agent: $agent, first: 200) {\n      totalCount\n      nodes {\n        id\n        kind\n        state\n        agentName\n        message\n        raisedAt\n        acknowledgedAt\n        acknowledgedBy\n        resolvedAt\n      }\n    }\n  }\n": types.AlertsPageDocument,
    "\n  mutation AcknowledgeAlert($id: ID!) {\n    acknowledgeAlert(id: $id) {\n      __typename\n      ... on Alert {\n        id\n        state\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.AcknowledgeAlertDocument,
    "\n  query GraphPage($startDate: DateOrDateTime, $endDate: DateOrDateTime, $workflow: ID) {\n    handoffGraph(startDate: $startDate, endDate: $endDate, workflow: $workflow) {\n      nodes {\n        agentName\n        executionCount\n        successCount\n        failureCount\n        successRate\n        avgDurationMs\n      }\n      edges {\n        source\n        target\n        count\n        successCount\n        failureCount\n        successRate\n        firstAt\n        lastAt\n      }\n    }\n  }\n": types.GraphPageDocument,
    "\n  query GraphWorkflowOptions {\n    workflows(first: 200) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": types.GraphWorkflowOptionsDocument,
    "\n  query MetricsPage(\n    $agent: [String!]\n    $startDate: DateOrDateTime\n    $endDate: DateOrDateTime\n    $granularity: Granularity\n    $tz: String\n  ) {\n    metrics(agent: $agent, startDate: $startDate, endDate: $endDate, granularity: $granularity, tz: $tz) {\n      start\n      end\n      granularity\n      tz\n      previousStart\n      agents {\n        agentName\n      }\n      series {\n        label\n        start\n      }\n      ...MetricsViewMetrics\n    }\n  }\n": types.MetricsPageDocument,
    "\n  query MetricsAgentOptions {\n    agents(first: 200) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": types.MetricsAgentOptionsDocument,
    "\n  query PatternDetailPage($id: ID!) {\n    pattern(id: $id) {\n      id\n      name\n      ...PatternDetailCoordinationPattern\n    }\n  }\n": types.PatternDetailPageDocument,
    "\n  query PatternsPage {\n    patterns {\n      id\n      ...PatternCardCoordinationPattern\n    }\n  }\n": types.PatternsPageDocument,
    "\n  query TimelinePage(\n    $agent: [String!]\n    $status: [ExecutionStatus!]\n    $startDate: DateOrDateTime\n    $endDate: DateOrDateTime\n    $workflow: ID\n    $workflowRun: ID\n    $limit: Int\n  ) {\n    timeline(\n      agent: $agent\n      status: $status\n      startDate: $startDate\n      endDate: $endDate\n      workflow: $workflow\n      workflowRun: $workflowRun\n      limit: $limit\n    ) {\n      rootCount\n      matchedCount\n      truncated\n      contextIds\n      executions {\n        id\n        ...TimelineBarExecution\n      }\n    }\n  }\n": types.TimelinePageDocument,
    "\n  query TimelineAgentOptions {\n    agents(first: 200) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n": types.TimelineAgentOptionsDocument,
    "\n  query WorkflowDetailPage($id: ID!) {\n    workflow(id: $id) {\n      id\n      name\n      description\n      patterns\n      runCount\n      steps\n      stepList {\n        id\n        ...FlowDiagramWorkflowStep\n      }\n      ...RunFormWorkflowTemplate\n      runs(limit: 10) {\n        id\n        ...RunsTableWorkflowRun\n      }\n    }\n  }\n": types.WorkflowDetailPageDocument,
    "\n  query WorkflowsPage {\n    workflows(first: 200) {\n      totalCount\n      nodes {\n        id\n        ...WorkflowCardWorkflowTemplate\n      }\n    }\n  }\n": types.WorkflowsPageDocument,
    "\n  query RecentWorkflowRuns($status: [WorkflowRunStatus!], $first: Int) {\n    workflowRuns(status: $status, first: $first) {\n      totalCount\n      nodes {\n        id\n        ...RunsTableWorkflowRun\n      }\n    }\n  }\n": types.RecentWorkflowRunsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AgentCardAgent on Agent {\n    id\n    name\n    description\n    capabilities\n    coordinationPatterns\n    runner {\n      kind\n    }\n  }\n"): (typeof documents)["\n  fragment AgentCardAgent on Agent {\n    id\n    name\n    description\n    capabilities\n    coordinationPatterns\n    runner {\n      kind\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AgentConfigAgent on Agent {\n    id\n    name\n    description\n    capabilities\n    tools\n    coordinationPatterns\n    runner {\n      kind\n      settings\n    }\n    retryPolicy {\n      maxRetries\n      backoff\n      initialDelayMs\n      maxDelayMs\n    }\n    circuitBreaker {\n      failureThreshold\n      cooldownMs\n    }\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment AgentConfigAgent on Agent {\n    id\n    name\n    description\n    capabilities\n    tools\n    coordinationPatterns\n    runner {\n      kind\n      settings\n    }\n    retryPolicy {\n      maxRetries\n      backoff\n      initialDelayMs\n      maxDelayMs\n    }\n    circuitBreaker {\n      failureThreshold\n      cooldownMs\n    }\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AgentFormAgent on Agent {\n    id\n    name\n    description\n    capabilities\n    tools\n    coordinationPatterns\n    runner {\n      kind\n      settings\n    }\n    retryPolicy {\n      maxRetries\n      backoff\n      initialDelayMs\n      maxDelayMs\n    }\n    circuitBreaker {\n      failureThreshold\n      cooldownMs\n    }\n  }\n"): (typeof documents)["\n  fragment AgentFormAgent on Agent {\n    id\n    name\n    description\n    capabilities\n    tools\n    coordinationPatterns\n    runner {\n      kind\n      settings\n    }\n    retryPolicy {\n      maxRetries\n      backoff\n      initialDelayMs\n      maxDelayMs\n    }\n    circuitBreaker {\n      failureThreshold\n      cooldownMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AgentFormCoordinationPattern on CoordinationPattern {\n    id\n    slug\n    name\n    description\n  }\n"): (typeof documents)["\n  fragment AgentFormCoordinationPattern on CoordinationPattern {\n    id\n    slug\n    name\n    description\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AgentChanged {\n    agentChanged {\n      kind\n      agentId\n      name\n    }\n  }\n"): (typeof documents)["\n  subscription AgentChanged {\n    agentChanged {\n      kind\n      agentId\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAgent($id: ID!) {\n    deleteAgent(id: $id) {\n      __typename\n      ... on DeletedAgent {\n        id\n        name\n      }\n      ... on NotFoundError {\n        message\n      }\n      ... on ConflictError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteAgent($id: ID!) {\n    deleteAgent(id: $id) {\n      __typename\n      ... on DeletedAgent {\n        id\n        name\n      }\n      ... on NotFoundError {\n        message\n      }\n      ... on ConflictError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpenAlertCount {\n    alerts(state: [OPEN], first: 1) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query OpenAlertCount {\n    alerts(state: [OPEN], first: 1) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AlertChanges {\n    alerts {\n      event\n      alert {\n        id\n        state\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription AlertChanges {\n    alerts {\n      event\n      alert {\n        id\n        state\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription GraphExecutionChanges {\n    executionChanges {\n      resync\n      events {\n        kind\n        execution {\n          id\n          timestamp\n          workflowId\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription GraphExecutionChanges {\n    executionChanges {\n      resync\n      events {\n        kind\n        execution {\n          id\n          timestamp\n          workflowId\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MetricsViewMetrics on Metrics {\n    granularity\n    summary {\n      total\n      successes\n      failures\n      successRate\n      avgDurationMs\n      p50DurationMs\n      p95DurationMs\n    }\n    previous {\n      total\n      successes\n      failures\n      successRate\n      avgDurationMs\n      p50DurationMs\n      p95DurationMs\n    }\n    series {\n      label\n      start\n      total\n      successes\n      failures\n      successRate\n      avgDurationMs\n      p50DurationMs\n      p95DurationMs\n    }\n    agents {\n      agentName\n      summary {\n        total\n        successes\n        failures\n        successRate\n        avgDurationMs\n        p95DurationMs\n      }\n      series {\n        label\n        start\n        total\n        successes\n        failures\n        successRate\n        avgDurationMs\n        p50DurationMs\n        p95DurationMs\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment MetricsViewMetrics on Metrics {\n    granularity\n    summary {\n      total\n      successes\n      failures\n      successRate\n      avgDurationMs\n      p50DurationMs\n      p95DurationMs\n    }\n    previous {\n      total\n      successes\n      failures\n      successRate\n      avgDurationMs\n      p50DurationMs\n      p95DurationMs\n    }\n    series {\n      label\n      start\n      total\n      successes\n      failures\n      successRate\n      avgDurationMs\n      p50DurationMs\n      p95DurationMs\n    }\n    agents {\n      agentName\n      summary {\n        total\n        successes\n        failures\n        successRate\n        avgDurationMs\n        p95DurationMs\n      }\n      series {\n        label\n        start\n        total\n        successes\n        failures\n        successRate\n        avgDurationMs\n        p50DurationMs\n        p95DurationMs\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MetricsExecutionChanges($agent: [String!]) {\n    executionChanges(agent: $agent) {\n      resync\n      events {\n        kind\n        execution {\n          id\n          timestamp\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription MetricsExecutionChanges($agent: [String!]) {\n    executionChanges(agent: $agent) {\n      resync\n      events {\n        kind\n        execution {\n          id\n          timestamp\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PatternCardCoordinationPattern on CoordinationPattern {\n    id\n    slug\n    name\n    description\n    whenToUse\n    diagramUrl\n    agents {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment PatternCardCoordinationPattern on CoordinationPattern {\n    id\n    slug\n    name\n    description\n    whenToUse\n    diagramUrl\n    agents {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PatternDetailCoordinationPattern on CoordinationPattern {\n    id\n    slug\n    name\n    description\n    whenToUse\n    diagramUrl\n    exampleWorkflow {\n      id\n      name\n      description\n    }\n    agents {\n      id\n      ...AgentCardAgent\n    }\n  }\n"): (typeof documents)["\n  fragment PatternDetailCoordinationPattern on CoordinationPattern {\n    id\n    slug\n    name\n    description\n    whenToUse\n    diagramUrl\n    exampleWorkflow {\n      id\n      name\n      description\n    }\n    agents {\n      id\n      ...AgentCardAgent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExecutionDetail($id: ID!) {\n    execution(id: $id) {\n      id\n      ...ExecutionDetailExecution\n    }\n  }\n"): (typeof documents)["\n  query ExecutionDetail($id: ID!) {\n    execution(id: $id) {\n      id\n      ...ExecutionDetailExecution\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExecutionDetailExecution on Execution {\n    id\n    agentName\n    status\n    timestamp\n    endedAt\n    durationMs\n    attempt\n    error\n    inputs\n    outputs\n    workflowId\n    workflow {\n      id\n      name\n    }\n    workflowRunId\n    workflowStepId\n    ancestors {\n      id\n      agentName\n      status\n    }\n    children {\n      id\n      agentName\n      status\n    }\n  }\n"): (typeof documents)["\n  fragment ExecutionDetailExecution on Execution {\n    id\n    agentName\n    status\n    timestamp\n    endedAt\n    durationMs\n    attempt\n    error\n    inputs\n    outputs\n    workflowId\n    workflow {\n      id\n      name\n    }\n    workflowRunId\n    workflowStepId\n    ancestors {\n      id\n      agentName\n      status\n    }\n    children {\n      id\n      agentName\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryExecution($id: ID!) {\n    retryExecution(id: $id) {\n      __typename\n      ... on ExecutionRetry {\n        run {\n          id\n          status\n        }\n        execution {\n          id\n          status\n          attempt\n        }\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RetryExecution($id: ID!) {\n    retryExecution(id: $id) {\n      __typename\n      ... on ExecutionRetry {\n        run {\n          id\n          status\n        }\n        execution {\n          id\n          status\n          attempt\n        }\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TimelineBarExecution on Execution {\n    id\n    agentName\n    status\n    timestamp\n    endedAt\n    durationMs\n    parentExecutionId\n    rootId\n    attempt\n    workflowId\n    workflowRunId\n  }\n"): (typeof documents)["\n  fragment TimelineBarExecution on Execution {\n    id\n    agentName\n    status\n    timestamp\n    endedAt\n    durationMs\n    parentExecutionId\n    rootId\n    attempt\n    workflowId\n    workflowRunId\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TimelineExecutionChanges {\n    executionChanges {\n      resync\n      events {\n        kind\n        execution {\n          ...TimelineBarExecution\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription TimelineExecutionChanges {\n    executionChanges {\n      resync\n      events {\n        kind\n        execution {\n          ...TimelineBarExecution\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TimelineAncestors($id: ID!) {\n    execution(id: $id) {\n      id\n      ancestors {\n        ...TimelineBarExecution\n      }\n    }\n  }\n"): (typeof documents)["\n  query TimelineAncestors($id: ID!) {\n    execution(id: $id) {\n      id\n      ancestors {\n        ...TimelineBarExecution\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelWorkflowRun($id: ID!) {\n    cancelWorkflowRun(id: $id) {\n      __typename\n      ... on WorkflowRun {\n        id\n        status\n        cancelRequested\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelWorkflowRun($id: ID!) {\n    cancelWorkflowRun(id: $id) {\n      __typename\n      ... on WorkflowRun {\n        id\n        status\n        cancelRequested\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FlowDiagramWorkflowStep on WorkflowStep {\n    id\n    runnerKind\n    runnerSource\n  }\n"): (typeof documents)["\n  fragment FlowDiagramWorkflowStep on WorkflowStep {\n    id\n    runnerKind\n    runnerSource\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunFormWorkflowTemplate on WorkflowTemplate {\n    id\n    name\n    parameters\n  }\n"): (typeof documents)["\n  fragment RunFormWorkflowTemplate on WorkflowTemplate {\n    id\n    name\n    parameters\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResumeWorkflowRun($id: ID!) {\n    resumeWorkflowRun(id: $id) {\n      __typename\n      ... on WorkflowRun {\n        id\n        status\n        error\n        failedStepId\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ResumeWorkflowRun($id: ID!) {\n    resumeWorkflowRun(id: $id) {\n      __typename\n      ... on WorkflowRun {\n        id\n        status\n        error\n        failedStepId\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RerunWorkflowRun($id: ID!) {\n    rerunWorkflowRun(id: $id) {\n      __typename\n      ... on WorkflowRun {\n        id\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n      ... on ValidationError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RerunWorkflowRun($id: ID!) {\n    rerunWorkflowRun(id: $id) {\n      __typename\n      ... on WorkflowRun {\n        id\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n      ... on ValidationError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RollbackWorkflowRun($id: ID!) {\n    rollbackWorkflowRun(id: $id) {\n      __typename\n      ... on WorkflowRun {\n        id\n        status\n        error\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RollbackWorkflowRun($id: ID!) {\n    rollbackWorkflowRun(id: $id) {\n      __typename\n      ... on WorkflowRun {\n        id\n        status\n        error\n      }\n      ... on ConflictError {\n        message\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunsTableWorkflowRun on WorkflowRun {\n    id\n    workflowId\n    workflowName\n    status\n    createdAt\n    startedAt\n    endedAt\n    failedStepId\n  }\n"): (typeof documents)["\n  fragment RunsTableWorkflowRun on WorkflowRun {\n    id\n    workflowId\n    workflowName\n    status\n    createdAt\n    startedAt\n    endedAt\n    failedStepId\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkflowCardWorkflowTemplate on WorkflowTemplate {\n    id\n    name\n    description\n    patterns\n    runCount\n    steps\n  }\n"): (typeof documents)["\n  fragment WorkflowCardWorkflowTemplate on WorkflowTemplate {\n    id\n    name\n    description\n    patterns\n    runCount\n    steps\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowRunPage($id: ID!) {\n    workflowRun(id: $id) {\n      id\n      workflowId\n      workflowName\n      status\n      params\n      error\n      failedStepId\n      createdAt\n      startedAt\n      endedAt\n      cancelRequested\n      outputs\n      definition\n      steps {\n        stepId\n        agentName\n        role\n        position\n        status\n        attempts\n        outputs\n        error\n        executionId\n        startedAt\n        endedAt\n      }\n      workflow {\n        id\n        stepList {\n          id\n          runnerKind\n          runnerSource\n          ...FlowDiagramWorkflowStep\n        }\n      }\n      executions {\n        id\n        ...TimelineBarExecution\n      }\n    }\n  }\n"): (typeof documents)["\n  query WorkflowRunPage($id: ID!) {\n    workflowRun(id: $id) {\n      id\n      workflowId\n      workflowName\n      status\n      params\n      error\n      failedStepId\n      createdAt\n      startedAt\n      endedAt\n      cancelRequested\n      outputs\n      definition\n      steps {\n        stepId\n        agentName\n        role\n        position\n        status\n        attempts\n        outputs\n        error\n        executionId\n        startedAt\n        endedAt\n      }\n      workflow {\n        id\n        stepList {\n          id\n          runnerKind\n          runnerSource\n          ...FlowDiagramWorkflowStep\n        }\n      }\n      executions {\n        id\n        ...TimelineBarExecution\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WorkflowRunEvents($id: ID!) {\n    workflowRun(id: $id) {\n      seq\n      kind\n      runId\n      runStatus\n      stepStatus\n      at\n      error\n      failedStepId\n      stepId\n      attempts\n      executionId\n      outputs\n    }\n  }\n"): (typeof documents)["\n  subscription WorkflowRunEvents($id: ID!) {\n    workflowRun(id: $id) {\n      seq\n      kind\n      runId\n      runStatus\n      stepStatus\n      at\n      error\n      failedStepId\n      stepId\n      attempts\n      executionId\n      outputs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExecuteWorkflow($id: ID!, $params: JSON) {\n    executeWorkflow(id: $id, params: $params) {\n      __typename\n      ... on WorkflowRun {\n        id\n        status\n      }\n      ... on ValidationError {\n        message\n        issues {\n          field\n          message\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ExecuteWorkflow($id: ID!, $params: JSON) {\n    executeWorkflow(id: $id, params: $params) {\n      __typename\n      ... on WorkflowRun {\n        id\n        status\n      }\n      ... on ValidationError {\n        message\n        issues {\n          field\n          message\n        }\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WorkflowChanged {\n    workflowChanged {\n      kind\n      workflowId\n      name\n    }\n  }\n"): (typeof documents)["\n  subscription WorkflowChanged {\n    workflowChanged {\n      kind\n      workflowId\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowId($id: ID!) {\n    workflow(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query WorkflowId($id: ID!) {\n    workflow(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WorkflowRunsEvents($workflow: ID) {\n    workflowRuns(workflow: $workflow) {\n      seq\n      runId\n      workflowId\n      runStatus\n    }\n  }\n"): (typeof documents)["\n  subscription WorkflowRunsEvents($workflow: ID) {\n    workflowRuns(workflow: $workflow) {\n      seq\n      runId\n      workflowId\n      runStatus\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccessPage($includeRevoked: Boolean!) {\n    viewer {\n      authentication\n      actor\n      scopes\n    }\n    apiTokens(includeRevoked: $includeRevoked, first: 200) {\n      totalCount\n      nodes {\n        id\n        name\n        prefix\n        scopes\n        createdAt\n        lastUsedAt\n        expiresAt\n        revokedAt\n        active\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccessPage($includeRevoked: Boolean!) {\n    viewer {\n      authentication\n      actor\n      scopes\n    }\n    apiTokens(includeRevoked: $includeRevoked, first: 200) {\n      totalCount\n      nodes {\n        id\n        name\n        prefix\n        scopes\n        createdAt\n        lastUsedAt\n        expiresAt\n        revokedAt\n        active\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccessViewer {\n    viewer {\n      authentication\n      actor\n      scopes\n    }\n  }\n"): (typeof documents)["\n  query AccessViewer {\n    viewer {\n      authentication\n      actor\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($outcome: String) {\n    auditLog(first: 50, outcome: $outcome) {\n      totalCount\n      nodes {\n        id\n        at\n        actor\n        via\n        operation\n        request\n        outcome\n        target\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($outcome: String) {\n    auditLog(first: 50, outcome: $outcome) {\n      totalCount\n      nodes {\n        id\n        at\n        actor\n        via\n        operation\n        request\n        outcome\n        target\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiToken($input: ApiTokenInput!) {\n    createApiToken(input: $input) {\n      __typename\n      ... on CreatedApiToken {\n        secret\n        token {\n          id\n          name\n        }\n      }\n      ... on ValidationError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiToken($input: ApiTokenInput!) {\n    createApiToken(input: $input) {\n      __typename\n      ... on CreatedApiToken {\n        secret\n        token {\n          id\n          name\n        }\n      }\n      ... on ValidationError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      __typename\n      ... on ApiToken {\n        id\n        revokedAt\n        active\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      __typename\n      ... on ApiToken {\n        id\n        revokedAt\n        active\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentDetailPage($id: ID!) {\n    agent(id: $id) {\n      id\n      name\n      runner {\n        kind\n      }\n      ...AgentConfigAgent\n    }\n  }\n"): (typeof documents)["\n  query AgentDetailPage($id: ID!) {\n    agent(id: $id) {\n      id\n      name\n      runner {\n        kind\n      }\n      ...AgentConfigAgent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentEditPage($id: ID!) {\n    agent(id: $id) {\n      id\n      name\n      ...AgentFormAgent\n    }\n    patterns {\n      id\n      ...AgentFormCoordinationPattern\n    }\n  }\n"): (typeof documents)["\n  query AgentEditPage($id: ID!) {\n    agent(id: $id) {\n      id\n      name\n      ...AgentFormAgent\n    }\n    patterns {\n      id\n      ...AgentFormCoordinationPattern\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAgent($id: ID!, $input: UpdateAgentInput!) {\n    updateAgent(id: $id, input: $input) {\n      __typename\n      ... on Agent {\n        id\n        name\n      }\n      ... on ValidationError {\n        message\n        field\n        issues {\n          field\n          message\n        }\n      }\n      ... on ConflictError {\n        message\n        field\n      }\n      ... on NotFoundError {\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAgent($id: ID!, $input: UpdateAgentInput!) {\n    updateAgent(id: $id, input: $input) {\n      __typename\n      ... on Agent {\n        id\n        name\n      }\n      ... on ValidationError {\n        message\n        field\n        issues {\n          field\n          message\n        }\n      }\n      ... on ConflictError {\n        message\n        field\n      }\n      ... on NotFoundError {\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentNewPage {\n    patterns {\n      id\n      ...AgentFormCoordinationPattern\n    }\n  }\n"): (typeof documents)["\n  query AgentNewPage {\n    patterns {\n      id\n      ...AgentFormCoordinationPattern\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAgent($input: CreateAgentInput!) {\n    createAgent(input: $input) {\n      __typename\n      ... on Agent {\n        id\n        name\n      }\n      ... on ValidationError {\n        message\n        field\n        issues {\n          field\n          message\n        }\n      }\n      ... on ConflictError {\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAgent($input: CreateAgentInput!) {\n    createAgent(input: $input) {\n      __typename\n      ... on Agent {\n        id\n        name\n      }\n      ... on ValidationError {\n        message\n        field\n        issues {\n          field\n          message\n        }\n      }\n      ... on ConflictError {\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentsPage($capability: String, $pattern: String, $q: String, $first: Int, $offset: Int) {\n    agents(capability: $capability, pattern: $pattern, q: $q, first: $first, offset: $offset) {\n      totalCount\n      nodes {\n        id\n        ...AgentCardAgent\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgentsPage($capability: String, $pattern: String, $q: String, $first: Int, $offset: Int) {\n    agents(capability: $capability, pattern: $pattern, q: $q, first: $first, offset: $offset) {\n      totalCount\n      nodes {\n        id\n        ...AgentCardAgent\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentFacets {\n    agents(first: 200) {\n      nodes {\n        id\n        capabilities\n      }\n    }\n    patterns {\n      id\n      slug\n      name\n    }\n  }\n"): (typeof documents)["\n  query AgentFacets {\n    agents(first: 200) {\n      nodes {\n        id\n        capabilities\n      }\n    }\n    patterns {\n      id\n      slug\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertsPage($state: [AlertState!], $agent: ID) {\n    alerts(state: $state, agent: $agent, first: 200) {\n      totalCount\n      nodes {\n        id\n        kind\n        state\n        agentName\n        message\n        raisedAt\n        acknowledgedAt\n        acknowledgedBy\n        resolvedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query AlertsPage($state: [AlertState!], $agent: ID) {\n    alerts(state: $state, agent: $agent, first: 200) {\n      totalCount\n      nodes {\n        id\n        kind\n        state\n        agentName\n        message\n        raisedAt\n        acknowledgedAt\n        acknowledgedBy\n        resolvedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcknowledgeAlert($id: ID!) {\n    acknowledgeAlert(id: $id) {\n      __typename\n      ... on Alert {\n        id\n        state\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AcknowledgeAlert($id: ID!) {\n    acknowledgeAlert(id: $id) {\n      __typename\n      ... on Alert {\n        id\n        state\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GraphPage($startDate: DateOrDateTime, $endDate: DateOrDateTime, $workflow: ID) {\n    handoffGraph(startDate: $startDate, endDate: $endDate, workflow: $workflow) {\n      nodes {\n        agentName\n        executionCount\n        successCount\n        failureCount\n        successRate\n        avgDurationMs\n      }\n      edges {\n        source\n        target\n        count\n        successCount\n        failureCount\n        successRate\n        firstAt\n        lastAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query GraphPage($startDate: DateOrDateTime, $endDate: DateOrDateTime, $workflow: ID) {\n    handoffGraph(startDate: $startDate, endDate: $endDate, workflow: $workflow) {\n      nodes {\n        agentName\n        executionCount\n        successCount\n        failureCount\n        successRate\n        avgDurationMs\n      }\n      edges {\n        source\n        target\n        count\n        successCount\n        failureCount\n        successRate\n        firstAt\n        lastAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GraphWorkflowOptions {\n    workflows(first: 200) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query GraphWorkflowOptions {\n    workflows(first: 200) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MetricsPage(\n    $agent: [String!]\n    $startDate: DateOrDateTime\n    $endDate: DateOrDateTime\n    $granularity: Granularity\n    $tz: String\n  ) {\n    metrics(agent: $agent, startDate: $startDate, endDate: $endDate, granularity: $granularity, tz: $tz) {\n      start\n      end\n      granularity\n      tz\n      previousStart\n      agents {\n        agentName\n      }\n      series {\n        label\n        start\n      }\n      ...MetricsViewMetrics\n    }\n  }\n"): (typeof documents)["\n  query MetricsPage(\n    $agent: [String!]\n    $startDate: DateOrDateTime\n    $endDate: DateOrDateTime\n    $granularity: Granularity\n    $tz: String\n  ) {\n    metrics(agent: $agent, startDate: $startDate, endDate: $endDate, granularity: $granularity, tz: $tz) {\n      start\n      end\n      granularity\n      tz\n      previousStart\n      agents {\n        agentName\n      }\n      series {\n        label\n        start\n      }\n      ...MetricsViewMetrics\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MetricsAgentOptions {\n    agents(first: 200) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query MetricsAgentOptions {\n    agents(first: 200) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatternDetailPage($id: ID!) {\n    pattern(id: $id) {\n      id\n      name\n      ...PatternDetailCoordinationPattern\n    }\n  }\n"): (typeof documents)["\n  query PatternDetailPage($id: ID!) {\n    pattern(id: $id) {\n      id\n      name\n      ...PatternDetailCoordinationPattern\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatternsPage {\n    patterns {\n      id\n      ...PatternCardCoordinationPattern\n    }\n  }\n"): (typeof documents)["\n  query PatternsPage {\n    patterns {\n      id\n      ...PatternCardCoordinationPattern\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TimelinePage(\n    $agent: [String!]\n    $status: [ExecutionStatus!]\n    $startDate: DateOrDateTime\n    $endDate: DateOrDateTime\n    $workflow: ID\n    $workflowRun: ID\n    $limit: Int\n  ) {\n    timeline(\n      agent: $agent\n      status: $status\n      startDate: $startDate\n      endDate: $endDate\n      workflow: $workflow\n      workflowRun: $workflowRun\n      limit: $limit\n    ) {\n      rootCount\n      matchedCount\n      truncated\n      contextIds\n      executions {\n        id\n        ...TimelineBarExecution\n      }\n    }\n  }\n"): (typeof documents)["\n  query TimelinePage(\n    $agent: [String!]\n    $status: [ExecutionStatus!]\n    $startDate: DateOrDateTime\n    $endDate: DateOrDateTime\n    $workflow: ID\n    $workflowRun: ID\n    $limit: Int\n  ) {\n    timeline(\n      agent: $agent\n      status: $status\n      startDate: $startDate\n      endDate: $endDate\n      workflow: $workflow\n      workflowRun: $workflowRun\n      limit: $limit\n    ) {\n      rootCount\n      matchedCount\n      truncated\n      contextIds\n      executions {\n        id\n        ...TimelineBarExecution\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TimelineAgentOptions {\n    agents(first: 200) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query TimelineAgentOptions {\n    agents(first: 200) {\n      nodes {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowDetailPage($id: ID!) {\n    workflow(id: $id) {\n      id\n      name\n      description\n      patterns\n      runCount\n      steps\n      stepList {\n        id\n        ...FlowDiagramWorkflowStep\n      }\n      ...RunFormWorkflowTemplate\n      runs(limit: 10) {\n        id\n        ...RunsTableWorkflowRun\n      }\n    }\n  }\n"): (typeof documents)["\n  query WorkflowDetailPage($id: ID!) {\n    workflow(id: $id) {\n      id\n      name\n      description\n      patterns\n      runCount\n      steps\n      stepList {\n        id\n        ...FlowDiagramWorkflowStep\n      }\n      ...RunFormWorkflowTemplate\n      runs(limit: 10) {\n        id\n        ...RunsTableWorkflowRun\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkflowsPage {\n    workflows(first: 200) {\n      totalCount\n      nodes {\n        id\n        ...WorkflowCardWorkflowTemplate\n      }\n    }\n  }\n"): (typeof documents)["\n  query WorkflowsPage {\n    workflows(first: 200) {\n      totalCount\n      nodes {\n        id\n        ...WorkflowCardWorkflowTemplate\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentWorkflowRuns($status: [WorkflowRunStatus!], $first: Int) {\n    workflowRuns(status: $status, first: $first) {\n      totalCount\n      nodes {\n        id\n        ...RunsTableWorkflowRun\n      }\n    }\n  }\n"): (typeof documents)["\n  query RecentWorkflowRuns($status: [WorkflowRunStatus!], $first: Int) {\n    workflowRuns(status: $status, first: $first) {\n      totalCount\n      nodes {\n        id\n        ...RunsTableWorkflowRun\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;