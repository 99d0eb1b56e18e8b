// Retry policy: the agent's, with a step's override on top, and the wait before each retry.
import type { RetryOverride } from "../types.js";

export type RetryPolicy = Required<RetryOverride>;

export function mergeRetry(agent: RetryPolicy, step: RetryOverride | undefined): RetryPolicy {
  return { ...agent, ...(step ?? {}) };
}

/** Milliseconds to wait before attempt `next` (2, 3, …): fixed, linear or exponential, capped. */
export function retryDelay(policy: RetryPolicy, next: number): number {
  const n = Math.max(1, next - 1);
  const base = policy.initial_delay_ms;
  const raw = policy.backoff === "fixed" ? base : policy.backoff === "linear" ? base * n : base * 2 ** (n - 1);
  return Math.min(raw, Math.max(policy.max_delay_ms, base));
}

/** Resolves after `ms`, or at once when `signal` aborts (the caller checks which). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
