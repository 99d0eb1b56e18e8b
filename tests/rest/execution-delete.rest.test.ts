// DELETE /executions/{id} repairs a bad record: a leaf goes; one with executions under it, or one
// a workflow run recorded, is refused (409 saying which); a record too deep for SQLite's JSON
// functions (written before inputs were limited to 64 levels) can be removed and views work again.
import { describe, expect, test } from "../testkit/fixtures.js";
import { uniqueName } from "../testkit/factories.js";
import { runWorkflow } from "../testkit/workflows.js";

describe("DELETE /executions/{id}", () => {
  test("deletes a leaf; refuses a parent (409) until its children are gone; 404 for none", async ({ api }) => {
    const agent = uniqueName("Del");
    const [root, child] = [`${agent}-root`, `${agent}-child`];
    expect(
      (
        await api.post("/executions", [
          { id: root, agent_name: agent, status: "success" },
          { id: child, agent_name: agent, status: "success", parent_execution_id: root },
        ])
      ).status,
    ).toBe(201);

    const refused = await api.delete(`/executions/${root}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      error: {
        code: "CONFLICT",
        message: `execution '${root}' has child executions: delete them first, leaves before their parents`,
        field: "id",
      },
    });
    expect((await api.delete(`/executions/${child}`)).body).toEqual({ id: child, agent_name: agent });
    expect((await api.get(`/executions/${child}`)).status).toBe(404);
    expect((await api.delete(`/executions/${root}`)).status).toBe(200);
    expect((await api.get("/executions", { agent })).body).toMatchObject({ total: 0 });
    expect((await api.delete(`/executions/${root}`)).status).toBe(404);
  });

  test("refuses an execution a workflow run recorded", async ({ api }) => {
    const { run } = await runWorkflow(api, [{ id: "t", agent: "TestAgent", runner: { kind: "mock", settings: {} } }]);
    const id = run.root_execution_id as string;
    const res = await api.delete(`/executions/${id}`);
    expect(res.status).toBe(409);
    expect((res.body as { error: { message: string } }).error.message).toBe(
      `execution '${id}' belongs to workflow run '${run.id}': runs keep their executions`,
    );
  });

  test("removes a record nested past the limit that an older Baton stored, and the timeline reads again", async ({
    api,
    server,
  }) => {
    const agent = uniqueName("Deep");
    const deep = `${'{"a":'.repeat(1200)}1${"}".repeat(1200)}`;
    const stored = await api.post<{ id: string }>("/executions", { agent_name: agent, status: "success" });
    // Written behind the API's back, as a database from before the 64-level limit may hold it.
    const update =
      server.database.kind === "postgres"
        ? 'UPDATE "Execution" SET "inputs" = $1::jsonb WHERE "id" = $2'
        : 'UPDATE "Execution" SET "inputs" = ? WHERE "id" = ?';
    expect(await server.db.prisma.$executeRawUnsafe(update, deep, stored.body.id)).toBe(1);
    expect((await api.delete(`/executions/${stored.body.id}`)).status).toBe(200);
    const timeline = await api.get<{ roots: unknown[] }>("/executions/timeline", { agent });
    expect([timeline.status, timeline.body.roots]).toEqual([200, []]);
  });
});
