// `await gql<{ agent: … }>(server.url, query, variables)` returns `data` and throws on GraphQL
// errors; `gqlResult` returns the whole response for tests about those errors. A query's expected
// failures (NOT_FOUND, VALIDATION_FAILED) are GraphQL errors carrying `code` and `field` in their
// extensions (`errorsOf`); a mutation's are members of its result union (`ERROR_FIELDS`).
import { expect } from "vitest";

export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  locations?: { line: number; column: number }[];
  extensions?: Record<string, unknown>;
}

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: GraphQLErrorEntry[];
}

const REQUEST_TIMEOUT_MS = 10_000;

const endpoint = (url: string) => (url.endsWith("/graphql") ? url : `${url.replace(/\/$/, "")}/graphql`);

export async function gqlResult<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResult<T> & { status: number }> {
  const res = await fetch(endpoint(url), {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...headers },
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

/**
 * A response's errors as `{ message, path, extensions }` (locations left out), for one exact
 * comparison: `expect(errorsOf(res)).toEqual([{ message, path: ["agent"], extensions: { code, field } }])`.
 */
export const errorsOf = (res: GraphQLResult<unknown>) =>
  (res.errors ?? []).map(({ message, path, extensions }) => ({ message, path, extensions }));

/**
 * What a query's refusal says, per error: `{ data, errors: [{ path, code, field }] }` with `data` as
 * answered (null when the failing field is non-null, `{ agent: null }` for a nullable one).
 */
export const refusalOf = (res: GraphQLResult<unknown>) => ({
  data: res.data ?? null,
  errors: (res.errors ?? []).map((e) => ({ path: e.path, code: e.extensions?.code, field: e.extensions?.field })),
});

/**
 * A request GraphQL itself refused before anything ran (a variable of the wrong type, an unknown
 * enum value, a malformed scalar): HTTP 400, no data, one error naming the variable `$<name>`.
 */
export function expectRefusedVariable(res: GraphQLResult<unknown> & { status: number }, name: string) {
  expect({ status: res.status, data: res.data, errors: res.errors?.length ?? 0 }).toEqual({
    status: 400,
    data: undefined,
    errors: 1,
  });
  expect(res.errors?.[0]?.message).toContain(`Variable "$${name}" got invalid value`);
}

/** The paging fields of a connection. */
export const PAGE_INFO = "pageInfo { hasNextPage hasPreviousPage startCursor endCursor }";

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** A Relay connection as selected (`edges` and `pageInfo` only when asked for). */
export interface Connection<T> {
  nodes: T[];
  totalCount: number;
  edges?: { cursor: string; node: T }[];
  pageInfo?: PageInfo;
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
  /** RunnerKind as GraphQL names it: MOCK, HTTP, COMMAND, BUILTIN, CLAUDE. */
  runner: { kind: string; settings: unknown };
  /** Backoff as GraphQL names it: FIXED, LINEAR, EXPONENTIAL. */
  retryPolicy: { maxRetries: number; backoff: string; initialDelayMs: number; maxDelayMs: number };
  circuitBreaker: { failureThreshold: number; cooldownMs: number };
  createdAt: string;
  updatedAt: string;
}

/** A mutation's error member (queries answer errors as GraphQL errors: see `errorsOf`). */
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
