// Claude Code hook payloads shaped as the real CLI sends them (captured from 2.1.197 with the
// model stand-in), and the handoff tree Baton holds for a session, for comparisons.
import type { Database } from "../../server/db.js";

export type Payload = Record<string, unknown>;

/**
 * A session whose main thread spawns two `worker`s in parallel (A, B) and then a `nester` that
 * spawns a nested `worker`, in the order Claude Code fires the events. Each payload is stamped
 * `baton_captured_at` = base + its offset (ms), so durations are known exactly.
 */
export function parallelAndNestedSession(sessionId: string, cwd: string, base: Date): Payload[] {
  const t = (ms: number) => new Date(base.getTime() + ms).toISOString();
  const common = { session_id: sessionId, transcript_path: `/tmp/${sessionId}.jsonl`, cwd, permission_mode: "default" };
  const spawnInput = (type: string, prompt: string) => ({ subagent_type: type, description: prompt, prompt });
  const response = (agentId: string, type: string, text: string, ms: number) => ({
    status: "completed",
    prompt: "",
    agentId,
    agentType: type,
    content: [{ type: "text", text }],
    resolvedModel: "claude-standin-1",
    totalDurationMs: ms,
    totalTokens: 120,
    totalToolUseCount: 0,
    usage: { input_tokens: 100, output_tokens: 20 },
  });
  const ev = (at: number, hook_event_name: string, rest: Payload = {}): Payload => ({
    ...common,
    hook_event_name,
    ...rest,
    baton_captured_at: t(at),
  });
  return [
    ev(0, "SessionStart", { source: "startup" }),
    ev(10, "UserPromptSubmit", { prompt: "go" }),
    ev(20, "PreToolUse", { tool_name: "Agent", tool_use_id: "tu_A", tool_input: spawnInput("worker", "task A") }),
    ev(25, "PreToolUse", { tool_name: "Agent", tool_use_id: "tu_B", tool_input: spawnInput("worker", "task B") }),
    ev(30, "SubagentStart", { agent_id: "agA", agent_type: "worker" }),
    ev(31, "SubagentStart", { agent_id: "agB", agent_type: "worker" }),
    ev(400, "SubagentStop", {
      agent_id: "agB",
      agent_type: "worker",
      agent_transcript_path: "/tmp/agB.jsonl",
      last_assistant_message: "B finished",
    }),
    ev(420, "PostToolUse", {
      tool_name: "Agent",
      tool_use_id: "tu_B",
      tool_input: spawnInput("worker", "task B"),
      tool_response: response("agB", "worker", "B finished", 390),
      duration_ms: 395,
    }),
    ev(800, "SubagentStop", {
      agent_id: "agA",
      agent_type: "worker",
      agent_transcript_path: "/tmp/agA.jsonl",
      last_assistant_message: "A finished",
    }),
    ev(880, "PostToolUse", {
      tool_name: "Agent",
      tool_use_id: "tu_A",
      tool_input: spawnInput("worker", "task A"),
      tool_response: response("agA", "worker", "A finished", 850),
      duration_ms: 860,
    }),
    ev(900, "PreToolUse", { tool_name: "Agent", tool_use_id: "tu_N", tool_input: spawnInput("nester", "nest") }),
    ev(905, "SubagentStart", { agent_id: "agN", agent_type: "nester" }),
    ev(910, "PreToolUse", {
      agent_id: "agN",
      agent_type: "nester",
      tool_name: "Agent",
      tool_use_id: "tu_I",
      tool_input: spawnInput("worker", "inner"),
    }),
    ev(915, "SubagentStart", { agent_id: "agI", agent_type: "worker" }),
    ev(1000, "SubagentStop", { agent_id: "agI", agent_type: "worker", last_assistant_message: "inner done" }),
    ev(1010, "PostToolUse", {
      agent_id: "agN",
      agent_type: "nester",
      tool_name: "Agent",
      tool_use_id: "tu_I",
      tool_input: spawnInput("worker", "inner"),
      tool_response: response("agI", "worker", "inner done", 95),
      duration_ms: 100,
    }),
    ev(1100, "SubagentStop", { agent_id: "agN", agent_type: "nester", last_assistant_message: "nested done" }),
    ev(1120, "PostToolUse", {
      tool_name: "Agent",
      tool_use_id: "tu_N",
      tool_input: spawnInput("nester", "nest"),
      tool_response: response("agN", "nester", "nested done", 215),
      duration_ms: 220,
    }),
    ev(1200, "Stop", { last_assistant_message: "All done." }),
    ev(1210, "SessionEnd", { reason: "other" }),
  ];
}

export interface TreeNode {
  agent: string;
  status: string;
  durationMs: number | null;
  /** The spawn's prompt (root: the session's prompt). */
  prompt: string | null;
  lastMessage: string | null;
  children: TreeNode[];
}

/** The handoff tree under a root execution, children in start order then prompt. */
export async function treeOf(db: Database, rootId: string): Promise<TreeNode | null> {
  const rows = await db.prisma.execution.findMany({ where: { rootId } });
  const build = (id: string): TreeNode | null => {
    const e = rows.find((r) => r.id === id);
    if (!e) return null;
    const inputs = (e.inputs ?? {}) as Record<string, unknown>;
    const outputs = (e.outputs ?? {}) as Record<string, unknown>;
    return {
      agent: e.agentName,
      status: e.status,
      durationMs: e.durationMs,
      prompt: typeof inputs.prompt === "string" ? inputs.prompt : null,
      lastMessage: typeof outputs.last_message === "string" ? outputs.last_message : null,
      children: rows
        .filter((r) => r.parentExecutionId === id)
        .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime() || a.id.localeCompare(b.id))
        .map((r) => build(r.id) as TreeNode),
    };
  };
  return build(rootId);
}
