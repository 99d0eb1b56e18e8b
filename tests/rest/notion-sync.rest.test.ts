// Sync from Notion (docs/notion.md) through the real @notionhq/notion-mcp-server pointed at the
// Notion stand-in: pages people edited come back (notes, tags) with exact values, a field edited on
// both sides is settled by the later edit and recorded, a status edited in Notion is not applied
// (and written back), the cursor makes a second sync pull nothing new, and bad input changes nothing.
import { afterEach, describe, expect, test } from "vitest";
import { createToken } from "../../server/security/tokens.js";
import { gql } from "../testkit/graphql.js";
import { type NotionStandin, type StandinPage, startNotionStandin } from "../testkit/notion-standin.js";
import { NOTION_TOKEN, type NotionBaton, startNotionBaton, until } from "../testkit/notion.js";
import { rest } from "../testkit/rest.js";
import { startTestServer } from "../testkit/server.js";

let standin: NotionStandin | undefined;
let baton: NotionBaton | undefined;
afterEach(async () => {
  await baton?.stop();
  await standin?.stop();
  baton = undefined;
  standin = undefined;
});

interface Report {
  seen: number;
  pulled: number;
  updated: number;
  created: number;
  ignored: number;
  conflicts: number;
  pushed: number;
  pending: number;
  changes: { execution_id: string; field: string; direction: string; value: unknown }[];
  error: string | null;
}
interface Integration {
  enabled: boolean;
  mode: string | null;
  state: string | null;
  backlog: number;
  conflicts: number;
  last_error: string | null;
  last_pull_error: string | null;
  pull_cursor: string | null;
  pull_interval_ms: number | null;
  mcp_server: string | null;
}
interface Conflict {
  id: string;
  execution_id: string;
  field: string;
  local_value: unknown;
  local_at: string | null;
  notion_value: unknown;
  notion_at: string;
  winner: string;
}

const text = (s: string) => ({ rich_text: [{ type: "text", text: { content: s } }] });
const tags = (...names: string[]) => ({ multi_select: names.map((name) => ({ name })) });
const minuteOf = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();

function pageOf(s: NotionStandin, batonId: string): StandinPage {
  const page = [...s.pages.values()].find((p) => s.valueOf(p, "Baton ID") === batonId);
  if (!page) throw new Error(`no page for ${batonId}`);
  return page;
}

/** Pages the next pull's query returns: edited at or after the stored cursor's minute. */
async function expectedSeen(api: ReturnType<typeof rest>, s: NotionStandin) {
  const cursor = (await api.get<Integration>("/integrations/notion")).body.pull_cursor;
  return [...s.pages.values()].filter((p) => !cursor || Date.parse(p.lastEditedTime) >= Date.parse(cursor)).length;
}

const byKey = (changes: Report["changes"]) =>
  [...changes].sort((a, b) =>
    `${a.execution_id} ${a.field} ${a.direction}`.localeCompare(`${b.execution_id} ${b.field} ${b.direction}`),
  );

describe("sync from Notion", () => {
  test("edited notes and tags come back, conflicts are settled by the later edit, status stays Baton's, the cursor holds", async () => {
    standin = await startNotionStandin({ token: NOTION_TOKEN, perSecond: 40 });
    const database = standin.addDatabase();
    baton = await startNotionBaton(standin.url, database.id, { BATON_NOTION_RATE: "30", BATON_NOTION_PULL_MS: "0" });
    const api = rest(baton.url);
    const ids = ["ns-a", "ns-b", "ns-c", "ns-d", "ns-e"];
    const recorded = await api.post("/executions", [
      ...ids.map((id, i) => ({
        id,
        agent_name: "TestAgent",
        status: "success",
        timestamp: new Date(Date.UTC(2026, 10, 20, 9, 0, i)).toISOString(),
        duration_ms: 10 + i,
      })),
      // A child: at the default level (trees) Baton writes no page for it.
      {
        id: "ns-child",
        agent_name: "CodeAgent",
        status: "success",
        timestamp: "2026-11-20T09:00:10.000Z",
        duration_ms: 3,
        parent_execution_id: "ns-a",
      },
    ]);
    expect(recorded.status).toBe(201);
    await until(
      async () => (await api.get<Integration>("/integrations/notion")).body.backlog === 0 && standin?.pages.size === 5,
      60_000,
      "five pages",
    );
    const pageA = pageOf(standin, "ns-a");
    const state = await api.get("/executions/ns-a/notion");
    expect(state.status).toBe(200);
    expect(state.body).toEqual({
      state: "synced",
      page_id: pageA.id,
      page_url: `https://www.notion.so/${pageA.id.replace(/-/g, "")}`,
      error: null,
      synced_at: expect.any(String),
      notes: null,
      tags: [],
    });
    expect((await api.get("/executions/ns-child/notion")).body).toMatchObject({ state: "not_written", page_id: null });

    // Nothing edited yet: the first sync reads every page and changes nothing.
    const seen0 = await expectedSeen(api, standin);
    const first = await api.post<Report>("/executions/sync");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      seen: seen0,
      pulled: 0,
      updated: 0,
      created: 0,
      ignored: 0,
      conflicts: 0,
      pushed: 0,
      pending: 0,
      changes: [],
      error: null,
    });
    expect(seen0).toBe(5);

    const dsId = pageA.dataSourceId;
    // a: a person writes notes and tags in Notion.
    standin.editPage(pageA.id, { Notes: text("Flaky on CI — retried by hand"), Tags: tags("ci", "flaky") });
    // b: a person changes the status in Notion (Baton owns it).
    const notionAtB = standin.editPage(pageOf(standin, "ns-b").id, {
      Status: { select: { name: "failure" } },
    }).last_edited_time;
    // c: Notion first, then Baton: Baton's edit is the later one.
    const pageC = pageOf(standin, "ns-c");
    standin.editPage(pageC.id, { Notes: text("notion says c") });
    const notionAtC = pageC.lastEditedTime;
    await new Promise((r) => setTimeout(r, 5));
    expect((await api.patch("/executions/ns-c", { notes: "baton says c" })).status).toBe(200);
    // d: Baton first, then Notion in a later minute: Notion's edit is the later one.
    const localD = Date.now();
    expect((await api.patch("/executions/ns-d", { notes: "baton says d" })).status).toBe(200);
    const pageD = pageOf(standin, "ns-d");
    standin.editPage(pageD.id, { Notes: text("notion says d") }, localD + 60_000);
    const notionAtD = pageD.lastEditedTime;
    expect(notionAtD).toBe(minuteOf(localD + 60_000));
    // e: only Baton edits (tags): pushed to the page.
    expect((await api.patch("/executions/ns-e", { tags: ["release", "v2"] })).status).toBe(200);
    // Pages Baton cannot map: no Baton ID, an unknown one. And a page carrying the child's id.
    standin.createPage(dsId, { Name: { title: [{ type: "text", text: { content: "meeting notes" } }] } });
    standin.createPage(dsId, { "Baton ID": text("nobody-has-this-id") });
    const childPage = standin.createPage(dsId, { "Baton ID": text("ns-child"), Notes: text("seen in review") });

    const seen1 = await expectedSeen(api, standin);
    const second = await api.post<Report>("/executions/sync");
    expect(second.status).toBe(200);
    expect({ ...second.body, changes: byKey(second.body.changes) }).toEqual({
      seen: seen1,
      pulled: 5, // a, b, c, d and the child's page
      updated: 4, // a's notes and tags, d's notes, the child's notes
      created: 1,
      ignored: 2,
      conflicts: 3, // b's status, c's notes, d's notes
      pushed: 2, // c (Baton won), e
      pending: 1, // b, queued to show Baton's status again
      changes: byKey([
        { execution_id: "ns-a", field: "notes", direction: "pulled", value: "Flaky on CI — retried by hand" },
        { execution_id: "ns-a", field: "tags", direction: "pulled", value: ["ci", "flaky"] },
        { execution_id: "ns-d", field: "notes", direction: "pulled", value: "notion says d" },
        { execution_id: "ns-child", field: "notes", direction: "pulled", value: "seen in review" },
        { execution_id: "ns-c", field: "notes", direction: "pushed", value: "baton says c" },
        { execution_id: "ns-e", field: "tags", direction: "pushed", value: ["release", "v2"] },
      ]),
      error: null,
      started_at: expect.any(String),
      finished_at: expect.any(String),
    });
    expect(seen1).toBe(8);

    // The local records.
    const notion = async (id: string) =>
      (await api.get<{ notes: string | null; tags: string[] }>(`/executions/${id}/notion`)).body;
    expect(await notion("ns-a")).toMatchObject({ notes: "Flaky on CI — retried by hand", tags: ["ci", "flaky"] });
    expect(await notion("ns-c")).toMatchObject({ notes: "baton says c", tags: [] });
    expect(await notion("ns-d")).toMatchObject({ notes: "notion says d" });
    expect(await notion("ns-e")).toMatchObject({ notes: null, tags: ["release", "v2"] });
    expect(await notion("ns-child")).toMatchObject({ state: "synced", page_id: childPage.id, notes: "seen in review" });
    expect((await api.get<{ status: string }>("/executions/ns-b")).body.status).toBe("success");
    // The pages: Baton's winners were written; b's status is Baton's again once the outbox drained.
    expect(standin.valueOf(pageC, "Notes")).toBe("baton says c");
    expect(standin.valueOf(pageOf(standin, "ns-e"), "Tags")).toEqual(["release", "v2"]);
    expect(standin.valueOf(pageD, "Notes")).toBe("notion says d");
    await until(() => standin?.valueOf(pageOf(standin, "ns-b"), "Status") === "success", 30_000, "b's status back");

    // The conflicts, visible in REST and GraphQL.
    const listed = await api.get<{ notionConflicts: Conflict[] }>("/integrations/notion/conflicts");
    expect(listed.status).toBe(200);
    const conflicts = [...listed.body.notionConflicts].sort((x, y) => x.execution_id.localeCompare(y.execution_id));
    expect(conflicts.map(({ id: _id, local_at: _l, ...c }) => c)).toEqual([
      {
        execution_id: "ns-b",
        field: "status",
        local_value: "success",
        notion_value: "failure",
        notion_at: notionAtB,
        winner: "baton",
        resolved_at: expect.any(String),
      },
      {
        execution_id: "ns-c",
        field: "notes",
        local_value: "baton says c",
        notion_value: "notion says c",
        notion_at: notionAtC,
        winner: "baton",
        resolved_at: expect.any(String),
      },
      {
        execution_id: "ns-d",
        field: "notes",
        local_value: "baton says d",
        notion_value: "notion says d",
        notion_at: notionAtD,
        winner: "notion",
        resolved_at: expect.any(String),
      },
    ]);
    expect(conflicts[0]?.local_at).toBeNull();
    expect(Date.parse(conflicts[1]?.local_at as string)).toBeGreaterThan(Date.parse(notionAtC));
    expect(Date.parse(conflicts[2]?.local_at as string)).toBeLessThan(Date.parse(notionAtD));
    const viaGraphql = await gql<{
      notionConflicts: { executionId: string; winner: string }[];
      execution: { notes: string | null; tags: string[]; notion: { state: string; pageUrl: string } };
    }>(
      `${baton.url}/graphql`,
      `{ notionConflicts(executionId: "ns-d") { executionId winner }
         execution(id: "ns-a") { notes tags notion { state pageUrl } } }`,
    );
    expect(viaGraphql).toEqual({
      notionConflicts: [{ executionId: "ns-d", winner: "notion" }],
      execution: {
        notes: "Flaky on CI — retried by hand",
        tags: ["ci", "flaky"],
        notion: { state: "synced", pageUrl: `https://www.notion.so/${pageA.id.replace(/-/g, "")}` },
      },
    });

    // Sync again: the cursor's minute is read again, and nothing in it is new.
    const seen2 = await expectedSeen(api, standin);
    const third = await gql<{ syncNotion: Report & { __typename: string } }>(
      `${baton.url}/graphql`,
      `mutation { syncNotion { __typename ... on NotionSyncReport { seen pulled updated created ignored conflicts pushed pending changes { executionId } error } } }`,
    );
    expect(third.syncNotion).toEqual({
      __typename: "NotionSyncReport",
      seen: seen2,
      pulled: 0,
      updated: 0,
      created: 0,
      ignored: 0,
      conflicts: 0,
      pushed: 0,
      pending: 0,
      changes: [],
      error: null,
    });
    // The cursor stands at d's minute: only d's page is read again.
    expect(seen2).toBe(1);
    const integration = await api.get<Integration>("/integrations/notion");
    expect(integration.body).toMatchObject({
      enabled: true,
      mode: "trees",
      state: "ok",
      backlog: 0,
      conflicts: 3,
      last_error: null,
      last_pull_error: null,
      pull_cursor: notionAtD,
      pull_interval_ms: 0,
      mcp_server: "running",
    });
    // Re-seen pages recorded no second conflict.
    expect(
      (await api.get<{ notionConflicts: Conflict[] }>("/integrations/notion/conflicts")).body.notionConflicts,
    ).toHaveLength(3);
  }, 180_000);

  test("BATON_NOTION_PULL_MS: the periodic sync brings a Notion edit back without being asked", async () => {
    standin = await startNotionStandin({ token: NOTION_TOKEN, perSecond: 40 });
    const database = standin.addDatabase();
    baton = await startNotionBaton(standin.url, database.id, { BATON_NOTION_RATE: "30", BATON_NOTION_PULL_MS: "1500" });
    const api = rest(baton.url);
    const id = `np-${Date.now()}`;
    const res = await api.post("/executions", {
      id,
      agent_name: "TestAgent",
      status: "success",
      timestamp: "2026-11-23T10:00:00.000Z",
      duration_ms: 2,
    });
    expect(res.status).toBe(201);
    const page = await until(
      () => [...(standin as NotionStandin).pages.values()].find((p) => standin?.valueOf(p, "Baton ID") === id),
      30_000,
      "the page",
    );
    expect((await api.get<Integration>("/integrations/notion")).body.pull_interval_ms).toBe(1500);
    standin.editPage(page.id, { Tags: tags("nightly") });
    const notes = await until(
      async () => {
        const n = (await api.get<{ tags: string[] }>(`/executions/${id}/notion`)).body;
        return n.tags.length ? n : undefined;
      },
      30_000,
      "the periodic sync",
    );
    expect(notes.tags).toEqual(["nightly"]);
    expect((await api.get<Integration>("/integrations/notion")).body.last_pull_error).toBeNull();
  }, 90_000);

  test("a wrong database id is the sync's error and the integration's, and Baton keeps serving", async () => {
    standin = await startNotionStandin({ token: NOTION_TOKEN });
    standin.addDatabase();
    baton = await startNotionBaton(standin.url, "11111111-1111-1111-1111-111111111111", { BATON_NOTION_PULL_MS: "0" });
    const api = rest(baton.url);
    const res = await api.get<Report>("/executions/sync");
    expect(res.status).toBe(200);
    const message =
      "404 object_not_found: Could not find database with ID: 11111111-1111-1111-1111-111111111111. Make sure the relevant pages and databases are shared with your integration.";
    expect(res.body).toMatchObject({ seen: 0, pulled: 0, pushed: 0, error: message });
    const integration = await api.get<Integration>("/integrations/notion");
    expect(integration.body).toMatchObject({ enabled: true, last_error: message, last_pull_error: message });
    expect((await api.get("/agents")).status).toBe(200);
  }, 90_000);
});

describe("notes and tags through the API", () => {
  test("bad input is refused naming the field and changes nothing; notes go on finished executions; sync needs Notion and admin", async () => {
    const server = await startTestServer({ env: { BATON_AUTH: "on" } });
    try {
      const admin = (await createToken(server.db, { name: "n-admin", scopes: ["admin"] })).secret;
      const write = (await createToken(server.db, { name: "n-write", scopes: ["write"] })).secret;
      const api = rest(server.url, { authorization: `Bearer ${admin}` });
      const asWriter = rest(server.url, { authorization: `Bearer ${write}` });
      const id = `nt-${Date.now()}`;
      expect(
        (
          await api.post("/executions", {
            id,
            agent_name: "TestAgent",
            status: "success",
            timestamp: "2026-11-21T10:00:00.000Z",
            duration_ms: 5,
          })
        ).status,
      ).toBe(201);
      const refused = async (body: unknown, field: string) => {
        const r = await asWriter.patch<{ error: { code: string; field?: string } }>(`/executions/${id}`, body);
        expect(r.status).toBe(400);
        expect(r.body.error.code).toBe("VALIDATION_FAILED");
        expect(r.body.error.field).toBe(field);
      };
      await refused({ colour: "red" }, "colour");
      await refused({ notes: 5 }, "notes");
      await refused({ tags: { a: 1 }, notes: "x" }, "tags");
      await refused({ tags: ["a,b"] }, "tags[0]");
      await refused({ tags: [""] }, "tags[0]");
      await refused({ notes: "n".repeat(2001) }, "notes");
      expect((await api.get(`/executions/${id}/notion`)).body).toEqual({
        state: "not_written",
        page_id: null,
        page_url: null,
        error: null,
        synced_at: null,
        notes: null,
        tags: [],
      });
      // A finished execution takes notes and tags (a person's, not its outcome).
      const ok = await asWriter.patch<{ status: string }>(`/executions/${id}`, {
        notes: "looked fine",
        tags: ["ok", "ok", "reviewed"],
      });
      expect(ok.status).toBe(200);
      expect(ok.body.status).toBe("success");
      expect((await api.get(`/executions/${id}/notion`)).body).toMatchObject({
        notes: "looked fine",
        tags: ["ok", "reviewed"],
      });
      // "" clears the notes.
      expect((await asWriter.patch(`/executions/${id}`, { notes: "" })).status).toBe(200);
      expect((await api.get(`/executions/${id}/notion`)).body).toMatchObject({ notes: null, tags: ["ok", "reviewed"] });
      // An unknown execution.
      expect((await asWriter.patch("/executions/nt-nobody", { notes: "x" })).status).toBe(404);
      expect((await api.get("/executions/nt-nobody/notion")).status).toBe(404);

      // Sync needs admin, and Notion configured.
      const forbidden = await asWriter.post<{ error: { code: string } }>("/executions/sync");
      expect(forbidden.status).toBe(403);
      const off = await api.post<{ error: { code: string; message: string } }>("/executions/sync");
      expect(off.status).toBe(409);
      expect(off.body.error).toMatchObject({
        code: "CONFLICT",
        message: "Notion is not configured: set NOTION_TOKEN and BATON_NOTION_DATABASE_ID",
      });
      expect((await api.get("/integrations/notion")).body).toMatchObject({
        enabled: false,
        mode: null,
        state: null,
        backlog: 0,
        last_error: null,
      });
    } finally {
      await server.stop();
    }
  });
});
