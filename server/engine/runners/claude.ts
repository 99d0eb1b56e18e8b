// The `claude` runner: Claude Code in headless mode with one of the project's sub-agents.
//   claude -p <instruction> --output-format json --append-system-prompt <agent body>
//          [--model M] [--allowedTools A,B]        (step input: pretty JSON on stdin)
// The input goes on stdin, not in the argument: the agent files say so, and Linux caps a single
// argument at 128 KiB, which an OpenAPI document passes easily. Claude Code reads the piped text
// together with the instruction. Its reply is a JSON envelope whose `result` is the agent's answer,
// and whose usage, model and cost are recorded on the step's execution (usageOf).
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { ExecutionUsage, Json, Runner, RunnerInvocation, RunnerResult } from "../types.js";
import { isObject } from "../builtins/input.js";
import { memoriesPrompt } from "../memory.js";
import { describeFailure } from "./command.js";
import { type BaseEnv, findExecutable, mergeEnv, runProcess } from "./process.js";
import { errorMessage, excerpt, parseJson, parseSettings, runnerOf } from "./support.js";

const MAX_ENVELOPE_BYTES = 16 * 1024 * 1024;

export interface ClaudeRunnerOptions {
  baseEnv?: BaseEnv;
  /** The executable to run: a name looked up on the base env's PATH, or a path. Default `claude`. */
  claudeBin?: string;
  /** Claude Code's working directory, where agent files resolve (default: this process's). */
  workdir?: string;
  killGraceMs?: number;
}

export const notInstalled = (bin: string) =>
  `the claude CLI is not installed on this machine (looked for '${bin}'${bin.includes("/") ? "" : " on PATH"}); install Claude Code or give this step a mock runner`;

/** `ReviewAgent` → `review-agent`, the file name Claude Code sub-agents use. */
export function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
}

interface AgentFile {
  prompt: string;
  tools: string[];
  model: string | null;
}

/** The body is the system prompt; `tools` and `model` of the front matter fill unset settings. */
export function parseAgentFile(text: string): AgentFile {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  const fields = new Map<string, string>();
  for (const line of match?.[1]?.split(/\r?\n/) ?? []) {
    const kv = /^([A-Za-z_-]+):\s*(.*)$/.exec(line);
    if (kv?.[1] && kv[2] !== undefined) fields.set(kv[1], kv[2].trim());
  }
  const tools = (fields.get("tools") ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
  const model = fields.get("model");
  return {
    prompt: (match ? text.slice(match[0].length) : text).trim(),
    tools,
    model: model && model !== "inherit" ? model : null,
  };
}

function instruction(invocation: RunnerInvocation): string {
  return [
    `You are running as the Baton agent '${invocation.agent.name}' (run ${invocation.runId}, step ${invocation.stepId}, attempt ${invocation.attempt}).`,
    "The step's input is the JSON document given with this message. Do the work your agent instructions describe.",
    "Answer with exactly one JSON object as your final message, with no text after it.",
  ].join(" ");
}

/** The agent's answer: JSON as a whole, else its last ```json block, else its last {...}; else `{ text }`. */
export function parseAnswer(text: string): Json {
  const whole = parseJson(text.trim());
  if (whole.ok) return whole.value;
  const fences = [...text.matchAll(/```(?:json)?\s*\n([\s\S]*?)\n\s*```/g)];
  const fenced = fences.at(-1)?.[1];
  if (fenced !== undefined) {
    const parsed = parseJson(fenced);
    if (parsed.ok) return parsed.value;
  }
  const end = text.lastIndexOf("}");
  for (let start = text.indexOf("{"); start !== -1 && start < end; start = text.indexOf("{", start + 1)) {
    const parsed = parseJson(text.slice(start, end + 1));
    if (parsed.ok) return parsed.value;
  }
  return { text };
}

const record = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const count = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : null);
const sum = (values: (number | null)[]) =>
  values.some((v) => v !== null) ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : null;

/**
 * What a call used, from Claude Code's result envelope (`--output-format json`, or the `result`
 * message of stream-json): `modelUsage` (per model, every API call of the session, sub-agents
 * included) when present, else `usage`. Input tokens are input + cache-creation + cache-read
 * tokens: every token the model read. The model is the one with most output tokens in
 * `modelUsage` (a session may call a small model besides), else the one asked for. Cost is
 * `total_cost_usd`, Claude Code's own price of the session. Undefined when the envelope has none.
 */
export function usageOf(body: Record<string, unknown>, asked: string | null): ExecutionUsage | undefined {
  const cost =
    typeof body.total_cost_usd === "number" && Number.isFinite(body.total_cost_usd) && body.total_cost_usd >= 0
      ? body.total_cost_usd
      : null;
  const perModel = record(body.modelUsage)
    ? Object.entries(body.modelUsage).filter((e): e is [string, Record<string, unknown>] => record(e[1]))
    : [];
  let inputTokens: number | null;
  let outputTokens: number | null;
  let model = asked;
  if (perModel.length > 0) {
    inputTokens = sum(
      perModel.flatMap(([, u]) => [
        count(u.inputTokens),
        count(u.cacheCreationInputTokens),
        count(u.cacheReadInputTokens),
      ]),
    );
    outputTokens = sum(perModel.map(([, u]) => count(u.outputTokens)));
    model = perModel.reduce((best, e) =>
      (count(e[1].outputTokens) ?? 0) > (count(best[1].outputTokens) ?? 0) ? e : best,
    )[0];
  } else if (record(body.usage)) {
    const u = body.usage;
    inputTokens = sum([count(u.input_tokens), count(u.cache_creation_input_tokens), count(u.cache_read_input_tokens)]);
    outputTokens = count(u.output_tokens);
  } else {
    inputTokens = null;
    outputTokens = null;
  }
  if (inputTokens === null && outputTokens === null && cost === null) return undefined;
  return { model, inputTokens, outputTokens, costUsd: cost };
}

export function claudeRunner(options: ClaudeRunnerOptions = {}): Runner {
  const workdir = options.workdir ?? process.cwd();
  const baseEnv = options.baseEnv ?? {};
  const bin = options.claudeBin ?? "claude";

  async function run(invocation: RunnerInvocation): Promise<RunnerResult> {
    const parsed = parseSettings("claude", invocation.agent.settings);
    if (!parsed.ok) return parsed;
    const settings = parsed.value;
    // Looked up per call: installing Claude Code must not need a Baton restart.
    const executable = await findExecutable(bin, baseEnv.PATH, workdir);
    if (!executable) return { ok: false, error: notInstalled(bin) };

    const agentFile = resolve(workdir, settings.agent_file ?? `.claude/agents/${kebab(invocation.agent.name)}.md`);
    let agent: AgentFile;
    try {
      agent = parseAgentFile(await readFile(agentFile, "utf8"));
    } catch (e) {
      return { ok: false, error: `cannot read the agent file ${agentFile}: ${errorMessage(e)}` };
    }
    const tools = settings.allowed_tools ?? agent.tools;
    const model = settings.model ?? agent.model;
    // The step's Serena memories (context_memories) follow the agent's own instructions.
    const systemPrompt = [agent.prompt, memoriesPrompt(invocation.memories ?? {})].filter((p) => p !== "").join("\n\n");
    const args = [
      "-p",
      instruction(invocation),
      "--output-format",
      "json",
      ...(systemPrompt ? ["--append-system-prompt", systemPrompt] : []),
      ...(model ? ["--model", model] : []),
      // Last: --allowedTools takes a variadic list and would swallow what followed it.
      ...(tools.length > 0 ? ["--allowedTools", tools.join(",")] : []),
    ];

    const result = await runProcess({
      command: executable,
      args,
      cwd: workdir,
      env: mergeEnv(baseEnv),
      stdin: JSON.stringify(invocation.input ?? null, null, 2),
      timeoutMs: invocation.timeoutMs ?? settings.timeout_ms ?? null,
      maxOutputBytes: MAX_ENVELOPE_BYTES,
      signal: invocation.signal,
      killGraceMs: options.killGraceMs,
    });
    if (result.status === "failed") return { ok: false, error: result.error };

    // The envelope comes on stdout even when Claude Code fails (is_error); prefer what it says.
    const envelope = parseJson(result.stdout.trim());
    const body = envelope.ok && isObject(envelope.value) ? envelope.value : null;
    // A failed call may have used tokens too: its usage is recorded either way.
    const usage = body ? usageOf(body, model) : undefined;
    const used = usage ? { usage } : {};
    const failed = result.status === "signalled" || result.code !== 0;
    if (body && (body.is_error === true || (typeof body.subtype === "string" && body.subtype !== "success"))) {
      const kind = typeof body.subtype === "string" ? body.subtype : "an error";
      const said = typeof body.result === "string" ? `: ${excerpt(body.result, 500)}` : "";
      return { ok: false, error: `claude reported ${kind}${said}`, ...used };
    }
    if (failed) return { ok: false, error: `claude ${describeFailure(result)}`, ...used };
    if (typeof body?.result !== "string")
      return { ok: false, error: `claude printed no JSON envelope with a result: ${excerpt(result.stdout, 200)}` };
    return { ok: true, outputs: parseAnswer(body.result), ...used };
  }

  return runnerOf("claude", run);
}
