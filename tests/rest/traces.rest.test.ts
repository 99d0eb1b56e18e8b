// GET /traces: one row per handoff tree, newest root first, with the tree's figures computed
// independently here from what was recorded; filters (status of the root, agent anywhere in the
// tree, root duration bounds, date range, an execution id); keyset paging that reaches every tree
// once; bad arguments refused naming the field.
import { type ExecutionBody, iso, uniqueExecutionId, uniqueWindow } from "../testkit/executions.js";
import { uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { getOk, type QueryParams, type RestClient, type RestError } from "../testkit/rest.js";

interface RestTrace {
  id: string;
  agent_name: string;
  status: string;
  started_at: string;
  ended_at: string | null;
  duration_ms: number | null;
  execution_count: number;
  failure_count: number;
  agents: string[];
  input_tokens: number | null;
  output_tokens: number | null;
  cost_usd: number | null;
  workflow_run_id: string | null;
}
interface RestTraces {
  nodes: RestTrace[];
  page_info: {
    has_next_page: boolean;
    has_previous_page: boolean;
    start_cursor: string | null;
    end_cursor: string | null;
  };
  total_count: number;
}

const traces = (api: RestClient, query: QueryParams) => getOk<RestTraces>(api, "/traces", query);

/** Three trees in a window of the test's own: figures worked out by hand below. */
async function recordTrees(api: RestClient) {
  const t = uniqueWindow();
  const id = (k: string) => uniqueExecutionId(k);
  const a = { root: id("a"), code: id("a-code"), test: id("a-test") };
  const b = { root: id("b"), build: id("b-build") };
  const c = { root: id("c") };
  const batch: ExecutionBody[] = [
    // a: TestAgent → CodeAgent (failure) and TestAgent → ReviewAgent (success); root 9 s.
    { id: a.root, agent_name: "TestAgent", status: "success", timestamp: iso(t + 1_000), duration_ms: 9_000 },
    {
      id: a.code,
      agent_name: "CodeAgent",
      status: "failure",
      timestamp: iso(t + 2_000),
      duration_ms: 3_000,
      parent_execution_id: a.root,
      input_tokens: 12_000,
      output_tokens: 800,
      cost_usd: 0.048,
    },
    {
      id: a.test,
      agent_name: "ReviewAgent",
      status: "success",
      timestamp: iso(t + 6_000),
      duration_ms: 5_000,
      parent_execution_id: a.root,
      // Tokens without a cost; the other has both: sums are over what was said.
      input_tokens: 3_500,
      output_tokens: 250,
    },
    // b: BuildAgent → DeployAgent, the root failed after 2 s.
    { id: b.root, agent_name: "BuildAgent", status: "failure", timestamp: iso(t + 20_000), duration_ms: 2_000 },
    {
      id: b.build,
      agent_name: "DeployAgent",
      status: "cancelled",
      timestamp: iso(t + 20_500),
      duration_ms: 500,
      parent_execution_id: b.root,
    },
    // c: one running execution.
    { id: c.root, agent_name: "TestAgent", status: "in_progress", timestamp: iso(t + 30_000) },
  ];
  const res = await api.post("/executions", batch);
  expect(res.status).toBe(201);
  return { t, a, b, c, range: { start_date: iso(t), end_date: iso(t + 60_000) } };
}

describe("GET /traces", () => {
  test("one row per tree, newest first, with exactly the tree's figures", async ({ api }) => {
    const { t, a, b, c, range } = await recordTrees(api);
    const body = await traces(api, range);
    expect(body.nodes).toEqual([
      {
        id: c.root,
        agent_name: "TestAgent",
        status: "in_progress",
        started_at: iso(t + 30_000),
        ended_at: null,
        duration_ms: null,
        execution_count: 1,
        failure_count: 0,
        agents: ["TestAgent"],
        input_tokens: null,
        output_tokens: null,
        cost_usd: null,
        workflow_run_id: null,
      },
      {
        id: b.root,
        agent_name: "BuildAgent",
        status: "failure",
        started_at: iso(t + 20_000),
        ended_at: iso(t + 22_000),
        duration_ms: 2_000,
        execution_count: 2,
        failure_count: 1,
        agents: ["BuildAgent", "DeployAgent"],
        input_tokens: null,
        output_tokens: null,
        cost_usd: null,
        workflow_run_id: null,
      },
      {
        id: a.root,
        agent_name: "TestAgent",
        status: "success",
        started_at: iso(t + 1_000),
        // The latest end in the tree: ReviewAgent's, 6 s + 5 s.
        ended_at: iso(t + 11_000),
        duration_ms: 9_000,
        execution_count: 3,
        failure_count: 1,
        agents: ["CodeAgent", "ReviewAgent", "TestAgent"],
        input_tokens: 15_500,
        output_tokens: 1_050,
        cost_usd: 0.048,
        workflow_run_id: null,
      },
    ]);
    expect([body.total_count, body.page_info.has_next_page, body.page_info.has_previous_page]).toEqual([
      3,
      false,
      false,
    ]);
  });

  test("filters: root status, an agent anywhere in the tree, root duration, an execution's tree", async ({ api }) => {
    const { a, b, c, range } = await recordTrees(api);
    const cases: [QueryParams, string[]][] = [
      [{ status: "failure" }, [b.root]],
      [{ status: "success,in_progress" }, [c.root, a.root]],
      [{ agent: "CodeAgent" }, [a.root]],
      [{ agent: "DeployAgent,ReviewAgent" }, [b.root, a.root]],
      [{ min_duration_ms: "2000" }, [b.root, a.root]],
      [{ min_duration_ms: "2001", max_duration_ms: "9000" }, [a.root]],
      [{ max_duration_ms: "1999" }, []],
      [{ execution: a.code }, [a.root]],
      [{ execution: b.root }, [b.root]],
      [{ execution: "no-such-execution" }, []],
      [{ agent: "TestAgent", status: "in_progress" }, [c.root]],
    ];
    const got = [];
    for (const [query] of cases) {
      const body = await traces(api, { ...range, ...query });
      got.push({ query, ids: body.nodes.map((n) => n.id), total: body.total_count });
    }
    expect(got).toEqual(cases.map(([query, ids]) => ({ query, ids, total: ids.length })));
  });

  test("text finds the trees holding an execution with every word in its inputs, outputs or error", async ({ api }) => {
    const t = uniqueWindow();
    const tag = uniqueName("needle")
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "");
    const id = (k: string) => uniqueExecutionId(k);
    const x = { a: id("a"), ac: id("ac"), b: id("b"), c: id("c"), d: id("d") };
    const batch: ExecutionBody[] = [
      // a: the word only in a child's outputs; b: in an error; c: in inputs, with another word.
      { id: x.a, agent_name: "TestAgent", status: "success", timestamp: iso(t + 1_000) },
      {
        id: x.ac,
        agent_name: "CodeAgent",
        status: "success",
        timestamp: iso(t + 1_500),
        parent_execution_id: x.a,
        outputs: { summary: `fixed the ${tag} flake`, files: ["src/a.ts"] },
      },
      {
        id: x.b,
        agent_name: "BuildAgent",
        status: "failure",
        timestamp: iso(t + 2_000),
        error: `${tag}: out of memory`,
      },
      {
        id: x.c,
        agent_name: "TestAgent",
        status: "success",
        timestamp: iso(t + 3_000),
        inputs: { task: `${tag} Ünïcode` },
      },
      // d: neither word (yet: it is still running).
      {
        id: x.d,
        agent_name: "TestAgent",
        status: "in_progress",
        timestamp: iso(t + 4_000),
        inputs: { task: "nothing" },
      },
    ];
    expect((await api.post("/executions", batch)).status).toBe(201);
    const range = { start_date: iso(t), end_date: iso(t + 60_000) };
    const cases: [string, string[]][] = [
      [tag, [x.c, x.b, x.a]],
      [`${tag.toUpperCase()} flake`, [x.a]],
      [`${tag} memory`, [x.b]],
      [`memory, ${tag}!`, [x.b]],
      [`ünïcode ${tag}`, [x.c]],
      [`${tag} nothing`, []],
    ];
    const got = [];
    for (const [text] of cases) got.push({ text, ids: (await traces(api, { ...range, text })).nodes.map((n) => n.id) });
    expect(got).toEqual(cases.map(([text, ids]) => ({ text, ids })));

    // The index follows updates and deletes in the same write.
    const patched = await api.patch(`/executions/${x.d}`, {
      status: "failure",
      error: `${tag} late`,
      ended_at: iso(t + 5_000),
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect((await traces(api, { ...range, text: `${tag} late` })).nodes.map((n) => n.id)).toEqual([x.d]);
    expect((await api.delete(`/executions/${x.ac}`)).status).toBe(200);
    expect((await traces(api, { ...range, text: `${tag} flake` })).nodes).toEqual([]);

    // (A blank text is no filter, like the others.)
    for (const text of ["!!!", "x".repeat(201)]) {
      const res = await api.get<RestError>("/traces", { text });
      expect([text.slice(0, 5), res.status, res.body.error?.field]).toEqual([text.slice(0, 5), 400, "text"]);
    }
  });

  test("first + after page through every tree once, newest first", async ({ api }) => {
    const { a, b, c, range } = await recordTrees(api);
    const seen: string[][] = [];
    let after: string | undefined;
    for (let i = 0; i < 5; i++) {
      const body = await traces(api, { ...range, first: "2", ...(after ? { after } : {}) });
      seen.push(body.nodes.map((n) => n.id));
      expect(body.page_info.has_previous_page).toBe(i > 0);
      if (!body.page_info.has_next_page) break;
      after = body.page_info.end_cursor ?? undefined;
    }
    expect(seen).toEqual([[c.root, b.root], [a.root]]);
  });

  test("bad arguments are 400s naming the field, and change nothing", async ({ api }) => {
    const cases: [QueryParams, string][] = [
      [{ first: "0" }, "first"],
      [{ first: "501" }, "first"],
      [{ after: "not a cursor" }, "after"],
      [{ after: Buffer.from('["soon","x"]').toString("base64url") }, "after"],
      [{ min_duration_ms: "-1" }, "min_duration_ms"],
      [{ min_duration_ms: "10", max_duration_ms: "5" }, "max_duration_ms"],
      [{ status: "finished" }, "status"],
      [{ start_date: "2026-11-02", end_date: "2026-11-01" }, "end_date"],
    ];
    const got = [];
    for (const [query] of cases) {
      const res = await api.get<RestError>("/traces", query);
      got.push({ query, status: res.status, field: res.body.error?.field });
    }
    expect(got).toEqual(cases.map(([query, field]) => ({ query, status: 400, field })));
  });
});
