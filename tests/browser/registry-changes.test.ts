// Changing the registry from the dashboard in Chromium, checked through REST: registering through
// the form, the server's validation shown beside the offending field, deleting, and the agents
// page following changes made elsewhere (graphql-ws) without a reload. Agents made here have
// unique names, and counts are taken from REST before each change. A connection that drops shows in
// the sidebar, and once it is back the page fetches what it missed meanwhile.
import type { Page, WebSocket } from "playwright-core";
import { vi } from "vitest";
import { agentBody, uniqueName, uniqueToken } from "../testkit/factories.js";
import {
  cardNames,
  chips,
  describe,
  expect,
  facts,
  poll,
  recordAttributeHistory,
  routeLiveSocket,
  test,
} from "../testkit/browser.js";
import type { RestAgent, RestAgentList, RestClient, RestError } from "../testkit/rest.js";

async function agentTotal(api: RestClient): Promise<number> {
  const res = await api.get<RestAgentList>("/agents", { limit: 1 });
  expect(res.status).toBe(200);
  return res.body.total;
}

/** Opens the register form from the agents page, as a user would. */
async function openRegisterForm(page: Page) {
  await page.goto("/ui/agents");
  await page.getByRole("link", { name: "+ Register agent" }).click();
  await page.waitForURL("**/ui/agents/new");
  await page.getByTestId("agent-form").waitFor();
}

/** Types entries into a tag input, finishing each with Enter. */
async function addTags(page: Page, label: string, tags: string[]) {
  const input = page.getByLabel(label, { exact: true });
  for (const tag of tags) {
    await input.fill(tag);
    await input.press("Enter");
  }
}

/** The entries of the tag input whose text box has `id`. */
function tagsOf(page: Page, id: string): Promise<string[]> {
  return page.locator(`.tag-input:has(#${id})`).getByTestId("tag").locator("span").allTextContents();
}

/** Frames of the page's graphql-ws socket that carry agentChanged events. */
function watchAgentChanged(page: Page) {
  const events: string[] = [];
  page.on("websocket", (ws: WebSocket) => {
    ws.on("framereceived", ({ payload }) => {
      const text = String(payload);
      if (text.includes('"next"') && text.includes("agentChanged")) events.push(text);
    });
  });
  return { count: () => events.length };
}

describe("registering an agent", () => {
  test("the form registers it, shows it, lists it, and REST returns it as entered", async ({ page, api }) => {
    const name = uniqueName("UiAgent");
    const [capA, capB] = [uniqueToken("ui-cap"), uniqueToken("ui-cap")];
    const before = await agentTotal(api);
    await openRegisterForm(page);

    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Description", { exact: true }).fill("Registered from the dashboard by a browser test.");
    await addTags(page, "Capabilities", [capA]);
    // A comma also finishes an entry.
    await page.getByLabel("Capabilities", { exact: true }).pressSequentially(`${capB},`);
    await addTags(page, "Tools", ["Read", "Grep"]);
    await page.getByLabel("Parallel", { exact: true }).check();
    await page.getByLabel("Runner kind", { exact: true }).selectOption("mock");
    await page.getByLabel("Runner settings", { exact: true }).fill('{ "outputs": { "ok": true }, "latency_ms": 0 }');
    await page.getByLabel("Max retries", { exact: true }).fill("3");
    await page.getByLabel("Backoff", { exact: true }).selectOption("linear");
    await page.getByLabel("Failure threshold", { exact: true }).fill("7");
    await expect(tagsOf(page, "agent-capabilities")).resolves.toEqual([capA, capB]);
    await page.getByRole("button", { name: "Register agent" }).click();

    await page.waitForURL(`**/ui/agents/${name}`);
    await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(name);
    const detail = page.getByTestId("agent-detail");
    await detail.waitFor();
    await expect(chips(detail.getByTestId("agent-capabilities"))).resolves.toEqual([capA, capB]);
    await expect(chips(detail.getByTestId("agent-tools"))).resolves.toEqual(["Read", "Grep"]);
    await expect(chips(detail.getByTestId("agent-patterns"))).resolves.toEqual(["parallel"]);
    await expect(detail.getByTestId("agent-runner-kind").textContent()).resolves.toBe("mock");
    await expect(facts(detail.getByTestId("retry-policy"))).resolves.toMatchObject({
      "Max retries": "3",
      Backoff: "linear",
    });

    const res = await api.get<RestAgent>(`/agents/${name}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name,
      description: "Registered from the dashboard by a browser test.",
      capabilities: [capA, capB],
      tools: ["Read", "Grep"],
      coordination_patterns: ["parallel"],
      runner: { kind: "mock", settings: { outputs: { ok: true }, latency_ms: 0 } },
      retry_policy: { max_retries: 3, backoff: "linear", initial_delay_ms: 1000, max_delay_ms: 30_000 },
      circuit_breaker: { failure_threshold: 7, cooldown_ms: 60_000 },
    });
    expect(await agentTotal(api)).toBe(before + 1);

    await page.getByRole("link", { name: "← Agents" }).click();
    await page.waitForURL("**/ui/agents");
    await poll(() => cardNames(page)).toContain(name);
    await expect(page.getByTestId("agent-count").textContent()).resolves.toBe(`${before + 1} agents registered`);
  });

  test("the server's validation errors appear beside their fields and nothing is written", async ({ page, api }) => {
    const name = uniqueName("Rejected");
    const cap = uniqueToken("ui-cap");
    const before = await agentTotal(api);
    const submit = page.getByRole("button", { name: "Register agent" });
    const nameInput = page.getByLabel("Name", { exact: true });
    await openRegisterForm(page);

    // Settings that are not JSON: their error under the box (the server, asked about the other
    // fields, refuses the box and saves nothing).
    await nameInput.fill(name);
    await addTags(page, "Capabilities", [cap]);
    await page.getByLabel("Runner settings", { exact: true }).fill("{ oops");
    await submit.click();
    await poll(() => page.getByTestId("agent-runner-settings-error").textContent()).toContain("not valid JSON");
    await page.getByLabel("Runner settings", { exact: true }).fill("{}");

    // A name taken by a seeded agent: the server's conflict, under the name.
    await nameInput.fill("TestAgent");
    await submit.click();
    const nameError = page.getByTestId("agent-name-error");
    await poll(() => nameError.textContent()).toMatch(/^an agent named 'TestAgent' already exists/);
    await expect(nameError.getAttribute("role")).resolves.toBe("alert");
    await expect(nameInput.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(page.getByTestId("agent-runner-settings-error").count()).resolves.toBe(0);

    // Two problems at once: a capability repeated in another case, and too many retries.
    await nameInput.fill(name);
    await addTags(page, "Capabilities", ["alpha", "Alpha"]);
    await page.getByLabel("Max retries", { exact: true }).fill("99");
    await submit.click();
    const capabilitiesError = page.getByTestId("agent-capabilities-error");
    await poll(() => capabilitiesError.textContent()).toMatch(/duplicate/i);
    await expect(capabilitiesError.getAttribute("role")).resolves.toBe("alert");
    await expect(page.getByTestId("agent-max-retries-error").textContent()).resolves.toContain("20");
    await expect(nameError.count()).resolves.toBe(0);
    // The offending entry is the one marked.
    await expect(page.locator(".tag-invalid > span").allTextContents()).resolves.toEqual(["Alpha"]);
    await expect(page.getByTestId("form-summary").count()).resolves.toBe(0);
    expect(new URL(page.url()).pathname).toBe("/ui/agents/new");

    expect(await agentTotal(api)).toBe(before);
    const missing = await api.get<RestError>(`/agents/${name}`);
    expect(missing.status).toBe(404);
  });
});

describe("deleting an agent", () => {
  test("confirming on its page removes it and returns to the list", async ({ page, api }) => {
    const agent = (await api.post<RestAgent>("/agents", agentBody({ name: uniqueName("Doomed") }))).body;
    await page.goto(`/ui/agents/${agent.name}`);
    await page.getByTestId("agent-detail").waitFor();

    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByTestId("confirm-delete").getByRole("button", { name: "Confirm delete" }).click();

    await page.waitForURL("**/ui/agents");
    expect((await api.get(`/agents/${agent.id}`)).status).toBe(404);
    const remaining = (await api.get<RestAgentList>("/agents", { limit: 200 })).body.agents.map((a) => a.name);
    expect(remaining).not.toContain(agent.name);
    await poll(() => cardNames(page)).toEqual(remaining);
  });
});

describe("the agents page is live", () => {
  test("an agent registered or deleted over REST appears and disappears without a reload", async ({ page, api }) => {
    const before = await agentTotal(api);
    const events = watchAgentChanged(page);
    await page.goto("/ui/agents");
    const count = page.getByTestId("agent-count");
    await poll(() => count.textContent()).toBe(`${before} agents registered`);
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

    // The page subscribes once its socket is open; touch a seeded agent (no visible change) until
    // the page receives the event, so the change below cannot race the subscription.
    const probe = (await api.get<RestAgent>("/agents/TestAgent")).body;
    await vi.waitFor(
      async () => {
        if (events.count() === 0) {
          await api.patch("/agents/TestAgent", { description: probe.description });
          throw new Error("the page's agentChanged subscription is not live yet");
        }
      },
      { timeout: 10_000, interval: 100 },
    );

    const agent = (await api.post<RestAgent>("/agents", agentBody({ name: uniqueName("LiveAgent") }))).body;
    await poll(() => cardNames(page)).toContain(agent.name);
    await poll(() => count.textContent()).toBe(`${before + 1} agents registered`);

    await api.delete(`/agents/${agent.id}`);
    await poll(() => cardNames(page)).not.toContain(agent.name);
    await poll(() => count.textContent()).toBe(`${before} agents registered`);

    await expect(page.evaluate(() => "__sameDocument" in window)).resolves.toBe(true);
  });

  test("a dropped connection shows Reconnecting…; once it is back, the page shows what happened meanwhile", async ({
    page,
    api,
  }) => {
    const socket = await routeLiveSocket(page);
    const live = page.getByTestId("live-status");
    const name = uniqueName("Missed");
    await page.goto(`/ui/agents?q=${name}`);
    await page.locator(".empty-state").waitFor();
    await poll(() => live.getAttribute("data-state")).toBe("live");
    await expect(live.textContent()).resolves.toBe("Live");
    await page.evaluate(() => Object.assign(globalThis, { __sameDocument: true }));

    await socket.cut();
    await poll(() => live.getAttribute("data-state")).toBe("reconnecting");
    await expect(live.textContent()).resolves.toBe("Reconnecting…");
    // Registered while the page has no connection: its agentChanged event reaches nobody.
    expect((await api.post("/agents", agentBody({ name }))).status).toBe(201);
    socket.restore();

    // graphql-ws retries after 1.3–4 s (longer after each refused try); back, the page fetches its
    // agents again.
    await expect.poll(() => cardNames(page), { timeout: 30_000, interval: 100 }).toEqual([name]);
    await expect(live.getAttribute("data-state")).resolves.toBe("live");
    expect(socket.received("agentChanged")).toBe(0);
    await expect(page.evaluate(() => "__sameDocument" in window)).resolves.toBe(true);
  });

  test("moving between live pages keeps one connection, and the sidebar stays Live", async ({ page }) => {
    let sockets = 0;
    page.on("websocket", () => {
      sockets += 1;
    });
    const shown = await recordAttributeHistory(page, "[data-testid=live-status]", "data-testid", "data-state");
    await page.goto("/ui/agents");
    await poll(() => page.getByTestId("live-status").getAttribute("data-state")).toBe("live");
    for (const section of ["Timeline", "Workflows", "Metrics", "Agents"]) {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: section }).click();
      await page.getByRole("heading", { level: 1, name: section }).waitFor();
    }
    await poll(() => page.getByTestId("live-status").getAttribute("data-state")).toBe("live");
    expect(sockets).toBe(1);
    // The indicator never went away or back to connecting on the way.
    await expect(shown.read()).resolves.toEqual({ "live-status": ["connecting", "live"] });
  });
});
