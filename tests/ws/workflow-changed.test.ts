// workflowChanged over graphql-ws: templates created, updated and deleted through REST reach a live
// subscriber with the template's id and name, in order.
import { vi } from "vitest";
import { describe, expect, test } from "../testkit/fixtures.js";
import { subscribe } from "../testkit/subscriptions.js";
import { createWorkflow, registerMockAgent } from "../testkit/workflows.js";

interface WorkflowChange {
  kind: "CREATED" | "UPDATED" | "DELETED";
  workflowId: string;
  name: string;
}

describe("workflowChanged", () => {
  test("streams a template's creation, update and deletion", async ({ server, api }) => {
    const agent = await registerMockAgent(api);
    const sub = subscribe<{ workflowChanged: WorkflowChange }>(
      server.url,
      "subscription { workflowChanged { kind workflowId name } }",
    );
    try {
      // The subscription registers after the socket opens: create probes until one is seen.
      let probe = "";
      await vi.waitFor(
        async () => {
          if (!probe || !sub.values.some((v) => v.workflowChanged.name === probe)) {
            probe = (await createWorkflow(api, { steps: [{ id: "p", agent }] })).name;
            throw new Error("subscription not live yet");
          }
        },
        { timeout: 10_000, interval: 100 },
      );
      const from = sub.values.length;

      const created = await createWorkflow(api, { steps: [{ id: "a", agent }] });
      expect((await api.patch(`/workflows/${created.id}`, { description: "changed" })).status).toBe(200);
      expect((await api.delete(`/workflows/${created.name}`)).status).toBe(200);

      await vi.waitFor(() => expect(sub.values.length - from).toBeGreaterThanOrEqual(3), { timeout: 5_000 });
      expect(sub.values.slice(from).map((v) => v.workflowChanged)).toEqual([
        { kind: "CREATED", workflowId: created.id, name: created.name },
        { kind: "UPDATED", workflowId: created.id, name: created.name },
        { kind: "DELETED", workflowId: created.id, name: created.name },
      ]);
    } finally {
      await sub.close();
    }
  });
});
