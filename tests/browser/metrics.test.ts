// The metrics page in Chromium: executions recorded over REST for agents of unique names in a fixed
// past week (2026-10-05 … 2026-10-11, UTC, and some in the week before) become exact key-figure
// cards (against the previous period), a chart point per bucket with a figure, a bar per agent
// split by status; the filters (From/To, presets, granularity) live in the URL and refetch; a point
// or a bar opens the timeline over what it counts. A server seeded with the demo data shows a full
// page. Expected figures are worked out by hand below and checked against testkit/metrics.ts's
// independent model; the page's data (`window.__batonMetrics`) must equal GET /metrics.
import type { Locator, Page } from "playwright-core";
import { type ExecutionBody, iso, type RestRecorded, uniqueExecutionId } from "../testkit/executions.js";
import { uniqueName } from "../testkit/factories.js";
import {
  approxPercentiles,
  bucketLabels,
  expectedMetrics,
  type Metrics,
  type MetricsExecution,
  restMetrics,
} from "../testkit/metrics.js";
import { DDSketch } from "@datadog/sketches-js";
import {
  describe,
  ensureClientBuilt,
  expect,
  facts,
  location,
  poll,
  saveScreenshot,
  searchParams,
  test,
  timelineBars,
  UI_TIMEOUT_MS,
} from "../testkit/browser.js";
import type { RestClient } from "../testkit/rest.js";
import { startTestServer } from "../testkit/server.js";

const DAY = 86_400_000;
/** The by-agent segments' fills: the status colours (client/src/features/timeline/lib/status-colors.ts). */
const SEGMENT_FILL = {
  success: "rgba(23, 178, 106, 1)",
  failure: "rgba(240, 68, 56, 1)",
  other: "rgba(152, 162, 179, 1)",
} as const;
const START = "2026-10-05"; // a Monday
const END = "2026-10-11"; // the Sunday after

/**
 * One week of A and B (current period) and the week before (previous period), all in UTC:
 *
 * | day   | A                         | B                                      |
 * |-------|---------------------------|----------------------------------------|
 * | 10-05 | success 1 s, success 3 s  | failure 2 s                            |
 * | 10-07 | failure 4 s               | success 1 s                            |
 * | 10-09 |                           | success 6 s, in_progress (no duration) |
 * | 10-11 | success 2 s (23:59:59.999)|                                        |
 *
 * Current: 8 executions, 5 successes, 2 failures (rate 5/7 = 71.4 %), durations 1,1,2,2,3,4,6 s
 * (avg 19/7 s = 2.7 s, p95 = 7th of 7 = 6 s). A: 3 successes, 1 failure; B: 2, 1, and 1 other.
 * Previous (09-28 … 10-04): 4 executions of 1 s, 3 successes, 1 failure (75 %).
 * Empty days: 10-06, 10-08, 10-10. 10-04 23:59:59.999 is the previous period's last instant.
 */
function knownWeek() {
  const a = uniqueName("MetricsA");
  const b = uniqueName("MetricsB");
  const row = (agent: string, status: ExecutionBody["status"], timestamp: string, durationMs?: number) => ({
    id: uniqueExecutionId("mx"),
    agent_name: agent,
    status,
    timestamp,
    ...(durationMs === undefined ? {} : { duration_ms: durationMs }),
  });
  const current = {
    a1: row(a, "success", "2026-10-05T08:00:00.000Z", 1000),
    a2: row(a, "success", "2026-10-05T14:30:00.000Z", 3000),
    b1: row(b, "failure", "2026-10-05T00:00:00.000Z", 2000),
    a3: row(a, "failure", "2026-10-07T10:00:00.000Z", 4000),
    b2: row(b, "success", "2026-10-07T18:15:00.000Z", 1000),
    b3: row(b, "success", "2026-10-09T09:00:00.000Z", 6000),
    b4: row(b, "in_progress", "2026-10-09T12:00:00.000Z"),
    a4: row(a, "success", "2026-10-11T23:59:59.999Z", 2000),
  };
  const previous = [
    row(a, "success", "2026-09-28T00:00:00.000Z", 1000),
    row(a, "failure", "2026-09-30T12:00:00.000Z", 1000),
    row(b, "success", "2026-10-02T12:00:00.000Z", 1000),
    row(b, "success", "2026-10-04T23:59:59.999Z", 1000),
  ];
  const bodies: ExecutionBody[] = [...Object.values(current), ...previous];
  const model: MetricsExecution[] = bodies.map((e) => ({
    agent: e.agent_name,
    status: e.status,
    ts: Date.parse(e.timestamp as string),
    durationMs: e.duration_ms ?? null,
  }));
  return { a, b, current, bodies, model };
}

async function record(api: RestClient, bodies: ExecutionBody[]) {
  const res = await api.post<RestRecorded>("/executions", bodies);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** The metrics page's URL for the known week (agent names need no escaping: letters, digits, `_`). */
function metricsUrl(params: Record<string, string>) {
  return `/ui/metrics?${new URLSearchParams(params).toString().replace(/%2C/g, ",")}`;
}

const weekParams = (agents: string[]) => ({
  start_date: START,
  end_date: END,
  granularity: "day",
  tz: "UTC",
  agent: agents.join(","),
});

/** What the model says GET /metrics and the page must show for whole UTC days, by day. */
function modelFor(model: MetricsExecution[], agents: string[], startDate: string, endDate: string) {
  const start = Date.parse(`${startDate}T00:00:00.000Z`);
  const endExclusive = Date.parse(`${endDate}T00:00:00.000Z`) + DAY;
  return expectedMetrics(model, { agents, start, endExclusive, granularity: "day", tz: "UTC" });
}

// ---------------------------------------------------------------------------------------------
// Reading the page

interface CardText {
  value: string;
  /** The change's figure (`100%`, `3.6 pts`, `—`). */
  change: string;
  direction: string | null;
  tone: string | null;
  /** `vs 4 before`, `no previous data`. */
  versus: string;
  detail: string;
}

const CARDS = {
  executions: "metrics-card-executions",
  successRate: "metrics-card-success-rate",
  avgDuration: "metrics-card-avg-duration",
  p95Duration: "metrics-card-p95-duration",
} as const;

function readCard(page: Page, testId: string): Promise<CardText | null> {
  return page
    .getByTestId(testId)
    .evaluate(
      (card) => {
        const change = card.querySelector('[data-testid="metrics-card-change"]');
        const text = (el: Element | null | undefined) => el?.textContent ?? "";
        return {
          value: text(card.querySelector(".metric-card-value")),
          change: text(change?.querySelector(".metric-card-delta")),
          direction: change?.getAttribute("data-direction") ?? null,
          tone: change?.getAttribute("data-tone") ?? null,
          versus: text(change?.querySelector(".metric-card-versus")),
          detail: text(card.querySelector(".metric-card-detail")),
        };
      },
      undefined,
      { timeout: 1000 },
    )
    .catch(() => null);
}

const cardValue = async (page: Page, testId: string) => (await readCard(page, testId))?.value ?? null;

/** The page's last `metrics` result (`window.__batonMetrics.data`), as the GraphQL query returned it. */
type PageMetrics = Omit<Metrics, "agents" | "granularity"> & {
  __typename: string;
  /** The GraphQL enum value: DAY, WEEK, MONTH. */
  granularity: string;
  agents: { agentName: string; summary: Metrics["summary"]; series: Metrics["series"] }[];
};
const pageMetrics = (page: Page) =>
  page.evaluate(() => (window.__batonMetrics?.data ?? null) as unknown) as Promise<PageMetrics | null>;

/** The nivo point ids (`<series>.<n>`) drawn in a chart container, in DOM order. */
function chartPoints(page: Page, testId: string): Promise<string[]> {
  return page
    .getByTestId(testId)
    .locator('[data-testid^="line.point."]')
    .evaluateAll((els) => els.map((el) => (el.getAttribute("data-testid") ?? "").slice("line.point.".length)));
}

/** The by-agent chart's segments as their aria-labels (`<agent>: 3 successes`), sorted. */
function barLabels(page: Page): Promise<string[]> {
  return page
    .getByTestId("metrics-by-agent-chart")
    .locator('[data-testid^="bar.item."]')
    .evaluateAll((els) => els.map((el) => el.getAttribute("aria-label") ?? "").sort());
}

/** `2026-10-07` → the UTC weekday (Monday = 1). */
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const todayUtc = () => new Date().toISOString().slice(0, 10);
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

const camelKey = (k: string) => k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A REST (snake_case) value with every object key in camelCase, as GraphQL names it. */
function camel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camel);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [camelKey(k), camel(v)]));
  return value;
}

/** A GraphQL result without its `__typename`s (urql adds them to every object). */
function untyped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untyped);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== "__typename")
        .map(([k, v]) => [k, untyped(v)]),
    );
  return value;
}

/** The page's data, reduced to what both the page and GET /metrics carry, camelCase. */
/** A stats object without the token and cost sums: the page reads those per agent only (its tokens chart). */
function durationsAndCounts<T extends object>(stats: T): T {
  const { inputTokens, outputTokens, tokenExecutions, costUsd, costExecutions, ...rest } = stats as Record<
    string,
    unknown
  >;
  return rest as T;
}

function comparable(m: PageMetrics | Metrics) {
  return untyped({
    start: m.start,
    end: m.end,
    // GraphQL names the enum value DAY; GET /metrics and the model say day.
    granularity: m.granularity.toLowerCase(),
    tz: m.tz,
    previousStart: m.previousStart,
    summary: durationsAndCounts(m.summary),
    previous: durationsAndCounts(m.previous),
    series: m.series.map(durationsAndCounts),
    agents: m.agents.map((a) => ({
      agentName: a.agentName,
      total: a.summary.total,
      successes: a.summary.successes,
      failures: a.summary.failures,
      series: a.series.map(durationsAndCounts),
    })),
  });
}

/** The DDSketch mapping the rollups use (0.5% relative accuracy), for percentiles the page shows. */
const sketchMapping = new DDSketch({ relativeAccuracy: 0.005 }).mapping;

// ---------------------------------------------------------------------------------------------

describe("the metrics page", () => {
  test("shows exact key figures for a known week, against the previous week, from the same data as GET /metrics", async ({
    page,
    api,
  }) => {
    const week = knownWeek();
    await record(api, week.bodies);
    const agents = [week.a, week.b];

    await page.goto(metricsUrl(weekParams(agents)));

    await poll(() => readCard(page, CARDS.executions)).toEqual({
      value: "8",
      change: "100%",
      direction: "up",
      tone: "neutral",
      versus: "vs 4 before",
      detail: "5 succeeded · 2 failed · 1 other",
    });
    // 5/7 = 71.43 % against 75 %: down 3.57 points, bad news.
    await expect(readCard(page, CARDS.successRate)).resolves.toEqual({
      value: "71.4%",
      change: "3.6 pts",
      direction: "down",
      tone: "bad",
      versus: "vs 75% before",
      detail: "of 7 finished",
    });
    // 19/7 s = 2714 ms against 1 s: up 171 %, bad news (longer).
    await expect(readCard(page, CARDS.avgDuration)).resolves.toEqual({
      value: "2.7 s",
      change: "171%",
      direction: "up",
      tone: "bad",
      versus: "vs 1 s before",
      detail: "median 2 s",
    });
    // p95 6 s against 1 s: the sketch answers each bin's representative value (the library's
    // mapping at 0.5%), so the change is theirs, not exactly 500%.
    const bin = (ms: number) => sketchMapping.value(sketchMapping.key(ms));
    await expect(readCard(page, CARDS.p95Duration)).resolves.toEqual({
      value: "6 s",
      change: `${Math.round((bin(6000) / bin(1000) - 1) * 100)}%`,
      direction: "up",
      tone: "bad",
      // The 1 s bin's value is 997.29 ms: under a second, shown in whole milliseconds.
      versus: `vs ${Math.round(bin(1000))} ms before`,
      detail: "95% of executions finish within it",
    });
    await expect(page.getByTestId("metrics-range").textContent()).resolves.toBe("Oct 5 – Oct 11, 2026 · by day · UTC");

    // The filters show the URL's values.
    await expect(page.getByLabel("From", { exact: true }).inputValue()).resolves.toBe(START);
    await expect(page.getByLabel("To", { exact: true }).inputValue()).resolves.toBe(END);
    await expect(page.getByLabel("Time zone", { exact: true }).inputValue()).resolves.toBe("UTC");
    await expect(page.getByRole("button", { name: "Day", exact: true }).getAttribute("aria-pressed")).resolves.toBe(
      "true",
    );

    // The page's data is the API's: GET /metrics with the same parameters, and the model's figures.
    const expected = modelFor(week.model, agents, START, END);
    const shown = await pageMetrics(page);
    if (!shown) throw new Error("window.__batonMetrics was not set");
    expect(shown.__typename).toBe("Metrics");
    expect(shown.summary.total).toBe(8);
    expect(shown.series.map((b) => [b.label, b.total])).toEqual([
      ["2026-10-05", 3],
      ["2026-10-06", 0],
      ["2026-10-07", 2],
      ["2026-10-08", 0],
      ["2026-10-09", 2],
      ["2026-10-10", 0],
      ["2026-10-11", 1],
    ]);
    // Percentiles come from the rollups' DDSketch: within 1% of the model's exact values.
    expect(comparable(shown)).toEqual(approxPercentiles(comparable(expected)));
    const fromRest = camel(await restMetrics(api, weekParams(agents))) as Metrics;
    expect(comparable(fromRest)).toEqual(comparable(shown));
  });

  test("draws a point per bucket with a figure, and a bar per agent split by status", async ({ page, api }) => {
    const week = knownWeek();
    const { a, b } = week;
    await record(api, week.bodies);

    await page.goto(metricsUrl(weekParams([a, b])));

    // Success rate: one point per bucket with finished executions (10-06, -08, -10 are empty).
    await poll(() => pointBuckets(page.getByTestId("metrics-success-chart"))).toEqual([
      "Success rate@Oct 5",
      "Success rate@Oct 7",
      "Success rate@Oct 9",
      "Success rate@Oct 11",
    ]);
    // Duration: a p95 and an average point in each of those buckets.
    await expect(pointBuckets(page.getByTestId("metrics-duration-chart"))).resolves.toEqual(
      ["Oct 5", "Oct 7", "Oct 9", "Oct 11"].flatMap((d) => [`Average@${d}`, `p95@${d}`]).sort(bucketOrder),
    );
    // Comparison (both agents picked): a line per agent, points where that agent finished something.
    const [compareRate, compareP95] = [0, 1].map((i) =>
      page.getByTestId("metrics-compare-chart").locator("figure").nth(i),
    );
    if (!compareRate || !compareP95) throw new Error("no comparison charts");
    const perAgent = [`${a}@Oct 5`, `${a}@Oct 7`, `${a}@Oct 11`, `${b}@Oct 5`, `${b}@Oct 7`, `${b}@Oct 9`];
    await expect(pointBuckets(compareRate)).resolves.toEqual([...perAgent].sort(bucketOrder));
    await expect(pointBuckets(compareP95)).resolves.toEqual([...perAgent].sort(bucketOrder));
    await expect(page.locator(".metrics-compare-item figcaption").allTextContents()).resolves.toEqual([
      "Success rate",
      "p95 duration",
    ]);

    // The figures of a bucket, on hover: 10-07 has A's failure and B's success.
    const point = await pointCentre(page.getByTestId("metrics-success-chart"), "Success rate.1");
    await page.mouse.move(point.x, point.y);
    const tooltip = page.locator(".metrics-tooltip");
    await poll(() =>
      tooltip
        .locator("strong")
        .textContent({ timeout: 500 })
        .catch(() => null),
    ).toBe("Wed, Oct 7, 2026");
    await expect(facts(tooltip)).resolves.toEqual({ "Success rate": "50%", Executions: "2", Failures: "1" });
    await page.mouse.move(1, 1);

    // Executions by agent: a row per agent, each segment its count, as wide as its count.
    await expect(barLabels(page)).resolves.toEqual(
      [
        `${a}: 3 successes`,
        `${a}: 1 failures`,
        `${a}: 0 other (pending, running, cancelled)`,
        `${b}: 2 successes`,
        `${b}: 1 failures`,
        `${b}: 1 other (pending, running, cancelled)`,
      ].sort(),
    );
    const segments = await page
      .getByTestId("metrics-by-agent-chart")
      .locator('[data-testid^="bar.item."]')
      .evaluateAll((rects) =>
        rects.map((r) => ({
          label: r.getAttribute("aria-label") ?? "",
          width: (r as SVGGraphicsElement).getBBox().width,
          fill: r.getAttribute("fill"),
        })),
      );
    // One execution's width, from B's single failure; colours are the status colours.
    const unit = segments.find((s) => s.label === `${b}: 1 failures`)?.width ?? 0;
    expect(unit).toBeGreaterThan(20);
    const fills = { successes: SEGMENT_FILL.success, failures: SEGMENT_FILL.failure, other: SEGMENT_FILL.other };
    for (const s of segments) {
      const [, count = "", kind = ""] = /: (\d+) (successes|failures|other)/.exec(s.label) ?? [];
      expect(s.width, s.label).toBeCloseTo(Number(count) * unit, 3);
      expect(s.fill, s.label).toBe(fills[kind as keyof typeof fills]);
    }
    // The busiest agent on top; equal totals (4 each) put the first name on top.
    await expect(barRows(page)).resolves.toEqual([a, b]);
  });

  test("follows the date range and granularity filters: URL, cards and data change together", async ({ page, api }) => {
    const week = knownWeek();
    const { a, b } = week;
    // A success of A and a failure of B in the last hours (inside "Last 7 days" whatever the hour).
    const now = Date.now();
    const recent: ExecutionBody[] = [
      {
        id: uniqueExecutionId("mx"),
        agent_name: a,
        status: "success",
        timestamp: iso(now - 3_600_000),
        duration_ms: 500,
      },
      {
        id: uniqueExecutionId("mx"),
        agent_name: b,
        status: "failure",
        timestamp: iso(now - 7_200_000),
        duration_ms: 700,
      },
    ];
    await record(api, [...week.bodies, ...recent]);
    const agents = [a, b];

    await page.goto(metricsUrl(weekParams(agents)));
    await poll(() => cardValue(page, CARDS.executions)).toBe("8");

    // From 10-07: five of the week's executions; the previous period is the five days before.
    await page.getByLabel("From", { exact: true }).fill("2026-10-07");
    await poll(() => searchParams(page)).toEqual({ ...weekParams(agents), start_date: "2026-10-07" });
    const fromSeventh = modelFor(week.model, agents, "2026-10-07", END);
    expect(fromSeventh.summary.total).toBe(5);
    await poll(() => pageMetrics(page).then((m) => m?.start)).toBe("2026-10-07T00:00:00.000Z");
    await poll(() => readCard(page, CARDS.executions)).toMatchObject({
      value: "5",
      versus: `vs ${fromSeventh.previous.total} before`,
    });
    await expect(pageMetrics(page).then((m) => m && comparable(m))).resolves.toEqual(
      approxPercentiles(comparable(fromSeventh)),
    );
    await expect(page.getByTestId("metrics-range").textContent()).resolves.toBe("Oct 7 – Oct 11, 2026 · by day · UTC");

    // Last 7 days (in the page's zone, UTC): from six days ago to now; only the recent executions.
    const sixDaysAgo = addDays(todayUtc(), -6);
    await page.getByRole("button", { name: "Last 7 days" }).click();
    await poll(() => searchParams(page)).toEqual({
      start_date: sixDaysAgo,
      granularity: "day",
      tz: "UTC",
      agent: agents.join(","),
    });
    await poll(() => pageMetrics(page).then((m) => m?.start)).toBe(`${sixDaysAgo}T00:00:00.000Z`);
    await poll(() => readCard(page, CARDS.executions)).toEqual({
      value: "2",
      change: "—",
      direction: "none",
      tone: "neutral",
      versus: "no previous data",
      detail: "1 succeeded · 1 failed",
    });
    await expect(readCard(page, CARDS.successRate).then((c) => c?.value)).resolves.toBe("50%");
    await expect(page.getByRole("button", { name: "Last 7 days" }).getAttribute("aria-pressed")).resolves.toBe("true");
    await expect(page.getByLabel("From", { exact: true }).inputValue()).resolves.toBe(sixDaysAgo);
    await expect(page.getByLabel("To", { exact: true }).inputValue()).resolves.toBe("");
    const lastWeek = await pageMetrics(page);
    expect(lastWeek?.series.map((s) => s.label)).toEqual(Array.from({ length: 7 }, (_, i) => addDays(sixDaysAgo, i)));

    // By week: the URL says so, and the buckets are the ISO weeks (from Monday) the range touches.
    await page.getByRole("button", { name: "Week", exact: true }).click();
    await poll(() => searchParams(page).granularity).toBe("week");
    await poll(() => pageMetrics(page).then((m) => m?.granularity)).toBe("WEEK");
    const byWeek = await pageMetrics(page);
    if (!byWeek) throw new Error("no metrics");
    const labels = byWeek.series.map((s) => s.label);
    expect(labels.length).toBeGreaterThanOrEqual(1);
    expect(labels.map(weekday)).toEqual(labels.map(() => 1));
    expect(labels).toEqual(bucketLabels(Date.parse(byWeek.start), Date.parse(byWeek.end), "week", "UTC"));
    expect(byWeek.series.reduce((n, s) => n + s.total, 0)).toBe(2);
    expect(byWeek.start).toBe(`${sixDaysAgo}T00:00:00.000Z`);
    await expect(page.getByRole("button", { name: "Week", exact: true }).getAttribute("aria-pressed")).resolves.toBe(
      "true",
    );
    await poll(() => readCard(page, CARDS.executions).then((c) => c?.value)).toBe("2");
    await expect(page.getByTestId("metrics-range").textContent()).resolves.toMatch(/ · by week · UTC$/);
  });

  test("opens the timeline for a clicked point's bucket or a clicked bar's agent and status", async ({ page, api }) => {
    const week = knownWeek();
    const { a, b, current } = week;
    await record(api, week.bodies);
    const url = metricsUrl(weekParams([a, b]));

    // A point of the success-rate chart: the 10-07 bucket, both picked agents.
    await page.goto(url);
    await poll(() => chartPoints(page, "metrics-success-chart")).toHaveLength(4);
    const point = await pointCentre(page.getByTestId("metrics-success-chart"), "Success rate.1");
    await page.mouse.click(point.x, point.y);
    await poll(() => location(page)).toBe(`/ui/timeline?start_date=2026-10-07&end_date=2026-10-07&agent=${a},${b}`);
    await poll(() => timelineIds(page)).toEqual([current.a3.id, current.b2.id].sort());

    // A point of one agent's line in the comparison: that agent only (B on 10-09: a success and one running).
    await page.goBack();
    await poll(() => location(page)).toBe(url);
    const compareRate = page.getByTestId("metrics-compare-chart").locator("figure").first();
    await poll(() => chartPoints(page, "metrics-compare-chart")).toHaveLength(12);
    const bPoint = await pointCentre(compareRate, `${b}.2`);
    await page.mouse.click(bPoint.x, bPoint.y);
    await poll(() => location(page)).toBe(`/ui/timeline?start_date=2026-10-09&end_date=2026-10-09&agent=${b}`);
    await poll(() => timelineIds(page)).toEqual([current.b3.id, current.b4.id].sort());

    // A's failures segment: the whole range, A, failures only.
    await page.goBack();
    await poll(() => location(page)).toBe(url);
    await page.getByTestId("metrics-by-agent-chart").locator(`[aria-label="${a}: 1 failures"]`).click();
    await poll(() => location(page)).toBe(`/ui/timeline?start_date=${START}&end_date=${END}&agent=${a}&status=failure`);
    await poll(() => timelineIds(page)).toEqual([current.a3.id]);
  });

  test("shows the demo data: non-zero figures and all four charts", async ({ browser }) => {
    await ensureClientBuilt();
    const demo = await startTestServer({ env: { BATON_SEED: "demo" } });
    const context = await browser.newContext({ baseURL: demo.url, viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(UI_TIMEOUT_MS);
    const errors: string[] = [];
    try {
      const page = await context.newPage();
      page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(`console.error: ${m.text()}`);
      });

      await page.goto("/ui/metrics");

      await poll(() =>
        cardValue(page, CARDS.executions).then((v) => Number((v ?? "0").replace(/,/g, ""))),
      ).toBeGreaterThan(0);
      const data = await pageMetrics(page);
      if (!data) throw new Error("window.__batonMetrics was not set");
      // The default view: the last 30 days by day, in the browser's zone, all agents.
      expect(data.granularity).toBe("DAY");
      expect(data.tz).toBe(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone));
      expect(searchParams(page)).toEqual({});
      expect(data.series).toHaveLength(30);
      expect(data.agents.length).toBeGreaterThan(1);
      await expect(cardValue(page, CARDS.executions)).resolves.toBe(data.summary.total.toLocaleString("en-US"));
      for (const id of [CARDS.successRate, CARDS.avgDuration, CARDS.p95Duration])
        await expect(cardValue(page, id), id).resolves.toMatch(/^\d/);

      for (const id of ["metrics-success-chart", "metrics-duration-chart", "metrics-compare-chart"])
        await poll(() => chartPoints(page, id).then((p) => p.length), id).toBeGreaterThan(0);
      await poll(() => barLabels(page).then((l) => l.length)).toBeGreaterThanOrEqual(data.agents.length);
      for (const id of [
        "metrics-success-chart",
        "metrics-duration-chart",
        "metrics-by-agent-chart",
        "metrics-compare-chart",
      ])
        await expect(
          page.getByTestId(id).locator("svg path, svg rect[data-testid]").count(),
          id,
        ).resolves.toBeGreaterThan(0);

      await saveScreenshot(page, "metrics.png");
      expect(errors, "errors in the page").toEqual([]);
    } finally {
      await context.close();
      await demo.stop();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Helpers of the charts

/** Sorts `series@Oct 5` strings by series, then by day of month. */
function bucketOrder(x: string, y: string): number {
  const [sx = "", dx = ""] = x.split("@");
  const [sy = "", dy = ""] = y.split("@");
  return sx.localeCompare(sy) || Number(dx.split(" ")[1]) - Number(dy.split(" ")[1]);
}

/**
 * The points of a line chart as `series@<x-axis label under it>`, sorted (series, then day): each
 * point is matched to the bottom-axis tick label at the same x, so a point in the wrong bucket shows.
 */
async function pointBuckets(chart: Locator): Promise<string[]> {
  const found = await chart.evaluate((root) => {
    const centre = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    };
    const ticks = [...root.querySelectorAll("svg text")]
      .filter((t) => /^[A-Z][a-z]{2} \d{1,2}$/.test(t.textContent ?? ""))
      .map((t) => ({ label: t.textContent ?? "", x: centre(t).x }));
    return [...root.querySelectorAll('[data-testid^="line.point."]')].map((p) => {
      const id = (p.getAttribute("data-testid") ?? "").slice("line.point.".length);
      const series = id.slice(0, id.lastIndexOf("."));
      const at = centre(p).x;
      const tick = ticks.find((t) => Math.abs(t.x - at) < 1);
      return `${series}@${tick?.label ?? `x=${at}`}`;
    });
  });
  return found.sort(bucketOrder);
}

/** The centre of a nivo point (`<series>.<n>`) of a chart, in viewport pixels (scrolled into view). */
async function pointCentre(chart: Locator, id: string): Promise<{ x: number; y: number }> {
  const point = chart.locator(`[data-testid="line.point.${id}"]`);
  // The mouse only reaches what is in the viewport: the lower charts are below the fold.
  await chart.scrollIntoViewIfNeeded();
  const box = await point.boundingBox();
  if (!box) throw new Error(`no point ${id} on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The by-agent chart's row labels (agent names), top to bottom. */
function barRows(page: Page): Promise<string[]> {
  return page
    .getByTestId("metrics-by-agent-chart")
    .locator("rect[data-testid^='bar.item.successes.']")
    .evaluateAll((rects) =>
      rects
        .map((r) => ({
          top: r.getBoundingClientRect().top,
          agent: (r.getAttribute("aria-label") ?? "").split(":")[0] ?? "",
        }))
        .sort((p, q) => p.top - q.top)
        .map((r) => r.agent),
    );
}

/** The execution ids the timeline draws, sorted. */
const timelineIds = async (page: Page) => (await timelineBars(page)).map((bar) => bar.id).sort();
