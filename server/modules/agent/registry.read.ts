// The registry's read model: agents and coordination patterns held in memory, answering the REST
// reads GET /agents, GET /agents/{id} and GET /patterns without Prisma (whose per-call query
// compiler, runtime and adapter cost ~2.5 ms of CPU for what the SQL does in 0.1 ms).
//
// Freshness: a trigger on every registry table (Agent, AgentCapability, AgentTool, AgentPattern,
// CoordinationPattern) bumps the single row of "RegistryVersion" in the writing transaction —
// whoever writes: this instance, another instance on the same PostgreSQL, a script, plain SQL.
// Every read first reads that row (one primary-key lookup) and reloads the whole registry when it
// moved, so a committed write anywhere is seen by the next read everywhere. The version is read
// before the rows: a write that lands while they load leaves the model one version behind, and the
// next read loads again.
import type { Database } from "../../db.js";
import type { CircuitStateName } from "../../engine/recovery/circuit-breaker.js";
import { echo, ValidationError } from "../../errors.js";
import { readTime, sql } from "../../sql.js";
import type { AgentFilter } from "./agent.service.js";
import { maskSettings } from "./agent.validation.js";
import { circuitView } from "./circuit.store.js";

export interface AgentRecord {
  id: string;
  name: string;
  description: string;
  capabilities: string[];
  tools: string[];
  coordinationPatterns: string[];
  runnerKind: string;
  runnerSettings: unknown;
  retryMaxRetries: number;
  retryBackoff: string;
  retryInitialDelayMs: number;
  retryMaxDelayMs: number;
  breakerFailureThreshold: number;
  breakerCooldownMs: number;
  alertFailures: number;
  alertWindowMs: number;
  inputSchema: unknown;
  outputSchema: unknown;
  circuitState: string;
  circuitFailures: number;
  circuitOpenedAt: Date | null;
  circuitRetryAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Lower-cased name, description, capabilities and tools, for the `q` filter. */
  text: { name: string; description: string; capabilities: string[]; tools: string[] };
}

export interface PatternRecord {
  id: string;
  slug: string;
  name: string;
  description: string;
  whenToUse: string;
  diagramUrl: string;
  exampleWorkflowId: string | null;
}

export interface Snapshot {
  version: string;
  /** In the database's own `ORDER BY name, id` (its collation), so every filtered subset keeps it. */
  agents: AgentRecord[];
  byId: Map<string, AgentRecord>;
  byName: Map<string, AgentRecord>;
  patterns: PatternRecord[];
}

type Row = Record<string, unknown>;

const json = (v: unknown): unknown => (typeof v === "string" ? JSON.parse(v) : (v ?? null));
const int = (v: unknown): number => Number(v);

/**
 * The case folding of the `q` filter as each database's LIKE does it: SQLite folds ASCII letters
 * only, PostgreSQL's ILIKE folds every letter.
 */
function folder(db: Database): (s: string) => string {
  return db.provider === "postgresql" ? (s) => s.toLowerCase() : (s) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** A `q` the model matches exactly as the SQL would: printable ASCII without LIKE's wildcards. */
export const modelMatchesQuery = (q: string): boolean => /^[\x20-\x7e]*$/.test(q) && !/[%_\\]/.test(q);

function children(rows: Row[], column: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const id = String(r.agentId);
    const list = out.get(id);
    if (list) list.push(String(r[column]));
    else out.set(id, [String(r[column])]);
  }
  return out;
}

async function load(db: Database, version: string): Promise<Snapshot> {
  const [agentRows, capabilityRows, toolRows, patternLinks, patternRows] = await Promise.all([
    db.sql.all(sql`SELECT * FROM "Agent" ORDER BY "name", "id"`),
    db.sql.all(sql`SELECT "agentId", "name" FROM "AgentCapability" ORDER BY "agentId", "position"`),
    db.sql.all(sql`SELECT "agentId", "name" FROM "AgentTool" ORDER BY "agentId", "position"`),
    db.sql.all(sql`SELECT "agentId", "patternSlug" FROM "AgentPattern" ORDER BY "agentId", "position"`),
    db.sql.all(sql`SELECT "id", "slug", "name", "description", "whenToUse", "diagramUrl", "exampleWorkflowId"
      FROM "CoordinationPattern" ORDER BY "position"`),
  ]);
  const capabilities = children(capabilityRows, "name");
  const tools = children(toolRows, "name");
  const patterns = children(patternLinks, "patternSlug");
  const fold = folder(db);
  const agents = agentRows.map((r): AgentRecord => {
    const id = String(r.id);
    const record = {
      id,
      name: String(r.name),
      description: String(r.description),
      capabilities: capabilities.get(id) ?? [],
      tools: tools.get(id) ?? [],
      coordinationPatterns: patterns.get(id) ?? [],
      runnerKind: String(r.runnerKind),
      runnerSettings: json(r.runnerSettings),
      retryMaxRetries: int(r.retryMaxRetries),
      retryBackoff: String(r.retryBackoff),
      retryInitialDelayMs: int(r.retryInitialDelayMs),
      retryMaxDelayMs: int(r.retryMaxDelayMs),
      breakerFailureThreshold: int(r.breakerFailureThreshold),
      breakerCooldownMs: int(r.breakerCooldownMs),
      alertFailures: int(r.alertFailures),
      alertWindowMs: int(r.alertWindowMs),
      inputSchema: json(r.inputSchema),
      outputSchema: json(r.outputSchema),
      circuitState: String(r.circuitState),
      circuitFailures: int(r.circuitFailures),
      circuitOpenedAt: readTime(r.circuitOpenedAt),
      circuitRetryAt: readTime(r.circuitRetryAt),
      createdAt: readTime(r.createdAt) as Date,
      updatedAt: readTime(r.updatedAt) as Date,
    };
    return {
      ...record,
      text: {
        name: fold(record.name),
        description: fold(record.description),
        capabilities: record.capabilities.map(fold),
        tools: record.tools.map(fold),
      },
    };
  });
  return {
    version,
    agents,
    byId: new Map(agents.map((a) => [a.id, a])),
    byName: new Map(agents.map((a) => [a.name, a])),
    patterns: patternRows.map((p) => ({
      id: String(p.id),
      slug: String(p.slug),
      name: String(p.name),
      description: String(p.description),
      whenToUse: String(p.whenToUse),
      diagramUrl: String(p.diagramUrl),
      exampleWorkflowId: p.exampleWorkflowId === null ? null : String(p.exampleWorkflowId),
    })),
  };
}

export interface RegistryReadModel {
  /** The registry as committed now (reloaded first when the version row moved). */
  current(): Promise<Snapshot>;
  /** How many times the registry was loaded (for tests and the benchmark). */
  loads(): number;
}

function createReadModel(db: Database): RegistryReadModel {
  let snapshot: Snapshot | null = null;
  let loading: { version: string; promise: Promise<Snapshot> } | null = null;
  let count = 0;
  const versionOf = async () => {
    const [row] = await db.sql.all<{ version: unknown }>(sql`SELECT "version" FROM "RegistryVersion" WHERE "id" = 1`);
    return String(row?.version ?? "none");
  };
  return {
    async current() {
      const version = await versionOf();
      if (snapshot?.version === version) return snapshot;
      // Concurrent reads of one version share one load.
      if (loading?.version !== version) {
        const promise = load(db, version).then(
          (s) => {
            count++;
            // A slower load of an older version may finish last: the next read sees the version
            // moved on and loads again.
            snapshot = s;
            return s;
          },
          (e: unknown) => {
            loading = null;
            throw e;
          },
        );
        loading = { version, promise };
      }
      return loading.promise;
    },
    loads: () => count,
  };
}

// One model per open database handle (db.ts creates one per app; tests open several).
const models = new WeakMap<Database, RegistryReadModel>();

export function registryOf(db: Database): RegistryReadModel {
  let model = models.get(db);
  if (!model) {
    model = createReadModel(db);
    models.set(db, model);
  }
  return model;
}

/** The agents a filter keeps, in the registry's order — the same rules as agentWhere's SQL. */
export function filterAgents(db: Database, snapshot: Snapshot, filter: AgentFilter): AgentRecord[] {
  const tests: ((a: AgentRecord) => boolean)[] = [];
  if (filter.capability) {
    const capability = filter.capability.trim();
    tests.push((a) => a.capabilities.includes(capability));
  }
  if (filter.pattern) {
    const slug = filter.pattern.trim().toLowerCase();
    if (!snapshot.patterns.some((p) => p.slug === slug))
      throw ValidationError.field("pattern", `unknown pattern ${echo(filter.pattern)}`);
    tests.push((a) => a.coordinationPatterns.includes(slug));
  }
  const q = filter.q?.trim();
  if (q) {
    if (q.length > 200) throw ValidationError.field("q", "must be at most 200 characters");
    const needle = folder(db)(q);
    tests.push(
      ({ text }) =>
        text.name.includes(needle) ||
        text.description.includes(needle) ||
        text.capabilities.some((c) => c.includes(needle)) ||
        text.tools.some((t) => t.includes(needle)),
    );
  }
  return tests.length === 0 ? snapshot.agents : snapshot.agents.filter((a) => tests.every((t) => t(a)));
}

/** An agent by id, else by unique name (getAgentId's rule); undefined when neither. */
export function findAgent(snapshot: Snapshot, key: string): AgentRecord | undefined {
  return snapshot.byId.get(key) ?? snapshot.byName.get(key);
}

/** A pattern by id, key (`sequential`, any case) or name: getPatternId's rule; undefined when none. */
export function findPattern(snapshot: Snapshot, key: string): PatternRecord | undefined {
  const slug = key.toLowerCase();
  return snapshot.patterns.find((p) => p.id === key || p.slug === slug || p.name === key);
}

/** The agents taking part in a pattern, by name (the registry's order). */
export function agentsInPattern(snapshot: Snapshot, slug: string): AgentRecord[] {
  return snapshot.agents.filter((a) => a.coordinationPatterns.includes(slug));
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/**
 * An agent as REST writes it: the fields of the Agent type's REST selection (rest/operations.ts),
 * snake_case, the domain's lower-case enum values, the circuit as of `now`.
 */
export function agentJson(a: AgentRecord, now: Date) {
  const circuit = circuitView(
    {
      state: a.circuitState as CircuitStateName,
      failures: a.circuitFailures,
      openedAt: a.circuitOpenedAt,
      retryAt: a.circuitRetryAt,
    },
    now,
  );
  // graphql-jit writes a selection's fields in the order of their (alias) names: so does this.
  return {
    alert_policy: { failures: a.alertFailures, window_ms: a.alertWindowMs },
    capabilities: a.capabilities,
    circuit: {
      consecutive_failures: circuit.consecutiveFailures,
      opened_at: iso(circuit.openedAt),
      retry_after: iso(circuit.retryAfter),
      state: circuit.state,
    },
    circuit_breaker: { cooldown_ms: a.breakerCooldownMs, failure_threshold: a.breakerFailureThreshold },
    coordination_patterns: a.coordinationPatterns,
    created_at: a.createdAt.toISOString(),
    description: a.description,
    id: a.id,
    input_schema: a.inputSchema,
    name: a.name,
    output_schema: a.outputSchema,
    retry_policy: {
      backoff: a.retryBackoff,
      initial_delay_ms: a.retryInitialDelayMs,
      max_delay_ms: a.retryMaxDelayMs,
      max_retries: a.retryMaxRetries,
    },
    runner: { kind: a.runnerKind, settings: maskSettings(a.runnerKind, a.runnerSettings) },
    tools: a.tools,
    updated_at: a.updatedAt.toISOString(),
  };
}

/** A pattern as REST writes it, with its agents (the route expands them) by name. */
export function patternJson(p: PatternRecord, snapshot: Snapshot, now: Date) {
  return {
    agents: agentsInPattern(snapshot, p.slug).map((a) => agentJson(a, now)),
    description: p.description,
    diagram_url: p.diagramUrl,
    example_workflow_id: p.exampleWorkflowId,
    id: p.id,
    name: p.name,
    slug: p.slug,
    when_to_use: p.whenToUse,
  };
}
