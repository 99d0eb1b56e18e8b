import { useEffect, useMemo, useRef } from "react";
import { throttle } from "./throttle.ts";

/**
 * `fn` (its latest version) throttled to one call per `intervalMs` (lib/throttle.ts), the same
 * function for the component's life; a pending call is dropped on unmount.
 */
export function useThrottled(fn: () => void, intervalMs: number): () => void {
  const latest = useRef(fn);
  latest.current = fn;
  const throttled = useMemo(() => throttle(() => latest.current(), intervalMs), [intervalMs]);
  useEffect(() => () => throttled.cancel(), [throttled]);
  return throttled;
}
