import { formatMs } from "../../../lib/format.ts";
import { barEndMs } from "../lib/layout.ts";
import { STATUS_LABELS } from "../lib/status-colors.ts";
import type { TimelineExecution } from "../lib/types.ts";

const time = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium" });

export function TimelineTooltip({ execution, x, y }: { execution: TimelineExecution; x: number; y: number }) {
  const running = execution.endMs === null;
  const duration = barEndMs(execution, Date.now()) - execution.startMs;
  return (
    <div className="chart-tooltip" role="tooltip" data-testid="timeline-tooltip" style={{ left: x, top: y }}>
      <strong>{execution.agentName}</strong>
      <span>
        {STATUS_LABELS[execution.status]}
        {execution.attempt > 1 ? ` · attempt ${execution.attempt}` : ""}
        {execution.context ? " · context" : ""}
      </span>
      <span>{time.format(execution.startMs)}</span>
      <span>
        {running ? "running for " : ""}
        {formatMs(Math.round(duration))}
      </span>
    </div>
  );
}
