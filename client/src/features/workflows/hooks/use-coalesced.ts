import { useCallback, useEffect, useRef } from "react";

/**
 * A function that calls `fn` once, `delayMs` after the first call of a burst: a run's steps
 * finishing one after another cause one refetch, not one each. The latest `fn` is the one called.
 */
export function useCoalesced(fn: () => void, delayMs: number): () => void {
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return useCallback(() => {
    timer.current ??= setTimeout(() => {
      timer.current = null;
      latest.current();
    }, delayMs);
  }, [delayMs]);
}
