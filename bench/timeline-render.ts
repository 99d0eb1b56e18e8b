// The timeline page in headless Chromium with 10,000 executions in its range (SQLite):
// - load: navigation start → the first frame that has every lane (the page's own test hook
//   `window.__batonTimeline`, caught by a setter installed before the page runs), median of reps;
// - pan: a scripted 150-step drag across the canvas; requestAnimationFrame deltas in the page while
//   it pans → mean and p95 (≈16.7 ms is every frame on time), and the page's own draw time per frame.
// Baselines in the same run: the same page on a range holding 100 executions (figures as ratio
// 10k/100), and the page's GraphQL timeline query alone, fetched from Node (p50).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { buildClient, clientIsCurrent } from "../server/scripts/client-build.js";
import { launchChromium } from "../tests/testkit/chromium.js";
import { executionRows } from "./lib/execution-rows.js";
import { machine, median, postExecutions, quantile, table } from "./lib/harness.js";
import { spawnBaton } from "./lib/spawn-baton.js";

const TOTAL = Number(process.env.BENCH_TIMELINE_ROWS ?? 10_000);
const BASELINE = 100;
const BATCH = 1000;
const REPS = Math.min(10, Math.max(1, Number(process.env.BENCH_TIMELINE_REPS ?? 3)));
const QUERY_RUNS = 10;
const PAN_STEPS = 150;
const PAN_PX = 600;
const VIEWPORT = { width: 1280, height: 900 };
const LOAD_TIMEOUT_MS = 120_000;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

// ── The dashboard build and Chromium are the browser tests' own (server/scripts/client-build.ts,
// tests/testkit/chromium.ts).

async function ensureClientBuilt(): Promise<void> {
  if (clientIsCurrent()) return;
  console.log("building the dashboard (client/dist is missing or older than its sources)…");
  await buildClient();
}

// ── Figures.

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** The page's query (client/src/pages/timeline-page.tsx with its bar fragment), as a string. */
const TIMELINE_QUERY = `query TimelinePage($startDate: DateOrDateTime, $endDate: DateOrDateTime, $limit: Int) {
  timeline(startDate: $startDate, endDate: $endDate, limit: $limit) {
    rootCount matchedCount truncated contextIds
    executions { id agentName status timestamp endedAt durationMs parentExecutionId rootId attempt workflowId workflowRunId }
  }
}`;

interface Range {
  startMs: number;
  endMs: number;
}

/** p50 of the GraphQL timeline query (request, response, JSON parse) from Node; checks the count. */
async function queryTime(url: string, range: Range, expected: number): Promise<number> {
  const once = async () => {
    const t0 = performance.now();
    const res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: TIMELINE_QUERY,
        variables: { startDate: iso(range.startMs), endDate: iso(range.endMs), limit: 20_000 },
      }),
      signal: AbortSignal.timeout(60_000),
    });
    const body = (await res.json()) as { data?: { timeline?: { executions?: unknown[] } } };
    const ms = performance.now() - t0;
    const n = body.data?.timeline?.executions?.length;
    if (n !== expected) throw new Error(`timeline query returned ${n} executions, expected ${expected}`);
    return ms;
  };
  await once();
  const times: number[] = [];
  for (let i = 0; i < QUERY_RUNS; i++) times.push(await once());
  return median(times);
}

interface Load {
  /** Navigation start → first frame with every lane. */
  fullMs: number;
  /** Layout + paint of that frame. */
  drawMs: number;
  /** rAF deltas and the page's draw times while panning. */
  frameMs: number[];
  panDrawMs: number[];
}

/** One fresh page: load the range, wait for every lane, then pan. */
async function loadAndPan(browser: Browser, url: string, range: Range, lanes: number, errors: string[]): Promise<Load> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`console.error: ${m.text()}`);
    });
    // Catch every frame the painter reports, before any page script runs. Page scripts are strings:
    // tsx compiles functions with `__name(…)` helpers the page does not have.
    await page.addInitScript({
      content: `(() => {
        let frame;
        const bench = { full: null, draws: null };
        window.__bench = bench;
        Object.defineProperty(window, "__batonTimeline", {
          configurable: true,
          get() { return frame; },
          set(next) {
            frame = next;
            if (!bench.full && next.laneCount >= ${lanes}) bench.full = { at: next.drawnAt, drawMs: next.drawMs };
            if (bench.draws) bench.draws.push(next.drawMs);
          },
        });
      })();`,
    });
    const target = `${url}/ui/timeline?start_date=${iso(range.startMs)}&end_date=${iso(range.endMs)}`;
    await page.goto(target, { waitUntil: "commit", timeout: LOAD_TIMEOUT_MS });
    await page.waitForFunction("window.__bench.full !== null", null, { timeout: LOAD_TIMEOUT_MS, polling: 50 });
    const full = (await page.evaluate("window.__bench.full")) as { at: number; drawMs: number };
    const laneCount = await page.evaluate("window.__batonTimeline.laneCount");
    if (laneCount !== lanes) throw new Error(`the page drew ${laneCount} lanes, expected ${lanes}`);
    const { frameMs, panDrawMs } = await pan(page);
    return { fullMs: full.at, drawMs: full.drawMs, frameMs, panDrawMs };
  } finally {
    await context.close();
  }
}

async function pan(page: Page): Promise<{ frameMs: number[]; panDrawMs: number[] }> {
  const box = await page.getByTestId("timeline-canvas").boundingBox();
  if (!box) throw new Error("no timeline canvas");
  const before = (await page.evaluate("window.__batonTimeline.view.startMs")) as number;
  const x = box.x + box.width / 2 + PAN_PX / 2;
  const y = box.y + Math.min(box.height / 2, 200);
  await page.mouse.move(x, y);
  await page.evaluate(`(() => {
    const frames = [];
    let last = 0;
    let on = true;
    const tick = (t) => {
      if (last) frames.push(t - last);
      last = t;
      if (on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    window.__frames = frames;
    window.__stopFrames = () => { on = false; };
    window.__bench.draws = [];
  })()`);
  await page.mouse.down();
  await page.mouse.move(x - PAN_PX, y, { steps: PAN_STEPS });
  await page.mouse.up();
  const out = (await page.evaluate(
    "window.__stopFrames(), { frameMs: window.__frames, panDrawMs: window.__bench.draws }",
  )) as { frameMs: number[]; panDrawMs: number[] };
  const after = (await page.evaluate("window.__batonTimeline.view.startMs")) as number;
  if (!(after > before)) throw new Error(`the drag did not pan the view (start ${before} → ${after})`);
  return out;
}

async function measure(browser: Browser, url: string, range: Range, lanes: number, errors: string[]) {
  await loadAndPan(browser, url, range, lanes, errors); // priming: server caches, Chromium's code cache
  const loads: Load[] = [];
  for (let i = 0; i < REPS; i++) loads.push(await loadAndPan(browser, url, range, lanes, errors));
  const frames = loads.flatMap((l) => l.frameMs);
  const draws = loads.flatMap((l) => l.panDrawMs);
  return {
    fullMs: median(loads.map((l) => l.fullMs)),
    drawMs: median(loads.map((l) => l.drawMs)),
    frameMean: mean(frames),
    frameP95: quantile(frames, 0.95),
    frames: frames.length,
    panDrawMean: mean(draws),
  };
}

const host = machine();
const dir = mkdtempSync(join(tmpdir(), "baton-bench-tr-"));
try {
  await ensureClientBuilt();
  const baton = await spawnBaton({ DATABASE_URL: `file:${join(dir, "baton.db")}`, BATON_SEED: "auto" });
  const browser = await launchChromium();
  try {
    // Two 7-day windows of the recent past: the big one, and the week before it for the baseline.
    const end = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
    const big: Range = { startMs: end - 7 * DAY, endMs: end };
    const small: Range = { startMs: big.startMs - 8 * DAY, endMs: big.startMs - DAY };
    const span = 7 * DAY - 120_000; // every execution (≤ 60 s long) starts and ends inside
    const t0 = performance.now();
    await postExecutions(baton.url, executionRows(TOTAL, "tr", big.startMs, span), BATCH);
    const recordMs = performance.now() - t0;
    await postExecutions(baton.url, executionRows(BASELINE, "trb", small.startMs, span), BATCH);

    const errors: string[] = [];
    const gqlSmall = await queryTime(baton.url, small, BASELINE);
    const gqlBig = await queryTime(baton.url, big, TOTAL);
    const pageSmall = await measure(browser, baton.url, small, BASELINE, errors);
    const pageBig = await measure(browser, baton.url, big, TOTAL, errors);

    console.log(
      `timeline render — ${TOTAL.toLocaleString("en")} executions in a 7-day range vs ${BASELINE} (SQLite), Chromium ${browser.version()} headless ${VIEWPORT.width}×${VIEWPORT.height}`,
    );
    console.log(`  ${host}`);
    console.log(
      `  recorded ${TOTAL.toLocaleString("en")} executions in ${TOTAL / BATCH} batches of ${BATCH} in ${(recordMs / 1000).toFixed(1)} s; page figures: median of ${REPS} loads after one priming load; pan: ${PAN_STEPS}-step drag of ${PAN_PX} px, every rAF delta of every load; query: p50 of ${QUERY_RUNS}`,
    );
    const f = (n: number) => n.toFixed(1);
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
    console.log(
      `\n${table(
        [
          ["figure", `${BASELINE} (baseline)`, TOTAL.toLocaleString("en"), "ratio"],
          ["GraphQL timeline query from Node, p50 ms", f(gqlSmall), f(gqlBig), ratio(gqlBig, gqlSmall)],
          [
            "navigation → first frame with all lanes, ms",
            f(pageSmall.fullMs),
            f(pageBig.fullMs),
            ratio(pageBig.fullMs, pageSmall.fullMs),
          ],
          [
            "  that frame's layout + paint, ms",
            f(pageSmall.drawMs),
            f(pageBig.drawMs),
            ratio(pageBig.drawMs, pageSmall.drawMs),
          ],
          [
            "pan: rAF frame time mean, ms",
            f(pageSmall.frameMean),
            f(pageBig.frameMean),
            ratio(pageBig.frameMean, pageSmall.frameMean),
          ],
          [
            "pan: rAF frame time p95, ms",
            f(pageSmall.frameP95),
            f(pageBig.frameP95),
            ratio(pageBig.frameP95, pageSmall.frameP95),
          ],
          [
            "pan: draw per frame mean, ms",
            f(pageSmall.panDrawMean),
            f(pageBig.panDrawMean),
            ratio(pageBig.panDrawMean, pageSmall.panDrawMean),
          ],
          ["pan: frames measured", String(pageSmall.frames), String(pageBig.frames), ""],
        ],
        [0],
      )}`,
    );
    if (errors.length) {
      console.error(`errors in the page:\n${errors.join("\n")}`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    await baton.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
