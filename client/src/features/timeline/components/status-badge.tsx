import { STATUS_COLORS, STATUS_LABELS } from "../lib/status-colors.ts";
import type { ExecutionStatus } from "../lib/types.ts";

export function StatusBadge({ status, compact = false }: { status: string; compact?: boolean }) {
  const s = status as ExecutionStatus;
  const label = STATUS_LABELS[s] ?? status;
  if (compact)
    return (
      <span
        className="status-dot"
        style={{ background: STATUS_COLORS[s] }}
        title={label}
        role="img"
        aria-label={label}
      />
    );
  return (
    <span className={`status-badge status-${status}`} data-status={status}>
      <span className="status-dot" style={{ background: STATUS_COLORS[s] }} aria-hidden="true" />
      {label}
    </span>
  );
}
