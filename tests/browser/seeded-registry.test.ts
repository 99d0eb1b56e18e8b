// The dashboard in Chromium over a freshly seeded Baton that nothing in this file changes, so every
// expectation is computed from the seed itself (server/seed/*.ts): what a user browsing the
// registry sees, filters, opens, and what survives a reload.
import { seedAgents } from "../../server/seed/agents.js";
import { seedPatterns } from "../../server/seed/patterns.js";
import { cardNames, chips, describe, expect, facts, location, poll, saveScreenshot, test } from "../testkit/browser.js";

type SeedAgent = (typeof seedAgents)[number];

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Names of the seeded agents `keep` selects, in the list's order (by name). */
const seeded = (keep: (a: SeedAgent) => boolean = () => true) =>
  seedAgents
    .filter(keep)
    .map((a) => a.name)
    .sort(byName);

/** What the server's `q` search matches: name, description, a capability or a tool, any case. */
const mentions = (a: SeedAgent, text: string) =>
  [a.name, a.description, ...(a.capabilities ?? []), ...(a.tools ?? [])].some((s) =>
    (s ?? "").toLowerCase().includes(text.toLowerCase()),
  );

describe("the agents page", () => {
  test("the agents page shows one card per seeded agent, by name", async ({ page }) => {
    await page.goto("/ui/agents");

    await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Agents");
    await poll(() => cardNames(page)).toEqual(seeded());
    expect(seeded()).toHaveLength(8);
    await expect(page.getByTestId("agent-count").textContent()).resolves.toBe("8 agents registered");
    await poll(() => page.title()).toBe("Agents · Baton");
    // Each card shows how the agent runs and what it can do, as registered.
    for (const agent of seedAgents) {
      const card = page.getByTestId("agent-card").filter({ has: page.getByRole("heading", { name: agent.name }) });
      await expect(card.getByTestId("runner-kind").textContent()).resolves.toBe(agent.runner?.kind);
      await expect(chips(card.getByTestId("agent-capabilities"))).resolves.toEqual(agent.capabilities);
      await expect(chips(card.getByTestId("agent-patterns"))).resolves.toEqual(agent.coordinationPatterns);
    }
    await expect(page.getByRole("link", { name: "+ Register agent" }).getAttribute("href")).resolves.toBe(
      "/ui/agents/new",
    );

    await saveScreenshot(page, "agents.png");
  });

  test("filters narrow the list, live in the URL and survive a reload", async ({ page }) => {
    const filters = page.getByRole("search", { name: "Filter agents" });
    const capability = page.getByLabel("Capability", { exact: true });
    const pattern = page.getByLabel("Pattern", { exact: true });
    const search = page.getByLabel("Search", { exact: true });
    const count = page.getByTestId("agent-count");
    await page.goto("/ui/agents");
    await poll(() => cardNames(page)).toEqual(seeded());

    await capability.selectOption("testing");
    await poll(() => location(page)).toBe("/ui/agents?capability=testing");
    await poll(() => cardNames(page)).toEqual(["TestAgent"]);
    await poll(() => count.textContent()).toBe("1 agent matches the filters");

    await filters.getByRole("button", { name: "Clear filters" }).click();
    await poll(() => location(page)).toBe("/ui/agents");
    await poll(() => cardNames(page)).toEqual(seeded());
    await expect(capability.inputValue()).resolves.toBe("");

    const parallel = seeded((a) => a.coordinationPatterns?.includes("parallel") ?? false);
    expect(parallel).toEqual(["ReviewAgent", "TestAgent"]);
    await pattern.selectOption("parallel");
    await poll(() => location(page)).toBe("/ui/agents?pattern=parallel");
    await poll(() => cardNames(page)).toEqual(parallel);
    await poll(() => count.textContent()).toBe("2 agents match the filters");

    // Both filters at once: agents that have the capability AND support the pattern.
    await capability.selectOption("testing");
    await poll(() => location(page)).toBe("/ui/agents?pattern=parallel&capability=testing");
    await poll(() => cardNames(page)).toEqual(["TestAgent"]);
    await capability.selectOption("coding");
    await poll(() => location(page)).toBe("/ui/agents?pattern=parallel&capability=coding");
    await poll(() => count.textContent()).toBe("0 agents match the filters");
    await expect(cardNames(page)).resolves.toEqual([]);
    await expect(page.getByText("No agents match").isVisible()).resolves.toBe(true);

    await page.reload();
    await poll(() => count.textContent()).toBe("0 agents match the filters");
    await poll(() => capability.inputValue()).toBe("coding");
    // Its options come with the patterns query, which may answer after the list's.
    await poll(() => pattern.inputValue()).toBe("parallel");

    await filters.getByRole("button", { name: "Clear filters" }).click();
    await poll(() => location(page)).toBe("/ui/agents");
    await poll(() => cardNames(page)).toEqual(seeded());

    // Free text matches names, descriptions, capabilities and tools, case-insensitively.
    const markdown = seeded((a) => mentions(a, "markdown"));
    expect(markdown).toEqual(["DocsAgent", "FormatAgent"]);
    await search.fill("markdown");
    await poll(() => location(page)).toBe("/ui/agents?q=markdown");
    await poll(() => cardNames(page)).toEqual(markdown);
    await search.fill("Formats MARKDOWN");
    await poll(() => location(page)).toBe("/ui/agents?q=Formats+MARKDOWN");
    await poll(() => cardNames(page)).toEqual(["FormatAgent"]);

    await page.reload();
    await poll(() => cardNames(page)).toEqual(["FormatAgent"]);
    await expect(search.inputValue()).resolves.toBe("Formats MARKDOWN");
    await expect(count.textContent()).resolves.toBe("1 agent matches the filters");
  });

  test("clicking a card opens the agent's whole configuration", async ({ page }) => {
    const agent = seedAgents.find((a) => a.name === "TestAgent");
    if (!agent) throw new Error("TestAgent is not in the seed");
    await page.goto("/ui/agents");

    await page.getByRole("link", { name: "TestAgent", exact: true }).click();

    await page.waitForURL("**/ui/agents/TestAgent");
    const detail = page.getByTestId("agent-detail");
    await detail.waitFor();
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("TestAgent");
    await expect(detail.getByTestId("agent-description").textContent()).resolves.toBe(agent.description);
    await expect(chips(detail.getByTestId("agent-capabilities"))).resolves.toEqual([
      "testing",
      "test-generation",
      "coverage",
    ]);
    await expect(chips(detail.getByTestId("agent-tools"))).resolves.toEqual(agent.tools);
    await expect(chips(detail.getByTestId("agent-patterns"))).resolves.toEqual(agent.coordinationPatterns);
    await expect(detail.getByTestId("agent-runner-kind").textContent()).resolves.toBe("claude");
    const settings = JSON.parse((await detail.getByTestId("runner-settings").textContent()) ?? "");
    expect(settings).toEqual(agent.runner?.settings);
    expect(settings.agent_file).toBe(".claude/agents/test-agent.md");
    await expect(facts(detail.getByTestId("retry-policy"))).resolves.toEqual({
      "Max retries": "1",
      Backoff: "fixed",
      "Initial delay": "2,000 ms (2 s)",
      "Max delay": "2,000 ms (2 s)",
    });
    await expect(facts(detail.getByTestId("circuit-breaker"))).resolves.toEqual({
      "Failure threshold": "5 consecutive failures",
      Cooldown: "120,000 ms (2 min)",
    });
    await expect(page.getByRole("link", { name: "Edit" }).getAttribute("href")).resolves.toBe(
      "/ui/agents/TestAgent/edit",
    );
    await expect(page.getByRole("button", { name: "Delete" }).isVisible()).resolves.toBe(true);

    // Deleting asks first; cancelling leaves the agent alone.
    await page.getByRole("button", { name: "Delete" }).click();
    const confirm = page.getByTestId("confirm-delete");
    await confirm.waitFor();
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await confirm.waitFor({ state: "detached" });
    await expect(page.getByRole("button", { name: "Delete" }).isVisible()).resolves.toBe(true);
  });
});

describe("the patterns page", () => {
  test("shows the three patterns in order with their diagrams, and opens one", async ({ page }) => {
    await page.goto("/ui/agents");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Patterns" }).click();

    await page.waitForURL("**/ui/patterns");
    const cards = page.getByTestId("pattern-card");
    await poll(() => cards.getByRole("heading", { level: 2 }).allTextContents()).toEqual(
      seedPatterns.map((p) => p.name),
    );
    expect(seedPatterns.map((p) => p.name)).toEqual(["Sequential", "Parallel", "Hierarchical"]);
    for (const [i, p] of seedPatterns.entries()) {
      const card = cards.nth(i);
      const supporters = seeded((a) => a.coordinationPatterns?.includes(p.slug) ?? false);
      await expect(chips(card.getByTestId("pattern-agents"))).resolves.toEqual(supporters);
      await expect(card.getByText(p.whenToUse).isVisible()).resolves.toBe(true);
      // The diagram really loaded: a broken image would have no intrinsic width. They load lazily.
      const diagram = card.getByTestId("pattern-diagram");
      await diagram.scrollIntoViewIfNeeded();
      await poll(() =>
        diagram.evaluate((el) => ({ tag: el.tagName, loaded: el instanceof HTMLImageElement && el.naturalWidth > 0 })),
      ).toEqual({ tag: "IMG", loaded: true });
      await expect(diagram.getAttribute("src")).resolves.toBe(p.diagramUrl);
    }

    await cards.getByRole("link", { name: "Parallel", exact: true }).click();

    await page.waitForURL("**/ui/patterns/parallel");
    const parallel = seedPatterns.find((p) => p.slug === "parallel");
    if (!parallel) throw new Error("the seed has no parallel pattern");
    const detail = page.getByTestId("pattern-detail");
    await detail.waitFor();
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Parallel");
    await expect(
      detail.getByRole("region", { name: "When to use" }).getByText(parallel.whenToUse).isVisible(),
    ).resolves.toBe(true);
    await expect(detail.getByRole("region", { name: "How it works" }).textContent()).resolves.toContain(
      parallel.description,
    );
    await poll(() => cardNames(detail)).toEqual(["ReviewAgent", "TestAgent"]);
    const diagram = detail.getByTestId("pattern-diagram");
    await poll(() => diagram.evaluate((el) => el instanceof HTMLImageElement && el.naturalWidth > 0)).toBe(true);
    // The seeded example workflow, by name, links to its template.
    const example = detail.getByTestId("pattern-example");
    await expect(example.getByRole("link").textContent()).resolves.toBe("Open test-parallel");
    await expect(example.getByRole("link").getAttribute("href")).resolves.toBe("/ui/workflows/test-parallel");

    // A supporting agent's card leads to that agent.
    await detail.getByRole("link", { name: "ReviewAgent", exact: true }).click();
    await page.waitForURL("**/ui/agents/ReviewAgent");
    await poll(() => page.getByTestId("agent-runner-kind").textContent()).toBe("claude");
  });
});
