// The GraphQL registry reads from the read model (registry.read.ts): `agents`, `agent`, `patterns`
// and `pattern` with the fields beneath them, as a read path (graphql/read-paths.ts) — resolvers
// over the model's records, so a query selecting only these runs no Prisma at all. They answer what
// the Pothos resolvers in agent.schema.ts and pattern.schema.ts answer, errors included (the scope
// check first, then the filter's, then paging's); tests/api/registry-read-path.graphql.test.ts
// compares the two byte for byte. Fields left out (Agent.health, CoordinationPattern.exampleWorkflow)
// send the whole operation down the Pothos path.
import type { CircuitStateName } from "../../engine/recovery/circuit-breaker.js";
import { NotFoundError } from "../../errors.js";
import type { Context } from "../../graphql/context.js";
import { encodeCursor, pageInfoOf, paging } from "../../graphql/connection.js";
import type { ReadPath } from "../../graphql/read-paths.js";
import { type AgentFilter, MAX_PAGE } from "./agent.service.js";
import { maskSettings } from "./agent.validation.js";
import { circuitView } from "./circuit.store.js";
import {
  type AgentRecord,
  agentsInPattern,
  findAgent,
  findPattern,
  type PatternRecord,
  registryOf,
  type Snapshot,
} from "./registry.read.js";
import { matchingAgents, requireRead } from "./registry.views.js";

const agentPaging = paging(MAX_PAGE, 50);
type PagingArgs = { first?: number | null; after?: string | null; offset?: number | null };

/** A page of the agents a filter keeps (the AgentConnection's value on this path). */
interface AgentPage {
  offset: number;
  limit: number;
  matching: AgentRecord[];
}

/** A pattern with the snapshot it was read from (its agents come from the same one). */
type PatternValue = PatternRecord & { snapshot: Snapshot };

const pageNodes = (page: AgentPage) => page.matching.slice(page.offset, page.offset + page.limit);
const withSnapshot = (p: PatternRecord, snapshot: Snapshot): PatternValue => ({ ...p, snapshot });

// A record's masked settings, once per loaded record (a reload makes new records).
const masked = new WeakMap<AgentRecord, { kind: string; settings: unknown }>();
function runnerOf(a: AgentRecord) {
  let runner = masked.get(a);
  if (!runner) {
    runner = { kind: a.runnerKind, settings: maskSettings(a.runnerKind, a.runnerSettings) };
    masked.set(a, runner);
  }
  return runner;
}

export const registryReadPath: ReadPath = {
  Query: {
    agents: async (_root, args: AgentFilter & PagingArgs, ctx: Context): Promise<AgentPage> => {
      requireRead(ctx, "agents");
      const matching = await matchingAgents(ctx, args);
      const { offset, limit } = agentPaging.page(args, async () => matching.length);
      return { offset, limit, matching };
    },
    agent: async (_root, { id }: { id: string }, ctx: Context) => {
      requireRead(ctx, "agent");
      const agent = findAgent(await registryOf(ctx.db).current(), String(id));
      if (!agent) throw new NotFoundError("Agent", String(id));
      return agent;
    },
    patterns: async (_root, _args, ctx: Context) => {
      requireRead(ctx, "patterns");
      const snapshot = await registryOf(ctx.db).current();
      return snapshot.patterns.map((p) => withSnapshot(p, snapshot));
    },
    pattern: async (_root, { id }: { id: string }, ctx: Context) => {
      requireRead(ctx, "pattern");
      const snapshot = await registryOf(ctx.db).current();
      const pattern = findPattern(snapshot, String(id));
      if (!pattern) throw new NotFoundError("Pattern", String(id));
      return withSnapshot(pattern, snapshot);
    },
  },
  AgentConnection: {
    nodes: pageNodes,
    edges: (page: AgentPage) => pageNodes(page).map((node, i) => ({ cursor: encodeCursor(page.offset + i), node })),
    pageInfo: (page: AgentPage) => pageInfoOf(page, page.matching.length),
    totalCount: (page: AgentPage) => page.matching.length,
  },
  AgentEdge: { cursor: null, node: null },
  PageInfo: { hasNextPage: null, hasPreviousPage: null, startCursor: null, endCursor: null },
  Agent: {
    id: null,
    name: null,
    description: null,
    capabilities: null,
    tools: null,
    coordinationPatterns: null,
    runner: runnerOf,
    retryPolicy: (a: AgentRecord) => ({
      maxRetries: a.retryMaxRetries,
      backoff: a.retryBackoff,
      initialDelayMs: a.retryInitialDelayMs,
      maxDelayMs: a.retryMaxDelayMs,
    }),
    circuitBreaker: (a: AgentRecord) => ({
      failureThreshold: a.breakerFailureThreshold,
      cooldownMs: a.breakerCooldownMs,
    }),
    alertPolicy: (a: AgentRecord) => ({ failures: a.alertFailures, windowMs: a.alertWindowMs }),
    inputSchema: null,
    outputSchema: null,
    // As of this read, as the Pothos resolver computes it.
    circuit: (a: AgentRecord) =>
      circuitView({
        state: a.circuitState as CircuitStateName,
        failures: a.circuitFailures,
        openedAt: a.circuitOpenedAt,
        retryAt: a.circuitRetryAt,
      }),
    createdAt: null,
    updatedAt: null,
  },
  Runner: { kind: null, settings: null },
  RetryPolicy: { maxRetries: null, backoff: null, initialDelayMs: null, maxDelayMs: null },
  CircuitBreakerSettings: { failureThreshold: null, cooldownMs: null },
  AlertPolicy: { failures: null, windowMs: null },
  Circuit: { state: null, consecutiveFailures: null, openedAt: null, retryAfter: null },
  CoordinationPattern: {
    id: null,
    slug: null,
    name: null,
    description: null,
    whenToUse: null,
    diagramUrl: null,
    exampleWorkflowId: null,
    agents: (p: PatternValue) => agentsInPattern(p.snapshot, p.slug),
  },
};
