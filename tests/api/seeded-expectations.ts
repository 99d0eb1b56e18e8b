// What each seeded template (server/seed/workflows.ts) must end with when run end to end on a real
// server: its run parameters, final run and step statuses, and exact outputs. The one place to update
// when a seeded template changes; seeded-workflows.test.ts fails for a template with no entry here.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type { RestClient } from "../testkit/rest.js";
import type { RestWorkflowRun } from "../testkit/workflows.js";

export interface RunContext {
  api: RestClient;
  /** The server's working directory (where builtins write files). */
  workdir: string;
}

export interface RunSpec {
  params: Record<string, unknown>;
  status: RestWorkflowRun["status"];
  /** Every step's final status and attempt count, by id. */
  steps: Record<string, [string, number]>;
  /** The run's outputs, exactly. */
  outputs: (ctx: RunContext) => unknown | Promise<unknown>;
  /** Anything else the run must have done (files written …). */
  check?: (run: RestWorkflowRun, ctx: RunContext) => Promise<void>;
}

/** A template is run here to a `RunSpec`, or end to end by the test file named in `coveredBy`. */
export type SeededExpectation = RunSpec | { coveredBy: string };

export const seededExpectations: Record<string, SeededExpectation> = {
  "tdd-cycle": {
    params: { task: "GET /ping answers pong", suite: "engine" },
    status: "succeeded",
    steps: { write_test: ["succeeded", 1], implement: ["succeeded", 1], verify: ["succeeded", 1] },
    outputs: () => ({
      status: "green",
      passed: 2,
      failed: 0,
      coverage: 0.86,
      failures: [],
      test_files: ["tests/engine/health.test.ts"],
    }),
  },
  "test-parallel": {
    // Its steps run real vitest suites of a repository through the `baton` CLI, on a server whose
    // working directory is that repository: run end to end, on a fixture repository, in that file.
    coveredBy: "tests/api/test-parallel-template.test.ts",
  },
  "docs-sync": {
    params: { output_path: "out/API.md" },
    status: "succeeded",
    steps: { generate: ["succeeded", 1], review: ["succeeded", 1], format: ["succeeded", 1], sync: ["succeeded", 1] },
    outputs: ({ workdir }) => {
      const file = join(workdir, "out/API.md");
      const text = readFileSync(file, "utf8");
      return {
        path: file,
        bytes: Buffer.byteLength(text),
        sha256: createHash("sha256").update(text).digest("hex"),
        changed: true,
      };
    },
    check: async (_run, { api, workdir }) => {
      const text = readFileSync(join(workdir, "out/API.md"), "utf8");
      const openapi = (await api.get<{ paths: Record<string, Record<string, unknown>> }>("/openapi.json")).body;
      for (const [path, methods] of Object.entries(openapi.paths))
        for (const method of Object.keys(methods)) expect(text).toContain(`${method.toUpperCase()} ${path}`);
    },
  },
  release: {
    params: { version: "2.3.4", environment: "production" },
    status: "succeeded",
    steps: {
      plan: ["succeeded", 1],
      build: ["succeeded", 1],
      test: ["succeeded", 1],
      docs: ["succeeded", 1],
      deploy: ["succeeded", 1],
    },
    outputs: () => ({
      deployed: true,
      environment: "production",
      version: "2.3.4",
      artifact: "dist/baton-2.3.4.tgz",
      tests_passed: 352,
      docs_title: "Baton REST API",
    }),
  },
};
