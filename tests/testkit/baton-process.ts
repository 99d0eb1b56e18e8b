// A Baton in a process of its own (`node --import tsx server/main.ts`), for tests that need
// several instances: `const a = await spawnBaton({ DATABASE_URL, REDIS_URL })` → { url, stop }.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
/**
 * Instances spawned by one test file share a Redis channel prefix; test files running at the same
 * time in other workers (another module instance) get another, so their events never cross.
 */
const redisPrefix = `baton-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}:`;

export interface BatonProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
}

export async function spawnBaton(env: Record<string, string>, timeoutMs = 60_000): Promise<BatonProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      NODE_ENV: "test",
      BATON_REDIS_PREFIX: redisPrefix,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(killer);
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Baton did not start in ${timeoutMs} ms:\n${out}`)), timeoutMs);
      const onData = () => {
        const m = /Baton listening on (http:\/\/\S+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout?.on("data", onData);
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Baton exited (${code ?? signal}) before listening:\n${out}`));
      });
    });
    return { url, child, output: () => out, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function ping(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 2_000,
  });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/**
 * True when Redis answers at 127.0.0.1:6379, starting a throwaway redis-server there first if
 * it does not (as CI does); false only when neither works.
 */
export async function ensureLocalRedis(url = "redis://127.0.0.1:6379"): Promise<boolean> {
  if (await ping(url)) return true;
  spawnSync(
    "redis-server",
    [
      "--daemonize",
      "yes",
      "--bind",
      "127.0.0.1",
      "-::1",
      "--port",
      "6379",
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      "/var/lib/redis",
      "--logfile",
      "/var/log/redis/ci.log",
    ],
    { stdio: "ignore", timeout: 10_000 },
  );
  for (let i = 0; i < 20; i++) {
    if (await ping(url)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}
