// The trace view (/ui/traces/:id) in headless Chromium with one 2,000-execution tree (SQLite):
// navigation start → the first Gantt frame that has a bar for every execution (the page's own test
// hook `window.__batonTrace`, caught by a setter installed before the page runs), median of reps,
// and that frame's layout + paint time. Baselines in the same run: the same page on a 20-execution
// tree of the same shape (figures as ratio 2,000/20), and the page's GraphQL trace query alone,
// fetched from Node (p50).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { buildClient, clientIsCurrent } from "../server/scripts/client-build.js";
import { launchChromium } from "../tests/testkit/chromium.js";
import { machine, median, postExecutions, table } from "./lib/harness.js";
import { spawnBaton } from "./lib/spawn-baton.js";

const TOTAL = Number(process.env.BENCH_TRACE_EXECUTIONS ?? 2_000);
const BASELINE = 20;
const BATCH = 1000;
const REPS = Math.min(10, Math.max(1, Number(process.env.BENCH_TRACE_REPS ?? 5)));
const QUERY_RUNS = 10;
const VIEWPORT = { width: 1440, height: 900 };
const LOAD_TIMEOUT_MS = 120_000;
const AGENTS = ["TestAgent", "CodeAgent", "BuildAgent", "ReviewAgent", "DocsAgent", "DeployAgent"];
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * One tree of `size` executions in the shape of a supervisor run: a root, √size supervisors one
 * after another, the rest spread over them as parallel workers; every 50th worker fails. Parents
 * come before children (one batch may hold both).
 */
function tree(prefix: string, size: number, startMs: number) {
  const root = `${prefix}-root`;
  const supervisors = Math.max(1, Math.round(Math.sqrt(size)));
  const rows: Record<string, unknown>[] = [
    {
      id: root,
      agent_name: "workflow:bench",
      status: "success",
      timestamp: iso(startMs),
      duration_ms: supervisors * 10_000 + 1_000,
    },
  ];
  for (let s = 0; s < supervisors && rows.length < size; s++)
    rows.push({
      id: `${prefix}-s${s}`,
      agent_name: AGENTS[s % AGENTS.length],
      status: "success",
      timestamp: iso(startMs + 500 + s * 10_000),
      duration_ms: 9_500,
      parent_execution_id: root,
    });
  for (let w = 0; rows.length < size; w++) {
    const s = w % supervisors;
    rows.push({
      id: `${prefix}-w${w}`,
      agent_name: AGENTS[(w * 7) % AGENTS.length],
      status: w % 50 === 49 ? "failure" : "success",
      timestamp: iso(startMs + 600 + s * 10_000 + ((w * 37) % 4_000)),
      duration_ms: 200 + ((w * 131) % 4_500),
      parent_execution_id: `${prefix}-s${s}`,
      ...(w % 50 === 49 ? { error: `worker ${w} failed` } : {}),
      outputs: { worker: w, summary: `result of worker ${w}` },
    });
  }
  return { root, rows };
}

/** The page's query (client/src/pages/trace-view-page.tsx) without list filters, as a string. */
const TRACE_QUERY = `query TraceView($id: ID!) {
  trace(id: $id) {
    id agentName status startedAt endedAt durationMs executionCount failureCount workflowRunId criticalPath
    newer { id } older { id }
    executions { id parentExecutionId agentName status timestamp endedAt error inputs outputs updatedAt }
  }
}`;

async function queryTime(url: string, id: string, expected: number): Promise<number> {
  const once = async () => {
    const t0 = performance.now();
    const res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: TRACE_QUERY, variables: { id } }),
      signal: AbortSignal.timeout(60_000),
    });
    const body = (await res.json()) as { data?: { trace?: { executions?: unknown[] } } };
    const ms = performance.now() - t0;
    const n = body.data?.trace?.executions?.length;
    if (n !== expected) throw new Error(`trace query returned ${n} executions, expected ${expected}`);
    return ms;
  };
  await once();
  const times: number[] = [];
  for (let i = 0; i < QUERY_RUNS; i++) times.push(await once());
  return median(times);
}

/** One fresh page: navigation → the first frame with every bar. */
async function load(browser: Browser, url: string, root: string, bars: number, errors: string[]) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`console.error: ${m.text()}`);
    });
    // Page scripts are strings: tsx compiles functions with `__name(…)` helpers the page does not have.
    await page.addInitScript({
      content: `(() => {
        let frame;
        const bench = { full: null };
        window.__bench = bench;
        Object.defineProperty(window, "__batonTrace", {
          configurable: true,
          get() { return frame; },
          set(next) {
            frame = next;
            if (!bench.full && next.rootId === ${JSON.stringify(root)} && next.bars.length >= ${bars})
              bench.full = { at: next.drawnAt, drawMs: next.drawMs, bars: next.bars.length };
          },
        });
      })();`,
    });
    await page.goto(`${url}/ui/traces/${encodeURIComponent(root)}`, { waitUntil: "commit", timeout: LOAD_TIMEOUT_MS });
    await page.waitForFunction("window.__bench.full !== null", null, { timeout: LOAD_TIMEOUT_MS, polling: 50 });
    const full = (await page.evaluate("window.__bench.full")) as { at: number; drawMs: number; bars: number };
    if (full.bars !== bars) throw new Error(`the page drew ${full.bars} bars, expected ${bars}`);
    return full;
  } finally {
    await context.close();
  }
}

async function measure(browser: Browser, url: string, root: string, bars: number, errors: string[]) {
  await load(browser, url, root, bars, errors); // priming: server caches, Chromium's code cache
  const loads = [];
  for (let i = 0; i < REPS; i++) loads.push(await load(browser, url, root, bars, errors));
  return { fullMs: median(loads.map((l) => l.at)), drawMs: median(loads.map((l) => l.drawMs)) };
}

const host = machine();
const dir = mkdtempSync(join(tmpdir(), "baton-bench-tv-"));
try {
  if (!clientIsCurrent()) {
    console.log("building the dashboard (client/dist is missing or older than its sources)…");
    await buildClient();
  }
  const baton = await spawnBaton({ DATABASE_URL: `file:${join(dir, "baton.db")}`, BATON_SEED: "auto" });
  const browser = await launchChromium();
  try {
    const start = Math.floor(Date.now() / 60_000) * 60_000 - 6 * 3_600_000;
    const big = tree("tvb", TOTAL, start);
    const small = tree("tvs", BASELINE, start - 3_600_000);
    await postExecutions(baton.url, big.rows, BATCH);
    await postExecutions(baton.url, small.rows, BATCH);

    const errors: string[] = [];
    const gqlSmall = await queryTime(baton.url, small.root, BASELINE);
    const gqlBig = await queryTime(baton.url, big.root, TOTAL);
    const pageSmall = await measure(browser, baton.url, small.root, BASELINE, errors);
    const pageBig = await measure(browser, baton.url, big.root, TOTAL, errors);

    console.log(
      `trace view — one tree of ${TOTAL.toLocaleString("en")} executions vs ${BASELINE} (SQLite), Chromium ${browser.version()} headless ${VIEWPORT.width}×${VIEWPORT.height}`,
    );
    console.log(`  ${host}`);
    console.log(`  page figures: median of ${REPS} loads after one priming load; query: p50 of ${QUERY_RUNS}`);
    const f = (n: number) => n.toFixed(1);
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
    console.log(
      `\n${table(
        [
          ["figure", `${BASELINE} (baseline)`, TOTAL.toLocaleString("en"), "ratio"],
          ["GraphQL trace query from Node, p50 ms", f(gqlSmall), f(gqlBig), ratio(gqlBig, gqlSmall)],
          [
            "navigation → first frame with all bars, ms",
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
