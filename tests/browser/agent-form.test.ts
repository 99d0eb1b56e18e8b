// The agent form's corrections in Chromium: unparseable runner settings no longer hide the other
// fields' problems (the server is asked about the rest and saves nothing), messages are in the
// form's words, a save says so on the agent's page, and leaving with unsaved changes asks first.
import type { Page } from "playwright-core";
import { uniqueName } from "../testkit/factories.js";
import { describe, expect, poll, test } from "../testkit/browser.js";
import type { RestAgentList, RestClient } from "../testkit/rest.js";
import { registerMockAgent } from "../testkit/workflows.js";

async function agentTotal(api: RestClient): Promise<number> {
  const res = await api.get<RestAgentList>("/agents", { limit: 1 });
  return res.body.total;
}

async function openRegisterForm(page: Page) {
  await page.goto("/ui/agents/new");
  await page.getByTestId("agent-form").waitFor();
}

describe("the agent form", () => {
  test("invalid runner JSON does not hide the other errors, and nothing is saved", async ({ page, api }) => {
    const before = await agentTotal(api);
    await openRegisterForm(page);
    await page.getByLabel("Name", { exact: true }).fill("has spaces!");
    await page.getByLabel("Runner settings", { exact: true }).fill("{ oops");
    await page.getByLabel("Max retries", { exact: true }).fill("99");
    await page.getByRole("button", { name: "Register agent" }).click();
    await poll(() => page.getByTestId("agent-max-retries-error").count()).toBe(1);
    await expect(page.getByTestId("agent-name-error").textContent()).resolves.toBe(
      "must start with a letter and use only letters, digits, '_', '.', '-'",
    );
    await expect(page.getByTestId("agent-runner-settings-error").textContent()).resolves.toContain("not valid JSON");
    await expect(page.getByTestId("agent-max-retries-error").textContent()).resolves.toContain("20");
    expect(new URL(page.url()).pathname).toBe("/ui/agents/new");
    expect(await agentTotal(api)).toBe(before);
  });

  test("messages name what the user sees, not internal keys", async ({ page }) => {
    await openRegisterForm(page);
    await page.getByLabel("Name", { exact: true }).fill(uniqueName("Words"));
    await page.getByLabel("Runner settings", { exact: true }).fill('{ "latency_ms": 1, "colour": "red" }');
    await page.getByRole("button", { name: "Register agent" }).click();
    const error = page.getByTestId("agent-runner-settings-error");
    await poll(() => error.textContent()).toBe("unknown setting: colour");
    const all = await page.getByTestId("agent-form").textContent();
    expect(all).not.toMatch(/Unrecognized|[a-z]+[A-Z][a-z]+Ms\b/);
  });

  test("a save says so on the agent's page", async ({ page }) => {
    const name = uniqueName("Saved");
    await openRegisterForm(page);
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Register agent" }).click();
    await page.waitForURL(`**/ui/agents/${name}`);
    await poll(() => page.getByTestId("saved-message").textContent()).toBe(`Registered ${name}.`);
    await expect(page.getByTestId("saved-message").getAttribute("role")).resolves.toBe("status");

    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByTestId("agent-form").waitFor();
    await page.getByLabel("Description", { exact: true }).fill("Changed by the test");
    await page.getByRole("button", { name: /Save/ }).click();
    await page.waitForURL(`**/ui/agents/${name}`);
    await poll(() => page.getByTestId("saved-message").textContent()).toBe(`Saved the changes to ${name}.`);
  });

  test("leaving with unsaved changes asks first; declining stays, accepting leaves", async ({ page, api }) => {
    const name = await registerMockAgent(api, {});
    await page.goto(`/ui/agents/${name}/edit`);
    await page.getByTestId("agent-form").waitFor();
    const asked: string[] = [];
    let accept = false;
    page.on("dialog", (d) => {
      asked.push(d.message());
      void (accept ? d.accept() : d.dismiss());
    });
    await page.getByLabel("Description", { exact: true }).fill("Edited, not saved");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Health" }).click();
    await poll(() => asked.length).toBe(1);
    expect(asked[0]).toBe("You have unsaved changes. Leave this page and lose them?");
    expect(new URL(page.url()).pathname).toBe(`/ui/agents/${name}/edit`);
    await expect(page.getByLabel("Description", { exact: true }).inputValue()).resolves.toBe("Edited, not saved");
    accept = true;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Health" }).click();
    await page.waitForURL("**/ui/health");
    expect(asked.length).toBe(2);
  });

  test("an unchanged form leaves without asking", async ({ page, api }) => {
    const name = await registerMockAgent(api, {});
    await page.goto(`/ui/agents/${name}/edit`);
    await page.getByTestId("agent-form").waitFor();
    const asked: string[] = [];
    page.on("dialog", (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Health" }).click();
    await page.waitForURL("**/ui/health");
    expect(asked).toEqual([]);
  });
});
