import { STATUS_COLORS, STATUS_LABELS } from "../lib/status-colors.ts";
import type { ExecutionStatus } from "../lib/types.ts";

/** An execution's status (in the dashboard's words, `in_progress`) in the timeline's colours. */
export function StatusBadge({ status: s, compact = false }: { status: ExecutionStatus; compact?: boolean }) {
  const label = STATUS_LABELS[s] ?? s;
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
    <span className={`status-badge status-${s}`} data-status={s}>
      <span className="status-dot" style={{ background: STATUS_COLORS[s] }} aria-hidden="true" />
      {label}
    </span>
  );
}
