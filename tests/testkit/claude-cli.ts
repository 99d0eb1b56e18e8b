// Runs the real Claude Code CLI (the devDependency) offline: a temporary HOME, no non-essential
// traffic, and the model API at a local stand-in (tests/testkit/model-standin.ts). As root,
// --dangerously-skip-permissions is refused, so tools are allowed by name (--allowedTools).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CLAUDE_BIN = join(REPO_ROOT, "node_modules", ".bin", "claude");

export interface ClaudeRunOptions {
  /** The project directory the session runs in (its .claude/ is loaded). */
  cwd: string;
  prompt: string;
  /** The stand-in's URL; without one the CLI has no model and fails after system/init. */
  modelUrl?: string;
  /** Tools allowed without asking (default Agent, Task and Bash). */
  allowedTools?: string[];
  /** Extra environment (merged over the isolated one). */
  env?: Record<string, string | undefined>;
  /** A HOME to use (default a fresh temporary one, removed afterwards). */
  home?: string;
  extraArgs?: string[];
  timeoutMs?: number;
}

export interface ClaudeRun {
  /** Every stream-json message printed, in order. */
  messages: Record<string, unknown>[];
  /** The system/init message (agents, slash_commands, tools …). */
  init: Record<string, unknown> | undefined;
  /** The final result message. */
  result: Record<string, unknown> | undefined;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** An environment with nothing of this machine's Claude set-up in it. */
export function isolatedEnv(home: string, modelUrl?: string): Record<string, string> {
  const keep = ["PATH", "LANG", "TERM", "TMPDIR", "NODE_OPTIONS_UNUSED"];
  const env: Record<string, string> = {};
  for (const k of keep) if (process.env[k]) env[k] = process.env[k] as string;
  return {
    ...env,
    HOME: home,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    DISABLE_AUTOUPDATER: "1",
    ...(modelUrl ? { ANTHROPIC_BASE_URL: modelUrl, ANTHROPIC_API_KEY: "sk-ant-standin" } : {}),
  };
}

/** Runs a command with the isolated environment and collects what it prints. */
export function runProcess(
  command: string,
  args: string[],
  {
    cwd,
    env,
    timeoutMs = 120_000,
    stdin,
  }: { cwd: string; env: Record<string, string>; timeoutMs?: number; stdin?: string },
): Promise<{ exitCode: number | null; stdout: string; stderr: string; durationMs: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString("utf8");
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString("utf8");
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code, stdout, stderr, durationMs: Date.now() - started });
    });
    child.stdin.end(stdin ?? "");
  });
}

/** `claude -p <prompt> --output-format stream-json --verbose` in `cwd`; returns its messages. */
export async function runClaude(o: ClaudeRunOptions): Promise<ClaudeRun> {
  const home = o.home ?? mkdtempSync(join(tmpdir(), "baton-claude-home-"));
  try {
    const args = [
      "-p",
      o.prompt,
      "--output-format",
      "stream-json",
      "--verbose",
      "--allowedTools",
      (o.allowedTools ?? ["Agent", "Task", "Bash"]).join(" "),
      ...(o.extraArgs ?? []),
    ];
    const env = { ...isolatedEnv(home, o.modelUrl) };
    for (const [k, v] of Object.entries(o.env ?? {}))
      if (v === undefined) delete env[k];
      else env[k] = v;
    const run = await runProcess(CLAUDE_BIN, args, { cwd: o.cwd, env, timeoutMs: o.timeoutMs });
    const messages = run.stdout
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
    return {
      ...run,
      messages,
      init: messages.find((m) => m.type === "system" && m.subtype === "init"),
      result: messages.find((m) => m.type === "result"),
    };
  } finally {
    if (!o.home) rmSync(home, { recursive: true, force: true });
  }
}

/** Terminal output as plain text: escape sequences gone, all whitespace removed (the TUI spaces by cursor moves). */
const ESC = String.fromCharCode(27);
const ESCAPES = new RegExp(`${ESC}\\[[0-9;?>]*[A-Za-z]|${ESC}[78]`, "g");
export const squeezed = (s: string) => s.replace(ESCAPES, "").replace(/\s+/g, "");

/**
 * `claude doctor` in `cwd`. It is a full-screen program that needs a terminal (without one it
 * prints nothing) and waits for Enter, and its exit code is 0 even when settings are invalid: it
 * runs under `script` (a pseudo-terminal) until its first "Enter to close", then its process group
 * is killed. The output is returned squeezed (see squeezed()): "Invalid settings" → "Invalidsettings".
 */
export async function runClaudeDoctor(
  cwd: string,
  timeoutMs = 150_000,
): Promise<{ output: string; finished: boolean }> {
  const home = mkdtempSync(join(tmpdir(), "baton-claude-home-"));
  try {
    return await new Promise((resolve, reject) => {
      const child = spawn("script", ["-q", "-c", `"${CLAUDE_BIN}" doctor`, "/dev/null"], {
        cwd,
        env: isolatedEnv(home),
        stdio: ["pipe", "pipe", "pipe"],
        detached: true,
      });
      let raw = "";
      let done = false;
      const stop = (finished: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        try {
          process.kill(-(child.pid as number), "SIGKILL");
        } catch {}
        resolve({ output: squeezed(raw), finished });
      };
      const timer = setTimeout(() => stop(false), timeoutMs);
      child.stdout.on("data", (c: Buffer) => {
        raw += c.toString("utf8");
        if (squeezed(raw).includes("Entertoclose")) stop(true);
      });
      child.on("error", reject);
      child.on("close", () => stop(squeezed(raw).includes("Entertoclose")));
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
