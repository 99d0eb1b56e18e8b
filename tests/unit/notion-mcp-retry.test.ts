// The Notion MCP client retries what it may: a lost answer to a create (the MCP server exited, a
// 5xx) may have made the page, so the create is handed back to the caller — which looks the page
// up by its Baton ID before creating again (push.ts) — instead of being sent a second time (the
// duplicate page CI saw when the MCP server was killed mid-drain). A 409 or 429 says nothing was
// made: those, and every error of a read or an update, are retried. Real MCP server, local stand-in.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createNotionMcp, type NotionMcp, NotionError } from "../../server/integrations/notion/mcp-client.js";
import { createLogger } from "../../server/logger.js";
import { NOTION_TOKEN } from "../testkit/notion.js";
import { startNotionStandin } from "../testkit/notion-standin.js";

type Standin = Awaited<ReturnType<typeof startNotionStandin>>;
let standin: Standin;
let mcp: NotionMcp;
let dataSourceId: string;

beforeAll(async () => {
  standin = await startNotionStandin({ token: NOTION_TOKEN, perSecond: 100 });
  const db = standin.addDatabase("Retry log", { title: "Retry log", properties: { Name: { title: {} } } });
  dataSourceId = db.dataSources[0] as string;
  mcp = createNotionMcp({
    token: NOTION_TOKEN,
    apiUrl: standin.url,
    logger: createLogger("silent"),
    perSecond: 50,
    attempts: 4,
    baseDelayMs: 10,
    maxDelayMs: 20,
  });
}, 60_000);
afterAll(async () => {
  await mcp?.close();
  await standin?.stop();
});

const sent = (method: string, path: RegExp) =>
  standin.log.filter((r) => r.method === method && path.test(r.path) && r.status !== 429).length;
const create = (name: string) =>
  mcp.call("API-post-page", {
    parent: { type: "data_source_id", data_source_id: dataSourceId },
    properties: { Name: { title: [{ text: { content: name } }] } },
  });

describe("the Notion MCP client's retries", () => {
  test("a create answered 500 is sent once and handed back; a create answered 409 is sent again and made once", async () => {
    const pagesBefore = standin.pages.size;
    standin.failNext(1, 500);
    const error = await create("after a 500").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotionError);
    expect([(error as NotionError).status, (error as NotionError).transient]).toEqual([500, true]);
    expect(sent("POST", /^\/v1\/pages$/)).toBe(1);

    standin.failNext(1, 409);
    const page = await create("after a 409");
    expect(typeof page.id).toBe("string");
    expect(sent("POST", /^\/v1\/pages$/)).toBe(3);
    expect(standin.pages.size).toBe(pagesBefore + 1);
  }, 60_000);

  test("an update answered 500 is sent again until it is made", async () => {
    const page = await create("to update");
    const before = sent("PATCH", /^\/v1\/pages\//);
    standin.failNext(1, 500);
    await mcp.call("API-patch-page", {
      page_id: String(page.id),
      properties: { Name: { title: [{ text: { content: "updated" } }] } },
    });
    expect(sent("PATCH", /^\/v1\/pages\//) - before).toBe(2);
  }, 60_000);
});
