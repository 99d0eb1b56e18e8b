// Recording executions through REST: one (object body) or a batch (array body, all or nothing),
// the handoff tree (root, depth, ancestors, children, descendants), and every way a record is
// refused — with the exact status, code and snake_case field, and nothing written.
import { uniqueName } from "../testkit/factories.js";
import {
  type ExecutionBody,
  iso,
  type RestExecution,
  type RestExecutionDetail,
  type RestRecorded,
  readBack,
  uniqueExecutionId,
  uniqueWindow,
} from "../testkit/executions.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { type RestAgent, type RestClient, type RestError, rawBody, rest } from "../testkit/rest.js";
import { startTestServer, type TestServer } from "../testkit/server.js";

const rowCount = (server: TestServer) => server.db.prisma.execution.count();
const storedIds = async (server: TestServer, ids: string[]) =>
  (await server.db.prisma.execution.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((r) => r.id);

/** The REST fields every execution carries, given what the test recorded. */
function expected(
  body: Required<Pick<ExecutionBody, "id" | "agent_name" | "status" | "timestamp">> & Partial<RestExecution>,
): RestExecution {
  return {
    ended_at: null,
    duration_ms: null,
    inputs: null,
    outputs: null,
    error: null,
    parent_execution_id: null,
    root_id: body.id,
    depth: 0,
    workflow_id: null,
    workflow_run_id: null,
    workflow_step_id: null,
    attempt: 1,
    model: null,
    input_tokens: null,
    output_tokens: null,
    cost_usd: null,
    created_at: expect.any(String) as unknown as string,
    updated_at: expect.any(String) as unknown as string,
    ...body,
  };
}

describe("POST /executions with one execution", () => {
  test("records every field and returns it, inputs and outputs verbatim", async ({ api }) => {
    const id = uniqueExecutionId();
    const start = uniqueWindow();
    const inputs = { task_id: "T-1", camelKey: [1, 2.5, null, true, "é ü 漢字"], nested: { "a b": { deep: [] } } };
    const outputs = ["list", { ok: false }, 0];
    const body: ExecutionBody = {
      id,
      agent_name: "TestAgent",
      status: "failure",
      timestamp: iso(start),
      duration_ms: 1500,
      inputs,
      outputs,
      error: "tests failed: 3 of 12",
      workflow_id: "wf-recording",
      workflow_run_id: "run-recording",
      workflow_step_id: "step one",
      attempt: 2,
    };
    const res = await api.post<RestExecution>("/executions", body);
    expect(res.status).toBe(201);
    const want = expected({
      ...body,
      id,
      timestamp: iso(start),
      ended_at: iso(start + 1500),
      duration_ms: 1500,
    } as RestExecution);
    expect(res.body).toEqual(want);

    const got = await api.get<RestExecutionDetail>(`/executions/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual({ ...want, ancestors: [], children: [], descendants: [] });
  });

  test("derives duration_ms from ended_at, and ended_at from duration_ms", async ({ api }) => {
    const start = uniqueWindow() + 123;
    const fromEnd = await api.post<RestExecution>("/executions", {
      agent_name: "CodeAgent",
      status: "success",
      timestamp: iso(start),
      ended_at: iso(start + 61_001),
    });
    expect(fromEnd.status).toBe(201);
    expect([fromEnd.body.ended_at, fromEnd.body.duration_ms]).toEqual([iso(start + 61_001), 61_001]);

    const fromDuration = await api.post<RestExecution>("/executions", {
      agent_name: "CodeAgent",
      status: "cancelled",
      timestamp: iso(start),
      duration_ms: 42,
    });
    expect(fromDuration.status).toBe(201);
    expect([fromDuration.body.ended_at, fromDuration.body.duration_ms]).toEqual([iso(start + 42), 42]);

    // A timestamp with an offset is the same instant in UTC.
    const offset = await api.post<RestExecution>("/executions", {
      agent_name: "CodeAgent",
      status: "success",
      timestamp: "2031-06-01T12:00:00.250+02:00",
      ended_at: "2031-06-01T10:00:01Z",
    });
    expect(offset.status).toBe(201);
    expect(offset.body).toMatchObject({
      timestamp: "2031-06-01T10:00:00.250Z",
      ended_at: "2031-06-01T10:00:01.000Z",
      duration_ms: 750,
    });
  });

  test("fills in an id, the start (now), attempt 1 and makes the execution its own root", async ({ api }) => {
    const before = Date.now();
    const res = await api.post<RestExecution>("/executions", { agent_name: "BuildAgent", status: "pending" });
    const after = Date.now();
    expect(res.status).toBe(201);
    const e = res.body;
    expect(e.id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Date.parse(e.timestamp)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(e.timestamp)).toBeLessThanOrEqual(after);
    expect(e).toEqual(expected({ id: e.id, agent_name: "BuildAgent", status: "pending", timestamp: e.timestamp }));
  });

  test("links a registered agent and still records an unknown one, unlinked", async ({ api, server }) => {
    const known = await api.post<RestExecution>("/executions", { agent_name: "ReviewAgent", status: "success" });
    const stranger = uniqueName("Unregistered");
    const unknown = await api.post<RestExecution>("/executions", { agent_name: stranger, status: "success" });
    expect([known.status, unknown.status]).toEqual([201, 201]);
    expect(unknown.body.agent_name).toBe(stranger);
    const agent = await api.get<RestAgent>("/agents/ReviewAgent");
    const rows = await server.db.prisma.execution.findMany({
      where: { id: { in: [known.body.id, unknown.body.id] } },
      select: { id: true, agentId: true },
    });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.agentId]))).toEqual({
      [known.body.id]: agent.body.id,
      [unknown.body.id]: null,
    });
  });

  test("refuses an unknown parent, a self-parent and a taken id, writing nothing", async ({ api, server }) => {
    const taken = uniqueExecutionId();
    expect((await api.post("/executions", { id: taken, agent_name: "TestAgent", status: "success" })).status).toBe(201);
    const before = await rowCount(server);
    const self = uniqueExecutionId();
    const cases: [ExecutionBody, number, string, string][] = [
      [
        { agent_name: "TestAgent", status: "success", parent_execution_id: "no-such-execution" },
        400,
        "VALIDATION_FAILED",
        "parent_execution_id",
      ],
      [
        { id: self, agent_name: "TestAgent", status: "success", parent_execution_id: self },
        400,
        "VALIDATION_FAILED",
        "parent_execution_id",
      ],
      [{ id: taken, agent_name: "CodeAgent", status: "pending" }, 409, "CONFLICT", "id"],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await api.post<RestError>("/executions", body);
      expect({ status: res.status, code: res.body.error.code, field: res.body.error.field }).toEqual({
        status,
        code,
        field,
      });
    }
    expect(await rowCount(server)).toBe(before);
    expect(await storedIds(server, [self])).toEqual([]);
  });

  test("refuses inconsistent times with the field at fault", async ({ api, server }) => {
    const start = uniqueWindow();
    const before = await rowCount(server);
    const cases: [ExecutionBody, string][] = [
      [{ agent_name: "TestAgent", status: "pending", ended_at: iso(start) }, "ended_at"],
      [{ agent_name: "TestAgent", status: "in_progress", duration_ms: 10 }, "duration_ms"],
      [{ agent_name: "TestAgent", status: "success", timestamp: iso(start), ended_at: iso(start - 1) }, "ended_at"],
      [{ agent_name: "TestAgent", status: "success", duration_ms: -1 }, "duration_ms"],
    ];
    for (const [body, field] of cases) {
      const res = await api.post<RestError>("/executions", body);
      expect({ status: res.status, code: res.body.error.code, field: res.body.error.field }).toEqual({
        status: 400,
        code: "VALIDATION_FAILED",
        field,
      });
    }
    expect(await rowCount(server)).toBe(before);
  });

  test("refuses wrong types and shapes with 400 naming the field", async ({ api, server }) => {
    const before = await rowCount(server);
    const cases: [unknown, string][] = [
      [{ agent_name: 5, status: "success" }, "agent_name"],
      [{ status: "success" }, "agent_name"],
      [{ agent_name: "   ", status: "success" }, "agent_name"],
      [{ agent_name: "TestAgent", status: "done" }, "status"],
      [{ agent_name: "TestAgent" }, "status"],
      [{ agent_name: "TestAgent", status: "success", duration_ms: "12" }, "duration_ms"],
      [{ agent_name: "TestAgent", status: "success", duration_ms: 1.5 }, "duration_ms"],
      [{ agent_name: "TestAgent", status: "success", timestamp: "yesterday" }, "timestamp"],
      [{ agent_name: "TestAgent", status: "success", attempt: 0 }, "attempt"],
      [{ agent_name: "TestAgent", status: "success", id: "has space" }, "id"],
      [{ agent_name: "TestAgent", status: "success", parent_execution_id: 7 }, "parent_execution_id"],
      [{ agent_name: "TestAgent", status: "success", colour: "red" }, "colour"],
    ];
    for (const [body, field] of cases) {
      const res = await api.post<RestError>("/executions", body);
      expect({ body, status: res.status, code: res.body.error?.code, field: res.body.error?.field }).toEqual({
        body,
        status: 400,
        code: "VALIDATION_FAILED",
        field,
      });
    }
    expect(await rowCount(server)).toBe(before);
  });

  test("refuses malformed JSON, an empty body and a non-object body", async ({ api, server }) => {
    const before = await rowCount(server);
    const malformed = await api.post<RestError>("/executions", rawBody('{"agent_name": "TestAgent", "status": '));
    expect([malformed.status, malformed.body.error.code]).toEqual([400, "INVALID_JSON"]);
    const empty = await api.post<RestError>("/executions", rawBody(""));
    expect([empty.status, empty.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    const scalar = await api.post<RestError>("/executions", 42);
    expect([scalar.status, scalar.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    expect(await rowCount(server)).toBe(before);
  });
});

describe("POST /executions with a batch", () => {
  test("records a tree given in any order, members referring to each other and to stored executions", async ({
    api,
  }) => {
    const t = uniqueWindow();
    const [stored, root, a, b, a1, a2, a1x] = ["stored", "root", "a", "b", "a1", "a2", "a1x"].map((n) =>
      uniqueExecutionId(n),
    ) as [string, string, string, string, string, string, string];
    const storedRes = await api.post<RestExecution>("/executions", {
      id: stored,
      agent_name: "TestAgent",
      status: "success",
      timestamp: iso(t),
    });
    expect(storedRes.status).toBe(201);
    // Children before their parents, and one subtree hanging off an execution stored earlier.
    const batch: ExecutionBody[] = [
      { id: a1x, agent_name: "DeployAgent", status: "success", timestamp: iso(t + 400), parent_execution_id: a1 },
      { id: a2, agent_name: "BuildAgent", status: "failure", timestamp: iso(t + 250), parent_execution_id: a },
      { id: a1, agent_name: "BuildAgent", status: "success", timestamp: iso(t + 300), parent_execution_id: a },
      { id: b, agent_name: "ReviewAgent", status: "pending", timestamp: iso(t + 150), parent_execution_id: root },
      { id: a, agent_name: "CodeAgent", status: "success", timestamp: iso(t + 200), parent_execution_id: root },
      { id: root, agent_name: "TestAgent", status: "success", timestamp: iso(t + 100), parent_execution_id: stored },
    ];
    const res = await api.post<RestRecorded>("/executions", batch);
    expect([res.status, res.body.count]).toEqual([201, 6]);
    const placement = (e: RestExecution) => [e.id, e.parent_execution_id, e.root_id, e.depth];
    const stored6 = await readBack(
      api,
      batch.map((b) => b.id as string),
    );
    expect(stored6.map(placement)).toEqual([
      [a1x, a1, stored, 4],
      [a2, a, stored, 3],
      [a1, a, stored, 3],
      [b, root, stored, 2],
      [a, root, stored, 2],
      [root, stored, stored, 1],
    ]);

    const ids = (list: RestExecution[]) => list.map((e) => e.id);
    const top = (await api.get<RestExecutionDetail>(`/executions/${stored}`)).body;
    expect(ids(top.ancestors)).toEqual([]);
    expect(ids(top.children)).toEqual([root]);
    // By depth, then start.
    expect(ids(top.descendants)).toEqual([root, b, a, a2, a1, a1x]);
    const mid = (await api.get<RestExecutionDetail>(`/executions/${a}`)).body;
    expect(ids(mid.ancestors)).toEqual([stored, root]);
    expect(ids(mid.children)).toEqual([a2, a1]);
    expect(ids(mid.descendants)).toEqual([a2, a1, a1x]);
    const leaf = (await api.get<RestExecutionDetail>(`/executions/${a1x}`)).body;
    expect(ids(leaf.ancestors)).toEqual([stored, root, a, a1]);
    expect([ids(leaf.children), ids(leaf.descendants)]).toEqual([[], []]);
    expect(leaf.ancestors[3]).toEqual(stored6[2]);
    expect(stored6.map((e) => [e.agent_name, e.status, e.timestamp])).toEqual(
      batch.map((b) => [b.agent_name, b.status, b.timestamp]),
    );
  });

  test("answers 201 with the count and the ids in the order given, and stores them", async ({ api }) => {
    const t = uniqueWindow();
    const [p, c] = [uniqueExecutionId("p"), uniqueExecutionId("c")];
    const res = await api.post<RestRecorded>("/executions", [
      {
        id: c,
        agent_name: "CodeAgent",
        status: "success",
        timestamp: iso(t + 5),
        duration_ms: 5,
        parent_execution_id: p,
      },
      { id: p, agent_name: "TestAgent", status: "success", timestamp: iso(t) },
    ]);
    expect(res.status).toBe(201);
    // A batch answer stays small (a 1,000-row batch does not echo 1,000 records): count and ids.
    expect(res.body).toEqual({ count: 2, ids: [c, p] });
    expect((await readBack(api, [c, p])).map((e) => [e.id, e.parent_execution_id])).toEqual([
      [c, p],
      [p, null],
    ]);
  });

  test("names the failing member's field as [index].field and writes nothing", async ({ api, server }) => {
    const before = await rowCount(server);
    const ids = [0, 1, 2, 3].map(() => uniqueExecutionId("m"));
    const members = (last: Partial<ExecutionBody>): ExecutionBody[] => [
      { id: ids[0], agent_name: "TestAgent", status: "success" },
      { id: ids[1], agent_name: "CodeAgent", status: "success", parent_execution_id: ids[0] },
      { id: ids[2], agent_name: "CodeAgent", status: "success", parent_execution_id: ids[1] },
      { id: ids[3], agent_name: "BuildAgent", status: "success", parent_execution_id: ids[2], ...last },
    ];
    const cases: [ExecutionBody[], number, string, string][] = [
      [members({ parent_execution_id: "missing-parent" }), 400, "VALIDATION_FAILED", "[3].parent_execution_id"],
      [members({ parent_execution_id: ids[3] }), 400, "VALIDATION_FAILED", "[3].parent_execution_id"],
      [members({ status: "pending", duration_ms: 5 }), 400, "VALIDATION_FAILED", "[3].duration_ms"],
      [members({ attempt: 0 }), 400, "VALIDATION_FAILED", "[3].attempt"],
      [members({ id: ids[1] }), 409, "CONFLICT", "[3].id"],
    ];
    for (const [batch, status, code, field] of cases) {
      const res = await api.post<RestError>("/executions", batch);
      expect({ status: res.status, code: res.body.error.code, field: res.body.error.field }).toEqual({
        status,
        code,
        field,
      });
    }
    expect(await rowCount(server)).toBe(before);
    expect(await storedIds(server, ids)).toEqual([]);
  });

  test("names a member of the wrong type as [index].field and writes nothing", async ({ api, server }) => {
    const before = await rowCount(server);
    const cases: [unknown[], string][] = [
      [
        [
          { agent_name: "TestAgent", status: "success" },
          { agent_name: "TestAgent", status: "success" },
          { agent_name: "TestAgent", status: "done" },
        ],
        "[2].status",
      ],
      [[{ agent_name: "TestAgent", status: "success" }, { status: "success" }], "[1].agent_name"],
      [
        [
          { agent_name: "TestAgent", status: "success" },
          { agent_name: "TestAgent", status: "success", duration_ms: "9" },
        ],
        "[1].duration_ms",
      ],
      [[{ agent_name: "TestAgent", status: "success" }, 5], "[1]"],
    ];
    const got = [];
    for (const [batch] of cases) {
      const res = await api.post<RestError>("/executions", batch);
      got.push([res.status, res.body.error.code, res.body.error.field]);
    }
    expect(got).toEqual(cases.map(([, field]) => [400, "VALIDATION_FAILED", field]));
    expect(await rowCount(server)).toBe(before);
  });

  test("refuses handoff cycles inside the batch (A→B→A, A→B→C→A) and writes nothing", async ({ api, server }) => {
    const before = await rowCount(server);
    const [a, b, c, d, free] = ["a", "b", "c", "d", "free"].map((n) => uniqueExecutionId(n)) as [
      string,
      string,
      string,
      string,
      string,
    ];
    const two: ExecutionBody[] = [
      { id: free, agent_name: "TestAgent", status: "success" },
      { id: a, agent_name: "TestAgent", status: "success", parent_execution_id: b },
      { id: b, agent_name: "CodeAgent", status: "success", parent_execution_id: a },
    ];
    const resTwo = await api.post<RestError>("/executions", two);
    expect([resTwo.status, resTwo.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    expect(["[1].parent_execution_id", "[2].parent_execution_id"]).toContain(resTwo.body.error.field);

    // A member outside the cycle that hangs off it (d → a) must not hide the cycle either.
    const three: ExecutionBody[] = [
      { id: d, agent_name: "DeployAgent", status: "success", parent_execution_id: a },
      { id: a, agent_name: "TestAgent", status: "success", parent_execution_id: c },
      { id: free, agent_name: "TestAgent", status: "success" },
      { id: b, agent_name: "CodeAgent", status: "success", parent_execution_id: a },
      { id: c, agent_name: "BuildAgent", status: "success", parent_execution_id: b },
    ];
    const resThree = await api.post<RestError>("/executions", three);
    expect([resThree.status, resThree.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    expect(["[1].parent_execution_id", "[3].parent_execution_id", "[4].parent_execution_id"]).toContain(
      resThree.body.error.field,
    );
    expect(await rowCount(server)).toBe(before);
    expect(await storedIds(server, [a, b, c, d, free])).toEqual([]);
  });

  test("refuses an id given twice in a batch, or one already stored, with 409", async ({ api, server }) => {
    const stored = uniqueExecutionId("stored");
    expect((await api.post("/executions", { id: stored, agent_name: "TestAgent", status: "success" })).status).toBe(
      201,
    );
    const before = await rowCount(server);
    const [x, y] = [uniqueExecutionId("x"), uniqueExecutionId("y")];
    const twice = await api.post<RestError>("/executions", [
      { id: x, agent_name: "TestAgent", status: "success" },
      { id: y, agent_name: "TestAgent", status: "success", parent_execution_id: x },
      { id: x, agent_name: "CodeAgent", status: "success" },
    ]);
    expect([twice.status, twice.body.error.code, twice.body.error.field]).toEqual([409, "CONFLICT", "[2].id"]);
    const again = await api.post<RestError>("/executions", [
      { id: y, agent_name: "TestAgent", status: "success" },
      { id: stored, agent_name: "TestAgent", status: "success" },
    ]);
    expect([again.status, again.body.error.code, again.body.error.field]).toEqual([409, "CONFLICT", "[1].id"]);
    expect(await rowCount(server)).toBe(before);
    expect(await storedIds(server, [x, y])).toEqual([]);
  });

  test("a 1,000-member batch whose last member is bad writes no row at all", async ({ api, server }) => {
    const before = await rowCount(server);
    const t = uniqueWindow();
    const prefix = uniqueExecutionId("bulk");
    const batch: ExecutionBody[] = Array.from({ length: 1000 }, (_, i) => ({
      id: `${prefix}-${i}`,
      agent_name: i % 3 === 0 ? "TestAgent" : "CodeAgent",
      status: "success",
      timestamp: iso(t + i),
      duration_ms: i,
      ...(i > 0 ? { parent_execution_id: `${prefix}-${Math.floor((i - 1) / 4)}` } : {}),
    }));
    const bad = [...batch.slice(0, 999), { ...batch[999], parent_execution_id: "nowhere" } as ExecutionBody];
    const res = await api.post<RestError>("/executions", bad);
    expect([res.status, res.body.error.code, res.body.error.field]).toEqual([
      400,
      "VALIDATION_FAILED",
      "[999].parent_execution_id",
    ]);
    const conflict = [...batch.slice(0, 999), { ...batch[999], id: `${prefix}-0` } as ExecutionBody];
    const res2 = await api.post<RestError>("/executions", conflict);
    expect([res2.status, res2.body.error.code, res2.body.error.field]).toEqual([409, "CONFLICT", "[999].id"]);
    expect(await rowCount(server)).toBe(before);

    // The same batch, made valid, is written whole.
    const ok = await api.post<RestRecorded>("/executions", batch);
    expect([ok.status, ok.body.count]).toEqual([201, 1000]);
    expect(await rowCount(server)).toBe(before + 1000);
    const [deepest] = (await readBack(api, [`${prefix}-999`])) as [RestExecution];
    // 999 → 249 → 62 → 15 → 3 → 0
    expect([deepest.root_id, deepest.depth]).toEqual([`${prefix}-0`, 5]);
  });

  test("refuses an empty batch and one over 5,000 members", async ({ api, server }) => {
    const before = await rowCount(server);
    const empty = await api.post<RestError>("/executions", []);
    expect([empty.status, empty.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    const huge = Array.from({ length: 5001 }, () => ({ agent_name: "TestAgent", status: "success" }));
    const tooMany = await api.post<RestError>("/executions", huge);
    expect([tooMany.status, tooMany.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    expect(await rowCount(server)).toBe(before);
  });
});

describe("PATCH /executions/{id}", () => {
  const record = async (api: RestClient, body: Partial<ExecutionBody> = {}) => {
    const res = await api.post<RestExecution>("/executions", {
      agent_name: "TestAgent",
      status: "pending",
      timestamp: iso(uniqueWindow()),
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  test("pending → in_progress → success, with the end derived from the duration", async ({ api }) => {
    const e = await record(api, { inputs: { n: 1 } });
    const t = Date.parse(e.timestamp);
    const progressing = await api.patch<RestExecution>(`/executions/${e.id}`, { status: "in_progress" });
    expect(progressing.status).toBe(200);
    expect(progressing.body).toMatchObject({ status: "in_progress", ended_at: null, duration_ms: null });
    const done = await api.patch<RestExecution>(`/executions/${e.id}`, {
      status: "success",
      duration_ms: 2_500,
      outputs: { result: "green" },
    });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({
      ...e,
      status: "success",
      ended_at: iso(t + 2_500),
      duration_ms: 2_500,
      outputs: { result: "green" },
      updated_at: expect.any(String),
    });
    expect((await api.get<RestExecution>(`/executions/${e.id}`)).body).toMatchObject({
      status: "success",
      duration_ms: 2_500,
      inputs: { n: 1 },
    });
  });

  test("pending → failure with an end time derives the duration and keeps the error", async ({ api }) => {
    const e = await record(api);
    const t = Date.parse(e.timestamp);
    const res = await api.patch<RestExecution>(`/executions/${e.id}`, {
      status: "failure",
      ended_at: iso(t + 9_999),
      error: "boom",
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "failure", ended_at: iso(t + 9_999), duration_ms: 9_999, error: "boom" });
  });

  test("finishing without end information ends it now", async ({ api }) => {
    const start = Date.now() - 60_000;
    const e = await record(api, { timestamp: iso(start), status: "in_progress" });
    const before = Date.now();
    const res = await api.patch<RestExecution>(`/executions/${e.id}`, { status: "cancelled" });
    const after = Date.now();
    expect(res.status).toBe(200);
    const ended = Date.parse(res.body.ended_at as string);
    expect(ended).toBeGreaterThanOrEqual(before);
    expect(ended).toBeLessThanOrEqual(after);
    expect(res.body.duration_ms).toBe(ended - start);
    expect(res.body.status).toBe("cancelled");
  });

  test("pending → pending and in_progress → in_progress only change outputs", async ({ api }) => {
    const e = await record(api);
    const same = await api.patch<RestExecution>(`/executions/${e.id}`, { outputs: { step: 1 } });
    expect([same.status, same.body.status, same.body.outputs]).toEqual([200, "pending", { step: 1 }]);
    await api.patch(`/executions/${e.id}`, { status: "in_progress" });
    const still = await api.patch<RestExecution>(`/executions/${e.id}`, { status: "in_progress", outputs: [2] });
    expect([still.status, still.body.status, still.body.outputs, still.body.ended_at]).toEqual([
      200,
      "in_progress",
      [2],
      null,
    ]);
  });

  test("in_progress → pending is a conflict and changes nothing", async ({ api }) => {
    const e = await record(api, { status: "in_progress" });
    const res = await api.patch<RestError>(`/executions/${e.id}`, { status: "pending", outputs: { x: 1 } });
    expect([res.status, res.body.error.code, res.body.error.field]).toEqual([409, "CONFLICT", "status"]);
    expect((await api.get<RestExecution>(`/executions/${e.id}`)).body).toMatchObject({
      status: "in_progress",
      outputs: null,
      updated_at: e.updated_at,
    });
  });

  test("a finished execution cannot change at all (409 on status)", async ({ api }) => {
    const t = uniqueWindow();
    for (const status of ["success", "failure", "cancelled"] as const) {
      const e = await record(api, { status, timestamp: iso(t), duration_ms: 10, outputs: { v: 1 } });
      const attempts = [
        { status: "pending" },
        { status: "in_progress" },
        { status: "success" },
        { status: "failure", error: "late" },
        { status: "cancelled" },
        { outputs: { v: 2 } },
        { error: "changed" },
        { duration_ms: 99 },
      ];
      for (const body of attempts) {
        const res = await api.patch<RestError>(`/executions/${e.id}`, body);
        expect({
          from: status,
          body,
          status: res.status,
          code: res.body.error?.code,
          field: res.body.error?.field,
        }).toEqual({
          from: status,
          body,
          status: 409,
          code: "CONFLICT",
          field: "status",
        });
      }
      const {
        ancestors: _a,
        children: _c,
        descendants: _d,
        ...now
      } = (await api.get<RestExecutionDetail>(`/executions/${e.id}`)).body;
      expect(now).toEqual(e);
    }
  });

  test("refuses an end on an unfinished status, an end before the start, wrong types and unknown ids", async ({
    api,
  }) => {
    const e = await record(api);
    const t = Date.parse(e.timestamp);
    const cases: [string, unknown, number, string, string | undefined][] = [
      [e.id, { status: "in_progress", ended_at: iso(t + 1) }, 400, "VALIDATION_FAILED", "ended_at"],
      [e.id, { duration_ms: 5 }, 400, "VALIDATION_FAILED", "duration_ms"],
      [e.id, { status: "success", ended_at: iso(t - 1) }, 400, "VALIDATION_FAILED", "ended_at"],
      [e.id, { status: "finished" }, 400, "VALIDATION_FAILED", "status"],
      [e.id, { status: "success", duration_ms: "5" }, 400, "VALIDATION_FAILED", "duration_ms"],
      [e.id, { agent_name: "Other" }, 400, "VALIDATION_FAILED", "agent_name"],
      ["no-such-execution", { status: "success" }, 404, "NOT_FOUND", "id"],
    ];
    for (const [id, body, status, code, field] of cases) {
      const res = await api.patch<RestError>(`/executions/${id}`, body);
      expect({ body, status: res.status, code: res.body.error?.code, field: res.body.error?.field }).toEqual({
        body,
        status,
        code,
        field,
      });
    }
    const malformed = await api.patch<RestError>(`/executions/${e.id}`, rawBody("{status: success}"));
    expect([malformed.status, malformed.body.error.code]).toEqual([400, "INVALID_JSON"]);
    expect((await api.get<RestExecution>(`/executions/${e.id}`)).body).toMatchObject({
      status: "pending",
      ended_at: null,
      updated_at: e.updated_at,
    });
  });
});

describe("GET /executions/{id}", () => {
  test("an unknown id is 404 NOT_FOUND", async ({ api }) => {
    const res = await api.get<RestError>("/executions/does-not-exist");
    expect([res.status, res.body.error.code]).toEqual([404, "NOT_FOUND"]);
  });
});

describe("JSON size limit (BATON_JSON_LIMIT)", () => {
  test("inputs and outputs are limited in serialised bytes, at the byte", async () => {
    const server = await startTestServer({ env: { BATON_JSON_LIMIT: "64" } });
    try {
      const api = rest(server.url);
      // JSON.stringify("é…") is 2 quote bytes + 2 bytes per "é".
      const fits = "é".repeat(31); // 64 bytes
      const over = `${"é".repeat(31)}a`; // 65 bytes
      expect(Buffer.byteLength(JSON.stringify(fits))).toBe(64);
      expect(Buffer.byteLength(JSON.stringify(over))).toBe(65);
      const big = { k: "x".repeat(56) }; // {"k":"…"} = 8 + 56 = 64 bytes
      expect(Buffer.byteLength(JSON.stringify(big))).toBe(64);

      const ok = await api.post<RestExecution>("/executions", {
        agent_name: "TestAgent",
        status: "success",
        inputs: fits,
        outputs: big,
      });
      expect([ok.status, ok.body.inputs, ok.body.outputs]).toEqual([201, fits, big]);

      const before = await rowCount(server);
      const cases: [unknown, string][] = [
        [{ agent_name: "TestAgent", status: "success", inputs: over }, "inputs"],
        [{ agent_name: "TestAgent", status: "success", outputs: { k: "x".repeat(57) } }, "outputs"],
        [
          [
            { agent_name: "TestAgent", status: "success", inputs: fits },
            { agent_name: "TestAgent", status: "success", inputs: [over] },
          ],
          "[1].inputs",
        ],
      ];
      for (const [body, field] of cases) {
        const res = await api.post<RestError>("/executions", body);
        expect({ field, status: res.status, code: res.body.error.code, got: res.body.error.field }).toEqual({
          field,
          status: 400,
          code: "VALIDATION_FAILED",
          got: field,
        });
      }
      expect(await rowCount(server)).toBe(before);

      const pending = await api.post<RestExecution>("/executions", { agent_name: "TestAgent", status: "pending" });
      const patch = await api.patch<RestError>(`/executions/${pending.body.id}`, { status: "success", outputs: over });
      expect([patch.status, patch.body.error.code, patch.body.error.field]).toEqual([
        400,
        "VALIDATION_FAILED",
        "outputs",
      ]);
      expect((await api.get<RestExecution>(`/executions/${pending.body.id}`)).body).toMatchObject({
        status: "pending",
        outputs: null,
      });
    } finally {
      await server.stop();
    }
  });
});
