// The Integrations page in Chromium, against a Baton writing to the Notion stand-in through the real
// Notion MCP server: the integration's state, "Sync now" running a sync and showing its report, the
// execution detail's link to its Notion page, and a wrong database id shown as a clear error.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ensureClientBuilt, launchChromium, poll, UI_TIMEOUT_MS } from "../testkit/browser.js";
import { type NotionStandin, startNotionStandin } from "../testkit/notion-standin.js";
import { NOTION_TOKEN, type NotionBaton, startNotionBaton, until } from "../testkit/notion.js";
import { rest } from "../testkit/rest.js";

let browser: Browser;
let standin: NotionStandin;
beforeAll(async () => {
  await ensureClientBuilt();
  browser = await launchChromium();
  standin = await startNotionStandin({ token: NOTION_TOKEN, perSecond: 30 });
});
afterAll(async () => {
  await browser?.close();
  await standin?.stop();
});

async function open(baton: NotionBaton): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({ baseURL: baton.url, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
  return { page, context, errors };
}

describe("Integrations page", () => {
  test("shows the Notion integration, runs a sync with Sync now and links an execution to its page", async () => {
    const database = standin.addDatabase("Browser log");
    const baton = await startNotionBaton(standin.url, database.id, {
      BATON_NOTION_RATE: "20",
      BATON_NOTION_PULL_MS: "0",
    });
    const { page, context, errors } = await open(baton);
    try {
      const api = rest(baton.url);
      const id = `br-${Date.now()}`;
      const timestamp = new Date(Date.now() - 60_000).toISOString();
      expect(
        (await api.post("/executions", { id, agent_name: "TestAgent", status: "success", timestamp, duration_ms: 7 }))
          .status,
      ).toBe(201);
      const notionPage = await until(
        () => [...standin.pages.values()].find((p) => standin.valueOf(p, "Baton ID") === id),
        30_000,
        "the page",
      );
      await until(async () => (await api.get<{ backlog: number }>("/integrations/notion")).body.backlog === 0);

      // The sidebar leads to the page.
      await page.goto("/ui/agents");
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrations" }).click();
      await poll(() => page.url()).toContain("/ui/integrations");
      const card = page.getByTestId("notion-integration");
      await poll(() => card.getAttribute("data-state")).toBe("ok");
      expect(await page.getByTestId("notion-mode").textContent()).toBe("trees");
      expect(await page.getByTestId("notion-backlog").textContent()).toBe("0");
      expect(await page.getByTestId("notion-mcp").textContent()).toBe("running");
      expect(await page.getByTestId("notion-database").textContent()).toBe(database.id);
      expect(await page.getByTestId("notion-pull-interval").textContent()).toBe("off");
      expect(await page.getByTestId("notion-error").count()).toBe(0);

      // A person writes notes in Notion; Sync now brings them back and shows the report.
      standin.editPage(notionPage.id, {
        Notes: { rich_text: [{ type: "text", text: { content: "checked by hand" } }] },
      });
      await page.getByRole("button", { name: "Sync now" }).click();
      const report = page.getByTestId("sync-report");
      await report.waitFor();
      expect(await report.getByTestId("report-pulled").locator("dd").textContent()).toBe("1");
      expect(await report.getByTestId("report-updated").locator("dd").textContent()).toBe("1");
      expect(await report.getByTestId("report-conflicts").locator("dd").textContent()).toBe("0");
      expect(await report.getByTestId("sync-changes").textContent()).toBe(`${id} notes ← Notion: checked by hand`);
      expect(await page.getByTestId("sync-error").count()).toBe(0);
      expect((await api.get<{ notes: string }>(`/executions/${id}/notion`)).body.notes).toBe("checked by hand");

      // The execution's detail shows its sync state, a link to its page, and the notes.
      const start = new Date(Date.parse(timestamp) - 60_000).toISOString();
      await page.goto(`/ui/timeline?${new URLSearchParams({ execution: id, start_date: start }).toString()}`);
      const notion = page.getByTestId("execution-notion");
      await poll(() => notion.getAttribute("data-state")).toBe("synced");
      expect(await notion.getByRole("link", { name: "open page" }).getAttribute("href")).toBe(
        `https://www.notion.so/${notionPage.id.replace(/-/g, "")}`,
      );
      expect(await page.getByTestId("execution-notes").textContent()).toBe("checked by hand");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await baton.stop();
    }
  }, 120_000);

  test("a wrong database id is a clear error on the page, and Sync now reports it", async () => {
    const wrong = "22222222-2222-2222-2222-222222222222";
    const baton = await startNotionBaton(standin.url, wrong, { BATON_NOTION_PULL_MS: "0" });
    const { page, context, errors } = await open(baton);
    try {
      const message = `404 object_not_found: Could not find database with ID: ${wrong}. Make sure the relevant pages and databases are shared with your integration.`;
      await until(
        async () =>
          (await rest(baton.url).get<{ state: string }>("/integrations/notion")).body.state === "error" || undefined,
        30_000,
        "the error state",
      );
      await page.goto("/ui/integrations");
      await poll(() => page.getByTestId("notion-integration").getAttribute("data-state")).toBe("error");
      expect(await page.getByTestId("notion-error").textContent()).toContain(message);
      await page.getByRole("button", { name: "Sync now" }).click();
      await poll(() => page.getByTestId("sync-report").getByTestId("sync-error").textContent()).toBe(message);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await baton.stop();
    }
  }, 120_000);
});
