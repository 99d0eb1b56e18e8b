// Alerts through a real server: CIRCUIT_OPEN raised once per episode (more failures, refused steps
// and a failed half-open trial raise no second one), resolved when the circuit closes;
// REPEATED_FAILURES from recorded executions, resolved by a success; acknowledge (409 when not
// open, 404 unknown); the webhook retried against a receiver that fails twice, and an outbox item
// that outlives a restart.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { start } from "../../server/main.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { type RestClient, rest } from "../testkit/rest.js";
import { createTestDatabase } from "../testkit/server.js";
import { createWorkflow, pollUntil, registerNodeScriptAgent, startRun, waitForRun } from "../testkit/workflows.js";

interface RestAlert {
  id: string;
  kind: "circuit_open" | "repeated_failures";
  state: "open" | "acknowledged" | "resolved";
  agent_id: string;
  agent_name: string;
  message: string;
  raised_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  resolved_at: string | null;
}

const SCRIPT = `
  const fs = require("node:fs");
  const mode = fs.readFileSync(process.argv[1], "utf8").trim();
  if (mode === "fail") { console.error("boom"); process.exit(1); }
  console.log("{}");`;

async function probe(api: RestClient, breaker: { failure_threshold: number; cooldown_ms: number }) {
  const modeFile = join(mkdtempSync(join(tmpdir(), "baton-alerts-")), "mode");
  writeFileSync(modeFile, "fail");
  const name = await registerNodeScriptAgent(api, SCRIPT, { args: [modeFile] }, { retry: { max_retries: 0 } });
  expect((await api.patch(`/agents/${name}`, { circuit_breaker: breaker })).status).toBe(200);
  const wf = await createWorkflow(api, { steps: [{ id: "call", agent: name }] });
  return {
    name,
    run: async () => waitForRun(api, (await startRun(api, wf.id)).id),
    mode: (m: "fail" | "ok") => writeFileSync(modeFile, m),
  };
}

async function untilHalfOpen(api: RestClient, name: string) {
  await pollUntil(
    async () => (await api.get<{ circuit: { state: string } }>(`/agents/${name}`)).body.circuit.state,
    (state) => state === "half_open",
    `${name} half-open`,
    10_000,
  );
}

/** The one item of a list (fails when there are more or none). */
function only<T>(list: T[]): T {
  expect(list).toHaveLength(1);
  return list[0] as T;
}

async function alertsOf(api: RestClient, agent: string, state?: string): Promise<RestAlert[]> {
  const res = await api.get<{ alerts: RestAlert[]; total: number }>(
    `/alerts?agent=${agent}${state ? `&state=${state}` : ""}`,
  );
  expect(res.status).toBe(200);
  return res.body.alerts;
}

describe("alerts", () => {
  test("a circuit that opens raises one CIRCUIT_OPEN alert per episode, resolved when it closes", async ({ api }) => {
    const p = await probe(api, { failure_threshold: 2, cooldown_ms: 300 });
    await p.run();
    expect(await alertsOf(api, p.name)).toEqual([]);
    await p.run();
    // Stored before the failing run was answered.
    const raised = only(await alertsOf(api, p.name));
    expect(raised).toMatchObject({ kind: "circuit_open", state: "open", agent_name: p.name, resolved_at: null });
    expect(raised.message).toContain(`circuit open for ${p.name}`);
    // More refused steps, and a failed half-open trial: still the one alert.
    for (let i = 0; i < 3; i++) await p.run();
    await untilHalfOpen(api, p.name);
    expect((await p.run()).error).toBe("step 'call' failed: exited with code 1: boom");
    const circuit = (await api.get<{ circuit: { state: string } }>(`/agents/${p.name}`)).body.circuit;
    expect(circuit.state).not.toBe("closed"); // open again (half-open once its cool-down has passed)
    const open = (await alertsOf(api, p.name)).filter((a) => a.kind === "circuit_open");
    expect(open.map((a) => [a.id, a.state])).toEqual([[raised.id, "open"]]);
    // Recovery: the next trial succeeds, the circuit closes, the alert is resolved.
    p.mode("ok");
    await untilHalfOpen(api, p.name);
    const trial = await p.run();
    expect([trial.status, trial.error]).toEqual(["succeeded", null]);
    const after = (await alertsOf(api, p.name)).filter((a) => a.kind === "circuit_open");
    expect(only(after)).toMatchObject({ id: raised.id, state: "resolved" });
    expect(only(after).resolved_at).not.toBeNull();
    // A new episode raises a new alert.
    p.mode("fail");
    await p.run();
    await p.run();
    const second = await alertsOf(api, p.name, "open");
    expect(second.filter((a) => a.kind === "circuit_open")).toHaveLength(1);
    expect(second.find((a) => a.kind === "circuit_open")?.id).not.toBe(raised.id);
  }, 120_000);

  test("recorded failures raise REPEATED_FAILURES once; a success resolves it; acknowledge", async ({ api }) => {
    const p = await probe(api, { failure_threshold: 100, cooldown_ms: 60_000 });
    const record = (status: string) =>
      api.post("/executions", { agent_name: p.name, status, timestamp: new Date().toISOString() });
    for (let i = 0; i < 2; i++) expect((await record("failure")).status).toBe(201);
    expect(await alertsOf(api, p.name)).toEqual([]);
    for (let i = 0; i < 4; i++) await record("failure");
    const alert = only(await alertsOf(api, p.name));
    expect(alert).toMatchObject({ kind: "repeated_failures", state: "open" });

    const acked = await api.post<RestAlert>(`/alerts/${alert.id}/acknowledge`);
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ id: alert.id, state: "acknowledged", acknowledged_by: "local" });
    expect((await api.post(`/alerts/${alert.id}/acknowledge`)).status).toBe(409);
    await record("failure");
    expect((await alertsOf(api, p.name)).map((a) => [a.id, a.state])).toEqual([[alert.id, "acknowledged"]]);

    await record("success");
    const resolved = only(await alertsOf(api, p.name));
    expect([resolved.id, resolved.state]).toEqual([alert.id, "resolved"]);
    expect(await alertsOf(api, p.name, "open")).toEqual([]);
    const conflict = await api.post<{ error: { code: string } }>(`/alerts/${alert.id}/acknowledge`);
    expect(conflict.status).toBe(409);
    expect((await api.post("/alerts/no-such-alert/acknowledge")).status).toBe(404);
  });
});

interface Receiver {
  url: string;
  bodies: unknown[];
  answers: number[];
  close(): Promise<void>;
}

/** Answers 500 to the first `failures` requests, then 204; keeps the bodies it accepted. */
async function receiver(failures: number): Promise<Receiver> {
  const bodies: unknown[] = [];
  const answers: number[] = [];
  let seen = 0;
  const server: Server = createServer((req, res) => {
    let text = "";
    req.on("data", (c) => {
      text += c;
    });
    req.on("end", () => {
      seen++;
      const status = seen <= failures ? 500 : 204;
      answers.push(status);
      if (status === 204) bodies.push(JSON.parse(text));
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    bodies,
    answers,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

describe("the alert webhook", () => {
  test("is retried with backoff until accepted, and an undelivered item outlives a restart", async () => {
    const database = await createTestDatabase();
    const hook = await receiver(2);
    // The first server's receiver is down (nothing listens there): its item stays in the outbox.
    const down = await receiver(0);
    await down.close();
    const env = (url: string) => ({
      BATON_WORKDIR: mkdtempSync(join(tmpdir(), "baton-work-")),
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: database.url,
      LOG_LEVEL: "silent",
      NODE_ENV: "test",
      BATON_SEED: "auto",
      BATON_ALERT_WEBHOOK_URL: url,
    });
    try {
      const first = await start(env(down.url));
      let alert: RestAlert;
      try {
        const api = rest(first.url);
        const p = await probe(api, { failure_threshold: 1, cooldown_ms: 3_600_000 });
        await p.run();
        alert = only(await alertsOf(api, p.name));
        expect(alert.kind).toBe("circuit_open");
      } finally {
        await first.stop();
      }
      const second = await start(env(hook.url));
      try {
        const api = rest(second.url);
        await pollUntil(
          async () => hook.bodies.length,
          (n) => n >= 1,
          "the webhook accepted",
          20_000,
        );
        expect(hook.answers.slice(0, 3)).toEqual([500, 500, 204]);
        expect(hook.bodies[0]).toEqual({
          type: "alert.raised",
          at: alert.raised_at,
          alert: {
            id: alert.id,
            kind: "CIRCUIT_OPEN",
            state: "OPEN",
            agentId: alert.agent_id,
            agentName: alert.agent_name,
            message: alert.message,
            raisedAt: alert.raised_at,
            acknowledgedAt: null,
            acknowledgedBy: null,
            resolvedAt: null,
          },
        });
        // The next change of that alert follows it, in order.
        expect((await api.post(`/alerts/${alert.id}/acknowledge`)).status).toBe(200);
        await pollUntil(
          async () => hook.bodies.length,
          (n) => n >= 2,
          "the acknowledgement delivered",
          20_000,
        );
        expect(hook.bodies.map((b) => (b as { type: string }).type)).toEqual(["alert.raised", "alert.acknowledged"]);
      } finally {
        await second.stop();
      }
    } finally {
      await hook.close();
      await database.drop();
    }
  });
});
