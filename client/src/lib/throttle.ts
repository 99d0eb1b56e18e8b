// At most one call per interval, and never a lost one: the first call runs at once, calls inside
// the interval fold into one that runs when it ends (leading and trailing edge).
export interface Throttled {
  (): void;
  cancel: () => void;
}

export function throttle(fn: () => void, intervalMs: number): Throttled {
  let lastRun = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    lastRun = Date.now();
    fn();
  };
  const call = () => {
    if (timer !== null) return;
    const wait = lastRun + intervalMs - Date.now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
  call.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return call;
}
