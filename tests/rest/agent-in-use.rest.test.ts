// An agent that templates call is not deleted (their runs would fail at that step): 409 naming the
// templates, the agent stays; once no template calls it, it goes.
import { agentBody, uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";

describe("DELETE /agents/{id} of an agent in use", () => {
  test("is 409 naming every template that calls it, and succeeds once none does", async ({ api }) => {
    const agent = uniqueName("InUse");
    expect((await api.post("/agents", agentBody({ name: agent }))).status).toBe(201);
    const [first, second] = [uniqueName("uses-b"), uniqueName("uses-a")].sort();
    for (const name of [second, first]) {
      const created = await api.post("/workflows", {
        name,
        steps: [
          {
            parallel: [
              { id: "x", agent: "TestAgent" },
              { id: "y", agent },
            ],
          },
        ],
      });
      expect(created.status).toBe(201);
    }

    const refused = await api.delete(`/agents/${agent}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      error: {
        code: "CONFLICT",
        message: `agent '${agent}' is used by templates '${first}', '${second}': change or delete them first`,
        field: "id",
      },
    });
    expect((await api.get(`/agents/${agent}`)).status).toBe(200);

    expect((await api.delete(`/workflows/${first}`)).status).toBe(200);
    const stillOne = await api.delete(`/agents/${agent}`);
    expect([stillOne.status, (stillOne.body as { error: { message: string } }).error.message]).toEqual([
      409,
      `agent '${agent}' is used by template '${second}': change or delete it first`,
    ]);
    // A template that only mentions the name in a step's input does not hold it.
    expect(
      (await api.patch(`/workflows/${second}`, { steps: [{ id: "x", agent: "TestAgent", input: { note: agent } }] }))
        .status,
    ).toBe(200);
    expect((await api.delete(`/agents/${agent}`)).status).toBe(200);
    expect((await api.get(`/agents/${agent}`)).status).toBe(404);
  });
});
