// A hierarchical workflow over eight real agent processes (tests/testkit/agents.ts): five http agents
// (servers this test starts, one process each) and three command agents (programs Baton starts per
// call), each registered with contracts. The supervisor plans, six workers square a number each at
// once, the aggregate adds them up; every output is known exactly from the inputs, and each names the
// process that computed it.
import { type AgentFleet, spawnAgents } from "../testkit/agents.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { RestError } from "../testkit/rest.js";
import { createWorkflow, getRun, handoffs, startRun, stepStatuses, waitForRun } from "../testkit/workflows.js";

const signed = { agent: { type: "string" }, pid: { type: "integer" } };
const contracts = {
  plan: {
    inputSchema: { type: "object", required: ["items"], properties: { items: { type: "array" } } },
    outputSchema: {
      type: "object",
      required: ["items"],
      properties: { items: { type: "array", items: { type: "integer" } }, planned: { type: "integer" }, ...signed },
    },
  },
  square: {
    inputSchema: { type: "object", required: ["n"], properties: { n: { type: "integer" } } },
    outputSchema: {
      type: "object",
      required: ["value"],
      properties: { n: { type: "integer" }, value: { type: "integer" }, ...signed },
    },
  },
  sum: {
    inputSchema: { type: "object", required: ["workers"], properties: { workers: { type: "object" } } },
    outputSchema: {
      type: "object",
      required: ["total"],
      properties: { count: { type: "integer" }, total: { type: "integer" }, ...signed },
    },
  },
};

const ITEMS = [2, 3, 4, 5, 6, 7];

describe("eight real agent processes in one hierarchical run", () => {
  test("5 http + 3 command agents: each worker's square, the total, and who computed what", async ({ api }) => {
    let fleet: AgentFleet | null = null;
    try {
      fleet = await spawnAgents(api, [
        { protocol: "http", role: "plan", ...contracts.plan },
        ...[1, 2, 3, 4].map(() => ({ protocol: "http" as const, role: "square" as const, ...contracts.square })),
        { protocol: "command", role: "square", ...contracts.square },
        { protocol: "command", role: "square", ...contracts.square },
        { protocol: "command", role: "sum", ...contracts.sum },
      ]);
      const [planner, ...rest] = fleet.agents;
      const squarers = rest.slice(0, 6);
      const summer = rest[6];
      if (!planner || !summer) throw new Error("fleet incomplete");
      const workerIds = squarers.map((_, i) => `w${i}`);
      const steps = (read: (i: number) => string) => [
        {
          hierarchical: {
            supervisor: { id: "plan", agent: planner.name, input: { items: "{{params.items}}" } },
            workers: squarers.map((a, i) => ({ id: `w${i}`, agent: a.name, input: { n: read(i) } })),
            aggregate: { id: "total", agent: summer.name, input: { workers: "{{workers}}" } },
          },
        },
      ];

      // The static check knows the planner's contract: `itemz` is no field of its output.
      const refused = await api.post<RestError>("/workflows", {
        name: "broken",
        parameters: { type: "object", properties: { items: { type: "array" } } },
        steps: steps((i) => `{{steps.plan.output.itemz[${i}]}}`),
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.issues?.map((i) => i.field)).toEqual(
        workerIds.map((_, i) => `steps[0].hierarchical.workers[${i}].input.n`),
      );
      expect(refused.body.error.issues?.[0]?.message).toBe(
        `step 'w0': {{steps.plan.output.itemz[0]}} reads output.itemz[0] of step 'plan', but agent ${planner.name}'s output_schema has no field 'itemz' (declared: agent, items, pid, planned)`,
      );

      const workflow = await createWorkflow(api, {
        parameters: { type: "object", properties: { items: { type: "array", items: { type: "integer" } } } },
        steps: steps((i) => `{{steps.plan.output.items[${i}]}}`),
      });
      const run = await getRun(
        api,
        (await waitForRun(api, (await startRun(api, workflow.id, { items: ITEMS })).id, 60_000)).id,
      );

      expect(run.status).toBe("succeeded");
      expect(stepStatuses(run)).toEqual(
        Object.fromEntries(["plan", ...workerIds, "total"].map((id) => [id, "succeeded"])),
      );
      const output = (id: string) => run.steps.find((s) => s.step_id === id)?.outputs as Record<string, unknown>;
      expect(output("plan")).toEqual({ items: ITEMS, planned: 6, agent: planner.name, pid: planner.pid });
      squarers.forEach((a, i) => {
        const n = ITEMS[i] as number;
        const expected = { n, value: n * n, agent: a.name };
        if (a.protocol === "http") expect(output(`w${i}`)).toEqual({ ...expected, pid: a.pid });
        else expect(output(`w${i}`)).toEqual({ ...expected, pid: expect.any(Number) });
      });
      expect(run.outputs).toEqual({
        count: 6,
        total: 4 + 9 + 16 + 25 + 36 + 49,
        agent: summer.name,
        pid: expect.any(Number),
      });

      // Eight processes: five http servers (this helper's children) and a new one per command call.
      const pids = ["plan", ...workerIds, "total"].map((id) => output(id).pid);
      expect(new Set(pids).size).toBe(8);
      expect(pids).not.toContain(process.pid);
      expect(handoffs(run)).toEqual({
        root: [null, 0],
        plan: ["root", 1],
        ...Object.fromEntries(workerIds.map((id) => [id, ["plan", 2]])),
        total: ["plan", 2],
      });
    } finally {
      await fleet?.close();
    }
  });

  test("a failing process agent fails its step with what it said; the helper stops its servers", async ({ api }) => {
    const fleet = await spawnAgents(api, [
      { protocol: "command", role: "fail" },
      { protocol: "http", role: "fail" },
    ]);
    try {
      const [cmd, http] = fleet.agents;
      if (!cmd || !http) throw new Error("fleet incomplete");
      const workflow = await createWorkflow(api, {
        steps: [
          {
            parallel: [
              { id: "c", agent: cmd.name },
              { id: "h", agent: http.name },
            ],
          },
        ],
      });
      const run = await waitForRun(api, (await startRun(api, workflow.id)).id, 30_000);
      expect(run.steps.map((s) => [s.step_id, s.status, s.error])).toEqual([
        ["c", "failed", "exited with code 1: failing on purpose"],
        ["h", "failed", 'HTTP 500: {"error":"failing on purpose"}'],
      ]);
    } finally {
      await fleet.close();
    }
    const url = fleet.agents[1]?.url as string;
    await expect(fetch(url, { method: "POST", body: "{}" })).rejects.toThrow();
  });
});
