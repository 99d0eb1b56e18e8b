// The engine's seams. Adapters live in server/modules/workflow-run (database, pubsub, agent
// registry), so the executor can be driven by tests or benchmarks with anything that fits.
import type { AgentContract } from "./contracts.js";
import type {
  AgentRunnerConfig,
  ExecutionUsage,
  Json,
  JsonObject,
  RetryOverride,
  RunStatus,
  StepStatus,
  TemplateDefinition,
} from "./types.js";

/** A run as the engine resumes it: the definition snapshot and every step's persisted state. */
export interface StoredRun {
  id: string;
  workflowId: string | null;
  workflowName: string;
  definition: TemplateDefinition;
  params: JsonObject;
  status: RunStatus;
  rootExecutionId: string | null;
  cancelRequested: boolean;
  /** It failed and its rollback (on_failure "rollback") has not started yet. */
  rollbackPending?: boolean;
  steps: StoredStep[];
  /** Depth in the handoff tree of every execution the run recorded, by id. */
  executionDepths: Map<string, number>;
  /** Status of the latest execution of each running step (to tell an interrupted attempt). */
  executionStatuses: Map<string, string>;
  /** The run's executions still in progress (its root, attempts a stopped server left open). */
  openExecutions?: ExecutionRecord[];
}

/**
 * Thrown by a RunStore write when this instance no longer owns the run (its lease expired and
 * another instance took it over): the write did not happen, and this instance must stop.
 */
export class RunLostError extends Error {
  constructor(runId: string) {
    super(`workflow run ${runId} is owned by another instance now`);
    this.name = "RunLostError";
  }
}

export interface StoredStep {
  stepId: string;
  status: StepStatus;
  attempts: number;
  /**
   * Attempts made before the step was last resumed (a retried execution, a resumed run): its
   * retry policy starts afresh from here, and its attempts are numbered after those.
   */
  attemptBase?: number;
  outputs: Json;
  error: string | null;
  executionId: string | null;
}

/** An execution the engine records for a step attempt (or the run's root). */
export interface NewExecution {
  id: string;
  agentName: string;
  agentId: string | null;
  workflowId: string | null;
  workflowRunId: string;
  parentExecutionId: string | null;
  rootId: string;
  depth: number;
  inputs: Json;
  attempt: number;
  workflowStepId: string | null;
  startedAt: Date;
}

export interface FinishedExecution {
  id: string;
  status: "success" | "failure" | "cancelled";
  outputs: Json | undefined;
  error: string | null;
  endedAt: Date;
  /** When known; otherwise the store reads the execution's timestamp to compute its duration. */
  startedAt?: Date;
  /** What the call used, when the runner reported it (model, tokens, cost). */
  usage?: ExecutionUsage;
}

export interface StepChange {
  status: StepStatus;
  attempts?: number;
  outputs?: Json;
  error?: string | null;
  executionId?: string | null;
  startedAt?: Date;
  endedAt?: Date;
}

export interface RunChange {
  status?: RunStatus;
  error?: string | null;
  failedStepId?: string | null;
  outputs?: Json;
  rootExecutionId?: string;
  startedAt?: Date;
  endedAt?: Date;
  /** Written with the failure of a run to be rolled back, so that the intent survives a crash. */
  rollbackPending?: boolean;
}

/**
 * Persistence of run state. Each call is one transaction: a step's state and its execution agree.
 * Writes throw RunLostError when the run has been taken over by another instance.
 */
export interface RunStore {
  load(runId: string): Promise<StoredRun | null>;
  /** Records the attempt's execution (in_progress) and marks the step running, together. */
  startAttempt(runId: string, stepId: string, execution: NewExecution): Promise<void>;
  /** Finishes the attempt's execution and sets the step's new state, together. */
  finishAttempt(runId: string, stepId: string, execution: FinishedExecution, step: StepChange): Promise<void>;
  /** Changes steps that never started (skipped, cancelled). */
  setSteps(runId: string, stepIds: string[], change: StepChange): Promise<void>;
  /** Records the run's root execution and marks the run running. */
  startRun(runId: string, root: NewExecution | null, change: RunChange): Promise<void>;
  /** Ends the run (and its root execution, when it has one). */
  finishRun(runId: string, change: RunChange, root: FinishedExecution | null): Promise<void>;
  /**
   * Takes over runs whose owner stopped heartbeating before `staleBefore` (running ones, and ones
   * being rolled back or waiting for their rollback); returns their ids.
   */
  claimOrphans(ownerId: string, staleBefore: Date, now: Date): Promise<string[]>;
  /** Renews this owner's lease on its runs; returns the ids among them whose cancel was requested. */
  heartbeat(ownerId: string, runIds: string[], now: Date): Promise<string[]>;
  /** Gives up this owner's unfinished runs so that another instance takes them over at once. */
  release(ownerId: string): Promise<void>;
}

export type AgentLookup = (name: string) => Promise<AgentRuntime | null>;

/** What a step needs of its agent: how to invoke it, how to retry it, and what it promises. */
export interface AgentRuntime {
  id: string | null;
  runner: AgentRunnerConfig;
  retry: Required<RetryOverride>;
  /** Its input_schema / output_schema (engine/contracts.ts), checked at every step calling it. */
  contract?: AgentContract | null;
}

/** A state change, published for subscribers (workflowRun(id), workflowRuns). */
export type RunEvent =
  | {
      kind: "run";
      runId: string;
      workflowId: string | null;
      status: RunStatus;
      error: string | null;
      failedStepId: string | null;
      at: Date;
    }
  | {
      kind: "step";
      runId: string;
      workflowId: string | null;
      stepId: string;
      status: StepStatus;
      attempts: number;
      error: string | null;
      executionId: string | null;
      outputs: Json | undefined;
      at: Date;
    };

/** An execution row as the engine knows it, for live execution events. */
export interface ExecutionRecord extends NewExecution {
  status: "in_progress" | FinishedExecution["status"];
  usage?: ExecutionUsage;
  outputs: Json | undefined;
  error: string | null;
  endedAt: Date | null;
}

export interface Emitter {
  run(event: RunEvent): void;
  /** An execution the run recorded or finished, so the timeline and graph stay live. */
  execution(kind: "recorded" | "updated", execution: ExecutionRecord): void;
}
