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
    "\n  fragment AgentCard_AgentFragment on Agent {\n    id\n    name\n    description\n    capabilities\n    coordinationPatterns\n    runner {\n      kind\n    }\n  }\n": typeof types.AgentCard_AgentFragmentFragmentDoc,
    "\n  fragment AgentConfig_AgentFragment on Agent {\n    id\n    name\n    description\n    capabilities\n    tools\n    coordinationPatterns\n    runner {\n      kind\n      settings\n    }\n    retryPolicy {\n      maxRetries\n      backoff\n      initialDelayMs\n      maxDelayMs\n    }\n    circuitBreaker {\n      failureThreshold\n      cooldownMs\n    }\n    createdAt\n    updatedAt\n  }\n": typeof types.AgentConfig_AgentFragmentFragmentDoc,
    "\n  fragment AgentForm_AgentFragment on Agent {\n    name\n    description\n    capabilities\n    tools\n    coordinationPatterns\n    runner {\n      kind\n      settings\n    }\n    retryPolicy {\n      maxRetries\n      backoff\n      initialDelayMs\n      maxDelayMs\n    }\n    circuitBreaker {\n      failureThreshold\n      cooldownMs\n    }\n  }\n": typeof types.AgentForm_AgentFragmentFragmentDoc,
    "\n  fragment AgentForm_CoordinationPatternFragment on CoordinationPattern {\n    slug\n    name\n    description\n  }\n": typeof types.AgentForm_CoordinationPatternFragmentFragmentDoc,
    "\n  subscription AgentChanged {\n    agentChanged {\n      kind\n      agentId\n      name\n    }\n  }\n": typeof types.AgentChangedDocument,
    "\n  mutation DeleteAgent($id: String!) {\n    deleteAgent(id: $id) {\n      __typename\n      ... on DeletedAgent {\n        id\n        name\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.DeleteAgentDocument,
    "\n  fragment PatternCard_CoordinationPatternFragment on CoordinationPattern {\n    id\n    slug\n    name\n    description\n    whenToUse\n    diagramUrl\n    agents {\n      id\n      name\n    }\n  }\n": typeof types.PatternCard_CoordinationPatternFragmentFragmentDoc,
    "\n  fragment PatternDetail_CoordinationPatternFragment on CoordinationPattern {\n    id\n    slug\n    name\n    description\n    whenToUse\n    diagramUrl\n    exampleWorkflowId\n    agents {\n      id\n      ...AgentCard_AgentFragment\n    }\n  }\n": typeof types.PatternDetail_CoordinationPatternFragmentFragmentDoc,
    "\n  query ExecutionDetail($id: String!) {\n    execution(id: $id) {\n      __typename\n      ... on Execution {\n        id\n        ...ExecutionDetail_ExecutionFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.ExecutionDetailDocument,
    "\n  fragment ExecutionDetail_ExecutionFragment on Execution {\n    id\n    agentName\n    status\n    timestamp\n    endedAt\n    durationMs\n    attempt\n    error\n    inputs\n    outputs\n    workflowId\n    workflowRunId\n    workflowStepId\n    ancestors {\n      id\n      agentName\n      status\n    }\n    children {\n      id\n      agentName\n      status\n    }\n  }\n": typeof types.ExecutionDetail_ExecutionFragmentFragmentDoc,
    "\n  fragment TimelineBar_ExecutionFragment on Execution {\n    id\n    agentName\n    status\n    timestamp\n    endedAt\n    durationMs\n    parentExecutionId\n    rootId\n    attempt\n    workflowId\n    workflowRunId\n  }\n": typeof types.TimelineBar_ExecutionFragmentFragmentDoc,
    "\n  subscription TimelineExecutionEvents {\n    executionEvents {\n      kind\n      execution {\n        ...TimelineBar_ExecutionFragment\n      }\n    }\n  }\n": typeof types.TimelineExecutionEventsDocument,
    "\n  query TimelineAncestors($id: String!) {\n    execution(id: $id) {\n      __typename\n      ... on Execution {\n        id\n        ancestors {\n          ...TimelineBar_ExecutionFragment\n        }\n      }\n    }\n  }\n": typeof types.TimelineAncestorsDocument,
    "\n  query AgentDetailPage($id: String!) {\n    agent(id: $id) {\n      __typename\n      ... on Agent {\n        id\n        name\n        runner {\n          kind\n        }\n        ...AgentConfig_AgentFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.AgentDetailPageDocument,
    "\n  query AgentEditPage($id: String!) {\n    agent(id: $id) {\n      __typename\n      ... on Agent {\n        id\n        name\n        ...AgentForm_AgentFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n    patterns {\n      id\n      ...AgentForm_CoordinationPatternFragment\n    }\n  }\n": typeof types.AgentEditPageDocument,
    "\n  mutation UpdateAgent($id: String!, $input: UpdateAgentInput!) {\n    updateAgent(id: $id, input: $input) {\n      __typename\n      ... on Agent {\n        id\n        name\n      }\n      ... on ValidationError {\n        message\n        field\n        issues {\n          field\n          message\n        }\n      }\n      ... on ConflictError {\n        message\n        field\n      }\n      ... on NotFoundError {\n        message\n        field\n      }\n    }\n  }\n": typeof types.UpdateAgentDocument,
    "\n  query AgentNewPage {\n    patterns {\n      id\n      ...AgentForm_CoordinationPatternFragment\n    }\n  }\n": typeof types.AgentNewPageDocument,
    "\n  mutation CreateAgent($input: CreateAgentInput!) {\n    createAgent(input: $input) {\n      __typename\n      ... on Agent {\n        id\n        name\n      }\n      ... on ValidationError {\n        message\n        field\n        issues {\n          field\n          message\n        }\n      }\n      ... on ConflictError {\n        message\n        field\n      }\n    }\n  }\n": typeof types.CreateAgentDocument,
    "\n  query AgentsPage($capability: String, $pattern: String, $q: String, $limit: Int, $offset: Int) {\n    agents(capability: $capability, pattern: $pattern, q: $q, limit: $limit, offset: $offset) {\n      __typename\n      ... on AgentList {\n        total\n        limit\n        offset\n        agents {\n          id\n          ...AgentCard_AgentFragment\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n": typeof types.AgentsPageDocument,
    "\n  query AgentFacets {\n    agents(limit: 200) {\n      __typename\n      ... on AgentList {\n        agents {\n          id\n          capabilities\n        }\n      }\n    }\n    patterns {\n      id\n      slug\n      name\n    }\n  }\n": typeof types.AgentFacetsDocument,
    "\n  query GraphPage($startDate: String, $endDate: String, $workflow: String) {\n    handoffGraph(startDate: $startDate, endDate: $endDate, workflow: $workflow) {\n      __typename\n      ... on HandoffGraph {\n        nodes {\n          agentName\n          executionCount\n          successCount\n          failureCount\n          successRate\n          avgDurationMs\n        }\n        edges {\n          source\n          target\n          count\n          successCount\n          failureCount\n          successRate\n          firstAt\n          lastAt\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n": typeof types.GraphPageDocument,
    "\n  query PatternDetailPage($id: String!) {\n    pattern(id: $id) {\n      __typename\n      ... on CoordinationPattern {\n        id\n        name\n        ...PatternDetail_CoordinationPatternFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.PatternDetailPageDocument,
    "\n  query PatternsPage {\n    patterns {\n      id\n      ...PatternCard_CoordinationPatternFragment\n    }\n  }\n": typeof types.PatternsPageDocument,
    "\n  query TimelinePage(\n    $agent: String\n    $status: String\n    $startDate: String\n    $endDate: String\n    $workflow: String\n    $workflowRun: String\n    $limit: Int\n  ) {\n    timeline(\n      agent: $agent\n      status: $status\n      startDate: $startDate\n      endDate: $endDate\n      workflow: $workflow\n      workflowRun: $workflowRun\n      limit: $limit\n    ) {\n      __typename\n      ... on Timeline {\n        rootCount\n        matchedCount\n        truncated\n        contextIds\n        executions {\n          id\n          ...TimelineBar_ExecutionFragment\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n": typeof types.TimelinePageDocument,
    "\n  query TimelineAgentOptions {\n    agents(limit: 200) {\n      __typename\n      ... on AgentList {\n        agents {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.TimelineAgentOptionsDocument,
};
const documents: Documents = {
    "\n  fragment AgentCard_AgentFragment on Agent {\n    id\n    name\n    description\n    capabilities\n    coordinationPatterns\n    runner {\n      kind\n    }\n  }\n": types.AgentCard_AgentFragmentFragmentDoc,
    "\n  fragment AgentConfig_AgentFragment on Agent {\n    id\n    name\n    description\n    capabilities\n    tools\n    coordinationPatterns\n    runner {\n      kind\n      settings\n    }\n    retryPolicy {\n      maxRetries\n      backoff\n      initialDelayMs\n      maxDelayMs\n    }\n    circuitBreaker {\n      failureThreshold\n      cooldownMs\n    }\n    createdAt\n    updatedAt\n  }\n": types.AgentConfig_AgentFragmentFragmentDoc,
    "\n  fragment AgentForm_AgentFragment on Agent {\n    name\n    description\n    capabilities\n    tools\n    coordinationPatterns\n    runner {\n      kind\n      settings\n    }\n    retryPolicy {\n      maxRetries\n      backoff\n      initialDelayMs\n      maxDelayMs\n    }\n    circuitBreaker {\n      failureThreshold\n      cooldownMs\n    }\n  }\n": types.AgentForm_AgentFragmentFragmentDoc,
    "\n  fragment AgentForm_CoordinationPatternFragment on CoordinationPattern {\n    slug\n    name\n    description\n  }\n": types.AgentForm_CoordinationPatternFragmentFragmentDoc,
    "\n  subscription AgentChanged {\n    agentChanged {\n      kind\n      agentId\n      name\n    }\n  }\n": types.AgentChangedDocument,
    "\n  mutation DeleteAgent($id: String!) {\n    deleteAgent(id: $id) {\n      __typename\n      ... on DeletedAgent {\n        id\n        name\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.DeleteAgentDocument,
    "\n  fragment PatternCard_CoordinationPatternFragment on CoordinationPattern {\n    id\n    slug\n    name\n    description\n    whenToUse\n    diagramUrl\n    agents {\n      id\n      name\n    }\n  }\n": types.PatternCard_CoordinationPatternFragmentFragmentDoc,
    "\n  fragment PatternDetail_CoordinationPatternFragment on CoordinationPattern {\n    id\n    slug\n    name\n    description\n    whenToUse\n    diagramUrl\n    exampleWorkflowId\n    agents {\n      id\n      ...AgentCard_AgentFragment\n    }\n  }\n": types.PatternDetail_CoordinationPatternFragmentFragmentDoc,
    "\n  query ExecutionDetail($id: String!) {\n    execution(id: $id) {\n      __typename\n      ... on Execution {\n        id\n        ...ExecutionDetail_ExecutionFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.ExecutionDetailDocument,
    "\n  fragment ExecutionDetail_ExecutionFragment on Execution {\n    id\n    agentName\n    status\n    timestamp\n    endedAt\n    durationMs\n    attempt\n    error\n    inputs\n    outputs\n    workflowId\n    workflowRunId\n    workflowStepId\n    ancestors {\n      id\n      agentName\n      status\n    }\n    children {\n      id\n      agentName\n      status\n    }\n  }\n": types.ExecutionDetail_ExecutionFragmentFragmentDoc,
    "\n  fragment TimelineBar_ExecutionFragment on Execution {\n    id\n    agentName\n    status\n    timestamp\n    endedAt\n    durationMs\n    parentExecutionId\n    rootId\n    attempt\n    workflowId\n    workflowRunId\n  }\n": types.TimelineBar_ExecutionFragmentFragmentDoc,
    "\n  subscription TimelineExecutionEvents {\n    executionEvents {\n      kind\n      execution {\n        ...TimelineBar_ExecutionFragment\n      }\n    }\n  }\n": types.TimelineExecutionEventsDocument,
    "\n  query TimelineAncestors($id: String!) {\n    execution(id: $id) {\n      __typename\n      ... on Execution {\n        id\n        ancestors {\n          ...TimelineBar_ExecutionFragment\n        }\n      }\n    }\n  }\n": types.TimelineAncestorsDocument,
    "\n  query AgentDetailPage($id: String!) {\n    agent(id: $id) {\n      __typename\n      ... on Agent {\n        id\n        name\n        runner {\n          kind\n        }\n        ...AgentConfig_AgentFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.AgentDetailPageDocument,
    "\n  query AgentEditPage($id: String!) {\n    agent(id: $id) {\n      __typename\n      ... on Agent {\n        id\n        name\n        ...AgentForm_AgentFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n    patterns {\n      id\n      ...AgentForm_CoordinationPatternFragment\n    }\n  }\n": types.AgentEditPageDocument,
    "\n  mutation UpdateAgent($id: String!, $input: UpdateAgentInput!) {\n    updateAgent(id: $id, input: $input) {\n      __typename\n      ... on Agent {\n        id\n        name\n      }\n      ... on ValidationError {\n        message\n        field\n        issues {\n          field\n          message\n        }\n      }\n      ... on ConflictError {\n        message\n        field\n      }\n      ... on NotFoundError {\n        message\n        field\n      }\n    }\n  }\n": types.UpdateAgentDocument,
    "\n  query AgentNewPage {\n    patterns {\n      id\n      ...AgentForm_CoordinationPatternFragment\n    }\n  }\n": types.AgentNewPageDocument,
    "\n  mutation CreateAgent($input: CreateAgentInput!) {\n    createAgent(input: $input) {\n      __typename\n      ... on Agent {\n        id\n        name\n      }\n      ... on ValidationError {\n        message\n        field\n        issues {\n          field\n          message\n        }\n      }\n      ... on ConflictError {\n        message\n        field\n      }\n    }\n  }\n": types.CreateAgentDocument,
    "\n  query AgentsPage($capability: String, $pattern: String, $q: String, $limit: Int, $offset: Int) {\n    agents(capability: $capability, pattern: $pattern, q: $q, limit: $limit, offset: $offset) {\n      __typename\n      ... on AgentList {\n        total\n        limit\n        offset\n        agents {\n          id\n          ...AgentCard_AgentFragment\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n": types.AgentsPageDocument,
    "\n  query AgentFacets {\n    agents(limit: 200) {\n      __typename\n      ... on AgentList {\n        agents {\n          id\n          capabilities\n        }\n      }\n    }\n    patterns {\n      id\n      slug\n      name\n    }\n  }\n": types.AgentFacetsDocument,
    "\n  query GraphPage($startDate: String, $endDate: String, $workflow: String) {\n    handoffGraph(startDate: $startDate, endDate: $endDate, workflow: $workflow) {\n      __typename\n      ... on HandoffGraph {\n        nodes {\n          agentName\n          executionCount\n          successCount\n          failureCount\n          successRate\n          avgDurationMs\n        }\n        edges {\n          source\n          target\n          count\n          successCount\n          failureCount\n          successRate\n          firstAt\n          lastAt\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n": types.GraphPageDocument,
    "\n  query PatternDetailPage($id: String!) {\n    pattern(id: $id) {\n      __typename\n      ... on CoordinationPattern {\n        id\n        name\n        ...PatternDetail_CoordinationPatternFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.PatternDetailPageDocument,
    "\n  query PatternsPage {\n    patterns {\n      id\n      ...PatternCard_CoordinationPatternFragment\n    }\n  }\n": types.PatternsPageDocument,
    "\n  query TimelinePage(\n    $agent: String\n    $status: String\n    $startDate: String\n    $endDate: String\n    $workflow: String\n    $workflowRun: String\n    $limit: Int\n  ) {\n    timeline(\n      agent: $agent\n      status: $status\n      startDate: $startDate\n      endDate: $endDate\n      workflow: $workflow\n      workflowRun: $workflowRun\n      limit: $limit\n    ) {\n      __typename\n      ... on Timeline {\n        rootCount\n        matchedCount\n        truncated\n        contextIds\n        executions {\n          id\n          ...TimelineBar_ExecutionFragment\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n": types.TimelinePageDocument,
    "\n  query TimelineAgentOptions {\n    agents(limit: 200) {\n      __typename\n      ... on AgentList {\n        agents {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.TimelineAgentOptionsDocument,
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
export function graphql(source: "\n  fragment AgentCard_AgentFragment on Agent {\n    id\n    name\n    description\n    capabilities\n    coordinationPatterns\n    runner {\n      kind\n    }\n  }\n"): (typeof documents)["\n  fragment AgentCard_AgentFragment on Agent {\n    id\n    name\n    description\n    capabilities\n    coordinationPatterns\n    runner {\n      kind\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AgentConfig_AgentFragment on Agent {\n    id\n    name\n    description\n    capabilities\n    tools\n    coordinationPatterns\n    runner {\n      kind\n      settings\n    }\n    retryPolicy {\n      maxRetries\n      backoff\n      initialDelayMs\n      maxDelayMs\n    }\n    circuitBreaker {\n      failureThreshold\n      cooldownMs\n    }\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment AgentConfig_AgentFragment on Agent {\n    id\n    name\n    description\n    capabilities\n    tools\n    coordinationPatterns\n    runner {\n      kind\n      settings\n    }\n    retryPolicy {\n      maxRetries\n      backoff\n      initialDelayMs\n      maxDelayMs\n    }\n    circuitBreaker {\n      failureThreshold\n      cooldownMs\n    }\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AgentForm_AgentFragment on Agent {\n    name\n    description\n    capabilities\n    tools\n    coordinationPatterns\n    runner {\n      kind\n      settings\n    }\n    retryPolicy {\n      maxRetries\n      backoff\n      initialDelayMs\n      maxDelayMs\n    }\n    circuitBreaker {\n      failureThreshold\n      cooldownMs\n    }\n  }\n"): (typeof documents)["\n  fragment AgentForm_AgentFragment on Agent {\n    name\n    description\n    capabilities\n    tools\n    coordinationPatterns\n    runner {\n      kind\n      settings\n    }\n    retryPolicy {\n      maxRetries\n      backoff\n      initialDelayMs\n      maxDelayMs\n    }\n    circuitBreaker {\n      failureThreshold\n      cooldownMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AgentForm_CoordinationPatternFragment on CoordinationPattern {\n    slug\n    name\n    description\n  }\n"): (typeof documents)["\n  fragment AgentForm_CoordinationPatternFragment on CoordinationPattern {\n    slug\n    name\n    description\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AgentChanged {\n    agentChanged {\n      kind\n      agentId\n      name\n    }\n  }\n"): (typeof documents)["\n  subscription AgentChanged {\n    agentChanged {\n      kind\n      agentId\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAgent($id: String!) {\n    deleteAgent(id: $id) {\n      __typename\n      ... on DeletedAgent {\n        id\n        name\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteAgent($id: String!) {\n    deleteAgent(id: $id) {\n      __typename\n      ... on DeletedAgent {\n        id\n        name\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PatternCard_CoordinationPatternFragment on CoordinationPattern {\n    id\n    slug\n    name\n    description\n    whenToUse\n    diagramUrl\n    agents {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment PatternCard_CoordinationPatternFragment on CoordinationPattern {\n    id\n    slug\n    name\n    description\n    whenToUse\n    diagramUrl\n    agents {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PatternDetail_CoordinationPatternFragment on CoordinationPattern {\n    id\n    slug\n    name\n    description\n    whenToUse\n    diagramUrl\n    exampleWorkflowId\n    agents {\n      id\n      ...AgentCard_AgentFragment\n    }\n  }\n"): (typeof documents)["\n  fragment PatternDetail_CoordinationPatternFragment on CoordinationPattern {\n    id\n    slug\n    name\n    description\n    whenToUse\n    diagramUrl\n    exampleWorkflowId\n    agents {\n      id\n      ...AgentCard_AgentFragment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExecutionDetail($id: String!) {\n    execution(id: $id) {\n      __typename\n      ... on Execution {\n        id\n        ...ExecutionDetail_ExecutionFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query ExecutionDetail($id: String!) {\n    execution(id: $id) {\n      __typename\n      ... on Execution {\n        id\n        ...ExecutionDetail_ExecutionFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExecutionDetail_ExecutionFragment on Execution {\n    id\n    agentName\n    status\n    timestamp\n    endedAt\n    durationMs\n    attempt\n    error\n    inputs\n    outputs\n    workflowId\n    workflowRunId\n    workflowStepId\n    ancestors {\n      id\n      agentName\n      status\n    }\n    children {\n      id\n      agentName\n      status\n    }\n  }\n"): (typeof documents)["\n  fragment ExecutionDetail_ExecutionFragment on Execution {\n    id\n    agentName\n    status\n    timestamp\n    endedAt\n    durationMs\n    attempt\n    error\n    inputs\n    outputs\n    workflowId\n    workflowRunId\n    workflowStepId\n    ancestors {\n      id\n      agentName\n      status\n    }\n    children {\n      id\n      agentName\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TimelineBar_ExecutionFragment on Execution {\n    id\n    agentName\n    status\n    timestamp\n    endedAt\n    durationMs\n    parentExecutionId\n    rootId\n    attempt\n    workflowId\n    workflowRunId\n  }\n"): (typeof documents)["\n  fragment TimelineBar_ExecutionFragment on Execution {\n    id\n    agentName\n    status\n    timestamp\n    endedAt\n    durationMs\n    parentExecutionId\n    rootId\n    attempt\n    workflowId\n    workflowRunId\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TimelineExecutionEvents {\n    executionEvents {\n      kind\n      execution {\n        ...TimelineBar_ExecutionFragment\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription TimelineExecutionEvents {\n    executionEvents {\n      kind\n      execution {\n        ...TimelineBar_ExecutionFragment\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TimelineAncestors($id: String!) {\n    execution(id: $id) {\n      __typename\n      ... on Execution {\n        id\n        ancestors {\n          ...TimelineBar_ExecutionFragment\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TimelineAncestors($id: String!) {\n    execution(id: $id) {\n      __typename\n      ... on Execution {\n        id\n        ancestors {\n          ...TimelineBar_ExecutionFragment\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentDetailPage($id: String!) {\n    agent(id: $id) {\n      __typename\n      ... on Agent {\n        id\n        name\n        runner {\n          kind\n        }\n        ...AgentConfig_AgentFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgentDetailPage($id: String!) {\n    agent(id: $id) {\n      __typename\n      ... on Agent {\n        id\n        name\n        runner {\n          kind\n        }\n        ...AgentConfig_AgentFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentEditPage($id: String!) {\n    agent(id: $id) {\n      __typename\n      ... on Agent {\n        id\n        name\n        ...AgentForm_AgentFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n    patterns {\n      id\n      ...AgentForm_CoordinationPatternFragment\n    }\n  }\n"): (typeof documents)["\n  query AgentEditPage($id: String!) {\n    agent(id: $id) {\n      __typename\n      ... on Agent {\n        id\n        name\n        ...AgentForm_AgentFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n    patterns {\n      id\n      ...AgentForm_CoordinationPatternFragment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAgent($id: String!, $input: UpdateAgentInput!) {\n    updateAgent(id: $id, input: $input) {\n      __typename\n      ... on Agent {\n        id\n        name\n      }\n      ... on ValidationError {\n        message\n        field\n        issues {\n          field\n          message\n        }\n      }\n      ... on ConflictError {\n        message\n        field\n      }\n      ... on NotFoundError {\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAgent($id: String!, $input: UpdateAgentInput!) {\n    updateAgent(id: $id, input: $input) {\n      __typename\n      ... on Agent {\n        id\n        name\n      }\n      ... on ValidationError {\n        message\n        field\n        issues {\n          field\n          message\n        }\n      }\n      ... on ConflictError {\n        message\n        field\n      }\n      ... on NotFoundError {\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentNewPage {\n    patterns {\n      id\n      ...AgentForm_CoordinationPatternFragment\n    }\n  }\n"): (typeof documents)["\n  query AgentNewPage {\n    patterns {\n      id\n      ...AgentForm_CoordinationPatternFragment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAgent($input: CreateAgentInput!) {\n    createAgent(input: $input) {\n      __typename\n      ... on Agent {\n        id\n        name\n      }\n      ... on ValidationError {\n        message\n        field\n        issues {\n          field\n          message\n        }\n      }\n      ... on ConflictError {\n        message\n        field\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAgent($input: CreateAgentInput!) {\n    createAgent(input: $input) {\n      __typename\n      ... on Agent {\n        id\n        name\n      }\n      ... on ValidationError {\n        message\n        field\n        issues {\n          field\n          message\n        }\n      }\n      ... on ConflictError {\n        message\n        field\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentsPage($capability: String, $pattern: String, $q: String, $limit: Int, $offset: Int) {\n    agents(capability: $capability, pattern: $pattern, q: $q, limit: $limit, offset: $offset) {\n      __typename\n      ... on AgentList {\n        total\n        limit\n        offset\n        agents {\n          id\n          ...AgentCard_AgentFragment\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgentsPage($capability: String, $pattern: String, $q: String, $limit: Int, $offset: Int) {\n    agents(capability: $capability, pattern: $pattern, q: $q, limit: $limit, offset: $offset) {\n      __typename\n      ... on AgentList {\n        total\n        limit\n        offset\n        agents {\n          id\n          ...AgentCard_AgentFragment\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentFacets {\n    agents(limit: 200) {\n      __typename\n      ... on AgentList {\n        agents {\n          id\n          capabilities\n        }\n      }\n    }\n    patterns {\n      id\n      slug\n      name\n    }\n  }\n"): (typeof documents)["\n  query AgentFacets {\n    agents(limit: 200) {\n      __typename\n      ... on AgentList {\n        agents {\n          id\n          capabilities\n        }\n      }\n    }\n    patterns {\n      id\n      slug\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GraphPage($startDate: String, $endDate: String, $workflow: String) {\n    handoffGraph(startDate: $startDate, endDate: $endDate, workflow: $workflow) {\n      __typename\n      ... on HandoffGraph {\n        nodes {\n          agentName\n          executionCount\n          successCount\n          failureCount\n          successRate\n          avgDurationMs\n        }\n        edges {\n          source\n          target\n          count\n          successCount\n          failureCount\n          successRate\n          firstAt\n          lastAt\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query GraphPage($startDate: String, $endDate: String, $workflow: String) {\n    handoffGraph(startDate: $startDate, endDate: $endDate, workflow: $workflow) {\n      __typename\n      ... on HandoffGraph {\n        nodes {\n          agentName\n          executionCount\n          successCount\n          failureCount\n          successRate\n          avgDurationMs\n        }\n        edges {\n          source\n          target\n          count\n          successCount\n          failureCount\n          successRate\n          firstAt\n          lastAt\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatternDetailPage($id: String!) {\n    pattern(id: $id) {\n      __typename\n      ... on CoordinationPattern {\n        id\n        name\n        ...PatternDetail_CoordinationPatternFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query PatternDetailPage($id: String!) {\n    pattern(id: $id) {\n      __typename\n      ... on CoordinationPattern {\n        id\n        name\n        ...PatternDetail_CoordinationPatternFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatternsPage {\n    patterns {\n      id\n      ...PatternCard_CoordinationPatternFragment\n    }\n  }\n"): (typeof documents)["\n  query PatternsPage {\n    patterns {\n      id\n      ...PatternCard_CoordinationPatternFragment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TimelinePage(\n    $agent: String\n    $status: String\n    $startDate: String\n    $endDate: String\n    $workflow: String\n    $workflowRun: String\n    $limit: Int\n  ) {\n    timeline(\n      agent: $agent\n      status: $status\n      startDate: $startDate\n      endDate: $endDate\n      workflow: $workflow\n      workflowRun: $workflowRun\n      limit: $limit\n    ) {\n      __typename\n      ... on Timeline {\n        rootCount\n        matchedCount\n        truncated\n        contextIds\n        executions {\n          id\n          ...TimelineBar_ExecutionFragment\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query TimelinePage(\n    $agent: String\n    $status: String\n    $startDate: String\n    $endDate: String\n    $workflow: String\n    $workflowRun: String\n    $limit: Int\n  ) {\n    timeline(\n      agent: $agent\n      status: $status\n      startDate: $startDate\n      endDate: $endDate\n      workflow: $workflow\n      workflowRun: $workflowRun\n      limit: $limit\n    ) {\n      __typename\n      ... on Timeline {\n        rootCount\n        matchedCount\n        truncated\n        contextIds\n        executions {\n          id\n          ...TimelineBar_ExecutionFragment\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TimelineAgentOptions {\n    agents(limit: 200) {\n      __typename\n      ... on AgentList {\n        agents {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TimelineAgentOptions {\n    agents(limit: 200) {\n      __typename\n      ... on AgentList {\n        agents {\n          id\n          name\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;