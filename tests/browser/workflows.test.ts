// The workflows area in Chromium: templates created over REST appear as cards with their patterns
// and flow; a template's page draws its step tree with each step's runner and generates the run
// form from its parameter schema (checked on the page before any request, the server's issues
// shown on their field); Run opens the run, whose steps turn succeeded live (graphql-ws, no
// reload) with their executions on the embedded timeline; a failing step fails the run and is
// named; the recent-runs table filters by status in the URL and follows runs started elsewhere.
import type { Page } from "playwright-core";
import { onTestFinished } from "vitest";
import {
  describe,
  expect,
  location,
  poll,
  recordAttributeHistory,
  routeLiveSocket,
  saveScreenshot,
  searchParams,
  test,
  timelineBars,
  untilSubscribed,
  watchSubscription,
} from "../testkit/browser.js";
import type { RestClient } from "../testkit/rest.js";
import {
  createWorkflow,
  getRun,
  heldHttpAgent,
  registerMockAgent,
  startRun,
  waitForRun,
  waitForStep,
} from "../testkit/workflows.js";

/** The dashboard's colours (client/src/features/timeline/lib/status-colors.ts). */
const GREEN = "#17b26a";
const RED = "#f04438";

/** `#17b26a` → `rgb(23, 178, 106)`, as getComputedStyle reports colours. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;

const LATENCY = 300;

/**
 * Three mock agents (300 ms each) and a template using every pattern, one step overriding its
 * runner; `worker` (the coder by default) is the hierarchical group's worker w1.
 */
async function releaseFlow(api: RestClient, options: { worker?: string } = {}) {
  const planner = await registerMockAgent(api, { latency_ms: LATENCY, outputs: { plan: "{{input.topic}}" } });
  const coder = await registerMockAgent(api, { latency_ms: LATENCY, outputs: { patch: "diff --git" } });
  const reviewer = await registerMockAgent(api, { latency_ms: LATENCY, outputs: { approved: true } });
  const workflow = await createWorkflow(api, {
    description: "Plan, code and lint side by side, then a lead merges the workers' work.",
    parameters: {
      type: "object",
      properties: {
        topic: { type: "string", description: "What to work on" },
        iterations: { type: "integer", default: 2, minimum: 1 },
        mode: { type: "string", enum: ["fast", "thorough"], default: "fast" },
        dry_run: { type: "boolean", default: false },
        tags: { type: "array", items: { type: "string" }, default: [] },
      },
      required: ["topic"],
    },
    steps: [
      { id: "plan", agent: planner, input: { topic: "{{params.topic}}" } },
      {
        parallel: [
          { id: "code", agent: coder },
          { id: "lint", agent: reviewer, runner: { kind: "mock", settings: { latency_ms: LATENCY } } },
        ],
      },
      {
        hierarchical: {
          supervisor: { id: "lead", agent: planner },
          workers: [{ id: "w1", agent: options.worker ?? coder }],
          aggregate: { id: "merge" },
        },
      },
    ],
  });
  return { workflow, planner, coder, reviewer, stepIds: ["plan", "code", "lint", "lead", "w1", "merge"] };
}

/** `{ stepId: status }` of the run page's step list. */
function stepStatuses(page: Page): Promise<Record<string, string>> {
  return page
    .getByTestId("step-state")
    .evaluateAll((lis) =>
      Object.fromEntries(lis.map((li) => [li.getAttribute("data-step-id"), li.getAttribute("data-status")])),
    );
}

/** Whether `shown` is a non-empty run of `order`'s values, in that order, ending with its last. */
const isForward = (shown: string[], order: string[]) =>
  shown.at(-1) === order.at(-1) &&
  shown.every((v, i) => order.includes(v) && (i === 0 || order.indexOf(v) > order.indexOf(shown[i - 1] ?? "")));

/** The background colour of each step's status dot on the run page. */
function stepColors(page: Page): Promise<Record<string, string>> {
  return page.getByTestId("step-state").evaluateAll((lis) =>
    Object.fromEntries(
      lis.map((li) => {
        const dot = li.querySelector("[data-testid=step-status] .status-dot");
        return [li.getAttribute("data-step-id"), dot ? getComputedStyle(dot).backgroundColor : ""];
      }),
    ),
  );
}

/** Requests the page sends that start a run. */
function watchExecuteRequests(page: Page) {
  let count = 0;
  page.on("request", (r) => {
    if (r.method() === "POST" && (r.postData() ?? "").includes("executeWorkflow")) count += 1;
  });
  return { count: () => count };
}

const card = (page: Page, name: string) =>
  page.getByTestId("workflow-card").filter({ has: page.getByRole("heading", { name, exact: true }) });

describe("workflows", () => {
  test("templates appear as cards; a template's page draws its step tree with each step's runner", async ({
    page,
    api,
  }) => {
    const { workflow, planner, stepIds } = await releaseFlow(api);
    const changes = watchSubscription(page, "workflowChanged");

    await page.goto("/ui/workflows");
    const found = card(page, workflow.name);
    await found.waitFor();
    await expect(found.getByTestId("workflow-counts").textContent()).resolves.toBe("6 steps · 0 runs");
    await expect(found.getByTestId("workflow-patterns").locator("li").allTextContents()).resolves.toEqual(
      workflow.patterns,
    );
    expect(workflow.patterns).toEqual(expect.arrayContaining(["parallel", "hierarchical"]));
    await expect(found.getByTestId("flow-thumbnail").getAttribute("aria-label")).resolves.toBe(
      `Flow of 6 steps: ${stepIds.join(", ")}`,
    );
    // Every seeded template is there too.
    for (const name of ["tdd-cycle", "test-parallel", "docs-sync", "release"]) await card(page, name).waitFor();
    // A template created elsewhere while the page is open appears without a reload (workflowChanged).
    await untilSubscribed(changes, () => createWorkflow(api, { steps: [{ id: "probe", agent: planner }] }));
    const later = await createWorkflow(api, { steps: [{ id: "only", agent: planner }] });
    await card(page, later.name).waitFor();

    await found.getByRole("link", { name: workflow.name }).click();
    await poll(() => location(page)).toBe(`/ui/workflows/${workflow.name}`);
    const diagram = page.getByTestId("flow-diagram");
    await diagram.waitFor();
    const nodes = diagram.getByTestId("flow-node");
    await expect(nodes.evaluateAll((els) => els.map((el) => el.getAttribute("data-step-id")))).resolves.toEqual(
      stepIds,
    );

    // Which runner each step uses, and where that comes from.
    const runners = await nodes.evaluateAll((els) =>
      Object.fromEntries(
        els.map((el) => [el.getAttribute("data-step-id"), el.querySelector("[data-testid=step-runner]")?.textContent]),
      ),
    );
    expect(runners).toEqual({
      plan: "mock (agent)",
      code: "mock (agent)",
      lint: "mock (step override)",
      lead: "mock (agent)",
      w1: "mock (agent)",
      merge: "mock (agent)",
    });
    await expect(nodes.filter({ hasText: "merge" }).textContent()).resolves.toContain(planner);

    // Sequential left → right, parallel branches stacked, supervisor → workers → aggregate.
    const box = async (id: string) => {
      const b = await diagram.locator(`[data-step-id="${id}"]`).boundingBox();
      if (!b) throw new Error(`no box for ${id}`);
      return b;
    };
    const [plan, code, lint, lead, w1, merge] = await Promise.all(stepIds.map(box));
    if (!plan || !code || !lint || !lead || !w1 || !merge) throw new Error("missing boxes");
    expect(code.x).toBeGreaterThan(plan.x + plan.width);
    expect(lint.x).toBe(code.x);
    expect(lint.y).toBeGreaterThan(code.y + code.height - 1);
    expect(lead.x).toBeGreaterThan(lint.x + lint.width);
    expect(w1.x).toBeGreaterThan(lead.x + lead.width);
    expect(merge.x).toBeGreaterThan(w1.x + w1.width);
    await expect(
      diagram.locator("path[data-edge]").evaluateAll((ps) => ps.map((p) => p.getAttribute("data-edge")).sort()),
    ).resolves.toEqual(["code→lead", "lead→w1", "lint→lead", "plan→code", "plan→lint", "w1→merge"]);
    await expect(diagram.locator(".flow-group text").allTextContents()).resolves.toEqual(["parallel", "hierarchical"]);
  });

  test("the run form checks its values on the page, shows the server's issues on their field, and Run opens the run, whose steps turn succeeded live", async ({
    page,
    api,
  }) => {
    // w1's agent answers when the test lets it, so the page is seen with the run mid-way however
    // slowly it loads.
    const worker = await heldHttpAgent(api, { patch: "diff --git" });
    onTestFinished(() => worker.close());
    const { workflow, stepIds } = await releaseFlow(api, { worker: worker.agent });
    const executes = watchExecuteRequests(page);
    const runEvents = watchSubscription(page, "workflowRun");
    await page.goto(`/ui/workflows/${workflow.name}`);
    const form = page.getByTestId("run-form");
    await form.waitFor();

    // Defaults prefilled, the required parameter marked.
    await expect(page.getByLabel("iterations").inputValue()).resolves.toBe("2");
    await expect(page.locator("#param-mode option:checked").textContent()).resolves.toBe("fast");
    await expect(page.getByLabel("dry_run").isChecked()).resolves.toBe(false);
    await expect(page.getByLabel("topic").getAttribute("aria-required")).resolves.toBe("true");

    // Missing required parameter: a message on the field, nothing sent.
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect(page.getByTestId("param-topic-error").textContent()).resolves.toBe("This parameter is required");
    await expect(page.getByLabel("topic").getAttribute("aria-invalid")).resolves.toBe("true");
    // Once checked, a field is re-checked as it is typed.
    await page.getByLabel("iterations").fill("1.5");
    await expect(page.getByTestId("param-iterations-error").textContent()).resolves.toBe("Must be a whole number");
    await page.getByLabel("iterations").fill("0");
    await expect(page.getByTestId("param-iterations-error").textContent()).resolves.toBe("Must be at least 1");
    expect(executes.count()).toBe(0);
    expect(location(page)).toBe(`/ui/workflows/${workflow.name}`);

    // What only the server checks (the items of an array) comes back on the field too.
    await page.getByLabel("topic").fill("parsers");
    await page.getByLabel("iterations").fill("3");
    await page.getByLabel("tags").fill("[1]");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await poll(() =>
      page
        .getByTestId("param-tags-error")
        .textContent()
        .catch(() => null),
    ).toBe("item 0: must be string");
    expect(executes.count()).toBe(1);
    await expect(page.getByTestId("param-topic-error").count()).resolves.toBe(0);

    await page.getByLabel("tags").fill('["ui"]');
    await page.evaluate(() => Object.assign(globalThis, { __sameDocument: true }));
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.waitForURL(/\/ui\/workflows\/runs\/[^/]+$/);
    const runId = decodeURIComponent(location(page).split("/").at(-1) ?? "");

    // Live: seen mid-way (the worker held at its service, the aggregate waiting for it), then,
    // once the worker answers, every step green.
    await poll(() => stepStatuses(page)).toEqual({
      plan: "succeeded",
      code: "succeeded",
      lint: "succeeded",
      lead: "succeeded",
      w1: "running",
      merge: "pending",
    });
    await expect(page.getByTestId("run-status").getAttribute("data-status")).resolves.toBe("running");
    const eventsAtMidway = runEvents.count();
    worker.release();
    await poll(() => stepStatuses(page)).toEqual(Object.fromEntries(stepIds.map((id) => [id, "succeeded"])));
    await poll(() => page.getByTestId("run-status").getAttribute("data-status")).toBe("succeeded");
    // What happened after the midway snapshot came over the page's subscription: at least w1's
    // success, the aggregate's and the run's. (Events before the page subscribed are not counted: on
    // a loaded machine the page may subscribe after the first steps have already finished.)
    expect(runEvents.count() - eventsAtMidway).toBeGreaterThanOrEqual(3);
    await expect(page.evaluate(() => "__sameDocument" in globalThis)).resolves.toBe(true);
    await expect(stepColors(page)).resolves.toEqual(Object.fromEntries(stepIds.map((id) => [id, rgb(GREEN)])));
    await expect(
      page.getByTestId("flow-node").evaluateAll((els) => els.map((el) => el.getAttribute("data-status"))),
    ).resolves.toEqual(stepIds.map(() => "succeeded"));

    // What the page says agrees with the API: params (defaults filled in), outputs, runners.
    const run = await getRun(api, runId);
    expect(run.status).toBe("succeeded");
    const params = JSON.parse((await page.getByTestId("run-params").textContent()) ?? "null");
    expect(params).toEqual(run.params);
    expect(params).toEqual({ topic: "parsers", iterations: 3, mode: "fast", dry_run: false, tags: ["ui"] });
    const planState = page.locator('[data-testid=step-state][data-step-id="plan"]');
    expect(JSON.parse((await planState.getByTestId("step-outputs").textContent()) ?? "null")).toEqual({
      plan: "parsers",
    });
    await expect(
      page.locator('[data-testid=step-state][data-step-id="lint"] [data-testid=step-runner]').textContent(),
    ).resolves.toBe("mock (step override)");

    // Its executions on the embedded timeline: the root and one per step, all green.
    const executions = run.executions ?? [];
    expect(executions).toHaveLength(stepIds.length + 1);
    const bars = executions.map((e) => ({ id: e.id, status: "success", color: GREEN, context: false }));
    await poll(async () => (await timelineBars(page)).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      bars.sort((a, b) => a.id.localeCompare(b.id)),
    );
    await saveScreenshot(page, "workflow-run.png");
    const link = await page.getByTestId("run-timeline-link").getAttribute("href");
    expect(new URL(link ?? "", "http://x").searchParams.get("workflow_run")).toBe(runId);

    // The template's page lists the run.
    await page.getByRole("link", { name: `← ${workflow.name}` }).click();
    await poll(() =>
      page
        .getByTestId("run-row")
        .evaluateAll((rows) => rows.map((r) => [r.getAttribute("data-run-id"), r.getAttribute("data-status")])),
    ).toEqual([[runId, "succeeded"]]);
  });

  test("the seeded release runs from its form: DeployAgent plans, the workers and the deploy turn green live", async ({
    page,
    api,
  }) => {
    const shown = await recordAttributeHistory(page, "[data-testid=step-state]", "data-step-id", "data-status");
    await page.goto("/ui/workflows/release");
    await page.getByTestId("run-form").waitFor();
    await expect(page.getByLabel("version").inputValue()).resolves.toBe("1.0.0");
    await page.getByLabel("version").fill("3.1.4");
    await page.locator("#param-environment").selectOption("production");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.waitForURL(/\/ui\/workflows\/runs\/[^/]+$/);
    const runId = decodeURIComponent(location(page).split("/").at(-1) ?? "");

    const ids = ["plan", "build", "test", "docs", "deploy"];
    await poll(() => stepStatuses(page)).toEqual(Object.fromEntries(ids.map((id) => [id, "succeeded"])));
    // Live, in this document: every step went forward through its states as the page showed them,
    // and the deploy (which starts about 2.5 s after Run) was shown waiting or running before it
    // turned green. (How much of the plan a page sees depends on how fast it loads.)
    const history = await shown.read();
    expect(Object.keys(history).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(isForward(history[id] ?? [], ["pending", "running", "succeeded"]), `${id}: ${history[id]}`).toBe(true);
    }
    expect(history.deploy?.length).toBeGreaterThanOrEqual(2);
    await expect(stepColors(page)).resolves.toEqual(Object.fromEntries(ids.map((id) => [id, rgb(GREEN)])));
    const run = await getRun(api, runId);
    expect(run.status).toBe("succeeded");
    expect(run.params).toEqual({ version: "3.1.4", environment: "production" });
    expect(run.outputs).toMatchObject({ deployed: true, environment: "production", version: "3.1.4" });
  });

  test("a failing step fails the run, which names the step and its error; the steps after it are skipped", async ({
    page,
    api,
  }) => {
    const ok = await registerMockAgent(api, { latency_ms: LATENCY });
    const broken = await registerMockAgent(api, { latency_ms: LATENCY, failure_rate: 1 });
    const workflow = await createWorkflow(api, {
      description: "Its second step always fails.",
      steps: [
        { id: "first", agent: ok },
        { id: "breaks", agent: broken },
        { id: "after", agent: ok },
      ],
    });
    await page.goto(`/ui/workflows/${workflow.name}`);
    await expect(page.getByTestId("run-form").textContent()).resolves.toContain("This workflow takes no parameters.");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await page.waitForURL(/\/ui\/workflows\/runs\/[^/]+$/);
    const runId = decodeURIComponent(location(page).split("/").at(-1) ?? "");

    await poll(() => page.getByTestId("run-status").getAttribute("data-status")).toBe("failed");
    await poll(() => stepStatuses(page)).toEqual({ first: "succeeded", breaks: "failed", after: "skipped" });
    const run = await waitForRun(api, runId);
    expect(run.failed_step_id).toBe("breaks");
    const error = page.getByTestId("run-error");
    await expect(error.locator("strong").textContent()).resolves.toBe("Failed at step breaks");
    await expect(error.locator("pre").textContent()).resolves.toBe(run.error);
    const stepError = run.steps.find((s) => s.step_id === "breaks")?.error;
    await expect(
      page.locator('[data-testid=step-state][data-step-id="breaks"] [data-testid=step-error]').textContent(),
    ).resolves.toBe(stepError);
    await expect(stepColors(page)).resolves.toMatchObject({ first: rgb(GREEN), breaks: rgb(RED) });
    await expect(
      page.locator('[data-testid=flow-node][data-step-id="breaks"]').getAttribute("data-status"),
    ).resolves.toBe("failed");
  });

  test("a run page that receives none of its run's events still shows how the run ended", async ({ page, api }) => {
    const quick = await registerMockAgent(api, { latency_ms: 0 });
    const worker = await heldHttpAgent(api, { done: true });
    onTestFinished(() => worker.close());
    const workflow = await createWorkflow(api, {
      steps: [
        { id: "first", agent: quick },
        { id: "held", agent: worker.agent },
      ],
    });
    // Every workflowRun frame the server sends this page is withheld: as when the page's
    // subscription registers after the run's last event (seen here: the page's query answers
    // before its socket is even acknowledged), or the socket drops unnoticed.
    const socket = await routeLiveSocket(page, (frame) => frame.includes('"workflowRun"'));
    const run = await startRun(api, workflow.id);
    await waitForStep(api, run.id, "held", "running");
    await page.goto(`/ui/workflows/runs/${encodeURIComponent(run.id)}`);
    await poll(() => stepStatuses(page)).toEqual({ first: "succeeded", held: "running" });
    await page.evaluate(() => Object.assign(globalThis, { __sameDocument: true }));

    worker.release();
    expect((await waitForRun(api, run.id)).status).toBe("succeeded");
    // Quiet for 5 s while the run looks unfinished, the page fetches it again.
    await expect
      .poll(() => stepStatuses(page), { timeout: 20_000, interval: 100 })
      .toEqual({ first: "succeeded", held: "succeeded" });
    await expect(page.getByTestId("run-status").getAttribute("data-status")).resolves.toBe("succeeded");
    expect(socket.received("workflowRun")).toBe(0);
    await expect(page.evaluate(() => "__sameDocument" in globalThis)).resolves.toBe(true);
  });

  test("recent runs: status filter chips in the URL; runs started elsewhere appear and change live", async ({
    page,
    api,
  }) => {
    const ok = await registerMockAgent(api, { latency_ms: LATENCY });
    const broken = await registerMockAgent(api, { latency_ms: 0, failure_rate: 1 });
    const good = await createWorkflow(api, { steps: [{ id: "only", agent: ok }] });
    const bad = await createWorkflow(api, { steps: [{ id: "breaks", agent: broken }] });
    const quick = await createWorkflow(api, { steps: [{ id: "probe", agent: broken }] });
    const succeeded = await waitForRun(api, (await startRun(api, good.id)).id);
    const failed = await waitForRun(api, (await startRun(api, bad.id)).id);

    const row = (id: string) => page.locator(`[data-testid=run-row][data-run-id="${id}"]`);
    const runsEvents = watchSubscription(page, "workflowRuns");
    await page.goto("/ui/workflows");
    await row(succeeded.id).waitFor();
    await row(failed.id).waitFor();
    await expect(row(failed.id).locator("td").last().textContent()).resolves.toBe("breaks");

    await page.getByTestId("run-status-filter").getByRole("button", { name: "Failed", exact: true }).click();
    await poll(() => searchParams(page)).toEqual({ status: "failed" });
    await poll(() => row(succeeded.id).count()).toBe(0);
    await expect(row(failed.id).getAttribute("data-status")).resolves.toBe("failed");
    await expect(
      page.getByTestId("run-row").evaluateAll((rows) => rows.every((r) => r.getAttribute("data-status") === "failed")),
    ).resolves.toBe(true);
    // The filter survives a reload; "All" clears it.
    await page.reload();
    await row(failed.id).waitFor();
    await expect(
      page
        .getByTestId("run-status-filter")
        .getByRole("button", { name: "Failed", exact: true })
        .getAttribute("aria-pressed"),
    ).resolves.toBe("true");
    await page.getByTestId("run-status-filter").getByRole("button", { name: "All" }).click();
    await poll(() => searchParams(page)).toEqual({});
    await row(succeeded.id).waitFor();

    // A run started over REST appears, then finishes, without a reload.
    await page.evaluate(() => Object.assign(globalThis, { __sameDocument: true }));
    await untilSubscribed(runsEvents, () => startRun(api, quick.id));
    const live = await startRun(api, good.id);
    await row(live.id).waitFor();
    await poll(() => row(live.id).getAttribute("data-status")).toBe("succeeded");
    await expect(card(page, good.name).getByTestId("workflow-counts").textContent()).resolves.toBe("1 step · 2 runs");
    await expect(page.evaluate(() => "__sameDocument" in globalThis)).resolves.toBe(true);
  });

  test("Cancel stops a running run: its running step and the steps after it are cancelled", async ({ page, api }) => {
    const slow = await registerMockAgent(api, { latency_ms: 5_000 });
    const workflow = await createWorkflow(api, {
      steps: [
        { id: "slow", agent: slow },
        { id: "next", agent: slow },
      ],
    });
    const started = await startRun(api, workflow.id);
    await page.goto(`/ui/workflows/runs/${encodeURIComponent(started.id)}`);
    await poll(() => stepStatuses(page)).toEqual({ slow: "running", next: "pending" });

    await page.getByRole("button", { name: "Cancel run" }).click();

    await poll(() => page.getByTestId("run-status").getAttribute("data-status")).toBe("cancelled");
    await poll(() => stepStatuses(page)).toEqual({ slow: "cancelled", next: "cancelled" });
    await expect(page.getByRole("button", { name: "Cancel run" }).count()).resolves.toBe(0);
    const run = await waitForRun(api, started.id);
    expect(run.status).toBe("cancelled");
    await expect(page.getByTestId("run-error").locator("strong").textContent()).resolves.toBe("The run was cancelled");
  });
});
