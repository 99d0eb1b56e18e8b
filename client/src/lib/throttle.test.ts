import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { throttle } from "./throttle.ts";

describe("throttle", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs the first call at once and folds a burst into one call at the end of the interval", () => {
    const fn = vi.fn();
    const t = throttle(fn, 2000);
    t();
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i++) {
      vi.advanceTimersByTime(20);
      t();
    }
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(999);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(10_000);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it("never runs twice within the interval, and runs at once after a quiet one", () => {
    const fn = vi.fn();
    const t = throttle(fn, 2000);
    const runs: number[] = [];
    fn.mockImplementation(() => runs.push(Date.now()));
    for (let i = 0; i < 100; i++) {
      t();
      vi.advanceTimersByTime(150);
    }
    vi.advanceTimersByTime(2000);
    for (let i = 1; i < runs.length; i++) expect((runs[i] ?? 0) - (runs[i - 1] ?? 0)).toBeGreaterThanOrEqual(2000);
    vi.advanceTimersByTime(5000);
    const before = fn.mock.calls.length;
    t();
    expect(fn).toHaveBeenCalledTimes(before + 1);
  });

  it("drops a pending call when cancelled", () => {
    const fn = vi.fn();
    const t = throttle(fn, 2000);
    t();
    t();
    t.cancel();
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
