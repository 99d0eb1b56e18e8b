// The trace's executions as a list beside the Gantt, failed ones first: the keyboard's way to the
// bars (each row a button selecting its execution), marked when on the critical path or matching
// the search.
import { memo } from "react";
import { StatusBadge } from "../../timeline/components/status-badge.tsx";
import { shortMs } from "../lib/gantt-layout.ts";
import type { TraceSpan } from "../lib/trace-model.ts";

interface TraceSpanListProps {
  spans: readonly TraceSpan[];
  critical: ReadonlySet<string>;
  matches: ReadonlySet<string> | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
  nowMs: number;
}

export const TraceSpanList = memo(function TraceSpanList({
  spans,
  critical,
  matches,
  selectedId,
  onSelect,
  nowMs,
}: TraceSpanListProps) {
  return (
    <ol className="trace-span-list" data-testid="trace-span-list" aria-label="Executions, failed first">
      {spans.map((s) => {
        const match = matches?.has(s.id) ?? false;
        return (
          <li
            key={s.id}
            data-execution-id={s.id}
            data-match={match ? "true" : undefined}
            data-critical={critical.has(s.id) ? "true" : undefined}
          >
            <button
              type="button"
              className="trace-span"
              aria-current={s.id === selectedId ? "true" : undefined}
              onClick={() => onSelect(s.id)}
            >
              <StatusBadge status={s.status} />
              <span className="trace-span-agent">{match ? <mark>{s.agentName}</mark> : s.agentName}</span>
              <span className="trace-span-ms">
                {s.endMs === null ? `running ${shortMs(nowMs - s.startMs)}` : shortMs(s.endMs - s.startMs)}
              </span>
              {critical.has(s.id) ? <span className="trace-span-critical">critical path</span> : null}
              <code className="trace-span-id">{s.id}</code>
            </button>
          </li>
        );
      })}
    </ol>
  );
});
