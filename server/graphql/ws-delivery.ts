// graphql-ws on a `ws` server, with delivery that holds up under bursts (issue 10 §4). It replaces
// graphql-ws's own `use/ws` glue (same arguments) and differs from it in four ways:
//
// - Shared results. A subscription event that reaches several subscribers as the same object
//   (yoga's pubsub hands every listener the same message; the execution streams hand out one
//   object per batch and filter) is executed and serialised once per (document, operation,
//   variables, principal), and the same text is written to every socket with that subscriber's
//   id spliced in. 500 subscribers of one 1,000-row batch cost one execution, not 500.
// - Bounded buffers. A send resolves at once while the socket's `bufferedAmount` is at most
//   `highWaterBytes`, else when the socket has taken the bytes: graphql-ws waits for that before
//   asking the subscription for its next event, so a slow reader's updates wait in its
//   subscription (where the execution streams coalesce them or replace them by a resync marker,
//   execution.stream.ts), never in an unbounded socket buffer. `socketBacklog(context)` tells a
//   subscription how backed up its socket is.
// - Keep-alive that does not drop slow readers. A ping queued behind unread bytes cannot be
//   answered until the peer reads them: a socket is closed only when no pong has come back for
//   `stallMs` (2 minutes: a dead peer), not at the first missed one (graphql-ws's 12 s).
// - Fair fan-out. Subscribers take turns (`fanOutTurn`), at most `perTurn` per turn of the event
//   loop, so HTTP requests and other sockets are served between the parts of a large fan-out.
import { setImmediate as nextTurn } from "node:timers";
import {
  createSourceEventStream,
  type ExecutionArgs,
  type ExecutionResult,
  execute as graphqlExecute,
  type GraphQLError,
  subscribe as graphqlSubscribe,
  getOperationAST,
} from "graphql";
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from "graphql-ws";
import type { IncomingMessage } from "node:http";
import type { WebSocket, WebSocketServer } from "ws";
import { maskError } from "./errors.js";

export interface DeliverySettings {
  /** ws keep-alive ping interval; a pong is due before the next one. */
  keepAliveMs: number;
  /** A send waits for the socket to take its bytes once more than this is buffered. */
  highWaterBytes: number;
  /** A socket whose peer answers no ping and reads nothing for this long is closed. */
  stallMs: number;
  /** Subscribers served per turn of the event loop during a fan-out. */
  perTurn: number;
}

export const DELIVERY_DEFAULTS: DeliverySettings = {
  keepAliveMs: 12_000,
  highWaterBytes: 1 << 20,
  stallMs: 120_000,
  perTurn: 32,
};

export interface Extra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
}

// ---- fair fan-out ----------------------------------------------------------------------------

const turnQueue: (() => void)[] = [];
let turnHead = 0;
let turnScheduled = false;
let perTurn = DELIVERY_DEFAULTS.perTurn;

function releaseTurn() {
  const end = Math.min(turnQueue.length, turnHead + perTurn);
  while (turnHead < end) (turnQueue[turnHead++] as () => void)();
  if (turnHead < turnQueue.length) nextTurn(releaseTurn);
  else {
    turnQueue.length = 0;
    turnHead = 0;
    turnScheduled = false;
  }
}

/** Resolves on a later turn of the event loop, after at most `perTurn` others waiting before it. */
export function fanOutTurn(): Promise<void> {
  return new Promise((resolve) => {
    turnQueue.push(resolve);
    if (!turnScheduled) {
      turnScheduled = true;
      nextTurn(releaseTurn);
    }
  });
}

// ---- backlog ---------------------------------------------------------------------------------

const backlogs = new WeakMap<object, () => number>();

/**
 * How many bytes the socket of the subscription with this context has not yet handed to the
 * network (0 when it is not a graphql-ws subscription, e.g. over SSE), and the high-water mark
 * above which it counts as backed up.
 */
export function socketBacklog(context: unknown): { bytes: () => number; highWater: number } {
  const bytes = (typeof context === "object" && context !== null && backlogs.get(context)) || (() => 0);
  return { bytes, highWater: settings.highWaterBytes };
}

let settings = DELIVERY_DEFAULTS;

// ---- shared results --------------------------------------------------------------------------

/** Executed results by event object, then by what makes a result differ between subscribers. */
const shared = new WeakMap<object, Map<string, Promise<Buffer>>>();
/** Serialised results (UTF-8) waiting for their send, by the number in their placeholder. */
const texts = new Map<number, Buffer>();
let textSeq = 0;
const PLACEHOLDER = "\u0000baton-shared:";
/** The placeholder as JSON.stringify writes it inside a `next` message. */
const PLACEHOLDER_JSON = `"payload":${JSON.stringify(PLACEHOLDER).slice(0, -1)}`;

/** A result graphql-ws serialises as a placeholder that `send` replaces by the shared text. */
function placeholder(text: Buffer): ExecutionResult {
  const n = ++textSeq;
  texts.set(n, text);
  return { toJSON: () => `${PLACEHOLDER}${n}` } as unknown as ExecutionResult;
}

/** The message with its placeholder replaced by the shared text (or as it is). */
function withSharedText(data: string): string | Buffer {
  const at = data.lastIndexOf(PLACEHOLDER_JSON);
  if (at === -1 || !data.endsWith('"}')) return data;
  const n = Number(data.slice(at + PLACEHOLDER_JSON.length, -2));
  const text = texts.get(n);
  if (text === undefined) return data;
  texts.delete(n);
  // The shared bytes are copied, not encoded again for each subscriber.
  return Buffer.concat([Buffer.from(`${data.slice(0, at)}"payload":`), text, CLOSE_BRACE]);
}
const CLOSE_BRACE = Buffer.from("}");

/** Who is asking, as far as it can change a result: the principal's kind, id and scopes. */
function principalKey(context: unknown): string {
  const auth = (context as { auth?: { kind?: unknown; id?: unknown; scopes?: Iterable<unknown> } } | null)?.auth;
  if (!auth) return "";
  const scopes = auth.scopes && typeof auth.scopes !== "string" ? [...auth.scopes].map(String).sort() : [];
  return `${String(auth.kind)}:${String(auth.id ?? "")}:${scopes.join(",")}`;
}

/** graphql-js's execute of one event, its errors masked as Yoga masks them. */
async function executeEvent(args: ExecutionArgs, event: unknown): Promise<ExecutionResult> {
  const result = await graphqlExecute({ ...args, rootValue: event });
  if (!result.errors?.length) return result;
  return { ...result, errors: result.errors.map((e) => maskError(e, "Unexpected error.", false) as GraphQLError) };
}

/**
 * A subscription whose events are executed once per distinct (event, key): the source stream and
 * each event's execution (the event as root value, as graphql-js's own subscribe does) are
 * graphql-js's, with errors masked like Yoga's.
 */
async function sharedSubscribe(
  args: ExecutionArgs,
  fallback: () => unknown,
): Promise<AsyncIterable<ExecutionResult> | unknown> {
  const source = await createSourceEventStream(args);
  // Refused (bad variables, a failing subscribe resolver): let the ordinary path answer, masked.
  if (!(Symbol.asyncIterator in Object(source))) return fallback();
  const iterator = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const key = `${JSON.stringify(args.variableValues ?? {})}|${args.operationName ?? ""}|${principalKey(args.contextValue)}`;
  // Documents from Yoga's parse cache are the same object for the same text.
  let docKey = documentKeys.get(args.document);
  if (!docKey) {
    docKey = `d${++docSeq}`;
    documentKeys.set(args.document, docKey);
  }
  const fullKey = `${docKey}|${key}`;
  const run = (event: unknown) => executeEvent(args, event);
  return {
    [Symbol.asyncIterator]() {
      return {
        async next(): Promise<IteratorResult<ExecutionResult>> {
          const step = await iterator.next();
          if (step.done) return { done: true, value: undefined };
          await fanOutTurn();
          const event = step.value;
          if (typeof event !== "object" || event === null) return { done: false, value: await run(event) };
          let byKey = shared.get(event);
          if (!byKey) {
            byKey = new Map();
            shared.set(event, byKey);
          }
          let text = byKey.get(fullKey);
          if (!text) {
            text = run(event).then((r) => Buffer.from(JSON.stringify(r)));
            byKey.set(fullKey, text);
          }
          return { done: false, value: placeholder(await text) };
        },
        async return(): Promise<IteratorResult<ExecutionResult>> {
          await iterator.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

const documentKeys = new WeakMap<object, string>();
let docSeq = 0;

// ---- the socket glue -------------------------------------------------------------------------

/** graphql-ws on `wss` (as graphql-ws/use/ws's `useServer`, with the delivery above). */
export function attachGraphqlWs<P extends Record<string, unknown> | undefined = Record<string, unknown> | undefined>(
  options: ServerOptions<P, Extra>,
  wss: WebSocketServer,
  overrides: Partial<DeliverySettings> = {},
): { dispose(): Promise<void> } {
  settings = { ...DELIVERY_DEFAULTS, ...overrides };
  perTurn = settings.perTurn;
  const { highWaterBytes, keepAliveMs, stallMs } = settings;
  const subscribe = options.subscribe ?? graphqlSubscribe;
  const server = makeServer<P, Extra>({
    ...options,
    onSubscribe: async (ctx, id, payload) => {
      const args = await options.onSubscribe?.(ctx, id, payload);
      // The operation's context learns its socket, for socketBacklog().
      const context = args && !Array.isArray(args) ? (args as ExecutionArgs).contextValue : undefined;
      if (typeof context === "object" && context !== null) {
        const socket = ctx.extra.socket;
        backlogs.set(context, () => socket.bufferedAmount);
      }
      return args;
    },
    subscribe: (args) => {
      if (getOperationAST(args.document, args.operationName)?.operation !== "subscription")
        return subscribe(args) as never;
      return sharedSubscribe(args, () => subscribe(args)) as never;
    },
  });
  wss.options.handleProtocols = handleProtocols;

  wss.on("connection", (socket: WebSocket, request: IncomingMessage) => {
    socket.once("error", () => socket.close(CloseCode.InternalServerError, "Internal server error"));
    // Keep-alive: a ping queued behind unread bytes (in ws's buffer or the kernel's) cannot be
    // answered before the peer reads them, so a slow reader is not taken for a dead one: the socket
    // is closed only when no pong has come back for `stallMs`.
    let lastPongAt = Date.now();
    socket.on("pong", () => {
      lastPongAt = Date.now();
    });
    const keepAlive = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      if (Date.now() - lastPongAt > stallMs) socket.terminate();
      else socket.ping();
    }, keepAliveMs);
    keepAlive.unref();

    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            const text = withSharedText(data);
            if (socket.readyState !== socket.OPEN) return resolve();
            let waiting = false;
            socket.send(text, { binary: false }, (err) => {
              if (!waiting) return;
              if (err) reject(err);
              else resolve();
            });
            if (socket.bufferedAmount > highWaterBytes) waiting = true;
            else resolve();
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (cb) =>
          socket.on("message", async (event) => {
            try {
              await cb(String(event));
            } catch {
              socket.close(CloseCode.InternalServerError, "Internal server error");
            }
          }),
      },
      { socket, request },
    );
    socket.once("close", (code, reason) => {
      clearInterval(keepAlive);
      void closed(code, String(reason));
    });
  });

  return {
    dispose: async () => {
      for (const client of wss.clients) client.close(1001, "Going away");
      wss.removeAllListeners();
      await new Promise<void>((resolve, reject) => wss.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
