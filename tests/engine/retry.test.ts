// The wait before each retry: fixed, linear or exponential from the initial delay, capped at the
// maximum; a step's override replaces only the fields it names.
import { describe, expect, test } from "vitest";
import { mergeRetry, retryDelay, sleep } from "../../server/engine/recovery/retry.js";

const policy = (backoff: "fixed" | "linear" | "exponential") => ({
  max_retries: 5,
  backoff,
  initial_delay_ms: 100,
  max_delay_ms: 500,
});

describe("retryDelay before attempt 2, 3, 4, 5, 6", () => {
  const delays = (p: ReturnType<typeof policy>) => [2, 3, 4, 5, 6].map((n) => retryDelay(p, n));

  test("fixed waits the initial delay every time", () => {
    expect(delays(policy("fixed"))).toEqual([100, 100, 100, 100, 100]);
  });
  test("linear grows by the initial delay, capped at the maximum", () => {
    expect(delays(policy("linear"))).toEqual([100, 200, 300, 400, 500]);
  });
  test("exponential doubles, capped at the maximum", () => {
    expect(delays(policy("exponential"))).toEqual([100, 200, 400, 500, 500]);
  });
  test("a maximum below the initial delay never shortens the initial delay", () => {
    expect(retryDelay({ ...policy("exponential"), max_delay_ms: 0 }, 3)).toBe(100);
  });
});

describe("mergeRetry", () => {
  test("a step's override replaces only the fields it names", () => {
    expect(mergeRetry(policy("exponential"), { max_retries: 0 })).toEqual({ ...policy("exponential"), max_retries: 0 });
    expect(mergeRetry(policy("fixed"), undefined)).toEqual(policy("fixed"));
  });
});

describe("sleep", () => {
  test("ends early when its signal aborts", async () => {
    const controller = new AbortController();
    const started = performance.now();
    const done = sleep(10_000, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await done;
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
