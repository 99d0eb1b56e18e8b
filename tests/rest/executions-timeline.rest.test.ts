// GET /executions/timeline: handoff trees nested root → children (siblings by start, trees by
// their root's start), the ancestors of matching executions included as context, date ranges
// inclusive at both ends (a date-only end is that whole day), filters, limit and truncation.
import { uniqueName } from "../testkit/factories.js";
import {
  DAY,
  day,
  type ExecutionBody,
  type IdTree,
  idTree,
  iso,
  type RestExecutionList,
  type RestRecorded,
  type RestTimeline,
  type RestTimelineNode,
  readBack,
  uniqueExecutionId,
  uniqueWindow,
} from "../testkit/executions.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { QueryParams, RestClient, RestError } from "../testkit/rest.js";

const HOUR = 3_600_000;

/** Records a batch (every member with an id of the test's) and returns what was stored, by id. */
async function record(api: RestClient, batch: ExecutionBody[]) {
  const res = await api.post<RestRecorded>("/executions", batch);
  expect([res.status, res.body.count]).toEqual([201, batch.length]);
  return new Map(
    (
      await readBack(
        api,
        batch.map((b) => b.id as string),
      )
    ).map((e) => [e.id, e]),
  );
}

async function timeline(api: RestClient, query: QueryParams) {
  const res = await api.get<RestTimeline>("/executions/timeline", query);
  expect(res.status).toBe(200);
  return res.body;
}

/** Named ids for one test: `ids.root` → `root-<n>-<random>`. */
function names<K extends string>(...keys: K[]): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, uniqueExecutionId(k)])) as Record<K, string>;
}

const withoutChildren = ({ children: _c, ...e }: RestTimelineNode) => e;

describe("GET /executions/timeline", () => {
  test("nests a deep tree exactly: siblings by start, trees by their root's start", async ({ api }) => {
    const t = uniqueWindow();
    const x = names("rA", "c1", "c2", "g1", "g2", "g3", "h1", "i1", "i2", "rB", "cB");
    const tree: [string, string | null, number, string][] = [
      [x.rA, null, 1000, "TestAgent"],
      [x.c1, x.rA, 1100, "CodeAgent"],
      [x.c2, x.rA, 1050, "ReviewAgent"],
      [x.g1, x.c1, 1200, "BuildAgent"],
      [x.g2, x.c1, 1150, "DocsAgent"],
      [x.g3, x.c2, 1060, "FormatAgent"],
      [x.h1, x.g1, 1300, "DeployAgent"],
      [x.i1, x.h1, 1400, "SyncAgent"],
      [x.i2, x.h1, 1350, "SyncAgent"],
      [x.rB, null, 500, "TestAgent"],
      [x.cB, x.rB, 600, "CodeAgent"],
    ];
    // Recorded leaves first, so the batch refers forward to its own members.
    const batch: ExecutionBody[] = [...tree].reverse().map(([id, parent, offset, agent]) => ({
      id,
      agent_name: agent,
      status: "success",
      timestamp: iso(t + offset),
      duration_ms: 10,
      ...(parent ? { parent_execution_id: parent } : {}),
    }));
    const recorded = await record(api, batch);

    const body = await timeline(api, { start_date: iso(t), end_date: iso(t + 2000) });
    const expected: IdTree[] = [
      [x.rB, [[x.cB, []]]],
      [
        x.rA,
        [
          [x.c2, [[x.g3, []]]],
          [
            x.c1,
            [
              [x.g2, []],
              [
                x.g1,
                [
                  [
                    x.h1,
                    [
                      [x.i2, []],
                      [x.i1, []],
                    ],
                  ],
                ],
              ],
            ],
          ],
        ],
      ],
    ];
    expect(body.roots.map(idTree)).toEqual(expected);
    expect({ ...body, roots: undefined }).toEqual({
      roots: undefined,
      context_ids: [],
      matched_count: 11,
      root_count: 2,
      truncated: false,
      next_cursor: null,
    });
    // Every node is the execution as recorded, plus its children.
    const flat: RestTimelineNode[] = [];
    const walk = (n: RestTimelineNode) => {
      flat.push(n);
      n.children.forEach(walk);
    };
    body.roots.forEach(walk);
    expect(flat.map(withoutChildren)).toEqual(flat.map((n) => recorded.get(n.id)));
    expect(flat.find((n) => n.id === x.i1)).toMatchObject({ depth: 4, root_id: x.rA, parent_execution_id: x.h1 });
  });

  test("start is inclusive, a date-only end covers its whole day, a timestamp end is inclusive to the ms", async ({
    api,
  }) => {
    const t = uniqueWindow(); // a UTC midnight
    const x = names("e0", "e1", "e2", "e3", "e4");
    const at: Record<keyof typeof x, number> = {
      e0: t + 10 * HOUR - 1,
      e1: t + 10 * HOUR,
      e2: t + 20 * HOUR,
      e3: t + DAY - 1,
      e4: t + DAY,
    };
    await record(
      api,
      (Object.keys(x) as (keyof typeof x)[]).map((k) => ({
        id: x[k],
        agent_name: "TestAgent",
        status: "success",
        timestamp: iso(at[k]),
      })),
    );
    const cases: [QueryParams, string[]][] = [
      [{ start_date: iso(t + 10 * HOUR), end_date: day(t) }, [x.e1, x.e2, x.e3]],
      [{ start_date: iso(t + 10 * HOUR), end_date: iso(t + 20 * HOUR) }, [x.e1, x.e2]],
      [{ start_date: iso(t + 10 * HOUR), end_date: iso(t + 20 * HOUR - 1) }, [x.e1]],
      [{ start_date: day(t), end_date: day(t) }, [x.e0, x.e1, x.e2, x.e3]],
      [{ start_date: day(t + DAY), end_date: day(t + DAY) }, [x.e4]],
      [{ start_date: iso(t + DAY - 1), end_date: iso(t + DAY) }, [x.e3, x.e4]],
      // The same instants written with an offset.
      [{ start_date: `${day(t)}T12:00:00.000+02:00`, end_date: `${day(t)}T22:00:00+02:00` }, [x.e1, x.e2]],
      // Nothing in range.
      [{ start_date: iso(t + DAY + 1), end_date: iso(t + 2 * DAY) }, []],
    ];
    const got = [];
    for (const [query] of cases) {
      const tl = await timeline(api, query);
      const list = await api.get<RestExecutionList>("/executions", { ...query, sort: "timestamp_asc" });
      got.push({
        query,
        timeline: tl.roots.map((r) => r.id),
        matched: tl.matched_count,
        roots: tl.root_count,
        truncated: tl.truncated,
        list: list.body.executions.map((e) => e.id),
        total: list.body.total,
      });
    }
    expect(got).toEqual(
      cases.map(([query, ids]) => ({
        query,
        timeline: ids,
        matched: ids.length,
        roots: ids.length,
        truncated: false,
        list: ids,
        total: ids.length,
      })),
    );
  });

  test("a root outside the range comes back with its descendants inside it, as context", async ({ api }) => {
    const t = uniqueWindow();
    const x = names("r", "early", "c", "g", "r2", "c2", "g2");
    await record(api, [
      {
        id: x.g,
        agent_name: "BuildAgent",
        status: "success",
        timestamp: iso(t + DAY + 2 * HOUR),
        parent_execution_id: x.c,
      },
      { id: x.c, agent_name: "CodeAgent", status: "failure", timestamp: iso(t + DAY + HOUR), parent_execution_id: x.r },
      {
        id: x.early,
        agent_name: "CodeAgent",
        status: "success",
        timestamp: iso(t + 5 * 60_000),
        parent_execution_id: x.r,
      },
      { id: x.r, agent_name: "TestAgent", status: "success", timestamp: iso(t) },
      { id: x.r2, agent_name: "TestAgent", status: "success", timestamp: iso(t + 1) },
      { id: x.c2, agent_name: "CodeAgent", status: "success", timestamp: iso(t + 2), parent_execution_id: x.r2 },
      {
        id: x.g2,
        agent_name: "BuildAgent",
        status: "success",
        timestamp: iso(t + DAY + 3 * HOUR),
        parent_execution_id: x.c2,
      },
    ]);
    const body = await timeline(api, { start_date: day(t + DAY), end_date: day(t + DAY) });
    expect(body.roots.map(idTree)).toEqual([
      [x.r, [[x.c, [[x.g, []]]]]],
      [x.r2, [[x.c2, [[x.g2, []]]]]],
    ]);
    expect([...body.context_ids].sort()).toEqual([x.r, x.r2, x.c2].sort());
    expect([body.matched_count, body.root_count, body.truncated]).toEqual([3, 2, false]);

    // Without a range the whole tree (the early sibling too) is there, and nothing is context.
    const whole = await timeline(api, { start_date: day(t), end_date: day(t + DAY) });
    expect(whole.roots.map(idTree)).toEqual([
      [
        x.r,
        [
          [x.early, []],
          [x.c, [[x.g, []]]],
        ],
      ],
      [x.r2, [[x.c2, [[x.g2, []]]]]],
    ]);
    expect([whole.context_ids, whole.matched_count]).toEqual([[], 7]);
  });

  test("a workflow filter keeps the ancestors outside any workflow (no workflow id) as context", async ({ api }) => {
    const t = uniqueWindow();
    const x = names("r", "c", "g", "other");
    const workflow = uniqueExecutionId("wf");
    await record(api, [
      { id: x.r, agent_name: "TestAgent", status: "success", timestamp: iso(t) },
      {
        id: x.c,
        agent_name: "CodeAgent",
        status: "success",
        timestamp: iso(t + 10),
        parent_execution_id: x.r,
        workflow_id: workflow,
      },
      {
        id: x.g,
        agent_name: "BuildAgent",
        status: "failure",
        timestamp: iso(t + 20),
        parent_execution_id: x.c,
        workflow_id: workflow,
      },
      { id: x.other, agent_name: "CodeAgent", status: "success", timestamp: iso(t + 15), parent_execution_id: x.r },
    ]);
    const body = await timeline(api, { workflow, start_date: iso(t), end_date: iso(t + 100) });
    expect(body.roots.map(idTree)).toEqual([[x.r, [[x.c, [[x.g, []]]]]]]);
    expect([body.context_ids, body.matched_count, body.root_count]).toEqual([[x.r], 2, 1]);
  });

  test("filters by agent (comma lists too), by status, and by both with a date", async ({ api }) => {
    const t = uniqueWindow();
    const [A, B, C] = [uniqueName("Alpha"), uniqueName("Beta"), uniqueName("Gamma")];
    const x = names("r1", "x1", "y1", "x2", "r2", "x3");
    await record(api, [
      { id: x.y1, agent_name: C, status: "success", timestamp: iso(t + 20), parent_execution_id: x.x1 },
      { id: x.x1, agent_name: B, status: "failure", timestamp: iso(t + 10), parent_execution_id: x.r1 },
      { id: x.x2, agent_name: A, status: "failure", timestamp: iso(t + 15), parent_execution_id: x.r1 },
      { id: x.r1, agent_name: A, status: "success", timestamp: iso(t) },
      { id: x.x3, agent_name: C, status: "failure", timestamp: iso(t + 110), parent_execution_id: x.r2 },
      { id: x.r2, agent_name: B, status: "cancelled", timestamp: iso(t + 100) },
    ]);
    const window = { start_date: iso(t), end_date: iso(t + 1000) };
    const cases: [QueryParams, IdTree[], string[], number][] = [
      [{ agent: A }, [[x.r1, [[x.x2, []]]]], [], 2],
      [
        { agent: C },
        [
          [x.r1, [[x.x1, [[x.y1, []]]]]],
          [x.r2, [[x.x3, []]]],
        ],
        [x.r1, x.x1, x.r2],
        2,
      ],
      [
        { ...window, status: "failure" },
        [
          [
            x.r1,
            [
              [x.x1, []],
              [x.x2, []],
            ],
          ],
          [x.r2, [[x.x3, []]]],
        ],
        [x.r1, x.r2],
        3,
      ],
      [{ agent: `${A},${C}`, status: "success" }, [[x.r1, [[x.x1, [[x.y1, []]]]]]], [x.x1], 2],
      [
        { agent: `${B}, ${C}`, status: "failure,cancelled", end_date: iso(t + 100) },
        [
          [x.r1, [[x.x1, []]]],
          [x.r2, []],
        ],
        [x.r1],
        2,
      ],
      [{ agent: B, status: "failure", start_date: iso(t + 11) }, [], [], 0],
      [{ agent: uniqueName("Nobody") }, [], [], 0],
    ];
    const got = [];
    for (const [query] of cases) {
      const tl = await timeline(api, query);
      got.push({ query, roots: tl.roots.map(idTree), context: [...tl.context_ids].sort(), matched: tl.matched_count });
    }
    expect(got).toEqual(
      cases.map(([query, roots, context, matched]) => ({ query, roots, context: [...context].sort(), matched })),
    );
  });

  test("next_cursor pages back through older trees: every tree once, newest page first, ties by id", async ({
    api,
  }) => {
    const t = uniqueWindow() + DAY;
    // Five trees; two share a start (the order is by start, then id, both descending).
    const x = names("a", "b", "c", "d", "e");
    const [tie1, tie2] = [x.b, x.c].sort();
    const starts: [string, number][] = [
      [x.a, t + 400],
      [tie1 as string, t + 300],
      [tie2 as string, t + 300],
      [x.d, t + 200],
      [x.e, t + 100],
    ];
    await record(
      api,
      starts.flatMap(([r, at]) => [
        { id: r, agent_name: "TestAgent", status: "success", timestamp: iso(at) },
        { id: `${r}-k`, agent_name: "CodeAgent", status: "failure", timestamp: iso(at + 10), parent_execution_id: r },
      ]) as ExecutionBody[],
    );
    const range = { start_date: iso(t), end_date: iso(t + 1000) };
    const pages: { roots: string[]; truncated: boolean; more: boolean }[] = [];
    let before: string | undefined;
    for (let i = 0; i < 10; i++) {
      const tl = await timeline(api, { ...range, limit: 2, ...(before ? { before } : {}) });
      expect(tl.root_count).toBe(5);
      pages.push({ roots: tl.roots.map((r) => r.id), truncated: tl.truncated, more: tl.next_cursor !== null });
      if (!tl.next_cursor) break;
      before = tl.next_cursor;
    }
    // Within a page the trees read earliest first, as always.
    expect(pages).toEqual([
      { roots: [tie2, x.a], truncated: true, more: true },
      { roots: [x.d, tie1], truncated: true, more: true },
      { roots: [x.e], truncated: false, more: false },
    ]);

    // The cursor keeps the filters: only failures (the children), their roots as context.
    const failures = await timeline(api, { ...range, status: "failure", limit: 4 });
    const older = await timeline(api, { ...range, status: "failure", limit: 4, before: failures.next_cursor ?? "" });
    expect([
      failures.roots.map((r) => r.id),
      older.roots.map((r) => r.id),
      older.context_ids,
      older.next_cursor,
    ]).toEqual([[x.d, tie1, tie2, x.a], [x.e], [x.e], null]);

    // A cursor that no timeline wrote is refused, naming the field; so is a page-size error.
    const forged = [
      "not a cursor!",
      Buffer.from("[1,2]").toString("base64url"),
      Buffer.from('["yesterday","x"]').toString("base64url"),
      Buffer.from(JSON.stringify([new Date(t).toISOString(), ""])).toString("base64url"),
      "A".repeat(600),
    ];
    for (const before of forged) {
      const res = await api.get<RestError>("/executions/timeline", { ...range, before });
      expect({ status: res.status, code: res.body.error?.code, field: res.body.error?.field }).toEqual({
        status: 400,
        code: "VALIDATION_FAILED",
        field: "before",
      });
    }
  });

  test("limit keeps the most recent trees, earliest first; root_count and truncated say what was cut", async ({
    api,
  }) => {
    const t = uniqueWindow() + DAY;
    const x = names("r0", "k0", "r1", "k1", "r2", "k2", "r3", "k3");
    // r0 starts before the range; its child is inside, so its tree counts and sorts first.
    const roots: [string, string, number][] = [
      [x.r3, x.k3, t + 300],
      [x.r1, x.k1, t + 100],
      [x.r0, x.k0, t - HOUR],
      [x.r2, x.k2, t + 200],
    ];
    await record(
      api,
      roots.flatMap(([r, k, at]) => [
        {
          id: k,
          agent_name: "CodeAgent",
          status: "success",
          timestamp: iso(Math.max(at, t) + 50),
          parent_execution_id: r,
        },
        { id: r, agent_name: "TestAgent", status: "success", timestamp: iso(at) },
      ]) as ExecutionBody[],
    );
    const range = { start_date: iso(t), end_date: iso(t + 1000) };
    const cases: [number, string[], boolean, string[]][] = [
      [1, [x.r3], true, []],
      [2, [x.r2, x.r3], true, []],
      [3, [x.r1, x.r2, x.r3], true, []],
      [4, [x.r0, x.r1, x.r2, x.r3], false, [x.r0]],
      [1000, [x.r0, x.r1, x.r2, x.r3], false, [x.r0]],
    ];
    const got = [];
    for (const [limit] of cases) {
      const tl = await timeline(api, { ...range, limit });
      got.push({
        limit,
        roots: tl.roots.map((r) => r.id),
        children: tl.roots.map((r) => r.children.map((c) => c.id)),
        truncated: tl.truncated,
        root_count: tl.root_count,
        context: tl.context_ids,
      });
    }
    const childOf = Object.fromEntries(roots.map(([r, k]) => [r, k]));
    expect(got).toEqual(
      cases.map(([limit, ids, truncated, context]) => ({
        limit,
        roots: ids,
        children: ids.map((r) => [childOf[r]]),
        truncated,
        root_count: 4,
        context,
      })),
    );
    const unlimited = await timeline(api, range);
    expect([unlimited.matched_count, unlimited.root_count, unlimited.truncated]).toEqual([7, 4, false]);
    expect(unlimited.next_cursor).toBeNull();

    for (const limit of ["0", "-1", "20001", "two"]) {
      const res = await api.get<RestError>("/executions/timeline", { ...range, limit });
      expect({ limit, status: res.status, code: res.body.error?.code, field: res.body.error?.field }).toEqual({
        limit,
        status: 400,
        code: "VALIDATION_FAILED",
        field: "limit",
      });
    }
  });

  /** Records one root per value (inputs: value, outputs: { echo: value }) and reads them back. */
  async function roundTrip(api: RestClient, values: unknown[]) {
    const t = uniqueWindow();
    const ids = values.map(() => uniqueExecutionId("json"));
    await record(
      api,
      values.map((v, i) => ({
        id: ids[i],
        agent_name: "TestAgent",
        status: "success",
        timestamp: iso(t + i),
        inputs: v,
        outputs: { echo: v },
      })) as ExecutionBody[],
    );
    const range = { start_date: iso(t), end_date: iso(t + 100) };
    const tl = await api.get<RestTimeline>("/executions/timeline", range);
    const list = await api.get<RestExecutionList>("/executions", { ...range, sort: "timestamp_asc" });
    const expected = values.map((v, i) => [ids[i], v, { echo: v }]);
    return {
      got: {
        list: [
          list.status,
          list.status === 200 ? list.body.executions.map((e) => [e.id, e.inputs, e.outputs]) : list.body,
        ],
        timeline: [tl.status, tl.status === 200 ? tl.body.roots.map((r) => [r.id, r.inputs, r.outputs]) : tl.body],
      },
      expected: { list: [200, expected], timeline: [200, expected] },
    };
  }

  test("returns JSON string inputs and outputs as strings, verbatim", async ({ api }) => {
    const { got, expected } = await roundTrip(api, ["42", "plain text", '{"looks":"like json"}', "null", ""]);
    expect(got).toEqual(expected);
  });

  test("a node is exactly GET /executions/{id} plus children: escapes, unicode, nulls and an open execution", async ({
    api,
  }) => {
    const t = uniqueWindow();
    const root = uniqueExecutionId("esc");
    const open = uniqueExecutionId("open");
    await record(api, [
      {
        id: root,
        agent_name: "Agent-ü ✓",
        status: "failure",
        timestamp: iso(t + 7),
        duration_ms: 1234,
        inputs: { quote: 'he said "hi"', lines: "a\nb\tc", slash: "\\ / \u2028", emoji: "🚀", n: 12345.678 },
        error: 'failed: "x"\n\ttrace ✗',
        workflow_step_id: 'step "one"',
        attempt: 3,
      },
      { id: open, agent_name: "TestAgent", status: "in_progress", timestamp: iso(t + 8), parent_execution_id: root },
    ]);
    const [stored] = await readBack(api, [root]);
    const [stillOpen] = await readBack(api, [open]);
    const res = await api.get<RestTimeline>("/executions/timeline", { start_date: iso(t), end_date: iso(t + 100) });
    expect(res.status).toBe(200);
    expect(res.body.roots).toEqual([{ ...stored, children: [{ ...stillOpen, children: [] }] }]);
    // The same keys in the same order as the record itself.
    expect(Object.keys(res.body.roots[0] as object)).toEqual([...Object.keys(stored as object), "children"]);
    expect(stillOpen).toMatchObject({ status: "in_progress", ended_at: null, duration_ms: null, outputs: null });
  });

  test("returns numbers, booleans, arrays and objects verbatim", async ({ api }) => {
    const { got, expected } = await roundTrip(api, [
      42,
      -7,
      3.5,
      1e-3,
      true,
      false,
      [1, "2", null, 2.25],
      { a: { b: [] }, n: 0.1 },
    ]);
    expect(got).toEqual(expected);
  });
});

describe("date parameters of /executions, /executions/timeline and /executions/graph", () => {
  test("bad dates are 400 naming start_date or end_date; an end before the start is 400 on end_date", async ({
    api,
  }) => {
    const bad = [
      "yesterday",
      "2026-13-01",
      "2026-11-01T25:00:00Z",
      "2026/11/01",
      "1700000000000",
      "2026-11-01T10:00:00+99:00",
    ];
    const paths = ["/executions", "/executions/timeline", "/executions/graph"];
    const got = [];
    const want = [];
    for (const path of paths) {
      for (const value of bad) {
        for (const field of ["start_date", "end_date"]) {
          const res = await api.get<RestError>(path, { [field]: value });
          got.push({ path, value, status: res.status, code: res.body.error?.code, field: res.body.error?.field });
          want.push({ path, value, status: 400, code: "VALIDATION_FAILED", field });
        }
      }
      for (const [start_date, end_date] of [
        ["2026-11-02", "2026-11-01"],
        ["2026-11-01T10:00:00.001Z", "2026-11-01T10:00:00Z"],
        ["2026-11-02T00:00:00Z", "2026-11-01"],
      ]) {
        const res = await api.get<RestError>(path, { start_date, end_date });
        got.push({
          path,
          value: `${start_date}..${end_date}`,
          status: res.status,
          code: res.body.error?.code,
          field: res.body.error?.field,
        });
        want.push({
          path,
          value: `${start_date}..${end_date}`,
          status: 400,
          code: "VALIDATION_FAILED",
          field: "end_date",
        });
      }
      // One day, both ends date-only, is a valid range.
      const oneDay = await api.get(path, { start_date: "2026-11-01", end_date: "2026-11-01" });
      got.push({ path, value: "one day", status: oneDay.status });
      want.push({ path, value: "one day", status: 200 });
    }
    expect(got).toEqual(want);
  });

  test("dates that do not exist in the calendar (February 30, November 31) are 400, not rolled over", async ({
    api,
  }) => {
    const got = [];
    const want = [];
    for (const path of ["/executions", "/executions/timeline", "/executions/graph"]) {
      for (const value of ["2026-02-30", "2026-11-31", "2027-02-29", "2026-04-31T12:00:00Z"]) {
        for (const field of ["start_date", "end_date"]) {
          const res = await api.get<RestError>(path, { [field]: value });
          got.push({ path, value, status: res.status, field: res.body.error?.field });
          want.push({ path, value, status: 400, field });
        }
      }
    }
    expect(got).toEqual(want);
  });
});
