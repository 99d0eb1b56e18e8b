// The Traces page in Chromium (issue 16 §1): one row per handoff tree, newest first, with the
// tree's figures; filters live in the URL and survive a reload; older trees come in pages below;
// a row opens its tree's trace view (and the timeline); a new tree arrives live.
import { readFileSync } from "node:fs";
import { type ExecutionBody, iso, uniqueExecutionId } from "../testkit/executions.js";
import { describe, expect, poll, test } from "../testkit/browser.js";
import { uniqueName } from "../testkit/factories.js";

const MINUTE = 60_000;

describe("the Traces page", () => {
  test("rows with each tree's figures, filters in the URL, older pages, a row opens the trace view and the timeline", async ({
    page,
    api,
  }) => {
    // An agent name of this test's own: filtering on it shows only its trees.
    const agent = uniqueName("TraceAgent");
    const now = Date.now() - 5 * MINUTE;
    const roots = Array.from({ length: 53 }, (_, i) => uniqueExecutionId(`tr${i}`));
    const batch: ExecutionBody[] = roots.flatMap((id, i) => [
      {
        id,
        agent_name: "TestAgent",
        status: i % 10 === 0 ? "failure" : "success",
        timestamp: iso(now - i * 1000),
        duration_ms: 100 + i,
      },
      {
        id: `${id}-c`,
        agent_name: agent,
        status: i % 10 === 0 ? "failure" : "success",
        timestamp: iso(now - i * 1000 + 10),
        duration_ms: 50,
        parent_execution_id: id,
      },
    ]);
    expect((await api.post("/executions", batch)).status).toBe(201);

    await page.goto(`/ui/traces?agent=${agent}`);
    const rows = () => page.getByTestId("traces-table").locator("tbody tr[data-trace-id]");
    const ids = () => rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-trace-id")));
    await poll(ids).toEqual(roots.slice(0, 50));
    await expect(page.getByTestId("traces-count").textContent()).resolves.toBe("53 traces");
    // The newest tree's row: root agent, status, duration, executions, failures, agents.
    const cells = (i: number) => rows().nth(i).locator("td").allTextContents();
    const [root, status, , duration, executions, failures, agents] = await cells(0);
    expect([root?.startsWith("TestAgent"), status, duration, executions, failures, agents]).toEqual([
      true,
      "Failure",
      "100 ms",
      "2",
      // Both the root and its child failed.
      "2",
      [agent, "TestAgent"].sort().join(", "),
    ]);

    // Older trees come below, in order, once each. The rows are windowed (traces-window.test.ts): the
    // top of the list, then its end once the table is scrolled down, make the whole list.
    await page.getByRole("button", { name: "Older traces →" }).click();
    await poll(() => page.getByTestId("traces-table").getAttribute("aria-rowcount")).toBe("54");
    const head = await ids();
    await page.getByTestId("traces-scroll").evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await poll(async () => (await ids()).at(-1)).toBe(roots.at(-1));
    const tail = await ids();
    expect([...new Set([...head, ...tail])]).toEqual(roots);
    await expect(page.getByRole("button", { name: "Older traces →" }).count()).resolves.toBe(0);

    // A status filter: failures only (every tenth tree), kept in the URL across a reload.
    await page.getByLabel("Status").selectOption("failure");
    await poll(() => new URL(page.url()).searchParams.get("status")).toBe("failure");
    const failed = roots.filter((_, i) => i % 10 === 0);
    await poll(ids).toEqual(failed);
    await page.reload();
    await poll(ids).toEqual(failed);
    await expect(page.getByTestId("traces-count").textContent()).resolves.toBe("6 traces");

    // Live: a new failing tree of the agent joins the top.
    const fresh = uniqueExecutionId("tr-new");
    expect(
      (
        await api.post("/executions", [
          { id: fresh, agent_name: "TestAgent", status: "failure", timestamp: iso(Date.now()), duration_ms: 5 },
          {
            agent_name: agent,
            status: "failure",
            timestamp: iso(Date.now()),
            duration_ms: 1,
            parent_execution_id: fresh,
          },
        ])
      ).status,
    ).toBe(201);
    await poll(ids).toEqual([fresh, ...failed]);

    // Exports: the filtered list as CSV (every page, newest first) and one tree as JSON.
    const [listFile] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export the list as CSV" }).click(),
    ]);
    expect(listFile.suggestedFilename()).toBe("baton-traces.csv");
    const csv = readFileSync((await listFile.path()) as string, "utf8").split("\r\n");
    expect(csv[0]).toBe(
      "id,agentName,status,startedAt,endedAt,durationMs,executionCount,failureCount,agents,inputTokens,outputTokens,costUsd,workflowRunId",
    );
    expect(csv.slice(1, -1).map((line) => line.split(",")[0])).toEqual([fresh, ...failed]);
    expect(csv.slice(1, -1).every((line) => line.split(",")[2] === "failure")).toBe(true);
    const [treeFile] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: `Export trace ${failed[0]} as JSON` }).click(),
    ]);
    const tree = JSON.parse(readFileSync((await treeFile.path()) as string, "utf8")) as {
      id: string;
      parentExecutionId: string | null;
      agentName: string;
      status: string;
      durationMs: number;
    }[];
    expect(tree.map((e) => [e.id, e.parentExecutionId, e.agentName, e.status, e.durationMs])).toEqual([
      [failed[0], null, "TestAgent", "failure", 100],
      [`${failed[0]}-c`, failed[0], agent, "failure", 50],
    ]);

    // A row opens its tree's trace view with the list's filters (its prev/next walk this list)…
    await rows().nth(1).getByRole("link", { name: "TestAgent", exact: true }).click();
    await page.waitForURL(/\/ui\/traces\/[^/?]+\?/);
    expect([new URL(page.url()).pathname, Object.fromEntries(new URL(page.url()).searchParams)]).toEqual([
      `/ui/traces/${failed[0]}`,
      { agent, status: "failure" },
    ]);
    // …and its second link opens the tree on the timeline, on its day.
    await page.goBack();
    await rows()
      .nth(1)
      .getByRole("link", { name: `TestAgent ${failed[0]} on the timeline` })
      .click();
    await page.waitForURL(/\/ui\/timeline\?/);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
      execution: failed[0],
      start_date: iso(now).slice(0, 10),
    });
  });

  test("the search box finds trees by words in their executions' inputs, outputs and errors", async ({ page, api }) => {
    const word = uniqueName("needle")
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "");
    const [hit, miss] = [uniqueExecutionId("hit"), uniqueExecutionId("miss")];
    const at = Date.now() - 60_000;
    expect(
      (
        await api.post("/executions", [
          { id: hit, agent_name: "TestAgent", status: "success", timestamp: iso(at), duration_ms: 5 },
          {
            agent_name: "CodeAgent",
            status: "failure",
            timestamp: iso(at + 1),
            duration_ms: 1,
            parent_execution_id: hit,
            error: `the ${word} broke`,
          },
          { id: miss, agent_name: "TestAgent", status: "success", timestamp: iso(at + 2), duration_ms: 5 },
        ])
      ).status,
    ).toBe(201);
    await page.goto("/ui/traces");
    const search = page.getByLabel("Search");
    await search.fill(`${word} broke`);
    await search.press("Enter");
    await poll(() => new URL(page.url()).searchParams.get("q")).toBe(`${word} broke`);
    const ids = () =>
      page
        .getByTestId("traces-table")
        .locator("tbody tr")
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-trace-id")));
    await poll(ids).toEqual([hit]);
    await expect(page.getByTestId("traces-count").textContent()).resolves.toBe("1 trace");
  });

  test("a bad filter says which, and the empty list says how to record a tree", async ({ page }) => {
    await page.goto("/ui/traces?execution=no-such-execution-anywhere");
    await poll(() => page.locator(".empty-state strong").textContent()).toBe("No traces match");
    await expect(page.locator(".empty-state code").textContent()).resolves.toContain("parent_execution_id");
  });
});
