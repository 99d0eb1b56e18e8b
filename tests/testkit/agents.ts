// Real agents for tests: separate processes speaking the runner protocols (process-agent.mjs), registered
// in a running Baton. `http` agents are long-lived servers this helper starts (one process each) and stops;
// `command` agents are programs Baton itself starts for every call (stdin → stdout). The mock runner stays
// for deterministic timing and failure scripts; these are for "does it work with real processes".
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { agentBody, uniqueName } from "./factories.js";
import type { RestClient } from "./rest.js";

export const PROCESS_AGENT = fileURLToPath(new URL("./process-agent.mjs", import.meta.url));

/** What a process agent computes (process-agent.mjs documents each). */
export type AgentRole = "echo" | "plan" | "square" | "sum" | "tester" | "coder" | "reviewer" | "fail";
export type AgentProtocol = "http" | "command";

export interface AgentSpec {
  protocol: AgentProtocol;
  role: AgentRole;
  /** Name prefix (a unique suffix is added); default the role, capitalised. */
  prefix?: string;
  inputSchema?: unknown;
  outputSchema?: unknown;
}

export interface ProcessAgent {
  /** Its registered name (also what it reports as `agent`). */
  name: string;
  protocol: AgentProtocol;
  role: AgentRole;
  /** The http agent's process id (command agents get a new process per call: null). */
  pid: number | null;
  /** The http agent's URL. */
  url: string | null;
}

export interface AgentFleet {
  agents: ProcessAgent[];
  /** Stops every http agent's process (and waits for it to exit). */
  close(): Promise<void>;
}

/** The command runner settings that run `role` as `name` (a new process per call). */
export const commandRunner = (role: AgentRole, name: string) => ({
  kind: "command",
  settings: { command: process.execPath, args: [PROCESS_AGENT, "command", role, name], timeout_ms: 20_000 },
});

/** Starts one http agent process; resolves once it listens, with its port. */
async function startHttpAgent(role: AgentRole, name: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [PROCESS_AGENT, "http", role, name], { stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr?.on("data", (c: Buffer) => (err += c.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`http agent ${name} did not listen in 10 s: ${err}`)), 10_000);
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const line = out.split("\n")[0];
      if (out.includes("\n") && line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { port: number }).port);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`http agent ${name} exited (${code}) before listening: ${err}`));
    });
  });
  return { child, url: `http://127.0.0.1:${port}/agent` };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts and registers one agent per spec (no retries, so a failure shows at once), in order. On any
 * failure the processes already started are stopped before the error is thrown.
 */
export async function spawnAgents(api: RestClient, specs: AgentSpec[]): Promise<AgentFleet> {
  const children: ChildProcess[] = [];
  const close = async () => {
    await Promise.all(children.map(stop));
  };
  try {
    const agents: ProcessAgent[] = [];
    for (const spec of specs) {
      const prefix = spec.prefix ?? `${spec.role[0]?.toUpperCase()}${spec.role.slice(1)}`;
      const name = uniqueName(`${prefix}${spec.protocol === "http" ? "Http" : "Cmd"}`);
      let runner: { kind: string; settings: unknown } = commandRunner(spec.role, name);
      let pid: number | null = null;
      let url: string | null = null;
      if (spec.protocol === "http") {
        const started = await startHttpAgent(spec.role, name);
        children.push(started.child);
        pid = started.child.pid ?? null;
        url = started.url;
        runner = { kind: "http", settings: { url, timeout_ms: 20_000 } };
      }
      const res = await api.post<{ name: string }>("/agents", {
        ...agentBody({ name, runner }),
        retry_policy: { max_retries: 0, backoff: "fixed", initial_delay_ms: 0, max_delay_ms: 0 },
        ...(spec.inputSchema ? { input_schema: spec.inputSchema } : {}),
        ...(spec.outputSchema ? { output_schema: spec.outputSchema } : {}),
      });
      if (res.status !== 201) throw new Error(`POST /agents ${name}: ${res.status} ${res.text}`);
      agents.push({ name, protocol: spec.protocol, role: spec.role, pid, url });
    }
    return { agents, close };
  } catch (e) {
    await close();
    throw e;
  }
}
