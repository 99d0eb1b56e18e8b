// One runner call as the executor makes it: the step's timeout enforced here (a runner that does
// not stop in time is abandoned with a clear error), the run's cancel or shutdown passed on as an
// abort, and a runner that throws despite its contract turned into a failure.
import { setMaxListeners } from "node:events";
import type { Json, Runner, RunnerInvocation, RunnerResult } from "./types.js";

export type Invocation = Omit<RunnerInvocation, "signal">;
export type InvokeResult = RunnerResult & { cancelled?: boolean };

export async function invokeRunner(runner: Runner, inv: Invocation, runSignal: AbortSignal): Promise<InvokeResult> {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const onAbort = () => controller.abort(runSignal.reason);
  runSignal.addEventListener("abort", onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  try {
    const running = runner
      .run({ ...inv, signal: controller.signal })
      .catch((e: unknown): RunnerResult => ({ ok: false, error: e instanceof Error ? e.message : String(e) }));
    const result = inv.timeoutMs
      ? await Promise.race([
          running,
          new Promise<RunnerResult>((resolve) => {
            timer = setTimeout(() => {
              controller.abort("timeout");
              resolve({ ok: false, error: `timed out after ${inv.timeoutMs} ms` });
            }, inv.timeoutMs as number);
          }),
        ])
      : await running;
    if (runSignal.aborted) return { ok: false, error: "cancelled", cancelled: true };
    return result;
  } finally {
    clearTimeout(timer);
    runSignal.removeEventListener("abort", onAbort);
  }
}

/** The serialised size of a value over `limit`, or null (also when there is no limit). */
export function oversize(value: Json | undefined, limit: number | undefined): number | null {
  if (limit === undefined || value === undefined || value === null) return null;
  const bytes = Buffer.byteLength(JSON.stringify(value));
  return bytes > limit ? bytes : null;
}

export function numberOr(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
