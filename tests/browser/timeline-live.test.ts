// The all-trees timeline away from "now", in Chromium: a double-click zooms the axis to a tree and
// the zoom lives in the URL (reload keeps it); new trees that arrive while the user looks at a
// zoomed axis or an older page are counted ("N new trees — show"), not drawn under them; "Follow
// live" keeps the newest; tooltips hide on Escape, on leaving the canvas and on new data; a link
// to an execution older than the default range opens its tree; "Copy link" copies the address.
import type { Page } from "playwright-core";
import { type ExecutionBody, iso, type RestExecution, uniqueExecutionId } from "../testkit/executions.js";
import {
  describe,
  expect,
  poll,
  recentWindow,
  searchParams,
  test,
  timelineBars,
  timelineFrame,
  untilSubscribed,
  watchSubscription,
} from "../testkit/browser.js";
import type { RestClient } from "../testkit/rest.js";

const MINUTE = 60_000;
const DAY = 86_400_000;

async function record(api: RestClient, body: ExecutionBody | ExecutionBody[]) {
  const res = await api.post<RestExecution>("/executions", body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

function timelineUrl(slot: { startMs: number; endMs: number }, extra: Record<string, string> = {}) {
  const params = new URLSearchParams({ start_date: iso(slot.startMs), end_date: iso(slot.endMs), ...extra });
  return `/ui/timeline?${params.toString()}`;
}

/** A finished execution of `minutes` minutes starting `at` ms. */
const run = (key: string, at: number, minutes: number, parent?: { id?: string }): ExecutionBody => ({
  id: uniqueExecutionId(key),
  agent_name: parent ? "CodeAgent" : "TestAgent",
  status: "success",
  timestamp: iso(at),
  duration_ms: minutes * MINUTE,
  ...(parent?.id ? { parent_execution_id: parent.id } : {}),
});

/** Bar ids drawn, top to bottom. */
const barIds = (page: Page) => timelineBars(page).then((bars) => bars.map((b) => b.id));

/** The span a zoom to [startMs, endMs] shows: the tree plus 5 % on each side, in the URL's ISO form. */
const zoomParams = (startMs: number, endMs: number) => {
  const pad = (endMs - startMs) * 0.05;
  return { from: iso(startMs - pad), to: iso(endMs + pad) };
};

/** The time axis of the last frame, to the millisecond. */
const drawnView = (page: Page) =>
  timelineFrame(page).then((f) => f && { startMs: Math.round(f.view.startMs), endMs: Math.round(f.view.endMs) });

/** Records probes (outside every window) until the page's subscription delivers one. */
async function subscribed(page: Page, api: RestClient, events: { count: () => number }) {
  await untilSubscribed(events, () =>
    record(api, {
      agent_name: "ProbeAgent",
      status: "success",
      timestamp: iso(Date.now() - 60 * DAY),
      duration_ms: 1,
    }),
  );
  void page;
}

describe("the timeline away from now", () => {
  test("double-click zooms the axis to a tree's span; the zoom is in the URL and survives a reload", async ({
    page,
    api,
  }) => {
    const slot = recentWindow();
    // Tree one spans +20 to +35 min (its child ends last); tree two +60 to +65 min.
    const root = run("dz-root", slot.startMs + 20 * MINUTE, 10);
    const child = run("dz-child", slot.startMs + 25 * MINUTE, 10, root);
    const other = run("dz-other", slot.startMs + 60 * MINUTE, 5);
    await record(api, [root, child, other]);
    await page.goto(timelineUrl(slot));
    // The newest tree on top.
    await poll(() => barIds(page)).toEqual([other.id, root.id, child.id]);
    expect(searchParams(page)).not.toHaveProperty("from");

    // On the lane label of the child: the whole tree, not the child alone.
    await page.locator(`[data-testid="timeline-lane"][data-execution-id="${child.id}"]`).dblclick();
    const first = zoomParams(slot.startMs + 20 * MINUTE, slot.startMs + 35 * MINUTE);
    await poll(() => searchParams(page)).toMatchObject(first);
    await poll(() => drawnView(page)).toEqual({ startMs: Date.parse(first.from), endMs: Date.parse(first.to) });
    await expect(page.getByTestId("timeline-span").textContent()).resolves.toBe("17 min");

    await page.reload();
    await poll(() => drawnView(page)).toEqual({ startMs: Date.parse(first.from), endMs: Date.parse(first.to) });
    expect(searchParams(page)).toMatchObject(first);

    // On the canvas, in tree two's lane (left edge of the canvas: the bar itself is off-axis now).
    const lane = await page.locator(`[data-testid="timeline-lane"][data-execution-id="${other.id}"]`).boundingBox();
    const canvas = await page.getByTestId("timeline-canvas").boundingBox();
    if (!lane || !canvas) throw new Error("the timeline is not on screen");
    await page.mouse.dblclick(canvas.x + 4, lane.y + lane.height / 2);
    await poll(() => searchParams(page)).toMatchObject(
      zoomParams(slot.startMs + 60 * MINUTE, slot.startMs + 65 * MINUTE),
    );

    // Fit returns to the whole range: the zoom leaves the URL.
    await page.getByRole("button", { name: "Fit" }).click();
    await poll(() => searchParams(page)).not.toHaveProperty("from");
    expect(searchParams(page)).not.toHaveProperty("to");
  });

  test("new trees arriving while zoomed are counted, not drawn; 'N new trees — show' shows them; Follow live keeps the newest", async ({
    page,
    api,
  }) => {
    const slot = recentWindow();
    const a = run("nn-a", slot.startMs + 10 * MINUTE, 5);
    await record(api, a);
    const events = watchSubscription(page, "executionChanges");
    await page.goto(timelineUrl(slot));
    await poll(() => barIds(page)).toEqual([a.id]);
    await subscribed(page, api, events);
    await page.locator(`[data-testid="timeline-lane"][data-execution-id="${a.id}"]`).dblclick();
    await poll(() => searchParams(page)).toHaveProperty("from");

    // Two new trees (one with a handoff) and an execution of another range.
    const b = run("nn-b", slot.startMs + 40 * MINUTE, 5);
    const b1 = run("nn-b1", slot.startMs + 42 * MINUTE, 2, b);
    const c = run("nn-c", slot.startMs + 50 * MINUTE, 5);
    await record(api, [b, b1, c]);
    await record(api, run("nn-elsewhere", slot.endMs + 30 * DAY, 1));
    const fresh = page.getByTestId("timeline-new");
    await poll(() => fresh.textContent().catch(() => null)).toBe("2 new trees — show");
    expect(await barIds(page)).toEqual([a.id]);
    expect(await page.getByTestId("timeline-lane").count()).toBe(1);

    await fresh.click();
    await poll(() => page.getByTestId("timeline-lane").count()).toBe(4);
    await poll(() => barIds(page)).toEqual([c.id, b.id, b1.id, a.id]);
    expect(searchParams(page)).not.toHaveProperty("from");
    expect(await fresh.count()).toBe(0);

    // Follow live: on, in the URL; a new tree is drawn as it arrives.
    const follow = page.getByTestId("timeline-follow");
    await expect(follow.getAttribute("aria-pressed")).resolves.toBe("false");
    await follow.click();
    await poll(() => follow.getAttribute("aria-pressed")).toBe("true");
    expect(searchParams(page).follow).toBe("1");
    const d = run("nn-d", slot.startMs + 70 * MINUTE, 5);
    await record(api, d);
    await poll(() => barIds(page)).toEqual([d.id, c.id, b.id, b1.id, a.id]);
    expect(await fresh.count()).toBe(0);

    // Zooming by hand stops following: the next tree is counted again.
    await page.getByRole("button", { name: "Zoom in" }).click();
    await poll(() => follow.getAttribute("aria-pressed")).toBe("false");
    expect(searchParams(page)).not.toHaveProperty("follow");
    expect(searchParams(page)).toHaveProperty("from");
    await record(api, run("nn-e", slot.startMs + 80 * MINUTE, 5));
    await poll(() => fresh.textContent().catch(() => null)).toBe("1 new tree — show");
  });

  test("on an older page a new tree is counted; the button brings the newest page", async ({ page, api }) => {
    const slot = recentWindow();
    const a = run("op-a", slot.startMs + 10 * MINUTE, 5);
    const b = run("op-b", slot.startMs + 20 * MINUTE, 5);
    await record(api, [a, b]);
    const events = watchSubscription(page, "executionChanges");
    await page.goto(timelineUrl(slot, { trees: "1" }));
    await poll(() => barIds(page)).toEqual([b.id]);
    await page.getByRole("button", { name: "Older trees →" }).click();
    await poll(() => barIds(page)).toEqual([a.id]);
    await subscribed(page, api, events);

    const c = run("op-c", slot.startMs + 30 * MINUTE, 5);
    await record(api, c);
    const fresh = page.getByTestId("timeline-new");
    await poll(() => fresh.textContent().catch(() => null)).toBe("1 new tree — show");
    expect(await barIds(page)).toEqual([a.id]);
    await fresh.click();
    await poll(() => barIds(page)).toEqual([c.id]);
    expect(searchParams(page)).not.toHaveProperty("before");
  });

  test("the tooltip hides on Escape, on leaving the canvas, on the wheel and when the data changes", async ({
    page,
    api,
  }) => {
    const slot = recentWindow();
    const a = run("tt-a", slot.startMs + 30 * MINUTE, 30);
    await record(api, a);
    const events = watchSubscription(page, "executionChanges");
    await page.goto(timelineUrl(slot));
    await poll(() => barIds(page)).toEqual([a.id]);
    await subscribed(page, api, events);
    const canvas = await page.getByTestId("timeline-canvas").boundingBox();
    const bar = (await timelineFrame(page))?.bars[0];
    if (!canvas || !bar) throw new Error("no bar on screen");
    const tooltip = page.getByTestId("timeline-tooltip");
    const hover = async () => {
      await page.mouse.move(canvas.x + bar.x + bar.width / 2 - 5, canvas.y + bar.y + bar.height / 2);
      await page.mouse.move(canvas.x + bar.x + bar.width / 2, canvas.y + bar.y + bar.height / 2);
      await poll(() => tooltip.count()).toBe(1);
    };

    await hover();
    await page.keyboard.press("Escape");
    await poll(() => tooltip.count()).toBe(0);

    await hover();
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y - 40);
    await poll(() => tooltip.count()).toBe(0);

    await hover();
    await page.mouse.wheel(0, -200);
    await poll(() => tooltip.count()).toBe(0);

    await hover();
    await record(api, run("tt-b", slot.startMs + 90 * MINUTE, 5));
    await poll(() => barIds(page).then((ids) => ids.length)).toBe(2);
    await poll(() => tooltip.count()).toBe(0);
  });
});

describe("deep links", () => {
  test("a link to an execution older than the default range widens the range to its tree and opens it", async ({
    page,
    api,
  }) => {
    // Twenty days ago: outside the timeline's default last 7 days.
    const t0 = Math.floor((Date.now() - 20 * DAY) / MINUTE) * MINUTE;
    const root = run("old-root", t0, 10);
    const child = run("old-child", t0 + 4 * MINUTE, 3, root);
    const grandchild = run("old-grand", t0 + 6 * MINUTE, 1, child);
    await record(api, [root, child, grandchild]);

    await page.goto(`/ui/timeline?execution=${child.id}`);
    await poll(() => searchParams(page)).toEqual({
      execution: child.id,
      start_date: iso(t0),
      end_date: iso(t0 + 6 * MINUTE),
    });
    await poll(() => barIds(page)).toEqual([root.id, child.id, grandchild.id]);
    await poll(() => page.getByTestId("execution-detail").textContent()).toContain(child.id);

    await page.reload();
    await poll(() => barIds(page)).toEqual([root.id, child.id, grandchild.id]);
    expect(searchParams(page)).toEqual({ execution: child.id, start_date: iso(t0), end_date: iso(t0 + 6 * MINUTE) });
  });

  test("Copy link copies the address bar, zoom included, with visible feedback", async ({ page, api, server }) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    const slot = recentWindow();
    const a = run("cl-a", slot.startMs + 10 * MINUTE, 5);
    await record(api, a);
    await page.goto(timelineUrl(slot));
    await poll(() => barIds(page)).toEqual([a.id]);
    await page.locator(`[data-testid="timeline-lane"][data-execution-id="${a.id}"]`).dblclick();
    await poll(() => searchParams(page)).toHaveProperty("from");

    const copy = page.getByRole("button", { name: "Copy link" });
    await copy.click();
    await poll(() => copy.textContent()).toBe("Copiedlink copied");
    const expected = `${server.url}${timelineUrl(slot)}&${new URLSearchParams(zoomParams(slot.startMs + 10 * MINUTE, slot.startMs + 15 * MINUTE)).toString()}`;
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    expect(page.url()).toBe(expected);

    // Every page header has one.
    for (const path of ["/ui/agents", "/ui/traces", "/ui/graph", "/ui/metrics", "/ui/workflows", "/ui/patterns"]) {
      await page.goto(path);
      await poll(() => page.getByRole("button", { name: "Copy link" }).count(), path).toBe(1);
    }
  });
});
