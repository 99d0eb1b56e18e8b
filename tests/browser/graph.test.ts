// The handoff graph in Chromium: agents and handoffs recorded over REST become cytoscape nodes and
// edges carrying their figures, styled by the documented mapping (client/src/features/graph/lib:
// edge width by handoffs, colour by success rate); hovering shows the figures, and clicking opens
// the timeline filtered to the agents. The agents' names are unique and the range is a window of
// this test's own, so the graph holds exactly what the test recorded. The workflow filter lists the
// templates by name and narrows the graph, and the timeline opened from it, to one. The graph
// follows new executions live, restyling in place unless its agents or routes change.
import type { Page } from "playwright-core";
import { type ExecutionBody, iso, type RestRecorded, uniqueExecutionId } from "../testkit/executions.js";
import { uniqueName } from "../testkit/factories.js";
import {
  clickTimelineBar,
  describe,
  expect,
  facts,
  graphNodePoint,
  poll,
  recentWindow,
  saveScreenshot,
  searchParams,
  test,
  timelineBars,
  untilSubscribed,
  watchSubscription,
} from "../testkit/browser.js";
import type { RestClient } from "../testkit/rest.js";
import { createWorkflow, registerMockAgent } from "../testkit/workflows.js";

const MINUTE = 60_000;

/**
 * A hands off to B three times (B succeeds twice, fails once); one of those B hands off to C once.
 * A runs 3 times (all success), B 3 times, C once.
 */
function handoffs(startMs: number) {
  const [a, b, c] = [uniqueName("GraphA"), uniqueName("GraphB"), uniqueName("GraphC")];
  const rows: Required<Pick<ExecutionBody, "id" | "agent_name" | "status" | "timestamp" | "duration_ms">>[] = [];
  const parents = new Map<string, string>();
  const bStatuses = ["success", "failure", "success"] as const;
  const bDurations = [1000, 2000, 6000];
  for (let i = 0; i < 3; i++) {
    const t = startMs + (10 + 20 * i) * MINUTE;
    const root = {
      id: uniqueExecutionId("gr-a"),
      agent_name: a,
      status: "success" as const,
      timestamp: iso(t),
      duration_ms: MINUTE,
    };
    const child = {
      id: uniqueExecutionId("gr-b"),
      agent_name: b,
      status: bStatuses[i] as "success" | "failure",
      timestamp: iso(t + 2 * MINUTE),
      duration_ms: bDurations[i] as number,
    };
    rows.push(root, child);
    parents.set(child.id, root.id);
    if (i === 2) {
      const grandchild = {
        id: uniqueExecutionId("gr-c"),
        agent_name: c,
        status: "success" as const,
        timestamp: iso(t + 5 * MINUTE),
        duration_ms: 500,
      };
      rows.push(grandchild);
      parents.set(grandchild.id, child.id);
    }
  }
  const body: ExecutionBody[] = rows.map((r) => {
    const parent = parents.get(r.id);
    return parent ? { ...r, parent_execution_id: parent } : r;
  });
  return { a, b, c, rows, body };
}

/** Records `handoffs` in a window of the test's own; the range query parameters that cover it. */
async function recordHandoffs(api: RestClient) {
  const slot = recentWindow();
  const data = handoffs(slot.startMs);
  const res = await api.post<RestRecorded>("/executions", data.body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { slot, data, range: { start_date: iso(slot.startMs), end_date: iso(slot.endMs) } };
}

/**
 * What graph-elements.ts computes for this data set, worked out by hand:
 * - colour: rate ≤ 50 % → #d92d20, 75 % → #f79009, 100 % → #17b26a, linear between. A→B succeeds
 *   2 of 3 (66.7 %): two thirds of the way from #d92d20 to #f79009 = (217+20, 45+66, 32−15.3) =
 *   #ed6f11. B→C and A succeed always: #17b26a.
 * - edge width: 1.5 + 8.5·√(count / busiest): A→B (the busiest) 10, B→C 1.5 + 8.5/√3 ≈ 6.41.
 * - node size: 36 + 60·√(runs / busiest): A and B 96, C 36 + 60/√3 ≈ 70.64.
 */
const AMBER_RED = "#ed6f11";
const GREEN = "#17b26a";
const WIDTH_BC = 1.5 + 8.5 / Math.sqrt(3);
const SIZE_C = 36 + 60 / Math.sqrt(3);

interface ElementData {
  id: string;
  [key: string]: unknown;
}

const graphElements = (page: Page) =>
  page.evaluate(() => {
    const cy = window.__batonGraph;
    if (!cy) return null;
    return {
      nodes: cy.nodes().map((n) => n.data() as ElementData),
      edges: cy.edges().map((e) => ({
        data: e.data() as ElementData,
        lineColor: e.style("line-color") as string,
        arrowColor: e.style("target-arrow-color") as string,
        width: e.numericStyle("width"),
      })),
    };
  });

/** Moves the pointer off the graph and onto `point()` until the tooltip reads as `check` expects. */
async function hover(page: Page, point: () => Promise<{ x: number; y: number }>, heading: string) {
  const tooltip = page.getByTestId("graph-tooltip");
  // The layout and the fit to the window may still move things: aim again until the tooltip opens.
  await poll(async () => {
    await page.mouse.move(1, 1);
    const at = await point();
    await page.mouse.move(at.x, at.y);
    return tooltip
      .locator("strong")
      .textContent({ timeout: 500 })
      .catch(() => null);
  }).toBe(heading);
  return tooltip;
}

const edgeMidpoint = (page: Page, id: string) => async () => {
  const box = await page.getByTestId("handoff-graph").boundingBox();
  const at = await page.evaluate((edge) => window.__batonGraph?.$id(edge).renderedMidpoint() ?? null, id);
  if (!box || !at) throw new Error(`no edge ${id} on screen`);
  return { x: box.x + at.x, y: box.y + at.y };
};

describe("the handoff graph", () => {
  test("shows recorded handoffs as weighted edges, their figures on hover, and opens the timeline on click", async ({
    page,
    api,
  }) => {
    const { data, range } = await recordHandoffs(api);
    const { a, b, c } = data;

    await page.goto(`/ui/graph?${new URLSearchParams(range)}`);

    await poll(async () => (await graphElements(page))?.nodes.map((n) => n.id).sort()).toEqual([a, b, c]);
    await expect(page.getByTestId("graph-summary").textContent()).resolves.toBe("3 agents · 2 handoff routes");
    const graph = await graphElements(page);
    if (!graph) throw new Error("no graph");
    const node = (id: string) => graph.nodes.find((n) => n.id === id);
    expect(node(a)).toMatchObject({
      executionCount: 3,
      successCount: 3,
      failureCount: 0,
      successRate: 1,
      color: GREEN,
    });
    expect(node(a)?.size).toBeCloseTo(96, 6);
    expect(node(b)).toMatchObject({ executionCount: 3, successCount: 2, failureCount: 1, color: AMBER_RED });
    expect(node(b)?.successRate).toBeCloseTo(2 / 3, 9);
    expect(node(b)?.avgDurationMs).toBe(3000);
    expect(node(b)?.size).toBeCloseTo(96, 6);
    expect(node(c)).toMatchObject({
      executionCount: 1,
      successCount: 1,
      failureCount: 0,
      color: GREEN,
      label: `${c}\n1 run`,
    });
    expect(node(c)?.size).toBeCloseTo(SIZE_C, 6);

    expect(graph.edges.map((e) => e.data.id).sort()).toEqual([`${a}→${b}`, `${b}→${c}`]);
    const edge = (id: string) => graph.edges.find((e) => e.data.id === id);
    const ab = edge(`${a}→${b}`);
    const bc = edge(`${b}→${c}`);
    expect(ab?.data).toMatchObject({ source: a, target: b, count: 3, successCount: 2, failureCount: 1, label: "3" });
    expect(ab?.data.successRate).toBeCloseTo(2 / 3, 9);
    expect(bc?.data).toMatchObject({ source: b, target: c, count: 1, successCount: 1, failureCount: 0, label: "1" });
    // The mapping, in the data and as cytoscape draws it.
    expect([ab?.data.color, ab?.lineColor, ab?.arrowColor]).toEqual([AMBER_RED, "rgb(237,111,17)", "rgb(237,111,17)"]);
    expect([bc?.data.color, bc?.lineColor]).toEqual([GREEN, "rgb(23,178,106)"]);
    expect(ab?.data.width).toBe(10);
    expect(ab?.width).toBe(10);
    expect(bc?.data.width).toBeCloseTo(WIDTH_BC, 6);
    expect(bc?.width).toBeCloseTo(WIDTH_BC, 6);

    // Hovering a node shows its figures.
    const nodeTip = await hover(page, () => graphNodePoint(page, b), b);
    await expect(facts(nodeTip)).resolves.toEqual({
      Executions: "3",
      "Success rate": "66.7% (2 ok · 1 failed)",
      "Avg duration": "3,000 ms (3 s)",
    });
    await saveScreenshot(page, "graph.png");
    // …and an edge, the handoffs'.
    const edgeTip = await hover(page, edgeMidpoint(page, `${a}→${b}`), `${a} → ${b}`);
    await expect(facts(edgeTip)).resolves.toMatchObject({ Handoffs: "3", "Success rate": "66.7% (2 ok · 1 failed)" });

    // Clicking a node opens the timeline on that agent over the same range.
    const at = await graphNodePoint(page, b);
    await page.mouse.click(at.x, at.y);

    await page.waitForURL("**/ui/timeline?**");
    expect(searchParams(page)).toEqual({ agent: b, ...range });
    // B's executions, each under its A parent shown as context; C is not B.
    const bar = (r: (typeof data.rows)[number], context = false) => ({
      id: r.id,
      status: r.status,
      color: r.status === "success" ? GREEN : "#f04438",
      context,
    });
    const [a1, b1, a2, b2, a3, b3] = data.rows;
    if (!a1 || !b1 || !a2 || !b2 || !a3 || !b3) throw new Error("data set");
    // The newest tree on top.
    await poll(() => timelineBars(page)).toEqual([
      bar(a3, true),
      bar(b3),
      bar(a2, true),
      bar(b2),
      bar(a1, true),
      bar(b1),
    ]);

    // Back on the graph, clicking an edge opens the timeline on that route's handoffs only: c's
    // executions handed work by b (its ancestors as context), not every execution of b and c.
    await page.goBack();
    await page.waitForURL("**/ui/graph?**");
    await poll(async () => (await graphElements(page))?.edges.length).toBe(2);
    await hover(page, edgeMidpoint(page, `${b}→${c}`), `${b} → ${c}`);
    const mid = await edgeMidpoint(page, `${b}→${c}`)();
    await page.mouse.click(mid.x, mid.y);
    await page.waitForURL("**/ui/timeline?**");
    expect(searchParams(page)).toEqual({ agent: c, parent_agent: b, ...range });
    const c1 = data.rows[6];
    if (!c1) throw new Error("data set");
    await poll(() => timelineBars(page)).toEqual([bar(a3, true), bar(b3, true), bar(c1)]);
    await expect(page.getByTitle("Remove the handed-off-by filter").textContent()).resolves.toBe(`${b}×`);
  });

  test("the workflow filter offers the templates by name, narrows the graph to one, and the timeline keeps it", async ({
    page,
    api,
  }) => {
    const slot = recentWindow();
    const mock = await registerMockAgent(api);
    const workflow = await createWorkflow(api, { steps: [{ id: "only", agent: mock }] });
    const [a, b, c] = [uniqueName("WfGraphA"), uniqueName("WfGraphB"), uniqueName("WfGraphC")];
    // Two A→B handoffs recorded under the template (as a tool that ran it would), one A→C outside it.
    const at = (minutes: number) => iso(slot.startMs + minutes * MINUTE);
    const row = (id: string, agent: string, minutes: number, extra: Partial<ExecutionBody> = {}): ExecutionBody => ({
      id,
      agent_name: agent,
      status: "success",
      timestamp: at(minutes),
      duration_ms: 1000,
      ...extra,
    });
    const ids = ["a1", "b1", "a2", "b2", "a3", "c3"].map((k) => uniqueExecutionId(`wfg-${k}`)) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const [a1, b1, a2, b2, a3, c3] = ids;
    const inWorkflow = { workflow_id: workflow.id };
    const body = [
      row(a1, a, 10, inWorkflow),
      row(b1, b, 12, { ...inWorkflow, parent_execution_id: a1 }),
      row(a2, a, 30, inWorkflow),
      row(b2, b, 32, { ...inWorkflow, parent_execution_id: a2 }),
      row(a3, a, 50),
      row(c3, c, 52, { parent_execution_id: a3 }),
    ];
    expect((await api.post<RestRecorded>("/executions", body)).status).toBe(201);
    const range = { start_date: iso(slot.startMs), end_date: iso(slot.endMs) };

    const events = watchSubscription(page, "executionChanges");
    await page.goto(`/ui/graph?${new URLSearchParams(range)}`);
    await poll(async () => (await graphElements(page))?.nodes.map((n) => n.id).sort()).toEqual([a, b, c].sort());
    const select = page.locator("#graph-workflow");
    await poll(() => select.locator("option").allTextContents()).toContain(workflow.name);
    await expect(select.locator("option").first().textContent()).resolves.toBe("All workflows");
    await expect(select.locator("option").allTextContents()).resolves.toEqual(
      expect.arrayContaining(["tdd-cycle", "docs-sync", "test-parallel", "release"]),
    );

    await select.selectOption(workflow.name);
    await poll(() => searchParams(page)).toEqual({ ...range, workflow: workflow.name });
    await poll(async () => (await graphElements(page))?.nodes.map((n) => n.id).sort()).toEqual([a, b].sort());
    const graph = await graphElements(page);
    expect(graph?.edges.map((e) => [e.data.id, e.data.count])).toEqual([[`${a}→${b}`, 2]]);
    await expect(page.getByTestId("graph-summary").textContent()).resolves.toBe("2 agents · 1 handoff route");

    // Clicking B opens its executions in that workflow, with their parents as context.
    const point = await graphNodePoint(page, b);
    await page.mouse.click(point.x, point.y);
    await page.waitForURL("**/ui/timeline?**");
    expect(searchParams(page)).toEqual({ agent: b, ...range, workflow: workflow.name });
    const bar = (id: string, context: boolean) => ({ id, status: "success", color: GREEN, context });
    await poll(() => timelineBars(page)).toEqual([bar(a2, true), bar(b2, false), bar(a1, true), bar(b1, false)]);

    // Live under the name: events carry the template's id. A B execution recorded under the
    // template appears; one outside it (the probes, weeks before the window) does not.
    await untilSubscribed(events, () =>
      api.post("/executions", {
        agent_name: b,
        status: "success",
        timestamp: iso(slot.startMs - 20 * 86_400_000),
        duration_ms: 1,
      }),
    );
    const b4 = uniqueExecutionId("wfg-b4");
    const late = [row(b4, b, 40, { ...inWorkflow, parent_execution_id: a2 }), row(uniqueExecutionId("wfg-b5"), b, 41)];
    expect((await api.post<RestRecorded>("/executions", late)).status).toBe(201);
    await poll(() => timelineBars(page)).toEqual([
      bar(a2, true),
      bar(b2, false),
      bar(b4, false),
      bar(a1, true),
      bar(b1, false),
    ]);

    // A bar's detail names the template and links to it.
    await clickTimelineBar(page, b1);
    const named = page.getByTestId("execution-workflow");
    await expect(named.textContent()).resolves.toBe(workflow.name);
    await named.getByRole("link", { name: workflow.name }).click();
    await page.waitForURL(`**/ui/workflows/${workflow.name}`);

    // Opened with a workflow in its address, the graph has it chosen; "All workflows" brings the rest back.
    await page.goto(`/ui/graph?${new URLSearchParams({ ...range, workflow: workflow.name })}`);
    await poll(async () => (await graphElements(page))?.nodes.map((n) => n.id).sort()).toEqual([a, b].sort());
    await poll(() => select.inputValue()).toBe(workflow.name);
    await select.selectOption("");
    await poll(() => searchParams(page)).toEqual(range);
    await poll(async () => (await graphElements(page))?.nodes.map((n) => n.id).sort()).toEqual([a, b, c].sort());
  });

  test("follows new handoffs live: new figures restyle in place, a new route joins the layout", async ({
    page,
    api,
  }) => {
    const { slot, data, range } = await recordHandoffs(api);
    const { a, b, c } = data;
    const events = watchSubscription(page, "executionChanges");
    await page.goto(`/ui/graph?${new URLSearchParams(range)}`);
    await poll(async () => (await graphElements(page))?.nodes.map((n) => n.id).sort()).toEqual([a, b, c].sort());
    await page.evaluate(() => Object.assign(globalThis, { __sameDocument: true }));
    // Probes lie weeks before the window: the page receives them and its graph does not change.
    await untilSubscribed(events, () =>
      api.post("/executions", {
        agent_name: a,
        status: "success",
        timestamp: iso(slot.startMs - 20 * 86_400_000),
        duration_ms: 1,
      }),
    );
    const positions = () =>
      page.evaluate(() => Object.fromEntries(window.__batonGraph?.nodes().map((n) => [n.id(), n.position()]) ?? []));
    await poll(positions).not.toEqual({});
    const before = await positions();
    // The reader zooms in somewhere.
    const viewport = () =>
      page.evaluate(() => {
        const cy = window.__batonGraph;
        return cy ? { zoom: cy.zoom(), pan: cy.pan() } : null;
      });
    await page.evaluate(() => {
      window.__batonGraph?.zoom({ level: 1.7, renderedPosition: { x: 120, y: 90 } }); // returns cy: not sent back
    });
    const zoomed = await viewport();
    expect(zoomed?.zoom).toBeCloseTo(1.7, 6);

    // One more A→B handoff: the edge counts 4, and nothing moves, the reader's zoom included.
    const root = uniqueExecutionId("gr-live-a");
    const at = (minutes: number) => iso(slot.startMs + minutes * MINUTE);
    const more = [
      { id: root, agent_name: a, status: "success", timestamp: at(80), duration_ms: MINUTE },
      { agent_name: b, status: "success", timestamp: at(82), duration_ms: 1000, parent_execution_id: root },
    ];
    expect((await api.post<RestRecorded>("/executions", more)).status).toBe(201);
    const edgeCount = async (id: string) =>
      (await graphElements(page))?.edges.find((e) => e.data.id === id)?.data.count;
    await poll(() => edgeCount(`${a}→${b}`)).toBe(4);
    expect(await positions()).toEqual(before);
    expect(await viewport()).toEqual(zoomed);

    // A route to a new agent: it joins the graph, laid out with the rest.
    const d = uniqueName("GraphD");
    const parentB = data.rows[1]?.id;
    expect(
      (
        await api.post<RestRecorded>("/executions", {
          agent_name: d,
          status: "failure",
          timestamp: at(15),
          duration_ms: 700,
          parent_execution_id: parentB,
        })
      ).status,
    ).toBe(201);
    await poll(async () => (await graphElements(page))?.nodes.map((n) => n.id).sort()).toEqual([a, b, c, d].sort());
    await poll(() => edgeCount(`${b}→${d}`)).toBe(1);
    await expect(page.getByTestId("graph-summary").textContent()).resolves.toBe("4 agents · 3 handoff routes");
    await expect(page.evaluate(() => "__sameDocument" in globalThis)).resolves.toBe(true);
  });
  test("a workflow run's root is drawn apart from agents (a tag, not a circle) and counted as a workflow", async ({
    page,
    api,
  }) => {
    const slot = recentWindow();
    const workflow = `workflow:${uniqueName("wf").toLowerCase()}`;
    const agent = uniqueName("StepAgent");
    const root = uniqueExecutionId("wf-root");
    const res = await api.post<RestRecorded>("/executions", [
      { id: root, agent_name: workflow, status: "success", timestamp: iso(slot.startMs + 60_000), duration_ms: 900 },
      {
        agent_name: agent,
        status: "success",
        timestamp: iso(slot.startMs + 61_000),
        duration_ms: 500,
        parent_execution_id: root,
      },
    ] satisfies ExecutionBody[]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);

    await page.goto(`/ui/graph?${new URLSearchParams({ start_date: iso(slot.startMs), end_date: iso(slot.endMs) })}`);
    await poll(async () => (await graphElements(page))?.nodes.map((n) => [n.id, n.kind]).sort()).toEqual(
      [
        [agent, "agent"],
        [workflow, "workflow"],
      ].sort(),
    );
    await expect(page.getByTestId("graph-summary").textContent()).resolves.toBe(
      "1 agent · 1 workflow · 1 handoff route",
    );
    const shapes = await page.evaluate(
      (ids) => ids.map((id) => window.__batonGraph?.$id(id).style("shape")),
      [workflow, agent],
    );
    expect(shapes).toEqual(["round-tag", "ellipse"]);
    await expect(page.getByTestId("graph-legend").textContent()).resolves.toContain("Workflow run (not an agent)");
  });
});
