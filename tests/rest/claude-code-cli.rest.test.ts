// The real Claude Code CLI, with this repository's hooks, against a real Baton: a session whose
// main thread spawns two workers in parallel and a nester that spawns a worker lands in Baton as
// exactly that tree; with Baton down for the first half, the spool delivers it all, once. The
// model is the local stand-in (tests/testkit/model-standin.ts).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rootExecutionId } from "../../server/modules/claude-code/claude-code.payload.js";
import { createToken } from "../../server/security/tokens.js";
import { CLAUDE_BIN, REPO_ROOT, runClaude, runProcess } from "../testkit/claude-cli.js";
import { type TreeNode, treeOf } from "../testkit/claude-hooks.js";
import { type ModelStandIn, is, spawn, startModelStandIn, text } from "../testkit/model-standin.js";
import { startTestServer, type TestServer } from "../testkit/server.js";

const BIN = join(REPO_ROOT, "server", "cli", "bin.mjs");
let scratch: string;

/** A project with two agent types, the repository's hooks (pointed at this checkout) and a recorder of PostToolUse payloads. */
function makeProject(name: string): { dir: string; payloads: () => Record<string, unknown>[] } {
  const dir = join(scratch, name);
  mkdirSync(join(dir, ".claude", "agents"), { recursive: true });
  writeFileSync(
    join(dir, ".claude", "agents", "worker.md"),
    "---\nname: worker\ndescription: Does one piece of work.\ntools: Bash\n---\nYou are WORKER.\n",
  );
  writeFileSync(
    join(dir, ".claude", "agents", "nester.md"),
    "---\nname: nester\ndescription: Hands its work to a worker.\ntools: Agent, Bash\n---\nYou are NESTER.\n",
  );
  const repoSettings = readFileSync(join(REPO_ROOT, ".claude", "settings.json"), "utf8").replaceAll(
    "$CLAUDE_PROJECT_DIR",
    REPO_ROOT,
  );
  const settings = JSON.parse(repoSettings) as { hooks: Record<string, unknown[]> };
  const recorded = join(dir, "post-tool-use.jsonl");
  settings.hooks.PostToolUse?.push({
    matcher: "Agent|Task",
    hooks: [{ type: "command", command: `cat >> '${recorded}'; echo >> '${recorded}'` }],
  });
  writeFileSync(join(dir, ".claude", "settings.json"), JSON.stringify(settings, null, 2));
  return {
    dir,
    payloads: () =>
      existsSync(recorded)
        ? readFileSync(recorded, "utf8")
            .split("\n")
            .filter((l) => l.trim())
            .map((l) => JSON.parse(l) as Record<string, unknown>)
        : [],
  };
}

/** The session's script: two workers in parallel, then a nester that spawns a worker. */
function script(beforeSecondHalf?: () => Promise<void>) {
  return [
    {
      match: is.main,
      turns: [
        [text("Two in parallel."), spawn("worker", "task A"), spawn("worker", "task B")],
        [spawn("nester", "nest")],
        [text("All done.")],
      ],
      before: async (_req: unknown, turn: number) => {
        if (turn === 1) await beforeSecondHalf?.();
      },
    },
    { match: is.subPrompt("nest"), turns: [[spawn("worker", "inner")], [text("nested done")]] },
    { match: is.subPrompt("task A"), turns: [[text("A finished")]] },
    { match: is.subPrompt("task B"), turns: [[text("B finished")]] },
    { match: is.subPrompt("inner"), turns: [[text("inner done")]] },
  ];
}

/** The expected tree, durations from the PostToolUse payloads Claude Code sent. */
function expectedTree(payloads: Record<string, unknown>[]) {
  const duration = (prompt: string) => {
    const p = payloads.find((x) => (x.tool_input as { prompt?: string }).prompt === prompt);
    return (p?.duration_ms as number | undefined) ?? -1;
  };
  const leaf = (agent: string, prompt: string, lastMessage: string): TreeNode => ({
    agent,
    status: "success",
    durationMs: duration(prompt),
    prompt,
    lastMessage,
    children: [],
  });
  return {
    agent: "claude-code",
    status: "success",
    prompt: "go",
    lastMessage: "All done.",
    // By prompt, as normalised() orders them.
    children: [
      { ...leaf("nester", "nest", "nested done"), children: [leaf("worker", "inner", "inner done")] },
      leaf("worker", "task A", "A finished"),
      leaf("worker", "task B", "B finished"),
    ],
  };
}

/** The tree with children by prompt (parallel spawns' hooks may run in either order) and the root's duration left out. */
function normalised(t: TreeNode | null): unknown {
  if (!t) return null;
  const sort = (n: TreeNode): TreeNode => ({
    ...n,
    children: [...n.children].sort((a, b) => String(a.prompt).localeCompare(String(b.prompt))).map(sort),
  });
  const { durationMs, ...root } = sort(t);
  expect(durationMs).toBeGreaterThan(0);
  return root;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
};

/** Wall time of `node bin.mjs hook` (what Claude Code waits for), `n` times. */
async function hookTimings(env: Record<string, string>, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const payload = JSON.stringify({
      session_id: `timing-${i}`,
      hook_event_name: "PreToolUse",
      tool_name: "Bash",
      tool_use_id: `t${i}`,
    });
    const r = await runProcess("node", [BIN, "hook"], { cwd: scratch, env, stdin: payload, timeoutMs: 30_000 });
    expect(r.exitCode).toBe(0);
    times.push(r.durationMs);
  }
  return times;
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "baton-cc-cli-"));
  expect(existsSync(CLAUDE_BIN)).toBe(true);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("Claude Code sessions recorded through the repository's hooks", () => {
  let server: TestServer;
  let model: ModelStandIn;
  beforeAll(async () => {
    server = await startTestServer();
    model = await startModelStandIn(script());
  });
  afterAll(async () => {
    await model?.close();
    await server?.stop();
  });

  it("records the session, its parallel workers and the nested worker as one tree", { timeout: 300_000 }, async () => {
    const project = makeProject("live");
    const spool = join(scratch, "live-spool.jsonl");
    const run = await runClaude({
      cwd: project.dir,
      prompt: "go",
      modelUrl: model.url,
      env: { BATON_URL: server.url, BATON_HOOK_SPOOL: spool, BATON_HOOK_BUDGET_MS: "10000" },
      timeoutMs: 180_000,
    });
    expect(run.result?.subtype, run.stderr.slice(0, 500)).toBe("success");
    const sessionId = String(run.result?.session_id);
    expect(existsSync(spool)).toBe(false);
    const payloads = project.payloads();
    expect(payloads).toHaveLength(4);
    expect(normalised(await treeOf(server.db, rootExecutionId(sessionId)))).toEqual(expectedTree(payloads));
    expect(await server.db.prisma.execution.count({ where: { rootId: rootExecutionId(sessionId) } })).toBe(5);

    const times = await hookTimings(
      { PATH: process.env.PATH ?? "", BATON_URL: server.url, BATON_HOOK_SPOOL: spool },
      10,
    );
    console.log(`baton hook wall time, Baton up: p50 ${quantile(times, 0.5)} ms, p99 ${quantile(times, 0.99)} ms`);
  });
});

describe("Baton down for the first half of a session", () => {
  it("spools what it missed and delivers it in order: the same tree, nothing twice", { timeout: 300_000 }, async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const spool = join(scratch, "down-spool.jsonl");
    let server: TestServer | undefined;
    let spooledAtRestart = 0;
    const model = await startModelStandIn(
      script(async () => {
        if (server) return;
        spooledAtRestart = readFileSync(spool, "utf8").split("\n").filter(Boolean).length;
        server = await startTestServer({ env: { PORT: String(port) } });
      }),
    );
    try {
      // While nothing listens: a hook call returns quickly and spools, with 0600 permissions.
      const down = await hookTimings(
        { PATH: process.env.PATH ?? "", BATON_URL: url, BATON_HOOK_SPOOL: join(scratch, "timing-spool.jsonl") },
        10,
      );
      console.log(`baton hook wall time, Baton down: p50 ${quantile(down, 0.5)} ms, p99 ${quantile(down, 0.99)} ms`);
      // Generous: the figure is reported above; this only says a call never waits on the network.
      expect(quantile(down, 0.5)).toBeLessThan(30_000);
      expect(statSync(join(scratch, "timing-spool.jsonl")).mode & 0o777).toBe(0o600);

      const project = makeProject("down");
      const run = await runClaude({
        cwd: project.dir,
        prompt: "go",
        modelUrl: model.url,
        env: { BATON_URL: url, BATON_HOOK_SPOOL: spool, BATON_HOOK_BUDGET_MS: "10000" },
        timeoutMs: 180_000,
      });
      expect(run.result?.subtype, run.stderr.slice(0, 500)).toBe("success");
      // SessionStart, UserPromptSubmit, two spawns, two starts, two stops, two PostToolUse.
      expect(spooledAtRestart).toBe(10);
      if (!server) throw new Error("Baton was not started mid-session");
      const flush = await runProcess("node", [BIN, "hooks", "flush", "--json"], {
        cwd: scratch,
        env: { PATH: process.env.PATH ?? "", BATON_URL: url, BATON_HOOK_SPOOL: spool },
      });
      expect(flush.exitCode, flush.stderr).toBe(0);
      expect(JSON.parse(flush.stdout)).toMatchObject({ left: 0, busy: false });
      const sessionId = String(run.result?.session_id);
      expect(normalised(await treeOf(server.db, rootExecutionId(sessionId)))).toEqual(expectedTree(project.payloads()));
      expect(await server.db.prisma.execution.count({ where: { rootId: rootExecutionId(sessionId) } })).toBe(5);
      // Every tree event once: the spool's replay and a second flush add nothing.
      const events = await server.db.prisma.claudeCodeHookEvent.count({ where: { sessionId } });
      expect(events).toBe(20);
      const again = await runProcess("node", [BIN, "hooks", "flush", "--json"], {
        cwd: scratch,
        env: { PATH: process.env.PATH ?? "", BATON_URL: url, BATON_HOOK_SPOOL: spool },
      });
      expect(JSON.parse(again.stdout)).toMatchObject({ sent: 0, left: 0 });
      expect(await server.db.prisma.claudeCodeHookEvent.count({ where: { sessionId } })).toBe(events);
    } finally {
      await model.close();
      await server?.stop();
    }
  });
});

describe("with authentication on", () => {
  it("a hook without a token is refused and spooled, not lost; with one, the flush delivers it", {
    timeout: 120_000,
  }, async () => {
    const server = await startTestServer({ env: { BATON_AUTH: "on" } });
    const spool = join(scratch, "auth-spool.jsonl");
    try {
      const env = { PATH: process.env.PATH ?? "", BATON_URL: server.url, BATON_HOOK_SPOOL: spool };
      const payload = JSON.stringify({ session_id: "s-auth", hook_event_name: "UserPromptSubmit", prompt: "hello" });
      const r = await runProcess("node", [BIN, "hook"], { cwd: scratch, env, stdin: payload });
      expect(r.exitCode).toBe(0);
      expect(readFileSync(spool, "utf8").trim().split("\n")).toHaveLength(1);
      expect(await server.db.prisma.execution.count({ where: { id: rootExecutionId("s-auth") } })).toBe(0);

      const readOnly = (await createToken(server.db, { name: "reader", scopes: ["read"], expiresAt: null })).secret;
      const refused = await runProcess("node", [BIN, "hooks", "flush", "--json"], {
        cwd: scratch,
        env: { ...env, BATON_TOKEN: readOnly },
      });
      expect(refused.exitCode).toBe(1);
      expect(JSON.parse(refused.stdout)).toMatchObject({ sent: 0, left: 1 });

      const writer = (await createToken(server.db, { name: "hooks", scopes: ["write"], expiresAt: null })).secret;
      const flushed = await runProcess("node", [BIN, "hooks", "flush", "--json"], {
        cwd: scratch,
        env: { ...env, BATON_TOKEN: writer },
      });
      expect(flushed.exitCode, flushed.stderr).toBe(0);
      expect(JSON.parse(flushed.stdout)).toMatchObject({ sent: 1, left: 0 });
      const root = await server.db.prisma.execution.findUniqueOrThrow({ where: { id: rootExecutionId("s-auth") } });
      expect(root.inputs).toMatchObject({ prompt: "hello" });
    } finally {
      await server.stop();
    }
  });
});
