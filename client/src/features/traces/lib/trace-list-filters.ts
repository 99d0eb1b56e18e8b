// The trace list's filters as the URL holds them (?status=&agent=&min_ms=&max_ms=&execution=&q=)
// and as GraphQL variables: the list reads them, and the trace view walks the same list with them.
import { EXECUTION_STATUSES } from "../../timeline/lib/types.ts";
import type { ExecutionStatus as GqlStatus } from "../../../gql/graphql.ts";
import { toEnum } from "../../../lib/graphql-enum.ts";

/** The URL parameters that make the list (a trace view link carries them on). */
export const TRACE_LIST_PARAMS = ["status", "agent", "min_ms", "max_ms", "execution", "q"] as const;

export const msParam = (v: string | null) => {
  const n = Number(v);
  return v !== null && v !== "" && Number.isInteger(n) && n >= 0 ? n : null;
};

export function traceListVariables(params: URLSearchParams) {
  const status = params.get("status") ?? "";
  const agent = (params.get("agent") ?? "").trim();
  const execution = (params.get("execution") ?? "").trim();
  const text = (params.get("q") ?? "").trim();
  return {
    status: (EXECUTION_STATUSES as readonly string[]).includes(status) ? [toEnum(status) as GqlStatus] : null,
    agent: agent ? [agent] : null,
    minDurationMs: msParam(params.get("min_ms")),
    maxDurationMs: msParam(params.get("max_ms")),
    execution: execution || null,
    text: text || null,
  };
}

/** Only the list's parameters of a query string, for a link that keeps the list's order. */
export function listParams(params: URLSearchParams): URLSearchParams {
  const kept = new URLSearchParams();
  for (const k of TRACE_LIST_PARAMS) {
    const v = params.get(k);
    if (v) kept.set(k, v);
  }
  return kept;
}
