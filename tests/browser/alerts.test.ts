// Alerts in Chromium: the sidebar's open-alert count follows alerts raised and acknowledged
// elsewhere without a reload (the `alerts` subscription), and the Alerts page acknowledges one.
import type { Page } from "playwright-core";
import { agentBody, uniqueName } from "../testkit/factories.js";
import { describe, expect, poll, test, untilSubscribed, watchSubscription } from "../testkit/browser.js";
import type { RestClient } from "../testkit/rest.js";

async function openCount(api: RestClient): Promise<number> {
  const res = await api.get<{ total: number }>("/alerts", { state: "open", limit: 1 });
  expect(res.status).toBe(200);
  return res.body.total;
}

/** The sidebar's count ("0" when the badge is hidden). */
async function badge(page: Page): Promise<string> {
  const b = page.getByTestId("open-alert-count");
  return (await b.count()) === 0 ? "0" : ((await b.textContent()) ?? "");
}

async function agent(api: RestClient): Promise<string> {
  const name = uniqueName("AlertAgent");
  expect((await api.post("/agents", agentBody({ name }))).status).toBe(201);
  return name;
}

/** Three recorded failures raise REPEATED_FAILURES for the agent. */
async function failThrice(api: RestClient, name: string) {
  for (let i = 0; i < 3; i++)
    expect(
      (await api.post("/executions", { agent_name: name, status: "failure", timestamp: new Date().toISOString() }))
        .status,
    ).toBe(201);
}

describe("alerts in the dashboard", () => {
  test("the sidebar counts open alerts live, and the Alerts page acknowledges one", async ({ page, api }) => {
    const events = watchSubscription(page, "alerts");
    await page.goto("/ui/alerts");
    await page.getByTestId("alerts-table").waitFor();
    // Make sure the page is subscribed: an alert raised and resolved on another agent reaches it.
    const probe = await agent(api);
    await untilSubscribed(events, async () => {
      await failThrice(api, probe);
      await api.post("/executions", { agent_name: probe, status: "success", timestamp: new Date().toISOString() });
    });
    const before = await openCount(api);
    await poll(() => badge(page)).toBe(String(before));

    const name = await agent(api);
    await failThrice(api, name);
    expect(await openCount(api)).toBe(before + 1);
    await poll(() => badge(page)).toBe(String(before + 1));

    await page.getByLabel("Agent").fill(name);
    const row = page.getByTestId("alerts-table").locator("tbody tr", { hasText: name });
    await poll(() => row.count()).toBe(1);
    await row.getByRole("button", { name: "Acknowledge" }).click();
    await poll(() => row.getByTestId("alert-state").textContent()).toBe("acknowledged by local");
    const listed = await api.get<{ alerts: { state: string }[] }>("/alerts", { agent: name });
    expect(listed.body.alerts.map((a) => a.state)).toEqual(["acknowledged"]);
    await poll(() => badge(page)).toBe(String(before));
  });
});
