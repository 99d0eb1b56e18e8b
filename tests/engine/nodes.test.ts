// The flow's edges of a template: which steps hand work directly to which.
import { describe, expect, test } from "vitest";
import { handoffSources, stepIdsOf } from "../../server/engine/nodes.js";
import type { NodeDef } from "../../server/engine/types.js";

const s = (id: string) => ({ id, agent: "A" });

describe("handoffSources", () => {
  test("sequence, fan-out and join, a hierarchy whose workers are a parallel group and a sequence", () => {
    const steps: NodeDef[] = [
      s("a"),
      { parallel: [s("b"), { sequential: [s("c"), s("d")] }] },
      {
        hierarchical: {
          supervisor: s("sup"),
          workers: [{ parallel: [s("w1"), s("w2")] }, { sequential: [s("w3"), s("w4")] }],
          aggregate: s("agg"),
        },
      },
      s("z"),
    ];

    expect(Object.fromEntries(handoffSources(steps))).toEqual({
      a: [],
      b: ["a"],
      c: ["a"],
      d: ["c"],
      sup: ["b", "d"],
      w1: ["sup"],
      w2: ["sup"],
      w3: ["sup"],
      w4: ["w3"],
      agg: ["w1", "w2", "w4"],
      z: ["agg"],
    });
    expect(steps.flatMap(stepIdsOf)).toEqual(["a", "b", "c", "d", "sup", "w1", "w2", "w3", "w4", "agg", "z"]);
  });

  test("a long sequence has one source per step (linear, not every earlier step)", () => {
    const steps = Array.from({ length: 2000 }, (_, i) => s(`s${i}`));
    const sources = handoffSources(steps);
    expect(sources.get("s0")).toEqual([]);
    expect(sources.get("s1999")).toEqual(["s1998"]);
    expect([...sources.values()].reduce((n, v) => n + v.length, 0)).toBe(1999);
  });
});
