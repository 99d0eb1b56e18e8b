// Child processes for the command and claude runners. No shell (arguments reach the program as
// given), a process group of its own (so a timeout or cancellation also takes down what the program
// started), bounded stdout, and every ending — including the ones we cause — returned as a value.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import { errorMessage } from "./support.js";

export const DEFAULT_KILL_GRACE_MS = 2000;
/** stderr is only quoted in messages; its tail is kept so a chatty program cannot fill memory. */
const STDERR_KEEP_BYTES = 64 * 1024;

export type BaseEnv = Readonly<Record<string, string | undefined>>;

export interface ProcessSpec {
  command: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  /** Written to stdin, which is then closed (null: closed at once). */
  stdin: string | null;
  timeoutMs: number | null;
  /** More stdout than this stops the process. */
  maxOutputBytes: number;
  signal: AbortSignal;
  /** Between SIGTERM and SIGKILL to the process group. */
  killGraceMs?: number;
}

export type ProcessResult =
  | { status: "exited"; code: number; stdout: string; stderr: string }
  | { status: "signalled"; signal: string; stdout: string; stderr: string }
  /** It could not start, or we stopped it (timeout, cancellation, output limit): `error` says which. */
  | { status: "failed"; error: string };

export function mergeEnv(base: BaseEnv, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined) env[k] = v;
  return Object.assign(env, extra);
}

/**
 * The executable `name` would run as: a path (containing '/') is checked as is (relative to
 * `cwd`), a bare name is looked up in the PATH directories. Empty PATH entries are skipped: they
 * would mean "the current directory", which is not where anyone means to find a CLI.
 */
export async function findExecutable(name: string, pathVar: string | undefined, cwd: string): Promise<string | null> {
  const candidates = name.includes("/")
    ? [resolve(cwd, name)]
    : (pathVar ?? "")
        .split(delimiter)
        .filter((dir) => dir !== "" && isAbsolute(dir))
        .map((dir) => join(dir, name));
  for (const file of candidates) {
    try {
      await access(file, constants.X_OK);
      if ((await stat(file)).isFile()) return file;
    } catch {
      // not here: try the next directory
    }
  }
  return null;
}

async function directoryProblem(cwd: string): Promise<string | null> {
  try {
    return (await stat(cwd)).isDirectory() ? null : `working directory is not a directory: ${cwd}`;
  } catch {
    // spawn would report a missing cwd as ENOENT of the command: misleading
    return `working directory does not exist: ${cwd}`;
  }
}

function startProblem(command: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return `command not found: ${command}`;
  if (code === "EACCES") return `command is not executable: ${command}`;
  return `cannot start ${command}: ${errorMessage(e)}`;
}

/** Keeps the last `limit` bytes written to it. */
function tailBuffer(limit: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    push(chunk: Buffer) {
      chunks.push(chunk);
      size += chunk.length;
      while (chunks.length > 1 && size - (chunks[0]?.length ?? 0) >= limit) size -= chunks.shift()?.length ?? 0;
    },
    text: () => {
      const all = Buffer.concat(chunks);
      return all.subarray(Math.max(0, all.length - limit)).toString("utf8");
    },
  };
}

export async function runProcess(spec: ProcessSpec): Promise<ProcessResult> {
  if (spec.signal.aborted) return { status: "failed", error: "cancelled" };
  const cwdProblem = await directoryProblem(spec.cwd);
  if (cwdProblem) return { status: "failed", error: cwdProblem };
  const grace = spec.killGraceMs ?? DEFAULT_KILL_GRACE_MS;

  return new Promise<ProcessResult>((settle) => {
    let child: ChildProcessWithoutNullStreams;
    try {
      // detached: the child leads a new process group, so one kill(-pid) reaches its children too
      child = spawn(spec.command, [...spec.args], { cwd: spec.cwd, env: spec.env, detached: true });
    } catch (e) {
      settle({ status: "failed", error: startProblem(spec.command, e) });
      return;
    }

    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    const stderr = tailBuffer(STDERR_KEEP_BYTES);
    let stopReason: string | null = null;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let finished = false;
    let timeoutTimer: NodeJS.Timeout | undefined;
    let drainTimer: NodeJS.Timeout | undefined;
    let killTimer: NodeJS.Timeout | undefined;

    const signalGroup = (sig: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // the group is gone (or never formed): the child alone, if it is still there
        try {
          child.kill(sig);
        } catch {
          // already dead
        }
      }
    };
    const groupAlive = () => {
      if (child.pid === undefined) return false;
      try {
        process.kill(-child.pid, 0);
        return true;
      } catch {
        return false;
      }
    };

    const stop = (reason: string) => {
      if (stopReason !== null || finished) return;
      stopReason = reason;
      signalGroup("SIGTERM");
      // Outlives the settlement on purpose: members that ignore SIGTERM still get SIGKILL.
      killTimer = setTimeout(() => {
        if (groupAlive()) signalGroup("SIGKILL");
      }, grace);
      killTimer.unref();
    };

    const finish = (result: ProcessResult) => {
      if (finished) return;
      finished = true;
      clearTimeout(timeoutTimer);
      clearTimeout(drainTimer);
      spec.signal.removeEventListener("abort", onAbort);
      if (stopReason === null || !groupAlive()) clearTimeout(killTimer);
      settle(result);
    };

    const conclude = () => {
      if (stopReason !== null) return finish({ status: "failed", error: stopReason });
      const out = Buffer.concat(stdout).toString("utf8");
      if (exit?.signal) return finish({ status: "signalled", signal: exit.signal, stdout: out, stderr: stderr.text() });
      finish({ status: "exited", code: exit?.code ?? 0, stdout: out, stderr: stderr.text() });
    };

    const onAbort = () => stop("cancelled");
    spec.signal.addEventListener("abort", onAbort, { once: true });
    if (spec.timeoutMs !== null) {
      const ms = spec.timeoutMs;
      timeoutTimer = setTimeout(() => stop(`timed out after ${ms} ms`), ms);
    }

    child.stdout.on("data", (chunk: Buffer) => {
      if (stopReason !== null) return;
      stdoutBytes += chunk.length;
      if (stdoutBytes > spec.maxOutputBytes) stop(`output exceeded ${spec.maxOutputBytes} bytes`);
      else stdout.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));

    child.on("error", (e) => {
      // Only a failure to start ends the run here; later errors (a kill that raced the exit) do not.
      if (child.pid === undefined) finish({ status: "failed", error: startProblem(spec.command, e) });
    });
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      // Normally 'close' follows at once; a leftover process holding our pipes must not hold the step.
      drainTimer = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        conclude();
      }, grace);
    });
    child.on("close", () => conclude());

    // A program that never reads its input closes the pipe: EPIPE is not the step's failure.
    child.stdin.on("error", () => {});
    child.stdin.end(spec.stdin ?? undefined);
  });
}
