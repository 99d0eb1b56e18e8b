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
    "\n  query AgentDetailPage($id: String!) {\n    agent(id: $id) {\n      __typename\n      ... on Agent {\n        id\n        name\n        runner {\n          kind\n        }\n        ...AgentConfig_AgentFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.AgentDetailPageDocument,
    "\n  query AgentEditPage($id: String!) {\n    agent(id: $id) {\n      __typename\n      ... on Agent {\n        id\n        name\n        ...AgentForm_AgentFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n    patterns {\n      id\n      ...AgentForm_CoordinationPatternFragment\n    }\n  }\n": typeof types.AgentEditPageDocument,
    "\n  mutation UpdateAgent($id: String!, $input: UpdateAgentInput!) {\n    updateAgent(id: $id, input: $input) {\n      __typename\n      ... on Agent {\n        id\n        name\n      }\n      ... on ValidationError {\n        message\n        field\n        issues {\n          field\n          message\n        }\n      }\n      ... on ConflictError {\n        message\n        field\n      }\n      ... on NotFoundError {\n        message\n        field\n      }\n    }\n  }\n": typeof types.UpdateAgentDocument,
    "\n  query AgentNewPage {\n    patterns {\n      id\n      ...AgentForm_CoordinationPatternFragment\n    }\n  }\n": typeof types.AgentNewPageDocument,
    "\n  mutation CreateAgent($input: CreateAgentInput!) {\n    createAgent(input: $input) {\n      __typename\n      ... on Agent {\n        id\n        name\n      }\n      ... on ValidationError {\n        message\n        field\n        issues {\n          field\n          message\n        }\n      }\n      ... on ConflictError {\n        message\n        field\n      }\n    }\n  }\n": typeof types.CreateAgentDocument,
    "\n  query AgentsPage($capability: String, $pattern: String, $q: String, $limit: Int, $offset: Int) {\n    agents(capability: $capability, pattern: $pattern, q: $q, limit: $limit, offset: $offset) {\n      __typename\n      ... on AgentList {\n        total\n        limit\n        offset\n        agents {\n          id\n          ...AgentCard_AgentFragment\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n": typeof types.AgentsPageDocument,
    "\n  query AgentFacets {\n    agents(limit: 200) {\n      __typename\n      ... on AgentList {\n        agents {\n          id\n          capabilities\n        }\n      }\n    }\n    patterns {\n      id\n      slug\n      name\n    }\n  }\n": typeof types.AgentFacetsDocument,
    "\n  query PatternDetailPage($id: String!) {\n    pattern(id: $id) {\n      __typename\n      ... on CoordinationPattern {\n        id\n        name\n        ...PatternDetail_CoordinationPatternFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": typeof types.PatternDetailPageDocument,
    "\n  query PatternsPage {\n    patterns {\n      id\n      ...PatternCard_CoordinationPatternFragment\n    }\n  }\n": typeof types.PatternsPageDocument,
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
    "\n  query AgentDetailPage($id: String!) {\n    agent(id: $id) {\n      __typename\n      ... on Agent {\n        id\n        name\n        runner {\n          kind\n        }\n        ...AgentConfig_AgentFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.AgentDetailPageDocument,
    "\n  query AgentEditPage($id: String!) {\n    agent(id: $id) {\n      __typename\n      ... on Agent {\n        id\n        name\n        ...AgentForm_AgentFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n    patterns {\n      id\n      ...AgentForm_CoordinationPatternFragment\n    }\n  }\n": types.AgentEditPageDocument,
    "\n  mutation UpdateAgent($id: String!, $input: UpdateAgentInput!) {\n    updateAgent(id: $id, input: $input) {\n      __typename\n      ... on Agent {\n        id\n        name\n      }\n      ... on ValidationError {\n        message\n        field\n        issues {\n          field\n          message\n        }\n      }\n      ... on ConflictError {\n        message\n        field\n      }\n      ... on NotFoundError {\n        message\n        field\n      }\n    }\n  }\n": types.UpdateAgentDocument,
    "\n  query AgentNewPage {\n    patterns {\n      id\n      ...AgentForm_CoordinationPatternFragment\n    }\n  }\n": types.AgentNewPageDocument,
    "\n  mutation CreateAgent($input: CreateAgentInput!) {\n    createAgent(input: $input) {\n      __typename\n      ... on Agent {\n        id\n        name\n      }\n      ... on ValidationError {\n        message\n        field\n        issues {\n          field\n          message\n        }\n      }\n      ... on ConflictError {\n        message\n        field\n      }\n    }\n  }\n": types.CreateAgentDocument,
    "\n  query AgentsPage($capability: String, $pattern: String, $q: String, $limit: Int, $offset: Int) {\n    agents(capability: $capability, pattern: $pattern, q: $q, limit: $limit, offset: $offset) {\n      __typename\n      ... on AgentList {\n        total\n        limit\n        offset\n        agents {\n          id\n          ...AgentCard_AgentFragment\n        }\n      }\n      ... on ValidationError {\n        field\n        message\n      }\n    }\n  }\n": types.AgentsPageDocument,
    "\n  query AgentFacets {\n    agents(limit: 200) {\n      __typename\n      ... on AgentList {\n        agents {\n          id\n          capabilities\n        }\n      }\n    }\n    patterns {\n      id\n      slug\n      name\n    }\n  }\n": types.AgentFacetsDocument,
    "\n  query PatternDetailPage($id: String!) {\n    pattern(id: $id) {\n      __typename\n      ... on CoordinationPattern {\n        id\n        name\n        ...PatternDetail_CoordinationPatternFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n": types.PatternDetailPageDocument,
    "\n  query PatternsPage {\n    patterns {\n      id\n      ...PatternCard_CoordinationPatternFragment\n    }\n  }\n": types.PatternsPageDocument,
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
export function graphql(source: "\n  query PatternDetailPage($id: String!) {\n    pattern(id: $id) {\n      __typename\n      ... on CoordinationPattern {\n        id\n        name\n        ...PatternDetail_CoordinationPatternFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query PatternDetailPage($id: String!) {\n    pattern(id: $id) {\n      __typename\n      ... on CoordinationPattern {\n        id\n        name\n        ...PatternDetail_CoordinationPatternFragment\n      }\n      ... on NotFoundError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatternsPage {\n    patterns {\n      id\n      ...PatternCard_CoordinationPatternFragment\n    }\n  }\n"): (typeof documents)["\n  query PatternsPage {\n    patterns {\n      id\n      ...PatternCard_CoordinationPatternFragment\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;