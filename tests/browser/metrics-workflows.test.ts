// Workflow runs' roots (`workflow:<template>`) are not agents: the metrics page lists them after
// the agents in its agent picker, said to be workflow runs, and picking one filters on it.
import { iso, uniqueExecutionId } from "../testkit/executions.js";
import { describe, expect, poll, test } from "../testkit/browser.js";
import { uniqueName } from "../testkit/factories.js";

describe("workflow runs on the metrics page", () => {
  test("the agent picker lists workflow runs after the agents, named as workflow runs", async ({ page, api }) => {
    const template = uniqueName("wf").toLowerCase();
    const agent = uniqueName("StepAgent");
    const root = uniqueExecutionId("wf-root");
    const at = Date.now() - 3_600_000;
    const res = await api.post("/executions", [
      { id: root, agent_name: `workflow:${template}`, status: "success", timestamp: iso(at), duration_ms: 900 },
      { agent_name: agent, status: "success", timestamp: iso(at + 10), duration_ms: 500, parent_execution_id: root },
    ]);
    expect(res.status).toBe(201);

    await page.goto("/ui/metrics");
    await page.getByLabel("Agents").click();
    const options = page.locator(".multi-select-option");
    await poll(() => options.allTextContents()).toContain(`${template} (workflow run)`);
    const labels = await options.allTextContents();
    const firstWorkflow = labels.findIndex((l) => l.endsWith("(workflow run)"));
    // Every agent (seeded ones and StepAgent) comes before the first workflow run.
    expect(labels.slice(0, firstWorkflow)).toContain(agent);
    expect(labels.slice(firstWorkflow).every((l) => l.endsWith("(workflow run)"))).toBe(true);

    await page.getByRole("checkbox", { name: `${template} (workflow run)` }).check();
    await poll(() => new URL(page.url()).searchParams.get("agent")).toBe(`workflow:${template}`);
  });
});
