// Issue 15 §6: the writes a run makes in one tick (a parallel group's branches starting together)
// commit as one fenced transaction; a write that fails alone fails only its own caller; a run this
// instance no longer owns refuses every write of the batch.
import type { Database } from "../../server/db.js";
import { RunLostError } from "../../server/engine/ports.js";
import { newId } from "../../server/ids.js";
import { createRunStore } from "../../server/modules/workflow-run/run-store.js";
import type { SqlPort } from "../../server/db/sql-port.js";
import { describe, expect, test } from "../testkit/fixtures.js";

const AGENT = "BatchMock";
const BRANCHES = ["b0", "b1", "b2", "b3", "b4"];

async function post(url: string, body: unknown) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { id: string };
  expect(res.status, JSON.stringify(json)).toBe(201);
  return json;
}

/** A finished run of one 5-branch parallel group, and the owner its writes are fenced with. */
async function finishedRun(base: string, db: Database) {
  const agents = await db.prisma.agent.count({ where: { name: AGENT } });
  if (agents === 0)
    await post(`${base}/agents`, {
      name: AGENT,
      description: "run-store batching test",
      capabilities: ["bench"],
      tools: ["Read"],
      coordination_patterns: ["parallel"],
      runner: { kind: "mock", settings: { latency_ms: 0 } },
    });
  const workflow = await post(`${base}/workflows`, {
    name: `batch-${newId()}`,
    steps: [{ parallel: BRANCHES.map((id) => ({ id, agent: AGENT })) }],
  });
  const run = await post(`${base}/workflows/${workflow.id}/execute`, {});
  for (let i = 0; i < 200; i++) {
    const row = await db.prisma.workflowRun.findUniqueOrThrow({ where: { id: run.id } });
    if (row.status === "succeeded") {
      const agent = await db.prisma.agent.findUniqueOrThrow({ where: { name: AGENT } });
      return { runId: run.id, ownerId: row.ownerId ?? "", root: row.rootExecutionId ?? "", agentId: agent.id };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${run.id} did not succeed`);
}

/** The server's database with its fenced transactions counted (the statements each one ran). */
function counting(db: Database) {
  const transactions: number[] = [];
  const sql: SqlPort = {
    ...db.sql,
    writeIf: (guard, statements) => {
      transactions.push(statements.length);
      return db.sql.writeIf(guard, statements);
    },
  };
  return { db: { ...db, sql }, transactions };
}

const attempt = (run: Awaited<ReturnType<typeof finishedRun>>, stepId: string, id = newId()) => ({
  id,
  agentName: AGENT,
  agentId: run.agentId,
  workflowId: null,
  workflowRunId: run.runId,
  parentExecutionId: run.root,
  rootId: run.root,
  depth: 1,
  inputs: { stepId },
  attempt: 2,
  workflowStepId: stepId,
  startedAt: new Date(),
});

describe("the run store's fenced writes", () => {
  test("the attempts a parallel group starts in one tick commit in one transaction", async ({ server }) => {
    const run = await finishedRun(server.url, server.db);
    const { db, transactions } = counting(server.db);
    const store = createRunStore(db, run.ownerId);
    const started = BRANCHES.map((b) => attempt(run, b));
    await Promise.all(started.map((e) => store.startAttempt(run.runId, e.workflowStepId, e)));
    // One transaction: each start is its execution's insert and its step's update (no Notion here).
    expect(transactions).toEqual([10]);
    const rows = await server.db.prisma.execution.findMany({
      where: { id: { in: started.map((e) => e.id) } },
      select: { id: true, status: true, attempt: true },
    });
    expect(rows.map((r) => [r.id, r.status, r.attempt]).sort()).toEqual(
      started.map((e) => [e.id, "in_progress", 2]).sort(),
    );
    const steps = await server.db.prisma.workflowStepRun.findMany({
      where: { runId: run.runId },
      select: { stepId: true, status: true, executionId: true },
    });
    expect(steps.map((s) => [s.stepId, s.status, s.executionId]).sort()).toEqual(
      started.map((e) => [e.workflowStepId, "running", e.id]).sort(),
    );
    // Writes made a tick apart are transactions of their own.
    const later = attempt(run, "b0");
    await store.startAttempt(run.runId, "b0", later);
    expect(transactions).toEqual([10, 2]);
  });

  test("a write that fails alone fails only its caller; the others commit", async ({ server }) => {
    const run = await finishedRun(server.url, server.db);
    const { db, transactions } = counting(server.db);
    const store = createRunStore(db, run.ownerId);
    // b1's execution id is taken (the run's root): its insert is refused.
    const writes = [attempt(run, "b0"), attempt(run, "b1", run.root), attempt(run, "b2")];
    const results = await Promise.allSettled(writes.map((e) => store.startAttempt(run.runId, e.workflowStepId, e)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    // The batch, rolled back, then each write alone.
    expect(transactions).toEqual([6, 2, 2, 2]);
    const kept = await server.db.prisma.execution.findMany({
      where: { id: { in: [writes[0]?.id ?? "", writes[2]?.id ?? ""] } },
      select: { id: true },
    });
    expect(kept).toHaveLength(2);
    const b1 = await server.db.prisma.workflowStepRun.findFirstOrThrow({ where: { runId: run.runId, stepId: "b1" } });
    expect(b1.status).toBe("succeeded");
  });

  test("refusal: a run another instance owns refuses every write of the batch and nothing is written", async ({
    server,
  }) => {
    const run = await finishedRun(server.url, server.db);
    const { db, transactions } = counting(server.db);
    const store = createRunStore(db, "some-other-instance");
    const writes = BRANCHES.map((b) => attempt(run, b));
    const results = await Promise.allSettled(writes.map((e) => store.startAttempt(run.runId, e.workflowStepId, e)));
    expect(results.map((r) => r.status === "rejected" && r.reason instanceof RunLostError)).toEqual(
      BRANCHES.map(() => true),
    );
    expect(transactions).toEqual([10]);
    expect(await server.db.prisma.execution.count({ where: { id: { in: writes.map((e) => e.id) } } })).toBe(0);
  });
});
