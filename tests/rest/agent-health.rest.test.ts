// Issue 11 §2: an agent's health (`GET /agents/{id}/health`, GraphQL `agentHealth` and
// `Agent.health`) — circuit, success rate and p95 duration over the last hour and day, last
// failure — checked against figures computed here from executions recorded with chosen timestamps
// and durations; and `GET /health` with every agent's circuit state.
import type { Database } from "../../server/db.js";
import { createHealthHandler } from "../../server/health.js";
import { uniqueExecutionId } from "../testkit/executions.js";
import { uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { gqlResult } from "../testkit/graphql.js";

type Status = "success" | "failure" | "cancelled";
interface Rec {
  id: string;
  agent_name: string;
  status: Status;
  timestamp: string;
  duration_ms: number;
  error?: string;
}

const MIN = 60_000;
const HOUR = 60 * MIN;

/** Nearest-rank percentile, as documented: the ⌈p·n⌉-th smallest. */
function p95(durations: number[]): number | null {
  if (durations.length === 0) return null;
  const sorted = [...durations].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1] as number;
}

function expectedWindow(recs: Rec[], agent: string, sinceMs: number) {
  const inside = recs.filter((r) => r.agent_name === agent && new Date(r.timestamp).getTime() >= sinceMs);
  const successes = inside.filter((r) => r.status === "success").length;
  const failures = inside.filter((r) => r.status === "failure").length;
  return {
    total: inside.length,
    successes,
    failures,
    success_rate: successes + failures > 0 ? successes / (successes + failures) : null,
    p95_duration_ms: p95(inside.map((r) => r.duration_ms)),
  };
}

/**
 * Executions of `agent` relative to `now`, never three failures in a row until the last two (the
 * breaker's threshold is 3): 2 older than a day, 10 in the day only, 18 in the hour (one
 * cancelled), then failures at −3 and −2 min; `last` is the failure at −1 min (recorded alone).
 */
function plan(agent: string, other: string, now: number) {
  const at = (ago: number) => new Date(now - ago).toISOString();
  const rec = (status: Status, ago: number, duration: number, error?: string): Rec => ({
    id: uniqueExecutionId("hl"),
    agent_name: agent,
    status,
    timestamp: at(ago),
    duration_ms: duration,
    ...(error ? { error } : {}),
  });
  const recs: Rec[] = [rec("failure", 30 * HOUR, 5, "old"), rec("success", 29 * HOUR, 7)];
  for (let i = 0; i < 10; i++)
    recs.push(rec(i % 2 === 1 && i < 8 ? "failure" : "success", (11 - i) * HOUR, 1000 + ((i * 373) % 900), "day"));
  for (let i = 0; i < 17; i++) recs.push(rec("success", (50 - i) * MIN, 10 + ((i * 37) % 500)));
  recs.push(rec("cancelled", 33 * MIN, 9999));
  recs.push(rec("failure", 3 * MIN, 50, "boom 1"), rec("failure", 2 * MIN, 60, "boom 2"));
  // Another agent's executions in the same windows are not this agent's.
  recs.push({ ...rec("failure", 5 * MIN, 77777, "other"), agent_name: other });
  const last = rec("failure", 1 * MIN, 70, "boom 3");
  return { recs, last };
}

describe("an agent's health", () => {
  test("REST and GraphQL: circuit, hour and day figures, last failure — exact", async ({ api, server }) => {
    const name = uniqueName("Health");
    const other = uniqueName("Other");
    for (const n of [name, other])
      expect(
        (await api.post("/agents", { name: n, circuit_breaker: { failure_threshold: 3, cooldown_ms: 600_000 } }))
          .status,
      ).toBe(201);
    const now = Date.now();
    const { recs, last } = plan(name, other, now);
    expect((await api.post("/executions", recs)).status).toBe(201);

    const before = await api.get<Record<string, unknown>>(`/agents/${name}/health`);
    expect(before.status).toBe(200);
    expect(before.body.circuit).toEqual({
      state: "closed",
      consecutive_failures: 2,
      opened_at: null,
      retry_after: null,
    });

    expect((await api.post("/executions", last)).status).toBe(201);
    const all = [...recs, last];
    const res = await api.get<{
      agent_id: string;
      name: string;
      circuit: { state: string; consecutive_failures: number; opened_at: string; retry_after: string };
      last_hour: Record<string, unknown>;
      last_day: Record<string, unknown>;
      last_failure: unknown;
      open_alerts: { kind: string; state: string; agent_name: string }[];
    }>(`/agents/${name}/health`);
    expect(res.status).toBe(200);
    const { open_alerts: openAlerts, ...b } = res.body;
    // The circuit that opened raised its alert (docs/alerts.md), listed in full with the health.
    expect(openAlerts).toContainEqual(
      expect.objectContaining({ kind: "circuit_open", state: "open", agent_name: name }),
    );
    // The windows end when the server computed them: at least after the last record was posted.
    const until = new Date(b.last_hour.until as string).getTime();
    expect(until).toBeGreaterThanOrEqual(now);
    expect(b).toEqual({
      agent_id: expect.any(String),
      name,
      circuit: {
        state: "open",
        consecutive_failures: 3,
        opened_at: expect.any(String),
        retry_after: expect.any(String),
      },
      last_hour: {
        since: new Date(until - HOUR).toISOString(),
        until: b.last_hour.until,
        ...expectedWindow(all, name, until - HOUR),
      },
      last_day: {
        since: new Date(until - 24 * HOUR).toISOString(),
        until: b.last_hour.until,
        ...expectedWindow(all, name, until - 24 * HOUR),
      },
      last_failure: { execution_id: last.id, at: last.timestamp, error: "boom 3" },
    });
    expect(new Date(b.circuit.retry_after).getTime() - new Date(b.circuit.opened_at).getTime()).toBe(600_000);
    // The figures, spelled out (so a wrong helper above cannot hide a wrong answer).
    expect([b.last_hour.total, b.last_hour.successes, b.last_hour.failures]).toEqual([21, 17, 3]);
    expect([b.last_day.total, b.last_day.successes, b.last_day.failures]).toEqual([31, 23, 7]);
    // Hour: 21 durations, nearest rank ⌈0.95 × 21⌉ = 20th: the largest but the cancelled one's 9999.
    const hourSuccesses = Array.from({ length: 17 }, (_, i) => 10 + ((i * 37) % 500));
    expect(b.last_hour.p95_duration_ms).toBe(Math.max(...hourSuccesses, 70));

    // GraphQL: the query field and the field on Agent agree with REST.
    const fields = `agentId name circuit { state consecutiveFailures retryAfter }
      lastHour { total successes failures successRate p95DurationMs }
      lastDay { total successes failures successRate p95DurationMs }
      lastFailure { executionId at error }`;
    const g = await gqlResult<{ agentHealth: Record<string, unknown>; agent: { health: Record<string, unknown> } }>(
      server.url,
      `query Health($id: ID!) { agentHealth(id: $id) { ${fields} } agent(id: $id) { health { ${fields} } } }`,
      { id: name },
    );
    expect(g.errors).toBeUndefined();
    const gqlWindow = (w: Record<string, unknown>) => ({
      total: w.total,
      successes: w.successes,
      failures: w.failures,
      successRate: w.success_rate,
      p95DurationMs: w.p95_duration_ms,
    });
    const want = {
      agentId: b.agent_id,
      name,
      circuit: { state: "OPEN", consecutiveFailures: 3, retryAfter: b.circuit.retry_after },
      lastHour: gqlWindow(b.last_hour),
      lastDay: gqlWindow(b.last_day),
      lastFailure: { executionId: last.id, at: last.timestamp, error: "boom 3" },
    };
    expect(g.data?.agentHealth).toEqual(want);
    expect(g.data?.agent.health).toEqual(want);

    // GET /health: the open circuit is reported, and the server stays healthy (200).
    const health = await fetch(`${server.url}/health`);
    const hb = (await health.json()) as {
      status: string;
      circuits: { open: number; not_closed: { name: string }[] };
    };
    expect(health.status).toBe(200);
    expect(hb).toMatchObject({ status: "ok", database: "ok", engine: "running", pubsub: "connected" });
    expect(hb.circuits.not_closed.find((a) => a.name === name)).toEqual({
      name,
      state: "open",
      consecutive_failures: 3,
      retry_after: b.circuit.retry_after,
    });
    expect(hb.circuits.not_closed.find((a) => a.name === other)).toBeUndefined();

    // Reset closes it: GET /health lists it no more.
    expect((await api.post(`/agents/${name}/circuit/reset`, {})).status).toBe(200);
    const after = (await (await fetch(`${server.url}/health`)).json()) as typeof hb;
    expect(after.circuits.not_closed.find((a) => a.name === name)).toBeUndefined();
    // …and resolves the circuit's alert: it is no longer among the open ones.
    const healed = await api.get<{ open_alerts: { kind: string }[] }>(`/agents/${name}/health`);
    expect(healed.body.open_alerts.filter((a) => a.kind === "circuit_open")).toEqual([]);
  });

  test("an agent with no executions: zeros, nulls; unknown agent 404", async ({ api }) => {
    const name = uniqueName("Quiet");
    expect((await api.post("/agents", { name })).status).toBe(201);
    const res = await api.get<Record<string, Record<string, unknown> | null>>(`/agents/${name}/health`);
    expect(res.status).toBe(200);
    const empty = { total: 0, successes: 0, failures: 0, success_rate: null, p95_duration_ms: null };
    expect(res.body.last_hour).toMatchObject(empty);
    expect(res.body.last_day).toMatchObject(empty);
    expect(res.body.last_failure).toBeNull();
    expect(res.body.circuit).toEqual({ state: "closed", consecutive_failures: 0, opened_at: null, retry_after: null });
    const missing = await api.get<{ error: { code: string } }>("/agents/NoSuchAgent/health");
    expect([missing.status, missing.body.error.code]).toEqual([404, "NOT_FOUND"]);
  });
});

describe("GET /health's answer by the server's own state", () => {
  /** The probe's status and body with a database answering no agents, and the given engine and pub/sub. */
  async function probe(running: boolean, connected: boolean) {
    const handler = createHealthHandler({
      db: { sql: { all: () => Promise.resolve([{ name: null, total: 0 }]) } as unknown as Database["sql"] },
      engine: { running: () => running },
      pubsub: { connected: () => connected },
    });
    let status = 0;
    let body = "";
    const res = {
      writeHead: (s: number) => {
        status = s;
      },
      end: (b?: Buffer) => {
        body = b ? b.toString() : "";
      },
    };
    await handler({ method: "GET" } as never, res as never);
    const parsed = JSON.parse(body) as Record<string, unknown>;
    return { status, status_field: parsed.status, engine: parsed.engine, pubsub: parsed.pubsub };
  }

  test("200 when all is well; 503 when the engine is stopped or pub/sub is disconnected", async () => {
    expect(await probe(true, true)).toEqual({
      status: 200,
      status_field: "ok",
      engine: "running",
      pubsub: "connected",
    });
    expect(await probe(false, true)).toEqual({
      status: 503,
      status_field: "unavailable",
      engine: "stopped",
      pubsub: "connected",
    });
    expect(await probe(true, false)).toEqual({
      status: 503,
      status_field: "unavailable",
      engine: "running",
      pubsub: "disconnected",
    });
  });
});
