// Test data with sensible defaults and values unique per call, so tests never collide with each
// other or with the seed. GraphQL speaks camelCase (`agentInput`), REST snake_case (`agentBody`).
import { randomBytes } from "node:crypto";

let counter = 0;
const random = () => randomBytes(3).toString("hex");

/** `Agent_<counter>_<random>`: a valid agent name nobody else uses. */
export function uniqueName(prefix = "Agent"): string {
  counter += 1;
  return `${prefix}_${counter}_${random()}`;
}

/** A lower-case token unique to this call, for capabilities and tools no seeded agent has. */
export function uniqueToken(prefix = "cap"): string {
  counter += 1;
  return `${prefix}-${counter}-${random()}`;
}

export interface AgentInput {
  name: string;
  description?: string;
  capabilities?: string[];
  tools?: string[];
  coordinationPatterns?: string[];
  runner?: { kind: string; settings?: unknown };
  retryPolicy?: { maxRetries?: number; backoff?: string; initialDelayMs?: number; maxDelayMs?: number };
  circuitBreaker?: { failureThreshold?: number; cooldownMs?: number };
}

/** A valid CreateAgentInput (GraphQL, camelCase, enums by their GraphQL names: `MOCK`). */
export function agentInput(overrides: Partial<AgentInput> = {}): AgentInput {
  return {
    name: uniqueName(),
    description: "An agent made by a test.",
    capabilities: [uniqueToken("cap")],
    tools: ["Read"],
    coordinationPatterns: ["sequential"],
    runner: { kind: "MOCK", settings: { latency_ms: 0 } },
    ...overrides,
  };
}

const snake = (s: string) => s.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

/**
 * The REST body for an input: keys in snake_case (runner settings are already written that way),
 * the runner kind and backoff by their REST (domain) values: `MOCK` → `mock`.
 */
export function toRestBody(input: Partial<AgentInput>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === "runner" && value && typeof value === "object" && !Array.isArray(value)) {
      const runner = value as { kind?: unknown };
      out.runner = typeof runner.kind === "string" ? { ...runner, kind: runner.kind.toLowerCase() } : runner;
    } else if (value && typeof value === "object" && !Array.isArray(value))
      out[snake(key)] = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          snake(k),
          k === "backoff" && typeof v === "string" ? v.toLowerCase() : v,
        ]),
      );
    else out[snake(key)] = value;
  }
  return out;
}

/** A valid POST /agents body (REST, snake_case). */
export function agentBody(overrides: Partial<AgentInput> = {}): Record<string, unknown> {
  return toRestBody(agentInput(overrides));
}
