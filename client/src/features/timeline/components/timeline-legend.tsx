import { CIRCUIT_OUTLINE } from "../lib/draw-timeline.ts";
import { STATUS_COLORS, STATUS_LABELS } from "../lib/status-colors.ts";
import { EXECUTION_STATUSES } from "../lib/types.ts";

export function TimelineLegend() {
  return (
    <ul className="legend" aria-label="Legend" data-testid="timeline-legend">
      {EXECUTION_STATUSES.map((s) => (
        <li key={s}>
          <span className="legend-swatch" style={{ background: STATUS_COLORS[s] }} aria-hidden="true" />
          {STATUS_LABELS[s]}
        </li>
      ))}
      <li>
        <span className="legend-swatch legend-context" aria-hidden="true" />
        Context (ancestor)
      </li>
      <li>
        <span className="legend-swatch legend-rollback" aria-hidden="true" />
        Rollback (compensation)
      </li>
      <li>
        <svg className="legend-arrow" viewBox="0 0 22 10" aria-hidden="true">
          <path d="M1 1v4h16" />
          <path d="m16 2 4 3-4 3z" />
        </svg>
        Handoff
      </li>
      <li>
        <span className="legend-now" aria-hidden="true" />
        Now
      </li>
      <li>
        <span
          className="legend-swatch legend-circuit-outline"
          style={{ outlineColor: CIRCUIT_OUTLINE.open }}
          aria-hidden="true"
        />
        Agent's circuit open now (dashed outline; amber: half-open)
      </li>
    </ul>
  );
}
