// Small pieces every runner needs: settings read through the same zod schemas the registry
// validates with (a step's runner override may bypass the registry), message excerpts, and
// waiting that ends early on cancellation or timeout — runners report, they never throw.
import type { z } from "zod";
import { runnerSettingsSchemas } from "../../modules/agent/agent.validation.js";
import type { Json, Runner, RunnerInvocation, RunnerKind, RunnerResult } from "../types.js";

export type Settings<K extends RunnerKind> = z.infer<(typeof runnerSettingsSchemas)[K]>;

/** A value, or a failure message a person can act on. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };
export type Failure = { ok: false; error: string };

export function parseSettings<K extends RunnerKind>(kind: K, settings: unknown): Outcome<Settings<K>> {
  const result = runnerSettingsSchemas[kind].safeParse(settings ?? {});
  if (result.success) return { ok: true, value: result.data as Settings<K> };
  const issues = result.error.issues.map((i) => `${i.path.length > 0 ? i.path.join(".") : "settings"}: ${i.message}`);
  return { ok: false, error: `invalid ${kind} runner settings: ${issues.join("; ")}` };
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * A runner of `kind` doing `run`. Runners report failures, they do not throw; should one throw all
 * the same (a bug), its step fails with a message naming the runner instead of the run crashing.
 */
export function runnerOf(kind: RunnerKind, run: (invocation: RunnerInvocation) => Promise<RunnerResult>): Runner {
  return {
    kind,
    run: (invocation) =>
      run(invocation).catch((e: unknown) => ({ ok: false, error: `${kind} runner failed: ${errorMessage(e)}` })),
  };
}

/** The first `max` characters, on one line, marked when cut. */
export function excerpt(text: string, max: number): string {
  const flat = text.trim().replace(/\s+/g, " ");
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** The last `max` characters: where a failing program says why. */
export function tail(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length > max ? `…${trimmed.slice(-max)}` : trimmed;
}

export function parseJson(text: string): { ok: true; value: Json } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch {
    return { ok: false };
  }
}

export const cancelled = (): Failure => ({ ok: false, error: "cancelled" });
export const timedOut = (ms: number): Failure => ({ ok: false, error: `timed out after ${ms} ms` });

/**
 * Settles with the work's value, or with a failure as soon as `signal` aborts or `timeoutMs`
 * passes — whichever comes first. The work itself is not stopped here (in-process work must watch
 * the signal), but the step no longer waits for it.
 */
export function settleWithin<T>(work: Promise<T>, signal: AbortSignal, timeoutMs: number | null): Promise<Outcome<T>> {
  if (signal.aborted) return Promise.resolve(cancelled());
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const done = (outcome: Outcome<T>) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      resolve(outcome);
    };
    const onAbort = () => done(cancelled());
    signal.addEventListener("abort", onAbort, { once: true });
    if (timeoutMs !== null) timer = setTimeout(() => done(timedOut(timeoutMs)), timeoutMs);
    work.then(
      (value) => done({ ok: true, value }),
      (e: unknown) => done({ ok: false, error: errorMessage(e) }),
    );
  });
}

/** Waits `ms`; a zero wait settles in the same tick so zero-latency steps cost no timer. */
export function sleep(ms: number, signal: AbortSignal, timeoutMs: number | null): Promise<Outcome<void>> {
  if (ms <= 0) return Promise.resolve(signal.aborted ? cancelled() : { ok: true, value: undefined });
  let timer: NodeJS.Timeout | undefined;
  const wait = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return settleWithin(wait, signal, timeoutMs).finally(() => clearTimeout(timer));
}
