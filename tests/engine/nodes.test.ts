// The flow's edges of a template: which steps hand work directly to which.
import { describe, expect, test } from "vitest";
import { handoffSources, stepIdsOf, stepRoles } from "../../server/engine/nodes.js";
import { validateTemplate } from "../../server/engine/template.js";
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

describe("stepRoles", () => {
  test("gives a stored definition's steps, agents and roles in the order validation flattens them", () => {
    const steps: NodeDef[] = [
      s("a"),
      {
        hierarchical: {
          supervisor: s("sup"),
          workers: [{ parallel: [s("w1"), { sequential: [s("w2"), s("w3")] }] }],
          aggregate: { id: "agg" } as never,
        },
      },
      { parallel: [s("p1"), s("p2")] },
    ];
    const { definition, steps: flat } = validateTemplate({ name: "t", steps }, () => true);

    expect(stepRoles(definition.steps)).toEqual(flat.map((f) => ({ id: f.id, agent: f.agent, role: f.role })));
    expect(flat.map((f) => f.position)).toEqual(flat.map((_, i) => i));
    expect(stepRoles(definition.steps).map((r) => `${r.id}:${r.role}`)).toEqual([
      "a:step",
      "sup:supervisor",
      "w1:worker",
      "w2:worker",
      "w3:worker",
      "agg:aggregate",
      "p1:step",
      "p2:step",
    ]);
  });
});
