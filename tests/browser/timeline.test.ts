// The timeline in Chromium: a handoff tree recorded over REST is drawn as exactly its bars (colour
// by status) and arrows (parent → child), lanes in tree order; clicking a bar opens what the
// execution did; new and updated executions arrive live; filters narrow the bars and keep the
// ancestors as context. Each test records its tree in a window of its own (`recentWindow`) and
// opens the timeline on that window, so it sees no other test's executions.
import {
  type ExecutionBody,
  iso,
  type RestExecution,
  type RestRecorded,
  uniqueExecutionId,
} from "../testkit/executions.js";
import {
  clickTimelineBar,
  describe,
  expect,
  location,
  poll,
  recentWindow,
  saveScreenshot,
  searchParams,
  test,
  timelineArrows,
  routeLiveSocket,
  timelineBars,
  timelineFrame,
  timelineLanes,
  untilSubscribed,
  watchSubscription,
} from "../testkit/browser.js";
import type { RestClient } from "../testkit/rest.js";

/** What the dashboard documents for each status (client/src/features/timeline/lib/status-colors.ts). */
const COLOR = {
  success: "#17b26a",
  failure: "#f04438",
  in_progress: "#2e90fa",
  pending: "#98a2b3",
  cancelled: "#f79009",
} as const;

const MINUTE = 60_000;

/** `#17b26a` → `rgb(23, 178, 106)`, as getComputedStyle reports colours. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;

/**
 * TestAgent (success) hands off to CodeAgent (failure), which hands off to TestAgent (still
 * running); the root also hands off to BuildAgent (cancelled). BuildAgent starts before the
 * running TestAgent but comes after it on the timeline: lanes follow the tree, not the clock.
 */
function knownTree(startMs: number) {
  const t0 = startMs + 20 * MINUTE;
  const root = {
    id: uniqueExecutionId("tl-root"),
    agent_name: "TestAgent",
    status: "success",
    timestamp: iso(t0),
    duration_ms: 10 * MINUTE,
    inputs: { task: "make the suite green", branch: "fix/flaky" },
    outputs: { handed_off: 2 },
  } satisfies ExecutionBody;
  const code = {
    id: uniqueExecutionId("tl-code"),
    agent_name: "CodeAgent",
    status: "failure",
    timestamp: iso(t0 + 10 * MINUTE),
    duration_ms: 5 * MINUTE,
    parent_execution_id: root.id,
    inputs: {
      task: "fix the failing assertion",
      files: ["src/parser.ts", "src/lexer.ts"],
      limits: { max_edits: 3, ratio: 0.25, dry_run: false, reviewer: null },
      'quoted "key"': "ünïcødé ✓",
    },
    outputs: { edits: [{ file: "src/parser.ts", lines: [12, 13] }], tests_run: 14 },
    error: "TypeError: cannot read properties of undefined (reading 'kind')\n    at parse (src/parser.ts:12:7)",
  } satisfies ExecutionBody;
  const running = {
    id: uniqueExecutionId("tl-test"),
    agent_name: "TestAgent",
    status: "in_progress",
    timestamp: iso(t0 + 15 * MINUTE),
    parent_execution_id: code.id,
    inputs: { rerun: ["parser.test.ts"] },
  } satisfies ExecutionBody;
  const build = {
    id: uniqueExecutionId("tl-build"),
    agent_name: "BuildAgent",
    status: "cancelled",
    timestamp: iso(t0 + 12 * MINUTE),
    duration_ms: 3 * MINUTE,
    parent_execution_id: root.id,
  } satisfies ExecutionBody;
  return { t0, root, code, running, build, all: [root, code, running, build] };
}

async function record(api: RestClient, body: ExecutionBody | ExecutionBody[]) {
  const res = await api.post<RestExecution & RestRecorded>("/executions", body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** The timeline limited to a window, with extra URL parameters. */
function timelineUrl(slot: { startMs: number; endMs: number }, extra: Record<string, string> = {}) {
  const params = new URLSearchParams({ start_date: iso(slot.startMs), end_date: iso(slot.endMs), ...extra });
  return `/ui/timeline?${params.toString().replace(/%2C/g, ",")}`;
}

const bar = (e: { id: string; status: keyof typeof COLOR }, context = false) => ({
  id: e.id,
  status: e.status,
  color: COLOR[e.status],
  context,
});

describe("the timeline", () => {
  test("draws a recorded handoff tree: one bar per execution coloured by status, one arrow per handoff, lanes in tree order", async ({
    page,
    api,
  }) => {
    const slot = recentWindow();
    const tree = knownTree(slot.startMs);
    await record(api, tree.all);

    await page.goto(timelineUrl(slot));

    await poll(() => timelineBars(page)).toEqual([bar(tree.root), bar(tree.code), bar(tree.running), bar(tree.build)]);
    await expect(timelineArrows(page)).resolves.toEqual(
      [
        `${tree.root.id}→${tree.code.id}`,
        `${tree.code.id}→${tree.running.id}`,
        `${tree.root.id}→${tree.build.id}`,
      ].sort(),
    );
    await expect(timelineLanes(page)).resolves.toEqual([
      { id: tree.root.id, depth: 0 },
      { id: tree.code.id, depth: 1 },
      { id: tree.running.id, depth: 2 },
      { id: tree.build.id, depth: 1 },
    ]);
    await expect(page.getByTestId("timeline-summary").textContent()).resolves.toBe("4 executions in 1 handoff tree");
    await expect(page.getByTestId("timeline-canvas").getAttribute("aria-label")).resolves.toBe(
      "Gantt chart of 4 executions",
    );

    // Bars sit on the time axis of the filtered range: each starts where its start time falls.
    const frame = await timelineFrame(page);
    if (!frame) throw new Error("no frame drawn");
    const canvas = { width: await page.getByTestId("timeline-canvas").evaluate((el) => el.clientWidth) };
    expect(frame.view.startMs).toBeLessThanOrEqual(slot.startMs);
    expect(frame.view.endMs).toBeGreaterThanOrEqual(slot.endMs);
    const x = (ms: number) => ((ms - frame.view.startMs) / (frame.view.endMs - frame.view.startMs)) * canvas.width;
    const drawn = new Map(frame.bars.map((b) => [b.id, b]));
    for (const e of [tree.root, tree.code, tree.build]) {
      const b = drawn.get(e.id);
      const start = Date.parse(e.timestamp);
      expect(b?.x, e.agent_name).toBeCloseTo(x(start), 0);
      expect(b?.width, e.agent_name).toBeCloseTo(x(start + e.duration_ms) - x(start), 0);
    }
    // The running one reaches "now", far right of this range: clipped to the canvas.
    const running = drawn.get(tree.running.id);
    expect((running?.x ?? 0) + (running?.width ?? 0)).toBeCloseTo(canvas.width, 0);
    // One lane per row, top to bottom.
    const ys = [tree.root, tree.code, tree.running, tree.build].map((e) => drawn.get(e.id)?.y ?? Number.NaN);
    expect(ys.slice(1).map((y, i) => y - (ys[i] as number))).toEqual([24, 24, 24]);

    // The view is the filtered range plus 1 % on each side; hovering a bar names what it is.
    await expect(page.getByTestId("timeline-span").textContent()).resolves.toBe("2 h");
    const box = await page.getByTestId("timeline-canvas").boundingBox();
    const build = drawn.get(tree.build.id);
    if (!box || !build) throw new Error("no canvas");
    await page.mouse.move(box.x + build.x + build.width / 2, box.y + build.y + build.height / 2);
    const tooltip = page.getByTestId("timeline-tooltip");
    await poll(() =>
      tooltip
        .locator("span")
        .allTextContents()
        .catch(() => []),
    ).toEqual(["Cancelled", expect.any(String), "180,000 ms (3 min)"]);
    await expect(tooltip.locator("strong").textContent()).resolves.toBe("BuildAgent");

    // The legend names the same colours, in the order of the statuses' life.
    const legend = await page
      .getByTestId("timeline-legend")
      .locator("li")
      .evaluateAll((lis) =>
        lis.map((li) => {
          const swatch = li.querySelector(".legend-swatch");
          return [li.textContent, swatch ? getComputedStyle(swatch).backgroundColor : null];
        }),
      );
    expect(legend).toEqual([
      ["Pending", rgb(COLOR.pending)],
      ["In progress", rgb(COLOR.in_progress)],
      ["Success", rgb(COLOR.success)],
      ["Failure", rgb(COLOR.failure)],
      ["Cancelled", rgb(COLOR.cancelled)],
      ["Context (ancestor)", expect.any(String)],
      ["Rollback (compensation)", expect.any(String)],
      ["Handoff", null],
      ["Now", null],
      ["Agent's circuit open now (dashed outline; amber: half-open)", expect.any(String)],
    ]);
  });

  test("clicking a bar opens the execution: its inputs and outputs as JSON, its error, its handoff chain", async ({
    page,
    api,
  }) => {
    const slot = recentWindow();
    const tree = knownTree(slot.startMs);
    await record(api, tree.all);
    await page.goto(timelineUrl(slot));
    await poll(() => timelineBars(page).then((bars) => bars.map((b) => b.id))).toEqual(tree.all.map((e) => e.id));

    await clickTimelineBar(page, tree.code.id);

    await poll(() => searchParams(page).execution).toBe(tree.code.id);
    const detail = page.getByTestId("execution-detail");
    const inputs = detail.getByTestId("execution-inputs");
    await inputs.waitFor();
    const inputsText = (await inputs.textContent()) ?? "";
    expect(JSON.parse(inputsText)).toEqual(tree.code.inputs);
    // Formatted for reading: two-space indentation, one member per line.
    expect(inputsText).toBe(JSON.stringify(JSON.parse(inputsText), null, 2));
    const outputsText = (await detail.getByTestId("execution-outputs").textContent()) ?? "";
    expect(JSON.parse(outputsText)).toEqual(tree.code.outputs);
    expect(outputsText).toBe(JSON.stringify(JSON.parse(outputsText), null, 2));
    await expect(detail.getByTestId("execution-error").textContent()).resolves.toBe(tree.code.error);
    await expect(detail.getByTestId("handoff-chain").locator("li").allTextContents()).resolves.toEqual([
      "TestAgent",
      "CodeAgent",
    ]);
    await expect(detail.getByRole("list", { name: "Handed off to" }).locator("li").allTextContents()).resolves.toEqual([
      "TestAgent",
    ]);
    await expect(detail.locator("[data-status]").getAttribute("data-status")).resolves.toBe("failure");
    // The clicked execution's lane is the selected one.
    await expect(page.locator(".timeline-lane-selected").getAttribute("data-execution-id")).resolves.toBe(tree.code.id);
    await saveScreenshot(page, "timeline.png");

    // The chain's links select the others; an execution without an error shows none.
    await detail.getByTestId("handoff-chain").getByRole("link", { name: "TestAgent" }).click();
    await poll(() => searchParams(page).execution).toBe(tree.root.id);
    await poll(() => detail.getByTestId("handoff-chain").locator("li").allTextContents()).toEqual(["TestAgent"]);
    await poll(async () => JSON.parse((await detail.getByTestId("execution-inputs").textContent()) ?? "null")).toEqual(
      tree.root.inputs,
    );
    await expect(detail.getByTestId("execution-error").count()).resolves.toBe(0);

    // Reloading keeps the selection.
    await page.reload();
    await poll(async () =>
      JSON.parse(
        (await page
          .getByTestId("execution-outputs")
          .textContent()
          .catch(() => null)) ?? "null",
      ),
    ).toEqual(tree.root.outputs);
  });

  test("new and updated executions arrive live, without a reload", async ({ page, api }) => {
    const slot = recentWindow();
    const tree = knownTree(slot.startMs);
    await record(api, tree.all);
    const events = watchSubscription(page, "executionChanges");
    await page.goto(timelineUrl(slot));
    await poll(() => timelineBars(page).then((bars) => bars.length)).toBe(4);
    await page.evaluate(() => Object.assign(globalThis, { __sameDocument: true }));
    // Probes lie weeks before the window: the page receives them and draws nothing new.
    await untilSubscribed(events, () =>
      record(api, {
        agent_name: "ProbeAgent",
        status: "success",
        timestamp: iso(slot.startMs - 20 * 86_400_000),
        duration_ms: 1,
      }),
    );

    const docs = {
      id: uniqueExecutionId("tl-docs"),
      agent_name: "DocsAgent",
      status: "success",
      timestamp: iso(tree.t0 + 30 * MINUTE),
      duration_ms: 4 * MINUTE,
      parent_execution_id: tree.root.id,
    } satisfies ExecutionBody;
    await record(api, docs);

    await poll(() => timelineBars(page)).toEqual([
      bar(tree.root),
      bar(tree.code),
      bar(tree.running),
      bar(tree.build),
      bar(docs),
    ]);
    await expect(timelineArrows(page)).resolves.toContain(`${tree.root.id}→${docs.id}`);
    await expect(timelineLanes(page)).resolves.toContainEqual({ id: docs.id, depth: 1 });
    await poll(() => page.getByTestId("timeline-summary").textContent()).toBe("5 executions in 1 handoff tree");

    const patched = await api.patch<RestExecution>(`/executions/${tree.running.id}`, {
      status: "success",
      outputs: { passed: 14 },
    });
    expect(patched.status).toBe(200);

    await poll(() => timelineBars(page).then((bars) => bars.find((b) => b.id === tree.running.id))).toEqual({
      id: tree.running.id,
      status: "success",
      color: COLOR.success,
      context: false,
    });
    await expect(page.evaluate(() => "__sameDocument" in globalThis)).resolves.toBe(true);
  });

  test("an update that never reaches the page still turns its bar from running to done", async ({ page, api }) => {
    const slot = recentWindow();
    const tree = knownTree(slot.startMs);
    await record(api, tree.all);
    // Every executionChanges frame is withheld from this page (a lost event, a late subscription).
    const socket = await routeLiveSocket(page, (frame) => frame.includes('"executionChanges"'));
    await page.goto(timelineUrl(slot));
    await poll(() => timelineBars(page).then((bars) => bars.find((b) => b.id === tree.running.id)?.status)).toBe(
      "in_progress",
    );
    await page.evaluate(() => Object.assign(globalThis, { __sameDocument: true }));

    const patched = await api.patch<RestExecution>(`/executions/${tree.running.id}`, { status: "failure" });
    expect(patched.status).toBe(200);
    // Quiet for 5 s with a bar still running, the page fetches the timeline again.
    await expect
      .poll(() => timelineBars(page).then((bars) => bars.find((b) => b.id === tree.running.id)), {
        timeout: 20_000,
        interval: 100,
      })
      .toEqual({ id: tree.running.id, status: "failure", color: COLOR.failure, context: false });
    expect(socket.received("executionChanges")).toBe(0);
    await expect(page.evaluate(() => "__sameDocument" in globalThis)).resolves.toBe(true);
  });

  test("a status filter shows the matches with their ancestors as context; the agent filter lives in the URL", async ({
    page,
    api,
  }) => {
    const slot = recentWindow();
    const tree = knownTree(slot.startMs);
    await record(api, tree.all);

    await page.goto(timelineUrl(slot, { status: "failure" }));

    await poll(() => timelineBars(page)).toEqual([bar(tree.root, true), bar(tree.code)]);
    await expect(timelineArrows(page)).resolves.toEqual([`${tree.root.id}→${tree.code.id}`]);
    await expect(
      page
        .locator(".timeline-lane-context")
        .evaluateAll((lis) => lis.map((li) => li.getAttribute("data-execution-id"))),
    ).resolves.toEqual([tree.root.id]);
    await expect(page.getByTestId("timeline-summary").textContent()).resolves.toBe("1 execution in 1 handoff tree");
    await expect(page.getByLabel("Status", { exact: true }).textContent()).resolves.toContain("failure");

    // The agent filter, from its control.
    await page.goto(timelineUrl(slot));
    await poll(() => timelineBars(page).then((bars) => bars.length)).toBe(4);
    const agent = page.getByLabel("Agent", { exact: true });
    await agent.click();
    await page.getByRole("checkbox", { name: "BuildAgent", exact: true }).check();

    await poll(() => searchParams(page)).toEqual({
      start_date: iso(slot.startMs),
      end_date: iso(slot.endMs),
      agent: "BuildAgent",
    });
    await poll(() => timelineBars(page)).toEqual([bar(tree.root, true), bar(tree.build)]);

    await page.getByRole("checkbox", { name: "CodeAgent", exact: true }).check();
    await poll(() => location(page)).toContain("agent=BuildAgent,CodeAgent");
    await poll(() => timelineBars(page)).toEqual([bar(tree.root, true), bar(tree.code), bar(tree.build)]);
    await expect(agent.textContent()).resolves.toContain("BuildAgent, CodeAgent");

    // The filtered view survives a reload.
    await page.reload();
    await poll(() => timelineBars(page)).toEqual([bar(tree.root, true), bar(tree.code), bar(tree.build)]);
  });

  test("pages of trees: Older trees reaches the earlier ones, the page lives in the URL, Newest trees comes back", async ({
    page,
    api,
  }) => {
    const slot = recentWindow();
    // Three single-execution trees, ten minutes apart: c newest; a is still running.
    const tree = (key: string, minutes: number, status: "success" | "in_progress") => ({
      id: uniqueExecutionId(key),
      agent_name: "TestAgent",
      status,
      timestamp: iso(slot.startMs + minutes * MINUTE),
      ...(status === "success" ? { duration_ms: MINUTE } : {}),
    });
    const [a, b, c] = [tree("pg-a", 10, "in_progress"), tree("pg-b", 20, "success"), tree("pg-c", 30, "success")];
    await record(api, [a, b, c]);

    await page.goto(timelineUrl(slot, { trees: "2" }));
    await poll(() => timelineBars(page)).toEqual([bar(c), bar(b)]);
    await expect(page.getByTestId("timeline-summary").textContent()).resolves.toBe(
      "2 executions in 2 handoff trees · 3 in all",
    );
    await expect(page.getByRole("button", { name: "Newest trees" }).count()).resolves.toBe(0);

    await page.getByRole("button", { name: "Older trees →" }).click();
    await poll(() => timelineBars(page)).toEqual([bar(a)]);
    await expect(page.getByTestId("timeline-summary").textContent()).resolves.toBe(
      "1 execution in 1 handoff tree · older trees · 3 in all",
    );
    await expect(page.getByRole("button", { name: "Older trees →" }).count()).resolves.toBe(0);
    expect(searchParams(page).before).toMatch(/^[A-Za-z0-9_-]+$/);

    // The older page survives a reload and follows what it shows live, but a new tree does not
    // join it (it belongs to the newest page): d arrives, then a's end — once a's end is drawn, d
    // was heard before it and left out.
    const events = watchSubscription(page, "executionChanges");
    await page.reload();
    await poll(() => timelineBars(page)).toEqual([bar(a)]);
    // Probes lie weeks before the window: the page receives them and draws nothing new.
    await untilSubscribed(events, () =>
      record(api, {
        agent_name: "ProbeAgent",
        status: "success",
        timestamp: iso(slot.startMs - 20 * 86_400_000),
        duration_ms: 1,
      }),
    );
    const d = tree("pg-d", 35, "success");
    await record(api, d);
    expect((await api.patch(`/executions/${a.id}`, { status: "success", duration_ms: MINUTE })).status).toBe(200);
    await poll(() => timelineBars(page)).toEqual([bar({ id: a.id, status: "success" })]);

    await page.getByRole("button", { name: "← Newest trees" }).click();
    await poll(() => timelineBars(page)).toEqual([bar(d), bar(c)]);
    await poll(() => searchParams(page)).not.toHaveProperty("before");
  });
});
