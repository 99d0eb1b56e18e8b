// @ts-check
// `baton hook`: Claude Code runs it for every hook event (payload JSON on stdin) and waits for it,
// so it is plain JavaScript on Node's built-ins only (no TypeScript loader, no database client):
// it posts the event to Baton within a time budget and, when Baton cannot take it, appends it to
// a spool file that the next successful call (or `baton hooks flush`) delivers in order. It never
// prints on stdout (Claude Code reads a hook's stdout) and the caller always exits 0.
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

/** @typedef {Record<string, string | undefined>} Env */

/**
 * The hook's settings come from the session's environment (BATON_URL, BATON_TOKEN,
 * BATON_HOOK_SPOOL, BATON_HOOK_BUDGET_MS): this module is their only reader, as server/env.ts is
 * the server's, because the hook must not load the server's configuration.
 * @returns {Env}
 */
export const hookEnv = () => process.env;

/** The spool file: BATON_HOOK_SPOOL, else $XDG_STATE_HOME/baton/…, else ~/.local/state/baton/…. */
export function spoolPath(env = process.env) {
  if (env.BATON_HOOK_SPOOL) return env.BATON_HOOK_SPOOL;
  const state = env.XDG_STATE_HOME || join(env.HOME || homedir(), ".local", "state");
  return join(state, "baton", "claude-code-spool.jsonl");
}

/** Where events are posted: BATON_URL (default http://127.0.0.1:4000) + /hooks/claude-code. */
export function hookEndpoint(env = process.env) {
  return `${(env.BATON_URL || "http://127.0.0.1:4000").replace(/\/+$/, "")}/hooks/claude-code`;
}

/** Milliseconds one `baton hook` may spend talking to Baton (BATON_HOOK_BUDGET_MS, default 200). */
export function hookBudget(env = process.env) {
  const n = Number(env.BATON_HOOK_BUDGET_MS);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 60_000) : 200;
}

const LOCK_STALE_MS = 30_000;
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Posts one event line. `sent`: Baton took it (2xx); `dropped`: Baton refused it as malformed (400,
 * 413): sending it again cannot help; anything else (refused connection, timeout, 401/403, 5xx)
 * keeps it for later. Over node:http with `Connection: close` and no agent, not global fetch:
 * undici's keep-alive socket held the `baton hook` process open about a second and a half after
 * the answer, and Claude Code waits for the process, not for the answer.
 * @param {string} line @param {Env} env @param {number} timeoutMs
 * @returns {Promise<{ outcome: "sent" | "dropped" | "kept", status: number | null, error?: string }>}
 */
function post(line, env, timeoutMs) {
  return new Promise((resolve) => {
    let done = false;
    /** @param {{ outcome: "sent" | "dropped" | "kept", status: number | null, error?: string }} r */
    const finish = (r) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
    };
    /** @type {URL} */
    let url;
    try {
      url = new URL(hookEndpoint(env));
    } catch (e) {
      resolve({ outcome: "kept", status: null, error: e instanceof Error ? e.message : String(e) });
      return;
    }
    const body = Buffer.from(line, "utf8");
    const request = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = request(
      url,
      {
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/json",
          "content-length": body.length,
          connection: "close",
          ...(env.BATON_TOKEN ? { authorization: `Bearer ${env.BATON_TOKEN}` } : {}),
        },
      },
      (res) => {
        /** @type {Buffer[]} */
        const chunks = [];
        let size = 0;
        res.on("data", (c) => {
          size += c.length;
          if (size <= 4096) chunks.push(c);
        });
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString("utf8").slice(0, 300);
          if (status >= 200 && status < 300) finish({ outcome: "sent", status });
          else if (status === 400 || status === 413) finish({ outcome: "dropped", status, error: text });
          else finish({ outcome: "kept", status, error: text });
        });
        res.on("error", (e) => finish({ outcome: "kept", status: null, error: e.message }));
      },
    );
    const timer = setTimeout(
      () => {
        finish({ outcome: "kept", status: null, error: `no answer from Baton within ${timeoutMs} ms` });
        req.destroy();
      },
      Math.max(1, timeoutMs),
    );
    req.on("error", (e) => finish({ outcome: "kept", status: null, error: e.message }));
    req.end(body);
  });
}

/** Appends to a file created 0600 in a 0700 folder (the spool holds prompts). @param {string} file @param {string} text */
function appendPrivate(file, text) {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const fd = openSync(file, "a", 0o600);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** @param {string} file */
function readLines(file) {
  try {
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "");
  } catch {
    return [];
  }
}

/** The spool's lock (created exclusively; a lock older than 30 s is a crashed holder's). @param {string} spool */
function tryLock(spool) {
  const lock = `${spool}.lock`;
  mkdirSync(dirname(spool), { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      closeSync(openSync(lock, "wx", 0o600));
      return () => {
        try {
          unlinkSync(lock);
        } catch {}
      };
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) unlinkSync(lock);
        else return null;
      } catch {}
    }
  }
  return null;
}

/** Side files written while another process held the lock, oldest first. @param {string} spool */
function sideFiles(spool) {
  const dir = dirname(spool);
  const prefix = `${spool.slice(dir.length + 1)}.side-`;
  try {
    return readdirSync(dir)
      .filter((f) => f.startsWith(prefix))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** Moves side files into the spool, in order (lock held). @param {string} spool */
function absorbSideFiles(spool) {
  for (const file of sideFiles(spool)) {
    const lines = readLines(file);
    if (lines.length > 0) appendPrivate(spool, `${lines.join("\n")}\n`);
    unlinkSync(file);
  }
}

/**
 * Keeps an event for later: appended to the spool under its lock, or, when another process holds
 * the lock (it is flushing), to a side file of its own that the flusher takes in after.
 * @param {string} line @param {Env} env
 */
export async function spool(line, env = process.env) {
  const file = spoolPath(env);
  for (let i = 0; i < 10; i++) {
    const unlock = tryLock(file);
    if (unlock) {
      try {
        appendPrivate(file, `${line}\n`);
      } finally {
        unlock();
      }
      return;
    }
    await sleep(5);
  }
  const stamp = `${String(Date.now()).padStart(15, "0")}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  appendPrivate(`${file}.side-${stamp}`, `${line}\n`);
}

/**
 * Delivers the spool in order, until it is empty, Baton stops taking events, or the budget is
 * spent; what is left stays in the spool, first line first. Returns what happened; `busy` when
 * another process holds the spool (it is delivering it).
 * @param {Env} env @param {number} budgetMs
 * @returns {Promise<{ sent: number, dropped: number, left: number, busy: boolean, lastError?: string }>}
 */
export async function flushSpool(env = process.env, budgetMs = Number.POSITIVE_INFINITY) {
  const file = spoolPath(env);
  const deadline = Date.now() + budgetMs;
  const unlock = tryLock(file);
  if (!unlock) return { sent: 0, dropped: 0, left: readLines(file).length, busy: true };
  let sent = 0;
  let dropped = 0;
  /** @type {string | undefined} */
  let lastError;
  try {
    absorbSideFiles(file);
    let lines = readLines(file);
    while (lines.length > 0) {
      let i = 0;
      for (; i < lines.length; i++) {
        const left = deadline - Date.now();
        if (left <= 0) break;
        const r = await post(/** @type {string} */ (lines[i]), env, Math.min(left, 10_000));
        if (r.outcome === "kept") {
          lastError = r.status ? `HTTP ${r.status}: ${r.error ?? ""}` : r.error;
          break;
        }
        if (r.outcome === "sent") sent++;
        else {
          dropped++;
          lastError = `HTTP ${r.status}: ${r.error ?? ""}`;
        }
      }
      rewrite(file, lines.slice(i));
      if (i < lines.length) break;
      // Events kept by others while this one was sending come after what it sent.
      absorbSideFiles(file);
      lines = readLines(file);
    }
    return { sent, dropped, left: readLines(file).length, busy: false, lastError };
  } finally {
    unlock();
  }
}

/** Replaces the spool's content (lock held): written aside, then renamed over it. @param {string} file @param {string[]} lines */
function rewrite(file, lines) {
  if (lines.length === 0) {
    try {
      unlinkSync(file);
    } catch {}
    return;
  }
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    unlinkSync(tmp);
  } catch {}
  appendPrivate(tmp, `${lines.join("\n")}\n`);
  renameSync(tmp, file);
}

/**
 * Handles one hook event (the payload as Claude Code sent it): stamped with the time it was
 * captured, posted, or spooled when Baton cannot take it. A spool left by earlier calls is
 * delivered first, so events arrive in order.
 * @param {string} input @param {Env} env
 * @returns {Promise<{ outcome: "sent" | "spooled" | "dropped" | "invalid", ms: number, error?: string }>}
 */
export async function handleHook(input, env = process.env) {
  const started = Date.now();
  const budget = hookBudget(env);
  /** @type {unknown} */
  let payload;
  try {
    payload = JSON.parse(input);
  } catch {
    return { outcome: "invalid", ms: Date.now() - started, error: "the hook's stdin is not JSON" };
  }
  if (payload === null || typeof payload !== "object" || Array.isArray(payload))
    return { outcome: "invalid", ms: Date.now() - started, error: "the hook's payload is not a JSON object" };
  const line = JSON.stringify({ ...payload, baton_captured_at: new Date().toISOString() });
  const file = spoolPath(env);
  if (readLines(file).length > 0 || sideFiles(file).length > 0) {
    await spool(line, env);
    const r = await flushSpool(env, budget - (Date.now() - started));
    const outcome = r.left === 0 && !r.busy ? "sent" : "spooled";
    return { outcome, ms: Date.now() - started, ...(r.lastError ? { error: r.lastError } : {}) };
  }
  const r = await post(line, env, budget);
  if (r.outcome === "kept") await spool(line, env);
  return {
    outcome: r.outcome === "kept" ? "spooled" : r.outcome,
    ms: Date.now() - started,
    ...(r.error ? { error: r.error } : {}),
  };
}

/** Reads stdin to its end (at most 16 MB: Claude Code's payloads are far smaller). */
export function readStdin(limit = 16 * 1_048_576) {
  return new Promise((resolve) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    process.stdin.on("data", (c) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    process.stdin.on("error", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

/** `baton hook` as a process: always exit code 0; a problem is one line on stderr. */
export async function hookMain(env = process.env) {
  try {
    const input = /** @type {string} */ (await readStdin());
    const r = await handleHook(input, env);
    if (r.outcome === "invalid" || r.outcome === "dropped") process.stderr.write(`baton hook: ${r.error}\n`);
  } catch (e) {
    process.stderr.write(`baton hook: ${e instanceof Error ? e.message : String(e)}\n`);
  }
  return 0;
}
