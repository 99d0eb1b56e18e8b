// The engine's RunStore over Baton's database. Step changes are on the engine's hot path (a
// 1,000-step run writes 2,000 changes), so they are set-based SQL through the SQL port (a cached
// prepared statement each on SQLite), and the changes a run makes in the same tick share one
// transaction (a parallel group's 100 branches starting at once: one commit, not 100); loading a run happens once per (re)start and uses
// Prisma. A step's state and its execution always change in the same transaction.
import type { Database } from "../../db.js";
import {
  type ExecutionRecord,
  type FinishedExecution,
  type NewExecution,
  type RunChange,
  RunLostError,
  type RunStore,
  type StepChange,
  type StoredRun,
} from "../../engine/ports.js";
import type { Json, JsonObject, RunStatus, StepStatus, TemplateDefinition } from "../../engine/types.js";
import { join, jsonParam, raw, type Sql, sql, timeParam } from "../../sql.js";
import { EXECUTION_COLUMNS } from "../execution/execution.service.js";
import { notionOutboxStatements, notionQueued } from "../../integrations/notion/outbox.js";

/** A fenced write waiting for its run's next transaction. */
interface FencedWrite {
  statements: Sql[];
  executionIds: string[];
  resolve(): void;
  reject(e: unknown): void;
}

/** Runs an instance holds a lease on: running ones, ones being rolled back, ones waiting for their rollback. */
const LEASED = sql`("status" IN ('pending', 'running', 'rolling_back') OR ("status" = 'failed' AND "rollbackPending"))`;

/**
 * `ownerId` fences every write of a run: it happens only while this instance still owns the run,
 * so an instance that stalled past its lease cannot overwrite the work of the instance that took
 * the run over (its write throws RunLostError and it stops).
 */
export function createRunStore(db: Database, ownerId: string): RunStore {
  const pg = db.provider === "postgresql";
  const time = (d: Date | null | undefined) => timeParam(db.provider, d);
  const json = (v: Json | undefined) => jsonParam(db.provider, v);
  const col = (name: string) => raw(`"${name}"`);
  const assignments = (pairs: [string, Sql][]) =>
    join(
      pairs.map(([c, v]) => sql`${col(c)} = ${v}`),
      ", ",
    );

  function insertExecution(e: NewExecution): Sql {
    const now = new Date();
    const values: Record<(typeof EXECUTION_COLUMNS)[number], Sql> = {
      id: sql`${e.id}`,
      agentName: sql`${e.agentName}`,
      agentId: sql`${e.agentId}`,
      status: sql`${"in_progress"}`,
      timestamp: time(e.startedAt),
      endedAt: sql`NULL`,
      durationMs: sql`NULL`,
      inputs: json(e.inputs),
      outputs: sql`NULL`,
      error: sql`NULL`,
      parentExecutionId: sql`${e.parentExecutionId}`,
      rootId: sql`${e.rootId}`,
      depth: sql`${e.depth}`,
      workflowId: sql`${e.workflowId}`,
      workflowRunId: sql`${e.workflowRunId}`,
      workflowStepId: sql`${e.workflowStepId}`,
      attempt: sql`${e.attempt}`,
      model: sql`NULL`,
      inputTokens: sql`NULL`,
      outputTokens: sql`NULL`,
      costUsd: sql`NULL`,
      createdAt: time(now),
      updatedAt: time(now),
    };
    return sql`INSERT INTO "Execution" (${raw(EXECUTION_COLUMNS.map((c) => `"${c}"`).join(", "))})
      VALUES (${join(EXECUTION_COLUMNS.map((c) => values[c]))})`;
  }

  async function finishExecution(e: FinishedExecution): Promise<Sql> {
    let started = e.startedAt;
    if (!started) {
      const [row] = await db.sql.all<{ timestamp: unknown }>(
        sql`SELECT "timestamp" FROM "Execution" WHERE "id" = ${e.id}`,
      );
      started = row ? new Date(row.timestamp as string | Date) : e.endedAt;
    }
    const pairs: [string, Sql][] = [
      ["status", sql`${e.status}`],
      ["endedAt", time(e.endedAt)],
      ["durationMs", sql`${Math.max(0, e.endedAt.getTime() - started.getTime())}`],
      ["error", sql`${e.error}`],
      ["updatedAt", time(e.endedAt)],
    ];
    if (e.outputs !== undefined) pairs.push(["outputs", json(e.outputs)]);
    if (e.usage)
      pairs.push(
        ["model", sql`${e.usage.model}`],
        ["inputTokens", sql`${e.usage.inputTokens}`],
        ["outputTokens", sql`${e.usage.outputTokens}`],
        ["costUsd", sql`${e.usage.costUsd}`],
      );
    return sql`UPDATE "Execution" SET ${assignments(pairs)} WHERE "id" = ${e.id}`;
  }

  function updateSteps(runId: string, stepIds: string[], c: StepChange): Sql {
    const pairs: [string, Sql][] = [
      ["status", sql`${c.status}`],
      ["updatedAt", time(new Date())],
    ];
    if (c.attempts !== undefined) pairs.push(["attempts", sql`${c.attempts}`]);
    if (c.outputs !== undefined) pairs.push(["outputs", json(c.outputs)]);
    if (c.error !== undefined) pairs.push(["error", sql`${c.error}`]);
    if (c.executionId !== undefined) pairs.push(["executionId", sql`${c.executionId}`]);
    if (c.startedAt) pairs.push(["startedAt", sql`COALESCE("startedAt", ${time(c.startedAt)})`]);
    if (c.endedAt) pairs.push(["endedAt", time(c.endedAt)]);
    return sql`UPDATE "WorkflowStepRun" SET ${assignments(pairs)}
      WHERE "runId" = ${runId} AND "stepId" IN (${join(stepIds)})`;
  }

  function updateRun(runId: string, c: RunChange): Sql {
    const pairs: [string, Sql][] = [["updatedAt", time(new Date())]];
    if (c.status) pairs.push(["status", sql`${c.status}`]);
    if (c.error !== undefined) pairs.push(["error", sql`${c.error}`]);
    if (c.failedStepId !== undefined) pairs.push(["failedStepId", sql`${c.failedStepId}`]);
    if (c.outputs !== undefined) pairs.push(["outputs", json(c.outputs)]);
    if (c.rootExecutionId) pairs.push(["rootExecutionId", sql`${c.rootExecutionId}`]);
    if (c.startedAt) pairs.push(["startedAt", sql`COALESCE("startedAt", ${time(c.startedAt)})`]);
    if (c.endedAt) pairs.push(["endedAt", time(c.endedAt)]);
    if (c.rollbackPending !== undefined)
      pairs.push([
        "rollbackPending",
        raw(pg ? String(c.rollbackPending).toUpperCase() : c.rollbackPending ? "1" : "0"),
      ]);
    return sql`UPDATE "WorkflowRun" SET ${assignments(pairs)} WHERE "id" = ${runId}`;
  }

  // The guard reads the run's owner and, on PostgreSQL, holds a share lock on its row until the
  // write commits: a takeover (an UPDATE of that row) waits for it, while the run's parallel steps
  // do not wait for each other. SQLite runs one write transaction at a time anyway.
  const guardLock = raw(pg ? " FOR SHARE" : "");
  /** One fenced transaction: the writes of `items`, in order, while this instance owns the run. */
  async function write(runId: string, items: FencedWrite[]) {
    const guard = sql`SELECT 1 AS "owned" FROM "WorkflowRun" WHERE "id" = ${runId} AND "ownerId" = ${ownerId}${guardLock}`;
    // The executions' Notion outbox rows commit with their change (none when Notion is off).
    const outbox = notionOutboxStatements(
      db,
      items.flatMap((i) => i.executionIds),
    );
    if (!(await db.sql.writeIf(guard, [...items.flatMap((i) => i.statements), ...outbox])))
      throw new RunLostError(runId);
    if (outbox.length) notionQueued(db);
  }

  // Issue 15 §6: the writes a run makes together (a parallel group's branches starting or
  // finishing in the same turn of the microtask queue) commit as one transaction, in the order they
  // were made, instead of one transaction (guard, statements, commit) each. The batch is flushed by
  // a microtask, not a later tick: a write waits for no timer or I/O phase (a sequential run was
  // slower with setImmediate while timers were active). Each caller still waits for its own write. If
  // the batch fails for a reason other than losing the run (one branch's statement refused), it
  // rolled back whole, and each write is made again alone, so only the caller whose write fails
  // sees an error, as without batching.
  const pending = new Map<string, FencedWrite[]>();
  async function flush(runId: string) {
    const items = pending.get(runId) ?? [];
    pending.delete(runId);
    try {
      await write(runId, items);
      for (const i of items) i.resolve();
    } catch (e) {
      if (items.length === 1 || e instanceof RunLostError) {
        for (const i of items) i.reject(e);
        return;
      }
      for (const i of items) await write(runId, [i]).then(i.resolve, i.reject);
    }
  }
  function fenced(runId: string, statements: Sql[], executionIds: string[] = []) {
    return new Promise<void>((resolve, reject) => {
      let queue = pending.get(runId);
      if (!queue) {
        queue = [];
        pending.set(runId, queue);
        queueMicrotask(() => void flush(runId));
      }
      queue.push({ statements, executionIds, resolve, reject });
    });
  }

  return {
    async load(runId) {
      const run = await db.prisma.workflowRun.findUnique({
        where: { id: runId },
        include: { steps: { orderBy: { position: "asc" } } },
      });
      if (!run) return null;
      const executions = await db.prisma.execution.findMany({
        where: { workflowRunId: runId },
        select: { id: true, depth: true, status: true },
      });
      const open = await db.prisma.execution.findMany({ where: { workflowRunId: runId, status: "in_progress" } });
      return {
        id: run.id,
        workflowId: run.workflowId,
        workflowName: run.workflowName,
        definition: run.definition as unknown as TemplateDefinition,
        params: (run.params ?? {}) as JsonObject,
        status: run.status as RunStatus,
        rootExecutionId: run.rootExecutionId,
        cancelRequested: run.cancelRequested,
        rollbackPending: run.rollbackPending,
        steps: run.steps.map((s) => ({
          stepId: s.stepId,
          status: s.status as StepStatus,
          attempts: s.attempts,
          attemptBase: s.attemptBase,
          outputs: (s.outputs ?? null) as Json,
          error: s.error,
          executionId: s.executionId,
        })),
        executionDepths: new Map(executions.map((e) => [e.id, e.depth])),
        executionStatuses: new Map(executions.map((e) => [e.id, e.status])),
        openExecutions: open.map(
          (e): ExecutionRecord => ({
            id: e.id,
            agentName: e.agentName,
            agentId: e.agentId,
            workflowId: e.workflowId,
            workflowRunId: runId,
            parentExecutionId: e.parentExecutionId,
            rootId: e.rootId,
            depth: e.depth,
            inputs: (e.inputs ?? null) as Json,
            attempt: e.attempt,
            workflowStepId: e.workflowStepId,
            startedAt: e.timestamp,
            status: "in_progress",
            outputs: undefined,
            error: null,
            endedAt: null,
          }),
        ),
      } satisfies StoredRun;
    },
    async startAttempt(runId, stepId, execution) {
      await fenced(
        runId,
        [
          insertExecution(execution),
          updateSteps(runId, [stepId], {
            status: "running",
            attempts: execution.attempt,
            executionId: execution.id,
            error: null,
            startedAt: execution.startedAt,
          }),
        ],
        [execution.id],
      );
    },
    async finishAttempt(runId, stepId, execution, step) {
      await fenced(runId, [await finishExecution(execution), updateSteps(runId, [stepId], step)], [execution.id]);
    },
    async setSteps(runId, stepIds, change) {
      if (stepIds.length) await fenced(runId, [updateSteps(runId, stepIds, change)]);
    },
    async startRun(runId, root, change) {
      await fenced(runId, [...(root ? [insertExecution(root)] : []), updateRun(runId, change)], root ? [root.id] : []);
    },
    async finishRun(runId, change, root) {
      await fenced(
        runId,
        [...(root ? [await finishExecution(root)] : []), updateRun(runId, change)],
        root ? [root.id] : [],
      );
    },
    async claimOrphans(claimant, staleBefore, now) {
      const rows = await db.sql.all<{ id: string }>(sql`
        UPDATE "WorkflowRun" SET "ownerId" = ${claimant}, "heartbeatAt" = ${time(now)},
          "resumeCount" = "resumeCount" + 1, "updatedAt" = ${time(now)}
        WHERE ${LEASED} AND ("heartbeatAt" IS NULL OR "heartbeatAt" < ${time(staleBefore)})
        RETURNING "id"`);
      return rows.map((r) => r.id);
    },
    async heartbeat(owner, runIds, now) {
      if (runIds.length === 0) return [];
      await db.sql.write([
        sql`UPDATE "WorkflowRun" SET "heartbeatAt" = ${time(now)}
          WHERE "ownerId" = ${owner} AND "id" IN (${join(runIds)}) AND ${LEASED}`,
      ]);
      const rows = await db.sql.all<{ id: string }>(sql`
        SELECT "id" FROM "WorkflowRun" WHERE "id" IN (${join(runIds)}) AND "cancelRequested" = ${raw(pg ? "TRUE" : "1")}`);
      return rows.map((r) => r.id);
    },
    async release(owner) {
      await db.sql.write([sql`UPDATE "WorkflowRun" SET "heartbeatAt" = NULL WHERE "ownerId" = ${owner} AND ${LEASED}`]);
    },
  };
}
