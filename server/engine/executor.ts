// Runs one workflow run to its end: walks the step tree (sequential, parallel, hierarchical),
// invokes each step's agent through its runner with retries, timeouts and output contracts, and
// persists every change through the RunStore before announcing it. A failed step is a value
// (StepResult), never an exception; the only thing that unwinds is a halt (server shutting down),
// which leaves the run as persisted so that another instance, or this one restarted, resumes it.
// It stays one file past the house's ~300 lines on purpose: the walk and the attempt loop share one
// run's state (step states, outputs, the first failure); the stateless parts live in invoke.ts,
// nodes.ts, recovery/retry.ts and expressions.ts.
import { type CircuitBreaker, noBreaker, type Outcome as CircuitOutcome } from "./recovery/circuit-breaker.js";
import { contractViolation } from "./contracts.js";
import { resolveInput } from "./expressions.js";
import { describeProblem, jsonProblem } from "./json-check.js";
import { type Invocation, type InvokeResult, invokeRunner, numberOr, oversize } from "./invoke.js";
import { type Handoff, handoffMarkdown, handoffMemoryName, type MemoryStore, openMemoryStore } from "./memory.js";
import { isStep, stepIdsOf, stepRoles } from "./nodes.js";
import {
  type AgentLookup,
  type AgentRuntime,
  type Emitter,
  type ExecutionRecord,
  type NewExecution,
  RunLostError,
  type RunStore,
  type StoredRun,
  type StoredStep,
} from "./ports.js";
import { mergeRetry, retryDelay, sleep } from "./recovery/retry.js";
import { compileSchema } from "./template.js";
import type {
  HierarchicalDef,
  Json,
  JsonObject,
  NodeDef,
  ParallelDef,
  Runner,
  RunnerKind,
  RunStatus,
  SequentialDef,
  StepDef,
  StepResult,
} from "./types.js";

export interface ExecutorDeps {
  store: RunStore;
  emit: Emitter;
  runners: Record<RunnerKind, Runner>;
  agents: AgentLookup;
  newId: () => string;
  /** Largest step input or output, serialised (BATON_JSON_LIMIT, as for recorded executions). */
  jsonLimit?: number;
  /** Agents' circuit breakers: asked before each invocation, told each outcome (default: none). */
  breaker?: CircuitBreaker;
  /** Serena memory (memory.ts, docs/serena.md); absent, no run uses memory. */
  memory?: MemorySettings;
}

export interface MemorySettings {
  /** BATON_SERENA_DIR: memory on for every run whose template does not turn it off. */
  serenaDir: string | null;
  /** Where a template's `memory: { serena: true }` finds `.serena/` when BATON_SERENA_DIR is unset. */
  workdir: string;
  /** A handoff that could not be written (a read-only pattern, a bad project.yml): the run goes on. */
  onError(message: string, error: unknown): void;
}

/** The project whose `.serena/` a run uses, or null when memory is off for it. */
export function memoryDirOf(
  definition: { memory?: { serena: boolean } },
  settings: Pick<MemorySettings, "serenaDir" | "workdir"> | undefined,
) {
  if (!settings || definition.memory?.serena === false) return null;
  return settings.serenaDir ?? (definition.memory?.serena ? settings.workdir : null);
}

/** Why a run's signal aborted: a person cancelled it, or this server is stopping. */
export type AbortReason = "cancel" | "shutdown";

class Halt extends Error {}

interface ExecRef {
  id: string;
  depth: number;
}
interface Outcome {
  ok: boolean;
  /** The execution the next node receives the handoff from. */
  out: ExecRef;
}

const ROOT_PREFIX = "workflow:";

/** A just-recorded execution as live subscribers see it. */
const opened = (e: NewExecution): ExecutionRecord => ({
  ...e,
  status: "in_progress",
  outputs: undefined,
  error: null,
  endedAt: null,
});

/** Runs (or resumes) a run; resolves with its final status, or null when halted by shutdown. */
export async function executeRun(deps: ExecutorDeps, run: StoredRun, signal: AbortSignal): Promise<RunStatus | null> {
  try {
    return await new RunExecution(deps, run, signal).execute();
  } catch (e) {
    if (e instanceof Halt || e instanceof RunLostError) return null;
    throw e;
  }
}

// A class because a run has state (step states, outputs, agent cache, first failure) that every
// node of the walk reads and writes.
class RunExecution {
  private readonly states: Map<string, StoredStep>;
  private readonly outputs: Record<string, { output: Json; status: string }> = {};
  private readonly agentCache = new Map<string, Promise<AgentRuntime | null>>();
  private failure: { stepId: string; error: string } | null = null;
  /** The root execution (recorded here, or still open when the run is resumed). */
  private rootRecord: NewExecution | null = null;
  /** Steps whose attempt a stopped server left open: that attempt does not count against retries. */
  private readonly interrupted = new Set<string>();
  /** The run's memory store, opened on first use (null: memory is off for this run). */
  private memory: Promise<MemoryStore> | null | undefined;
  /** Each step's resolved input, for its handoff memory. */
  private readonly inputs = new Map<string, Json>();

  constructor(
    private readonly deps: ExecutorDeps,
    private readonly run: StoredRun,
    private readonly signal: AbortSignal,
  ) {
    this.states = new Map(run.steps.map((s) => [s.stepId, { ...s }]));
    // Later steps may read `{{steps.<id>.status}}` of a finished step (an optional one that failed).
    for (const s of run.steps)
      if (s.status !== "pending" && s.status !== "running")
        this.outputs[s.stepId] = { output: s.status === "succeeded" ? s.outputs : null, status: s.status };
  }

  async execute(): Promise<RunStatus> {
    const { run, deps } = this;
    await this.closeInterrupted();
    let rootId = run.rootExecutionId;
    if (!rootId) {
      const root = this.newExecution(`${ROOT_PREFIX}${run.workflowName}`, null, null, 0, run.params, 1, null);
      rootId = root.id;
      root.rootId = root.id;
      const startedAt = root.startedAt;
      await deps.store.startRun(run.id, root, { status: "running", rootExecutionId: root.id, startedAt });
      run.rootExecutionId = root.id;
      this.rootRecord = root;
      this.emitRun("running");
      deps.emit.execution("recorded", opened(root));
    } else if (run.status === "pending") {
      await deps.store.startRun(run.id, null, { status: "running", startedAt: new Date() });
      this.emitRun("running");
    } else if (run.status === "running") {
      // Taken over from a stopped instance: subscribers learn the run goes on (seq restarts here).
      this.emitRun("running");
    }
    const root: ExecRef = { id: rootId, depth: 0 };
    const outcome = await this.sequence(run.definition.steps, root);
    this.haltIfStopping();
    const cancelled = this.signal.aborted;
    const status: RunStatus = cancelled ? "cancelled" : outcome.ok ? "succeeded" : "failed";
    const last = run.definition.steps[run.definition.steps.length - 1];
    const outputs = last ? this.nodeOutputs(last) : null;
    const error = cancelled
      ? "cancelled"
      : outcome.ok
        ? null
        : this.failure
          ? `step '${this.failure.stepId}' failed: ${this.failure.error}`
          : "a step failed";
    const endedAt = new Date();
    const rootFinished = {
      id: rootId,
      status:
        status === "succeeded"
          ? ("success" as const)
          : status === "failed"
            ? ("failure" as const)
            : ("cancelled" as const),
      outputs,
      error,
      endedAt,
      startedAt: this.rootRecord?.startedAt,
    };
    const failedStepId = status === "failed" ? (this.failure?.stepId ?? null) : null;
    // The rollback a template asks for is recorded with the failure itself: if this process dies
    // before the rollback starts, the next instance to claim the run still rolls it back.
    const rollbackPending = status === "failed" && run.definition.on_failure === "rollback";
    await deps.store.finishRun(
      run.id,
      { status, error, failedStepId, outputs, endedAt, ...(rollbackPending ? { rollbackPending } : {}) },
      rootFinished,
    );
    if (this.rootRecord)
      deps.emit.execution("updated", { ...this.rootRecord, ...rootFinished, startedAt: this.rootRecord.startedAt });
    this.emitRun(status, error, failedStepId);
    return status;
  }

  private async node(node: NodeDef, from: ExecRef): Promise<Outcome> {
    if (isStep(node)) return this.step(node, from);
    if ("sequential" in node) return this.sequence((node as SequentialDef).sequential, from);
    if ("parallel" in node) return this.parallel((node as ParallelDef).parallel, from);
    return this.hierarchy((node as HierarchicalDef).hierarchical, from);
  }

  private async sequence(nodes: NodeDef[], from: ExecRef): Promise<Outcome> {
    let current = from;
    let ok = true;
    for (const n of nodes) {
      if (!ok || this.signal.aborted) {
        await this.skip(n);
        continue;
      }
      const o = await this.node(n, current);
      ok = o.ok;
      current = o.out;
    }
    return { ok, out: current };
  }

  /** Fans out from `from`; joins when every branch has finished. Optional steps may fail. */
  private async parallel(nodes: NodeDef[], from: ExecRef): Promise<Outcome> {
    const results = await Promise.all(nodes.map((n) => this.node(n, from)));
    const ok = results.every(
      (r, i) => r.ok || (isStep(nodes[i] as NodeDef) && (nodes[i] as StepDef).optional === true),
    );
    return { ok, out: from };
  }

  private async hierarchy(h: HierarchicalDef["hierarchical"], from: ExecRef): Promise<Outcome> {
    const supervisor = await this.step(h.supervisor, from);
    if (!supervisor.ok) {
      for (const w of h.workers) await this.skip(w);
      await this.skip(h.aggregate as StepDef);
      return { ok: false, out: from };
    }
    const workers = await this.parallel(h.workers, supervisor.out);
    if (!workers.ok || this.signal.aborted) {
      await this.skip(h.aggregate as StepDef);
      return { ok: false, out: supervisor.out };
    }
    const byWorker: Record<string, Json> = {};
    for (const id of h.workers.flatMap(stepIdsOf)) byWorker[id] = this.outputs[id]?.output ?? null;
    return this.step(h.aggregate as StepDef, supervisor.out, byWorker);
  }

  /** Steps that will not run: skipped after a failure, cancelled after a cancel. */
  private async skip(node: NodeDef) {
    this.haltIfStopping();
    const status = this.signal.aborted ? "cancelled" : "skipped";
    const ids = stepIdsOf(node).filter((id) => {
      const s = this.states.get(id);
      return s && (s.status === "pending" || s.status === "running");
    });
    if (ids.length === 0) return;
    await this.deps.store.setSteps(this.run.id, ids, { status });
    for (const id of ids) {
      const s = this.states.get(id) as StoredStep;
      s.status = status;
      this.emitStep(id, s);
    }
  }

  private async step(def: StepDef, from: ExecRef, workers?: Record<string, Json>): Promise<Outcome> {
    const state = this.states.get(def.id) as StoredStep;
    if (state.status === "succeeded" && state.executionId)
      return {
        ok: true,
        out: { id: state.executionId, depth: this.run.executionDepths.get(state.executionId) ?? from.depth + 1 },
      };
    if (state.status !== "pending" && state.status !== "running") return { ok: false, out: from };
    const result = await this.attempts(def, from, state, workers);
    if ("executionId" in result && result.executionId) await this.recordHandoff(def, from, state, result);
    if (result.status === "succeeded") {
      this.outputs[def.id] = { output: result.outputs, status: "succeeded" };
      return { ok: true, out: { id: result.executionId, depth: from.depth + 1 } };
    }
    this.outputs[def.id] = { output: null, status: result.status };
    if (result.status === "failed" && !this.failure && !def.optional)
      this.failure = { stepId: def.id, error: result.error };
    return { ok: false, out: from };
  }

  private async attempts(
    def: StepDef,
    from: ExecRef,
    state: StoredStep,
    workers?: Record<string, Json>,
  ): Promise<StepResult> {
    const { deps, run } = this;
    const agent = await this.agent(def.agent);
    const budget = this.interrupted.has(def.id) ? 1 : 0;
    let memories: Record<string, string> | undefined;
    if (def.context_memories && def.context_memories.length > 0) {
      const loaded = await this.loadMemories(def.context_memories);
      if (typeof loaded === "string") {
        await this.endStep(def.id, state, { status: "failed", error: loaded });
        return { status: "failed", error: loaded, executionId: null };
      }
      memories = loaded;
    }
    const input = resolveInput((def.input ?? {}) as Json, {
      params: run.params,
      steps: this.outputs,
      workers,
      run: { id: run.id },
      ...(memories ? { memory: memories } : {}),
    });
    this.inputs.set(def.id, input);
    const inputBytes = this.oversize(input);
    if (inputBytes !== null) {
      const error = `input is ${inputBytes} bytes; the limit is ${deps.jsonLimit} bytes (BATON_JSON_LIMIT)`;
      await this.endStep(def.id, state, { status: "failed", error });
      return { status: "failed", error, executionId: null };
    }
    // The agent's input contract holds whatever runner stands in for it (a step's override too).
    const inputBreach = agent?.contract?.input ? contractViolation(agent.contract.input, input) : null;
    if (inputBreach !== null) {
      const error = `input breaks agent '${def.agent}''s input contract: ${inputBreach}`;
      await this.endStep(def.id, state, { status: "failed", error });
      return { status: "failed", error, executionId: null };
    }
    const runner = def.runner ?? (agent ? agent.runner : null);
    const policy = mergeRetry(
      agent?.retry ?? { max_retries: 0, backoff: "fixed", initial_delay_ms: 0, max_delay_ms: 0 },
      def.retry,
    );
    // A resumed step gets its whole retry policy again, counted from the attempts it already made.
    const base = state.attemptBase ?? 0;
    const maxAttempts = base + policy.max_retries + 1 + budget;
    const contract = def.output_schema ? compileSchema(def.output_schema) : null;
    const agentOutput = agent?.contract?.output ?? null;
    let lastError = "";
    const breaker = agent?.id ? (deps.breaker ?? noBreaker) : null;
    let skipWait = false;
    while (true) {
      await this.yieldNow();
      this.haltIfStopping();
      if (this.signal.aborted) {
        await this.endStep(def.id, state, { status: "cancelled" });
        return { status: "cancelled" };
      }
      const attempt = state.attempts + 1;
      if (attempt > 1 && lastError && !skipWait) {
        await sleep(retryDelay(policy, attempt - base), this.signal);
        lastError = "";
        continue; // re-checks cancellation and shutdown after the wait
      }
      const exec = this.newExecution(def.agent, agent?.id ?? null, from.id, from.depth + 1, input, attempt, def.id);
      await deps.store.startAttempt(run.id, def.id, exec);
      state.status = "running";
      state.attempts = attempt;
      state.executionId = exec.id;
      state.error = null;
      this.emitStep(def.id, state);
      deps.emit.execution("recorded", opened(exec));

      // An open circuit fails the attempt at once, without invoking the runner; it is the agent's
      // circuit speaking, not the agent failing, so it is not reported back to the breaker.
      const admission = breaker && agent?.id ? await breaker.admit(agent.id) : null;
      skipWait = false;
      let result: InvokeResult & { refused?: boolean };
      if (!runner) result = { ok: false, error: `agent '${def.agent}' is not registered` };
      else if (admission && !admission.ok) result = { ok: false, error: admission.error, refused: true };
      else
        result = await this.invoke(deps.runners[runner.kind], {
          agent: { name: def.agent, kind: runner.kind, settings: runner.settings as JsonObject },
          input,
          timeoutMs: def.timeout_ms ?? numberOr(runner.settings.timeout_ms),
          runId: run.id,
          stepId: def.id,
          attempt,
          executionId: exec.id,
          ...(memories ? { memories } : {}),
        });
      // What the call used stays recorded whatever the checks below make of its outputs.
      const usage = result.usage;
      // Outputs that cannot be stored fail the step (and are dropped) before anything serialises
      // them: a write failing at the step's end would leave the run running for another instance.
      const unstorable = result.outputs === undefined ? null : jsonProblem(result.outputs);
      const outputBytes = unstorable ? null : this.oversize(result.outputs);
      if (unstorable)
        result = { ok: false, error: `outputs cannot be stored: ${describeProblem(unstorable).slice(0, 200)}` };
      else if (outputBytes !== null)
        result = result.ok
          ? {
              ok: false,
              error: `outputs are ${outputBytes} bytes; the limit is ${deps.jsonLimit} bytes (BATON_JSON_LIMIT)`,
            }
          : { ...result, outputs: undefined };
      const outputBreach = result.ok && agentOutput ? contractViolation(agentOutput, result.outputs ?? null) : null;
      if (result.ok && outputBreach !== null)
        result = {
          ok: false,
          error: `output breaks agent '${def.agent}''s output contract: ${outputBreach}`,
          outputs: result.outputs,
        };
      if (result.ok && contract) {
        const check = contract(result.outputs);
        if (!check.ok)
          result = {
            ok: false,
            error: `output breaks the step's contract: ${check.errors.join("; ")}`,
            outputs: result.outputs,
          };
      }
      const endedAt = new Date();
      const finished = {
        id: exec.id,
        status: result.ok ? ("success" as const) : result.cancelled ? ("cancelled" as const) : ("failure" as const),
        outputs: result.outputs,
        error: result.ok ? null : result.error,
        endedAt,
        startedAt: exec.startedAt,
        ...(usage ? { usage } : {}),
      };
      // A refused attempt is not retried: the circuit stays open until its cool-down ends, and the
      // retry policy's waits are far shorter than that as a rule.
      const retrying = !result.ok && !result.cancelled && !result.refused && attempt < maxAttempts;
      const stepStatus = result.ok ? "succeeded" : result.cancelled ? "cancelled" : retrying ? "running" : "failed";
      const outputs = result.ok ? result.outputs : undefined;
      await deps.store.finishAttempt(run.id, def.id, finished, {
        status: stepStatus,
        attempts: attempt,
        outputs,
        error: finished.error,
        executionId: exec.id,
        ...(stepStatus !== "running" ? { endedAt } : {}),
      });
      if (breaker && agent?.id && admission?.ok) {
        const outcome = result.ok ? "success" : result.cancelled ? "cancelled" : "failure";
        // Opened by this failure: the next attempt is refused at once, not after the retry's wait.
        const reported: CircuitOutcome =
          outcome === "failure" ? { kind: outcome, executionId: exec.id } : { kind: outcome };
        if ((await breaker.report(agent.id, reported, admission.trial)) === "open") skipWait = true;
      }
      state.status = stepStatus;
      state.outputs = outputs ?? null;
      state.error = finished.error;
      this.emitStep(def.id, state, outputs);
      deps.emit.execution("updated", {
        ...exec,
        status: finished.status,
        outputs: finished.outputs,
        error: finished.error,
        endedAt,
        ...(usage ? { usage } : {}),
      });
      if (result.ok) return { status: "succeeded", outputs: result.outputs, executionId: exec.id };
      if (result.cancelled) return { status: "cancelled" };
      lastError = result.error;
      if (!retrying) return { status: "failed", error: result.error, executionId: exec.id };
    }
  }

  private memoryStore(): Promise<MemoryStore> | null {
    if (this.memory === undefined) {
      const dir = memoryDirOf(this.run.definition, this.deps.memory);
      this.memory = dir === null ? null : openMemoryStore(dir);
      // Awaited where used; a bad project.yml is reported there, not as an unhandled rejection.
      this.memory?.catch(() => undefined);
    }
    return this.memory;
  }

  /** A step's `context_memories`, loaded (name → text), or why they cannot be. */
  private async loadMemories(entries: string[]): Promise<Record<string, string> | string> {
    const store = this.memoryStore();
    if (!store)
      return "the step lists context_memories, but Serena memory is off for this run: set memory: { serena: true } on the template or BATON_SERENA_DIR";
    try {
      return await (await store).load(entries.map((e) => e.replaceAll("{{run.id}}", this.run.id)));
    } catch (e) {
      return `cannot load context_memories: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /** Writes a finished step's handoff to .serena/memories/baton/handoffs/<run>/<step>.md. */
  private async recordHandoff(
    def: StepDef,
    from: ExecRef,
    state: StoredStep,
    result: Extract<StepResult, { executionId: unknown }>,
  ) {
    const store = this.memoryStore();
    if (!store) return;
    const source = [...this.states.values()].find(
      (s) => s.executionId === from.id && from.id !== this.run.rootExecutionId,
    );
    const handoff: Handoff = {
      runId: this.run.id,
      workflow: this.run.workflowName,
      stepId: def.id,
      agent: def.agent,
      from: source ? { kind: "step", stepId: source.stepId, agent: this.agentOf(source.stepId) } : { kind: "run" },
      status: result.status,
      attempts: state.attempts,
      executionId: result.executionId,
      input: this.inputs.get(def.id) ?? null,
      ...(result.status === "succeeded" ? { output: result.outputs } : { error: result.error }),
    };
    const name = handoffMemoryName(this.run.id, def.id);
    try {
      await (await store).write(name, handoffMarkdown(handoff));
    } catch (e) {
      this.deps.memory?.onError(`workflow run ${this.run.id}: handoff memory '${name}' not written`, e);
    }
  }

  private agentOf(stepId: string): string {
    return stepRoles(this.run.definition.steps).find((s) => s.id === stepId)?.agent ?? stepId;
  }

  /**
   * A resumed run: attempts the stopped server left in progress end as cancelled (announced, so
   * live timelines update), and their steps run again unless the run was cancelled meanwhile.
   */
  private async closeInterrupted() {
    const open = new Map((this.run.openExecutions ?? []).map((e) => [e.id, e]));
    const root = this.run.rootExecutionId ? open.get(this.run.rootExecutionId) : undefined;
    if (root) this.rootRecord = root;
    for (const state of this.states.values()) {
      if (state.status !== "running" || !state.executionId) continue;
      if (this.run.executionStatuses.get(state.executionId) !== "in_progress") continue;
      this.interrupted.add(state.stepId);
      const error = "interrupted: the server running this step stopped before it finished";
      const closed = {
        id: state.executionId,
        status: "cancelled" as const,
        outputs: undefined,
        error,
        endedAt: new Date(),
      };
      await this.deps.store.finishAttempt(this.run.id, state.stepId, closed, { status: "running", error });
      this.run.executionStatuses.set(state.executionId, "cancelled");
      state.error = error;
      const record: ExecutionRecord | undefined = open.get(state.executionId);
      if (record) this.deps.emit.execution("updated", { ...record, ...closed, startedAt: record.startedAt });
    }
  }

  private oversize(value: Json | undefined): number | null {
    return oversize(value, this.deps.jsonLimit);
  }

  private lastYield = performance.now();
  /**
   * Steps that finish without I/O (builtins, zero-latency mocks, SQLite writes are synchronous)
   * would otherwise hold the event loop for the whole run: requests, subscriptions and lease
   * heartbeats wait. Give the loop a turn every few milliseconds.
   */
  private async yieldNow() {
    if (performance.now() - this.lastYield < 5) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.lastYield = performance.now();
  }

  /** Invokes a runner with the step's timeout; a shutdown halts the run once it returns. */
  private async invoke(runner: Runner, inv: Invocation): Promise<InvokeResult> {
    const result = await invokeRunner(runner, inv, this.signal);
    this.haltIfStopping();
    return result;
  }

  private agent(name: string): Promise<AgentRuntime | null> {
    let found = this.agentCache.get(name);
    if (!found) {
      found = this.deps.agents(name);
      this.agentCache.set(name, found);
    }
    return found;
  }

  private newExecution(
    agentName: string,
    agentId: string | null,
    parent: string | null,
    depth: number,
    inputs: Json,
    attempt: number,
    stepId: string | null,
  ): NewExecution {
    const id = this.deps.newId();
    return {
      id,
      agentName,
      agentId,
      workflowId: this.run.workflowId,
      workflowRunId: this.run.id,
      parentExecutionId: parent,
      rootId: this.run.rootExecutionId ?? (parent ? "" : id),
      depth,
      inputs,
      attempt,
      workflowStepId: stepId,
      startedAt: new Date(),
    };
  }

  /** Ends a step without (another) attempt: cancelled, or failed before its agent could run. */
  private async endStep(stepId: string, state: StoredStep, change: { status: "cancelled" | "failed"; error?: string }) {
    await this.deps.store.setSteps(this.run.id, [stepId], { ...change, endedAt: new Date() });
    state.status = change.status;
    if (change.error !== undefined) state.error = change.error;
    this.emitStep(stepId, state);
  }

  /** The run's result: the last top-level node's outputs (a group's by step id). */
  private nodeOutputs(node: NodeDef): Json {
    if (isStep(node)) return this.outputs[node.id]?.output ?? null;
    if ("hierarchical" in node) return this.outputs[node.hierarchical.aggregate.id]?.output ?? null;
    const out: JsonObject = {};
    for (const id of stepIdsOf(node)) out[id] = this.outputs[id]?.output ?? null;
    return out;
  }

  private haltIfStopping() {
    if (this.signal.aborted && (this.signal.reason as AbortReason) === "shutdown") throw new Halt("shutdown");
  }

  private emitRun(status: RunStatus, error: string | null = null, failedStepId: string | null = null) {
    this.deps.emit.run({
      kind: "run",
      runId: this.run.id,
      workflowId: this.run.workflowId,
      status,
      error,
      failedStepId,
      at: new Date(),
    });
  }

  private emitStep(stepId: string, s: StoredStep, outputs?: Json) {
    this.deps.emit.run({
      kind: "step",
      runId: this.run.id,
      workflowId: this.run.workflowId,
      stepId,
      status: s.status,
      attempts: s.attempts,
      error: s.error,
      executionId: s.executionId,
      outputs,
      at: new Date(),
    });
  }
}
