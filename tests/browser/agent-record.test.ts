// An agent's page shows its record (issue 16 §2): figures over the last 30 days from the metrics
// query, its latest executions newest first with links to the timeline, links to its timeline and
// metrics, capabilities that filter the registry; a new execution updates it live.
import { iso, uniqueExecutionId } from "../testkit/executions.js";
import { agentBody, uniqueName, uniqueToken } from "../testkit/factories.js";
import { describe, expect, poll, test } from "../testkit/browser.js";

const MINUTE = 60_000;

describe("an agent's record on its page", () => {
  test("figures, latest executions, links; a new execution arrives live", async ({ page, api }) => {
    const name = uniqueName("RecordAgent");
    const capability = uniqueToken("cap");
    expect((await api.post("/agents", agentBody({ name, capabilities: [capability] }))).status).toBe(201);
    const now = Date.now();
    // Oldest first: three successes, one failure, one still running; durations 100..400 ms.
    const runs = [
      { status: "success", duration_ms: 100 },
      { status: "success", duration_ms: 200 },
      { status: "failure", duration_ms: 400 },
      { status: "success", duration_ms: 300 },
      { status: "in_progress" },
    ].map((r, i) => ({
      id: uniqueExecutionId(`rec${i}`),
      agent_name: name,
      timestamp: iso(now - (10 - i) * MINUTE),
      ...r,
    }));
    expect((await api.post("/executions", runs)).status).toBe(201);

    await page.goto(`/ui/agents/${name}`);
    const figures = page.getByTestId("agent-record-figures");
    // p95 as the metrics API computes it (nearest rank over 100, 200, 300, 400 ms: 400 ms).
    const metrics = await api.get<{ summary: { p95_duration_ms: number } }>("/metrics", { agent: name });
    const p95 = metrics.body.summary.p95_duration_ms;
    expect(Math.abs(p95 - 400) / 400).toBeLessThanOrEqual(0.01);
    await poll(() => figures.locator("dd").allTextContents()).toEqual([
      "5",
      "75% (3 of 4)",
      `${Math.round(p95).toLocaleString("en-US")} ms`,
    ]);

    const table = page.getByTestId("agent-recent-executions");
    await expect(table.locator("caption").textContent()).resolves.toBe("Latest 5 executions of 5 (all time)");
    const rows = () =>
      table.locator("tbody tr").evaluateAll((trs) =>
        trs.map((tr) => {
          const cells = [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "");
          return { status: cells[1], duration: cells[2], id: tr.querySelector("code")?.textContent ?? "" };
        }),
      );
    await expect(rows()).resolves.toEqual(
      [...runs].reverse().map((r) => ({
        status: { success: "Success", failure: "Failure", in_progress: "In progress" }[r.status],
        duration: r.duration_ms === undefined ? "—" : `${r.duration_ms} ms`,
        id: r.id,
      })),
    );

    // Live: a sixth execution (a success) changes the figures without a reload.
    const sixth = {
      id: uniqueExecutionId("rec5"),
      agent_name: name,
      status: "success",
      duration_ms: 50,
      timestamp: iso(now),
    };
    expect((await api.post("/executions", sixth)).status).toBe(201);
    await poll(() => figures.locator("dd").first().textContent()).toBe("6");
    await poll(() => table.locator("tbody tr").first().locator("code").textContent()).toBe(sixth.id);
    await expect(figures.locator("dd").nth(1).textContent()).resolves.toBe("80% (4 of 5)");

    // An execution's link opens the timeline on it; the record's links keep the agent.
    await table.getByRole("link", { name: runs[2]?.id }).click();
    await page.waitForURL(/\/ui\/timeline\?/);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
      agent: name,
      execution: runs[2]?.id,
      start_date: runs[2]?.timestamp.slice(0, 10),
    });
    await page.goBack();
    await page.getByRole("link", { name: "Metrics →" }).click();
    await page.waitForURL(/\/ui\/metrics\?/);
    expect(new URL(page.url()).searchParams.get("agent")).toBe(name);

    // A capability filters the registry on it.
    await page.goto(`/ui/agents/${name}`);
    await page.getByTestId("agent-capabilities").getByRole("link", { name: capability }).click();
    await page.waitForURL(/\/ui\/agents\?/);
    expect(new URL(page.url()).searchParams.get("capability")).toBe(capability);
    await poll(() => page.getByRole("heading", { name, exact: true }).count()).toBe(1);
  });

  test("an agent with no executions says how to record one", async ({ page, api }) => {
    const name = uniqueName("QuietAgent");
    expect((await api.post("/agents", agentBody({ name }))).status).toBe(201);
    await page.goto(`/ui/agents/${name}`);
    const record = page.getByTestId("agent-record");
    await poll(() => record.locator(".empty-state strong").textContent()).toBe("No executions yet");
    await expect(record.locator("code").textContent()).resolves.toContain(`"agent_name":"${name}"`);
    await expect(record.getByTestId("agent-record-figures").locator("dd").allTextContents()).resolves.toEqual([
      "0",
      "—",
      "—",
    ]);
  });
});
