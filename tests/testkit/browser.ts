// Real-Chromium tests of the dashboard: `import { test } from "../testkit/browser.js"` gives each
// file a Baton serving a current client/dist (`server`, `api`) and one Chromium (`browser`), and
// each test a fresh browser context (`page`) whose uncaught errors fail the test.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Locator, Page, WebSocketRoute } from "playwright-core";
import { test as base, expect } from "vitest";
import { buildClient, clientIsCurrent } from "../../server/scripts/client-build.js";
import { launchChromium } from "./chromium.js";
import { rest } from "./rest.js";
import { startTestServer } from "./server.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

export { CHROMIUM_PATH, launchChromium } from "./chromium.js";

/** Screenshots and other files for humans; git-ignored. */
export const ARTIFACTS_DIR = join(root, "tests/.artifacts");

/** How long a page gets to show what a test waits for. */
export const UI_TIMEOUT_MS = 10_000;

let building: Promise<void> | null = null;

/**
 * Builds the dashboard when client/dist is missing or older than its sources, once per process.
 * Call it before starting a server: the server decides at creation whether client/dist exists.
 */
export function ensureClientBuilt(): Promise<void> {
  building ??= clientIsCurrent() ? Promise.resolve() : buildClient();
  return building;
}

export const test = base
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern
  .extend("server", { scope: "file" }, async ({}, { onCleanup }) => {
    await ensureClientBuilt();
    const server = await startTestServer();
    onCleanup(() => server.stop());
    return server;
  })
  .extend("api", { scope: "file" }, ({ server }) => rest(server.url))
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern
  .extend("browser", { scope: "file" }, async ({}, { onCleanup }) => {
    const browser = await launchChromium();
    onCleanup(() => browser.close());
    return browser;
  })
  .extend("page", async ({ server, browser }, { onCleanup }) => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(UI_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(UI_TIMEOUT_MS);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`console.error: ${m.text()}`);
    });
    onCleanup(async () => {
      await context.close();
      // A page that threw or logged an error is broken even when the test saw what it wanted.
      expect(errors, "errors in the page").toEqual([]);
    });
    return page;
  });

export { describe, expect } from "vitest";

/** Retries `fn` until the assertion chained on it passes (the page renders asynchronously). */
export const poll = <T>(fn: () => T | Promise<T>, message?: string) =>
  expect.poll(fn, { timeout: UI_TIMEOUT_MS, interval: 50, message });

/** The agent names on the cards shown, in page order. */
export function cardNames(page: Page | Locator): Promise<string[]> {
  return page.getByTestId("agent-card").getByRole("heading").allTextContents();
}

/** The chips of a chip list, in order. */
export function chips(list: Locator): Promise<string[]> {
  return list.locator("li").allTextContents();
}

/** A `<dl>`'s terms and definitions as `{ term: definition }`. */
export function facts(scope: Locator): Promise<Record<string, string>> {
  return scope.locator("dl").evaluate((dl) => {
    const out: Record<string, string> = {};
    for (const dt of dl.querySelectorAll("dt")) {
      const dd = dt.nextElementSibling;
      if (dd?.tagName === "DD") out[dt.textContent ?? ""] = dd.textContent ?? "";
    }
    return out;
  });
}

/** The page's path and query, e.g. `/ui/agents?capability=testing`. */
export function location(page: Page): string {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

/** Saves a full-page screenshot under tests/.artifacts for humans to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, name);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** `{ name: value }` of the page's query string, decoded. */
export function searchParams(page: Page): Record<string, string> {
  return Object.fromEntries(new URL(page.url()).searchParams);
}

const HOUR = 3_600_000;
let recentWindows = 0;
let windowAnchor: number | undefined;

/**
 * A two-hour window of the recent past (inside the pages' default "last 7 days") that no other
 * call in this process returns, so a timeline or graph limited to it shows one test's executions.
 * Bounds are whole hours, so URLs built from them read well.
 */
export function recentWindow(): { startMs: number; endMs: number } {
  recentWindows += 1;
  if (recentWindows > 40) throw new Error("recentWindow: out of windows inside the last 7 days");
  // One anchor per process, so windows taken on either side of an hour's turn cannot overlap.
  windowAnchor ??= Math.floor(Date.now() / HOUR) * HOUR;
  const startMs = windowAnchor - (3 * recentWindows + 3) * HOUR;
  return { startMs, endMs: startMs + 2 * HOUR };
}

/** Names each recordAttributeHistory's slot in the page. */
let recordings = 0;

/**
 * Records every value an attribute takes on the elements matching `selector`, per element (named by
 * its `key` attribute), from the document's first script on: what the page showed even between two
 * polls or before a test looked. Call it before `page.goto`; `read()` gives `{ key: [values] }` with
 * repeats collapsed, in the order the page showed them. The record lives in the document, so a
 * reload starts it afresh.
 */
export async function recordAttributeHistory(page: Page, selector: string, key: string, attribute: string) {
  const slot = `__history_${recordings++}`;
  await page.addInitScript(
    ({ slot, selector, key, attribute }) => {
      const seen: Record<string, string[]> = {};
      Object.assign(globalThis, { [slot]: seen });
      const scan = () => {
        for (const el of document.querySelectorAll(selector)) {
          const id = el.getAttribute(key);
          const value = el.getAttribute(attribute);
          if (id === null || value === null) continue;
          const values = seen[id] ?? [];
          seen[id] = values;
          if (values.at(-1) !== value) values.push(value);
        }
      };
      new MutationObserver(scan).observe(document, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: [key, attribute],
      });
    },
    { slot, selector, key, attribute },
  );
  return {
    read: () =>
      page.evaluate((slot) => (globalThis as Record<string, unknown>)[slot] as Record<string, string[]>, slot),
  };
}

/**
 * Counts the frames of the page's graphql-ws socket that deliver `field` events. Call it before
 * `page.goto`: sockets opened earlier are not watched.
 */
export function watchSubscription(page: Page, field: string) {
  let count = 0;
  page.on("websocket", (ws) => {
    ws.on("framereceived", ({ payload }) => {
      const text = String(payload);
      if (text.includes('"next"') && text.includes(`"${field}"`)) count += 1;
    });
  });
  return { count: () => count };
}

/**
 * Puts the test between the page and its graphql-ws socket (call before `page.goto`): each frame
 * the server sends reaches the page unless `drop(frame)` says so; `cut()` drops the connection as
 * a restarting server does (close code 1012, which graphql-ws retries) and refuses new ones until
 * `restore()`. `received(field)` counts the `next` frames of a subscription field the page got.
 */
export async function routeLiveSocket(page: Page, drop: (frame: string) => boolean = () => false) {
  const delivered: string[] = [];
  let refusing = false;
  let current: { page: WebSocketRoute; server: WebSocketRoute } | null = null;
  await page.routeWebSocket(/\/graphql$/, (ws) => {
    if (refusing) {
      void ws.close({ code: 1012, reason: "test: the server is restarting" });
      return;
    }
    const server = ws.connectToServer();
    server.onMessage((message) => {
      const frame = String(message);
      if (drop(frame)) return;
      delivered.push(frame);
      ws.send(message);
    });
    current = { page: ws, server };
  });
  return {
    received: (field: string) => delivered.filter((f) => f.includes('"next"') && f.includes(`"${field}"`)).length,
    async cut() {
      refusing = true;
      const open = current;
      current = null;
      if (!open) return;
      await open.page.close({ code: 1012, reason: "test: the server is restarting" });
      await open.server.close().catch(() => {});
    },
    restore() {
      refusing = false;
    },
  };
}

/**
 * Subscriptions start asynchronously after the socket opens, and nothing tells the page when the
 * server has registered one: `probe` (a change the page receives but does not show) is repeated
 * until an event reaches the page, so a change made afterwards cannot race the subscription.
 */
export async function untilSubscribed(events: { count: () => number }, probe: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  const seen = events.count();
  while (events.count() === seen) {
    if (Date.now() > deadline) throw new Error(`no subscription event reached the page within ${UI_TIMEOUT_MS} ms`);
    await probe();
    // Wait for the event (or a moment) before probing again.
    const until = Date.now() + 250;
    while (events.count() === seen && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  }
}

/** The timeline's last frame (`window.__batonTimeline`), or null before the first one. */
export type TimelineFrame = NonNullable<Window["__batonTimeline"]>;
export type TimelineBar = TimelineFrame["bars"][number];

export function timelineFrame(page: Page): Promise<TimelineFrame | null> {
  return page.evaluate(() => window.__batonTimeline ?? null);
}

/** The bars drawn, top to bottom: `{ id, status, color, context }` (no pixels, for exact comparisons). */
export async function timelineBars(page: Page): Promise<Pick<TimelineBar, "id" | "status" | "color" | "context">[]> {
  const frame = await timelineFrame(page);
  return [...(frame?.bars ?? [])]
    .sort((a, b) => a.y - b.y)
    .map(({ id, status, color, context }) => ({ id, status, color, context }));
}

/** The handoff arrows drawn, as `parent→child` strings, sorted. */
export async function timelineArrows(page: Page): Promise<string[]> {
  const frame = await timelineFrame(page);
  return (frame?.arrows ?? []).map((a) => `${a.from}→${a.to}`).sort();
}

/** The lane labels shown, top to bottom: execution id and indentation depth (from the label's padding). */
export function timelineLanes(page: Page): Promise<{ id: string; depth: number }[]> {
  return page.getByTestId("timeline-lane").evaluateAll((lis) =>
    lis
      .map((li) => ({ el: li as HTMLElement, top: Number.parseFloat((li as HTMLElement).style.top) }))
      .sort((a, b) => a.top - b.top)
      .map(({ el }) => ({
        id: el.dataset.executionId ?? "",
        depth: Math.round((Number.parseFloat(el.style.paddingLeft) - 6) / 14),
      })),
  );
}

/** Clicks the middle of the bar of execution `id` on the timeline canvas, as a user would. */
export async function clickTimelineBar(page: Page, id: string): Promise<void> {
  const box = await page.getByTestId("timeline-canvas").boundingBox();
  if (!box) throw new Error("the timeline canvas is not on screen");
  const bar = (await timelineFrame(page))?.bars.find((b) => b.id === id);
  if (!bar) throw new Error(`execution ${id} has no bar in the last frame`);
  await page.mouse.click(box.x + bar.x + bar.width / 2, box.y + bar.y + bar.height / 2);
}

/** Where a handoff-graph node is on screen (its centre, in page pixels), from cytoscape itself. */
export async function graphNodePoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId("handoff-graph").boundingBox();
  if (!box) throw new Error("the handoff graph is not on screen");
  const at = await page.evaluate((node) => window.__batonGraph?.$id(node).renderedPosition() ?? null, id);
  if (!at) throw new Error(`the handoff graph has no node ${id}`);
  return { x: box.x + at.x, y: box.y + at.y };
}
