// Run and step statuses, drawn in the timeline's colours: succeeded is the timeline's success green,
// failed its failure red, running its in-progress blue, pending grey, cancelled amber. Skipped (a
// step that never ran after a failure) has no execution, so no timeline colour: a lighter grey.
import { STATUS_COLORS } from "../../timeline/lib/status-colors.ts";
import type { ExecutionStatus } from "../../timeline/lib/types.ts";

export const RUN_STATUSES = [
  "pending",
  "running",
  "succeeded",
  "failed",
  "cancelled",
  "rolling_back",
  "rolled_back",
  "rollback_failed",
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const SKIPPED_COLOR = "#d0d5dd";

/** The execution status whose colour (and badge style) a run or step status borrows. */
const TONES: Record<string, ExecutionStatus> = {
  pending: "pending",
  running: "in_progress",
  succeeded: "success",
  failed: "failure",
  cancelled: "cancelled",
  rolling_back: "in_progress",
  rolled_back: "cancelled",
  rollback_failed: "failure",
};

const LABELS: Record<string, string> = {
  pending: "Pending",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  skipped: "Skipped",
  cancelled: "Cancelled",
  rolling_back: "Rolling back",
  rolled_back: "Rolled back",
  rollback_failed: "Rollback failed",
};

/** `success`, `failure`, …, or `skipped`: the status-badge class suffix. */
export function statusTone(status: string): string {
  return TONES[status] ?? (status === "skipped" ? "skipped" : "pending");
}

export function statusColor(status: string): string {
  const tone = TONES[status];
  return tone ? STATUS_COLORS[tone] : status === "skipped" ? SKIPPED_COLOR : STATUS_COLORS.pending;
}

export function statusLabel(status: string): string {
  return LABELS[status] ?? status;
}

const FINISHED = new Set(["succeeded", "failed", "skipped", "cancelled", "rolled_back", "rollback_failed"]);

/** No more changes will come: succeeded, failed, skipped or cancelled. */
export function isFinished(status: string): boolean {
  return FINISHED.has(status);
}

/** How far along a status is: pending 0, running 1, finished 2 (the order changes come in). */
export function statusRank(status: string): number {
  return status === "pending" ? 0 : status === "running" ? 1 : 2;
}
