// How `baton run --follow` shows a run: NDJSON for machines (--json), one plain line per change
// when stdout is not a terminal, and on a terminal a compact table of the steps redrawn in place,
// with running steps' clocks ticking.
import type { Change, FollowView, StepState } from "./follow.js";
import type { RestRun } from "./runs.js";

/** 1234 → `1.23s`, 61500 → `1m01.5s`. */
export function seconds(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)}s`;
  const m = Math.floor(ms / 60_000);
  return `${m}m${((ms % 60_000) / 1000).toFixed(1).padStart(4, "0")}s`;
}

/** The final line of a followed run. */
export function outcomeLine(run: RestRun): string {
  const took = run.duration_ms !== null ? ` in ${seconds(run.duration_ms)}` : "";
  const why = run.error ? `: ${run.error}` : "";
  return `run ${run.id} ${run.status}${took}${why}`;
}

/** What a step change says after its status: the attempt, a retry, the time it took, its error. */
function detail(c: Change): string {
  const parts: string[] = [];
  if (c.status === "running" && c.error) parts.push(`attempt ${c.attempts} failed, retrying: ${c.error}`);
  else if (c.status === "running" && (c.attempts ?? 0) > 1) parts.push(`attempt ${c.attempts}`);
  if (c.duration_ms !== null) parts.push(seconds(c.duration_ms));
  if (c.status !== "running" && c.error) parts.push(c.error);
  return parts.join("  ");
}

type Write = (text: string) => void;

/** `--json`: each change as one JSON line, then `{ type: "result", … }`. */
export function jsonView(write: Write): FollowView {
  return {
    change: (c) => write(`${JSON.stringify(c)}\n`),
    end: (run) =>
      write(
        `${JSON.stringify({
          type: "result",
          run_id: run.id,
          workflow_name: run.workflow_name,
          status: run.status,
          error: run.error,
          failed_step_id: run.failed_step_id,
          duration_ms: run.duration_ms,
          outputs: run.outputs,
        })}\n`,
      ),
    close: () => undefined,
  };
}

/** Not a terminal: one line per change, `+elapsed  step  agent  status  detail`. */
export function lineView(write: Write, steps: readonly { step_id: string; agent_name: string }[]): FollowView {
  const idWidth = Math.max(4, ...steps.map((s) => s.step_id.length));
  const agentWidth = Math.max(5, ...steps.map((s) => s.agent_name.length));
  return {
    change: (c) => {
      const at = `+${seconds(c.elapsed_ms)}`.padStart(9);
      if (c.type === "run") {
        write(`${at}  run ${c.status}${c.error ? `: ${c.error}` : ""}\n`);
        return;
      }
      const text = [at, (c.step_id ?? "").padEnd(idWidth), (c.agent_name ?? "").padEnd(agentWidth), c.status.padEnd(9)];
      write(`${[...text, detail(c)].join("  ").trimEnd()}\n`);
    },
    end: (run) => write(`${outcomeLine(run)}\n`),
    close: () => undefined,
  };
}

const MARK: Record<string, string> = {
  pending: "·",
  running: "▶",
  succeeded: "✓",
  failed: "✗",
  skipped: "-",
  cancelled: "⊘",
};

/** A terminal: the run's header and one row per step, redrawn on each change and every 200 ms. */
export function terminalView(write: Write, workflow: string, runId: string, createdAt: string): FollowView {
  const origin = Date.parse(createdAt);
  let status = "pending";
  let drawn = 0;
  let rows: StepState[] = [];
  const draw = () => {
    const now = Date.now();
    const done = rows.filter((s) => s.endedAt !== null).length;
    const idWidth = Math.max(4, ...rows.map((s) => s.id.length));
    const agentWidth = Math.max(5, ...rows.map((s) => s.agent.length));
    const lines = [
      `${workflow}  run ${runId}  ${status}  ${done}/${rows.length} steps  ${seconds(now - origin)}`,
      ...rows.map((s) => {
        const took =
          s.startedAt === null ? "" : seconds((s.endedAt ?? now) - s.startedAt) + (s.endedAt === null ? "…" : "");
        const note =
          s.status === "running" && s.error
            ? `attempt ${s.attempts} failed, retrying: ${s.error}`
            : s.status === "running" && s.attempts > 1
              ? `attempt ${s.attempts}`
              : s.status !== "running" && s.error
                ? s.error
                : "";
        const columns = ` ${MARK[s.status] ?? "?"} ${s.id.padEnd(idWidth)}  ${s.agent.padEnd(agentWidth)}  ${s.status.padEnd(9)}  ${took.padEnd(9)}  ${note}`;
        return columns.trimEnd().slice(0, (process.stdout.columns || 120) - 1);
      }),
    ];
    // Back to the top of the previous drawing, then each line cleared and rewritten.
    write(`${drawn > 0 ? `\x1b[${drawn}A` : ""}${lines.map((l) => `\x1b[2K${l}\n`).join("")}`);
    drawn = lines.length;
  };
  // The clocks of running steps tick between changes, once the first drawing is there.
  const timer = setInterval(() => drawn > 0 && draw(), 200);
  return {
    change: (c, steps) => {
      if (c.type === "run") status = c.status;
      rows = [...steps.values()];
      draw();
    },
    end: (run, steps) => {
      status = run.status;
      rows = [...steps.values()];
      clearInterval(timer);
      draw();
      write(`${outcomeLine(run)}\n`);
    },
    close: () => clearInterval(timer),
  };
}
