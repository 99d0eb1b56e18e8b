// The seeded test-parallel template for real, through a real server whose working directory is
// this checkout (as `npm start` runs it): its three TestAgent steps start `baton test suite …`
// through the command runner on a copy of tests/fixtures/test-repo at once, and the summary step
// (builtin test-merge) merges their results. The fixture's engine suite has a failing test, so the
// run fails at the summary's contract — with the merged report kept on its execution.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { copyFixtureRepo, type FixtureRepo, istanbulTotals, repoRoot } from "../testkit/fixture-repo.js";
import { type RestClient, rest } from "../testkit/rest.js";
import { startTestServer, type TestServer } from "../testkit/server.js";

interface RestStep {
  step_id: string;
  status: string;
  attempts: number;
  error: string | null;
  execution_id: string | null;
}
interface RestRun {
  id: string;
  status: string;
  error: string | null;
  outputs: unknown;
  steps: RestStep[];
}

let server: TestServer;
let api: RestClient;
let repo: FixtureRepo;

beforeAll(async () => {
  server = await startTestServer({ env: { BATON_WORKDIR: repoRoot } });
  api = rest(server.url);
  repo = copyFixtureRepo();
}, 120_000);
afterAll(async () => {
  await server?.stop();
  repo?.remove();
});

async function runToEnd(params: object, timeoutMs: number): Promise<RestRun> {
  const started = await api.post<RestRun>("/workflows/test-parallel/execute", params);
  expect(started.status).toBe(201);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const run = (await api.get<RestRun>(`/workflow-runs/${started.body.id}`)).body;
    if (!["pending", "running"].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`test-parallel did not finish in ${timeoutMs} ms`);
}

describe("the seeded test-parallel template", () => {
  test("runs the three suites in parallel through the CLI and merges them (coverage as istanbul merges it)", async () => {
    const run = await runToEnd({ repo: repo.relative, coverage_threshold: 90 }, 240_000);
    const steps = Object.fromEntries(run.steps.map((s) => [s.step_id, s]));
    expect(run.steps.map((s) => [s.step_id, s.status, s.attempts])).toEqual([
      ["test_api", "succeeded", 1],
      ["test_engine", "succeeded", 1],
      ["test_unit", "succeeded", 1],
      ["summary", "failed", 1],
    ]);
    expect(run.status).toBe("failed");
    expect(steps.summary?.error).toContain("output breaks the step's contract");

    const summary = await api.get<{ outputs: Record<string, unknown> }>(
      `/executions/${steps.summary?.execution_id as string}`,
    );
    const report = summary.body.outputs as {
      ok: boolean;
      totals: object;
      coverage: object;
      failures: { suite: string; location: string; test: string }[];
      flaky: { suite: string; test: string; retries: number }[];
      coverage_threshold: number;
      markdown: string;
    };
    expect(report.ok).toBe(false);
    expect(report.totals).toMatchObject({ suites: 3, passed: 7, failed: 1, skipped: 1, crashed: 0 });
    expect(report.coverage).toEqual(
      istanbulTotals(["api", "engine", "unit"].map((s) => `${repo.dir}/coverage/baton/${s}/coverage-final.json`)),
    );
    expect(report.failures.map((f) => [f.suite, f.location, f.test])).toEqual([
      ["engine", "tests/engine/text.test.ts:15", "text > initials of one word"],
    ]);
    expect(report.flaky.map((f) => [f.suite, f.test, f.retries])).toEqual([["unit", "clamps above the range", 1]]);
    expect(report.coverage_threshold).toBe(90);
    expect(report.markdown).toContain("- **engine** · `tests/engine/text.test.ts:15` · text > initials of one word");

    // Each suite step's output is the CLI's result for that suite.
    const engine = await api.get<{ outputs: { suite: string; status: string; passed: number; failed: number } }>(
      `/executions/${steps.test_engine?.execution_id as string}`,
    );
    expect(engine.body.outputs).toMatchObject({ suite: "engine", status: "failed", passed: 2, failed: 1 });
  }, 300_000);

  test("a repository outside the server's working directory is refused by every suite step", async () => {
    const run = await runToEnd({ repo: "../.." }, 120_000);
    expect(run.status).toBe("failed");
    const suites = run.steps.filter((s) => s.step_id.startsWith("test_"));
    expect(suites.map((s) => s.status)).toEqual(["failed", "failed", "failed"]);
    for (const s of suites) expect(s.error).toContain("--step-input: repo '../..' is outside");
    expect(run.steps.find((s) => s.step_id === "summary")?.status).not.toBe("succeeded");
  }, 180_000);
});
