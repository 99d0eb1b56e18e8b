// The workflow engine's vocabulary: template definitions (as stored and as written in JSON by
// API users, snake_case keys like the rest of the REST surface), runner seams and step results.
// Nothing here imports GraphQL, HTTP or Prisma: the engine talks to the world through ports.ts.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A JSON Schema document (draft 2020-12 subset understood by Ajv). */
export type JsonSchema = JsonObject;

export interface RetryOverride {
  max_retries?: number;
  backoff?: "fixed" | "linear" | "exponential";
  initial_delay_ms?: number;
  max_delay_ms?: number;
}

/** The runner a step uses instead of its agent's own (e.g. a mock where a tool is not present). */
export interface RunnerOverride {
  kind: RunnerKind;
  settings: JsonObject;
}

/** One agent call. `input` is any JSON; strings may hold `{{ expressions }}` (expressions.ts). */
export interface StepDef {
  id: string;
  agent: string;
  description?: string;
  input?: Json;
  /** JSON Schema the step's outputs must satisfy before the next step may use them. */
  output_schema?: JsonSchema;
  timeout_ms?: number;
  retry?: RetryOverride;
  /** In a parallel group: a failure of this step does not fail the group. */
  optional?: boolean;
  runner?: RunnerOverride;
  /**
   * Undoes the step when its run is rolled back (saga): an agent call like a step's, whose input
   * may read `{{steps.<id>.output}}` of this and any other step, and `{{params.<name>}}`.
   */
  compensate?: CompensateDef;
  /**
   * Serena memories loaded before the step runs (names or globs; `{{run.id}}` may appear):
   * readable in its input as `{{memory.<name>}}`, and appended to a claude step's system prompt.
   */
  context_memories?: string[];
}

/** A compensation: the agent that undoes a step, with its input (and a timeout). */
export interface CompensateDef {
  agent: string;
  input?: Json;
  timeout_ms?: number;
}

/** What a failed run does: stays failed, or rolls back at once (its compensations run). */
export const ON_FAILURE = ["fail", "rollback"] as const;
export type OnFailure = (typeof ON_FAILURE)[number];

export interface SequentialDef {
  sequential: NodeDef[];
}
export interface ParallelDef {
  parallel: NodeDef[];
}
/** A supervisor step, its workers (run as its children), then the follow-up step that aggregates. */
export interface HierarchicalDef {
  hierarchical: {
    supervisor: StepDef;
    workers: NodeDef[];
    /** Its `agent` defaults to the supervisor's; `{{workers}}` is every worker step's output by id. */
    aggregate: Omit<StepDef, "agent"> & { agent?: string };
  };
}
export type NodeDef = StepDef | SequentialDef | ParallelDef | HierarchicalDef;

export interface TemplateDefinition {
  /** JSON Schema of the run parameters: `{ type: "object", properties, required }`. */
  parameters: JsonSchema;
  /** Top level is a sequential list. */
  steps: NodeDef[];
  /** "rollback": a run that fails is rolled back at once (default "fail": it stays failed). */
  on_failure?: OnFailure;
  /** Serena memory (docs/serena.md): true writes every handoff to .serena/memories; false opts out of BATON_SERENA_DIR. */
  memory?: MemoryConfig;
}

export interface MemoryConfig {
  serena: boolean;
}

export const RUNNER_KINDS = ["command", "http", "builtin", "mock", "claude"] as const;
export type RunnerKind = (typeof RUNNER_KINDS)[number];
/** How the wait between retries grows (an agent's retry policy, a step's `retry`). */
export const BACKOFFS = ["fixed", "linear", "exponential"] as const;
/** The largest values a retry policy may hold (an agent's, or a step's override). */
export const RETRY_LIMITS = { maxRetries: 20, initialDelayMs: 3_600_000, maxDelayMs: 86_400_000 } as const;

export type PatternKind = "sequential" | "parallel" | "hierarchical";

/** A step of a validated template, flattened in definition order. */
export interface FlatStep {
  id: string;
  agent: string;
  def: StepDef;
  /** Role inside its group. */
  role: "step" | "supervisor" | "worker" | "aggregate";
  /** Ids of the groups it sits in, outermost first (for drawing). */
  path: string[];
  /**
   * Where it sits in the tree of groups, outermost first: at each level its index there and whether
   * that level runs its members in order (a sequence, a hierarchical group's supervisor → workers →
   * aggregate) or at once (a parallel group, a hierarchical group's workers). `happensBefore`
   * reads it: what a step may reference without listing every step before it.
   */
  trail: { index: number; ordered: boolean }[];
  position: number;
}

// ---- runners -------------------------------------------------------------------------------

/** What the engine knows of an agent when it invokes it. */
export interface AgentRunnerConfig {
  name: string;
  kind: RunnerKind;
  /** snake_case settings as validated by agent.validation.ts (or a step's override). */
  settings: JsonObject;
}

export interface RunnerInvocation {
  agent: AgentRunnerConfig;
  input: Json;
  /** Aborted on timeout or run cancellation; runners must stop work (kill processes, abort fetch). */
  signal: AbortSignal;
  /** The step's timeout (override or agent setting); the engine also enforces it. */
  timeoutMs: number | null;
  runId: string;
  stepId: string;
  attempt: number;
  executionId: string;
  /** The Serena memories the step loaded (`context_memories`), name → text; absent when none. */
  memories?: Record<string, string>;
}

/**
 * What a call used, as the runner learnt it (the claude runner from Claude Code's result): each
 * field null when unknown. Recorded on the step's execution.
 */
export interface ExecutionUsage {
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
}

export type RunnerResult =
  | { ok: true; outputs: Json; usage?: ExecutionUsage }
  | { ok: false; error: string; outputs?: Json; usage?: ExecutionUsage };

export interface Runner {
  readonly kind: RunnerKind;
  /** Never throws: every failure is `{ ok: false, error }` with a message a person can act on. */
  run(invocation: RunnerInvocation): Promise<RunnerResult>;
}

/** An agent implemented inside Baton (runner kind `builtin`, settings `{ name, options }`). */
export interface BuiltinAgent {
  name: string;
  description: string;
  run(input: Json, options: JsonObject, context: BuiltinContext): Promise<Json>;
  /**
   * The files (relative to the working directory) a call would write: snapshotted before it runs
   * in a workflow run, and restored when that run is rolled back.
   */
  writes?(input: Json, options: JsonObject): string[];
}

export interface BuiltinContext {
  signal: AbortSignal;
  /** Baton's own OpenAPI document (for the docs agents). */
  openapi(): JsonObject;
  /**
   * The REST endpoints the server answers ("METHOD /path", rest/endpoints.ts), which the docs
   * review holds the reference to; absent, the OpenAPI document's operations stand for them.
   */
  routes?(): string[];
  /** Where relative paths written by builtins resolve (the server's working directory). */
  workdir: string;
}

// ---- run state -----------------------------------------------------------------------------

export const RUN_STATUSES = [
  "pending",
  "running",
  "succeeded",
  "failed",
  "cancelled",
  "rolling_back",
  "rolled_back",
  "rollback_failed",
] as const;
/** A finished run that may be rolled back (once). */
export const ROLLBACKABLE: readonly RunStatus[] = ["succeeded", "failed", "cancelled"];
export type RunStatus = (typeof RUN_STATUSES)[number];
export const STEP_STATUSES = ["pending", "running", "succeeded", "failed", "skipped", "cancelled"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** What one step ended with; the executor never throws across a step. */
export type StepResult =
  | { status: "succeeded"; outputs: Json; executionId: string }
  | { status: "failed"; error: string; executionId: string | null }
  | { status: "skipped" | "cancelled" };
