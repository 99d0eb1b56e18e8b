// Paging the agents page past its end: an old link (`?page=2` when everything fits on one page) or
// agents deleted while a later page is open must land on the last page that exists, replacing the
// address, and never claim "No agents match" for a registry that has agents.
import type { Page } from "playwright-core";
import { agentBody, uniqueName } from "../testkit/factories.js";
import {
  cardNames,
  describe,
  expect,
  location,
  poll,
  test,
  untilSubscribed,
  watchSubscription,
} from "../testkit/browser.js";
import type { RestAgent, RestAgentList } from "../testkit/rest.js";

/** Records, from the first paint on, whether the page ever showed an empty state or a pager. */
async function watchForEmptyState(page: Page) {
  await page.addInitScript(() => {
    const seen = { emptyState: false, pagerStatus: [] as string[] };
    Object.assign(globalThis, { __seen: seen });
    new MutationObserver(() => {
      if (document.querySelector(".empty-state")) seen.emptyState = true;
      const status = document.querySelector(".pager-status")?.textContent;
      if (status && !seen.pagerStatus.includes(status)) seen.pagerStatus.push(status);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  return () =>
    page.evaluate(() => (globalThis as unknown as { __seen: { emptyState: boolean; pagerStatus: string[] } }).__seen);
}

describe("paging past the last page", () => {
  test("`?page=2` with 8 agents lands on page 1 showing the 8 cards", async ({ page, api }) => {
    const all = (await api.get<RestAgentList>("/agents", { limit: 200 })).body;
    expect(all.total).toBe(8);
    const seen = await watchForEmptyState(page);
    await page.goto("/ui/patterns");
    const entries = await page.evaluate(() => history.length);

    await page.goto("/ui/agents?page=2");

    await poll(() => location(page)).toBe("/ui/agents");
    await poll(() => cardNames(page)).toEqual(all.agents.map((a) => a.name));
    await expect(page.getByTestId("agent-count").textContent()).resolves.toBe("8 agents registered");
    await expect(page.getByText("No agents match").count()).resolves.toBe(0);
    await expect(page.getByTestId("pager").count()).resolves.toBe(0);
    await expect(seen()).resolves.toEqual({ emptyState: false, pagerStatus: [] });
    // The address was replaced, not pushed: Back does not return to the page that does not exist.
    await expect(page.evaluate(() => history.length)).resolves.toBe(entries + 1);
    await page.goBack();
    await poll(() => location(page)).toBe("/ui/patterns");

    // Filters are kept; only the page moves.
    await page.goto("/ui/agents?capability=testing&page=3");
    await poll(() => location(page)).toBe("/ui/agents?capability=testing");
    await poll(() => cardNames(page)).toEqual(["TestAgent"]);
    await expect(page.getByTestId("agent-count").textContent()).resolves.toBe("1 agent matches the filters");

    // No match at all is still "No agents match", on page 1.
    await page.goto(`/ui/agents?capability=${uniqueName("none").toLowerCase()}&page=2`);
    await poll(() => page.getByText("No agents match").count()).toBe(1);
    await expect(page.getByTestId("agent-count").textContent()).resolves.toBe("0 agents match the filters");
    expect(new URL(page.url()).searchParams.has("page")).toBe(false);
  });

  test("with two pages, a later page lands on page 2; deleting its only agent moves to page 1", async ({
    page,
    api,
  }) => {
    const before = (await api.get<RestAgentList>("/agents", { limit: 1 })).body.total;
    // 25 agents: 24 on page 1, one on page 2 — one of these (named to sort after every seeded agent:
    // the seeded ones are called by templates, and an agent in use cannot be deleted).
    for (let i = before; i < 25; i++) {
      const res = await api.post<RestAgent>("/agents", agentBody({ name: uniqueName("ZzPaged") }));
      expect(res.status).toBe(201);
    }
    const onPage2 = (await api.get<RestAgentList>("/agents", { limit: 24, offset: 24 })).body;
    expect(onPage2.total).toBe(25);
    const lastAgent = onPage2.agents.map((a) => a.name);
    expect(lastAgent).toHaveLength(1);
    const seen = await watchForEmptyState(page);
    const events = watchSubscription(page, "agentChanged");

    await page.goto("/ui/agents?page=9");

    await poll(() => location(page)).toBe("/ui/agents?page=2");
    await poll(() => cardNames(page)).toEqual(lastAgent);
    await expect(page.getByTestId("pager").locator(".pager-status").textContent()).resolves.toBe(
      "25–25 of 25 · page 2 of 2",
    );
    await expect(seen()).resolves.toEqual({ emptyState: false, pagerStatus: ["25–25 of 25 · page 2 of 2"] });

    // The agent on page 2 is deleted elsewhere: the page follows to page 1 instead of showing nothing.
    const probe = (await api.get<RestAgent>("/agents/TestAgent")).body;
    await untilSubscribed(events, () => api.patch("/agents/TestAgent", { description: probe.description }));
    const name = lastAgent[0] as string;
    expect((await api.delete(`/agents/${encodeURIComponent(name)}`)).status).toBe(200);

    await poll(() => location(page)).toBe("/ui/agents");
    await poll(() => cardNames(page).then((names) => names.length)).toBe(24);
    await expect(cardNames(page)).resolves.not.toContain(name);
    await expect(page.getByTestId("agent-count").textContent()).resolves.toBe("24 agents registered");
    await expect(seen().then((s) => s.emptyState)).resolves.toBe(false);
  });
});
