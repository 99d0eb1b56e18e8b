// Claude Code hook payloads (docs/claude-code.md): what is checked, what is kept, and how a
// session's events become one handoff tree. Pure functions: the service stores and reconciles.
import { createHash } from "node:crypto";
import { z } from "zod";
import { ValidationError } from "../../errors.js";
import { isObject, parseOrThrow } from "../../validation.js";
import type { ExecutionStatus } from "../execution/execution.validation.js";

/** Events that shape a session's tree; other known events only say the session is alive. */
export const TREE_EVENTS = new Set([
  "SessionStart",
  "UserPromptSubmit",
  "UserPromptExpansion",
  "PreToolUse",
  "PostToolUse",
  "PostToolUseFailure",
  "SubagentStart",
  "SubagentStop",
  "Stop",
  "StopFailure",
  "SessionEnd",
]);
/** Events Claude Code sends that Baton has no use for beyond keeping the session alive. */
const LIVENESS_EVENTS = new Set([
  "Notification",
  "PreCompact",
  "PostCompact",
  "PermissionRequest",
  "PermissionDenied",
  "InstructionsLoaded",
  "ConfigChange",
  "CwdChanged",
  "FileChanged",
  "TaskCreated",
  "TaskCompleted",
  "TeammateIdle",
  "WorktreeCreate",
  "WorktreeRemove",
  "Elicitation",
  "ElicitationResult",
  "Setup",
]);
/** The tools that spawn sub-agents (`Task` before Claude Code renamed it). */
export const SPAWN_TOOLS = new Set(["Agent", "Task"]);

/** Longest prompt or message accepted, in characters: a bigger one is refused (400), not cut. */
export const MAX_TEXT = 1_000_000;
/** What is kept of a long text in an execution's inputs or outputs (they must fit BATON_JSON_LIMIT). */
export const KEPT_TEXT = 16_000;

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const name = text(256);
const optionalText = text(MAX_TEXT).optional();

/** The fields Baton reads, checked; everything else in the payload is allowed and ignored. */
const payloadSchema = z
  .object({
    session_id: z
      .string({ required_error: "is required", invalid_type_error: "must be a string" })
      .min(1, "must not be empty")
      .max(256, "must be at most 256 characters"),
    hook_event_name: z
      .string({ required_error: "is required", invalid_type_error: "must be a string" })
      .min(1, "must not be empty")
      .max(64, "must be at most 64 characters"),
    transcript_path: text(4096).optional(),
    cwd: text(4096).optional(),
    prompt_id: name.optional(),
    agent_id: name.optional(),
    agent_type: name.optional(),
    tool_name: name.optional(),
    tool_use_id: name.optional(),
    tool_input: z.record(z.string(), z.unknown()).optional(),
    tool_response: z.unknown().optional(),
    duration_ms: z.number().min(0, "must be ≥ 0").finite().optional(),
    prompt: optionalText,
    command_name: name.optional(),
    command_args: optionalText,
    last_assistant_message: optionalText,
    agent_transcript_path: text(4096).optional(),
    error: optionalText,
    reason: name.optional(),
    source: name.optional(),
    /** Added by `baton hook`: when the hook ran (a spooled event arrives later). */
    baton_captured_at: z.string().datetime({ offset: true, message: "must be an ISO-8601 timestamp" }).optional(),
  })
  .passthrough();
export type HookPayload = z.infer<typeof payloadSchema>;

export function parsePayload(raw: unknown): HookPayload {
  if (!isObject(raw)) throw ValidationError.field("payload", "must be a JSON object (the hook's payload)");
  return parseOrThrow(payloadSchema, raw);
}

export type EventKind = "tree" | "liveness" | "unknown";
export function eventKind(p: HookPayload): EventKind {
  if (!TREE_EVENTS.has(p.hook_event_name)) return LIVENESS_EVENTS.has(p.hook_event_name) ? "liveness" : "unknown";
  // Only the Agent/Task tool's calls shape the tree; other tools' calls keep the session alive.
  if (p.hook_event_name.includes("ToolUse") && !SPAWN_TOOLS.has(p.tool_name ?? "")) return "liveness";
  return "tree";
}

/** JSON with keys sorted, so the same payload always gives the same text. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .filter((k) => v[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

/** The idempotency key: the payload as Claude Code sent it, whatever Baton's handler added. */
export function idempotencyKey(raw: Record<string, unknown>): string {
  const own = Object.fromEntries(Object.entries(raw).filter(([k]) => !k.startsWith("baton_")));
  return createHash("sha256").update(canonical(own)).digest("hex");
}

const hash = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 32);
/** Execution ids are derived, so a replayed or duplicated event can only find what it made before. */
export const rootExecutionId = (sessionId: string) => `cc-${hash(sessionId)}`;
export const spawnExecutionId = (sessionId: string, toolUseId: string) => `cc-${hash(`${sessionId}\0${toolUseId}`)}`;

const cut = (s: string | undefined | null) =>
  s == null
    ? undefined
    : s.length > KEPT_TEXT
      ? `${s.slice(0, KEPT_TEXT)}… [${s.length - KEPT_TEXT} characters cut]`
      : s;

/** What is stored of an event: the fields the tree is built from, long texts cut. */
export function keptFields(p: HookPayload): Record<string, unknown> {
  const input = p.tool_input ?? {};
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const resp = isObject(p.tool_response) ? p.tool_response : undefined;
  const content = Array.isArray(resp?.content)
    ? (resp.content as unknown[])
        .map((c) => (isObject(c) && c.type === "text" && typeof c.text === "string" ? c.text : ""))
        .join("\n")
    : undefined;
  const usage = isObject(resp?.usage) ? resp.usage : undefined;
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
  const kept: Record<string, unknown> = {
    cwd: p.cwd,
    transcript_path: p.transcript_path,
    agent_id: p.agent_id,
    agent_type: p.agent_type,
    tool_name: p.tool_name,
    tool_use_id: p.tool_use_id,
    tool_input: p.tool_input
      ? {
          subagent_type: cut(str(input.subagent_type)),
          description: cut(str(input.description)),
          prompt: cut(str(input.prompt)),
          model: cut(str(input.model)),
          run_in_background: input.run_in_background === true ? true : undefined,
        }
      : undefined,
    tool_response: resp
      ? {
          status: cut(str(resp.status)),
          agentId: cut(str(resp.agentId)),
          agentType: cut(str(resp.agentType)),
          text: cut(content),
          totalDurationMs: num(resp.totalDurationMs),
          totalTokens: num(resp.totalTokens),
          totalToolUseCount: num(resp.totalToolUseCount),
          resolvedModel: cut(str(resp.resolvedModel)),
          inputTokens: num(usage?.input_tokens),
          cacheCreationInputTokens: num(usage?.cache_creation_input_tokens),
          cacheReadInputTokens: num(usage?.cache_read_input_tokens),
          outputTokens: num(usage?.output_tokens),
        }
      : undefined,
    duration_ms: p.duration_ms,
    prompt: cut(p.prompt),
    command_name: p.command_name,
    command_args: cut(p.command_args),
    last_assistant_message: cut(p.last_assistant_message),
    agent_transcript_path: p.agent_transcript_path,
    error: cut(p.error),
    reason: p.reason,
    source: p.source,
  };
  return JSON.parse(JSON.stringify(kept)) as Record<string, unknown>;
}

export interface StoredEvent {
  event: string;
  capturedAt: Date;
  payload: Record<string, unknown>;
}

/** One execution of the tree as the events say it should be. */
export interface DerivedNode {
  id: string;
  parentId: string | null;
  agentName: string;
  /** The sub-agent type to register when unknown (null for the session's root). */
  subagentType: string | null;
  status: ExecutionStatus;
  timestamp: Date;
  endedAt: Date | null;
  durationMs: number | null;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown> | null;
  error: string | null;
  /** From PostToolUse's tool_response: resolvedModel, and the usage's tokens (null when not said). */
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
}

interface Spawn {
  toolUseId: string;
  spawner: string | null;
  type: string;
  pre?: StoredEvent;
  post?: StoredEvent;
  failed?: StoredEvent;
  agentId?: string;
}

type P = {
  agent_id?: string;
  agent_type?: string;
  tool_use_id?: string;
  tool_input?: { subagent_type?: string; description?: string; prompt?: string; model?: string };
  tool_response?: {
    status?: string;
    agentId?: string;
    text?: string;
    totalDurationMs?: number;
    totalTokens?: number;
    totalToolUseCount?: number;
    resolvedModel?: string;
    inputTokens?: number;
    cacheCreationInputTokens?: number;
    cacheReadInputTokens?: number;
    outputTokens?: number;
  };
  duration_ms?: number;
  prompt?: string;
  command_name?: string;
  command_args?: string;
  last_assistant_message?: string;
  agent_transcript_path?: string;
  transcript_path?: string;
  cwd?: string;
  error?: string;
  reason?: string;
};
const fields = (e: StoredEvent) => e.payload as P;
const ms = (d: Date) => d.getTime();

/** `/name` when the session's prompt was a slash command. */
function commandOf(events: StoredEvent[]): { name: string; args?: string } | null {
  const expansion = events.find((e) => e.event === "UserPromptExpansion" && fields(e).command_name);
  if (expansion) {
    const f = fields(expansion);
    return { name: `/${String(f.command_name).replace(/^\//, "")}`, args: f.command_args };
  }
  const prompt = fields(
    events.find((e) => e.event === "UserPromptSubmit") ?? { event: "", capturedAt: new Date(0), payload: {} },
  ).prompt;
  const m = prompt ? /^\/([A-Za-z0-9][A-Za-z0-9_:.-]*)(?:\s+([\s\S]*))?$/.exec(prompt.trim()) : null;
  return m ? { name: `/${m[1]}`, args: m[2] } : null;
}

/**
 * The session's tree from its events (in capture order). A spawn made inside a sub-agent hangs
 * under that sub-agent's execution once its agent_id is tied to a spawn (by PostToolUse's
 * tool_response.agentId, or by a SubagentStart when only one spawn of its type is untied); until
 * then it is left out, and appears when the tie arrives. `closedAt`: when the idle sweeper closed
 * the session (null while open).
 */
export function deriveTree(sessionId: string, events: StoredEvent[], closedAt: Date | null): DerivedNode[] {
  if (events.length === 0) return [];
  const sorted = [...events].sort((a, b) => ms(a.capturedAt) - ms(b.capturedAt));
  const spawns = new Map<string, Spawn>();
  const spawnOf = (e: StoredEvent): Spawn | null => {
    const f = fields(e);
    if (!f.tool_use_id) return null;
    const s = spawns.get(f.tool_use_id) ?? {
      toolUseId: f.tool_use_id,
      spawner: f.agent_id ?? null,
      type: f.tool_input?.subagent_type || "general-purpose",
    };
    spawns.set(f.tool_use_id, s);
    return s;
  };
  const starts: StoredEvent[] = [];
  const stops = new Map<string, StoredEvent>();
  for (const e of sorted) {
    const f = fields(e);
    if (e.event === "PreToolUse") {
      const s = spawnOf(e);
      if (s) s.pre ??= e;
    } else if (e.event === "PostToolUse" || e.event === "PostToolUseFailure") {
      const s = spawnOf(e);
      if (!s) continue;
      if (e.event === "PostToolUse") s.post ??= e;
      else s.failed ??= e;
      if (f.tool_response?.agentId) s.agentId = f.tool_response.agentId;
    } else if (e.event === "SubagentStart" && f.agent_id) starts.push(e);
    else if (e.event === "SubagentStop" && f.agent_id && !stops.has(f.agent_id)) stops.set(f.agent_id, e);
  }
  // agent_id → spawn: the authoritative ties first, then starts whose type has one untied spawn.
  const byAgent = new Map<string, Spawn>();
  for (const s of spawns.values()) if (s.agentId) byAgent.set(s.agentId, s);
  let tied = true;
  while (tied) {
    tied = false;
    for (const st of starts) {
      const f = fields(st);
      const agentId = f.agent_id as string;
      if (byAgent.has(agentId)) continue;
      const untiedStarts = starts.filter(
        (o) => fields(o).agent_type === f.agent_type && !byAgent.has(fields(o).agent_id as string),
      );
      const candidates = [...spawns.values()].filter((s) => !s.agentId && s.type === f.agent_type);
      if (candidates.length === 1 && untiedStarts.length === 1) {
        const only = candidates[0] as Spawn;
        only.agentId = agentId;
        byAgent.set(agentId, only);
        tied = true;
      }
    }
  }

  const rootId = rootExecutionId(sessionId);
  const first = sorted[0] as StoredEvent;
  const command = commandOf(sorted);
  const submit = sorted.find((e) => e.event === "UserPromptSubmit");
  const withCwd = sorted.find((e) => fields(e).cwd);
  const withTranscript = sorted.find((e) => fields(e).transcript_path);
  const end = sorted.find((e) => e.event === "Stop" || e.event === "StopFailure" || e.event === "SessionEnd");
  const rootStart = first.capturedAt;
  const rootInputs: Record<string, unknown> = {
    session_id: sessionId,
    ...(submit && fields(submit).prompt !== undefined ? { prompt: fields(submit).prompt } : {}),
    ...(command ? { command: command.name, ...(command.args ? { command_args: command.args } : {}) } : {}),
    ...(withCwd ? { cwd: fields(withCwd).cwd } : {}),
    ...(withTranscript ? { transcript_path: fields(withTranscript).transcript_path } : {}),
  };
  const closeAt = end?.capturedAt ?? closedAt;
  const finish = (start: Date, at: Date) => ({ endedAt: at, durationMs: Math.max(0, ms(at) - ms(start)) });
  const root: DerivedNode = {
    id: rootId,
    parentId: null,
    agentName: command?.name ?? "claude-code",
    subagentType: null,
    status: "in_progress",
    timestamp: rootStart,
    endedAt: null,
    durationMs: null,
    inputs: rootInputs,
    outputs: null,
    error: null,
    model: null,
    inputTokens: null,
    outputTokens: null,
  };
  if (end) {
    const f = fields(end);
    Object.assign(root, finish(rootStart, end.capturedAt));
    if (end.event === "StopFailure") {
      root.status = "failure";
      root.error = f.error ?? "the session stopped on an error";
    } else {
      root.status = "success";
      root.outputs = {
        ...(f.last_assistant_message !== undefined ? { last_message: f.last_assistant_message } : {}),
        ...(f.reason ? { reason: f.reason } : {}),
      };
    }
  } else if (closedAt) {
    Object.assign(root, finish(rootStart, closedAt));
    root.status = "cancelled";
    root.error = "the session sent nothing for longer than the idle time (BATON_CLAUDE_IDLE_MS): closed";
  }

  const nodes: DerivedNode[] = [root];
  const placed = new Map<Spawn, string>();
  const ordered = [...spawns.values()].sort(
    (a, b) => ms(startOf(a)) - ms(startOf(b)) || a.toolUseId.localeCompare(b.toolUseId),
  );
  // Parents before children: repeat until nothing more can be placed.
  let progress = true;
  while (progress) {
    progress = false;
    for (const s of ordered) {
      if (placed.has(s)) continue;
      let parentId: string | null = rootId;
      if (s.spawner) {
        const parent = byAgent.get(s.spawner);
        parentId = parent ? (placed.get(parent) ?? null) : null;
      }
      if (!parentId) continue;
      const node = spawnNode(sessionId, s, parentId, s.agentId ? stops.get(s.agentId) : undefined, closeAt);
      placed.set(s, node.id);
      nodes.push(node);
      progress = true;
    }
  }
  return nodes;
}

const whole = (v: number | undefined) => (v !== undefined && Number.isInteger(v) && v >= 0 ? v : undefined);

/**
 * A sub-agent's model and tokens from its PostToolUse tool_response: `resolvedModel`; input tokens
 * are the usage's input + cache-creation + cache-read tokens (every token the model read), output
 * tokens its output_tokens; without a usage, `totalTokens` is not split and tokens stay unknown.
 * Hooks carry no cost.
 */
function usageOf(r: NonNullable<P["tool_response"]>) {
  const parts = [whole(r.inputTokens), whole(r.cacheCreationInputTokens), whole(r.cacheReadInputTokens)];
  const input = parts.some((v) => v !== undefined) ? parts.reduce<number>((a, v) => a + (v ?? 0), 0) : null;
  return {
    ...(r.resolvedModel ? { model: r.resolvedModel.slice(0, 200) } : {}),
    inputTokens: input,
    outputTokens: whole(r.outputTokens) ?? null,
  };
}

function startOf(s: Spawn): Date {
  if (s.pre) return s.pre.capturedAt;
  const end = s.post ?? s.failed;
  const d = end ? fields(end).duration_ms : undefined;
  return new Date(ms((end as StoredEvent).capturedAt) - (d ?? 0));
}

function spawnNode(
  sessionId: string,
  s: Spawn,
  parentId: string,
  stop: StoredEvent | undefined,
  closeAt: Date | null,
): DerivedNode {
  const source = fields((s.pre ?? s.post ?? s.failed) as StoredEvent).tool_input ?? {};
  const timestamp = startOf(s);
  const node: DerivedNode = {
    id: spawnExecutionId(sessionId, s.toolUseId),
    parentId,
    agentName: s.type,
    subagentType: s.type,
    status: "in_progress",
    timestamp,
    endedAt: null,
    durationMs: null,
    inputs: {
      tool_use_id: s.toolUseId,
      subagent_type: s.type,
      ...(source.description !== undefined ? { description: source.description } : {}),
      ...(source.prompt !== undefined ? { prompt: source.prompt } : {}),
      ...(source.model !== undefined ? { model: source.model } : {}),
    },
    outputs: null,
    error: null,
    // The model asked for (an alias such as `sonnet`) until PostToolUse says which one ran.
    model: source.model ? source.model.slice(0, 200) : null,
    inputTokens: null,
    outputTokens: null,
  };
  const stopped = stop ? fields(stop) : undefined;
  const outputs: Record<string, unknown> = {
    ...(s.agentId ? { agent_id: s.agentId } : {}),
    ...(stopped?.last_assistant_message !== undefined ? { last_message: stopped.last_assistant_message } : {}),
    ...(stopped?.agent_transcript_path ? { transcript_path: stopped.agent_transcript_path } : {}),
  };
  const duration = (e: StoredEvent) => {
    const f = fields(e);
    const d = f.duration_ms ?? f.tool_response?.totalDurationMs;
    return d === undefined ? Math.max(0, ms(e.capturedAt) - ms(timestamp)) : Math.round(d);
  };
  if (s.post) {
    const r = fields(s.post).tool_response ?? {};
    const d = duration(s.post);
    node.status = r.status === undefined || r.status === "completed" ? "success" : "failure";
    if (node.status === "failure") node.error = `the sub-agent ended with status '${r.status}'`;
    node.durationMs = d;
    node.endedAt = new Date(ms(timestamp) + d);
    node.outputs = {
      ...outputs,
      ...(r.text !== undefined ? { last_message: r.text } : {}),
      ...(r.totalTokens !== undefined ? { total_tokens: r.totalTokens } : {}),
      ...(r.inputTokens !== undefined ? { input_tokens: r.inputTokens } : {}),
      ...(r.outputTokens !== undefined ? { output_tokens: r.outputTokens } : {}),
      ...(r.totalToolUseCount !== undefined ? { tool_uses: r.totalToolUseCount } : {}),
      ...(r.resolvedModel !== undefined ? { model: r.resolvedModel } : {}),
    };
    Object.assign(node, usageOf(r));
  } else if (s.failed) {
    const d = duration(s.failed);
    node.status = "failure";
    node.error = fields(s.failed).error ?? "the Agent tool call failed";
    node.durationMs = d;
    node.endedAt = new Date(ms(timestamp) + d);
    node.outputs = Object.keys(outputs).length ? outputs : null;
  } else if (closeAt) {
    // The session ended without this spawn's PostToolUse: its own stop decides.
    const at = stop ? stop.capturedAt : closeAt;
    node.status = stop ? "success" : "cancelled";
    if (!stop) node.error = "the session ended before the sub-agent finished";
    node.endedAt = new Date(Math.max(ms(at), ms(timestamp)));
    node.durationMs = ms(node.endedAt) - ms(timestamp);
    node.outputs = Object.keys(outputs).length ? outputs : null;
  } else node.outputs = Object.keys(outputs).length ? outputs : null;
  return node;
}
