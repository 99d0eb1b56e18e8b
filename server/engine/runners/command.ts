// The `command` runner: a local program speaking JSON — the step's input on stdin, its outputs on
// stdout, success by exit status. Process handling (groups, limits, kills) lives in process.ts.
import { resolve } from "node:path";
import { type CommandAllowlist, commandRefusal } from "../command-allowlist.js";
import type { Json, Runner, RunnerResult } from "../types.js";
import { type BaseEnv, mergeEnv, type ProcessResult, runProcess } from "./process.js";
import { type SecretResolver, secretResolver } from "./secrets.js";
import { excerpt, parseJson, parseSettings, runnerOf, tail } from "./support.js";

export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;

export interface CommandRunnerOptions {
  /** What children inherit, `settings.env` on top. The server passes its own environment. */
  baseEnv?: BaseEnv;
  /** Where a relative `settings.cwd` resolves (default: this process's working directory). */
  workdir?: string;
  /** Between SIGTERM and SIGKILL when a process is stopped. */
  killGraceMs?: number;
  /** BATON_COMMAND_ALLOWLIST: the executables that may start (default null: any). */
  allowlist?: CommandAllowlist;
  /** Resolves `{"$secret": …}` env values (default: from `baseEnv`). */
  secrets?: SecretResolver;
}

/** Why a program that did not succeed failed, quoting where it says so (stderr, else stdout). */
export function describeFailure(result: Exclude<ProcessResult, { status: "failed" }>, what = "exited"): string {
  const said = tail(result.stderr, 500) || tail(result.stdout, 500);
  const head = result.status === "exited" ? `${what} with code ${result.code}` : `killed by signal ${result.signal}`;
  return said ? `${head}: ${said}` : head;
}

export function commandRunner(options: CommandRunnerOptions = {}): Runner {
  const workdir = options.workdir ?? process.cwd();
  const baseEnv = options.baseEnv ?? {};
  const secrets = options.secrets ?? secretResolver({ env: baseEnv });

  async function run(invocation: Parameters<Runner["run"]>[0]): Promise<RunnerResult> {
    const parsed = parseSettings("command", invocation.agent.settings);
    if (!parsed.ok) return parsed;
    const settings = parsed.value;
    // Checked again here: the list may have changed since the agent was registered.
    const refusal = commandRefusal(settings.command, options.allowlist ?? null);
    if (refusal) return { ok: false, error: `command refused: ${refusal}` };
    const env = await secrets(settings.env);
    if (!env.ok) return env;
    const result = await runProcess({
      command: settings.command,
      args: settings.args ?? [],
      cwd: resolve(workdir, settings.cwd ?? "."),
      env: mergeEnv(baseEnv, env.value),
      stdin: JSON.stringify(invocation.input ?? null),
      timeoutMs: invocation.timeoutMs ?? settings.timeout_ms ?? null,
      maxOutputBytes: settings.max_output_bytes ?? DEFAULT_MAX_OUTPUT_BYTES,
      signal: invocation.signal,
      killGraceMs: options.killGraceMs,
    });
    if (result.status === "failed") return { ok: false, error: result.error };

    const text = result.stdout.trim();
    const outputs = text === "" ? { ok: true as const, value: null as Json } : parseJson(text);
    if (result.status === "signalled" || result.code !== 0) {
      // A failing program may still have reported something useful: keep it with the error.
      return outputs.ok && text !== ""
        ? { ok: false, error: describeFailure(result), outputs: outputs.value }
        : { ok: false, error: describeFailure(result) };
    }
    if (!outputs.ok) return { ok: false, error: `stdout is not JSON: ${excerpt(text, 200)}` };
    return { ok: true, outputs: outputs.value };
  }

  return runnerOf("command", run);
}
