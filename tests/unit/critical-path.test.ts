import { describe, expect, test } from "vitest";
import { criticalPath, type PathExecution } from "../../server/modules/trace/critical-path.js";

const ex = (id: string, parentId: string | null, startMs: number, endMs: number | null): PathExecution => ({
  id,
  parentId,
  startMs,
  endMs,
});

describe("criticalPath", () => {
  test("a sequential handoff chain under a root: every step the end waited on, in start order", () => {
    // root 0–100 runs test 0–30, code 30–70, verify 70–95 one after another.
    const tree = [
      ex("root", null, 0, 100),
      ex("verify", "root", 70, 95),
      ex("test", "root", 0, 30),
      ex("code", "root", 30, 70),
    ];
    expect(criticalPath(tree, "root", 1_000)).toEqual(["root", "test", "code", "verify"]);
  });

  test("parallel children: only those that end the chain; an overlapping one that ends later than the next start is left out", () => {
    // a 0–50, b 10–60 overlaps c's start (55), c 55–90: the end waited on c, and c could start after a.
    const tree = [ex("r", null, 0, 90), ex("a", "r", 0, 50), ex("b", "r", 10, 60), ex("c", "r", 55, 90)];
    expect(criticalPath(tree, "r", 1_000)).toEqual(["r", "a", "c"]);
  });

  test("a deep chain is followed through every level, and a child ending after its parent still counts", () => {
    const tree = [
      ex("r", null, 0, 10),
      ex("x", "r", 5, 20),
      ex("y", "x", 6, 40),
      ex("side", "r", 1, 3),
      ex("z", "y", 30, 41),
    ];
    // end*(x) = 41 (z); side ends at 3 ≤ x's start 5, so r waited on side too.
    expect(criticalPath(tree, "r", 1_000)).toEqual(["r", "side", "x", "y", "z"]);
  });

  test("an unfinished execution ends now; ties go to the later start, then the greater id", () => {
    const running = [ex("r", null, 0, null), ex("done", "r", 0, 50), ex("live", "r", 10, null)];
    expect(criticalPath(running, "r", 200)).toEqual(["r", "live"]);
    const ties = [ex("r", null, 0, 10), ex("p", "r", 2, 10), ex("q", "r", 2, 10), ex("s", "r", 1, 10)];
    expect(criticalPath(ties, "r", 1_000)).toEqual(["r", "q"]);
  });

  test("an unknown root gives an empty path; a lone root is its own path", () => {
    expect(criticalPath([ex("r", null, 0, 1)], "nope", 0)).toEqual([]);
    expect(criticalPath([ex("r", null, 0, 1)], "r", 0)).toEqual(["r"]);
  });

  test("2,000 executions in one chain: no recursion limit", () => {
    const tree = Array.from({ length: 2_000 }, (_, i) => ex(`e${i}`, i ? `e${i - 1}` : null, i, i + 1));
    const path = criticalPath(tree, "e0", 0);
    expect(path.length).toBe(2_000);
    expect(path[1_999]).toBe("e1999");
  });
});
