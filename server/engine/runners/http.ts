// The `http` runner: POSTs the step to a service and takes its JSON reply as the outputs. The
// body names the run, step and attempt so a service can make retries idempotent.
import type { Json, Runner, RunnerInvocation, RunnerResult } from "../types.js";
import { type SecretResolver, secretResolver } from "./secrets.js";
import { cancelled, errorMessage, excerpt, parseJson, parseSettings, runnerOf, timedOut } from "./support.js";

export const DEFAULT_HTTP_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

export interface HttpRunnerOptions {
  maxResponseBytes?: number;
  /** Resolves `{"$secret": …}` header values (default: none resolve). */
  secrets?: SecretResolver;
}

/** Node's fetch hides the reason in `cause` (an AggregateError when several addresses failed). */
function networkReason(e: unknown): string {
  const cause = (e as { cause?: unknown }).cause;
  const first = cause instanceof AggregateError ? cause.errors[0] : cause;
  const code = (first as { code?: unknown } | undefined)?.code;
  if (typeof code === "string") return code;
  return first instanceof Error ? first.message : errorMessage(e);
}

/** The body as text, or null when it is longer than `max` bytes (reading stops there). */
async function readBounded(response: Response, max: number): Promise<string | null> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel();
    return null;
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function httpRunner(options: HttpRunnerOptions = {}): Runner {
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const secrets = options.secrets ?? secretResolver({ env: {} });

  async function run(invocation: RunnerInvocation): Promise<RunnerResult> {
    const parsed = parseSettings("http", invocation.agent.settings);
    if (!parsed.ok) return parsed;
    const { url, timeout_ms } = parsed.value;
    const headers = await secrets(parsed.value.headers);
    if (!headers.ok) return headers;
    if (invocation.signal.aborted) return cancelled();
    const timeoutMs = invocation.timeoutMs ?? timeout_ms ?? DEFAULT_HTTP_TIMEOUT_MS;
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([invocation.signal, deadline]);
    const stopped = (): RunnerResult | null =>
      invocation.signal.aborted ? cancelled() : deadline.aborted ? timedOut(timeoutMs) : null;

    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", ...headers.value },
        body: JSON.stringify({
          input: invocation.input ?? null,
          agent: invocation.agent.name,
          run_id: invocation.runId,
          step_id: invocation.stepId,
          attempt: invocation.attempt,
          execution_id: invocation.executionId,
        }),
        signal,
      });
    } catch (e) {
      return stopped() ?? { ok: false, error: `cannot reach ${url} (${networkReason(e)})` };
    }

    let body: string | null;
    try {
      body = await readBounded(response, maxBytes);
    } catch (e) {
      return stopped() ?? { ok: false, error: `response from ${url} broke off (${networkReason(e)})` };
    }
    if (body === null) return { ok: false, error: `response from ${url} exceeded ${maxBytes} bytes` };

    const text = body.trim();
    const json = text === "" ? { ok: true as const, value: null as Json } : parseJson(text);
    if (!response.ok) {
      const error =
        text === ""
          ? `HTTP ${response.status} ${response.statusText}`.trim()
          : `HTTP ${response.status}: ${excerpt(text, 500)}`;
      return json.ok && text !== "" ? { ok: false, error, outputs: json.value } : { ok: false, error };
    }
    if (!json.ok) {
      const type = response.headers.get("content-type") ?? "no content-type";
      return { ok: false, error: `response is not JSON (HTTP ${response.status}, ${type}): ${excerpt(text, 200)}` };
    }
    return { ok: true, outputs: json.value };
  }

  return runnerOf("http", run);
}
