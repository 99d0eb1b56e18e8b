// Input that sits at the edges of the REST shim: percent-encoding, list shapes, case-insensitive
// names, one-member batches, method errors. Each is a 4xx naming the field; nothing is written.
import { agentBody, uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { RestAgentList, RestError } from "../testkit/rest.js";

describe("REST edge input", () => {
  test("a name differing only in case is a 409 conflict and is not written", async ({ api }) => {
    const name = uniqueName("Case");
    expect((await api.post("/agents", agentBody({ name }))).status).toBe(201);
    const before = (await api.get<RestAgentList>("/agents", { limit: 1 })).body.total;
    const res = await api.post<RestError>("/agents", agentBody({ name: name.toUpperCase() }));
    expect([res.status, res.body.error.code, res.body.error.field]).toEqual([409, "CONFLICT", "name"]);
    expect(res.body.error.message).toContain(`'${name}'`);
    expect((await api.get<RestAgentList>("/agents", { limit: 1 })).body.total).toBe(before);
  });

  test("one request reports every problem: fields, runner settings and patterns together", async ({ api }) => {
    const res = await api.post<RestError & { error: { issues: { field: string }[] } }>("/agents", {
      ...agentBody({ name: "9lives" }),
      coordination_patterns: ["sequential", "swarm"],
      runner: { kind: "http", settings: { url: "ftp://nope" } },
    });
    expect([res.status, res.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    expect(res.body.error.issues.map((i) => i.field).sort()).toEqual(
      ["coordination_patterns[1]", "name", "runner.settings.url"].sort(),
    );
    expect((await api.get("/agents/9lives")).status).toBe(404);
  });

  test("a bare string where a list belongs is rejected, not wrapped into a list", async ({ api }) => {
    const name = uniqueName("List");
    const res = await api.post<RestError>("/agents", { ...agentBody({ name }), capabilities: "testing" });
    expect([res.status, res.body.error.code, res.body.error.field]).toEqual([400, "VALIDATION_FAILED", "capabilities"]);
    expect((await api.get(`/agents/${name}`)).status).toBe(404);
  });

  test("broken percent-encoding in a path is a 400 naming the path parameter", async ({ server }) => {
    const res = await fetch(`${server.url}/agents/%E0%A4%A`);
    const body = (await res.json()) as RestError;
    expect([res.status, body.error.code, body.error.field]).toEqual([400, "VALIDATION_FAILED", "id"]);
  });

  test("a one-member batch names its member as [0]", async ({ api }) => {
    const res = await api.post<RestError>("/executions", [
      { agent_name: "TestAgent", status: "pending", duration_ms: 3 },
    ]);
    expect([res.status, res.body.error.code, res.body.error.field]).toEqual([
      400,
      "VALIDATION_FAILED",
      "[0].duration_ms",
    ]);
  });

  test("a wrong method lists each allowed method once", async ({ server }) => {
    // /executions/timeline is also an /executions/{id}: GET from both, PATCH and DELETE from {id}.
    const res = await fetch(`${server.url}/executions/timeline`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, PATCH, DELETE");
  });
});
