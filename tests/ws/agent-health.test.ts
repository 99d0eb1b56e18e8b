// agentHealthChanged over graphql-ws, and the circuit through GraphQL: recorded failures move the
// count and open the circuit, resetAgentCircuit / openAgentCircuit change it by hand, and a live
// subscriber (filtered to one agent) sees each change once, in order.
import { vi } from "vitest";
import { agentBody, uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { ERROR_FIELDS } from "../testkit/graphql.js";
import type { RestAgent } from "../testkit/rest.js";
import { subscribe } from "../testkit/subscriptions.js";

interface Change {
  agentId: string;
  name: string;
  previousState: string;
  state: string;
  consecutiveFailures: number;
  openedAt: string | null;
  retryAfter: string | null;
}

const HEALTH = `subscription ($agentId: ID) {
  agentHealthChanged(agentId: $agentId) { agentId name previousState state consecutiveFailures openedAt retryAfter }
}`;
const CIRCUIT = "circuit { state consecutiveFailures openedAt retryAfter }";
const RESET = `mutation ($id: ID!) { resetAgentCircuit(id: $id) { __typename ... on Agent { ${CIRCUIT} } ${ERROR_FIELDS} } }`;
const OPEN = `mutation ($id: ID!) { openAgentCircuit(id: $id) { __typename ... on Agent { ${CIRCUIT} } ${ERROR_FIELDS} } }`;
const RECORD = `mutation ($input: RecordExecutionInput!) { recordExecution(input: $input) { __typename } }`;

describe("agentHealthChanged", () => {
  test("streams each circuit change of one agent", async ({ server, api, graphql }) => {
    const agent = (
      await api.post<RestAgent>(
        "/agents",
        agentBody({ name: uniqueName("Health"), circuitBreaker: { failureThreshold: 2, cooldownMs: 60_000 } }),
      )
    ).body;
    const other = (await api.post<RestAgent>("/agents", agentBody({ name: uniqueName("Other") }))).body;
    const sub = subscribe<{ agentHealthChanged: Change }>(server.url, HEALTH, { agentId: agent.id });
    // Live once an open by hand (and its reset) arrives; then only what follows is asserted.
    await vi.waitFor(
      async () => {
        if (sub.values.length === 0) {
          await graphql.query(OPEN, { id: agent.id });
          await graphql.query(RESET, { id: agent.id });
          throw new Error("subscription not live yet");
        }
      },
      { timeout: 10_000, interval: 50 },
    );
    await vi.waitFor(() => expect(sub.values.at(-1)?.agentHealthChanged.state).toBe("CLOSED"));
    const start = sub.values.length;
    const record = (name: string, status: string) =>
      graphql.query(RECORD, { input: { agentName: name, status, timestamp: new Date().toISOString() } });

    await record(agent.name, "FAILURE");
    await record(other.name, "FAILURE"); // another agent's: filtered out
    await record(agent.name, "CANCELLED"); // not a failure: no change
    await record(agent.name, "FAILURE");
    const opened = await graphql.query<{ agent: { circuit: Change } }>(
      `query ($id: ID!) { agent(id: $id) { ${CIRCUIT} } }`,
      { id: agent.id },
    );
    expect(opened.agent.circuit.state).toBe("OPEN");
    expect(opened.agent.circuit.consecutiveFailures).toBe(2);
    const reset = await graphql.query<{ resetAgentCircuit: { __typename: string; circuit: Change } }>(RESET, {
      id: agent.id,
    });
    expect(reset.resetAgentCircuit).toEqual({
      __typename: "Agent",
      circuit: { state: "CLOSED", consecutiveFailures: 0, openedAt: null, retryAfter: null },
    });
    const byHand = await graphql.query<{ openAgentCircuit: { circuit: Change } }>(OPEN, { id: agent.id });
    expect(byHand.openAgentCircuit.circuit).toMatchObject({ state: "OPEN", retryAfter: null });

    await vi.waitFor(() => expect(sub.values.length - start).toBe(4), { timeout: 5_000 });
    const seen = sub.values.slice(start).map((v) => v.agentHealthChanged);
    expect(seen.map((c) => [c.agentId, c.previousState, c.state, c.consecutiveFailures])).toEqual([
      [agent.id, "CLOSED", "CLOSED", 1],
      [agent.id, "CLOSED", "OPEN", 2],
      [agent.id, "OPEN", "CLOSED", 0],
      [agent.id, "CLOSED", "OPEN", 0],
    ]);
    expect(seen[1]?.openedAt).toBe(opened.agent.circuit.openedAt);
    expect(seen[1]?.retryAfter).toBe(opened.agent.circuit.retryAfter);
    await sub.close();

    const missing = await graphql.query<{ resetAgentCircuit: { __typename: string } }>(RESET, { id: "NoSuchAgent" });
    expect(missing.resetAgentCircuit.__typename).toBe("NotFoundError");
  });
});
