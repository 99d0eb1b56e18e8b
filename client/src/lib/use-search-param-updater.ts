import { useCallback } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";

export type ParamChanges = Record<string, string | null | undefined>;

/** The URL's search params, and a function that sets (or, for empty values, deletes) some of them. */
export function useSearchParamUpdater(): [URLSearchParams, (changes: ParamChanges, replace?: boolean) => void] {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const update = useCallback(
    (changes: ParamChanges, replace = false) => {
      // Read the address bar, not a rendered copy: two updates in one event must both land.
      const current = new URLSearchParams(window.location.search);
      void navigate({ search: searchString(withParams(current, changes)) }, { replace });
    },
    [navigate],
  );
  return [params, update];
}

export function withParams(prev: URLSearchParams, changes: ParamChanges): URLSearchParams {
  const next = new URLSearchParams(prev);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

/** `?agent=A,B`: lists keep readable commas (legal in a query) instead of %2C. */
export function searchString(params: URLSearchParams): string {
  const s = params.toString().replace(/%2C/gi, ",");
  return s ? `?${s}` : "";
}
