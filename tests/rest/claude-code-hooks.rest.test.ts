// POST /hooks/claude-code: Claude Code hook payloads become one handoff tree per session —
// parallel spawns of one type told apart, nested sub-agents nested, the same tree whatever order
// the events arrive in, duplicates recorded once, malformed payloads refused with nothing changed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rootExecutionId } from "../../server/modules/claude-code/claude-code.payload.js";
import { closeIdleSessions } from "../../server/modules/claude-code/claude-code.service.js";
import { parallelAndNestedSession, type Payload, treeOf } from "../testkit/claude-hooks.js";
import { gql } from "../testkit/graphql.js";
import { rawBody, type RestError, rest } from "../testkit/rest.js";
import { startTestServer, type TestServer } from "../testkit/server.js";

let server: TestServer;
let project: string;
const base = new Date("2026-12-02T10:00:00.000Z");

beforeAll(async () => {
  server = await startTestServer();
  project = mkdtempSync(join(tmpdir(), "baton-cc-project-"));
  mkdirSync(join(project, ".claude", "agents"), { recursive: true });
  writeFileSync(
    join(project, ".claude", "agents", "worker.md"),
    "---\nname: worker\ndescription: Does one piece of work, quickly.\ntools: Bash, Read\n---\nYou are WORKER.\n",
  );
});
afterAll(async () => {
  await server?.stop();
  rmSync(project, { recursive: true, force: true });
});

const post = (body: unknown) =>
  rest(server.url).post<{ kind: string; duplicate: boolean; changed: string[] }>("/hooks/claude-code", body);

/** The tree the synthetic session must give, computed from its payloads' offsets by hand. */
const expectedTree = {
  agent: "claude-code",
  status: "success",
  durationMs: 1200,
  prompt: "go",
  lastMessage: "All done.",
  children: [
    { agent: "worker", status: "success", durationMs: 860, prompt: "task A", lastMessage: "A finished", children: [] },
    { agent: "worker", status: "success", durationMs: 395, prompt: "task B", lastMessage: "B finished", children: [] },
    {
      agent: "nester",
      status: "success",
      durationMs: 220,
      prompt: "nest",
      lastMessage: "nested done",
      children: [
        {
          agent: "worker",
          status: "success",
          durationMs: 100,
          prompt: "inner",
          lastMessage: "inner done",
          children: [],
        },
      ],
    },
  ],
};

async function counts() {
  return {
    executions: await server.db.prisma.execution.count(),
    events: await server.db.prisma.claudeCodeHookEvent.count(),
    sessions: await server.db.prisma.claudeCodeSession.count(),
    agents: await server.db.prisma.agent.count(),
  };
}

describe("POST /hooks/claude-code", () => {
  it("turns a session into its handoff tree: parallel spawns joined by agentId, the nested one nested", {
    timeout: 240_000,
  }, async () => {
    const events = parallelAndNestedSession("s-inorder", project, base);
    for (const e of events) expect((await post(e)).status).toBe(200);
    expect(await treeOf(server.db, rootExecutionId("s-inorder"))).toEqual(expectedTree);

    const rows = await server.db.prisma.execution.findMany({ where: { rootId: rootExecutionId("s-inorder") } });
    const a = rows.find((r) => (r.inputs as { prompt?: string }).prompt === "task A");
    if (!a) throw new Error("no execution for task A");
    expect(a.timestamp.toISOString()).toBe("2026-12-02T10:00:00.020Z");
    expect(a.outputs).toEqual({
      agent_id: "agA",
      last_message: "A finished",
      transcript_path: "/tmp/agA.jsonl",
      total_tokens: 120,
      input_tokens: 100,
      output_tokens: 20,
      tool_uses: 0,
      model: "claude-standin-1",
    });
    // First sight of the types registered them, marked as discovered; worker's from its file.
    const worker = await server.db.prisma.agent.findUniqueOrThrow({
      where: { name: "worker" },
      include: { capabilities: true, tools: true },
    });
    expect(worker.description).toBe("Does one piece of work, quickly.");
    expect(worker.capabilities.map((c) => c.name).sort()).toEqual(["claude-code", "discovered"]);
    expect(worker.tools.map((t) => t.name).sort()).toEqual(["Bash", "Read"]);
    expect(a.agentId).toBe(worker.id);
    const nester = await server.db.prisma.agent.findUniqueOrThrow({ where: { name: "nester" } });
    expect(nester.description).toBe("Claude Code sub-agent 'nester', discovered from its hooks.");
  });

  it("gives the same tree whatever order the events arrive in", { timeout: 240_000 }, async () => {
    const events = parallelAndNestedSession("s-reversed", project, base).reverse();
    for (const e of events) expect((await post(e)).status).toBe(200);
    expect(await treeOf(server.db, rootExecutionId("s-reversed"))).toEqual(expectedTree);

    // Interleaved: every third event first, then the rest.
    const all = parallelAndNestedSession("s-shuffled", project, base);
    const order = [...all.filter((_, i) => i % 3 === 2), ...all.filter((_, i) => i % 3 !== 2)];
    for (const e of order) expect((await post(e)).status).toBe(200);
    expect(await treeOf(server.db, rootExecutionId("s-shuffled"))).toEqual(expectedTree);
  });

  it("records an event delivered twice once", { timeout: 240_000 }, async () => {
    const events = parallelAndNestedSession("s-twice", project, base);
    for (const e of events) await post(e);
    const before = await counts();
    for (const e of events) {
      // A replay carries a later capture time: the same event all the same.
      const again = await post({ ...e, baton_captured_at: new Date().toISOString() });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ duplicate: true, changed: [] });
    }
    expect(await counts()).toEqual(before);
    expect(await treeOf(server.db, rootExecutionId("s-twice"))).toEqual(expectedTree);
  });

  it("names the slash command as the root's agent", async () => {
    const [start, submit] = parallelAndNestedSession("s-command", project, base) as [Payload, Payload];
    await post(start);
    await post({ ...submit, prompt: "/test-parallel unit api" });
    const root = await server.db.prisma.execution.findUniqueOrThrow({ where: { id: rootExecutionId("s-command") } });
    expect(root.agentName).toBe("/test-parallel");
    expect(root.status).toBe("in_progress");
    expect(root.inputs).toMatchObject({
      prompt: "/test-parallel unit api",
      command: "/test-parallel",
      command_args: "unit api",
    });
  });

  it("accepts unknown events and other tools' calls without changing anything", async () => {
    const before = await counts();
    const unknown = await post({ session_id: "s-other", hook_event_name: "SomethingNew", whatever: [1, 2] });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toMatchObject({ kind: "unknown", changed: [] });
    expect(await counts()).toEqual(before);
    const bash = await post({
      session_id: "s-other",
      hook_event_name: "PreToolUse",
      tool_name: "Bash",
      tool_use_id: "t1",
    });
    expect(bash.body).toMatchObject({ kind: "liveness", changed: [] });
    expect((await counts()).executions).toBe(before.executions);
  });

  it("refuses malformed payloads with 400 naming the field, and changes nothing", { timeout: 240_000 }, async () => {
    const before = await counts();
    const cases: [unknown, string][] = [
      [{ hook_event_name: "Stop" }, "session_id"],
      [{ session_id: 42, hook_event_name: "Stop" }, "session_id"],
      [{ session_id: "s-bad" }, "hook_event_name"],
      [{ session_id: "s-bad", hook_event_name: "PostToolUse", tool_name: "Agent", duration_ms: "fast" }, "duration_ms"],
      [{ session_id: "s-bad", hook_event_name: "PreToolUse", tool_name: "Agent", tool_input: "x" }, "tool_input"],
      [{ session_id: "s-bad", hook_event_name: "Stop", baton_captured_at: "yesterday" }, "baton_captured_at"],
      [[1, 2], "payload"],
      [{ session_id: "s-bad", hook_event_name: "UserPromptSubmit", prompt: "x".repeat(5 * 1_048_576) }, "prompt"],
    ];
    for (const [body, field] of cases) {
      const r = await rest(server.url).post<RestError>("/hooks/claude-code", body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.body.error.field).toBe(field);
    }
    const broken = await rest(server.url).post<RestError>("/hooks/claude-code", rawBody("{not json"));
    expect(broken.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("is a GraphQL mutation too", async () => {
    const r = await gql<{
      recordClaudeCodeHook: { __typename: string; kind?: string; rootExecutionId?: string; field?: string };
    }>(
      server.url,
      `mutation($p: JSON!) { recordClaudeCodeHook(payload: $p) { __typename
         ... on ClaudeCodeHookResult { kind rootExecutionId }
         ... on ValidationError { field } } }`,
      { p: { session_id: "s-gql", hook_event_name: "UserPromptSubmit", prompt: "hi", cwd: project } },
    );
    expect(r.recordClaudeCodeHook).toEqual({
      __typename: "ClaudeCodeHookResult",
      kind: "TREE",
      rootExecutionId: rootExecutionId("s-gql"),
    });
    const bad = await gql<{ recordClaudeCodeHook: { __typename: string; field?: string } }>(
      server.url,
      `mutation($p: JSON!) { recordClaudeCodeHook(payload: $p) { __typename ... on ValidationError { field } } }`,
      { p: { hook_event_name: "Stop" } },
    );
    expect(bad.recordClaudeCodeHook).toEqual({ __typename: "ValidationError", field: "session_id" });
  });

  it("closes a session that fell silent as cancelled, with its unfinished sub-agents", async () => {
    const events = parallelAndNestedSession("s-idle", project, base).slice(0, 4);
    for (const e of events) await post(e);
    const deps = {
      db: server.db,
      pubsub: { watched: () => false, publish: () => undefined } as never,
      limits: { jsonLimit: 262_144 },
    };
    // Not yet idle: nothing closes.
    await closeIdleSessions(deps, 60_000);
    expect((await treeOf(server.db, rootExecutionId("s-idle")))?.status).toBe("in_progress");
    await closeIdleSessions(deps, 60_000, new Date(Date.now() + 120_000));
    const tree = await treeOf(server.db, rootExecutionId("s-idle"));
    expect(tree?.status).toBe("cancelled");
    expect(tree?.children.map((c) => [c.agent, c.status, c.prompt])).toEqual([
      ["worker", "cancelled", "task A"],
      ["worker", "cancelled", "task B"],
    ]);
  });
});
