// The trace view (/ui/traces/:id) in Chromium (issue 16 §1): opened from the trace list, it draws
// one bar per execution in tree order on a time axis fitted to the tree, with each duration
// written, handoff arrows and the critical path; failed executions head the list beside it; the
// search highlights matching executions; a bar click opens the detail; everything is in the URL
// and survives a reload; [ and ] (k and j) walk the list the tree was opened from.
import type { Page } from "playwright-core";
import { type ExecutionBody, iso, uniqueExecutionId } from "../testkit/executions.js";
import { describe, expect, poll, test } from "../testkit/browser.js";
import { uniqueName } from "../testkit/factories.js";

const MINUTE = 60_000;

type TraceFrame = NonNullable<Window["__batonTrace"]>;
const frame = (page: Page): Promise<TraceFrame | null> => page.evaluate(() => window.__batonTrace ?? null);
const rootShown = async (page: Page) => (await frame(page))?.rootId ?? null;
const listOrder = (page: Page) =>
  page
    .getByTestId("trace-span-list")
    .locator("li")
    .evaluateAll((lis) => lis.map((li) => li.getAttribute("data-execution-id")));
const pathOf = (page: Page) => new URL(page.url()).pathname;

async function clickBar(page: Page, id: string) {
  const box = await page.getByTestId("trace-gantt").boundingBox();
  const f = await frame(page);
  const bar = f?.bars.find((b) => b.id === id);
  if (!box || !f || !bar) throw new Error(`no bar for ${id}`);
  const g = f.geometry;
  await page.mouse.click(
    box.x + g.labelWidth + (bar.x0 + bar.x1) / 2,
    box.y + g.axisHeight + bar.row * g.rowHeight - g.scrollTop + g.rowHeight / 2,
  );
}

describe("the trace view", () => {
  test("Gantt fitted to the tree, critical path, failed first, search, detail, deep link, prev/next", async ({
    page,
    api,
  }) => {
    const agent = uniqueName("TraceViewAgent");
    const word = uniqueName("needle")
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "");
    const t0 = Date.now() - 5 * MINUTE;
    const id = (k: string) => uniqueExecutionId(k);
    const r = { root: id("r"), a: id("r-a"), b: id("r-b"), b1: id("r-b1"), c: id("r-c"), d: id("r-d") };
    const [older, newer] = [id("p"), id("q")];
    const at = (ms: number) => iso(t0 + ms);
    const batch: ExecutionBody[] = [
      { id: older, agent_name: agent, status: "success", timestamp: at(-MINUTE), duration_ms: 100 },
      // root 0–10 s; a 1–3 s; c 2–4 s (overlaps b's start); b 3–8 s failed, b1 4–7.5 s failed; d 8–9.5 s.
      { id: r.root, agent_name: agent, status: "success", timestamp: at(0), duration_ms: 10_000 },
      {
        id: r.a,
        agent_name: "TestAgent",
        status: "success",
        timestamp: at(1_000),
        duration_ms: 2_000,
        parent_execution_id: r.root,
      },
      {
        id: r.c,
        agent_name: "ReviewAgent",
        status: "success",
        timestamp: at(2_000),
        duration_ms: 2_000,
        parent_execution_id: r.root,
        outputs: { note: `the ${word} was found` },
      },
      {
        id: r.b,
        agent_name: "CodeAgent",
        status: "failure",
        timestamp: at(3_000),
        duration_ms: 5_000,
        parent_execution_id: r.root,
        error: "tests red",
      },
      {
        id: r.b1,
        agent_name: "BuildAgent",
        status: "failure",
        timestamp: at(4_000),
        duration_ms: 3_500,
        parent_execution_id: r.b,
        error: "no disk",
      },
      {
        id: r.d,
        agent_name: "TestAgent",
        status: "success",
        timestamp: at(8_000),
        duration_ms: 1_500,
        parent_execution_id: r.root,
      },
      { id: newer, agent_name: agent, status: "success", timestamp: at(MINUTE), duration_ms: 100 },
    ];
    expect((await api.post("/executions", batch)).status).toBe(201);

    // From the trace list filtered to this test's agent: the middle row opens the trace view.
    await page.goto(`/ui/traces?agent=${agent}`);
    await page.locator(`tr[data-trace-id="${r.root}"]`).getByRole("link", { name: agent, exact: true }).click();
    await poll(() => rootShown(page)).toBe(r.root);
    expect(pathOf(page)).toBe(`/ui/traces/${r.root}`);

    // One bar per execution in tree order, durations written, arrows per handoff, fitted with 2 % room.
    const f = (await frame(page)) as TraceFrame;
    expect(f.bars.map((b) => [b.id, b.label])).toEqual([
      [r.root, "10 s"],
      [r.a, "2 s"],
      [r.c, "2 s"],
      [r.b, "5 s"],
      [r.b1, "3.5 s"],
      [r.d, "1.5 s"],
    ]);
    expect(f.bars.every((b) => b.x1 - b.x0 >= 4)).toBe(true);
    expect(f.arrows.map((a) => `${a.from}→${a.to}`).sort()).toEqual(
      [`${r.root}→${r.a}`, `${r.root}→${r.c}`, `${r.root}→${r.b}`, `${r.b}→${r.b1}`, `${r.root}→${r.d}`].sort(),
    );
    expect(f.view).toEqual({ startMs: t0 - 200, endMs: t0 + 10_200 });
    // The end waited on d, started when b ended; b on b1; a ended as b started; c ended after it.
    expect(f.critical).toEqual([r.root, r.a, r.b, r.b1, r.d]);
    // Failed first (by start), then the rest by start.
    expect(await listOrder(page)).toEqual([r.b, r.b1, r.root, r.a, r.c, r.d]);
    // The header: the root's duration, which here is the tree's too (no separate span).
    await expect(page.getByTestId("trace-summary").textContent()).resolves.toMatch(
      / · root 10 s · 6 executions · 2 failures$/,
    );

    // The agent graph: by agent (TestAgent ran twice under the root), then one node per execution.
    const graph = () =>
      page.evaluate(() => {
        const cy = window.__batonTraceGraph;
        return cy
          ? {
              nodes: cy
                .nodes()
                .map((n) => n.id())
                .sort(),
              edges: cy
                .edges()
                .map((e) => `${e.data("source")}→${e.data("target")} ${e.data("label")}`)
                .sort(),
            }
          : null;
      });
    await poll(graph).toEqual({
      nodes: [agent, "BuildAgent", "CodeAgent", "ReviewAgent", "TestAgent"].sort(),
      edges: [
        `${agent}→CodeAgent 1×`,
        `${agent}→ReviewAgent 1×`,
        `${agent}→TestAgent 2×`,
        "CodeAgent→BuildAgent 1×",
      ].sort(),
    });
    // Its text alternative: the same agents and routes as tables.
    const cells = (testId: string) =>
      page
        .getByTestId(testId)
        .locator("tbody tr")
        .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent).join(" | ")));
    await expect(cells("trace-graph-agents")).resolves.toEqual(
      [
        `${agent} | 1 | 0`,
        "BuildAgent | 1 | 1",
        "CodeAgent | 1 | 1",
        "ReviewAgent | 1 | 0",
        "TestAgent | 2 | 0",
      ].sort(),
    );
    await expect(cells("trace-graph-routes")).resolves.toEqual(
      [
        "CodeAgent | BuildAgent | 1",
        `${agent} | CodeAgent | 1`,
        `${agent} | ReviewAgent | 1`,
        `${agent} | TestAgent | 2`,
      ].sort(),
    );
    await page.getByLabel("One node per execution").check();
    await poll(async () => (await graph())?.nodes).toEqual(Object.values(r).sort());

    // Search: the one execution with the word in its outputs is highlighted in the Gantt and the list.
    const search = page.getByRole("searchbox", { name: "Highlight" });
    await search.fill(word);
    await search.press("Enter");
    await poll(async () => (await frame(page))?.matches).toEqual([r.c]);
    await expect(page.getByTestId("trace-matches").textContent()).resolves.toBe("1 execution of 6 match");
    await expect(
      page
        .locator('[data-testid="trace-span-list"] li[data-match="true"]')
        .evaluateAll((lis) => lis.map((li) => li.getAttribute("data-execution-id"))),
    ).resolves.toEqual([r.c]);

    // A click on d's bar opens its detail; selection and search are in the URL and survive a reload.
    await clickBar(page, r.d);
    await poll(async () => (await frame(page))?.selectedId).toBe(r.d);
    await poll(() => page.getByTestId("execution-detail").getByText(r.d).first().isVisible()).toBe(true);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ agent, find: word, selected: r.d });
    await page.reload();
    await poll(async () => {
      const g = await frame(page);
      return g ? [g.rootId, g.selectedId, g.matches] : null;
    }).toEqual([r.root, r.d, [r.c]]);

    // The keyboard walks the list the tree came from: ] older, [ newer (and the buttons), ends disabled.
    await page.keyboard.press("]");
    await poll(() => rootShown(page)).toBe(older);
    expect([pathOf(page), Object.fromEntries(new URL(page.url()).searchParams)]).toEqual([
      `/ui/traces/${older}`,
      { agent, find: word },
    ]);
    await expect(page.getByRole("button", { name: "Older →" }).isDisabled()).resolves.toBe(true);
    await page.keyboard.press("[");
    await poll(() => rootShown(page)).toBe(r.root);
    await page.keyboard.press("k");
    await poll(() => rootShown(page)).toBe(newer);
    await expect(page.getByRole("button", { name: "← Newer" }).isDisabled()).resolves.toBe(true);
    await page.getByRole("button", { name: "Older →" }).click();
    await poll(() => rootShown(page)).toBe(r.root);
    await page.keyboard.press("j");
    await poll(() => rootShown(page)).toBe(older);
  });

  test("a member's id opens its root's tree with it selected, live; an unknown id says so", async ({ page, api }) => {
    const [root, child] = [uniqueExecutionId("m"), uniqueExecutionId("m-c")];
    const t = Date.now() - MINUTE;
    const res = await api.post("/executions", [
      { id: root, agent_name: "TestAgent", status: "success", timestamp: iso(t), duration_ms: 40 },
      {
        id: child,
        agent_name: "CodeAgent",
        status: "success",
        timestamp: iso(t + 10),
        duration_ms: 5,
        parent_execution_id: root,
      },
    ]);
    expect(res.status).toBe(201);
    await page.goto(`/ui/traces/${child}`);
    await poll(async () => {
      const f = await frame(page);
      return f ? [f.rootId, f.selectedId, f.bars.map((b) => b.id)] : null;
    }).toEqual([root, child, [root, child]]);
    // Live: a handoff recorded now joins the open tree.
    const late = uniqueExecutionId("m-late");
    const more = await api.post("/executions", {
      id: late,
      agent_name: "ReviewAgent",
      status: "failure",
      timestamp: iso(t + 20),
      duration_ms: 100,
      parent_execution_id: child,
      error: "late review failed",
    });
    expect(more.status).toBe(201);
    await poll(async () => (await frame(page))?.bars.map((b) => b.id)).toEqual([root, child, late]);
    // It outlives the root (40 ms): the header gives the tree's span, 20 + 100 ms, beside the root's.
    await poll(() => page.getByTestId("trace-summary").textContent()).toMatch(
      / · root 40 ms, tree 120 ms · 3 executions · 1 failure$/,
    );
    await expect(listOrder(page)).resolves.toEqual([late, root, child]);
    // Keyboard: the list's buttons select an execution.
    await page.getByTestId("trace-span-list").getByRole("button").nth(1).focus();
    await page.keyboard.press("Enter");
    await poll(async () => (await frame(page))?.selectedId).toBe(root);

    await page.goto("/ui/traces/no-such-execution-here");
    await poll(() => page.getByText("No such trace").isVisible()).toBe(true);
    await poll(() => page.getByText("Execution 'no-such-execution-here' was not found").isVisible()).toBe(true);
  });
});
