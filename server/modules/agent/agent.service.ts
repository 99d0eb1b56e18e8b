// Agent registry use cases: one function each, validation first, nothing written on failure.
import type { Database } from "../../db.js";
import { ConflictError, echo, type FieldIssue, NotFoundError, ValidationError } from "../../errors.js";
import { sql } from "../../sql.js";
import { parseIssues } from "../../validation.js";
import { assertAgentUnused } from "../workflow/workflow.service.js";
import { contractIssues, contractOrNull } from "../../engine/contracts.js";
import { Prisma } from "../../generated/sqlite/client.js";
import {
  type AgentFields,
  agentFieldsSchema,
  DEFAULT_ALERT_POLICY,
  DEFAULT_CIRCUIT_BREAKER,
  DEFAULT_RETRY_POLICY,
  RUNNER_KINDS,
  type RunnerKind,
  type RunnerPolicy,
  type RunnerSettings,
  runnerPolicyIssues,
  runnerSettingsSchemas,
  unmaskSettings,
} from "./agent.validation.js";

type Nullable<T> = { [K in keyof T]?: T[K] | null };

export interface AgentInput {
  name?: string | null;
  description?: string | null;
  capabilities?: string[] | null;
  tools?: string[] | null;
  coordinationPatterns?: string[] | null;
  runner?: { kind: RunnerKind; settings?: unknown } | null;
  retryPolicy?: Nullable<AgentFields["retryPolicy"]> | null;
  circuitBreaker?: Nullable<AgentFields["circuitBreaker"]> | null;
  alertPolicy?: Nullable<AgentFields["alertPolicy"]> | null;
  /** JSON Schema of the input every step calling the agent must give; {} removes it (null keeps it on update). */
  inputSchema?: unknown;
  /** JSON Schema of the output the agent must hand on; {} removes it (null keeps it on update). */
  outputSchema?: unknown;
}

export interface AgentFilter {
  capability?: string | null;
  pattern?: string | null;
  q?: string | null;
}

type AgentRow = Prisma.AgentGetPayload<{
  include: { capabilities: true; tools: true; patterns: true };
}>;

/** Unknown pattern names as issues naming the list entry (none when all are known). */
async function unknownPatterns(db: Database, names: string[], field: string): Promise<FieldIssue[]> {
  if (names.length === 0) return [];
  const known = await db.prisma.coordinationPattern.findMany({ select: { slug: true } });
  const slugs = new Set(known.map((p) => p.slug));
  return names.flatMap((n, i) =>
    slugs.has(n.toLowerCase())
      ? []
      : [{ field: `${field}[${i}]`, message: `unknown pattern ${echo(n)} (known: ${[...slugs].join(", ")})` }],
  );
}

/**
 * Every rule at once — fields, the runner's settings for its kind, pattern names — so a form shows
 * all its problems after one submit. Returns the parsed fields with pattern keys lower-cased.
 */
async function validateAgent(
  db: Database,
  input: AgentFields | AgentInput,
  policy: RunnerPolicy,
): Promise<AgentFields> {
  const fields = parseIssues(agentFieldsSchema, input);
  const issues = fields.ok ? [] : [...fields.issues];
  const raw = input as { runner?: { kind?: unknown; settings?: unknown }; coordinationPatterns?: unknown };
  const kind = raw.runner?.kind;
  const runner = (RUNNER_KINDS as readonly unknown[]).includes(kind)
    ? parseIssues(runnerSettingsSchemas[kind as RunnerKind], raw.runner?.settings ?? {}, "runner.settings")
    : null;
  if (runner && !runner.ok) issues.push(...runner.issues);
  if (runner?.ok)
    for (const i of runnerPolicyIssues(kind as RunnerKind, runner.data, policy))
      issues.push({ field: `runner.settings.${i.field}`, message: i.message });
  const names = Array.isArray(raw.coordinationPatterns)
    ? raw.coordinationPatterns.filter((n): n is string => typeof n === "string")
    : [];
  issues.push(...(await unknownPatterns(db, names, "coordinationPatterns")));
  issues.push(
    ...contractIssues(input.inputSchema, "inputSchema"),
    ...contractIssues(input.outputSchema, "outputSchema"),
  );
  if (issues.length > 0 || !fields.ok || !runner?.ok) throw new ValidationError(issues);
  return {
    ...fields.data,
    coordinationPatterns: fields.data.coordinationPatterns.map((n) => n.toLowerCase()),
    runner: { kind: fields.data.runner.kind, settings: runner.data as RunnerSettings },
  };
}

function rowData(fields: AgentFields, patterns: string[]) {
  return {
    name: fields.name,
    description: fields.description,
    runnerKind: fields.runner.kind,
    runnerSettings: fields.runner.settings as Prisma.InputJsonValue,
    retryMaxRetries: fields.retryPolicy.maxRetries,
    retryBackoff: fields.retryPolicy.backoff,
    retryInitialDelayMs: fields.retryPolicy.initialDelayMs,
    retryMaxDelayMs: fields.retryPolicy.maxDelayMs,
    breakerFailureThreshold: fields.circuitBreaker.failureThreshold,
    breakerCooldownMs: fields.circuitBreaker.cooldownMs,
    alertFailures: fields.alertPolicy.failures,
    alertWindowMs: fields.alertPolicy.windowMs,
    inputSchema: jsonOrDbNull(contractOrNull(fields.inputSchema)),
    outputSchema: jsonOrDbNull(contractOrNull(fields.outputSchema)),
    capabilities: { create: fields.capabilities.map((name, position) => ({ name, position })) },
    tools: { create: fields.tools.map((name, position) => ({ name, position })) },
    patterns: { create: patterns.map((patternSlug, position) => ({ patternSlug, position })) },
  };
}

const jsonOrDbNull = (v: object | null) => (v === null ? Prisma.DbNull : (v as Prisma.InputJsonValue));

/** Names are unique regardless of case: `testagent` next to `TestAgent` would only confuse. */
async function assertNameFree(db: Database, name: string, exceptId?: string) {
  const clash = await db.sql.all<{ id: string; name: string }>(
    sql`SELECT "id", "name" FROM "Agent" WHERE LOWER("name") = LOWER(${name}) LIMIT 1`,
  );
  const other = clash[0];
  if (other && other.id !== exceptId)
    throw new ConflictError(`an agent named '${other.name}' already exists (names are case-insensitive)`, "name");
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";
}

export async function createAgent(db: Database, input: AgentInput, policy: RunnerPolicy = {}) {
  // The mask is not a value: a new agent has no stored secret to keep.
  if (input.runner) unmaskSettings(input.runner.kind, input.runner.settings, null);
  const fields = await validateAgent(
    db,
    {
      description: "",
      capabilities: [],
      tools: [],
      coordinationPatterns: [],
      runner: { kind: "mock", settings: {} },
      ...stripNulls(input),
      retryPolicy: { ...DEFAULT_RETRY_POLICY, ...stripNulls(input.retryPolicy ?? {}) },
      circuitBreaker: { ...DEFAULT_CIRCUIT_BREAKER, ...stripNulls(input.circuitBreaker ?? {}) },
      alertPolicy: { ...DEFAULT_ALERT_POLICY, ...stripNulls(input.alertPolicy ?? {}) },
    },
    policy,
  );
  const patterns = fields.coordinationPatterns;
  await assertNameFree(db, fields.name);
  try {
    return await db.prisma.agent.create({ data: rowData(fields, patterns) });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError(`an agent named '${fields.name}' already exists`, "name");
    throw e;
  }
}

export async function updateAgent(db: Database, idOrName: string, input: AgentInput, policy: RunnerPolicy = {}) {
  const current = await getAgentRow(db, idOrName);
  // A secret sent back masked (as every read shows it) keeps its stored value, unless the
  // destination it protects changed: then it must be sent again.
  const runner = input.runner
    ? {
        ...input.runner,
        settings: unmaskSettings(input.runner.kind, input.runner.settings, {
          kind: current.runnerKind,
          settings: current.runnerSettings,
        }),
      }
    : input.runner;
  const fields = await validateAgent(
    db,
    {
      ...toFields(current),
      ...stripNulls({ ...input, runner }),
      retryPolicy: { ...toFields(current).retryPolicy, ...stripNulls(input.retryPolicy ?? {}) },
      circuitBreaker: { ...toFields(current).circuitBreaker, ...stripNulls(input.circuitBreaker ?? {}) },
      alertPolicy: { ...toFields(current).alertPolicy, ...stripNulls(input.alertPolicy ?? {}) },
    },
    policy,
  );
  const patterns = fields.coordinationPatterns;
  await assertNameFree(db, fields.name, current.id);
  // Lists are replaced whole, in one transaction with the row.
  return db.prisma.$transaction(async (tx) => {
    await tx.agentCapability.deleteMany({ where: { agentId: current.id } });
    await tx.agentTool.deleteMany({ where: { agentId: current.id } });
    await tx.agentPattern.deleteMany({ where: { agentId: current.id } });
    return tx.agent.update({ where: { id: current.id }, data: rowData(fields, patterns) });
  });
}

export async function deleteAgent(db: Database, idOrName: string) {
  const agent = await getAgentRow(db, idOrName);
  await assertAgentUnused(db, agent.name);
  await db.prisma.agent.delete({ where: { id: agent.id } });
  return agent;
}

/** An agent by id or by unique name; NotFoundError otherwise. */
export async function getAgentRow(db: Database, idOrName: string): Promise<AgentRow> {
  const agent = await db.prisma.agent.findFirst({
    where: { OR: [{ id: idOrName }, { name: idOrName }] },
    include: {
      capabilities: { orderBy: { position: "asc" } },
      tools: { orderBy: { position: "asc" } },
      patterns: { orderBy: { position: "asc" } },
    },
  });
  if (!agent) throw new NotFoundError("Agent", idOrName);
  return agent;
}

/** The id of an agent given by id or unique name (without loading it); NotFoundError otherwise. */
export async function getAgentId(db: Database, idOrName: string): Promise<string> {
  const agent = await db.prisma.agent.findFirst({
    where: { OR: [{ id: idOrName }, { name: idOrName }] },
    select: { id: true },
  });
  if (!agent) throw new NotFoundError("Agent", idOrName);
  return agent.id;
}

export const MAX_PAGE = 200;

/** Validated filter → Prisma where + paging. */
/** The registry filter as a Prisma condition (an unknown pattern is a ValidationError). */
export async function agentWhere(db: Database, filter: AgentFilter): Promise<Prisma.AgentWhereInput> {
  const where: Prisma.AgentWhereInput[] = [];
  if (filter.capability) where.push({ capabilities: { some: { name: filter.capability.trim() } } });
  if (filter.pattern) {
    const slug = filter.pattern.trim().toLowerCase();
    if ((await unknownPatterns(db, [slug], "pattern")).length > 0)
      throw ValidationError.field("pattern", `unknown pattern ${echo(filter.pattern)}`);
    where.push({ patterns: { some: { patternSlug: slug } } });
  }
  const q = filter.q?.trim();
  if (q) {
    if (q.length > 200) throw ValidationError.field("q", "must be at most 200 characters");
    // SQLite's LIKE is case-insensitive for ASCII already; PostgreSQL needs the mode.
    const contains = db.provider === "postgresql" ? { contains: q, mode: "insensitive" as const } : { contains: q };
    where.push({
      OR: [
        { name: contains },
        { description: contains },
        { capabilities: { some: { name: contains } } },
        { tools: { some: { name: contains } } },
      ],
    });
  }
  return { AND: where };
}

export function toFields(a: AgentRow): AgentFields {
  return {
    name: a.name,
    description: a.description,
    capabilities: a.capabilities.map((c) => c.name),
    tools: a.tools.map((t) => t.name),
    coordinationPatterns: a.patterns.map((p) => p.patternSlug),
    runner: { kind: a.runnerKind as RunnerKind, settings: a.runnerSettings },
    retryPolicy: {
      maxRetries: a.retryMaxRetries,
      backoff: a.retryBackoff as AgentFields["retryPolicy"]["backoff"],
      initialDelayMs: a.retryInitialDelayMs,
      maxDelayMs: a.retryMaxDelayMs,
    },
    circuitBreaker: { failureThreshold: a.breakerFailureThreshold, cooldownMs: a.breakerCooldownMs },
    alertPolicy: { failures: a.alertFailures, windowMs: a.alertWindowMs },
    inputSchema: a.inputSchema,
    outputSchema: a.outputSchema,
  };
}

function stripNulls<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as never;
}
