// Tokens and cost in the dashboard (issue 16 §5, §1): the trace list's row sums its tree's tokens
// and cost, the execution detail shows model, tokens and cost, and the metrics page draws tokens by
// agent with a data table of the sums. The figures are written out here from what was recorded.
import { type ExecutionBody, iso, uniqueExecutionId } from "../testkit/executions.js";
import { describe, expect, facts, poll, test } from "../testkit/browser.js";
import { uniqueName } from "../testkit/factories.js";

const MINUTE = 60_000;

describe("tokens and cost in the dashboard", () => {
  test("trace row sums, execution detail, metrics chart and table", async ({ page, api }) => {
    const lead = uniqueName("UsageLead");
    const helper = uniqueName("UsageHelper");
    const quiet = uniqueName("UsageQuiet");
    const t = Date.now() - 10 * MINUTE;
    const root = uniqueExecutionId("use");
    const bare = uniqueExecutionId("bare");
    const batch: ExecutionBody[] = [
      {
        id: root,
        agent_name: lead,
        status: "success",
        timestamp: iso(t),
        duration_ms: 9_000,
        model: "claude-sonnet-4-5",
        input_tokens: 12_000,
        output_tokens: 800,
        cost_usd: 0.048,
      },
      // Tokens without a cost.
      {
        agent_name: helper,
        status: "success",
        timestamp: iso(t + 1_000),
        duration_ms: 2_000,
        parent_execution_id: root,
        input_tokens: 3_500,
        output_tokens: 250,
      },
      { id: bare, agent_name: quiet, status: "success", timestamp: iso(t + 5_000), duration_ms: 10 },
    ];
    expect((await api.post("/executions", batch)).status).toBe(201);

    // The trace list: the tree's sums; a tree that reported nothing shows dashes.
    await page.goto(`/ui/traces?agent=${lead}`);
    const row = page.locator(`tr[data-trace-id="${root}"]`);
    await poll(() => row.getByTestId("trace-tokens").textContent()).toBe("15,500 in · 1,050 out");
    await expect(row.getByTestId("trace-cost").textContent()).resolves.toBe("$0.048");
    await page.goto(`/ui/traces?agent=${quiet}`);
    const quietRow = page.locator(`tr[data-trace-id="${bare}"]`);
    await poll(() => quietRow.getByTestId("trace-tokens").textContent()).toBe("—");
    await expect(quietRow.getByTestId("trace-cost").textContent()).resolves.toBe("—");

    // The execution detail: model, tokens, cost.
    await page.goto(`/ui/timeline?${new URLSearchParams({ execution: root, start_date: iso(t).slice(0, 10) })}`);
    const detail = page.getByTestId("execution-detail");
    await detail.getByTestId("execution-tokens").waitFor();
    await expect(facts(detail)).resolves.toMatchObject({
      Model: "claude-sonnet-4-5",
      Tokens: "12,000 in · 800 out",
      Cost: "$0.048",
    });

    // The metrics page: a tokens-by-agent chart, and its data table with the sums per agent.
    await page.goto(`/ui/metrics?agent=${[lead, helper, quiet].join(",")}`);
    const chart = page.getByTestId("metrics-tokens-chart");
    await chart.locator("svg").first().waitFor();
    const details = page.locator("details.chart-data", { hasText: "Data table: Tokens and cost by agent" });
    await details.locator("summary").click();
    const rows = () =>
      details
        .locator("tr")
        .evaluateAll((trs) => trs.map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent ?? "")));
    // Most tokens first; the agent that reported nothing is left out.
    await poll(rows).toEqual([
      ["Agent", "Input tokens", "Output tokens", "Cost"],
      [lead, "12,000", "800", "$0.048"],
      [helper, "3,500", "250", "—"],
    ]);
  });
});
