// The lane labels beside the canvas: only the rows in view (plus a few) exist in the DOM. Each
// label indents by handoff depth; a parent's caret folds its subtree.
import { CIRCUIT_LABELS } from "../../health/components/circuit-badge.tsx";
import type { CircuitStates } from "../../health/hooks/use-circuit-states.ts";
import type { LaneLayout } from "../lib/lanes.ts";
import { STATUS_COLORS, STATUS_LABELS } from "../lib/status-colors.ts";

interface TimelineLabelsProps {
  layout: LaneLayout;
  first: number;
  last: number;
  rowHeight: number;
  axisHeight: number;
  selectedId: string | null;
  hoverId: string | null;
  onSelect: (id: string) => void;
  onToggle: (id: string) => void;
  /** A double-click on a lane zooms the axis to its tree. */
  onZoomTree?: (id: string) => void;
  circuits: CircuitStates;
}

export function TimelineLabels(props: TimelineLabelsProps) {
  const { layout, first, last, rowHeight, axisHeight, selectedId, hoverId } = props;
  const rows = [];
  for (let i = Math.max(0, first); i <= last && i < layout.lanes.length; i++) {
    const lane = layout.lanes[i];
    if (!lane) continue;
    const e = lane.execution;
    const circuit = props.circuits.get(e.agentName);
    const classes = ["timeline-lane"];
    if (lane.treeParity === 1) classes.push("timeline-lane-shaded");
    if (e.id === selectedId) classes.push("timeline-lane-selected");
    else if (e.id === hoverId) classes.push("timeline-lane-hover");
    if (e.context) classes.push("timeline-lane-context");
    rows.push(
      <li
        key={e.id}
        className={classes.join(" ")}
        data-testid="timeline-lane"
        data-execution-id={e.id}
        style={{ top: axisHeight + i * rowHeight, height: rowHeight, paddingLeft: 6 + lane.depth * 14 }}
        onDoubleClick={() => props.onZoomTree?.(e.id)}
      >
        {lane.hasChildren ? (
          <button
            type="button"
            className="lane-caret"
            aria-expanded={!lane.collapsed}
            aria-label={`${lane.collapsed ? "Expand" : "Collapse"} the handoffs of ${e.agentName}`}
            onClick={() => props.onToggle(e.id)}
          >
            <span aria-hidden="true">{lane.collapsed ? "▸" : "▾"}</span>
          </button>
        ) : (
          <span className="lane-caret-space" />
        )}
        <button
          type="button"
          className="lane-name"
          aria-current={e.id === selectedId ? "true" : undefined}
          title={`${e.agentName} · ${STATUS_LABELS[e.status]}${e.rollback ? " · rollback (compensation)" : ""}${e.context ? " · shown for context" : ""}`}
          onClick={() => props.onSelect(e.id)}
        >
          <span className="status-dot" style={{ background: STATUS_COLORS[e.status] }} aria-hidden="true" />
          <span className="lane-agent">{e.agentName}</span>
          {e.attempt > 1 ? <span className="lane-attempt">#{e.attempt}</span> : null}
          {circuit ? (
            <span
              className={`badge badge-circuit badge-circuit-${circuit} badge-circuit-lane`}
              data-testid="lane-circuit"
              data-state={circuit}
              title={`${e.agentName}'s circuit is ${CIRCUIT_LABELS[circuit].replace("circuit ", "")} now`}
            >
              {CIRCUIT_LABELS[circuit]}
            </span>
          ) : null}
          {e.rollback ? (
            <span className="lane-rollback" data-testid="lane-rollback">
              rollback
            </span>
          ) : null}
          <span className="visually-hidden">, {STATUS_LABELS[e.status]}</span>
        </button>
      </li>,
    );
  }
  return (
    <div className="timeline-labels">
      <div className="timeline-labels-head" style={{ height: axisHeight }}>
        Agent <span className="muted-text">· by handoff tree</span>
      </div>
      <ul className="timeline-lane-list" aria-label="Executions">
        {rows}
      </ul>
    </div>
  );
}
