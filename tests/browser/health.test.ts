// The Health page in Chromium, checked through REST: an agent whose recorded executions fail
// `failure_threshold` times in a row shows an open circuit without a reload (agentHealthChanged),
// with its figures and last failure; Reset (after confirmation) closes it, as REST confirms; the
// server's summary shows; and the registry's card shows the open circuit as a badge, live too.
import { uniqueExecutionId } from "../testkit/executions.js";
import { uniqueName } from "../testkit/factories.js";
import { describe, expect, poll, test, UI_TIMEOUT_MS } from "../testkit/browser.js";
import type { RestClient } from "../testkit/rest.js";

async function fail(api: RestClient, name: string, times: number) {
  const now = Date.now();
  const batch = Array.from({ length: times }, (_, i) => ({
    id: uniqueExecutionId("hb"),
    agent_name: name,
    status: "failure",
    timestamp: new Date(now - (times - i) * 1000).toISOString(),
    duration_ms: 100 * (i + 1),
    error: `browser boom ${i + 1}`,
  }));
  expect((await api.post("/executions", batch)).status).toBe(201);
  return batch;
}

async function circuitState(api: RestClient, name: string): Promise<string> {
  const res = await api.get<{ circuit: { state: string } }>(`/agents/${name}`);
  expect(res.status).toBe(200);
  return res.body.circuit.state;
}

describe("the Health page", () => {
  test("shows an open circuit live, Reset closes it; the registry card shows the badge live", async ({ api, page }) => {
    const name = uniqueName("Healthy");
    expect(
      (await api.post("/agents", { name, circuit_breaker: { failure_threshold: 2, cooldown_ms: 600_000 } })).status,
    ).toBe(201);

    await page.goto("/ui/health");
    await page.getByTestId("server-health").getByText("healthy").waitFor({ timeout: UI_TIMEOUT_MS });
    const row = page.locator(`[data-testid="health-row"][data-agent="${name}"]`);
    await row.and(page.locator('[data-state="closed"]')).waitFor({ timeout: UI_TIMEOUT_MS });

    const batch = await fail(api, name, 2);
    expect(await circuitState(api, name)).toBe("open");
    // No reload: the subscription brings the open circuit, its count and the last failure.
    await row.and(page.locator('[data-state="open"]')).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await row.getByTestId("consecutive-failures").textContent()).toBe("2");
    expect(await row.getByTestId("circuit-badge").textContent()).toBe("circuit open");
    const link = row.getByTestId("last-failure");
    expect(await link.textContent()).toContain("browser boom 2");
    expect(await link.getAttribute("href")).toContain(`execution=${batch[1]?.id}`);
    // The circuit's alert is counted beside it, live (the alerts subscription).
    await poll(() => row.getByTestId("open-alerts").textContent()).toMatch(/^\d+ open$/);

    // Reset asks first, then closes the circuit (REST agrees) and the row follows.
    await row.getByRole("button", { name: "Reset" }).click();
    await row.getByRole("button", { name: "Confirm reset" }).click();
    await row.and(page.locator('[data-state="closed"]')).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await circuitState(api, name)).toBe("closed");

    // The registry: the card shows no circuit badge while closed, and the open badge once it opens.
    await page.goto(`/ui/agents?q=${encodeURIComponent(name)}`);
    const card = page.getByTestId("agent-card").filter({ hasText: name });
    await card.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await card.getByTestId("circuit-badge").count()).toBe(0);
    await fail(api, name, 2);
    await card.locator('[data-testid="circuit-badge"][data-state="open"]').waitFor({ timeout: UI_TIMEOUT_MS });

    // The agent page shows it too.
    await page.goto(`/ui/agents/${encodeURIComponent(name)}`);
    await page.locator('[data-testid="circuit-badge"][data-state="open"]').waitFor({ timeout: UI_TIMEOUT_MS });
  });
});
