// The trace list's rows are windowed (issue 16 §1): with 2,000 trees loaded, only the rows around the
// view are in the DOM, the table still says how many rows it has, the keyboard scrolls to the last
// tree, and axe finds nothing serious with the window moved.
import type { Page } from "playwright-core";
import { axeSevere } from "../testkit/axe.js";
import { type ExecutionBody, iso, uniqueExecutionId } from "../testkit/executions.js";
import { describe, expect, poll, test } from "../testkit/browser.js";
import { uniqueName } from "../testkit/factories.js";

const TREES = 2000;
/** Rows the page renders beyond each edge of the view (TRACE_ROWS_OVERSCAN in traces-page.tsx). */
const OVERSCAN = 40;

/** The trace ids rendered, top to bottom, with their aria-rowindex. */
function rendered(page: Page) {
  return page
    .getByTestId("traces-table")
    .locator("tbody tr[data-trace-id]")
    .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute("data-trace-id"), tr.getAttribute("aria-rowindex")]));
}

/** The geometry the window is cut from: the scroller's view and one row's height. */
function geometry(page: Page) {
  return page.getByTestId("traces-scroll").evaluate((el) => {
    const row = el.querySelector("tbody tr[data-trace-id]") as HTMLElement;
    return { viewport: el.clientHeight, row: row.getBoundingClientRect().height };
  });
}

describe("the trace list, windowed", () => {
  test("2,000 trees: a window of rows is rendered, the keyboard reaches the last, axe finds nothing serious", async ({
    page,
    api,
  }) => {
    const agent = uniqueName("WindowAgent");
    const now = Date.now() - 60_000;
    const roots = Array.from({ length: TREES }, (_, i) => uniqueExecutionId(`tw${i}`));
    const batch: ExecutionBody[] = roots.map((id, i) => ({
      id,
      agent_name: agent,
      status: "success",
      timestamp: iso(now - i * 1000),
      duration_ms: 10,
    }));
    expect((await api.post("/executions", batch)).status).toBe(201);

    await page.goto(`/ui/traces?agent=${agent}`);
    await poll(() => page.getByTestId("traces-count").textContent()).toBe("2,000 traces");
    const table = page.getByTestId("traces-table");
    const older = page.getByRole("button", { name: "Older traces →" });
    for (let loaded = 50; loaded < TREES; loaded += 50) {
      await poll(() => table.getAttribute("aria-rowcount")).toBe(String(loaded + 1));
      await older.click();
    }
    await poll(() => table.getAttribute("aria-rowcount")).toBe(String(TREES + 1));
    await poll(() => older.count()).toBe(0);

    // At the top: the rows in view (one partly) and the overscan below, no more.
    const g = await geometry(page);
    const inView = Math.ceil(g.viewport / g.row) + 1;
    const top = await rendered(page);
    expect(top.length).toBe(inView + OVERSCAN);
    expect(top.length).toBeLessThan(150);
    expect(top[0]).toEqual([roots[0], "2"]);
    expect(top.at(-1)).toEqual([roots[inView + OVERSCAN - 1], String(inView + OVERSCAN + 1)]);

    // The keyboard: the region takes focus and End scrolls to the last tree.
    await page.getByTestId("traces-scroll").focus();
    await page.keyboard.press("End");
    // Chromium animates a keyboard scroll: wait for it to end at the bottom (the last row is
    // rendered, within the overscan, before the scroll gets there).
    await poll(() =>
      page.getByTestId("traces-scroll").evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 1),
    ).toBe(true);
    await poll(() => rendered(page).then((rows) => rows.at(-1))).toEqual([roots[TREES - 1], String(TREES + 1)]);
    // The window settles on the rows in view and the overscan above them, no more.
    await poll(() => rendered(page).then((rows) => rows.length)).toBeLessThanOrEqual(inView + OVERSCAN + 1);
    const bottom = await rendered(page);
    expect(bottom.map(([id]) => id)).toEqual(roots.slice(TREES - bottom.length));
    // The last row is on screen inside the region.
    const last = page.locator(`tr[data-trace-id="${roots[TREES - 1]}"]`);
    const [box, region] = [await last.boundingBox(), await page.getByTestId("traces-scroll").boundingBox()];
    if (!box || !region) throw new Error("the last row or the region is not on screen");
    expect(box.y + box.height).toBeLessThanOrEqual(region.y + region.height + 1);

    // Scrolled back to the middle, the window follows.
    await page.getByTestId("traces-scroll").evaluate((el, row) => {
      el.scrollTop = 1000 * row;
    }, g.row);
    await poll(() => rendered(page).then((rows) => rows.some(([id]) => id === roots[1000]))).toBe(true);

    expect(await axeSevere(page)).toEqual({});
  });
});
