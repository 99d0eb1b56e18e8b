import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { silenceDelay, watchSilence } from "./silence.ts";

describe("a silence watch", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("waits 5 s, then twice as long after each quiet turn, at most a minute", () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => silenceDelay(n))).toEqual([
      5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000,
    ]);
  });

  it("calls back after each quiet stretch, backing off", () => {
    const calls: number[] = [];
    const w = watchSilence(() => calls.push(Date.now()), 100, 1_000);
    const start = Date.now();
    vi.advanceTimersByTime(99);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    vi.advanceTimersByTime(200 + 400 + 800 + 1_000);
    expect(calls.map((t) => t - start)).toEqual([100, 300, 700, 1_500, 2_500]);
    w.stop();
  });

  it("starts over from the first wait whenever something is heard", () => {
    let calls = 0;
    const w = watchSilence(() => calls++, 100, 1_000);
    vi.advanceTimersByTime(100 + 200); // two quiet turns: the next wait would be 400 ms
    expect(calls).toBe(2);
    w.heard();
    vi.advanceTimersByTime(99);
    expect(calls).toBe(2);
    vi.advanceTimersByTime(1);
    expect(calls).toBe(3);
    // Heard often enough, it never fires.
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(90);
      w.heard();
    }
    expect(calls).toBe(3);
    w.stop();
  });

  it("stops for good: nothing fires after stop, and heard does not restart it", () => {
    let calls = 0;
    const w = watchSilence(() => calls++, 100, 1_000);
    w.stop();
    w.heard();
    vi.advanceTimersByTime(10_000);
    expect(calls).toBe(0);
  });
});
