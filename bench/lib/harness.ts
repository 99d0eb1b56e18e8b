// Shared helpers for agents-throughput, startup and run: loopback-only HTTP probes, child servers, stats and tables.
import { type ChildProcess, spawn } from "node:child_process";
import { request } from "node:http";
import { createServer } from "node:net";
import { availableParallelism, cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Benches only ever target the loopback interface. */
export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (host !== "127.0.0.1") throw new Error(`bench refuses non-loopback target ${url}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port that was free a moment ago (the OS picks it; a tiny race with other processes is possible). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Probe {
  method?: "GET" | "POST";
  body?: string;
  headers?: Record<string, string>;
}

/** One request without keep-alive; resolves with the status and body, rejects on error or timeout. */
export function httpOnce(url: string, probe: Probe = {}, timeoutMs = 2000): Promise<{ status: number; body: string }> {
  assertLoopback(url);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: probe.method ?? "GET", headers: probe.headers, agent: false, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no response within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(probe.body);
  });
}

/**
 * Polls `url` every `intervalMs` until it answers 200; returns the time of that answer
 * (performance.now()). Bounded by `timeoutMs`, and by `child` exiting.
 */
export async function pollUntil200(
  url: string,
  {
    intervalMs = 20,
    timeoutMs = 60_000,
    child,
  }: { intervalMs?: number; timeoutMs?: number; child?: ChildProcess } = {},
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  const maxAttempts = Math.ceil(timeoutMs / intervalMs) + 1;
  for (let attempt = 0; attempt < maxAttempts && performance.now() < deadline; attempt++) {
    if (child && child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} before answering`);
    const ok = await httpOnce(url, {}, 1000).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return performance.now();
    await sleep(intervalMs);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/** Spawns `node --import tsx <args>` in the repo root. */
export function spawnNode(args: string[], env: Record<string, string>): ChildProcess {
  const base = { ...process.env };
  // Settings the child must not inherit from the caller's shell.
  for (const k of ["PORT", "HOST", "DATABASE_URL", "BATON_SEED", "LOG_LEVEL", "NODE_ENV", "REDIS_URL"]) delete base[k];
  return spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: root,
    env: { ...base, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
}

/** Sends SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Spawns a bench/serve-*.ts script and waits for its `READY <url>` line. */
export async function spawnServer(
  script: string,
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawnNode([join(root, "bench", script)], env);
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => reject(new Error(`${script} not ready within ${timeoutMs} ms`)), timeoutMs);
    child.stdout?.setEncoding("utf8");
    child.stdout?.on("data", (chunk: string) => {
      buffered += chunk;
      const m = /^READY (\S+)$/m.exec(buffered);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with code ${code} before it was ready`));
    });
  }).catch(async (e: unknown) => {
    await stopChild(child);
    throw e;
  });
  assertLoopback(url);
  return { url, child };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? Number.NaN) + (s[mid] ?? Number.NaN)) / 2;
}

/** The nearest-rank quantile (q in 0..1) of `xs`. */
export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
}

/** Records executions through `POST /executions`, `batch` rows a request; throws on anything but 201. */
export async function postExecutions(url: string, rows: unknown[], batch = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) {
    const res = await fetch(`${url}/executions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(rows.slice(i, i + batch)),
      signal: AbortSignal.timeout(60_000),
    });
    if (res.status !== 201) throw new Error(`POST /executions: ${res.status} ${await res.text()}`);
  }
}

/** Runs `fn` once to warm up, then `runs` times; the durations in ms. */
export async function timeRuns(fn: () => unknown, runs: number): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** A plain-text table: the first row is the header; columns are right-aligned except those in `left`. */
export function table(rows: string[][], left: number[] = [0]): string {
  const widths: number[] = [];
  for (const row of rows) for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  const line = (row: string[]) =>
    row
      .map((cell, i) => (left.includes(i) ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  const [head, ...body] = rows;
  return [line(head ?? []), rule, ...body.map(line)].join("\n");
}

export function machine(): string {
  return `node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} cores (${cpus()[0]?.model ?? "unknown cpu"}), load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} at start (other processes share the machine)`;
}
