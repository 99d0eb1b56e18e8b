// The workflow templates a fresh Baton knows, one per coordination pattern plus docs-sync. They
// run out of the box: steps whose agent needs a tool this machine may not have (Claude Code, a
// deploy target, a full build) carry a `mock` runner override that says so in the UI; the docs
// agents are builtins and do the real work (OpenAPI → Markdown → review → prettier → file), and
// test-parallel runs real test suites through the `baton` CLI.
import { DOCS_CONTRACTS } from "../engine/builtins/docs-contracts.js";
import type { JsonObject, NodeDef } from "../engine/types.js";

export interface SeedWorkflow {
  name: string;
  description: string;
  parameters: JsonObject;
  steps: NodeDef[];
  /** "rollback": a failed run is rolled back at once. */
  onFailure?: "fail" | "rollback";
  /** The pattern whose example this template is. */
  exampleOf?: "sequential" | "parallel" | "hierarchical";
}

const mock = (outputs: JsonObject, latency_ms: number) => ({
  kind: "mock" as const,
  settings: { outputs, latency_ms },
});

const testReport = { type: "object", required: ["status", "passed", "failed"] };

/** The suites test-parallel runs, as named in the repository's baton.config.json (Baton's own: see there). */
export const TEST_SUITES = ["api", "engine", "unit"] as const;

/**
 * A TestAgent running one suite through the `baton` CLI in the server's working directory (Baton's
 * checkout, as for BuildAgent); the step input names the repository. `--report-only`: a suite that
 * failed is still a result for the summary to judge, so the step succeeds whenever one was reported.
 */
const suiteStep = (suite: string): NodeDef => ({
  id: `test_${suite}`,
  agent: "TestAgent",
  description: `baton test suite ${suite}: vitest with coverage, one JSON result`,
  input: { repo: "{{params.repo}}" },
  output_schema: {
    type: "object",
    required: ["suite", "status", "passed", "failed", "skipped", "coverage_map"],
    properties: { suite: { const: suite } },
  },
  // A suite that ran is not run again: its result, failed or not, is the answer.
  retry: { max_retries: 0 },
  runner: {
    kind: "command",
    settings: {
      command: "node",
      args: ["server/cli/bin.mjs", "test", "suite", suite, "--json", "--report-only", "--step-input"],
      timeout_ms: 1_800_000,
      max_output_bytes: 1_048_576,
    },
  },
});

export const seedWorkflows: SeedWorkflow[] = [
  {
    name: "tdd-cycle",
    exampleOf: "sequential",
    description:
      "TestAgent writes a failing test (red) → CodeAgent implements → TestAgent verifies (green). The verify step's contract requires status green, so a red verification fails the run. Claude Code agents are mocked here; remove a step's runner override to use the agent's claude runner.",
    parameters: {
      type: "object",
      properties: {
        task: {
          type: "string",
          minLength: 1,
          description: "The behaviour to build",
          default: "GET /health answers {status: ok}",
        },
        suite: { type: "string", enum: ["api", "ui", "engine"], default: "api", description: "Test suite" },
      },
      required: ["task"],
    },
    steps: [
      {
        id: "write_test",
        agent: "TestAgent",
        description: "Write failing tests for the task (red)",
        input: { mode: "write", task: "{{params.task}}", suite: "{{params.suite}}" },
        output_schema: {
          type: "object",
          required: ["status", "test_files"],
          properties: {
            status: { const: "red" },
            test_files: { type: "array", items: { type: "string" }, minItems: 1 },
          },
        },
        runner: mock(
          {
            status: "red",
            passed: 0,
            failed: 2,
            coverage: null,
            failures: [{ test: "{{input.suite}} > answers ok", message: "expected 200, got 404" }],
            test_files: ["tests/{{input.suite}}/health.test.ts"],
          },
          900,
        ),
      },
      {
        id: "implement",
        agent: "CodeAgent",
        description: "Make the failing tests pass",
        input: {
          task: "{{params.task}}",
          test_files: "{{steps.write_test.output.test_files}}",
          failures: "{{steps.write_test.output.failures}}",
        },
        output_schema: { type: "object", required: ["status", "files_changed"] },
        runner: mock(
          {
            status: "done",
            files_changed: ["server/health.ts"],
            test_files: "{{input.test_files}}",
            summary: "{{input.task}}",
          },
          1400,
        ),
      },
      {
        id: "verify",
        agent: "TestAgent",
        description: "Run the tests: they must pass now (green)",
        input: { mode: "verify", suite: "{{params.suite}}", test_files: "{{steps.implement.output.test_files}}" },
        output_schema: { ...testReport, properties: { status: { const: "green" }, failed: { const: 0 } } },
        runner: mock(
          { status: "green", passed: 2, failed: 0, coverage: 0.86, failures: [], test_files: "{{input.test_files}}" },
          800,
        ),
      },
    ],
  },
  {
    name: "test-parallel",
    exampleOf: "parallel",
    description:
      "Three TestAgents run the api, engine and unit suites of a repository at the same time (`baton test suite <name> --json`: vitest with coverage, suites from its baton.config.json); the summary merges their results — totals, coverage merged from the suites' coverage maps, failures, recommendations — and fails the run when a suite failed or crashed. The repository is a directory inside the server's working directory (default: Baton's own checkout).",
    parameters: {
      type: "object",
      properties: {
        repo: {
          type: "string",
          minLength: 1,
          maxLength: 1000,
          default: ".",
          description: "The repository whose suites run, relative to the server's working directory",
        },
        coverage_threshold: {
          type: "number",
          minimum: 0,
          maximum: 100,
          default: 80,
          description: "Files under this line coverage (%) are named in the recommendations",
        },
      },
    },
    steps: [
      { parallel: TEST_SUITES.map(suiteStep) },
      {
        id: "summary",
        agent: "TestAgent",
        description: "Merge the suite results and coverage maps (builtin test-merge, as `baton test merge`)",
        input: {
          coverage_threshold: "{{params.coverage_threshold}}",
          suites: Object.fromEntries(TEST_SUITES.map((s) => [s, `{{steps.test_${s}.output}}`])),
        },
        output_schema: {
          type: "object",
          required: ["ok", "totals", "coverage", "markdown"],
          properties: { ok: { const: true } },
        },
        // The same results merge the same way: a failed summary is the answer, not a hiccup.
        retry: { max_retries: 0 },
        runner: { kind: "builtin", settings: { name: "test-merge" } },
      },
    ],
  },
  {
    name: "docs-sync",
    onFailure: "rollback",
    description:
      "DocsAgent generates the API reference from the live /openapi.json → ReviewAgent checks it against the code: every route the server serves is documented, every documented operation, parameter (type, required-ness) and request body exists, examples are valid JSON of their schema, each mismatch named → FormatAgent formats it with prettier → SyncAgent writes docs/API.md. Each agent checks the previous one's output against its contract; any failure stops the run and rolls it back: the file is byte for byte what it was before the run.",
    parameters: {
      type: "object",
      properties: {
        output_path: {
          type: "string",
          minLength: 1,
          default: "docs/API.md",
          description: "Where the docs are written, relative to the server's working directory (never outside it)",
        },
      },
    },
    steps: [
      {
        id: "generate",
        agent: "DocsAgent",
        description: "The Markdown reference of the server's /openapi.json",
        output_schema: DOCS_CONTRACTS.generated,
      },
      {
        id: "review",
        agent: "ReviewAgent",
        description: "Builtin review against the route table and the OpenAPI document: any mismatch stops the run",
        input: {
          markdown: "{{steps.generate.output.markdown}}",
          paths: "{{steps.generate.output.paths}}",
          title: "{{steps.generate.output.title}}",
        },
        output_schema: DOCS_CONTRACTS.reviewed,
        runner: { kind: "builtin", settings: { name: "docs-review" } },
        // The review is deterministic: a second attempt would find the same mismatches.
        retry: { max_retries: 0 },
      },
      {
        id: "format",
        agent: "FormatAgent",
        description: "prettier, after checking the review approved",
        input: {
          approved: "{{steps.review.output.approved}}",
          checked: "{{steps.review.output.checked}}",
          mismatches: "{{steps.review.output.mismatches}}",
          markdown: "{{steps.review.output.markdown}}",
        },
        output_schema: DOCS_CONTRACTS.formatted,
      },
      {
        id: "sync",
        agent: "SyncAgent",
        description: "Writes the file, after checking it is prettier's output",
        input: {
          markdown: "{{steps.format.output.markdown}}",
          formatter: "{{steps.format.output.formatter}}",
          changed: "{{steps.format.output.changed}}",
          path: "{{params.output_path}}",
        },
        output_schema: DOCS_CONTRACTS.synced,
      },
    ],
  },
  {
    name: "release",
    exampleOf: "hierarchical",
    description:
      "DeployAgent supervises a release: build, test and docs workers run as its children, then DeployAgent's follow-up step sees every worker's output and deploys. Build and test are mocked here (the real BuildAgent bundles the dashboard, about a minute); docs is the real builtin.",
    parameters: {
      type: "object",
      properties: {
        version: { type: "string", pattern: "^\\d+\\.\\d+\\.\\d+$", default: "1.0.0", description: "Semantic version" },
        environment: { type: "string", enum: ["staging", "production"], default: "staging" },
      },
      required: ["version"],
    },
    steps: [
      {
        hierarchical: {
          supervisor: {
            id: "plan",
            agent: "DeployAgent",
            description: "Plan the release",
            input: { version: "{{params.version}}", environment: "{{params.environment}}" },
            runner: mock({ plan: ["build", "test", "docs"], version: "{{input.version}}" }, 500),
          },
          workers: [
            {
              id: "build",
              agent: "BuildAgent",
              input: { version: "{{steps.plan.output.version}}" },
              runner: mock({ artifact: "dist/baton-{{input.version}}.tgz", size_kb: 2140 }, 1800),
            },
            {
              id: "test",
              agent: "TestAgent",
              input: { mode: "verify" },
              output_schema: testReport,
              runner: mock({ status: "green", passed: 352, failed: 0, coverage: 0.87 }, 2000),
            },
            { id: "docs", agent: "DocsAgent" },
          ],
          aggregate: {
            id: "deploy",
            description: "Deploy once every worker succeeded",
            input: { version: "{{params.version}}", environment: "{{params.environment}}", workers: "{{workers}}" },
            runner: mock(
              {
                deployed: true,
                environment: "{{input.environment}}",
                version: "{{input.version}}",
                artifact: "{{input.workers.build.artifact}}",
                tests_passed: "{{input.workers.test.passed}}",
                docs_title: "{{input.workers.docs.title}}",
              },
              900,
            ),
          },
        },
      },
    ],
  },
];
