// The timeline's own shape of an execution: times as epoch milliseconds, so the drawing math never
// parses a date string in a frame.
export const EXECUTION_STATUSES = ["pending", "in_progress", "success", "failure", "cancelled"] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export interface TimelineExecution {
  id: string;
  agentName: string;
  status: ExecutionStatus;
  startMs: number;
  /** null while it runs (or waits): the bar then reaches "now". */
  endMs: number | null;
  parentId: string | null;
  rootId: string;
  attempt: number;
  /** Shown only as an ancestor of a match: drawn dimmed. */
  context: boolean;
  /** A compensation run by a workflow run's rollback (its step id is `rollback:<step>`): drawn apart. */
  rollback?: boolean;
}

/** The visible time window. */
export interface TimeView {
  startMs: number;
  endMs: number;
}
