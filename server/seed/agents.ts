// The agents a fresh Baton knows. Claude Code sub-agents use the `claude` runner with their
// .claude/agents/<name>.md; tools that are not on every machine (deploy targets) are mocks, said so.
import type { AgentInput } from "../modules/agent/agent.service.js";
import { contractFields } from "./contracts.js";

export const seedAgents: (AgentInput & { name: string })[] = [
  {
    name: "TestAgent",
    description: "Writes failing tests first, runs test suites and reports results and coverage (TDD red/green).",
    capabilities: ["testing", "test-generation", "coverage"],
    tools: ["Read", "Write", "Bash", "vitest"],
    coordinationPatterns: ["sequential", "parallel", "hierarchical"],
    runner: {
      kind: "claude",
      settings: {
        agent_file: ".claude/agents/test-agent.md",
        allowed_tools: ["Read", "Write", "Bash"],
        timeout_ms: 600_000,
      },
    },
    retryPolicy: { maxRetries: 1, backoff: "fixed", initialDelayMs: 2000, maxDelayMs: 2000 },
    circuitBreaker: { failureThreshold: 5, cooldownMs: 120_000 },
    ...contractFields("TestAgent"),
  },
  {
    name: "CodeAgent",
    description: "Implements the smallest change that makes the failing tests pass, then refactors.",
    capabilities: ["coding", "refactoring"],
    tools: ["Read", "Edit", "Write", "Bash"],
    coordinationPatterns: ["sequential", "hierarchical"],
    runner: {
      kind: "claude",
      settings: {
        agent_file: ".claude/agents/code-agent.md",
        allowed_tools: ["Read", "Edit", "Write", "Bash"],
        timeout_ms: 900_000,
      },
    },
    retryPolicy: { maxRetries: 2, backoff: "exponential", initialDelayMs: 5000, maxDelayMs: 60_000 },
    circuitBreaker: { failureThreshold: 4, cooldownMs: 300_000 },
    ...contractFields("CodeAgent"),
  },
  {
    name: "BuildAgent",
    description:
      "Bundles the dashboard (vite build into data/build/dist, never the served client/dist) and reports the artifacts it produced as JSON.",
    capabilities: ["building", "type-checking"],
    tools: ["npm", "tsc", "vite"],
    coordinationPatterns: ["sequential", "hierarchical"],
    runner: {
      kind: "command",
      settings: {
        command: "node",
        args: ["--import", "tsx", "server/scripts/build-agent.ts"],
        timeout_ms: 600_000,
        max_output_bytes: 1_048_576,
      },
    },
    retryPolicy: { maxRetries: 1, backoff: "fixed", initialDelayMs: 1000, maxDelayMs: 1000 },
    circuitBreaker: { failureThreshold: 3, cooldownMs: 60_000 },
    ...contractFields("BuildAgent"),
  },
  {
    name: "DeployAgent",
    description:
      "Supervises a release: hands build, test and docs work to workers, then deploys when all pass. Mocked: no deploy target on this machine.",
    capabilities: ["deployment", "release-management", "supervision"],
    tools: ["kubectl", "gh"],
    coordinationPatterns: ["hierarchical", "sequential"],
    runner: {
      kind: "mock",
      settings: { outputs: { deployed: true, environment: "staging" }, latency_ms: 1500, failure_rate: 0.05, seed: 7 },
    },
    retryPolicy: { maxRetries: 0, backoff: "fixed", initialDelayMs: 0, maxDelayMs: 0 },
    circuitBreaker: { failureThreshold: 2, cooldownMs: 600_000 },
    ...contractFields("DeployAgent"),
  },
  {
    name: "DocsAgent",
    description: "Generates API documentation in Markdown from Baton's /openapi.json.",
    capabilities: ["documentation", "openapi"],
    tools: ["Read", "Write", "WebFetch"],
    coordinationPatterns: ["sequential", "hierarchical"],
    runner: { kind: "builtin", settings: { name: "docs-generate" } },
    retryPolicy: { maxRetries: 2, backoff: "linear", initialDelayMs: 1000, maxDelayMs: 5000 },
    circuitBreaker: { failureThreshold: 5, cooldownMs: 60_000 },
    ...contractFields("DocsAgent"),
  },
  {
    name: "ReviewAgent",
    description: "Reviews generated docs or code against the source for accuracy and flags mismatches.",
    capabilities: ["review", "validation"],
    tools: ["Read", "Grep"],
    coordinationPatterns: ["sequential", "parallel"],
    runner: {
      kind: "claude",
      settings: { agent_file: ".claude/agents/review-agent.md", allowed_tools: ["Read", "Grep"], timeout_ms: 600_000 },
    },
    retryPolicy: { maxRetries: 1, backoff: "exponential", initialDelayMs: 2000, maxDelayMs: 10_000 },
    circuitBreaker: { failureThreshold: 5, cooldownMs: 120_000 },
    ...contractFields("ReviewAgent"),
  },
  {
    name: "FormatAgent",
    description: "Formats Markdown with prettier (headings, tables, code fences, line endings).",
    capabilities: ["formatting", "markdown"],
    tools: ["Edit"],
    coordinationPatterns: ["sequential"],
    runner: { kind: "builtin", settings: { name: "markdown-format" } },
    retryPolicy: { maxRetries: 1, backoff: "fixed", initialDelayMs: 500, maxDelayMs: 500 },
    circuitBreaker: { failureThreshold: 5, cooldownMs: 60_000 },
    ...contractFields("FormatAgent"),
  },
  {
    name: "SyncAgent",
    description:
      "Writes the reviewed, formatted docs to docs/API.md, refusing text that is not prettier's output; a rolled-back run puts the previous file back.",
    capabilities: ["sync", "persistence"],
    tools: ["Write", "notion-mcp"],
    coordinationPatterns: ["sequential"],
    runner: { kind: "builtin", settings: { name: "docs-sync-file", options: { path: "docs/API.md" } } },
    retryPolicy: { maxRetries: 3, backoff: "exponential", initialDelayMs: 1000, maxDelayMs: 30_000 },
    circuitBreaker: { failureThreshold: 5, cooldownMs: 60_000 },
    ...contractFields("SyncAgent"),
  },
];
