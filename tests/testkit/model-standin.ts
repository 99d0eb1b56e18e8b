// A local stand-in of the Anthropic Messages API, driven by a script, so the real Claude Code CLI
// runs offline (ANTHROPIC_BASE_URL=<url>): the main session and each sub-agent answer with the
// text and tool_use blocks the script gives, and Claude Code really spawns sub-agents, runs tools
// and fires every hook. Only POST /v1/messages (streamed as server-sent events, or plain JSON when
// `stream` is false) and /v1/messages/count_tokens are served; anything else is a logged 404.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Block =
  | { type: "text"; text: string }
  | { type: "tool_use"; name: string; input: Record<string, unknown>; id?: string };

/** One model request as the script sees it. */
export interface ModelRequest {
  /** `x-claude-code-agent-id`: null for the main session, the sub-agent's id otherwise. */
  agentId: string | null;
  sessionId: string | null;
  /** The system prompt's text (a sub-agent's holds its `.claude/agents/<name>.md` body). */
  system: string;
  /** The first user message's text: the session's prompt, or the prompt a sub-agent was given. */
  prompt: string;
  /** Tool results found in any message, by tool_use_id. */
  results: Map<string, { text: string; isError: boolean }>;
  /** Names of the tools offered. */
  tools: string[];
  model: string;
  body: Record<string, unknown>;
}

/** A message's usage as the Messages API reports it. */
export interface Usage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
}
export const DEFAULT_USAGE: Usage = {
  input_tokens: 100,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
  output_tokens: 20,
};

/** What one conversation (the main session or a sub-agent) answers, turn by turn. */
export interface Conversation {
  /**
   * Each answer's usage (default DEFAULT_USAGE): sent as the real API does, the input and cache
   * counts with a first output token in message_start, the final output count in message_delta.
   */
  usage?: Usage | ((req: ModelRequest, turn: number) => Usage);
  /** Which requests this conversation answers: the first rule that matches wins. */
  match: (req: ModelRequest) => boolean;
  /**
   * Its assistant turns in order. A turn is answered once every tool_use of it has a tool_result
   * somewhere in the request; the first unanswered turn is sent. A turn with no tool_use ends the
   * conversation (and is sent again for any later request).
   */
  turns: (Block[] | ((req: ModelRequest) => Block[]))[];
  /** Milliseconds to wait before answering (sub-agents that take time). */
  delayMs?: number;
  /** Awaited before a turn is sent (start or stop a server mid-session, write a file …). */
  before?: (req: ModelRequest, turn: number) => Promise<void> | void;
}

/** Matchers for the common cases. */
export const is = {
  main: (req: ModelRequest) => req.agentId === null,
  sub: (req: ModelRequest) => req.agentId !== null,
  /** A sub-agent whose prompt contains the text (or matches the pattern). */
  subPrompt: (p: string | RegExp) => (req: ModelRequest) =>
    req.agentId !== null && (typeof p === "string" ? req.prompt.includes(p) : p.test(req.prompt)),
  /** A sub-agent whose system prompt contains the text: its `.claude/agents/<name>.md` body. */
  subSystem: (p: string | RegExp) => (req: ModelRequest) =>
    req.agentId !== null && (typeof p === "string" ? req.system.includes(p) : p.test(req.system)),
  /** The main session when its prompt contains the text. */
  mainPrompt: (p: string | RegExp) => (req: ModelRequest) =>
    req.agentId === null && (typeof p === "string" ? req.prompt.includes(p) : p.test(req.prompt)),
};

/** Shorthands for blocks. */
export const text = (t: string): Block => ({ type: "text", text: t });
export const toolUse = (name: string, input: Record<string, unknown>, id?: string): Block => ({
  type: "tool_use",
  name,
  input,
  ...(id ? { id } : {}),
});
/** A sub-agent spawn (the `Agent` tool; older versions call it `Task`). */
export const spawn = (subagentType: string, prompt: string, description = prompt.slice(0, 40), id?: string): Block =>
  toolUse("Agent", { subagent_type: subagentType, description, prompt }, id);
export const bash = (command: string, description = command.slice(0, 40), id?: string): Block =>
  toolUse("Bash", { command, description }, id);

export interface LoggedRequest {
  method: string;
  path: string;
  agentId: string | null;
  /** Index of the conversation that answered, or -1 when none matched. */
  conversation: number;
  /** The turn sent (-1 when none). */
  turn: number;
  /** The usage the answer reported (absent for requests not answered with a message). */
  usage?: Usage;
  at: number;
}

export interface ModelStandIn {
  url: string;
  /** Every request received, in order. */
  requests: LoggedRequest[];
  /** The last ModelRequest each conversation saw (for assertions on prompts and tool results). */
  seen: ModelRequest[];
  close(): Promise<void>;
}

export interface StandInOptions {
  /** Answer given when no conversation matches (default: a short text, so nothing hangs). */
  fallback?: Block[];
  model?: string;
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((c: { type?: string; text?: string; content?: unknown }) =>
      c?.type === "text" ? (c.text ?? "") : c?.type === "tool_result" ? textOf(c.content) : "",
    )
    .join("\n");
}

/** The request body as the script sees it. */
export function parseRequest(body: Record<string, unknown>, headers: IncomingMessage["headers"]): ModelRequest {
  const messages = (Array.isArray(body.messages) ? body.messages : []) as { role: string; content: unknown }[];
  const results = new Map<string, { text: string; isError: boolean }>();
  for (const m of messages)
    if (Array.isArray(m.content))
      for (const c of m.content as { type?: string; tool_use_id?: string; content?: unknown; is_error?: boolean }[])
        if (c?.type === "tool_result" && c.tool_use_id)
          results.set(c.tool_use_id, { text: textOf(c.content), isError: c.is_error === true });
  // The user's prompt is the first user message's last text block (Claude Code puts context
  // reminders before it in the same message).
  const first = messages.find((m) => m.role === "user");
  const blocks = Array.isArray(first?.content)
    ? (first.content as { type?: string; text?: string }[]).filter((c) => c?.type === "text")
    : [];
  const prompt =
    typeof first?.content === "string"
      ? first.content
      : (blocks.filter((b) => !b.text?.startsWith("<system-reminder>")).at(-1)?.text ?? blocks.at(-1)?.text ?? "");
  const header = (name: string) => {
    const v = headers[name];
    return typeof v === "string" && v ? v : null;
  };
  return {
    agentId: header("x-claude-code-agent-id"),
    sessionId: header("x-claude-code-session-id"),
    system: textOf(body.system),
    prompt,
    results,
    tools: (Array.isArray(body.tools) ? body.tools : []).map((t: { name?: string }) => String(t?.name ?? "")),
    model: String(body.model ?? ""),
    body,
  };
}

/** Gives each tool_use a stable id: the same conversation and turn always get the same ids. */
function withIds(blocks: Block[], key: string, turn: number): Block[] {
  let n = 0;
  return blocks.map((b) => (b.type === "tool_use" && !b.id ? { ...b, id: `toolu_${key}_${turn}_${n++}` } : b));
}

/** The turn to send: the first whose tool calls are not all answered. */
export function nextTurn(conv: Conversation, req: ModelRequest, key: string): { turn: number; blocks: Block[] } {
  for (let i = 0; i < conv.turns.length; i++) {
    const t = conv.turns[i] as Conversation["turns"][number];
    const blocks = withIds(typeof t === "function" ? t(req) : t, key, i);
    const calls = blocks.filter((b) => b.type === "tool_use");
    if (calls.length === 0 || calls.some((c) => !req.results.has(c.id as string))) return { turn: i, blocks };
  }
  return { turn: conv.turns.length, blocks: [text("Done.")] };
}

function sse(
  res: import("node:http").ServerResponse,
  blocks: Block[],
  model: string,
  id: string,
  final: Usage = DEFAULT_USAGE,
) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const send = (type: string, data: Record<string, unknown>) =>
    res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  const usage = { ...final, output_tokens: Math.min(1, final.output_tokens) };
  send("message_start", {
    message: {
      id,
      type: "message",
      role: "assistant",
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage,
    },
  });
  blocks.forEach((b, index) => {
    if (b.type === "text") {
      send("content_block_start", { index, content_block: { type: "text", text: "" } });
      send("content_block_delta", { index, delta: { type: "text_delta", text: b.text } });
    } else {
      send("content_block_start", { index, content_block: { type: "tool_use", id: b.id, name: b.name, input: {} } });
      send("content_block_delta", {
        index,
        delta: { type: "input_json_delta", partial_json: JSON.stringify(b.input) },
      });
    }
    send("content_block_stop", { index });
  });
  const stop = blocks.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn";
  send("message_delta", {
    delta: { stop_reason: stop, stop_sequence: null },
    usage: { output_tokens: final.output_tokens },
  });
  send("message_stop", {});
  res.end();
}

/** Starts the stand-in on a free loopback port. */
export async function startModelStandIn(
  conversations: Conversation[],
  options: StandInOptions = {},
): Promise<ModelStandIn> {
  const model = options.model ?? "claude-standin-1";
  const requests: LoggedRequest[] = [];
  const seen: ModelRequest[] = [];
  let counter = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = (req.url ?? "/").split("?")[0] as string;
      const agentHeader = req.headers["x-claude-code-agent-id"];
      const log: LoggedRequest = {
        method: req.method ?? "",
        path,
        agentId: typeof agentHeader === "string" ? agentHeader : null,
        conversation: -1,
        turn: -1,
        at: Date.now(),
      };
      requests.push(log);
      if (req.method === "POST" && path === "/v1/messages/count_tokens") {
        res.writeHead(200, { "content-type": "application/json" });
        return void res.end(JSON.stringify({ input_tokens: 100 }));
      }
      if (req.method !== "POST" || path !== "/v1/messages") {
        res.writeHead(404, { "content-type": "application/json" });
        return void res.end(JSON.stringify({ type: "error", error: { type: "not_found_error", message: path } }));
      }
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        res.writeHead(400, { "content-type": "application/json" });
        return void res.end(
          JSON.stringify({ type: "error", error: { type: "invalid_request_error", message: "json" } }),
        );
      }
      const parsed = parseRequest(body, req.headers);
      const index = conversations.findIndex((c) => c.match(parsed));
      const conv = conversations[index];
      const key = `${index}_${(parsed.agentId ?? "main").replace(/[^A-Za-z0-9]/g, "")}`;
      const { turn, blocks } = conv
        ? nextTurn(conv, parsed, key)
        : { turn: -1, blocks: options.fallback ?? [text("No script matched this request.")] };
      log.conversation = index;
      log.turn = turn;
      if (index >= 0) seen[index] = parsed;
      const id = `msg_standin_${++counter}`;
      const usage = typeof conv?.usage === "function" ? conv.usage(parsed, turn) : (conv?.usage ?? DEFAULT_USAGE);
      log.usage = usage;
      const answer = () => {
        if (body.stream === false || body.stream === undefined) {
          res.writeHead(200, { "content-type": "application/json" });
          const stop = blocks.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn";
          return void res.end(
            JSON.stringify({
              id,
              type: "message",
              role: "assistant",
              model,
              content: blocks,
              stop_reason: stop,
              stop_sequence: null,
              usage,
            }),
          );
        }
        sse(res, blocks, model, id, usage);
      };
      const wait = conv?.delayMs ? new Promise((r) => setTimeout(r, conv.delayMs)) : Promise.resolve();
      void wait
        .then(() => conv?.before?.(parsed, turn))
        .then(answer, (e: unknown) => {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ type: "error", error: { type: "api_error", message: String(e) } }));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
