// Rollback (issue 11 §5): the compensations of a run's succeeded steps run in reverse order of
// completion (a log file they append to and their executions' timestamps say so), as executions
// under the run's root; the files builtin steps wrote are restored byte for byte; a failing
// compensation ends the run ROLLBACK_FAILED naming it; a template with on_failure rollback rolls
// its failed runs back at once. Running runs and rolled-back ones are 409s.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { RestClient } from "../testkit/rest.js";
import {
  createWorkflow,
  getRun,
  pollUntil,
  registerAgent,
  registerMockAgent,
  registerNodeScriptAgent,
  startRun,
  stepStatuses,
  waitForRun,
  waitForStep,
} from "../testkit/workflows.js";

/** Appends `input.step` to the log; fails when `input.fail` is true. */
const COMPENSATE = `
  const fs = require("node:fs");
  const [log] = process.argv.slice(1);
  let input = "";
  process.stdin.on("data", (d) => (input += d)).on("end", () => {
    const i = JSON.parse(input);
    if (i.fail) { console.error("cannot undo " + i.step); process.exit(1); }
    fs.appendFileSync(log, i.step + "\\n");
    console.log(JSON.stringify({ undone: i.step, saw: i.saw ?? null }));
  });`;

async function compensator(api: RestClient) {
  const dir = mkdtempSync(join(tmpdir(), "baton-rollback-"));
  const log = join(dir, "undo.log");
  writeFileSync(log, "");
  const name = await registerNodeScriptAgent(api, COMPENSATE, { args: [log] });
  return { name, undone: () => readFileSync(log, "utf8").split("\n").filter(Boolean) };
}

const FAIL = `process.stdin.resume(); process.stdin.on("end", () => { console.error("validation failed"); process.exit(1); });`;

interface RestRun {
  id: string;
  status: string;
  error: string | null;
}

const rollbackExecutions = (run: Awaited<ReturnType<typeof getRun>>) =>
  run.executions
    .filter((e) => e.workflow_step_id?.startsWith("rollback:"))
    .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));

describe("rolling back a run", () => {
  test("runs the compensations in reverse order of completion, under the run's root; twice is a 409", async ({
    api,
  }) => {
    const comp = await compensator(api);
    const fast = await registerMockAgent(api, { outputs: { made: "{{input.n}}" } });
    const slow = await registerMockAgent(api, { outputs: { made: "{{input.n}}" }, latency_ms: 300 });
    const undo = (id: string) => ({ agent: comp.name, input: { step: id, saw: `{{steps.${id}.output.made}}` } });
    const wf = await createWorkflow(api, {
      steps: [
        { id: "a", agent: fast, input: { n: "a" }, compensate: undo("a") },
        {
          parallel: [
            { id: "b", agent: slow, input: { n: "b" }, compensate: undo("b") },
            { id: "c", agent: fast, input: { n: "c" }, compensate: undo("c") },
          ],
        },
        { id: "d", agent: fast, input: { n: "d" }, compensate: undo("d") },
      ],
    });
    const done = await waitForRun(api, (await startRun(api, wf.id)).id);
    expect(done.status).toBe("succeeded");

    // POST /workflows/{id}/rollback with the run named in the body.
    const res = await api.post<RestRun>(`/workflows/${wf.id}/rollback`, { run_id: done.id });
    expect([res.status, res.body.status]).toEqual([200, "rolled_back"]);
    expect(comp.undone()).toEqual(["d", "b", "c", "a"]);
    const after = await getRun(api, done.id);
    const undos = rollbackExecutions(after);
    expect(undos.map((e) => e.workflow_step_id)).toEqual(["rollback:d", "rollback:b", "rollback:c", "rollback:a"]);
    expect(undos.every((e) => e.parent_execution_id === after.root_execution_id && e.status === "success")).toBe(true);
    expect(undos[0]?.outputs).toEqual({ undone: "d", saw: "d" });
    // Each compensation started after the one before it ended.
    for (let i = 1; i < undos.length; i++)
      expect(Date.parse(undos[i]?.timestamp ?? "")).toBeGreaterThanOrEqual(Date.parse(undos[i - 1]?.ended_at ?? ""));

    const again = await api.post(`/workflow-runs/${done.id}/rollback`);
    expect(again.status).toBe(409);
    expect(again.text).toMatch(/already rolled back/);
    const resume = await api.post(`/workflow-runs/${done.id}/resume`);
    expect(resume.status).toBe(409);
    expect(comp.undone()).toHaveLength(4);
  });

  test("a run still running is a 409; so is a template without a finished run", async ({ api }) => {
    const held = await registerMockAgent(api, { outputs: {}, latency_ms: 5_000 });
    const wf = await createWorkflow(api, { steps: [{ id: "wait", agent: held }] });
    const none = await api.post(`/workflows/${wf.id}/rollback`);
    expect(none.status).toBe(409);
    const run = await startRun(api, wf.id);
    await waitForStep(api, run.id, "wait", "running");
    const res = await api.post(`/workflow-runs/${run.id}/rollback`);
    expect(res.status).toBe(409);
    expect(res.text).toMatch(/still running/);
    await api.post(`/workflow-runs/${run.id}/cancel`);
    await waitForRun(api, run.id);
  });

  test("a failing compensation ends the run ROLLBACK_FAILED naming it; the ones after it do not run", async ({
    api,
  }) => {
    const comp = await compensator(api);
    const mock = await registerMockAgent(api, { outputs: { ok: true } });
    const wf = await createWorkflow(api, {
      steps: [
        { id: "first", agent: mock, compensate: { agent: comp.name, input: { step: "first" } } },
        { id: "second", agent: mock, compensate: { agent: comp.name, input: { step: "second", fail: true } } },
      ],
    });
    const done = await waitForRun(api, (await startRun(api, wf.id)).id);
    // POST /workflows/{id}/rollback: its most recent finished run.
    const res = await api.post<RestRun>(`/workflows/${wf.name}/rollback`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("rollback_failed");
    expect(res.body.error).toMatch(
      new RegExp(`compensation of step 'second' \\(${comp.name}\\) failed: .*cannot undo`),
    );
    expect(comp.undone()).toEqual([]);
    const after = await getRun(api, done.id);
    expect(rollbackExecutions(after).map((e) => [e.workflow_step_id, e.status])).toEqual([
      ["rollback:second", "failure"],
    ]);
    expect((await api.post(`/workflow-runs/${done.id}/rollback`)).status).toBe(409);
  });
});

describe("on_failure: rollback", () => {
  test("a failed run is rolled back at once: compensations run and the file a builtin wrote is restored byte for byte", async ({
    api,
    server,
  }) => {
    const comp = await compensator(api);
    const mock = await registerMockAgent(api, { outputs: { ok: true } });
    const writer = await registerAgent(api, { kind: "builtin", settings: { name: "docs-sync-file" } });
    const failing = await registerNodeScriptAgent(api, FAIL);
    const dir = join(server.workdir, "docs");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `API-${Date.now()}.md`);
    const before = Buffer.from("# API\r\n\u00e9t\u00e9 — before the run\n\u0000binary\u00ff", "utf8");
    writeFileSync(file, before);
    const wf = await createWorkflow(api, {
      on_failure: "rollback",
      steps: [
        { id: "prepare", agent: mock, compensate: { agent: comp.name, input: { step: "prepare" } } },
        { id: "sync", agent: writer, input: { markdown: "# new docs\n", path: `docs/${file.split("/").pop()}` } },
        { id: "review", agent: failing },
      ],
    } as never);
    expect((wf as unknown as { on_failure: string }).on_failure).toBe("rollback");
    const run = await startRun(api, wf.id);
    const ended = await pollUntil(
      () => getRun(api, run.id),
      (r) => r.status === "rolled_back" || r.status === "rollback_failed",
      "the run rolled back",
    );
    expect(ended.status).toBe("rolled_back");
    expect(ended.error).toMatch(/step 'review' failed/);
    expect(stepStatuses(ended)).toEqual({ prepare: "succeeded", sync: "succeeded", review: "failed" });
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}.bak`)).toBe(false);
    expect(comp.undone()).toEqual(["prepare"]);
  });

  test("a file too large to snapshot is not overwritten: the step fails saying why, before the builtin runs", async ({
    api,
    server,
  }) => {
    const writer = await registerAgent(api, { kind: "builtin", settings: { name: "docs-sync-file" } });
    const name = `BIG-${Date.now()}.md`;
    mkdirSync(join(server.workdir, "docs"), { recursive: true });
    const file = join(server.workdir, "docs", name);
    // One byte past the limit (SNAPSHOT_LIMIT_BYTES, 8 MiB).
    const big = Buffer.alloc(8 * 1024 * 1024 + 1, 0x61);
    writeFileSync(file, big);
    const wf = await createWorkflow(api, {
      steps: [{ id: "sync", agent: writer, input: { markdown: "# small\n", path: `docs/${name}` } }],
    });
    const failed = await waitForRun(api, (await startRun(api, wf.id)).id);
    expect([failed.status, stepStatuses(failed)]).toEqual(["failed", { sync: "failed" }]);
    expect(failed.error).toBe(
      `step 'sync' failed: cannot snapshot 'docs/${name}' before overwriting it: it is ${big.length} bytes and a snapshot holds at most ${8 * 1024 * 1024} bytes (a rollback could not restore it)`,
    );
    expect(readFileSync(file).equals(big)).toBe(true);
    expect(existsSync(`${file}.bak`)).toBe(false);
  });

  test("the seeded-style on_failure is validated", async ({ api }) => {
    const mock = await registerMockAgent(api, { outputs: {} });
    const res = await api.post("/workflows", {
      name: `bad-${Date.now()}`,
      on_failure: "undo",
      steps: [{ id: "a", agent: mock, compensate: { agent: "NoSuchAgent" } }],
    });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/on_failure/);
    expect(res.text).toMatch(/compensate: unknown agent 'NoSuchAgent'/);
  });
});

describe("figure", () => {
  test("rollback of a 20-step run", async ({ api }) => {
    const mock = await registerMockAgent(api, { outputs: { ok: true } });
    const undo = await registerMockAgent(api, { outputs: { undone: true } });
    const ids = Array.from({ length: 20 }, (_, i) => `s${i + 1}`);
    const wf = await createWorkflow(api, {
      steps: ids.map((id) => ({ id, agent: mock, compensate: { agent: undo, input: { step: id } } })),
    });
    const done = await waitForRun(api, (await startRun(api, wf.id)).id, 30_000);
    expect(done.status).toBe("succeeded");
    const t0 = performance.now();
    const res = await api.post<RestRun>(`/workflow-runs/${done.id}/rollback`);
    const ms = performance.now() - t0;
    expect(res.body.status).toBe("rolled_back");
    expect(rollbackExecutions(await getRun(api, done.id))).toHaveLength(20);
    console.log(`[figure] rollback of a 20-step run: ${ms.toFixed(1)} ms`);
  });
});
