// The circuit breaker per agent, through a real server: it opens after exactly `failure_threshold`
// failed executions in a row (workflow steps and recorded executions alike; cancelled ones do not
// count, a success resets the count), then steps fail at once without invoking the runner (a
// `command` agent appends a line to a file at every invocation: its line count is the number of
// calls), half-open admits exactly one trial, which closes or re-opens it, the state outlives the
// server, and it can be reset or opened by hand.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCircuitBreaker } from "../../server/modules/agent/circuit.store.js";
import type { AgentHealthChange } from "../../server/graphql/pubsub.js";
import { start } from "../../server/main.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { type RestClient, rest } from "../testkit/rest.js";
import { createTestDatabase } from "../testkit/server.js";
import {
  attemptsOf,
  createWorkflow,
  pollUntil,
  registerNodeScriptAgent,
  type RestWorkflowRun,
  startRun,
  waitForRun,
} from "../testkit/workflows.js";

interface RestCircuit {
  state: "closed" | "open" | "half_open";
  consecutive_failures: number;
  opened_at: string | null;
  retry_after: string | null;
}

/**
 * Reads its mode from a file at each call: `fail` (exit 1), `ok` ({} on stdout) or `slow` (ok once
 * the test releases it); appends a line to the log file first, so the log counts the calls.
 */
const SCRIPT = `
  const fs = require("node:fs");
  const [log, modeFile] = process.argv.slice(1);
  fs.appendFileSync(log, "call\\n");
  const mode = fs.readFileSync(modeFile, "utf8").trim();
  if (mode === "fail") { console.error("boom"); process.exit(1); }
  if (mode !== "slow") console.log("{}");
  // slow: answers once the test writes <modeFile>.release (so others arrive while it runs).
  else { const t = setInterval(() => { if (fs.existsSync(modeFile + ".release")) { clearInterval(t); console.log("{}"); } }, 20); }`;

interface Probe {
  name: string;
  workflowId: string;
  calls(): number;
  mode(m: "fail" | "ok" | "slow"): void;
  /** Lets a `slow` call answer. */
  release(): void;
}

/** A command agent with the given breaker and retries, a one-step template over it, its files. */
async function probe(
  api: RestClient,
  breaker: { failure_threshold: number; cooldown_ms: number },
  maxRetries = 0,
): Promise<Probe> {
  const dir = mkdtempSync(join(tmpdir(), "baton-circuit-"));
  const log = join(dir, "calls.log");
  const modeFile = join(dir, "mode");
  writeFileSync(log, "");
  writeFileSync(modeFile, "fail");
  const name = await registerNodeScriptAgent(
    api,
    SCRIPT,
    { args: [log, modeFile] },
    { retry: { max_retries: maxRetries } },
  );
  const patched = await api.patch(`/agents/${name}`, { circuit_breaker: breaker });
  expect(patched.status).toBe(200);
  const wf = await createWorkflow(api, { steps: [{ id: "call", agent: name }] });
  return {
    name,
    workflowId: wf.id,
    calls: () => readFileSync(log, "utf8").split("\n").filter(Boolean).length,
    mode: (m) => writeFileSync(modeFile, m),
    release: () => writeFileSync(`${modeFile}.release`, ""),
  };
}

async function circuitOf(api: RestClient, name: string): Promise<RestCircuit> {
  const res = await api.get<{ circuit: RestCircuit }>(`/agents/${name}`);
  expect(res.status).toBe(200);
  return res.body.circuit;
}

async function run(api: RestClient, p: Probe): Promise<RestWorkflowRun> {
  return waitForRun(api, (await startRun(api, p.workflowId)).id);
}

const plus = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms).toISOString();
const openMessage = (name: string, c: RestCircuit) =>
  `circuit open for ${name} since ${c.opened_at}, retry after ${c.retry_after}`;

async function untilHalfOpen(api: RestClient, name: string) {
  await pollUntil(
    () => circuitOf(api, name),
    (c) => c.state === "half_open",
    `${name} half-open`,
    10_000,
  );
}

describe("the circuit breaker of an agent", () => {
  test("opens at exactly failure_threshold failed steps, then fails steps without invoking the agent", async ({
    api,
  }) => {
    const p = await probe(api, { failure_threshold: 3, cooldown_ms: 60_000 });
    for (const n of [1, 2]) {
      expect((await run(api, p)).status).toBe("failed");
      expect(await circuitOf(api, p.name)).toEqual({
        state: "closed",
        consecutive_failures: n,
        opened_at: null,
        retry_after: null,
      });
    }
    const third = await run(api, p);
    expect(third.error).toBe("step 'call' failed: exited with code 1: boom");
    const open = await circuitOf(api, p.name);
    expect([open.state, open.consecutive_failures]).toEqual(["open", 3]);
    expect(open.retry_after).toBe(plus(open.opened_at as string, 60_000));
    expect(p.calls()).toBe(3);

    // While open: the step fails at once, its execution recorded as failed with the reason.
    p.mode("ok");
    for (let i = 0; i < 5; i++) {
      const refused = await run(api, p);
      expect([refused.status, refused.error]).toEqual(["failed", `step 'call' failed: ${openMessage(p.name, open)}`]);
      expect(attemptsOf(refused, "call").map((e) => [e.status, e.error])).toEqual([
        ["failure", openMessage(p.name, open)],
      ]);
    }
    expect(p.calls()).toBe(3);
    expect(await circuitOf(api, p.name)).toEqual(open);
  });

  test("a step's retries stop at the failure that opens the circuit", async ({ api }) => {
    const p = await probe(api, { failure_threshold: 2, cooldown_ms: 60_000 }, 5);
    const done = await run(api, p);
    const open = await circuitOf(api, p.name);
    expect(open.state).toBe("open");
    // Two invocations fail and open the circuit; the third attempt is refused, and no more follow.
    expect(attemptsOf(done, "call").map((e) => [e.attempt, e.error])).toEqual([
      [1, "exited with code 1: boom"],
      [2, "exited with code 1: boom"],
      [3, openMessage(p.name, open)],
    ]);
    expect(p.calls()).toBe(2);
  });

  test("half-open admits exactly one trial; its success closes the circuit", async ({ api }) => {
    const p = await probe(api, { failure_threshold: 1, cooldown_ms: 300 });
    await run(api, p);
    expect((await circuitOf(api, p.name)).state).toBe("open");
    expect(p.calls()).toBe(1);
    await untilHalfOpen(api, p.name);
    p.mode("slow"); // the trial answers only when released: the other callers arrive while it runs
    const first = await startRun(api, p.workflowId);
    await pollUntil(
      () => Promise.resolve(p.calls()),
      (n) => n === 2,
      "the trial call starting",
    );
    const others = await Promise.all([startRun(api, p.workflowId), startRun(api, p.workflowId)]);
    const refused = await Promise.all(others.map((r) => waitForRun(api, r.id)));
    p.release();
    const trial = await waitForRun(api, first.id);
    expect(trial?.status).toBe("succeeded");
    for (const r of refused) {
      expect(r.status).toBe("failed");
      expect(r.error).toMatch(
        new RegExp(`^step 'call' failed: circuit half-open for ${p.name} since .*: a trial call is in progress`),
      );
    }
    expect(p.calls()).toBe(2);
    expect(await circuitOf(api, p.name)).toEqual({
      state: "closed",
      consecutive_failures: 0,
      opened_at: null,
      retry_after: null,
    });
    p.mode("ok");
    expect((await run(api, p)).status).toBe("succeeded");
    expect(p.calls()).toBe(3);
  });

  test("a failed trial opens the circuit again for another cool-down", async ({ api }) => {
    const p = await probe(api, { failure_threshold: 1, cooldown_ms: 300 });
    await run(api, p);
    const first = await circuitOf(api, p.name);
    await untilHalfOpen(api, p.name);
    const trial = await run(api, p);
    expect(trial.error).toBe("step 'call' failed: exited with code 1: boom");
    expect(p.calls()).toBe(2);
    const again = await circuitOf(api, p.name);
    expect(again.state).toBe("open");
    expect(new Date(again.opened_at as string).getTime()).toBeGreaterThan(
      new Date(first.opened_at as string).getTime(),
    );
    expect(again.retry_after).toBe(plus(again.opened_at as string, 300));
    expect((await run(api, p)).error).toBe(`step 'call' failed: ${openMessage(p.name, again)}`);
    expect(p.calls()).toBe(2);
  });

  test("recorded executions count: failures open it, cancelled ones do not count, a success resets", async ({
    api,
  }) => {
    const p = await probe(api, { failure_threshold: 2, cooldown_ms: 60_000 });
    const record = async (status: string, extra: Record<string, unknown> = {}) => {
      const res = await api.post<{ id: string }>("/executions", {
        agent_name: p.name,
        status,
        timestamp: new Date().toISOString(),
        ...extra,
      });
      expect(res.status).toBe(201);
      return res.body.id;
    };
    const failures = async () => (await circuitOf(api, p.name)).consecutive_failures;
    await record("failure");
    expect(await failures()).toBe(1);
    await record("cancelled");
    expect(await failures()).toBe(1);
    await record("success");
    expect(await failures()).toBe(0);
    await record("failure");
    // An execution finished later (PATCH) counts when it finishes.
    const pending = await record("in_progress");
    expect(await failures()).toBe(1);
    expect((await api.patch(`/executions/${pending}`, { status: "failure" })).status).toBe(200);
    const open = await circuitOf(api, p.name);
    expect([open.state, open.consecutive_failures]).toEqual(["open", 2]);
    // A batch: two failures in a row within it open a fresh circuit.
    expect((await api.post(`/agents/${p.name}/circuit/reset`)).status).toBe(200);
    const batch = await api.post("/executions", [
      { agent_name: p.name, status: "failure", timestamp: "2026-01-01T00:00:00.000Z" },
      { agent_name: p.name, status: "failure", timestamp: "2026-01-01T00:00:01.000Z" },
    ]);
    expect(batch.status).toBe(201);
    expect((await circuitOf(api, p.name)).state).toBe("open");
    expect(p.calls()).toBe(0);
    p.mode("ok");
    expect((await run(api, p)).status).toBe("failed");
    expect(p.calls()).toBe(0);
  });

  test("is opened and reset by hand through REST", async ({ api }) => {
    const p = await probe(api, { failure_threshold: 5, cooldown_ms: 0 });
    p.mode("ok");
    const opened = await api.post<{ name: string; circuit: RestCircuit }>(`/agents/${p.name}/circuit/open`);
    expect(opened.status).toBe(200);
    expect(opened.body.circuit).toMatchObject({ state: "open", consecutive_failures: 0, retry_after: null });
    const refused = await run(api, p);
    expect(refused.error).toBe(
      `step 'call' failed: circuit open for ${p.name} since ${opened.body.circuit.opened_at}, opened by hand: reset it to use the agent`,
    );
    expect(p.calls()).toBe(0);
    const reset = await api.post<{ circuit: RestCircuit }>(`/agents/${p.name}/circuit/reset`);
    expect(reset.status).toBe(200);
    expect(reset.body.circuit).toEqual({
      state: "closed",
      consecutive_failures: 0,
      opened_at: null,
      retry_after: null,
    });
    expect((await run(api, p)).status).toBe("succeeded");
    expect(p.calls()).toBe(1);
    const missing = await api.post<{ error: { code: string } }>("/agents/NoSuchAgent/circuit/reset");
    expect(missing.status).toBe(404);
  });

  test("two reports of the same failure at the same moment write one state change", async ({ server, api }) => {
    const p = await probe(api, { failure_threshold: 2, cooldown_ms: 60_000 });
    const agentId = (await api.get<{ id: string }>(`/agents/${p.name}`)).body.id;
    const changes: AgentHealthChange[] = [];
    const breaker = createCircuitBreaker(server.db, (c) => changes.push(c));
    await breaker.report(agentId, { kind: "failure" }, false);
    changes.length = 0;
    // Two instances see the threshold's failure at once: one opens the circuit, the other finds it open.
    const [a, b] = await Promise.all([
      breaker.report(agentId, { kind: "failure" }, false),
      createCircuitBreaker(server.db, (c) => changes.push(c)).report(agentId, { kind: "failure" }, false),
    ]);
    expect([a, b]).toEqual(["open", "open"]);
    expect(changes.map((c) => [c.previousState, c.state, c.consecutiveFailures])).toEqual([["closed", "open", 2]]);
    // Two callers once the cool-down is over: exactly one is the trial.
    await server.db.prisma.agent.update({ where: { id: agentId }, data: { circuitRetryAt: new Date(Date.now() - 1) } });
    const admissions = await Promise.all([breaker.admit(agentId), breaker.admit(agentId), breaker.admit(agentId)]);
    expect(admissions.filter((x) => x.ok && x.trial)).toHaveLength(1);
    expect(admissions.filter((x) => !x.ok)).toHaveLength(2);
  });
});

describe("the circuit breaker across a restart", () => {
  test("an open circuit is still open when the server comes back", async () => {
    const database = await createTestDatabase();
    const env = {
      BATON_WORKDIR: mkdtempSync(join(tmpdir(), "baton-work-")),
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: database.url,
      LOG_LEVEL: "silent",
      NODE_ENV: "test",
      BATON_SEED: "auto",
    };
    try {
      const first = await start(env);
      let p: Probe;
      let before: RestCircuit;
      try {
        const api = rest(first.url);
        p = await probe(api, { failure_threshold: 1, cooldown_ms: 3_600_000 });
        await run(api, p);
        before = await circuitOf(api, p.name);
        expect(before.state).toBe("open");
      } finally {
        await first.stop();
      }
      const second = await start(env);
      try {
        const api = rest(second.url);
        expect(await circuitOf(api, p.name)).toEqual(before);
        p.mode("ok");
        expect((await run(api, p)).error).toBe(`step 'call' failed: ${openMessage(p.name, before)}`);
        expect(p.calls()).toBe(1);
      } finally {
        await second.stop();
      }
    } finally {
      await database.drop();
    }
  });
});
