// This repository's .claude/ as the real Claude Code CLI sees it: every agent and command file is
// loaded (system/init lists them), `claude doctor` finds nothing invalid, and the hooks in
// .claude/settings.json have the shape Claude Code accepts and run Baton's handler.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { HOOK_EVENTS } from "../../server/cli/hooks-install.js";
import { REPO_ROOT, runClaude, runClaudeDoctor } from "../testkit/claude-cli.js";

/** `.md` files under a folder, recursively ([] when it does not exist). */
function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return f.endsWith(".md") ? [path] : [];
  });
}

/** The agent's `name` from its front matter (Claude Code lists agents by it, not by file name). */
function agentName(file: string): string {
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, "utf8"))?.[1] ?? "";
  return (
    /^name:\s*(.+)$/m
      .exec(front)?.[1]
      ?.trim()
      .replace(/^["']|["']$/g, "") ?? ""
  );
}

/** `/a/b.md` under commands → `a:b`. */
const commandName = (dir: string, file: string) => relative(dir, file).replace(/\.md$/, "").split("/").join(":");

describe("the repository's .claude/ under the real Claude Code CLI", () => {
  it("loads every agent and slash command file", { timeout: 120_000 }, async () => {
    const agentsDir = join(REPO_ROOT, ".claude", "agents");
    const commandsDir = join(REPO_ROOT, ".claude", "commands");
    const agents = markdownFiles(agentsDir).map(agentName);
    const commands = markdownFiles(commandsDir).map((f) => commandName(commandsDir, f));
    expect(agents.length).toBeGreaterThan(0);
    expect(agents).not.toContain("");

    // No model: the CLI prints system/init and then fails. The repository's hooks run; their
    // events go to a spool of this test's own (port 9 refuses).
    const spoolDir = mkdtempSync(join(tmpdir(), "baton-spool-"));
    const run = await runClaude({
      cwd: REPO_ROOT,
      prompt: "x",
      env: { BATON_URL: "http://127.0.0.1:9", BATON_HOOK_SPOOL: join(spoolDir, "spool.jsonl") },
      timeoutMs: 90_000,
    }).finally(() => rmSync(spoolDir, { recursive: true, force: true }));
    const init = run.init as { agents?: string[]; slash_commands?: string[] } | undefined;
    expect(init, run.stderr.slice(0, 500)).toBeDefined();
    for (const a of agents) expect(init?.agents).toContain(a);
    for (const c of commands) expect(init?.slash_commands).toContain(c);
  });

  it("claude doctor reports nothing invalid (and does report a broken settings file)", {
    timeout: 400_000,
  }, async () => {
    // The control: a project whose settings are broken is reported, with the entry at fault.
    const bad = mkdtempSync(join(tmpdir(), "baton-doctor-bad-"));
    try {
      mkdirSync(join(bad, ".claude"), { recursive: true });
      writeFileSync(
        join(bad, ".claude", "settings.json"),
        JSON.stringify({ hooks: { PreToolUse: [{ matcher: "Agent", hooks: [{ type: "bogus" }] }] } }),
      );
      const control = await runClaudeDoctor(bad);
      expect(control.finished).toBe(true);
      expect(control.output).toContain("Invalidsettings");
      expect(control.output).toContain("hooks.PreToolUse.0.hooks.0.type");
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
    const { output, finished } = await runClaudeDoctor(REPO_ROOT);
    expect(finished).toBe(true);
    expect(output).toContain("Diagnostics");
    expect(output).not.toContain("Invalidsettings");
  });

  it("hooks every event Baton uses with its command handler, in the shape Claude Code reads", () => {
    const settings = JSON.parse(readFileSync(join(REPO_ROOT, ".claude", "settings.json"), "utf8")) as {
      hooks: Record<string, { matcher?: unknown; hooks: { type: string; command: string; timeout?: unknown }[] }[]>;
    };
    expect(Object.keys(settings.hooks).sort()).toEqual(HOOK_EVENTS.map((e) => e.event).sort());
    for (const { event, matcher } of HOOK_EVENTS) {
      const groups = settings.hooks[event] ?? [];
      expect(groups).toHaveLength(1);
      const [group] = groups;
      expect(group?.matcher).toBe(matcher);
      expect(group?.hooks).toEqual([
        { type: "command", command: 'node "$CLAUDE_PROJECT_DIR/server/cli/bin.mjs" hook', timeout: 10 },
      ]);
    }
  });
});
