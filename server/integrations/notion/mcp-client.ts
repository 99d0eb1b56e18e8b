// The official Notion MCP server (@notionhq/notion-mcp-server) as a child process over stdio, and
// every call Baton makes through it. The server answers a Notion error as ordinary text content
// (`{"status":429,"object":"error","code":"rate_limited",…}`) with no MCP error flag, drops the
// response headers (Retry-After included) and never retries: so each result is parsed here, calls
// are spaced to Notion's limit, and 429 / 409 / 5xx / lost connections are retried with backoff.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { Logger } from "../../logger.js";

type Json = Record<string, unknown>;

/** A failed Notion call: the API's status and code, or status 0 for transport failures. */
/** Tools that make something each time they are sent: never re-sent blindly after a lost answer. */
const CREATES = new Set(["API-post-page"]);

export class NotionError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "NotionError";
  }
  /** Worth trying again later: rate limits, conflicts, server errors, lost connections. */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status === 409 || this.status >= 500;
  }
}

/** A tool result's JSON: a Notion error object becomes a NotionError. */
export function parseToolResult(result: { content?: unknown; isError?: unknown }): Json {
  const first = Array.isArray(result.content) ? (result.content[0] as { type?: string; text?: string }) : undefined;
  const text = first?.type === "text" ? (first.text ?? "") : "";
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new NotionError(
      0,
      "bad_response",
      `the Notion MCP server answered something that is not JSON: ${text.slice(0, 200)}`,
    );
  }
  const o = (data ?? {}) as Json;
  if (o.object === "error" || o.status === "error" || result.isError === true) {
    const status = typeof o.status === "number" ? o.status : 0;
    throw new NotionError(status, String(o.code ?? "error"), String(o.message ?? text.slice(0, 300)));
  }
  return o;
}

/** The MCP server's entry point inside its installed package. */
export function notionMcpBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@notionhq/notion-mcp-server/package.json")), "bin", "cli.mjs");
}

export interface NotionMcpOptions {
  token: string;
  /** Notion's base URL handed to the server as BASE_URL (tests: a local stand-in). */
  apiUrl?: string;
  logger: Logger;
  /** Calls allowed per second (Notion: about 3 per integration). */
  perSecond?: number;
  /** Attempts of one call before its error is returned (transient errors only). */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Time one call may take before it counts as a lost connection. */
  callTimeoutMs?: number;
}

export interface NotionMcp {
  /** Calls a tool (`API-post-page` …): spaced, retried; throws NotionError. */
  call(tool: string, args: Json): Promise<Json>;
  /** The MCP server's process id while it runs (tests kill it). */
  pid(): number | null;
  close(): Promise<void>;
}

export const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Spaces calls, one at a time, so Notion never sees more than `perSecond` in any rolling second
 * whatever each call's latency: a request arrives at Notion between its call's start and end, so
 * a call starts only once the window of calls before it has ended a full window ago (and evenly,
 * at most one per 1/perSecond).
 */
export function createThrottle(perSecond: number) {
  const window = Math.max(1, Math.floor(perSecond));
  const windowMs = (1000 * window) / perSecond;
  const spacing = 1000 / perSecond;
  const ends: number[] = [];
  let lastStart = 0;
  let chain: Promise<unknown> = Promise.resolve();
  let pausedUntil = 0;
  return {
    run<T>(fn: () => Promise<T>): Promise<T> {
      const next = chain.then(async () => {
        const windowStart = ends.length >= window ? (ends[ends.length - window] as number) + windowMs + 5 : 0;
        const wait = Math.max(lastStart + spacing, windowStart, pausedUntil) - Date.now();
        if (wait > 0) await delay(wait);
        lastStart = Date.now();
        try {
          return await fn();
        } finally {
          ends.push(Date.now());
          if (ends.length > window) ends.shift();
        }
      });
      chain = next.catch(() => undefined);
      return next;
    },
    /** Nothing starts before `ms` from now (after a 429). */
    pause(ms: number) {
      pausedUntil = Math.max(pausedUntil, Date.now() + ms);
    },
  };
}

export function createNotionMcp(o: NotionMcpOptions): NotionMcp {
  const throttle = createThrottle(o.perSecond ?? 3);
  const attempts = o.attempts ?? 6;
  const base = o.baseDelayMs ?? 500;
  const max = o.maxDelayMs ?? 30_000;
  type Connection = Promise<{ client: Client; transport: StdioClientTransport }>;
  let connecting: Connection | undefined;
  let closed = false;
  let failures = 0;
  let child: StdioClientTransport | undefined;

  /** Starts the child (again after it exited), waiting longer after each failed start. */
  async function connect() {
    if (closed) throw new NotionError(0, "closed", "the Notion integration was stopped");
    if (!connecting) {
      let current: Connection | undefined;
      const wait = failures === 0 ? 0 : Math.min(max, base * 2 ** (failures - 1));
      connecting = (async () => {
        if (wait) await delay(wait);
        // The MCP SDK (and its zod schemas) is loaded only once Notion is used: not in idle memory.
        const [{ Client }, { StdioClientTransport }] = await Promise.all([
          import("@modelcontextprotocol/sdk/client/index.js"),
          import("@modelcontextprotocol/sdk/client/stdio.js"),
        ]);
        const transport = new StdioClientTransport({
          command: process.execPath,
          args: [notionMcpBin()],
          // Only what the server needs: the token travels in its environment, never on a command line or in a log.
          env: {
            NOTION_TOKEN: o.token,
            OPENAPI_MCP_HEADERS: JSON.stringify({ Authorization: `Bearer ${o.token}`, "Notion-Version": "2025-09-03" }),
            ...(o.apiUrl ? { BASE_URL: o.apiUrl } : {}),
            NODE_ENV: "production",
          },
          stderr: "pipe",
        });
        transport.stderr?.on("data", (d: Buffer) => {
          const line = d.toString().trim();
          if (line) o.logger.debug(`notion mcp: ${line.replaceAll(o.token, "***").slice(0, 500)}`);
        });
        const client = new Client({ name: "baton", version: "1" });
        const forget = () => {
          if (connecting === current) connecting = undefined;
        };
        client.onclose = () => {
          forget();
          if (!closed) o.logger.warn("notion: the MCP server exited; it is restarted on the next call");
        };
        try {
          await client.connect(transport);
          failures = 0;
          child = transport;
          return { client, transport };
        } catch (e) {
          failures++;
          forget();
          await transport.close().catch(() => undefined);
          throw new NotionError(0, "mcp_start_failed", `the Notion MCP server did not start: ${(e as Error).message}`);
        }
      })();
      current = connecting;
    }
    return connecting;
  }

  async function once(tool: string, args: Json): Promise<Json> {
    // Started first, outside the spacing: a call's request then leaves as soon as its turn comes.
    const { client } = await connect();
    let result: { content?: unknown; isError?: unknown };
    try {
      result = (await throttle.run(() =>
        client.callTool({ name: tool, arguments: args }, undefined, { timeout: o.callTimeoutMs ?? 30_000 }),
      )) as typeof result;
    } catch (e) {
      // The request never got a Notion answer: the server failed to reach Notion, or it exited.
      throw new NotionError(0, "network", (e as Error).message.replaceAll(o.token, "***"));
    }
    return parseToolResult(result);
  }

  return {
    async call(tool, args) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await once(tool, args);
        } catch (e) {
          const err = e instanceof NotionError ? e : new NotionError(0, "network", String(e));
          if (!err.transient || attempt >= attempts || closed) throw err;
          // A create whose answer was lost (the server exited, a 5xx) may have made its page: it is
          // not sent again here but handed back, so the caller looks the page up before creating
          // (push.ts). Only the answers that say nothing was made (429, 409) are retried.
          if (CREATES.has(tool) && err.status !== 429 && err.status !== 409) throw err;
          // Notion's 429 asks for a pause the MCP server does not pass on: a second, doubling.
          const wait = Math.min(max, (err.status === 429 ? 1000 : base) * 2 ** (attempt - 1));
          if (err.status === 429) throttle.pause(wait);
          o.logger.debug(`notion: ${tool} failed (${err.status} ${err.code}); retry ${attempt} in ${wait} ms`);
          await delay(wait);
        }
      }
    },
    pid: () => child?.pid ?? null,
    async close() {
      closed = true;
      const c = await connecting?.catch(() => undefined);
      await c?.client.close().catch(() => undefined);
    },
  };
}
