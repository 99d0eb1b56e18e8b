import { describe, expect, test } from "vitest";
import { formatCount, formatUsd } from "./format.ts";

describe("formatUsd", () => {
  test("dollars with cents, up to four decimals; under a hundredth of a cent, three significant digits", () => {
    expect([0, 0.048, 0.01234, 12.5, 1234.5, 0.00005, 0.0000123456].map(formatUsd)).toEqual([
      "$0.00",
      "$0.048",
      "$0.0123",
      "$12.50",
      "$1,234.50",
      "$0.00005",
      "$0.0000123",
    ]);
  });
});

describe("formatCount", () => {
  test("thousands separated", () => {
    expect([0, 999, 15_500, 2_147_483_647].map(formatCount)).toEqual(["0", "999", "15,500", "2,147,483,647"]);
  });
});
