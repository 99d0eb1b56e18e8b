// `/test-parallel api engine unit` under the real Claude Code CLI, offline against the model
// stand-in, on a copy of tests/fixtures/test-repo (three suites, engine with a failing test). The
// stand-in only plays the model: it says which tools to call, with the commands the repository's
// .claude/commands/test-parallel.md and .claude/agents/test-parallel-agent.md tell the model to run;
// Claude Code runs them (`npx --no-install baton …`: real vitest runs with v8 coverage) and spawns
// the sub-agents. The figures asserted are the fixture's own and, for coverage, what
// istanbul-lib-coverage makes of the three suites' coverage maps merged here independently.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLAUDE_BIN, type ClaudeRun, REPO_ROOT, runClaude } from "../testkit/claude-cli.js";
import { batonBin, copyFixtureRepo, type FixtureRepo, istanbulTotals } from "../testkit/fixture-repo.js";
import {
  type Block,
  is,
  type ModelRequest,
  type ModelStandIn,
  spawn,
  startModelStandIn,
  text,
  toolUse,
} from "../testkit/model-standin.js";

const SUITES = ["api", "engine", "unit"] as const;
const resultFile = (suite: string) => `coverage/baton/results/${suite}.json`;
// The commands, as the command and agent files spell them (the Bash tool's `timeout` is what a model
// passes for a run that "can take minutes": the default two minutes is short on a busy machine).
const LIST = "npx --no-install baton test list --json";
const suiteCommand = (suite: string) => `npx --no-install baton test suite ${suite} --json --out ${resultFile(suite)}`;
const MERGE = `npx --no-install baton test merge ${SUITES.map(resultFile).join(" ")}`;
const LONG = 600_000;

/**
 * The JSON object `baton test suite --json` printed, out of a Bash tool result: Claude Code gives
 * stdout and stderr together (vitest's report, with braces of its own, is on stderr) and puts
 * "Exit code 1" first when the command failed. The object starts on a line of its own.
 */
function jsonIn(output: string): string {
  const lines = output.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== "{") continue;
    const end = lines.lastIndexOf("}");
    const candidate = lines.slice(i, end + 1).join("\n");
    try {
      return JSON.stringify(JSON.parse(candidate), null, 2);
    } catch {}
  }
  return output;
}
const resultText = (req: ModelRequest, id: string) => req.results.get(id)?.text ?? "";

/** The main thread: list, three sub-agents in one message, merge, answer with the report. */
const main = {
  match: is.main,
  turns: [
    [toolUse("Bash", { command: LIST, description: "List the suites" }, "toolu_list")],
    SUITES.map((s) =>
      spawn(
        "test-parallel-agent",
        `Run suite ${s}. Write its result to ${resultFile(s)}.`,
        `Run suite ${s}`,
        `toolu_spawn_${s}`,
      ),
    ),
    [toolUse("Bash", { command: MERGE, description: "Merge the suites", timeout: LONG }, "toolu_merge")],
    (req: ModelRequest): Block[] => {
      const report = resultText(req, "toolu_merge").replace(/^Exit code 1\n/, "");
      return [text(`${report.trimEnd()}\n\nFAILED: engine`)];
    },
  ],
};

/** One sub-agent per suite, known by its prompt and by the agent file's body in its system prompt. */
const sub = (suite: string) => ({
  match: (req: ModelRequest) =>
    is.subPrompt(`Run suite ${suite}.`)(req) && is.subSystem("You run exactly one test suite")(req),
  turns: [
    [
      toolUse(
        "Bash",
        { command: suiteCommand(suite), description: `Run suite ${suite}`, timeout: LONG },
        `toolu_suite_${suite}`,
      ),
    ],
    (req: ModelRequest): Block[] => [text(jsonIn(resultText(req, `toolu_suite_${suite}`)))],
  ],
});

interface Content {
  type: string;
  id?: string;
  name?: string;
  input?: Record<string, unknown>;
  tool_use_id?: string;
  content?: unknown;
  is_error?: boolean;
}
interface StreamMessage {
  type: string;
  parent_tool_use_id?: string | null;
  message?: { id?: string; content?: Content[] | string };
}

const blocks = (run: ClaudeRun) =>
  (run.messages as unknown as StreamMessage[]).flatMap((m) =>
    Array.isArray(m.message?.content)
      ? m.message.content.map((c) => ({ ...c, role: m.type, parent: m.parent_tool_use_id ?? null, msg: m.message?.id }))
      : [],
  );
const contentText = (c: unknown): string =>
  typeof c === "string" ? c : Array.isArray(c) ? c.map((x: { text?: string }) => x?.text ?? "").join("\n") : "";

let repo: FixtureRepo;
let scratch: string;
let model: ModelStandIn;
let run: ClaudeRun;

beforeAll(async () => {
  expect(existsSync(CLAUDE_BIN)).toBe(true);
  repo = copyFixtureRepo();
  scratch = mkdtempSync(join(tmpdir(), "baton-claude-tp-"));
  // The repository's command and agent files, as a team using /test-parallel has them, and a
  // recorder of SubagentStop payloads (each sub-agent's end as Claude Code reports it).
  mkdirSync(join(repo.dir, ".claude", "commands"), { recursive: true });
  mkdirSync(join(repo.dir, ".claude", "agents"), { recursive: true });
  for (const f of ["commands/test-parallel.md", "agents/test-parallel-agent.md"])
    copyFileSync(join(REPO_ROOT, ".claude", f), join(repo.dir, ".claude", f));
  // `npx --no-install baton` finds the bin as in a repository that installed Baton. Without the link
  // npx would look in the nearest folder with a node_modules, which is the copy itself as soon as
  // vitest writes its cache there (node_modules/.vite) while the other suites are starting.
  mkdirSync(join(repo.dir, "node_modules", ".bin"), { recursive: true });
  symlinkSync(batonBin, join(repo.dir, "node_modules", ".bin", "baton"));
  // One file per payload: the three hooks may run at the same moment.
  const stops = join(scratch, "subagent-stops");
  mkdirSync(stops);
  writeFileSync(
    join(repo.dir, ".claude", "settings.json"),
    JSON.stringify({
      hooks: { SubagentStop: [{ hooks: [{ type: "command", command: `cat > "$(mktemp '${stops}/stop-XXXXXX')"` }] }] },
    }),
  );
  model = await startModelStandIn([main, ...SUITES.map(sub)]);
  run = await runClaude({
    cwd: repo.dir,
    prompt: `/test-parallel ${SUITES.join(" ")}`,
    modelUrl: model.url,
    allowedTools: ["Agent", "Task", "Bash", "Read"],
    // The checkout's own hooks (Claude Code finds its .claude/ too) report to nothing here.
    env: { BATON_URL: "http://127.0.0.1:9", BATON_HOOK_SPOOL: join(scratch, "spool.jsonl") },
    timeoutMs: 900_000,
  });
}, 960_000);
afterAll(async () => {
  await model?.close();
  repo?.remove();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("/test-parallel under the real Claude Code CLI", () => {
  it("expands the command with its arguments and spawns three test-parallel-agents in one message", () => {
    expect(run.result?.subtype, run.stderr.slice(0, 2000)).toBe("success");
    expect(run.result?.is_error).toBe(false);
    // The main thread's prompt is the command file with $ARGUMENTS filled in.
    expect(model.seen[0]?.prompt).toContain("Suites requested: `api engine unit`");
    const all = blocks(run);
    const spawns = all.filter((b) => b.type === "tool_use" && b.name === "Agent" && b.parent === null);
    expect(spawns.map((b) => b.input?.subagent_type)).toEqual(SUITES.map(() => "test-parallel-agent"));
    // One assistant message (Claude Code streams each block separately, under the message's id).
    expect(new Set(spawns.map((b) => b.msg)).size).toBe(1);
    // In parallel: every sub-agent asked the model for its first turn before any had its suite's
    // result, which a one-after-the-other run cannot do.
    const subRequests = model.requests.filter((r) => r.agentId !== null && r.path === "/v1/messages");
    const firstAnswer = subRequests.findIndex((r) => r.turn === 1);
    const startedBefore = new Set(
      subRequests
        .slice(0, firstAnswer)
        .filter((r) => r.turn === 0)
        .map((r) => r.agentId),
    );
    expect(startedBefore.size).toBe(3);
    // Claude Code's own account of its tasks: the three sub-agents started before any of them
    // completed, and all three completed.
    const tasks = (run.messages as { type: string; subtype?: string; task_type?: string; task_id?: string }[]).filter(
      (m) => m.type === "system" && (m.subtype === "task_started" || m.subtype === "task_notification"),
    );
    const agentTasks = new Set(tasks.filter((t) => t.task_type === "local_agent").map((t) => t.task_id));
    expect(agentTasks.size).toBe(3);
    const lifecycle = tasks
      .filter((t) => agentTasks.has(t.task_id))
      .map((t) => [t.subtype, (t as { subagent_type?: string }).subagent_type ?? (t as { status?: string }).status]);
    expect(lifecycle).toEqual([
      ...SUITES.map(() => ["task_started", "test-parallel-agent"]),
      ...SUITES.map(() => ["task_notification", "completed"]),
    ]);
    const stopsDir = join(scratch, "subagent-stops");
    const stops = readdirSync(stopsDir).map(
      (f) =>
        JSON.parse(readFileSync(join(stopsDir, f), "utf8")) as { agent_type: string; last_assistant_message: string },
    );
    expect(stops.map((s) => s.agent_type)).toEqual(SUITES.map(() => "test-parallel-agent"));
    // Each sub-agent's last message is its suite's JSON result, exactly as the file it wrote.
    const lastBySuite = Object.fromEntries(
      stops.map((s) => {
        const r = JSON.parse(s.last_assistant_message) as { suite: string };
        return [r.suite, r];
      }),
    );
    for (const s of SUITES)
      expect(lastBySuite[s]).toEqual(JSON.parse(readFileSync(join(repo.dir, resultFile(s)), "utf8")));
  });

  it("each sub-agent ran its suite through `baton test suite` with the fixture's exact counts", () => {
    const all = blocks(run);
    for (const s of SUITES) {
      const calls = all.filter((b) => b.type === "tool_use" && b.parent === `toolu_spawn_${s}`);
      expect(calls.map((b) => [b.name, b.input?.command])).toEqual([["Bash", suiteCommand(s)]]);
      const result = all.find((b) => b.type === "tool_result" && b.tool_use_id === `toolu_suite_${s}`);
      expect(result?.is_error === true).toBe(s === "engine");
    }
    const counts = SUITES.map((s) => {
      const r = JSON.parse(readFileSync(join(repo.dir, resultFile(s)), "utf8"));
      return [r.suite, r.status, r.passed, r.failed, r.skipped];
    });
    expect(counts).toEqual([
      ["api", "passed", 3, 0, 0],
      ["engine", "failed", 2, 1, 0],
      ["unit", "passed", 2, 0, 1],
    ]);
  });

  it("the main thread merges with `baton test merge`: exact totals, the failing test, istanbul's merged coverage", () => {
    const all = blocks(run);
    const merge = all.find((b) => b.type === "tool_use" && b.id === "toolu_merge");
    expect(merge?.input?.command).toBe(MERGE);
    const result = all.find((b) => b.type === "tool_result" && b.tool_use_id === "toolu_merge");
    // Exit code 1: a suite failed.
    expect(result?.is_error).toBe(true);
    const report = contentText(result?.content);
    const durations = SUITES.map(
      (s) => JSON.parse(readFileSync(join(repo.dir, resultFile(s)), "utf8")).duration_ms as number,
    );
    expect(report).toContain("# Test report: FAILED");
    expect(report).toContain(
      `3 suites: 7 passed, 1 failed, 1 skipped (${(durations.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s of suite time).`,
    );
    expect(report).toContain("| engine | failed | 2 | 1 | 0 |");
    expect(report).toContain("| api | passed | 3 | 0 | 0 |");
    expect(report).toContain("| unit | passed | 2 | 0 | 1 |");
    expect(report).toContain("- **engine** · `tests/engine/text.test.ts:15` · text > initials of one word");
    expect(report).toContain("expected 'G' to be 'GH'");
    const c = istanbulTotals(SUITES.map((s) => join(repo.dir, "coverage/baton", s, "coverage-final.json")));
    const coverageLine = `Coverage merged from every suite's coverage map: lines ${c.lines.pct}% (${c.lines.covered}/${c.lines.total}), branches ${c.branches.pct}%, functions ${c.functions.pct}%, statements ${c.statements.pct}%.`;
    expect(report).toContain(coverageLine);
    // The session's answer is that report, then the verdict.
    const answer = String(run.result?.result);
    for (const line of [
      "3 suites: 7 passed, 1 failed, 1 skipped",
      "- **engine** · `tests/engine/text.test.ts:15` · text > initials of one word",
      coverageLine,
    ])
      expect(answer).toContain(line);
    expect(answer.trimEnd().endsWith("FAILED: engine")).toBe(true);
  });
});
