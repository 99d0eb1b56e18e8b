// Accessibility and the phone layout in Chromium: axe-core (WCAG 2.0/2.1 A and AA plus best
// practices) runs on every page of the dashboard (one URL per route of client/src/app.tsx, with
// data so charts, tables and the graph are drawn) and on the REST docs at /docs, and finds no
// serious and no critical violation; at 390×844 no page scrolls sideways and the sidebar is a menu
// button that opens and closes. GraphiQL (/graphql) is a third-party page and not covered here.
import type { Page } from "playwright-core";
import { iso, uniqueExecutionId } from "../testkit/executions.js";
import { describe, expect, poll, recentWindow, searchParams, test } from "../testkit/browser.js";
import type { RestClient } from "../testkit/rest.js";
import { axeSevere } from "../testkit/axe.js";
import { createWorkflow, registerMockAgent, startRun, waitForRun } from "../testkit/workflows.js";

const MINUTE = 60_000;

interface Fixture {
  agent: string;
  child: string;
  workflowId: string;
  runId: string;
  /** The root of a tree whose child failed (the trace view's page). */
  root: string;
  windowQuery: string;
}

let fixture: Promise<Fixture> | null = null;

/** An agent handing off to another (a week of executions), and a workflow with a finished run. */
function seed(api: RestClient): Promise<Fixture> {
  fixture ??= (async () => {
    const agent = await registerMockAgent(api, { latency_ms: 10, outputs: { ok: true } });
    const child = await registerMockAgent(api, { latency_ms: 10, outputs: { ok: true } });
    const { startMs, endMs } = recentWindow();
    let root = "";
    for (let i = 0; i < 4; i++) {
      root = uniqueExecutionId("a11y");
      const t = startMs + (10 + 20 * i) * MINUTE;
      const parent = await api.post("/executions", {
        id: root,
        agent_name: agent,
        status: "success",
        timestamp: iso(t),
        duration_ms: MINUTE,
      });
      expect(parent.status).toBe(201);
      const res = await api.post("/executions", {
        id: uniqueExecutionId("a11y"),
        agent_name: child,
        status: i === 3 ? "failure" : "success",
        timestamp: iso(t + MINUTE),
        duration_ms: 2000,
        parent_execution_id: root,
        ...(i === 3 ? { error: "boom" } : {}),
      });
      expect(res.status).toBe(201);
    }
    const workflow = await createWorkflow(api, {
      steps: [
        { id: "plan", agent },
        {
          parallel: [
            { id: "code", agent: child },
            { id: "lint", agent: child },
          ],
        },
      ],
    });
    const run = await startRun(api, workflow.id);
    await waitForRun(api, run.id);
    const windowQuery = new URLSearchParams({ start_date: iso(startMs), end_date: iso(endMs) }).toString();
    return { agent, child, workflowId: workflow.id, runId: run.id, root, windowQuery };
  })();
  return fixture;
}

/** Every route of client/src/app.tsx, with the text each page shows once its data is there. */
function pages(f: Fixture): { name: string; url: string; ready: string }[] {
  const agent = encodeURIComponent(f.agent);
  return [
    { name: "home", url: "/ui/", ready: "Get data in" },
    { name: "agents", url: "/ui/agents", ready: "Agents" },
    { name: "agent new", url: "/ui/agents/new", ready: "Register agent" },
    { name: "agent detail", url: `/ui/agents/${agent}`, ready: f.agent },
    { name: "agent edit", url: `/ui/agents/${agent}/edit`, ready: f.agent },
    { name: "patterns", url: "/ui/patterns", ready: "Parallel" },
    { name: "pattern detail", url: "/ui/patterns/parallel", ready: "Parallel" },
    { name: "timeline", url: `/ui/timeline?${f.windowQuery}`, ready: "Timeline" },
    { name: "traces", url: `/ui/traces?agent=${agent}`, ready: "Failures" },
    { name: "trace view", url: `/ui/traces/${encodeURIComponent(f.root)}?agent=${agent}`, ready: "failed first" },
    { name: "integrations", url: "/ui/integrations", ready: "Set NOTION_TOKEN" },
    { name: "workflows", url: "/ui/workflows", ready: "Workflows" },
    { name: "workflow run", url: `/ui/workflows/runs/${encodeURIComponent(f.runId)}`, ready: "succeeded" },
    { name: "workflow detail", url: `/ui/workflows/${encodeURIComponent(f.workflowId)}`, ready: "Run" },
    { name: "metrics", url: `/ui/metrics?agent=${agent},${encodeURIComponent(f.child)}`, ready: "Metrics" },
    { name: "graph", url: `/ui/graph?${f.windowQuery}`, ready: "1 handoff route" },
    { name: "health", url: "/ui/health", ready: "Health" },
    { name: "alerts", url: "/ui/alerts", ready: "Alerts" },
    { name: "access", url: "/ui/access", ready: "Access" },
    { name: "not found", url: "/ui/no-such-page", ready: "This page does not exist" },
  ];
}

/** Opens a page and waits until it has drawn its data (and no "Loading" remains). */
async function open(page: Page, url: string, ready: string) {
  await page.goto(url);
  await page
    .locator("main")
    .getByText(ready, { exact: false })
    .first()
    .waitFor()
    .catch(() => {
      throw new Error(`${url} never showed "${ready}"`);
    });
  await poll(() => page.getByText("Loading", { exact: false }).count()).toBe(0);
  // Charts animate in; let them settle before axe reads colours.
  await page.waitForTimeout(600);
}

/** Runs axe on every page in turn; `{ failed, found }` with `found[page]` its severe violations. */
async function axeEveryPage(page: Page, f: Fixture, theme: string) {
  const found: Record<string, Record<string, string[]>> = {};
  const failed: string[] = [];
  for (const p of pages(f)) {
    await open(page, p.url, p.ready).catch((e: Error) => failed.push(e.message));
    // The theme in force is the one asked for (the switch's choice is kept across pages).
    const shown = await page.evaluate(() => document.documentElement.dataset.theme);
    if (shown !== theme) failed.push(`${p.url} was shown in the ${shown} theme`);
    found[p.name] = await axeSevere(page);
  }
  // The figures for humans: elements with a serious/critical violation per page.
  for (const [name, rules] of Object.entries(found))
    console.log(
      `axe ${theme} ${name}: ${Object.values(rules).reduce((n, t) => n + t.length, 0)} elements, ${Object.keys(rules).join(", ")}`,
    );
  return { failed, found };
}

const clean = (f: Fixture) => ({ failed: [], found: Object.fromEntries(pages(f).map((p) => [p.name, {}])) });

describe("axe-core on every page", () => {
  test("the dashboard's pages have no serious or critical violation", async ({ page, api }) => {
    const f = await seed(api);
    await page.emulateMedia({ colorScheme: "light" });
    expect(await axeEveryPage(page, f, "light")).toEqual(clean(f));
  });

  test("none in the dark theme either, when the system asks for it", async ({ page, api }) => {
    const f = await seed(api);
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await axeEveryPage(page, f, "dark")).toEqual(clean(f));
  });

  test("none in the dark theme chosen with the switch on a light system", async ({ page, api }) => {
    const f = await seed(api);
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/ui/agents");
    await page.getByTestId("theme-switch").getByRole("radio", { name: "Dark" }).check();
    expect(await axeEveryPage(page, f, "dark")).toEqual(clean(f));
  });

  test("the REST docs at /docs have none either, and /favicon.ico is served", async ({ page, server }) => {
    await page.goto("/docs");
    await page.getByText("Baton", { exact: false }).first().waitFor();
    await page.locator(".opblock").first().waitFor();
    const rules = await axeSevere(page);
    console.log(
      `axe /docs: ${Object.values(rules).reduce((n, t) => n + t.length, 0)} elements, ${Object.keys(rules).join(", ")}`,
    );
    expect(rules).toEqual({});
    const icon = await fetch(`${server.url}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
  });
});

describe("the phone layout (390×844)", () => {
  test("no page scrolls sideways", async ({ page, api }) => {
    const f = await seed(api);
    await page.setViewportSize({ width: 390, height: 844 });
    const wide: Record<string, string> = {};
    for (const p of pages(f)) {
      await open(page, p.url, p.ready);
      // How far the page itself scrolls sideways when asked to go as far right as it can.
      const scrolled = await page.evaluate(() => {
        window.scrollTo(10_000, 0);
        const x = window.scrollX;
        window.scrollTo(0, 0);
        return x;
      });
      if (scrolled > 0)
        // Name the outermost elements that reach past the window, so a failure says what to fix.
        wide[p.name] = await page.evaluate(() => {
          const clipped = (el: Element) => {
            for (let a = el.parentElement; a; a = a.parentElement)
              if (getComputedStyle(a).overflowX !== "visible" && a !== document.documentElement && a !== document.body)
                return a.getBoundingClientRect().right <= 391;
            return false;
          };
          return (
            [...document.querySelectorAll("body *")]
              // Absolute boxes escape a scroller that is not their containing block: list them too.
              .filter(
                (el) =>
                  el.getBoundingClientRect().right > 391 &&
                  (!clipped(el) || getComputedStyle(el).position === "absolute"),
              )

              .map(
                (el) =>
                  `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} → ${Math.round(el.getBoundingClientRect().right)}`,
              )
              .slice(0, 8)
              .join("; ")
          );
        });
    }
    expect(wide).toEqual({});
  });

  test("the navigation is a menu button that opens and closes, and closes on navigation", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/ui/agents");
    const menu = page.getByRole("button", { name: "Menu" });
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(menu.getAttribute("aria-expanded")).resolves.toBe("false");
    await expect(nav.isVisible()).resolves.toBe(false);
    await menu.click();
    await expect(menu.getAttribute("aria-expanded")).resolves.toBe("true");
    await poll(() => nav.isVisible()).toBe(true);
    await menu.click();
    await expect(menu.getAttribute("aria-expanded")).resolves.toBe("false");
    await poll(() => nav.isVisible()).toBe(false);
    await menu.click();
    await nav.getByRole("link", { name: "Metrics" }).click();
    await page.waitForURL("**/ui/metrics**");
    await poll(() => menu.getAttribute("aria-expanded")).toBe("false");
    await poll(() => nav.isVisible()).toBe(false);
  });

  test("at 1280 wide the navigation shows without a menu button, and the skip link leads to the page", async ({
    page,
  }) => {
    await page.goto("/ui/agents");
    await poll(() => page.getByRole("navigation", { name: "Main" }).isVisible()).toBe(true);
    await expect(page.getByRole("button", { name: "Menu" }).isVisible()).resolves.toBe(false);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press("Enter");
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main-content");
  });
});

describe("text alternatives", () => {
  test("the graph lists every handoff route in a table: from, to, handoffs, failures, success rate", async ({
    page,
    api,
  }) => {
    const f = await seed(api);
    await page.goto(`/ui/graph?${f.windowQuery}`);
    const table = page.getByTestId("graph-routes");
    await poll(() => table.locator("tbody tr").count()).toBe(1);
    await expect(table.locator("thead th").allTextContents()).resolves.toEqual([
      "From agent",
      "To agent",
      "Handoffs",
      "Failures",
      "Success rate",
      "Executions",
    ]);
    await expect(table.locator("tbody td").allTextContents()).resolves.toEqual([
      f.agent,
      f.child,
      "4",
      "1",
      "75%",
      "Executions",
    ]);
    await table.getByRole("link", { name: `Executions of ${f.agent} → ${f.child}` }).click();
    await page.waitForURL("**/ui/timeline?**");
  });
});

describe("metrics corrections", () => {
  /** An agent with 3 successes and a failure on 2026-09-10 (UTC), 1 s to 4 s. */
  async function septemberAgent(api: RestClient): Promise<string> {
    const agent = await registerMockAgent(api, {});
    for (const [i, status] of (["success", "success", "failure", "success"] as const).entries()) {
      const res = await api.post("/executions", {
        id: uniqueExecutionId("a11y-m"),
        agent_name: agent,
        status,
        timestamp: `2026-09-10T1${i}:00:00.000Z`,
        duration_ms: (i + 1) * 1000,
      });
      expect(res.status).toBe(201);
    }
    return agent;
  }

  test("in a zone other than UTC the range reads as dates, not ISO instants", async ({ page, api }) => {
    const agent = await septemberAgent(api);
    await page.goto(`/ui/metrics?start_date=2026-09-07&end_date=2026-09-13&tz=America/New_York&agent=${agent}`);
    await poll(() => page.getByTestId("metrics-range").textContent()).toBe(
      "Sep 7 – Sep 13, 2026 · by day · America/New_York",
    );
  });

  test("an axis that does not start at 0 says so; every chart has its data table", async ({ page, api }) => {
    const agent = await septemberAgent(api);
    await page.goto(`/ui/metrics?start_date=2026-09-10&end_date=2026-09-10&tz=UTC&agent=${agent}`);
    const success = page.locator("section", { has: page.getByTestId("metrics-success-chart") });
    // 3 of 4: 75%, the axis from 70%.
    await poll(() => success.locator(".axis-note").textContent()).toBe("The axis starts at 70%, not 0.");
    await expect(page.locator(".metrics-compare-item .axis-note").textContent()).resolves.toBe(
      "The axis starts at 70%, not 0.",
    );
    await expect(page.getByTestId("metrics-in-progress").count()).resolves.toBe(0);

    const table = async (summary: string) => {
      const details = page.locator("details.chart-data", { hasText: summary });
      await details.locator("summary").click();
      return details
        .locator("tr")
        .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent ?? "")));
    };
    await expect(table("Data table: Success rate")).resolves.toEqual([
      ["Bucket", "Success rate", "Executions", "Failures"],
      ["Thu, Sep 10, 2026", "75%", "4", "1"],
    ]);
    await expect(table("Data table: Duration")).resolves.toEqual([
      ["Bucket", "p95", "Average", "Executions"],
      ["Thu, Sep 10, 2026", "4 s", "2.5 s", "4"],
    ]);
    await expect(table("Data table: Executions by agent")).resolves.toEqual([
      ["Agent", "Successes", "Failures", "Other", "Total"],
      [agent, "3", "1", "0", "4"],
    ]);
    await expect(table("Data table: Agent comparison")).resolves.toEqual([
      ["Bucket", `${agent} success rate`, `${agent} p95`],
      ["Thu, Sep 10, 2026", "75%", "4 s"],
    ]);
  });

  test("the current, partial period is marked in progress", async ({ page, api }) => {
    const agent = await registerMockAgent(api, {});
    const res = await api.post("/executions", {
      id: uniqueExecutionId("a11y-now"),
      agent_name: agent,
      status: "success",
      timestamp: new Date(Date.now() - 1000).toISOString(),
      duration_ms: 500,
    });
    expect(res.status).toBe(201);
    await page.goto(`/ui/metrics?tz=UTC&agent=${agent}`);
    const today = new Intl.DateTimeFormat("en-US", {
      timeZone: "UTC",
      weekday: "short",
      month: "short",
      day: "numeric",
      year: "numeric",
    }).format(new Date());
    await poll(() => page.getByTestId("metrics-in-progress").textContent()).toBe(
      `${today} is in progress: its figures are partial and marked “in progress” in the data tables.`,
    );
    const details = page.locator("details.chart-data", { hasText: "Data table: Success rate" });
    await details.locator("summary").click();
    await expect(details.locator("tbody tr").last().locator("td").first().textContent()).resolves.toBe(
      `${today} (in progress)`,
    );
  });

  test("adding a second agent to the comparison logs no error", async ({ page, api }) => {
    const a = await septemberAgent(api);
    const b = await septemberAgent(api);
    await page.goto(`/ui/metrics?start_date=2026-09-07&end_date=2026-09-13&tz=UTC&agent=${a}`);
    await poll(() => page.locator(".metrics-compare-item figcaption").count()).toBe(2);
    await page.getByLabel("Agents").click();
    await page.getByRole("checkbox", { name: b }).check();
    await poll(() => searchParams(page).agent).toBe(`${a},${b}`);
    await poll(() =>
      page.locator(".metrics-compare .legend li, .metrics-panel-wide .legend li").allTextContents(),
    ).toContain(b);
    // The page fixture fails the test on any console error or uncaught exception.
    await page.waitForTimeout(1000);
  });
});

describe("the Parallel pattern's diagram", () => {
  test("draws the suites of its example template, and no optional branch (none is)", async ({ page, api, server }) => {
    const pattern = await api.get<{ example_workflow_id: string | null; diagram_url: string }>("/patterns/parallel");
    expect(pattern.status).toBe(200);
    const template = await api.get<{ steps: { parallel?: { id: string; optional?: boolean }[] }[] }>(
      `/workflows/${pattern.body.example_workflow_id}`,
    );
    const branches = template.body.steps.flatMap((s) => s.parallel ?? []);
    expect(branches.map((b) => [b.id, b.optional ?? false])).toEqual([
      ["test_api", false],
      ["test_engine", false],
      ["test_unit", false],
    ]);
    const svg = await (await fetch(new URL(pattern.body.diagram_url, server.url))).text();
    expect([...svg.matchAll(/suite: (\w+)</g)].map((m) => m[1])).toEqual(["api", "engine", "unit"]);
    expect(svg).not.toContain("optional<");
    expect(svg).not.toContain("stroke-dasharray");
    // The page shows that diagram.
    await page.goto("/ui/patterns/parallel");
    const img = page.getByTestId("pattern-diagram");
    await poll(() => img.getAttribute("src")).toBe(pattern.body.diagram_url);
    await expect(img.getAttribute("alt")).resolves.toBe("Parallel pattern diagram");
  });
});

describe("copy buttons", () => {
  test("copy an execution's id and its inputs and outputs as JSON", async ({ page, api }) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    const agent = await registerMockAgent(api, {});
    const { startMs, endMs } = recentWindow();
    const id = uniqueExecutionId("a11y-copy");
    const res = await api.post("/executions", {
      id,
      agent_name: agent,
      status: "success",
      timestamp: iso(startMs + 10 * MINUTE),
      duration_ms: 1000,
      inputs: { question: "why" },
      outputs: { answer: 42 },
    });
    expect(res.status).toBe(201);
    const range = new URLSearchParams({ start_date: iso(startMs), end_date: iso(endMs), execution: id });
    await page.goto(`/ui/timeline?${range}`);
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

    const copyId = page.getByRole("button", { name: "Copy execution id" });
    await copyId.click();
    await poll(clipboard).toBe(id);
    await expect(copyId.textContent()).resolves.toBe("Copiedexecution id copied");
    await page.getByRole("button", { name: "Copy inputs" }).click();
    await poll(clipboard).toBe('{\n  "question": "why"\n}');
    await page.getByRole("button", { name: "Copy outputs" }).click();
    await poll(clipboard).toBe('{\n  "answer": 42\n}');
    // Back to its name after a moment.
    await poll(() => copyId.textContent()).toBe("Copy");
  });
});
