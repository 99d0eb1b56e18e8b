// agentChanged over graphql-ws: registry writes made through REST reach a live subscriber as
// CREATED / UPDATED / DELETED events carrying the agent's id and name.
import { vi } from "vitest";
import { agentBody, uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { RestAgent, RestClient } from "../testkit/rest.js";
import { type Subscription, subscribe } from "../testkit/subscriptions.js";

interface AgentChange {
  kind: "CREATED" | "UPDATED" | "DELETED";
  agentId: string;
  name: string;
}

const AGENT_CHANGED = "subscription { agentChanged { kind agentId name } }";

/** Agents touched only to learn that a subscription is live; every subscriber ignores them. */
const probes = new Set<string>();

/**
 * Subscribes and returns once the server delivers events: the subscription is registered
 * asynchronously after the socket opens, so a probe agent is touched until its update arrives.
 * `changes()` then yields only the events that came after.
 */
async function subscribeToAgentChanges(url: string, api: RestClient) {
  const probe = (await api.post<RestAgent>("/agents", agentBody({ name: uniqueName("Probe") }))).body;
  probes.add(probe.id);
  const sub: Subscription<{ agentChanged: AgentChange }> = subscribe(url, AGENT_CHANGED);
  let touch = 0;
  await vi.waitFor(
    async () => {
      if (!sub.values.some((v) => v.agentChanged.agentId === probe.id)) {
        touch += 1;
        await api.patch(`/agents/${probe.id}`, { description: `probe ${touch}` });
        throw new Error("subscription not live yet");
      }
    },
    { timeout: 10_000, interval: 50 },
  );
  const start = sub.values.length;
  // Late probe updates may still be in flight; they are not part of what a test asserts.
  const changes = () =>
    sub.values
      .slice(start)
      .map((v) => v.agentChanged)
      .filter((c) => !probes.has(c.agentId));
  return { sub, changes };
}

describe("agentChanged", () => {
  test("a REST POST and DELETE arrive as CREATED then DELETED, with the agent's id and name", async ({
    server,
    api,
  }) => {
    const { sub, changes } = await subscribeToAgentChanges(server.url, api);
    try {
      const agent = (await api.post<RestAgent>("/agents", agentBody())).body;
      await api.delete(`/agents/${agent.id}`);

      await vi.waitFor(() => expect(changes()).toHaveLength(2));
      expect(changes()).toEqual([
        { kind: "CREATED", agentId: agent.id, name: agent.name },
        { kind: "DELETED", agentId: agent.id, name: agent.name },
      ]);
      expect(sub.errors).toEqual([]);
    } finally {
      await sub.close();
    }
  });

  test("a rename arrives as UPDATED with the new name", async ({ server, api }) => {
    const agent = (await api.post<RestAgent>("/agents", agentBody())).body;
    const { sub, changes } = await subscribeToAgentChanges(server.url, api);
    try {
      const renamed = uniqueName("Renamed");
      await api.patch(`/agents/${agent.id}`, { name: renamed });

      await vi.waitFor(() => expect(changes()).toHaveLength(1));
      expect(changes()).toEqual([{ kind: "UPDATED", agentId: agent.id, name: renamed }]);
    } finally {
      await sub.close();
    }
  });

  test("rejected writes publish nothing", async ({ server, api }) => {
    const { sub, changes } = await subscribeToAgentChanges(server.url, api);
    try {
      expect((await api.post("/agents", agentBody({ name: "" }))).status).toBe(400);
      expect((await api.delete(`/agents/${uniqueName("Nobody")}`)).status).toBe(404);
      const marker = (await api.post<RestAgent>("/agents", agentBody())).body;

      await vi.waitFor(() => expect(changes()).toHaveLength(1));
      expect(changes()).toEqual([{ kind: "CREATED", agentId: marker.id, name: marker.name }]);
    } finally {
      await sub.close();
    }
  });

  test("every subscriber receives each change", async ({ server, api }) => {
    const first = await subscribeToAgentChanges(server.url, api);
    const second = await subscribeToAgentChanges(server.url, api);
    try {
      const agent = (await api.post<RestAgent>("/agents", agentBody())).body;

      const expected = [{ kind: "CREATED", agentId: agent.id, name: agent.name }];
      await vi.waitFor(() => {
        expect(first.changes()).toEqual(expected);
        expect(second.changes()).toEqual(expected);
      });
    } finally {
      await first.sub.close();
      await second.sub.close();
    }
  });
});
