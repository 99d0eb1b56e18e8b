import { filter, pipe } from "graphql-yoga";
import { builder } from "../../graphql/builder.js";
import { connectionType, type Page, paging } from "../../graphql/connection.js";
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
import type { AgentHealthChange as AgentHealthChangeEvent } from "../../graphql/pubsub.js";
import { runnerNeedsAdmin } from "../../security/scopes.js";
import type { CircuitStateName } from "../../engine/recovery/circuit-breaker.js";
import { type AgentFigures, agentFigures, type HealthWindow } from "./agent-health.service.js";
import { circuitView, openCircuit, publishCircuit, resetCircuit } from "./circuit.store.js";
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
  description: "How Baton invokes an agent: the runner kind and its settings.",
  fields: (t) => ({
    kind: t.field({
      type: RunnerKind,
      description: "Which runner invokes the agent",
      resolve: (r) => r.kind as (typeof RUNNER_KINDS)[number],
    }),
    settings: t.expose("settings", {
      type: "JSON",
      description:
        "The kind's settings as stored, snake_case keys (docs/agents.md); secret values (http `headers`, " +
        'command `env`) read as ******** with their keys visible, and secret references ({"$secret": NAME}) ' +
        "as written",
    }),
  }),
});

const RetryPolicy = builder
  .objectRef<{ maxRetries: number; backoff: string; initialDelayMs: number; maxDelayMs: number }>("RetryPolicy")
  .implement({
    description:
      "How the workflow engine retries a failed invocation of the agent (a template step's `retry` may override it).",
    fields: (t) => ({
      maxRetries: t.exposeInt("maxRetries", {
        description: "Retries after the first attempt: 0 (none) to 20; default 2",
      }),
      backoff: t.field({
        type: Backoff,
        description: "How the wait grows from one retry to the next; default EXPONENTIAL",
        resolve: (p) => p.backoff as (typeof BACKOFFS)[number],
      }),
      initialDelayMs: t.exposeInt("initialDelayMs", {
        description: "Wait before the first retry, in milliseconds: 0 to 3,600,000; default 1000",
      }),
      maxDelayMs: t.exposeInt("maxDelayMs", {
        description: "Longest wait between retries, in milliseconds: initialDelayMs to 86,400,000; default 30000",
      }),
    }),
  });

const CircuitBreaker = builder
  .objectRef<{ failureThreshold: number; cooldownMs: number }>("CircuitBreakerSettings")
  .implement({
    description:
      "When to stop invoking a failing agent for a while: after failureThreshold failed executions in a row the " +
      "circuit opens, and workflow steps calling the agent fail at once until cooldownMs has passed (docs/agents.md).",
    fields: (t) => ({
      failureThreshold: t.exposeInt("failureThreshold", {
        description: "Failures in a row that open the circuit: 1 to 1000; default 5",
      }),
      cooldownMs: t.exposeInt("cooldownMs", {
        description:
          "How long an open circuit keeps the agent from being invoked, in milliseconds: 0 to 86,400,000; default 60000",
      }),
    }),
  });

const AlertPolicy = builder.objectRef<{ failures: number; windowMs: number }>("AlertPolicy").implement({
  description:
    "When the agent's REPEATED_FAILURES alert is raised: `failures` failed executions of the agent (any source) " +
    "within the last `windowMs` (docs/alerts.md).",
  fields: (t) => ({
    failures: t.exposeInt("failures", { description: "Failed executions that raise the alert: 1 to 1000; default 3" }),
    windowMs: t.exposeInt("windowMs", {
      description: "The window they are counted in, in milliseconds: 1000 to 604,800,000 (7 days); default 600000",
    }),
  }),
});

const CircuitState = domainEnum<CircuitStateName>("CircuitState", "Where an agent's circuit breaker stands.", {
  closed: "Calls go through; failed executions in a row are counted",
  open: "Workflow steps calling the agent fail at once, without invoking it, until retryAfter (by hand: until reset)",
  half_open:
    "The cool-down has passed: one trial call goes through; its success closes the circuit, its failure opens it again",
});

const Circuit = builder
  .objectRef<{ state: CircuitStateName; consecutiveFailures: number; openedAt: Date | null; retryAfter: Date | null }>(
    "Circuit",
  )
  .implement({
    description: "An agent's circuit breaker as it stands, shared by every instance (stored with the agent).",
    fields: (t) => ({
      state: t.field({ type: CircuitState, description: "Closed, open or half-open", resolve: (c) => c.state }),
      consecutiveFailures: t.exposeInt("consecutiveFailures", {
        description: "Failed executions in a row (reset by a success or a manual reset)",
      }),
      openedAt: t.expose("openedAt", {
        type: "DateTime",
        nullable: true,
        description: "When the circuit last opened; null while closed",
      }),
      retryAfter: t.expose("retryAfter", {
        type: "DateTime",
        nullable: true,
        description:
          "When a trial call may go through; null while closed and for a circuit opened by hand (until reset)",
      }),
    }),
  });

const AgentHealthWindow = builder.objectRef<HealthWindow>("AgentHealthWindow").implement({
  description:
    "An agent's executions that started in a recent window (last hour or last day, up to now): counts, " +
    "success rate and p95 duration, aggregated in SQL.",
  fields: (t) => ({
    since: t.expose("since", { type: "DateTime", description: "Start of the window (inclusive)" }),
    until: t.expose("until", { type: "DateTime", description: "End of the window (inclusive): when it was computed" }),
    total: t.exposeInt("total", { description: "Executions that started in the window, whatever their status" }),
    successes: t.exposeInt("successes", { description: "Of them, those that succeeded" }),
    failures: t.exposeInt("failures", { description: "Of them, those that failed" }),
    successRate: t.exposeFloat("successRate", {
      nullable: true,
      description:
        "successes / (successes + failures), from 0 to 1; null when neither (running and cancelled ones do not count)",
    }),
    p95DurationMs: t.exposeFloat("p95DurationMs", {
      nullable: true,
      description: "95th percentile (nearest rank) of the known durations in the window, in ms; null when none",
    }),
  }),
});

const AgentFailure = builder.objectRef<NonNullable<AgentFigures["lastFailure"]>>("AgentFailure").implement({
  description: "An agent's most recent failed execution.",
  fields: (t) => ({
    executionId: t.exposeID("executionId", { description: "The failed execution's id (see it on the timeline)" }),
    at: t.expose("at", { type: "DateTime", description: "When the failed execution started" }),
    error: t.exposeString("error", { nullable: true, description: "Its error message; null when none was recorded" }),
  }),
});

type AgentHealthValue = AgentFigures & {
  agentId: string;
  name: string;
  circuit: ReturnType<typeof circuitView>;
};

const AgentHealth = builder.objectRef<AgentHealthValue>("AgentHealth").implement({
  description:
    "An agent's health now: its circuit breaker, its executions' success rate and p95 duration over the last " +
    "hour and day, and its last failure (docs/agents.md).",
  fields: (t) => ({
    agentId: t.exposeID("agentId", { description: "The agent's id" }),
    name: t.exposeString("name", { description: "The agent's name" }),
    circuit: t.field({
      type: Circuit,
      description:
        "The circuit breaker: state, failures in a row, and retryAfter — when a half-open trial call is allowed",
      resolve: (h) => h.circuit,
    }),
    lastHour: t.field({
      type: AgentHealthWindow,
      description: "Executions that started in the last hour",
      resolve: (h) => h.lastHour,
    }),
    lastDay: t.field({
      type: AgentHealthWindow,
      description: "Executions that started in the last 24 hours",
      resolve: (h) => h.lastDay,
    }),
    lastFailure: t.field({
      type: AgentFailure,
      nullable: true,
      description: "The most recent failed execution (any time); null when it never failed",
      resolve: (h) => h.lastFailure,
    }),
    openAlerts: t.prismaField({
      type: ["Alert"],
      description: "Its alerts not resolved yet (OPEN or ACKNOWLEDGED), newest first (docs/alerts.md)",
      resolve: (query, h, _a, ctx) =>
        ctx.db.prisma.alert.findMany({
          ...query,
          where: { agentId: h.agentId, state: { not: "resolved" } },
          orderBy: [{ raisedAt: "desc" }, { id: "desc" }],
        }),
    }),
  }),
});

/** An agent's health from its stored row (circuit columns and name). */
async function healthOf(
  db: Parameters<typeof agentFigures>[0],
  a: {
    id: string;
    name: string;
    circuitState: string;
    circuitFailures: number;
    circuitOpenedAt: Date | null;
    circuitRetryAt: Date | null;
  },
): Promise<AgentHealthValue> {
  const now = new Date();
  const figures = await agentFigures(db, a.name, now);
  const circuit = circuitView(
    {
      state: a.circuitState as CircuitStateName,
      failures: a.circuitFailures,
      openedAt: a.circuitOpenedAt,
      retryAt: a.circuitRetryAt,
    },
    now,
  );
  return { agentId: a.id, name: a.name, circuit, ...figures };
}

const HEALTH_SELECT = {
  id: true,
  name: true,
  circuitState: true,
  circuitFailures: true,
  circuitOpenedAt: true,
  circuitRetryAt: true,
} as const;

export const Agent = builder.prismaObject("Agent", {
  description: "A registered agent: what it can do and how Baton invokes it.",
  fields: (t) => ({
    id: t.exposeID("id", {
      description: "Baton's id for the agent; wherever an agent's id is asked for, its name works too",
    }),
    name: t.exposeString("name", {
      description:
        "Unique name (no two differ only in case), by which executions and workflow steps refer to the agent",
    }),
    description: t.exposeString("description", {
      description: "What the agent does, for people; empty when none was given",
    }),
    capabilities: t.stringList({
      description: "What the agent can do (e.g. testing), in the order given; the `capability` filter matches these",
      select: { capabilities: { select: { name: true }, orderBy: { position: "asc" } } },
      resolve: (a) => a.capabilities.map((c) => c.name),
    }),
    tools: t.stringList({
      description: "Tools the agent uses (e.g. biome, tsc), in the order given",
      select: { tools: { select: { name: true }, orderBy: { position: "asc" } } },
      resolve: (a) => a.tools.map((c) => c.name),
    }),
    coordinationPatterns: t.stringList({
      description:
        "Keys of the coordination patterns it takes part in (sequential, parallel, hierarchical), in the order given",
      select: { patterns: { select: { patternSlug: true }, orderBy: { position: "asc" } } },
      resolve: (a) => a.patterns.map((p) => p.patternSlug),
    }),
    runner: t.field({
      type: Runner,
      select: { runnerKind: true, runnerSettings: true },
      description:
        "How Baton invokes the agent; secrets in its settings (http headers, command env values) are shown masked",
      resolve: (a) => ({ kind: a.runnerKind, settings: maskSettings(a.runnerKind, a.runnerSettings) }),
    }),
    retryPolicy: t.field({
      type: RetryPolicy,
      description: "How the workflow engine retries a failed invocation of this agent",
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
      description: "When a failing agent is paused (its circuit's current state is `circuit`)",
      select: { breakerFailureThreshold: true, breakerCooldownMs: true },
      resolve: (a) => ({ failureThreshold: a.breakerFailureThreshold, cooldownMs: a.breakerCooldownMs }),
    }),
    alertPolicy: t.field({
      type: AlertPolicy,
      description: "When the agent's REPEATED_FAILURES alert is raised (failures within a window)",
      select: { alertFailures: true, alertWindowMs: true },
      resolve: (a) => ({ failures: a.alertFailures, windowMs: a.alertWindowMs }),
    }),
    inputSchema: t.expose("inputSchema", {
      type: "JSON",
      nullable: true,
      description:
        "The agent's input contract: a JSON Schema (draft 2020-12) every step calling it must satisfy — checked " +
        "when a template is saved (literal inputs) and before each step runs; null when it declares none",
    }),
    outputSchema: t.expose("outputSchema", {
      type: "JSON",
      nullable: true,
      description:
        "The agent's output contract: a JSON Schema its outputs must satisfy (a step failing it fails); templates " +
        "may only read `{{steps.<id>.output.<field>}}` fields it (or the step's output_schema) declares; null when none",
    }),
    circuit: t.field({
      type: Circuit,
      description: "The agent's circuit breaker now: whether workflow steps may invoke it",
      select: { circuitState: true, circuitFailures: true, circuitOpenedAt: true, circuitRetryAt: true },
      resolve: (a) =>
        circuitView({
          state: a.circuitState as CircuitStateName,
          failures: a.circuitFailures,
          openedAt: a.circuitOpenedAt,
          retryAt: a.circuitRetryAt,
        }),
    }),
    health: t.field({
      type: AgentHealth,
      description:
        "The agent's health now: circuit, success rate and p95 duration over the last hour and day, last failure " +
        "(computed on each read: select it for the agents you show)",
      select: HEALTH_SELECT,
      resolve: (a, _args, ctx) => healthOf(ctx.db, a),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the agent was registered" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the agent was last changed" }),
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
  description: "How Baton invokes an agent: a runner kind and its settings, always given together.",
  fields: (t) => ({
    kind: t.field({ type: RunnerKind, required: true, description: "Which runner invokes the agent" }),
    settings: t.field({
      type: "JSON",
      description:
        "Settings for the kind, snake_case keys (docs/agents.md); unknown keys are refused; default {}. A secret " +
        "sent back as ******** keeps its stored value while the kind and destination (http url; command, args, " +
        'cwd) stay the same; otherwise send it again. A value may be {"$secret": NAME} instead: resolved ' +
        "at each call from the server's environment or BATON_SECRETS_FILE, never stored (recommended).",
    }),
  }),
});
const RetryPolicyInput = builder.inputType("RetryPolicyInput", {
  description: "Retry policy values to set; each one left out keeps its stored value (on create, its default).",
  fields: (t) => ({
    maxRetries: t.int({ description: "Retries after the first attempt: 0 (none) to 20; default 2" }),
    backoff: t.field({ type: Backoff, description: "How the wait grows between retries; default EXPONENTIAL" }),
    initialDelayMs: t.int({
      description: "Wait before the first retry, in milliseconds: 0 to 3,600,000; default 1000",
    }),
    maxDelayMs: t.int({
      description: "Longest wait between retries, in milliseconds: initialDelayMs to 86,400,000; default 30000",
    }),
  }),
});
const CircuitBreakerInput = builder.inputType("CircuitBreakerInput", {
  description: "Circuit breaker values to set; each one left out keeps its stored value (on create, its default).",
  fields: (t) => ({
    failureThreshold: t.int({ description: "Failures in a row that open the circuit: 1 to 1000; default 5" }),
    cooldownMs: t.int({
      description:
        "How long an open circuit keeps the agent from being invoked, in milliseconds: 0 to 86,400,000; default 60000",
    }),
  }),
});

const AlertPolicyInput = builder.inputType("AlertPolicyInput", {
  description: "Alert policy values to set; each one left out keeps its stored value (on create, its default).",
  fields: (t) => ({
    failures: t.int({ description: "Failed executions that raise REPEATED_FAILURES: 1 to 1000; default 3" }),
    windowMs: t.int({
      description: "The window they are counted in, in milliseconds: 1000 to 604,800,000 (7 days); default 600000",
    }),
  }),
});

/** The agent's fields as input; `create` says whether they describe a new agent or changes to one. */
const agentInputFields = (create: boolean) => {
  // On create a field left out takes its default; on update it keeps the stored value.
  const unset = (fallback: string) => (create ? `default ${fallback}` : "leave out to keep");
  return ((t) => ({
    name: t.string({
      required: create,
      description:
        "Unique name (another agent's in any case is a CONFLICT): a letter, then letters, digits, `_`, `.`, `-`; " +
        `at most 64 characters${create ? "" : "; leave out to keep"}`,
    }),
    description: t.string({ description: `What the agent does: at most 2000 characters; ${unset("empty")}` }),
    capabilities: t.stringList({
      description: `What it can do: at most 50, each 1–64 characters, no duplicates in any case; ${unset("none")}`,
    }),
    tools: t.stringList({
      description: `Tools it uses: at most 100, each 1–128 characters, no duplicates in any case; ${unset("none")}`,
    }),
    coordinationPatterns: t.stringList({
      description: `Pattern keys: sequential, parallel and/or hierarchical (any case, stored lower-case); ${unset("none")}`,
    }),
    runner: t.field({
      type: RunnerInput,
      description: `How Baton invokes it; ${create ? "default a MOCK runner with no settings" : "replaced whole: send settings again"}`,
    }),
    retryPolicy: t.field({
      type: RetryPolicyInput,
      description: `How failed invocations are retried; ${create ? "values left out take their defaults" : "merged key by key with the stored policy"}`,
    }),
    circuitBreaker: t.field({
      type: CircuitBreakerInput,
      description: `When a failing agent is paused; ${create ? "values left out take their defaults" : "merged key by key with the stored settings"}`,
    }),
    alertPolicy: t.field({
      type: AlertPolicyInput,
      description: `When REPEATED_FAILURES is raised for it; ${create ? "values left out take their defaults" : "merged key by key with the stored policy"}`,
    }),
    inputSchema: t.field({
      type: "JSON",
      description: `Input contract: a JSON Schema object (at most 64 KiB, 32 levels deep) that Ajv accepts in strict mode; {} is none; ${unset("none")}`,
    }),
    outputSchema: t.field({
      type: "JSON",
      description: `Output contract: a JSON Schema object (at most 64 KiB, 32 levels deep) that Ajv accepts in strict mode; {} is none; ${unset("none")}`,
    }),
  })) satisfies Parameters<typeof builder.inputType>[1]["fields"];
};

const CreateAgentInput = builder.inputType("CreateAgentInput", {
  description: "A new agent: only `name` is required (docs/agents.md lists every rule and default).",
  fields: agentInputFields(true),
});
const UpdateAgentInput = builder.inputType("UpdateAgentInput", {
  description: "Fields to change; those left out (or null) keep their value, and lists given replace the stored list.",
  fields: agentInputFields(false),
});

const DeletedAgent = builder.objectRef<{ id: string; name: string }>("DeletedAgent").implement({
  description: "The agent deleteAgent removed. Its recorded executions stay, with their agentName.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The id the agent had" }),
    name: t.exposeString("name", { description: "The name the agent had" }),
  }),
});

const agentPaging = paging(MAX_PAGE, 50);

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
      ...agentPaging.args(t.arg),
    },
    resolve: async (_root, args, ctx) => {
      const where = await agentWhere(ctx.db, args as AgentFilter);
      return { where, ...agentPaging.page(args, () => ctx.db.prisma.agent.count({ where })) };
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
  agentHealth: t.field({
    type: AgentHealth,
    nullable: true,
    description:
      "An agent's health by id or unique name (circuit, recent success rate and p95, last failure); null with a " +
      "NOT_FOUND error when there is no such agent.",
    args: { id: t.arg.id({ required: true, description: "The agent's id or unique name" }) },
    resolve: async (_root, { id }, ctx) => {
      const agentId = await getAgentId(ctx.db, String(id));
      const agent = await ctx.db.prisma.agent.findUniqueOrThrow({ where: { id: agentId }, select: HEALTH_SELECT });
      return healthOf(ctx.db, agent);
    },
  }),
}));

builder.mutationFields((t) => ({
  createAgent: t.prismaField({
    authScopes: (_root, { input }) => (runnerNeedsAdmin(input.runner?.kind) ? { admin: true } : { write: true }),
    type: "Agent",
    description:
      "Register an agent. Every rule is checked at once (one ValidationError lists every issue); a taken name is a ConflictError.",
    errors: {
      types: [ValidationError, ConflictError],
      union: { description: "The registered agent, or why it was not registered." },
    },
    args: { input: t.arg({ type: CreateAgentInput, required: true, description: "The agent to register" }) },
    resolve: async (query, _root, { input }, ctx) => {
      const agent = await createAgent(ctx.db, input, ctx.limits);
      ctx.pubsub.publish("agentChanged", { kind: "created", agentId: agent.id, name: agent.name });
      return ctx.db.prisma.agent.findUniqueOrThrow({ ...query, where: { id: agent.id } });
    },
  }),
  updateAgent: t.prismaField({
    authScopes: (_root, { input }) => (runnerNeedsAdmin(input.runner?.kind) ? { admin: true } : { write: true }),
    type: "Agent",
    description: "Change an agent: only the fields given change, and the result is checked as a whole again.",
    errors: {
      types: [ValidationError, ConflictError, NotFoundError],
      union: { description: "The agent as changed, or why it was not changed." },
    },
    args: {
      id: t.arg.id({ required: true, description: "The agent's id or unique name" }),
      input: t.arg({ type: UpdateAgentInput, required: true, description: "The fields to change" }),
    },
    resolve: async (query, _root, { id, input }, ctx) => {
      const agent = await updateAgent(ctx.db, String(id), input, ctx.limits);
      ctx.pubsub.publish("agentChanged", { kind: "updated", agentId: agent.id, name: agent.name });
      return ctx.db.prisma.agent.findUniqueOrThrow({ ...query, where: { id: agent.id } });
    },
  }),
  resetAgentCircuit: t.prismaField({
    authScopes: { write: true },
    type: "Agent",
    description:
      "Close an agent's circuit by hand (its failure count forgotten): workflow steps invoke it again at once.",
    errors: {
      types: [NotFoundError],
      union: { description: "The agent with its circuit closed, or NotFoundError." },
    },
    args: { id: t.arg.id({ required: true, description: "The agent's id or unique name" }) },
    resolve: async (query, _root, { id }, ctx) => {
      const agentId = await getAgentId(ctx.db, String(id));
      await resetCircuit(ctx.db, agentId, publishCircuit(ctx.pubsub, ctx.db));
      return ctx.db.prisma.agent.findUniqueOrThrow({ ...query, where: { id: agentId } });
    },
  }),
  openAgentCircuit: t.prismaField({
    authScopes: { write: true },
    type: "Agent",
    description:
      "Open an agent's circuit by hand (take it out of service): workflow steps calling it fail at once, " +
      "with no trial call, until resetAgentCircuit.",
    errors: {
      types: [NotFoundError],
      union: { description: "The agent with its circuit open, or NotFoundError." },
    },
    args: { id: t.arg.id({ required: true, description: "The agent's id or unique name" }) },
    resolve: async (query, _root, { id }, ctx) => {
      const agentId = await getAgentId(ctx.db, String(id));
      await openCircuit(ctx.db, agentId, publishCircuit(ctx.pubsub, ctx.db));
      return ctx.db.prisma.agent.findUniqueOrThrow({ ...query, where: { id: agentId } });
    },
  }),
  deleteAgent: t.field({
    authScopes: { write: true },
    type: DeletedAgent,
    description:
      "Remove an agent from the registry. Its executions stay (their `agent` becomes null). An agent that " +
      "template steps call is not removed: ConflictError names the templates (change or delete them first).",
    errors: {
      types: [NotFoundError, ConflictError],
      union: { description: "The removed agent, NotFoundError, or ConflictError when templates still call it." },
    },
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
    description: "An agent registered, changed or removed.",
    fields: (t) => ({
      kind: t.field({ type: AgentChangeKind, description: "What happened to it", resolve: (c) => c.kind }),
      agentId: t.exposeID("agentId", { description: "The agent's id (for DELETED, the id it had)" }),
      name: t.exposeString("name", { description: "The agent's name after the change (for DELETED, its last name)" }),
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

const AgentHealthChange = builder.objectRef<AgentHealthChangeEvent>("AgentHealthChange").implement({
  description: "An agent's circuit breaker changed: opened, half-opened, closed, or its failure count moved.",
  fields: (t) => ({
    agentId: t.exposeID("agentId", { description: "The agent's id" }),
    name: t.exposeString("name", { description: "The agent's name" }),
    previousState: t.field({
      type: CircuitState,
      description: "Where the circuit stood before the change",
      resolve: (c) => c.previousState,
    }),
    state: t.field({ type: CircuitState, description: "Where the circuit stands now", resolve: (c) => c.state }),
    consecutiveFailures: t.exposeInt("consecutiveFailures", { description: "Failed executions in a row now" }),
    openedAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When the circuit last opened; null while closed",
      resolve: (c) => (c.openedAt ? new Date(c.openedAt) : null),
    }),
    retryAfter: t.field({
      type: "DateTime",
      nullable: true,
      description: "When a trial call may go through; null while closed or opened by hand",
      resolve: (c) => (c.retryAfter ? new Date(c.retryAfter) : null),
    }),
    at: t.field({ type: "DateTime", description: "When the change was written", resolve: (c) => new Date(c.at) }),
  }),
});

builder.subscriptionFields((t) => ({
  agentHealthChanged: t.field({
    type: AgentHealthChange,
    description: "Each change of any agent's circuit breaker, on any instance (optionally one agent's only).",
    args: { agentId: t.arg.id({ description: "Only this agent's changes (its id)" }) },
    subscribe: (_root, { agentId }, ctx) => {
      const all = ctx.pubsub.subscribe("agentHealthChanged");
      return agentId
        ? pipe(
            all,
            filter((c: AgentHealthChangeEvent) => c.agentId === String(agentId)),
          )
        : all;
    },
    resolve: (change) => change,
  }),
}));
