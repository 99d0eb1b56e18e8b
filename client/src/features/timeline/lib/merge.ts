// Live updates: executions recorded or updated elsewhere are merged into what the timeline shows,
// re-ordered into their trees. Pure, so the rules (what joins, what only updates) are testable.
import { orderTrees } from "./lanes.ts";
import { EXECUTION_STATUSES, type ExecutionStatus, type TimelineExecution } from "./types.ts";

/** The fields the timeline reads from the API's Execution. */
export interface ExecutionFields {
  id: string;
  agentName: string;
  status: string;
  timestamp: string;
  endedAt?: string | null;
  durationMs?: number | null;
  parentExecutionId?: string | null;
  rootId: string;
  attempt: number;
  workflowStepId?: string | null;
}

/** The step id a workflow run gives the executions of its rollback (run-rollback.ts). */
export const ROLLBACK_STEP_PREFIX = "rollback:";

const FINISHED = new Set(["success", "failure", "cancelled"]);

export function toTimelineExecution(e: ExecutionFields, context = false): TimelineExecution {
  const startMs = Date.parse(e.timestamp);
  let endMs = e.endedAt ? Date.parse(e.endedAt) : null;
  if (endMs === null && typeof e.durationMs === "number") endMs = startMs + e.durationMs;
  // A finished execution with no recorded end is a point in time, not a bar growing forever.
  if (endMs === null && FINISHED.has(e.status)) endMs = startMs;
  const status = (EXECUTION_STATUSES as readonly string[]).includes(e.status) ? e.status : "pending";
  return {
    id: e.id,
    agentName: e.agentName,
    status: status as ExecutionStatus,
    startMs,
    endMs,
    parentId: e.parentExecutionId ?? null,
    rootId: e.rootId,
    attempt: e.attempt,
    context,
    rollback: e.workflowStepId?.startsWith(ROLLBACK_STEP_PREFIX) === true,
  };
}

/** What the timeline is filtered on, as the live merge needs it. */
export interface LiveFilter {
  agents: readonly string[];
  statuses: readonly string[];
  startMs: number | null;
  /** Exclusive. */
  endMs: number | null;
  workflow?: string | null;
  workflowRun?: string | null;
  /**
   * Away from "now" (an older page, or a zoomed axis): shown executions take updates and new
   * handoffs inside a shown tree join; a new tree is not drawn under the reader but counted (`held`).
   */
  onlyShown?: boolean;
  /** Only executions whose parent is one of these agents' (a route of the graph). */
  parentAgents?: readonly string[];
}

export interface ExecutionEventFields {
  kind: string;
  execution: ExecutionFields & { workflowId?: string | null; workflowRunId?: string | null };
}

export function matchesFilter(e: ExecutionEventFields["execution"], f: LiveFilter): boolean {
  const start = Date.parse(e.timestamp);
  if (f.agents.length && !f.agents.includes(e.agentName)) return false;
  if (f.statuses.length && !f.statuses.includes(e.status)) return false;
  if (f.startMs !== null && start < f.startMs) return false;
  if (f.endMs !== null && start >= f.endMs) return false;
  if (f.workflow && e.workflowId !== f.workflow) return false;
  if (f.workflowRun && e.workflowRunId !== f.workflowRun) return false;
  return true;
}

export interface MergeResult {
  executions: TimelineExecution[];
  /** Ids of new executions whose parent is not shown: fetch their ancestors to hang them in place. */
  orphans: string[];
  changed: boolean;
  /** Root ids of the new trees matching the filter that `onlyShown` kept out of the view. */
  held: string[];
}

/**
 * Shown executions take every update (even one that no longer matches the filter, rather than
 * vanishing under the reader's eyes); executions not shown join when they match the filter.
 * Context rows (ancestors added with `context`) join regardless.
 */
export function mergeExecutions(
  current: readonly TimelineExecution[],
  events: readonly ExecutionEventFields[],
  filter: LiveFilter,
  context: readonly ExecutionFields[] = [],
): MergeResult {
  const byId = new Map(current.map((e) => [e.id, e]));
  let changed = false;
  let added = false;
  for (const a of context) {
    if (byId.has(a.id)) continue;
    byId.set(a.id, toTimelineExecution(a, true));
    changed = added = true;
  }
  const held = new Set<string>();
  for (const { execution } of events) {
    const shown = byId.get(execution.id);
    if (!shown && !matchesFilter(execution, filter)) continue;
    if (!shown && filter.onlyShown && !(execution.parentExecutionId && byId.has(execution.parentExecutionId))) {
      held.add(execution.rootId);
      continue;
    }
    // A new execution on a route joins when its parent is shown and is one of those agents'.
    if (!shown && filter.parentAgents?.length) {
      const parent = execution.parentExecutionId ? byId.get(execution.parentExecutionId) : undefined;
      if (!parent || !filter.parentAgents.includes(parent.agentName)) continue;
    }
    // A matching update to a context row makes it a match.
    const next = toTimelineExecution(execution, shown ? shown.context && !matchesFilter(execution, filter) : false);
    if (shown && sameExecution(shown, next)) continue;
    if (!shown || shown.parentId !== next.parentId || shown.startMs !== next.startMs) added = true;
    byId.set(next.id, next);
    changed = true;
  }
  if (!changed) return { executions: current as TimelineExecution[], orphans: [], changed, held: [...held] };
  const all = [...byId.values()];
  const executions = added ? orderTrees(all) : current.map((e) => byId.get(e.id) as TimelineExecution);
  const orphans = events
    .map((ev) => ev.execution)
    .filter((e) => e.parentExecutionId && !byId.has(e.parentExecutionId) && byId.has(e.id))
    .map((e) => e.id);
  return { executions, orphans: [...new Set(orphans)], changed, held: [...held] };
}

function sameExecution(a: TimelineExecution, b: TimelineExecution): boolean {
  return (
    a.status === b.status &&
    a.startMs === b.startMs &&
    a.endMs === b.endMs &&
    a.parentId === b.parentId &&
    a.agentName === b.agentName &&
    a.attempt === b.attempt &&
    a.context === b.context &&
    a.rollback === b.rollback
  );
}
