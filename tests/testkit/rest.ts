// curl for tests: `await rest(server.url).post("/agents", body)` → { status, body, headers, text }.
// JSON responses are parsed; `rawBody("{oops")` sends a body exactly as written.
import { expect } from "vitest";

export interface RestResponse<T> {
  status: number;
  /** Parsed JSON when the response is JSON, otherwise the text. */
  body: T;
  headers: Headers;
  text: string;
}

export class RawBody {
  constructor(
    readonly text: string,
    readonly contentType = "application/json",
  ) {}
}

/** A request body sent verbatim (malformed JSON, oversized payloads, other content types). */
export const rawBody = (text: string, contentType?: string) => new RawBody(text, contentType);

export type QueryParams = Record<string, string | number | undefined>;

/** REST's error envelope. */
export interface RestError {
  error: { code: string; message: string; field?: string; issues?: { field: string; message: string }[] };
}

export interface RestAgent {
  id: string;
  name: string;
  description: string;
  capabilities: string[];
  tools: string[];
  coordination_patterns: string[];
  runner: { kind: string; settings: unknown };
  retry_policy: { max_retries: number; backoff: string; initial_delay_ms: number; max_delay_ms: number };
  circuit_breaker: { failure_threshold: number; cooldown_ms: number };
  input_schema: unknown;
  output_schema: unknown;
  circuit: { state: string; consecutive_failures: number; opened_at: string | null; retry_after: string | null };
  created_at: string;
  updated_at: string;
}

export interface RestAgentList {
  agents: RestAgent[];
  total: number;
  limit: number;
  offset: number;
}

export interface RestPattern {
  id: string;
  slug: string;
  name: string;
  description: string;
  when_to_use: string;
  diagram_url: string;
  example_workflow_id: string | null;
  agents: RestAgent[];
}

async function send<T>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  extra: Record<string, string> = {},
): Promise<RestResponse<T>> {
  const headers: Record<string, string> = { accept: "application/json", ...extra };
  let payload: string | undefined;
  if (body instanceof RawBody) {
    payload = body.text;
    headers["content-type"] = body.contentType;
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers["content-type"] = "application/json";
  } else if (method !== "GET" && method !== "DELETE") {
    // As the README tells curl users: every write says it is JSON, even without a body.
    headers["content-type"] = "application/json";
  }
  const res = await fetch(new URL(path, base), {
    method,
    headers,
    body: payload,
    redirect: "manual",
    // A server that never answers fails the test in seconds, not at the 30 s test timeout.
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  const json = (res.headers.get("content-type") ?? "").includes("json") && text !== "";
  return { status: res.status, body: (json ? JSON.parse(text) : text) as T, headers: res.headers, text };
}

function withQuery(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.append(k, String(v));
  const qs = params.toString();
  return qs ? `${path}${path.includes("?") ? "&" : "?"}${qs}` : path;
}

/**
 * The REST API at `baseUrl`; the type parameter is the expected body (errors are `RestError`).
 * `headers` go with every request (`{ authorization: "Bearer …" }`).
 */
export function rest(baseUrl: string, headers: Record<string, string> = {}) {
  return {
    get: <T = unknown>(path: string, query?: QueryParams) =>
      send<T>(baseUrl, "GET", withQuery(path, query), undefined, headers),
    post: <T = unknown>(path: string, body?: unknown) => send<T>(baseUrl, "POST", path, body, headers),
    patch: <T = unknown>(path: string, body?: unknown) => send<T>(baseUrl, "PATCH", path, body, headers),
    delete: <T = unknown>(path: string) => send<T>(baseUrl, "DELETE", path, undefined, headers),
    request: <T = unknown>(method: string, path: string, body?: unknown) =>
      send<T>(baseUrl, method, path, body, headers),
  };
}

export type RestClient = ReturnType<typeof rest>;

/** GET that must answer 200 (the test fails with the body otherwise); the parsed body. */
export async function getOk<T>(api: RestClient, path: string, query?: QueryParams): Promise<T> {
  const res = await api.get<T>(path, query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
