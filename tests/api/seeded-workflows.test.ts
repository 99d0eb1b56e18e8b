// The workflow templates a fresh Baton is seeded with: one per coordination pattern (linked as the
// pattern's example) plus docs-sync, and every one of them runs end to end on a real server to the
// statuses and outputs tests/api/seeded-expectations.ts gives. A step whose agent would run Claude Code
// (the claude runner: no model here) runs a real process agent speaking the same contract instead
// (tests/testkit/agents.ts), and the TDD cycle also runs on those agents without its mock overrides.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { seedWorkflows } from "../../server/seed/workflows.js";
import { type AgentRole, commandRunner } from "../testkit/agents.js";
import { repoRoot } from "../testkit/fixture-repo.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { RestAgent, RestClient } from "../testkit/rest.js";
import { getRun, type RestWorkflow, type RestWorkflowRun, startRun, waitForRun } from "../testkit/workflows.js";
import { seededExpectations } from "./seeded-expectations.js";

/** The process stand-in for each agent whose own runner is Claude Code. */
const STAND_INS: Record<string, AgentRole> = { TestAgent: "tester", CodeAgent: "coder", ReviewAgent: "reviewer" };

async function runToEnd(api: RestClient, workflow: string, params: object = {}): Promise<RestWorkflowRun> {
  const started = await startRun(api, workflow, params as Record<string, unknown>);
  return getRun(api, (await waitForRun(api, started.id, 60_000)).id);
}

/**
 * Points every agent that `workflow`'s steps would run on the claude runner at its process stand-in;
 * returns how to put their runners back.
 */
async function standInsFor(api: RestClient, workflow: string): Promise<() => Promise<void>> {
  const template = (await api.get<RestWorkflow>(`/workflows/${encodeURIComponent(workflow)}`)).body;
  const claude = [...new Set(template.step_list.filter((s) => s.runner_kind === "claude").map((s) => s.agent_name))];
  const restore: { name: string; runner: RestAgent["runner"] }[] = [];
  for (const name of claude) {
    const role = STAND_INS[name];
    if (!role) throw new Error(`${workflow}: agent ${name} runs Claude Code and has no process stand-in`);
    restore.push({ name, runner: (await api.get<RestAgent>(`/agents/${name}`)).body.runner });
    const res = await api.patch(`/agents/${name}`, { runner: commandRunner(role, name) });
    if (res.status !== 200) throw new Error(`PATCH /agents/${name}: ${res.status} ${res.text}`);
  }
  return async () => {
    for (const { name, runner } of restore) await api.patch(`/agents/${name}`, { runner });
  };
}

describe("seeded workflow templates", () => {
  test("a fresh database has the four templates and each pattern links its example", async ({ api }) => {
    const list = await api.get<{ workflows: { id: string; name: string; patterns: string[] }[] }>("/workflows");
    const byName = Object.fromEntries(list.body.workflows.map((w) => [w.name, w]));

    expect(list.body.workflows.map((w) => [w.name, w.patterns])).toEqual([
      ["docs-sync", ["sequential"]],
      ["release", ["hierarchical"]],
      ["tdd-cycle", ["sequential"]],
      ["test-parallel", ["sequential", "parallel"]],
    ]);
    const patterns = await api.get<{ patterns: { slug: string; example_workflow_id: string | null }[] }>("/patterns");
    expect(Object.fromEntries(patterns.body.patterns.map((p) => [p.slug, p.example_workflow_id]))).toEqual({
      sequential: byName["tdd-cycle"]?.id,
      parallel: byName["test-parallel"]?.id,
      hierarchical: byName.release?.id,
    });
  });

  test("every seeded template has its expected end state written down", () => {
    expect(Object.keys(seededExpectations).sort()).toEqual(seedWorkflows.map((w) => w.name).sort());
  });

  test.for(seedWorkflows.map((w) => w.name))(
    "%s runs end to end to its expected statuses and outputs",
    async (name, { api, server }) => {
      const expected = seededExpectations[name];
      if (!expected) throw new Error(`no expectation for seeded template ${name}: add one to seeded-expectations.ts`);
      if ("coveredBy" in expected) {
        expect(existsSync(join(repoRoot, expected.coveredBy))).toBe(true);
        return;
      }
      const restore = await standInsFor(api, name);
      try {
        const run = await runToEnd(api, name, expected.params);
        const ctx = { api, workdir: server.workdir };
        expect([run.status, run.error]).toEqual([expected.status, null]);
        expect(Object.fromEntries(run.steps.map((s) => [s.step_id, [s.status, s.attempts]]))).toEqual(expected.steps);
        expect(run.outputs).toEqual(await expected.outputs(ctx));
        await expected.check?.(run, ctx);
      } finally {
        await restore();
      }
    },
  );

  test("the TDD cycle on its agents' own runners: Claude Code's place taken by process agents", async ({ api }) => {
    const seeded = seedWorkflows.find((w) => w.name === "tdd-cycle");
    if (!seeded) throw new Error("tdd-cycle is not seeded");
    // The same template without its mock overrides: each step runs its agent's own (claude) runner.
    const steps = JSON.parse(JSON.stringify(seeded.steps), (k, v) => (k === "runner" ? undefined : v));
    const created = await api.post<RestWorkflow>("/workflows", {
      name: "tdd-cycle-own-runners",
      parameters: seeded.parameters,
      steps,
    });
    expect(created.status).toBe(201);
    expect(created.body.step_list.map((s) => [s.id, s.runner_kind, s.runner_source])).toEqual([
      ["write_test", "claude", "agent"],
      ["implement", "claude", "agent"],
      ["verify", "claude", "agent"],
    ]);
    const restore = await standInsFor(api, "tdd-cycle-own-runners");
    try {
      const run = await runToEnd(api, "tdd-cycle-own-runners", { task: "GET /ping answers pong", suite: "engine" });
      const file = "tests/engine/get-ping-answers-pong.test.ts";
      const out = (id: string) => run.steps.find((s) => s.step_id === id)?.outputs;
      expect(run.status).toBe("succeeded");
      expect(out("write_test")).toEqual({
        status: "red",
        suite: "engine",
        passed: 0,
        failed: 1,
        failures: [{ test: "engine > GET /ping answers pong", file, message: "not implemented yet" }],
        test_files: [file],
        agent: "TestAgent",
        pid: expect.any(Number),
      });
      expect(out("implement")).toEqual({
        status: "done",
        files_changed: ["server/get-ping-answers-pong.ts"],
        test_files: [file],
        summary: "GET /ping answers pong",
        agent: "CodeAgent",
        pid: expect.any(Number),
      });
      expect(run.outputs).toEqual({
        status: "green",
        suite: "engine",
        passed: 3,
        failed: 0,
        coverage: null,
        failures: [],
        test_files: [file],
        agent: "TestAgent",
        pid: expect.any(Number),
      });
    } finally {
      await restore();
    }
    expect((await api.get<RestAgent>("/agents/TestAgent")).body.runner.kind).toBe("claude");
  });
});
