// Issue 11 §1: the handoff graph and the timeline show an agent whose circuit is open, live. With
// the page open, the circuit is opened through REST: the graph's node turns into a tinted octagon
// and is listed as paused; the timeline outlines the agent's bars and badges its lanes. A reset
// through REST brings both back, without a reload (agentHealthChanged).
import type { Page } from "playwright-core";
import { uniqueExecutionId } from "../testkit/executions.js";
import { uniqueName } from "../testkit/factories.js";
import { describe, expect, poll, test, UI_TIMEOUT_MS } from "../testkit/browser.js";
import type { RestClient } from "../testkit/rest.js";

const iso = (ms: number) => new Date(ms).toISOString();

/** A parent (`from`) handing work to `to`, in a window of this test's own; the range that covers it. */
async function handoff(api: RestClient) {
  const from = uniqueName("Lead");
  const to = uniqueName("Worker");
  for (const name of [from, to]) expect((await api.post("/agents", { name })).status).toBe(201);
  const startMs = Date.now() - 30 * 60_000;
  const parent = uniqueExecutionId("lead");
  const child = uniqueExecutionId("work");
  const res = await api.post("/executions", [
    { id: parent, agent_name: from, status: "success", timestamp: iso(startMs), duration_ms: 60_000 },
    {
      id: child,
      agent_name: to,
      parent_execution_id: parent,
      status: "success",
      timestamp: iso(startMs + 10_000),
      duration_ms: 30_000,
    },
  ]);
  expect(res.status).toBe(201);
  const range = { start_date: iso(startMs - 60_000), end_date: iso(startMs + 120_000) };
  return { from, to, child, range };
}

const node = (page: Page, id: string) =>
  page.evaluate((name) => {
    const n = window.__batonGraph?.$id(name);
    if (!n || n.empty()) return null;
    return {
      circuit: n.data("circuit") as string,
      label: n.data("label") as string,
      shape: n.style("shape") as string,
      fill: n.style("background-color") as string,
      rim: n.style("border-style") as string,
    };
  }, id);

const barOf = (page: Page, id: string) =>
  page.evaluate((exec) => window.__batonTimeline?.bars.find((b) => b.id === exec) ?? null, id);

describe("open circuits on the graph and the timeline", () => {
  test("the graph marks the agent's node while its circuit is open, live", async ({ api, page }) => {
    const { from, to, range } = await handoff(api);
    await page.goto(`/ui/graph?${new URLSearchParams(range)}`);
    await poll(async () => (await node(page, to))?.circuit).toBe("closed");
    const closed = await node(page, to);
    expect(closed).toMatchObject({ shape: "ellipse", rim: "solid", label: `${to}\n1 run` });
    const paused = page.getByTestId("graph-circuits");
    expect(await paused.locator(".badge").count()).toBe(0);

    expect((await api.post(`/agents/${to}/circuit/open`)).status).toBe(200);
    await poll(async () => (await node(page, to))?.circuit).toBe("open");
    expect(await node(page, to)).toEqual({
      circuit: "open",
      label: `${to}\n1 run · circuit open`,
      shape: "octagon",
      fill: "rgb(254,228,226)",
      rim: "dashed",
    });
    expect((await node(page, from))?.circuit).toBe("closed");
    const badge = paused.locator(`[data-agent="${to}"]`);
    await badge.waitFor({ timeout: UI_TIMEOUT_MS });
    expect([await badge.getAttribute("data-state"), await badge.textContent()]).toEqual([
      "open",
      `${to}: circuit open`,
    ]);
    expect(await paused.getAttribute("role")).toBe("status");
    await expect(page.getByTestId("graph-legend").textContent()).resolves.toContain("Circuit open");

    expect((await api.post(`/agents/${to}/circuit/reset`)).status).toBe(200);
    await poll(async () => (await node(page, to))?.circuit).toBe("closed");
    expect(await node(page, to)).toMatchObject({ shape: "ellipse", rim: "solid", label: `${to}\n1 run` });
    await poll(() => paused.locator(".badge").count()).toBe(0);
  });

  test("the timeline outlines the agent's bars and badges its lanes while open, live", async ({ api, page }) => {
    const { to, child, range } = await handoff(api);
    await page.goto(`/ui/timeline?${new URLSearchParams(range)}`);
    await poll(async () => (await barOf(page, child))?.circuit).toBe("closed");
    const lane = page.locator(`[data-testid="timeline-lane"][data-execution-id="${child}"]`);
    await lane.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await lane.getByTestId("lane-circuit").count()).toBe(0);

    expect((await api.post(`/agents/${to}/circuit/open`)).status).toBe(200);
    await poll(async () => (await barOf(page, child))?.circuit).toBe("open");
    const badge = lane.getByTestId("lane-circuit");
    await badge.waitFor({ timeout: UI_TIMEOUT_MS });
    expect([await badge.getAttribute("data-state"), await badge.textContent()]).toEqual(["open", "circuit open"]);
    // Accessible: the lane's button names the state.
    await expect(lane.getByRole("button", { name: new RegExp(`${to}.*circuit open`) }).count()).resolves.toBe(1);
    await expect(page.getByTestId("timeline-legend").textContent()).resolves.toContain("circuit open now");

    expect((await api.post(`/agents/${to}/circuit/reset`)).status).toBe(200);
    await poll(async () => (await barOf(page, child))?.circuit).toBe("closed");
    await poll(() => lane.getByTestId("lane-circuit").count()).toBe(0);
  });
});
