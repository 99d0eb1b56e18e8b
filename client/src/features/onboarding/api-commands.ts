// The exact commands that put data into this Baton, for the home page and the empty states: curl
// against the address the dashboard was served from (so the port is the server's), with the bearer
// header when the server asks for tokens (docs/security.md), and the CLI commands of the README.

export interface ApiTarget {
  /** The server's origin, e.g. http://127.0.0.1:4000. */
  url: string;
  /** Whether the server asks for API tokens (then commands send $BATON_TOKEN). */
  auth: boolean;
}

/** One shell word: single quotes, a quote inside written as '\''. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function curlPost(t: ApiTarget, path: string, body: unknown): string {
  const auth = t.auth ? ` -H "authorization: Bearer $BATON_TOKEN"` : "";
  return `curl -X POST ${t.url}${path} -H 'content-type: application/json'${auth} -d ${shellQuote(JSON.stringify(body))}`;
}

/** Records one finished execution of `agent` (a handoff tree of one), timestamped now. */
export function recordExecutionCommand(t: ApiTarget, agent = "TestAgent"): string {
  return curlPost(t, "/executions", {
    agent_name: agent,
    status: "success",
    duration_ms: 1200,
    inputs: { task: "hello from curl" },
  });
}

/**
 * Records a handoff tree of two in one batch: TestAgent hands work to CodeAgent. The ids come from
 * the shell (`$ID`, the time in nanoseconds), so the same command records a new tree each time.
 */
export function recordTreeCommand(t: ApiTarget): string {
  const tree = [
    { id: "__ID__", agent_name: "TestAgent", status: "success", duration_ms: 3000 },
    { agent_name: "CodeAgent", status: "success", duration_ms: 1500, parent_execution_id: "__ID__" },
  ];
  // The id sits outside the single quotes, where the shell expands it.
  return `ID=tree-$(date +%s%N); ${curlPost(t, "/executions", tree).replaceAll("__ID__", "'\"$ID\"'")}`;
}

/** Registers a mock agent (scripted outputs: no program runs); no patterns, so it works unseeded. */
export function registerAgentCommand(t: ApiTarget, name = "HelloAgent"): string {
  return curlPost(t, "/agents", {
    name,
    capabilities: ["testing"],
    runner: { kind: "mock", settings: { latency_ms: 200 } },
  });
}

/** Starts a run of the seeded TDD cycle (its agents are mocked in the template). */
export function runWorkflowCommand(t: ApiTarget, workflow = "tdd-cycle"): string {
  return curlPost(t, `/workflows/${encodeURIComponent(workflow)}/execute`, { task: "GET /health answers ok" });
}

/** Adds Baton's Claude Code hook to a repository, pointed at this server (run in Baton's folder). */
export function hooksInstallCommand(t: ApiTarget): string {
  return `npm run baton -- hooks install /path/to/your/repo --url ${t.url}`;
}

/** The token a script needs when the server asks for one. */
export function tokenCommand(scope: "write" | "run"): string {
  return `npm run baton -- tokens create --name my-script --scope ${scope}`;
}

/** Re-seeds the agents, patterns and workflow templates (idempotent; run in Baton's folder). */
export const SEED_COMMAND = "npm run seed";
