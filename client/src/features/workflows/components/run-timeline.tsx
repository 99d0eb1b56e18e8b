// The run's executions (its root, every step, every retry, its rollback's compensations) on the
// timeline's Gantt chart, kept live by the timeline's own execution events and by the run page's
// refetches; a bar opens the execution beside the chart, as on the timeline page.
import { useMemo } from "react";
import { Link } from "react-router-dom";
import { EmptyState } from "../../../components/ui/query-state.tsx";
import type { FragmentType } from "../../../gql/index.ts";
import { ExecutionDetailPanel } from "../../timeline/components/execution-detail-panel.tsx";
import { TimelineChart } from "../../timeline/components/timeline-chart.tsx";
import { type TimelineBarFragment, useTimelineExecutions } from "../../timeline/hooks/use-timeline-executions.ts";
import type { LiveFilter } from "../../timeline/lib/merge.ts";

interface RunTimelineProps {
  runId: string;
  executions: readonly FragmentType<typeof TimelineBarFragment>[];
  /** When the run was created, started and ended (ISO): the chart's first view. */
  createdAt: string;
  startedAt: string | null | undefined;
  endedAt: string | null | undefined;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}

const MIN_SPAN_MS = 10_000;

export function timelineLink(runId: string, createdAt: string): string {
  const from = new Date(Date.parse(createdAt) - 60_000).toISOString();
  return `/timeline?${new URLSearchParams({ workflow_run: runId, start_date: from }).toString()}`;
}

export function RunTimeline({
  runId,
  executions,
  createdAt,
  startedAt,
  endedAt,
  selectedId,
  onSelect,
}: RunTimelineProps) {
  const loaded = useMemo(() => ({ executions, contextIds: [] }), [executions]);
  const filter = useMemo<LiveFilter>(
    () => ({ agents: [], statuses: [], startMs: null, endMs: null, workflowRun: runId }),
    [runId],
  );
  const { executions: bars } = useTimelineExecutions(loaded, filter);
  const startMs = Date.parse(startedAt ?? createdAt);
  // A rollback runs after the run ended: the chart reaches its last compensation, and stays open
  // while one is still running.
  const endMs = useMemo(() => {
    if (!endedAt) return null;
    let last = Date.parse(endedAt);
    for (const b of bars) {
      if (b.endMs === null) return null;
      last = Math.max(last, b.endMs);
    }
    return last;
  }, [bars, endedAt]);
  const domain = useMemo(() => {
    const end = endMs ?? Math.max(Date.now() + 5_000, startMs + MIN_SPAN_MS);
    return { startMs, endMs: Math.max(end, startMs + 1_000) };
  }, [startMs, endMs]);
  const selected = selectedId ? bars.find((e) => e.id === selectedId) : undefined;

  return (
    <section className="run-timeline" aria-labelledby="run-timeline-title">
      <header className="section-head">
        <h2 id="run-timeline-title" className="section-title">
          Executions
        </h2>
        <Link to={timelineLink(runId, createdAt)} data-testid="run-timeline-link">
          Open in the timeline →
        </Link>
      </header>
      <div className={`timeline-main${selectedId ? " timeline-main-detail" : ""}`}>
        {bars.length ? (
          <TimelineChart
            executions={bars}
            domain={domain}
            openEnded={endMs === null}
            selectedId={selectedId}
            onSelect={onSelect}
          />
        ) : (
          <EmptyState title="No executions yet">
            <p>Each step records an execution when it starts; they appear here live.</p>
          </EmptyState>
        )}
        {selectedId ? (
          <ExecutionDetailPanel
            key={selectedId}
            id={selectedId}
            version={selected ? `${selected.status}:${selected.endMs}` : ""}
            onClose={() => onSelect(null)}
          />
        ) : null}
      </div>
    </section>
  );
}
