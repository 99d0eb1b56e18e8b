import { builder } from "../../graphql/builder.js";
import { connectionArgs, connectionType, type Page, pageOf } from "../../graphql/connection.js";
import { domainEnum } from "../../graphql/enums.js";
import { ConflictError, NotFoundError, ValidationError } from "../../graphql/errors.js";
import {
  type AgentFilter,
  agentWhere,
  createAgent,
  deleteAgent,
  getAgentId,
  MAX_PAGE,
  updateAgent,
} from "./agent.service.js";
import { type BACKOFFS, maskSettings, type RUNNER_KINDS } from "./agent.validation.js";

export const RunnerKind = domainEnum<(typeof RUNNER_KINDS)[number]>("RunnerKind", "How Baton invokes an agent.", {
  command: "A local process: the input as JSON on stdin, the outputs as JSON on stdout, exit status 0 for success",
  http: "POST the input as JSON to a URL; a 2xx JSON answer is the output",
  builtin: "An agent implemented inside Baton (the docs-sync agents, echo, aggregate)",
  mock: "Scripted outputs, latency and failures, for demos and deterministic tests",
  claude: "Claude Code in headless mode with the agent's .claude/agents/<name>.md",
});
const Backoff = domainEnum<(typeof BACKOFFS)[number]>("Backoff", "How the wait between retries grows.", {
  fixed: "The same wait before every retry (initialDelayMs)",
  linear: "initialDelayMs × the retry's number, up to maxDelayMs",
  exponential: "initialDelayMs doubled at each retry, up to maxDelayMs",
});

const Runner = builder.objectRef<{ kind: string; settings: unknown }>("Runner").implement({
  fields: (t) => ({
    kind: t.field({ type: RunnerKind, resolve: (r) => r.kind as (typeof RUNNER_KINDS)[number] }),
    settings: t.expose("settings", { type: "JSON" }),
  }),
});

const RetryPolicy = builder
  .objectRef<{ maxRetries: number; backoff: string; initialDelayMs: number; maxDelayMs: number }>("RetryPolicy")
  .implement({
    fields: (t) => ({
      maxRetries: t.exposeInt("maxRetries"),
      backoff: t.field({ type: Backoff, resolve: (p) => p.backoff as (typeof BACKOFFS)[number] }),
      initialDelayMs: t.exposeInt("initialDelayMs"),
      maxDelayMs: t.exposeInt("maxDelayMs"),
    }),
  });

const CircuitBreaker = builder
  .objectRef<{ failureThreshold: number; cooldownMs: number }>("CircuitBreakerSettings")
  .implement({
    fields: (t) => ({ failureThreshold: t.exposeInt("failureThreshold"), cooldownMs: t.exposeInt("cooldownMs") }),
  });

export const Agent = builder.prismaObject("Agent", {
  description: "A registered agent: what it can do and how Baton invokes it.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    description: t.exposeString("description"),
    capabilities: t.stringList({
      select: { capabilities: { select: { name: true }, orderBy: { position: "asc" } } },
      resolve: (a) => a.capabilities.map((c) => c.name),
    }),
    tools: t.stringList({
      select: { tools: { select: { name: true }, orderBy: { position: "asc" } } },
      resolve: (a) => a.tools.map((c) => c.name),
    }),
    coordinationPatterns: t.stringList({
      description: "Pattern keys: sequential, parallel, hierarchical.",
      select: { patterns: { select: { patternSlug: true }, orderBy: { position: "asc" } } },
      resolve: (a) => a.patterns.map((p) => p.patternSlug),
    }),
    runner: t.field({
      type: Runner,
      select: { runnerKind: true, runnerSettings: true },
      description: "Secrets (http headers, command env values) are shown masked",
      resolve: (a) => ({ kind: a.runnerKind, settings: maskSettings(a.runnerKind, a.runnerSettings) }),
    }),
    retryPolicy: t.field({
      type: RetryPolicy,
      select: { retryMaxRetries: true, retryBackoff: true, retryInitialDelayMs: true, retryMaxDelayMs: true },
      resolve: (a) => ({
        maxRetries: a.retryMaxRetries,
        backoff: a.retryBackoff,
        initialDelayMs: a.retryInitialDelayMs,
        maxDelayMs: a.retryMaxDelayMs,
      }),
    }),
    circuitBreaker: t.field({
      type: CircuitBreaker,
      select: { breakerFailureThreshold: true, breakerCooldownMs: true },
      resolve: (a) => ({ failureThreshold: a.breakerFailureThreshold, cooldownMs: a.breakerCooldownMs }),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

type AgentPage = Page & { where: Awaited<ReturnType<typeof agentWhere>> };
const AgentConnection = connectionType<AgentPage>({
  name: "Agent",
  model: "Agent",
  description: "A page of the agents matching a filter, ordered by name.",
  rows: (page, query, ctx) =>
    ctx.db.prisma.agent.findMany({
      ...query,
      where: page.where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: page.limit,
      skip: page.offset,
    }),
  row: (id, query, ctx) => ctx.db.prisma.agent.findUniqueOrThrow({ ...query, where: { id } }),
});

const RunnerInput = builder.inputType("RunnerInput", {
  fields: (t) => ({
    kind: t.field({ type: RunnerKind, required: true }),
    settings: t.field({ type: "JSON", description: "Settings for the kind (see docs/agents.md)." }),
  }),
});
const RetryPolicyInput = builder.inputType("RetryPolicyInput", {
  fields: (t) => ({
    maxRetries: t.int(),
    backoff: t.field({ type: Backoff }),
    initialDelayMs: t.int(),
    maxDelayMs: t.int(),
  }),
});
const CircuitBreakerInput = builder.inputType("CircuitBreakerInput", {
  fields: (t) => ({ failureThreshold: t.int(), cooldownMs: t.int() }),
});

const agentInputFields = (required: boolean) =>
  ((t) => ({
    name: t.string({ required }),
    description: t.string(),
    capabilities: t.stringList(),
    tools: t.stringList(),
    coordinationPatterns: t.stringList({ description: "sequential, parallel and/or hierarchical" }),
    runner: t.field({ type: RunnerInput }),
    retryPolicy: t.field({ type: RetryPolicyInput }),
    circuitBreaker: t.field({ type: CircuitBreakerInput }),
  })) satisfies Parameters<typeof builder.inputType>[1]["fields"];

const CreateAgentInput = builder.inputType("CreateAgentInput", { fields: agentInputFields(true) });
const UpdateAgentInput = builder.inputType("UpdateAgentInput", {
  description: "Fields to change; lists given replace the stored list.",
  fields: agentInputFields(false),
});

const DeletedAgent = builder.objectRef<{ id: string; name: string }>("DeletedAgent").implement({
  fields: (t) => ({ id: t.exposeID("id"), name: t.exposeString("name") }),
});

builder.queryFields((t) => ({
  agents: t.field({
    type: AgentConnection,
    description: "Agents matching every given filter, ordered by name.",
    args: {
      capability: t.arg.string({ description: "Only agents with this capability (exact name)" }),
      pattern: t.arg.string({
        description: "Only agents taking part in this pattern: sequential, parallel or hierarchical",
      }),
      q: t.arg.string({ description: "Text in the name, description, capabilities or tools (case-insensitive)" }),
      ...connectionArgs(t.arg, MAX_PAGE, 50),
    },
    resolve: async (_root, args, ctx) => {
      const where = await agentWhere(ctx.db, args as AgentFilter);
      return { where, ...pageOf(args, MAX_PAGE, 50, () => ctx.db.prisma.agent.count({ where })) };
    },
  }),
  agent: t.prismaField({
    type: "Agent",
    nullable: true,
    description: "An agent by id or by unique name; null with a NOT_FOUND error when there is none.",
    args: { id: t.arg.id({ required: true, description: "The agent's id or unique name" }) },
    resolve: async (query, _root, { id }, ctx) => {
      const agentId = await getAgentId(ctx.db, String(id));
      return ctx.db.prisma.agent.findUniqueOrThrow({ ...query, where: { id: agentId } });
    },
  }),
}));

builder.mutationFields((t) => ({
  createAgent: t.prismaField({
    type: "Agent",
    errors: { types: [ValidationError, ConflictError] },
    args: { input: t.arg({ type: CreateAgentInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const agent = await createAgent(ctx.db, input);
      ctx.pubsub.publish("agentChanged", { kind: "created", agentId: agent.id, name: agent.name });
      return ctx.db.prisma.agent.findUniqueOrThrow({ ...query, where: { id: agent.id } });
    },
  }),
  updateAgent: t.prismaField({
    type: "Agent",
    errors: { types: [ValidationError, ConflictError, NotFoundError] },
    args: {
      id: t.arg.id({ required: true, description: "The agent's id or unique name" }),
      input: t.arg({ type: UpdateAgentInput, required: true }),
    },
    resolve: async (query, _root, { id, input }, ctx) => {
      const agent = await updateAgent(ctx.db, String(id), input);
      ctx.pubsub.publish("agentChanged", { kind: "updated", agentId: agent.id, name: agent.name });
      return ctx.db.prisma.agent.findUniqueOrThrow({ ...query, where: { id: agent.id } });
    },
  }),
  deleteAgent: t.field({
    type: DeletedAgent,
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true, description: "The agent's id or unique name" }) },
    resolve: async (_root, { id }, ctx) => {
      const agent = await deleteAgent(ctx.db, String(id));
      ctx.pubsub.publish("agentChanged", { kind: "deleted", agentId: agent.id, name: agent.name });
      return { id: agent.id, name: agent.name };
    },
  }),
}));

const AgentChangeKind = domainEnum<"created" | "updated" | "deleted">("AgentChangeKind", "What happened to an agent.", {
  created: "Registered",
  updated: "Changed",
  deleted: "Removed from the registry",
});
const AgentChange = builder
  .objectRef<{ kind: "created" | "updated" | "deleted"; agentId: string; name: string }>("AgentChange")
  .implement({
    fields: (t) => ({
      kind: t.field({ type: AgentChangeKind, resolve: (c) => c.kind }),
      agentId: t.exposeID("agentId"),
      name: t.exposeString("name"),
    }),
  });

builder.subscriptionFields((t) => ({
  agentChanged: t.field({
    type: AgentChange,
    description: "Each agent registered, updated or deleted, on any instance.",
    subscribe: (_root, _args, ctx) => ctx.pubsub.subscribe("agentChanged"),
    resolve: (change) => change,
  }),
}));
