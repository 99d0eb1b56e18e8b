// Every path that changes executions queues them for Notion in the same transaction (the outbox):
// a retried execution (POST /executions/{id}/retry) and a Claude Code session's tree (POST
// /hooks/claude-code) end in Notion with the states Baton holds, one page each — through the real
// Notion MCP server against the stand-in.
import { afterEach, describe, expect, test } from "vitest";
import { sql } from "../../server/sql.js";
import { parallelAndNestedSession } from "../testkit/claude-hooks.js";
import { agentBody, uniqueName } from "../testkit/factories.js";
import { type NotionStandin, startNotionStandin } from "../testkit/notion-standin.js";
import { NOTION_TOKEN, type NotionBaton, startNotionBaton, until } from "../testkit/notion.js";
import { rest } from "../testkit/rest.js";
import { createWorkflow, getRun, registerMockAgent, startRun, waitForRun } from "../testkit/workflows.js";

let standin: NotionStandin | undefined;
let baton: NotionBaton | undefined;
afterEach(async () => {
  await baton?.stop();
  await standin?.stop();
  baton = undefined;
  standin = undefined;
});

const pagesWith = (s: NotionStandin, batonId: string) =>
  [...s.pages.values()].filter((p) => s.valueOf(p, "Baton ID") === batonId);
const backlog = async (api: ReturnType<typeof rest>) =>
  (await api.get<{ backlog: number }>("/integrations/notion")).body.backlog;

describe("Notion outbox on every path", () => {
  test("a retried execution gets its own page, written when it starts and patched when it ends", async () => {
    standin = await startNotionStandin({ token: NOTION_TOKEN, perSecond: 40 });
    const database = standin.addDatabase();
    baton = await startNotionBaton(standin.url, database.id, { BATON_NOTION_RATE: "30", BATON_NOTION_PULL_MS: "0" });
    const api = rest(baton.url);
    const name = uniqueName("RetryAgent");
    expect((await api.post("/agents", agentBody({ name }))).status).toBe(201);
    const failed = await api.post<{ id: string }>("/executions", {
      agent_name: name,
      status: "failure",
      timestamp: "2026-11-22T08:00:00.000Z",
      duration_ms: 4,
      error: "boom",
      inputs: { n: 1 },
    });
    expect(failed.status).toBe(201);
    await until(() => pagesWith(standin as NotionStandin, failed.body.id).length === 1, 30_000, "the first page");

    const retried = await api.post<{ execution: { id: string } | null }>(`/executions/${failed.body.id}/retry`);
    expect(retried.status).toBe(200);
    const retryId = retried.body.execution?.id as string;
    const local = await until(
      async () => {
        const e = await api.get<{ status: string; duration_ms: number; error: string | null }>(
          `/executions/${retryId}`,
        );
        return e.body.status !== "in_progress" ? e.body : undefined;
      },
      30_000,
      "the retry to finish",
    );
    expect([local.status, local.error]).toEqual(["success", null]);
    await until(async () => (await backlog(api)) === 0, 30_000, "the drained outbox");
    const pages = pagesWith(standin, retryId);
    expect(pages).toHaveLength(1);
    const page = pages[0] as NonNullable<(typeof pages)[0]>;
    expect({
      Agent: standin.valueOf(page, "Agent"),
      Status: standin.valueOf(page, "Status"),
      "Duration (ms)": standin.valueOf(page, "Duration (ms)"),
      Error: standin.valueOf(page, "Error"),
    }).toEqual({ Agent: name, Status: "success", "Duration (ms)": local.duration_ms, Error: "" });
    // The original keeps its own page, unchanged.
    expect(standin.valueOf(pagesWith(standin, failed.body.id)[0] as never, "Status")).toBe("failure");
    expect(standin.pages.size).toBe(2);
  }, 90_000);

  test("a Claude Code session's tree, updated by later hook events, ends in Notion as Baton holds it", async () => {
    standin = await startNotionStandin({ token: NOTION_TOKEN, perSecond: 60 });
    const database = standin.addDatabase();
    baton = await startNotionBaton(standin.url, database.id, {
      BATON_NOTION_SYNC: "executions",
      BATON_NOTION_RATE: "50",
      BATON_NOTION_PULL_MS: "0",
    });
    const api = rest(baton.url);
    const sessionId = `np-${Date.now()}`;
    for (const payload of parallelAndNestedSession(sessionId, "/tmp/np", new Date("2026-11-22T09:00:00.000Z")))
      expect((await api.post("/hooks/claude-code", payload)).status).toBe(200);
    const [session] = await baton.db.sql.all<{ rootExecutionId: string }>(
      sql`SELECT "rootExecutionId" FROM "ClaudeCodeSession" WHERE "sessionId" = ${sessionId}`,
    );
    const rows = await baton.db.sql.all<{ id: string; status: string; durationMs: unknown }>(
      sql`SELECT "id", "status", "durationMs" FROM "Execution" WHERE "rootId" = ${session?.rootExecutionId as string}`,
    );
    expect(rows.length).toBeGreaterThan(2);
    // Later events finished executions recorded earlier: those changes reached the outbox too.
    expect(new Set(rows.map((r) => r.status))).not.toContain("in_progress");
    await until(async () => (await backlog(api)) === 0, 60_000, "the drained outbox");
    const s = standin;
    expect(
      Object.fromEntries(
        rows.map((r) => {
          const pages = pagesWith(s, r.id);
          return [r.id, { pages: pages.length, status: s.valueOf(pages[0] as never, "Status") }];
        }),
      ),
    ).toEqual(Object.fromEntries(rows.map((r) => [r.id, { pages: 1, status: r.status }])));
    expect(standin.pages.size).toBe(rows.length);
  }, 120_000);

  test("a rollback's compensations get their pages, with the status they ended with", async () => {
    standin = await startNotionStandin({ token: NOTION_TOKEN, perSecond: 60 });
    const database = standin.addDatabase();
    baton = await startNotionBaton(standin.url, database.id, {
      BATON_NOTION_SYNC: "executions",
      BATON_NOTION_RATE: "50",
      BATON_NOTION_PULL_MS: "0",
    });
    const api = rest(baton.url);
    const step = await registerMockAgent(api, { outputs: { made: "{{input.n}}" } });
    const undo = await registerMockAgent(api, { outputs: { undone: "{{input.step}}" } });
    const wf = await createWorkflow(api, {
      steps: [
        { id: "a", agent: step, input: { n: "a" }, compensate: { agent: undo, input: { step: "a" } } },
        { id: "b", agent: step, input: { n: "b" }, compensate: { agent: undo, input: { step: "b" } } },
      ],
    });
    const done = await waitForRun(api, (await startRun(api, wf.id)).id);
    expect(done.status).toBe("succeeded");
    const rolled = await api.post<{ status: string }>(`/workflow-runs/${done.id}/rollback`);
    expect([rolled.status, rolled.body.status]).toEqual([200, "rolled_back"]);
    const run = await getRun(api, done.id);
    const undos = run.executions.filter((e) => e.workflow_step_id?.startsWith("rollback:"));
    expect(undos.map((e) => [e.workflow_step_id, e.status]).sort()).toEqual([
      ["rollback:a", "success"],
      ["rollback:b", "success"],
    ]);
    await until(async () => (await backlog(api)) === 0, 60_000, "the drained outbox");
    const s = standin;
    expect(
      undos.map((e) => {
        const pages = pagesWith(s, e.id);
        return [pages.length, s.valueOf(pages[0] as never, "Status"), s.valueOf(pages[0] as never, "Parent")];
      }),
    ).toEqual(undos.map(() => [1, "success", [pagesWith(s, run.root_execution_id as string)[0]?.id]]));
  }, 90_000);
});
