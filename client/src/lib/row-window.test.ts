import { describe, expect, it } from "vitest";
import { rowWindow } from "./row-window.ts";

describe("rowWindow", () => {
  it("at the top: the rows in view plus the overscan below", () => {
    // 600 px / 50 px = 12 rows in view, +1 for a partly shown row, +5 overscan.
    expect(rowWindow(0, 600, 50, 40, 2000, 5)).toEqual({ first: 0, last: 18 });
  });

  it("scrolled: the overscan on both sides, the head's offset taken off", () => {
    // (1040 − 40) / 50 = row 20 at the top.
    expect(rowWindow(1040, 600, 50, 40, 2000, 5)).toEqual({ first: 15, last: 38 });
  });

  it("at the end: stops at the last row, however far the scroll", () => {
    expect(rowWindow(99_990, 600, 50, 40, 2000, 5)).toEqual({ first: 1994, last: 2000 });
    expect(rowWindow(1_000_000, 600, 50, 40, 2000, 5)).toEqual({ first: 1994, last: 2000 });
  });

  it("a short list is all there; an empty one has no rows", () => {
    expect(rowWindow(0, 600, 50, 40, 7, 5)).toEqual({ first: 0, last: 7 });
    expect(rowWindow(0, 600, 50, 40, 0, 5)).toEqual({ first: 0, last: 0 });
  });
});
