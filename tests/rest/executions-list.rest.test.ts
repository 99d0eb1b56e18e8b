// GET /executions: filters (agent and status lists, dates, workflow, workflow_run), the four
// sort orders, paging with a total, and 400s naming the parameter.
import { uniqueName, uniqueToken } from "../testkit/factories.js";
import {
  type ExecutionBody,
  iso,
  type RestExecutionList,
  uniqueExecutionId,
  uniqueWindow,
} from "../testkit/executions.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { QueryParams, RestError } from "../testkit/rest.js";

describe("GET /executions", () => {
  test("filters, sorts and pages exactly", async ({ api }) => {
    const t = uniqueWindow();
    const [A, B] = [uniqueName("Lister"), uniqueName("Other")];
    const [wf, run] = [uniqueToken("wf"), uniqueToken("run")];
    // id, agent, status, start offset, duration, workflow?, run?
    const rows: [string, string, ExecutionBody["status"], number, number | null, boolean, boolean][] = [
      ["e0", A, "success", 0, 300, true, true],
      ["e1", A, "failure", 10, 100, true, false],
      ["e2", B, "success", 20, 200, true, true],
      ["e3", A, "pending", 30, null, false, false],
      ["e4", B, "cancelled", 40, 100, false, false],
      ["e5", A, "success", 50, 50, true, true],
    ];
    const id = Object.fromEntries(rows.map(([k]) => [k, uniqueExecutionId(k)]));
    const res = await api.post("/executions", [
      ...rows.map(([k, agent, status, at, duration, inWf, inRun]) => ({
        id: id[k],
        agent_name: agent,
        status,
        timestamp: iso(t + at),
        ...(duration === null ? {} : { duration_ms: duration }),
        ...(inWf ? { workflow_id: wf } : {}),
        ...(inRun ? { workflow_run_id: run } : {}),
      })),
    ]);
    expect(res.status).toBe(201);
    const range = { start_date: iso(t), end_date: iso(t + 1000) };
    const cases: [QueryParams, string[], number?][] = [
      [{ agent: A }, ["e5", "e3", "e1", "e0"]],
      [{ agent: `${A},${B}`, status: "success" }, ["e5", "e2", "e0"]],
      [{ ...range, status: "success,failure", sort: "timestamp_asc" }, ["e0", "e1", "e2", "e5"]],
      [{ workflow: wf, sort: "timestamp_asc" }, ["e0", "e1", "e2", "e5"]],
      [{ workflow_run: run }, ["e5", "e2", "e0"]],
      [{ workflow: wf, agent: B }, ["e2"]],
      [{ ...range, sort: "duration_desc" }, ["e0", "e2", "e4", "e1", "e5", "e3"]],
      [{ ...range, sort: "duration_asc" }, ["e5", "e1", "e4", "e2", "e0", "e3"]],
      [{ ...range, sort: "timestamp_asc", limit: 2, offset: 2 }, ["e2", "e3"], 6],
      [{ ...range, limit: 4, offset: 4 }, ["e1", "e0"], 6],
      [{ ...range, offset: 10 }, [], 6],
      [{ start_date: iso(t + 10), end_date: iso(t + 40), agent: B }, ["e4", "e2"]],
    ];
    const got = [];
    for (const [query] of cases) {
      const list = await api.get<RestExecutionList>("/executions", query);
      got.push({
        query,
        status: list.status,
        ids: list.body.executions.map((e) => e.id),
        total: list.body.total,
        limit: list.body.limit,
        offset: list.body.offset,
      });
    }
    // Equal durations (e1, e4 at 100 ms) fall back to id order, which the test does not know in advance.
    const byId = (ids: string[]) => ids.map((k) => id[k] as string);
    const tie = (ids: string[], desc: boolean) => {
      const out = byId(ids);
      const [i1, i4] = [out.indexOf(id.e1 as string), out.indexOf(id.e4 as string)];
      if (i1 >= 0 && i4 >= 0) {
        const [lo, hi] = [Math.min(i1, i4), Math.max(i1, i4)];
        const pair = [id.e1 as string, id.e4 as string].sort();
        if (desc) pair.reverse();
        [out[lo], out[hi]] = pair as [string, string];
      }
      return out;
    };
    expect(got).toEqual(
      cases.map(([query, ids, total]) => ({
        query,
        status: 200,
        ids:
          query.sort === "duration_desc" ? tie(ids, true) : query.sort === "duration_asc" ? tie(ids, false) : byId(ids),
        total: total ?? ids.length,
        limit: Number(query.limit ?? 100),
        offset: Number(query.offset ?? 0),
      })),
    );
  });

  test("bad parameters are 400 naming the parameter", async ({ api }) => {
    const cases: [QueryParams, string][] = [
      [{ limit: 0 }, "limit"],
      [{ limit: 1001 }, "limit"],
      [{ limit: "ten" }, "limit"],
      [{ offset: -1 }, "offset"],
      [{ status: "success,finished" }, "status"],
      [{ sort: "newest" }, "sort"],
      [{ start_date: "2026-1-1" }, "start_date"],
      [{ end_date: "tomorrow" }, "end_date"],
      [{ page: 2 }, "page"],
    ];
    const got = [];
    for (const [query] of cases) {
      const res = await api.get<RestError>("/executions", query);
      got.push([res.status, res.body.error?.code, res.body.error?.field]);
    }
    expect(got).toEqual(cases.map(([, field]) => [400, "VALIDATION_FAILED", field]));
  });
});
