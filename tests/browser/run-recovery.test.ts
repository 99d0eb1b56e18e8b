// Recovering a failed run from its page in Chromium: "Retry '<step>'" resumes it from the failed
// step (the steps that succeeded are kept, the page follows it to SUCCEEDED live), and "Re-run"
// starts a new run of the same definition and opens it.
import type { Page } from "playwright-core";
import { describe, expect, location, poll, test } from "../testkit/browser.js";
import { attemptsOf, createWorkflow, registerMockAgent, startRun, waitForRun } from "../testkit/workflows.js";

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
});
