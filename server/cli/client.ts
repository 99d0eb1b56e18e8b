// Talking to a running Baton from the command line: REST calls, GraphQL queries and graphql-ws
// subscriptions, with the base URL from `--url` / BATON_URL and the token from `--token` /
// BATON_TOKEN. Every failure becomes a ClientError carrying the exit code the command ends with,
// and no message ever holds the token.
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import { clientEnv } from "../env.js";
import { type Args, CliError } from "./args.js";

export const DEFAULT_URL = "http://127.0.0.1:4000";

/** The exit codes of commands that talk to Baton (docs/cli.md lists them). */
export const EXIT = {
  ok: 0,
  /** A failed outcome (a run that did not succeed), a conflict, or an error on the server. */
  failed: 1,
  /** The command line was wrong: refused by the CLI, or by the server (400, 404). */
  usage: 2,
  /** Nothing answered at the URL. */
  unreachable: 3,
  /** The server wants a token (401) or the token lacks the scope (403). */
  unauthorised: 4,
} as const;

/** A failure talking to Baton, with the exit code it ends the command with. */
export class ClientError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    /** The server's error code (VALIDATION_FAILED, NOT_FOUND …), when it answered with one. */
    readonly code?: string,
    /** The REST field the server named, when it named one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Baton's REST error envelope. */
interface ErrorBody {
  error?: { code?: string; message?: string; field?: string; issues?: { field: string; message: string }[] };
}

/** How long one request may take before the CLI gives up on it. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface Connection {
  /** The base URL, without credentials or a trailing slash. */
  url: string;
  /** The API token, if one was given; never printed. */
  token?: string;
}

/** `--url` / BATON_URL (default http://127.0.0.1:4000) and `--token` / BATON_TOKEN. */
export function connectionFrom(args: Pick<Args, "option">, env = clientEnv()): Connection {
  const raw = args.option("url") ?? env.BATON_URL ?? DEFAULT_URL;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new CliError(`--url / BATON_URL must be an http(s) URL like ${DEFAULT_URL} (got '${raw}')`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new CliError(`--url / BATON_URL must be an http(s) URL like ${DEFAULT_URL} (got '${parsed.protocol}')`);
  if (parsed.username || parsed.password)
    throw new CliError("--url / BATON_URL must not carry credentials: give the token with --token or BATON_TOKEN");
  const token = args.option("token") ?? env.BATON_TOKEN;
  const url = `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
  return token ? { url, token } : { url };
}

/** The network error's code (ECONNREFUSED …) behind a failed fetch, or its message. */
function networkReason(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}

export function unreachable(url: string, reason: string): ClientError {
  return new ClientError(
    `Baton is not reachable at ${url} (${reason}) — start it with npm start, or point --url / BATON_URL at it`,
    EXIT.unreachable,
  );
}

/** The exit code for a refusal with this HTTP status. */
function exitForStatus(status: number): number {
  if (status === 401 || status === 403) return EXIT.unauthorised;
  if (status === 400 || status === 404) return EXIT.usage;
  return EXIT.failed;
}

/** The server's refusal as one message: its own message, the field it names, every issue. */
function refusal(status: number, body: unknown, text: string): ClientError {
  const error = (body as ErrorBody | null)?.error;
  if (!error?.message) {
    const excerpt = text.trim().slice(0, 200);
    return new ClientError(`Baton answered ${status}${excerpt ? `: ${excerpt}` : ""}`, exitForStatus(status));
  }
  const issues = (error.issues ?? []).filter((i) => !error.message?.includes(i.message));
  const lines = [
    `${error.message} (${status} ${error.code ?? "error"}${error.field ? `, field ${error.field}` : ""})`,
    ...issues.map((i) => `  ${i.field}: ${i.message}`),
  ];
  return new ClientError(lines.join("\n"), exitForStatus(status), error.code, error.field);
}

export type QueryValue = string | number | boolean | undefined;

export interface BatonClient {
  readonly url: string;
  /** A REST call; the parsed JSON body of a 2xx answer, a ClientError otherwise. */
  rest<T>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<T>;
  /** `GET path?query` with the undefined values left out. */
  get<T>(path: string, query?: Record<string, QueryValue>): Promise<T>;
  /** A GraphQL query or mutation over HTTP; its data, or a ClientError naming the first error. */
  graphql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** A graphql-ws subscription on /graphql, the token in connectionParams. */
  subscribe<T>(query: string, variables: Record<string, unknown>, handlers: SubscriptionHandlers<T>): LiveSubscription;
}

export interface SubscriptionHandlers<T> {
  /** Each result's data, as it arrives. */
  next(data: T): void;
  /** The socket is open and accepted (the subscription is sent right after). */
  connected?(): void;
}

export interface LiveSubscription {
  /** Settles when the subscription ends: resolves on complete or close(), rejects with a ClientError. */
  done: Promise<void>;
  close(): Promise<void>;
}

/** A client for the Baton at `connection.url`. */
export function batonClient(connection: Connection): BatonClient {
  const { url, token } = connection;
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};

  async function send(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { accept: "application/json", ...auth };
    // Every write says it is JSON, even without a body (Baton refuses other types: 415).
    if (method !== "GET" && method !== "DELETE") headers["content-type"] = "application/json";
    let res: Response;
    try {
      res = await fetch(`${url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (e) {
      if ((e as Error).name === "TimeoutError")
        throw new ClientError(`Baton at ${url} did not answer ${method} ${path} within 30 s`, EXIT.failed);
      throw unreachable(url, networkReason(e));
    }
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: the refusal quotes the text
    }
    if (!res.ok) throw refusal(res.status, parsed, text);
    return parsed;
  }

  return {
    url,
    rest: async <T>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown) =>
      (await send(method, path, body)) as T,
    get: async <T>(path: string, query: Record<string, QueryValue> = {}) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
      const qs = params.toString();
      return (await send("GET", qs ? `${path}?${qs}` : path)) as T;
    },
    graphql: async <T>(query: string, variables?: Record<string, unknown>) => {
      const result = (await send("POST", "/graphql", { query, variables })) as {
        data?: T;
        errors?: { message: string; extensions?: { code?: string } }[];
      };
      const first = result.errors?.[0];
      if (first) {
        const code = first.extensions?.code;
        const exit =
          code === "UNAUTHENTICATED" || code === "FORBIDDEN"
            ? EXIT.unauthorised
            : code === "VALIDATION_FAILED" || code === "NOT_FOUND" || code === "GRAPHQL_VALIDATION_FAILED"
              ? EXIT.usage
              : EXIT.failed;
        throw new ClientError(`${first.message}${code ? ` (${code})` : ""}`, exit, code);
      }
      return result.data as T;
    },
    subscribe: (query, variables, handlers) => subscribeOver(connection, query, variables, handlers),
  };
}

function subscribeOver<T>(
  { url, token }: Connection,
  query: string,
  variables: Record<string, unknown>,
  handlers: SubscriptionHandlers<T>,
): LiveSubscription {
  let connected = false;
  let closing = false;
  let settle: { resolve(): void; reject(e: ClientError): void } = { resolve: () => {}, reject: () => {} };
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const client: Client = createClient({
    url: `${url.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : undefined,
    lazy: false,
    retryAttempts: 0,
    on: {
      connected: () => {
        connected = true;
        handlers.connected?.();
      },
      closed: (event) => {
        if (closing) return;
        const { code, reason } = event as { code?: number; reason?: string };
        const why = reason ? `: ${reason}` : "";
        if (code === 4403 || code === 4401)
          settle.reject(
            new ClientError(
              `Baton refused the WebSocket (${code}${why}): give a valid token with --token or BATON_TOKEN`,
              EXIT.unauthorised,
            ),
          );
        else if (!connected) settle.reject(unreachable(url, `WebSocket closed${code ? ` ${code}` : ""}${why}`));
        else settle.reject(new ClientError(`the connection to Baton closed (${code ?? "?"}${why})`, EXIT.failed));
      },
    },
  });
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors?.length) {
          const first = result.errors[0] as { message: string; extensions?: { code?: string } };
          settle.reject(
            new ClientError(
              `${first.message}${first.extensions?.code ? ` (${first.extensions.code})` : ""}`,
              first.extensions?.code === "NOT_FOUND" ? EXIT.usage : EXIT.failed,
            ),
          );
        } else if (result.data) handlers.next(result.data as T);
      },
      error: (e) => {
        if (closing) return;
        // A close event is reported by `closed` above with its code; other errors land here.
        if (e && typeof e === "object" && "code" in e && typeof (e as { code: unknown }).code === "number") return;
        if (Array.isArray(e)) {
          const first = e[0] as { message?: string } | undefined;
          settle.reject(new ClientError(first?.message ?? "the subscription was refused", EXIT.failed));
        } else if (!connected) settle.reject(unreachable(url, networkReason(e)));
        else settle.reject(new ClientError(`subscription failed: ${networkReason(e)}`, EXIT.failed));
      },
      complete: () => settle.resolve(),
    },
  );
  return {
    done,
    close: async () => {
      closing = true;
      unsubscribe();
      await client.dispose();
      settle.resolve();
    },
  };
}

/**
 * Runs a command that talks to Baton: a ClientError is written to stderr (`baton: …`) and its exit
 * code returned; other errors go on to the caller (main: 2 for CliError, 1 otherwise).
 */
export async function withClientErrors(fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof ClientError)) throw e;
    process.stderr.write(`baton: ${e.message}\n`);
    return e.exitCode;
  }
}
