// Recovering a failed run from its page in Chromium: "Retry '<step>'" resumes it from the failed
// step (the steps that succeeded are kept, the page follows it to SUCCEEDED live), and "Re-run"
// starts a new run of the same definition and opens it. "Roll back" (confirmed) rolls a failed
// run back: the page follows it to ROLLED_BACK live and draws the compensations as the run's
// rollback branch (hatched bars labelled "rollback", named in the legend).
import type { Page } from "playwright-core";
import { describe, expect, location, poll, test, timelineFrame } from "../testkit/browser.js";
import { attemptsOf, createWorkflow, getRun, registerMockAgent, startRun, waitForRun } from "../testkit/workflows.js";

function stepStatuses(page: Page): Promise<Record<string, string>> {
  return page
    .getByTestId("step-state")
    .evaluateAll((lis) =>
      Object.fromEntries(lis.map((li) => [li.getAttribute("data-step-id"), li.getAttribute("data-status")])),
    );
}

describe("a failed run's page", () => {
  test("Retry resumes the run from its failed step, and Re-run opens a new run", async ({ page, api }) => {
    const ok = await registerMockAgent(api, { latency_ms: 100 });
    const broken = await registerMockAgent(api, { latency_ms: 100, failure_rate: 1 });
    const workflow = await createWorkflow(api, {
      steps: [
        { id: "first", agent: ok },
        { id: "breaks", agent: broken },
        { id: "after", agent: ok },
      ],
    });
    const failed = await waitForRun(api, (await startRun(api, workflow.id)).id);
    expect(failed.status).toBe("failed");
    // The agent is mended; the run is not re-run from scratch.
    expect(
      (await api.patch(`/agents/${broken}`, { runner: { kind: "mock", settings: { latency_ms: 100 } } })).status,
    ).toBe(200);

    await page.goto(`/ui/workflows/runs/${encodeURIComponent(failed.id)}`);
    await poll(() => page.getByTestId("run-status").getAttribute("data-status")).toBe("failed");
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Retry 'breaks'" }).click();
    await poll(() => page.getByTestId("run-status").getAttribute("data-status")).toBe("succeeded");
    await poll(() => stepStatuses(page)).toEqual({ first: "succeeded", breaks: "succeeded", after: "succeeded" });
    const resumed = await waitForRun(api, failed.id);
    expect(attemptsOf(resumed, "first").length).toBe(1);
    expect(attemptsOf(resumed, "breaks").map((e) => e.status)).toEqual(["failure", "success"]);

    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Re-run" }).click();
    await poll(() => location(page)).not.toBe(`/ui/workflows/runs/${encodeURIComponent(failed.id)}`);
    const newId = decodeURIComponent(location(page).split("/").at(-1) ?? "");
    expect(newId).not.toBe(failed.id);
    await poll(() => page.getByTestId("run-status").getAttribute("data-status")).toBe("succeeded");
    expect((await waitForRun(api, newId)).workflow_id).toBe(workflow.id);
  });

  test("Roll back, once confirmed, rolls the run back live and draws its compensations as the rollback branch", async ({
    page,
    api,
  }) => {
    const ok = await registerMockAgent(api, { latency_ms: 50, outputs: { done: true } });
    // Slow enough for the page to show the run rolling back before it has rolled back.
    const undo = await registerMockAgent(api, { latency_ms: 800, outputs: { undone: true } });
    const broken = await registerMockAgent(api, { latency_ms: 50, failure_rate: 1 });
    const workflow = await createWorkflow(api, {
      steps: [
        { id: "first", agent: ok, compensate: { agent: undo, input: { step: "first" } } },
        { id: "second", agent: ok, compensate: { agent: undo, input: { step: "second" } } },
        { id: "breaks", agent: broken },
      ],
    });
    const failed = await waitForRun(api, (await startRun(api, workflow.id)).id);
    expect(failed.status).toBe("failed");
    const stepBars = failed.executions.map((e) => e.id);

    await page.goto(`/ui/workflows/runs/${encodeURIComponent(failed.id)}`);
    await poll(() => page.getByTestId("run-status").getAttribute("data-status")).toBe("failed");
    // Dismissed: nothing happens.
    page.once("dialog", (d) => void d.dismiss());
    await page.getByRole("button", { name: "Roll back" }).click();
    expect((await getRun(api, failed.id)).status).toBe("failed");

    let confirmation = "";
    page.once("dialog", (d) => {
      confirmation = d.message();
      void d.accept();
    });
    await page.getByRole("button", { name: "Roll back" }).click();
    await poll(() => page.getByTestId("run-status").getAttribute("data-status")).toBe("rolling_back");
    expect(confirmation).toMatch(/^Roll this run back\?/);
    await poll(() => page.getByTestId("run-status").getAttribute("data-status")).toBe("rolled_back");

    const after = await getRun(api, failed.id);
    const compensations = after.executions.filter((e) => e.workflow_step_id?.startsWith("rollback:"));
    expect(compensations.map((e) => [e.workflow_step_id, e.status]).sort()).toEqual([
      ["rollback:first", "success"],
      ["rollback:second", "success"],
    ]);
    // Every execution of the run is drawn; exactly the compensations as rollback bars.
    const rollbackIds = compensations.map((e) => e.id).sort();
    await poll(async () =>
      (await timelineFrame(page))?.bars
        .filter((b) => b.rollback)
        .map((b) => b.id)
        .sort(),
    ).toEqual(rollbackIds);
    const frame = await timelineFrame(page);
    expect(
      frame?.bars
        .filter((b) => !b.rollback)
        .map((b) => b.id)
        .sort(),
    ).toEqual([...stepBars].sort());
    const labelled = await page
      .getByTestId("lane-rollback")
      .evaluateAll((els) => els.map((el) => el.closest("[data-execution-id]")?.getAttribute("data-execution-id")));
    expect(labelled.sort()).toEqual(rollbackIds);
    await expect(page.getByTestId("timeline-legend").textContent()).resolves.toContain("Rollback (compensation)");
    // Rolled back once: the button is gone.
    await expect(page.getByRole("button", { name: "Roll back" }).count()).resolves.toBe(0);
  });
});
