// `await gql<{ agent: … }>(server.url, query, variables)` returns `data` and throws on GraphQL
// errors; `gqlResult` returns the whole response for tests about those errors.

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

const REQUEST_TIMEOUT_MS = 10_000;

const endpoint = (url: string) => (url.endsWith("/graphql") ? url : `${url.replace(/\/$/, "")}/graphql`);

export async function gqlResult<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResult<T> & { status: number }> {
  const res = await fetch(endpoint(url), {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body: JSON.stringify({ query, variables }),
    // A server that never answers fails the test in seconds, not at the 30 s test timeout.
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  return { status: res.status, ...((await res.json()) as GraphQLResult<T>) };
}

export async function gql<T>(url: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const result = await gqlResult<T>(url, query, variables);
  if (result.errors?.length || !result.data)
    throw new Error(`GraphQL errors: ${result.errors?.map((e) => e.message).join("; ") ?? "no data"}`);
  return result.data;
}

/** Every field of Agent, for queries that compare whole agents. */
export const AGENT_FIELDS = `
  id name description capabilities tools coordinationPatterns
  runner { kind settings }
  retryPolicy { maxRetries backoff initialDelayMs maxDelayMs }
  circuitBreaker { failureThreshold cooldownMs }
  createdAt updatedAt`;

/** Selects any error member of a result union. */
export const ERROR_FIELDS = "... on Error { __typename code message field }";
/** For unions that include ValidationError: every issue, not just the first. */
export const ISSUE_FIELDS = "... on ValidationError { issues { field message } }";

export interface GqlAgent {
  __typename?: "Agent";
  id: string;
  name: string;
  description: string;
  capabilities: string[];
  tools: string[];
  coordinationPatterns: string[];
  runner: { kind: string; settings: unknown };
  retryPolicy: { maxRetries: number; backoff: string; initialDelayMs: number; maxDelayMs: number };
  circuitBreaker: { failureThreshold: number; cooldownMs: number };
  createdAt: string;
  updatedAt: string;
}

export interface GqlError {
  __typename: "ValidationError" | "NotFoundError" | "ConflictError";
  code: string;
  message: string;
  field: string | null;
  issues?: { field: string; message: string }[];
}

/** `gql`/`gqlResult` bound to one server. */
export function graphqlClient(url: string) {
  return {
    /** data, or throws on GraphQL errors */
    query: <T>(query: string, variables?: Record<string, unknown>) => gql<T>(url, query, variables),
    /** the whole response, errors included */
    result: <T>(query: string, variables?: Record<string, unknown>) => gqlResult<T>(url, query, variables),
  };
}

export type GraphQLClient = ReturnType<typeof graphqlClient>;
