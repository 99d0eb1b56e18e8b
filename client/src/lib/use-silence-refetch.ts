import { useCallback, useEffect, useRef } from "react";
import { type SilenceWatch, watchSilence } from "./silence.ts";

/**
 * While `active`, calls `refetch` whenever the view heard nothing for a while (lib/silence.ts);
 * returns `heard`, to call on every event the view receives.
 */
export function useSilenceRefetch(active: boolean, refetch: () => void): () => void {
  const latest = useRef(refetch);
  useEffect(() => {
    latest.current = refetch;
  });
  const watch = useRef<SilenceWatch | null>(null);
  useEffect(() => {
    if (!active) return;
    const w = watchSilence(() => latest.current());
    watch.current = w;
    return () => {
      w.stop();
      watch.current = null;
    };
  }, [active]);
  return useCallback(() => watch.current?.heard(), []);
}
