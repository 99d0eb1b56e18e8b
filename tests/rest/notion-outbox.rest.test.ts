// Notion persistence through the real @notionhq/notion-mcp-server (a child process over stdio),
// pointed at the Notion stand-in with BASE_URL: what is written, that updates patch the same page,
// that a batch becomes exactly one page per execution, the rate limit, and failures.
import { afterEach, describe, expect, test } from "vitest";
import { sql } from "../../server/sql.js";
import { type NotionStandin, peakPerSecond, startNotionStandin } from "../testkit/notion-standin.js";
import { NOTION_TOKEN, type NotionBaton, startNotionBaton, until } from "../testkit/notion.js";
import { rest } from "../testkit/rest.js";
import { type BatonProcess, spawnBaton } from "../testkit/baton-process.js";
import { createTestDatabase } from "../testkit/server.js";

let standin: NotionStandin | undefined;
let baton: NotionBaton | undefined;
afterEach(async () => {
  await baton?.stop();
  await standin?.stop();
  baton = undefined;
  standin = undefined;
});

const backlog = async (b: NotionBaton) => {
  const [row] = await b.db.sql.all<{ n: unknown }>(
    sql`SELECT COUNT(*) AS "n" FROM "NotionOutbox" WHERE "doneAt" IS NULL`,
  );
  return Number(row?.n);
};
const pagesWith = (s: NotionStandin, batonId: string) =>
  [...s.pages.values()].filter((p) => s.valueOf(p, "Baton ID") === batonId);

describe("Notion outbox", () => {
  test("a recorded tree root becomes a page with exact properties; finishing it patches the same page", async () => {
    standin = await startNotionStandin({ token: NOTION_TOKEN });
    const database = standin.addDatabase();
    baton = await startNotionBaton(standin.url, database.id);
    const api = rest(baton.url);
    const started = "2026-11-30T10:00:00.000Z";
    const long = "x".repeat(2500);
    const root = await api.post<{ id: string }>("/executions", {
      agent_name: "TestAgent",
      status: "in_progress",
      timestamp: started,
      inputs: { suite: "unit" },
    });
    expect(root.status).toBe(201);
    // A child is not a tree root: at the default level (trees) it is not written.
    const child = await api.post<{ id: string }>("/executions", {
      agent_name: "CodeAgent",
      status: "success",
      timestamp: "2026-11-30T10:00:01.000Z",
      duration_ms: 5,
      parent_execution_id: root.body.id,
    });
    expect(child.status).toBe(201);
    const id = root.body.id;
    await until(() => pagesWith(standin as NotionStandin, id).length === 1, 30_000, "the root's page");

    // The data source was created in the database with every property Baton writes.
    expect(standin.dataSources.size).toBe(1);
    const ds = [...standin.dataSources.values()][0];
    expect(ds?.title).toBe("Baton executions");
    expect(Object.fromEntries([...(ds?.properties ?? new Map())].map(([n, p]) => [n, p.type]))).toEqual({
      Name: "title",
      "Baton ID": "rich_text",
      Agent: "select",
      Status: "select",
      Started: "date",
      "Duration (ms)": "number",
      Parent: "relation",
      Workflow: "rich_text",
      Run: "rich_text",
      Error: "rich_text",
      Notes: "rich_text",
      Tags: "multi_select",
    });
    const [page] = pagesWith(standin, id);
    const v = (name: string) => standin?.valueOf(page as never, name);
    expect({
      Name: v("Name"),
      "Baton ID": v("Baton ID"),
      Agent: v("Agent"),
      Status: v("Status"),
      Started: v("Started"),
      "Duration (ms)": v("Duration (ms)"),
      Parent: v("Parent"),
      Workflow: v("Workflow"),
      Run: v("Run"),
      Error: v("Error"),
    }).toEqual({
      Name: `TestAgent · ${started}`,
      "Baton ID": id,
      Agent: "TestAgent",
      Status: "in_progress",
      Started: started,
      "Duration (ms)": null,
      Parent: [],
      Workflow: "",
      Run: "",
      Error: "",
    });
    // Every request carried the API version the MCP server sends.
    expect(new Set(standin.log.map((r) => r.notionVersion))).toEqual(new Set(["2025-09-03"]));

    const finished = await api.patch(`/executions/${id}`, {
      status: "failure",
      duration_ms: 1500,
      error: long,
    });
    expect(finished.status).toBe(200);
    await until(() => v("Status") === "failure", 30_000, "the patched status");
    expect(pagesWith(standin, id)).toHaveLength(1);
    expect(standin.pages.size).toBe(1);
    expect(v("Duration (ms)")).toBe(1500);
    // Cut to Notion's 2,000-character limit, not refused.
    expect(v("Error")).toBe(`${"x".repeat(1999)}…`);
    const creates = standin.log.filter((r) => r.method === "POST" && r.path === "/v1/pages");
    expect(creates.map((r) => r.status)).toEqual([200]);
    const patches = standin.log.filter((r) => r.method === "PATCH" && r.path === `/v1/pages/${page?.id}`);
    expect(patches.map((r) => r.status)).toEqual([200]);
    await until(async () => (await backlog(baton as NotionBaton)) === 0, 10_000, "an empty outbox");
    const [row] = await baton.db.sql.all<Record<string, unknown>>(
      sql`SELECT "pageId", "state", "url" FROM "NotionPage" WHERE "executionId" = ${id}`,
    );
    expect(row).toEqual({
      pageId: page?.id,
      state: "synced",
      url: `https://www.notion.so/${page?.id.replace(/-/g, "")}`,
    });
  });

  test("an existing data source keeps the person's columns and gains the missing ones", async () => {
    standin = await startNotionStandin({ token: NOTION_TOKEN });
    const database = standin.addDatabase("Team log", {
      title: "Baton executions",
      properties: { Task: { title: {} }, Owner: { rich_text: {} }, Status: { select: { options: [] } } },
    });
    baton = await startNotionBaton(standin.url, database.id);
    const root = await rest(baton.url).post<{ id: string }>("/executions", {
      agent_name: "DocsAgent",
      status: "success",
      timestamp: "2026-11-30T11:00:00.000Z",
      duration_ms: 42,
    });
    await until(() => pagesWith(standin as NotionStandin, root.body.id).length === 1, 30_000, "the page");
    const ds = [...standin.dataSources.values()][0];
    expect(standin.dataSources.size).toBe(1);
    expect([...(ds?.properties.keys() ?? [])].sort()).toEqual(
      [
        "Task",
        "Owner",
        "Status",
        "Baton ID",
        "Agent",
        "Started",
        "Duration (ms)",
        "Parent",
        "Workflow",
        "Run",
        "Error",
        "Notes",
        "Tags",
      ].sort(),
    );
    // The person's title column carries the title; their Owner column is left empty.
    const [page] = pagesWith(standin, root.body.id);
    expect(standin.valueOf(page as never, "Task")).toBe("DocsAgent · 2026-11-30T11:00:00.000Z");
    expect(page?.properties.has("Owner")).toBe(false);
    const updates = standin.log.filter((r) => r.method === "PATCH" && r.path.startsWith("/v1/data_sources/"));
    expect(updates).toHaveLength(1);
    expect(Object.keys((updates[0]?.body?.properties ?? {}) as object).sort()).toEqual(
      ["Baton ID", "Agent", "Started", "Duration (ms)", "Parent", "Workflow", "Run", "Error", "Notes", "Tags"].sort(),
    );
  }, 90_000);

  test("a batch of 500 at the executions level becomes exactly 500 pages, parents related", async () => {
    standin = await startNotionStandin({ token: NOTION_TOKEN, perSecond: 60 });
    const database = standin.addDatabase();
    baton = await startNotionBaton(standin.url, database.id, {
      BATON_NOTION_SYNC: "executions",
      BATON_NOTION_RATE: "50",
    });
    const batch = Array.from({ length: 500 }, (_, i) => ({
      id: `nb-${i}`,
      agent_name: i % 2 ? "TestAgent" : "CodeAgent",
      status: "success",
      timestamp: new Date(Date.UTC(2026, 10, 1, 0, 0, i)).toISOString(),
      duration_ms: i,
      ...(i % 10 ? { parent_execution_id: `nb-${i - (i % 10)}` } : {}),
    }));
    const res = await rest(baton.url).post("/executions", batch);
    expect(res.status).toBe(201);
    // Queued in the ingest's own transaction: 500 rows the moment it answered.
    expect(await backlog(baton)).toBe(500);
    await until(async () => (await backlog(baton as NotionBaton)) === 0, 90_000, "the drained outbox");
    expect(standin.pages.size).toBe(500);
    const ids = [...standin.pages.values()].map((p) => standin?.valueOf(p, "Baton ID"));
    expect(new Set(ids).size).toBe(500);
    expect(new Set(ids)).toEqual(new Set(batch.map((b) => b.id)));
    const byBaton = new Map([...standin.pages.values()].map((p) => [standin?.valueOf(p, "Baton ID"), p]));
    expect(standin.valueOf(byBaton.get("nb-13") as never, "Parent")).toEqual([byBaton.get("nb-10")?.id]);
    expect(standin.valueOf(byBaton.get("nb-10") as never, "Parent")).toEqual([]);
  }, 120_000);

  test("at Notion's 3 requests/s no request goes beyond the limit; a Baton faster than the limit meets 429s and loses nothing", async () => {
    standin = await startNotionStandin({ token: NOTION_TOKEN, perSecond: 3 });
    const database = standin.addDatabase();
    baton = await startNotionBaton(standin.url, database.id);
    const api = rest(baton.url);
    const first = Array.from({ length: 8 }, (_, i) => ({
      id: `rl-${i}`,
      agent_name: "TestAgent",
      status: "success",
      timestamp: new Date(Date.UTC(2026, 10, 2, 0, 0, i)).toISOString(),
      duration_ms: 1,
    }));
    expect((await api.post("/executions", first)).status).toBe(201);
    await until(async () => (await backlog(baton as NotionBaton)) === 0, 60_000, "the drained outbox");
    expect(standin.log.filter((r) => r.status === 429)).toEqual([]);
    expect(peakPerSecond(standin.log)).toBeLessThanOrEqual(3);
    expect(standin.pages.size).toBe(8);
    await baton.stop();

    // Twice the allowed rate: Notion answers 429s, the drain pauses and every page still arrives once.
    standin.log.length = 0;
    baton = await startNotionBaton(standin.url, database.id, { BATON_NOTION_RATE: "6" });
    const second = first.map((e, i) => ({ ...e, id: `rl2-${i}` }));
    expect((await rest(baton.url).post("/executions", second)).status).toBe(201);
    await until(async () => (await backlog(baton as NotionBaton)) === 0, 60_000, "the drained outbox");
    expect(standin.log.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(standin.pages.size).toBe(16);
    for (const e of second) expect(pagesWith(standin, e.id)).toHaveLength(1);
  }, 120_000);

  test("Notion down, 500s and 409s, and the MCP server killed mid-drain: every execution ends in Notion exactly once", async () => {
    standin = await startNotionStandin({ token: NOTION_TOKEN, perSecond: 60 });
    const database = standin.addDatabase();
    baton = await startNotionBaton(standin.url, database.id, { BATON_NOTION_RATE: "20" });
    const api = rest(baton.url);
    const make = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: `${prefix}-${i}`,
        agent_name: "BuildAgent",
        status: "success",
        timestamp: new Date(Date.UTC(2026, 10, 3, 0, 0, i)).toISOString(),
        duration_ms: i,
      }));
    expect((await api.post("/executions", make("warm", 1))).status).toBe(201);
    await until(() => standin?.pages.size === 1, 30_000, "the first page");

    // Notion unreachable: Baton answers at once and keeps the rows.
    await standin.stop();
    const down = make("down", 30);
    expect((await api.post("/executions", down)).status).toBe(201);
    await until(
      async () =>
        (await rest((baton as NotionBaton).url).get<{ notion: { state: string } }>("/health")).body.notion?.state ===
        "degraded",
      30_000,
      "degraded health",
    );
    const health = await api.get<{ status: string; notion: { backlog: number; last_error: string } }>("/health");
    expect(health.status).toBe(200);
    expect(health.body.status).toBe("ok");
    expect(health.body.notion.backlog).toBe(30);
    await standin.restart();
    standin.failNext(2, 500);
    standin.failNext(2, 409);
    const back = Date.now();
    await until(async () => (await backlog(baton as NotionBaton)) === 0, 90_000, "the drained outbox");
    const recoveredMs = Date.now() - back;
    expect(recoveredMs).toBeGreaterThan(0);
    for (const e of down) expect(pagesWith(standin, e.id)).toHaveLength(1);

    // The MCP server killed while it drains: it is restarted and nothing is written twice.
    const more = make("kill", 40);
    expect((await api.post("/executions", more)).status).toBe(201);
    await until(() => (standin?.pages.size ?? 0) > 36, 30_000, "the drain under way");
    const pid = baton.app.notion?.mcp.pid();
    expect(pid).toBeGreaterThan(0);
    process.kill(pid as number, "SIGKILL");
    await until(async () => (await backlog(baton as NotionBaton)) === 0, 90_000, "the drained outbox");
    for (const e of more) expect(pagesWith(standin, e.id)).toHaveLength(1);
    expect(standin.pages.size).toBe(1 + 30 + 40);
    expect(baton.app.notion?.mcp.pid()).not.toBe(pid);
  }, 180_000);

  test("a wrong database id and a refused token are clear errors in health while Baton keeps serving", async () => {
    standin = await startNotionStandin({ token: NOTION_TOKEN });
    standin.addDatabase();
    baton = await startNotionBaton(standin.url, "00000000-0000-0000-0000-000000000000");
    const api = rest(baton.url);
    const recorded = await api.post<{ id: string }>("/executions", {
      agent_name: "TestAgent",
      status: "success",
      timestamp: "2026-11-30T12:00:00.000Z",
      duration_ms: 1,
    });
    expect(recorded.status).toBe(201);
    const h = await until(
      async () => {
        const r = await api.get<{ notion: { state: string; last_error: string | null; backlog: number } }>("/health");
        return r.body.notion?.state === "error" ? r : undefined;
      },
      30_000,
      "the error state",
    );
    expect(h.status).toBe(200);
    expect(h.body.notion.last_error).toBe(
      "404 object_not_found: Could not find database with ID: 00000000-0000-0000-0000-000000000000. Make sure the relevant pages and databases are shared with your integration.",
    );
    expect(h.body.notion.backlog).toBe(1);
    await baton.stop();

    const database = standin.addDatabase();
    standin.setToken("another_token");
    baton = await startNotionBaton(standin.url, database.id);
    const r = await until(
      async () => {
        const x = await rest((baton as NotionBaton).url).get<{ notion: { state: string; last_error: string | null } }>(
          "/health",
        );
        return x.body.notion?.state === "error" ? x : undefined;
      },
      30_000,
      "the error state",
    );
    expect(r.body.notion.last_error).toBe("401 unauthorized: API token is invalid.");
    expect(JSON.stringify(r.body)).not.toContain(NOTION_TOKEN);
    expect((await rest(baton.url).get("/agents")).status).toBe(200);
    expect(standin.pages.size).toBe(0);
  }, 90_000);
});

describe("Notion outbox across a killed Baton", () => {
  test("Baton killed with SIGKILL mid-drain: the next Baton on the same database finishes it, every page exactly once", async () => {
    standin = await startNotionStandin({ token: NOTION_TOKEN, perSecond: 60 });
    const database = standin.addDatabase();
    const store = await createTestDatabase();
    const env = {
      DATABASE_URL: store.url,
      LOG_LEVEL: "info",
      NOTION_TOKEN,
      BATON_NOTION_DATABASE_ID: database.id,
      BATON_NOTION_API_URL: standin.url,
      BATON_NOTION_RATE: "10",
    };
    let first: BatonProcess | undefined;
    let second: BatonProcess | undefined;
    try {
      first = await spawnBaton(env);
      const batch = Array.from({ length: 60 }, (_, i) => ({
        id: `sk-${i}`,
        agent_name: "DeployAgent",
        status: "success",
        timestamp: new Date(Date.UTC(2026, 10, 4, 0, 0, i)).toISOString(),
        duration_ms: i,
      }));
      expect((await rest(first.url).post("/executions", batch)).status).toBe(201);
      await until(() => (standin?.pages.size ?? 0) >= 15, 60_000, "the drain under way");
      first.child.kill("SIGKILL");
      await new Promise((r) => first?.child.once("exit", r));
      expect(standin.pages.size).toBeLessThan(60);

      second = await spawnBaton(env);
      const api = rest(second.url);
      await until(
        async () => (await api.get<{ notion: { backlog: number } }>("/health")).body.notion?.backlog === 0,
        90_000,
        "the drained outbox",
      );
      expect(standin.pages.size).toBe(60);
      for (const e of batch) expect(pagesWith(standin, e.id)).toHaveLength(1);
    } finally {
      await first?.stop();
      await second?.stop();
      await store.drop();
    }
  }, 180_000);
});
