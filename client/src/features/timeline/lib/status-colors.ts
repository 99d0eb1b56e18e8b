import type { ExecutionStatus } from "./types.ts";

export const STATUS_COLORS: Record<ExecutionStatus, string> = {
  success: "#17b26a",
  failure: "#f04438",
  in_progress: "#2e90fa",
  pending: "#98a2b3",
  cancelled: "#f79009",
};

export const STATUS_LABELS: Record<ExecutionStatus, string> = {
  success: "Success",
  failure: "Failure",
  in_progress: "In progress",
  pending: "Pending",
  cancelled: "Cancelled",
};

/** The outline and hatching of a rollback's compensation bars (and the legend's swatch). */
export const ROLLBACK_COLOR = "#7a5af8";

export function statusColor(status: string): string {
  return STATUS_COLORS[status as ExecutionStatus] ?? STATUS_COLORS.pending;
}
