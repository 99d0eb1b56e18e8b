import { statusColor, statusLabel, statusTone } from "../lib/status.ts";

/** A run's or a step's status, in the timeline's colours. */
export function RunStatusBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <span className={`status-badge status-${statusTone(status)}`} data-status={status} data-testid={testId}>
      <span className="status-dot" style={{ background: statusColor(status) }} aria-hidden="true" />
      {statusLabel(status)}
    </span>
  );
}
