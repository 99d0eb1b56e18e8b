// Per-agent REPEATED_FAILURES policy (alert_policy {failures, window_ms}): defaults, refusals
// (nothing written), and behaviour — an agent set to 2 in 1 minute raises after exactly 2 failures
// while one with the default (3 in 10 minutes) does not; only failures inside the window count; the
// check runs after every failed execution, also while the circuit stays closed (workflow steps, the
// breaker's threshold above the policy's count) and while it is open (no circuit change at all).
import { agentBody, uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { RestClient, RestError } from "../testkit/rest.js";
import { createWorkflow, registerNodeScriptAgent, startRun, waitForRun } from "../testkit/workflows.js";

interface PolicyAgent {
  id: string;
  name: string;
  alert_policy: { failures: number; window_ms: number };
  circuit: { state: string; consecutive_failures: number };
}
interface RestAlert {
  id: string;
  kind: string;
  state: string;
  message: string;
}

async function alertsOf(api: RestClient, agent: string): Promise<RestAlert[]> {
  const res = await api.get<{ alerts: RestAlert[] }>(`/alerts?agent=${agent}`);
  expect(res.status).toBe(200);
  return res.body.alerts;
}

const kinds = async (api: RestClient, agent: string) =>
  (await alertsOf(api, agent)).map((a) => [a.kind, a.state]).sort();

async function newAgent(api: RestClient, extra: Record<string, unknown> = {}): Promise<PolicyAgent> {
  const res = await api.post<PolicyAgent>("/agents", {
    ...agentBody({ name: uniqueName("Policy") }),
    circuit_breaker: { failure_threshold: 100 },
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body;
}

/** Records one finished execution of the agent, `agoMs` before now. */
async function record(api: RestClient, agent: string, status: "failure" | "success", agoMs = 0) {
  const res = await api.post("/executions", {
    agent_name: agent,
    status,
    timestamp: new Date(Date.now() - agoMs).toISOString(),
  });
  expect(res.status).toBe(201);
}

describe("alert_policy", () => {
  test("defaults to 3 failures in 10 minutes; a partial update merges; GraphQL shows it", async ({ api, graphql }) => {
    const agent = await newAgent(api);
    expect(agent.alert_policy).toEqual({ failures: 3, window_ms: 600_000 });
    const patched = await api.patch<PolicyAgent>(`/agents/${agent.id}`, { alert_policy: { failures: 7 } });
    expect(patched.status).toBe(200);
    expect(patched.body.alert_policy).toEqual({ failures: 7, window_ms: 600_000 });
    const read = await graphql.query<{ agent: { alertPolicy: { failures: number; windowMs: number } } }>(
      `query($id: ID!) { agent(id: $id) { alertPolicy { failures windowMs } } }`,
      { id: agent.id },
    );
    expect(read.agent.alertPolicy).toEqual({ failures: 7, windowMs: 600_000 });
  });

  test("refuses counts and windows out of bounds, naming the field, and writes nothing", async ({ api, graphql }) => {
    const agent = await newAgent(api, { alert_policy: { failures: 4, window_ms: 120_000 } });
    const cases: [unknown, string][] = [
      [{ failures: 0 }, "alert_policy.failures"],
      [{ failures: 1001 }, "alert_policy.failures"],
      [{ failures: 2.5 }, "alert_policy.failures"],
      [{ window_ms: 999 }, "alert_policy.window_ms"],
      [{ window_ms: 7 * 86_400_000 + 1 }, "alert_policy.window_ms"],
      [{ window_ms: -5 }, "alert_policy.window_ms"],
    ];
    for (const [policy, field] of cases) {
      const res = await api.patch<RestError>(`/agents/${agent.id}`, { alert_policy: policy });
      expect([res.status, res.body.error.code, res.body.error.field], JSON.stringify(policy)).toEqual([
        400,
        "VALIDATION_FAILED",
        field,
      ]);
    }
    const created = await api.post<RestError>("/agents", {
      ...agentBody({ name: uniqueName("Refused") }),
      alert_policy: { failures: 0 },
    });
    expect([created.status, created.body.error.field]).toEqual([400, "alert_policy.failures"]);
    const gqlRes = await graphql.query<{
      updateAgent: { __typename: string; code: string; field: string };
    }>(
      `mutation($id: ID!) { updateAgent(id: $id, input: { alertPolicy: { windowMs: 10 } }) {
        __typename ... on Error { code field } } }`,
      { id: agent.id },
    );
    expect(gqlRes.updateAgent).toEqual({
      __typename: "ValidationError",
      code: "VALIDATION_FAILED",
      field: "alertPolicy.windowMs",
    });
    const after = await api.get<PolicyAgent>(`/agents/${agent.id}`);
    expect(after.body.alert_policy).toEqual({ failures: 4, window_ms: 120_000 });
  });

  test("2 in 1 minute raises after exactly 2 failures; the default does not at 2, does at 3", async ({ api }) => {
    const strict = await newAgent(api, { alert_policy: { failures: 2, window_ms: 60_000 } });
    const lenient = await newAgent(api);
    for (const a of [strict, lenient]) await record(api, a.name, "failure");
    expect(await kinds(api, strict.name)).toEqual([]);
    expect(await kinds(api, lenient.name)).toEqual([]);
    for (const a of [strict, lenient]) await record(api, a.name, "failure");
    const raised = await alertsOf(api, strict.name);
    expect(raised.map((a) => [a.kind, a.state])).toEqual([["repeated_failures", "open"]]);
    expect(raised[0]?.message).toBe(`${strict.name} failed 2 times within 1 minute`);
    expect(await kinds(api, lenient.name)).toEqual([]);
    await record(api, lenient.name, "failure");
    const third = await alertsOf(api, lenient.name);
    expect(third.map((a) => [a.kind, a.message])).toEqual([
      ["repeated_failures", `${lenient.name} failed 3 times within 10 minutes`],
    ]);
    // Once per episode: more failures raise nothing more.
    await record(api, strict.name, "failure");
    expect(await kinds(api, strict.name)).toEqual([["repeated_failures", "open"]]);
  });

  test("only failures inside the agent's window count", async ({ api }) => {
    const agent = await newAgent(api, { alert_policy: { failures: 2, window_ms: 60_000 } });
    // Two failures two minutes ago: outside the one-minute window (three in a row on the circuit).
    await record(api, agent.name, "failure", 120_000);
    await record(api, agent.name, "failure", 110_000);
    await record(api, agent.name, "failure");
    expect((await api.get<PolicyAgent>(`/agents/${agent.id}`)).body.circuit.consecutive_failures).toBe(3);
    expect(await kinds(api, agent.name)).toEqual([]);
    await record(api, agent.name, "failure");
    expect(await kinds(api, agent.name)).toEqual([["repeated_failures", "open"]]);
  });

  test("failing workflow steps raise it while the circuit stays closed", async ({ api }) => {
    const name = await registerNodeScriptAgent(api, `console.error("boom"); process.exit(1);`);
    expect(
      (
        await api.patch(`/agents/${name}`, {
          circuit_breaker: { failure_threshold: 10 },
          alert_policy: { failures: 3 },
        })
      ).status,
    ).toBe(200);
    const wf = await createWorkflow(api, { steps: [{ id: "call", agent: name }] });
    const run = async () => expect((await waitForRun(api, (await startRun(api, wf.id)).id)).status).toBe("failed");
    await run();
    await run();
    expect(await kinds(api, name)).toEqual([]);
    await run();
    expect(await kinds(api, name)).toEqual([["repeated_failures", "open"]]);
    const circuit = (await api.get<PolicyAgent>(`/agents/${name}`)).body.circuit;
    expect([circuit.state, circuit.consecutive_failures]).toEqual(["closed", 3]);
  });

  test("failures recorded while the circuit is open (no circuit change) raise it", async ({ api }) => {
    const agent = await newAgent(api, { alert_policy: { failures: 2, window_ms: 60_000 } });
    expect((await api.post(`/agents/${agent.id}/circuit/open`)).status).toBe(200);
    expect(await kinds(api, agent.name)).toEqual([["circuit_open", "open"]]);
    await record(api, agent.name, "failure");
    await record(api, agent.name, "failure");
    const circuit = (await api.get<PolicyAgent>(`/agents/${agent.id}`)).body.circuit;
    // The open circuit counted neither failure: only the alert check saw them.
    expect([circuit.state, circuit.consecutive_failures]).toEqual(["open", 0]);
    expect(await kinds(api, agent.name)).toEqual([
      ["circuit_open", "open"],
      ["repeated_failures", "open"],
    ]);
    // A reset closes the circuit at 0 failures: both alerts resolve.
    expect((await api.post(`/agents/${agent.id}/circuit/reset`)).status).toBe(200);
    expect(await kinds(api, agent.name)).toEqual([
      ["circuit_open", "resolved"],
      ["repeated_failures", "resolved"],
    ]);
  });

  test("a failure and a success in one recorded batch raise and resolve it in that order", async ({ api }) => {
    const agent = await newAgent(api, { alert_policy: { failures: 1, window_ms: 60_000 } });
    const now = Date.now();
    const res = await api.post("/executions", [
      { agent_name: agent.name, status: "failure", timestamp: new Date(now - 2000).toISOString() },
      { agent_name: agent.name, status: "success", timestamp: new Date(now - 1000).toISOString() },
    ]);
    expect(res.status).toBe(201);
    expect(await kinds(api, agent.name)).toEqual([["repeated_failures", "resolved"]]);
  });
});
