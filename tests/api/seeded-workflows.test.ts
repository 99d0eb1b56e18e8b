// The workflow templates a fresh Baton is seeded with: one per coordination pattern (linked as the
// pattern's example) plus docs-sync, and they run out of the box. test-parallel runs real test
// suites through the `baton` CLI in Baton's checkout: tests/api/test-parallel-template.test.ts.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { RestClient } from "../testkit/rest.js";

interface RestRun {
  id: string;
  status: string;
  error: string | null;
  outputs: unknown;
  steps: { step_id: string; status: string; attempts: number }[];
}

async function runToEnd(api: RestClient, workflow: string, params: object = {}): Promise<RestRun> {
  const started = await api.post<RestRun>(`/workflows/${workflow}/execute`, params);
  expect(started.status).toBe(201);
  for (let i = 0; i < 400; i++) {
    const run = (await api.get<RestRun>(`/workflow-runs/${started.body.id}`)).body;
    if (!["pending", "running"].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run of ${workflow} did not finish in 20 s`);
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

  test("the TDD cycle hands the test files from TestAgent to CodeAgent and back, ending green", async ({ api }) => {
    const run = await runToEnd(api, "tdd-cycle", { task: "GET /ping answers pong", suite: "engine" });

    expect(run.status).toBe("succeeded");
    expect(run.steps.map((s) => [s.step_id, s.status, s.attempts])).toEqual([
      ["write_test", "succeeded", 1],
      ["implement", "succeeded", 1],
      ["verify", "succeeded", 1],
    ]);
    expect(run.outputs).toEqual({
      status: "green",
      passed: 2,
      failed: 0,
      coverage: 0.86,
      failures: [],
      test_files: ["tests/engine/health.test.ts"],
    });
  });

  test("docs-sync writes reviewed, formatted docs of every REST operation to the output path", async ({
    api,
    server,
  }) => {
    const run = await runToEnd(api, "docs-sync", { output_path: "out/API.md" });

    expect(run.status).toBe("succeeded");
    const file = join(server.workdir, "out/API.md");
    const text = readFileSync(file, "utf8");
    expect(run.outputs).toEqual({
      path: file,
      bytes: Buffer.byteLength(text),
      sha256: createHash("sha256").update(text).digest("hex"),
      changed: true,
    });
    const openapi = (await api.get<{ paths: Record<string, Record<string, unknown>> }>("/openapi.json")).body;
    for (const [path, methods] of Object.entries(openapi.paths))
      for (const method of Object.keys(methods)) expect(text).toContain(`${method.toUpperCase()} ${path}`);
  });

  test("release deploys after the build, test and docs workers, seeing each one's output", async ({ api }) => {
    const run = await runToEnd(api, "release", { version: "2.3.4", environment: "production" });

    expect(run.status).toBe("succeeded");
    expect(run.outputs).toEqual({
      deployed: true,
      environment: "production",
      version: "2.3.4",
      artifact: "dist/baton-2.3.4.tgz",
      tests_passed: 352,
      docs_title: "Baton REST API",
    });
  });
});
