// The recent-runs status filter lives in the URL (`?status=running,failed`), so a filtered list can
// be shared and survives a reload.
import { useMemo } from "react";
import { toEnum } from "../../../lib/graphql-enum.ts";
import { useSearchParamUpdater } from "../../../lib/use-search-param-updater.ts";
import { RUN_STATUSES, type RunStatus } from "../lib/status.ts";

export function parseStatuses(param: string): RunStatus[] {
  const given = new Set(param.split(",").map((s) => s.trim()));
  return RUN_STATUSES.filter((s) => given.has(s));
}

export function useRunStatusFilter() {
  const [params, update] = useSearchParamUpdater();
  const param = params.get("status") ?? "";
  const statuses = useMemo(() => parseStatuses(param), [param]);
  const set = (next: readonly string[]) => update({ status: RUN_STATUSES.filter((s) => next.includes(s)).join(",") });
  return {
    statuses,
    /** For the query: null for every status. */
    variable: statuses.length ? statuses.map(toEnum) : null,
    toggle: (status: RunStatus) =>
      set(statuses.includes(status) ? statuses.filter((s) => s !== status) : [...statuses, status]),
    clear: () => set([]),
  };
}
