import { CIRCUIT_NODE, RATE_STOPS, UNKNOWN_RATE_COLOR } from "../lib/graph-elements.ts";

export function GraphLegend() {
  const gradient = `linear-gradient(to right, ${RATE_STOPS.map((s, i) => `${s.color} ${(i / (RATE_STOPS.length - 1)) * 100}%`).join(", ")})`;
  return (
    <div className="graph-legend" data-testid="graph-legend">
      <div className="graph-legend-scale">
        <span className="graph-legend-title">Success rate (edges, node rims)</span>
        <span className="graph-legend-bar" style={{ background: gradient }} aria-hidden="true" />
        <span className="graph-legend-ticks">
          {RATE_STOPS.map((s) => (
            <span key={s.rate}>
              {s.rate === RATE_STOPS[0]?.rate ? "≤ " : ""}
              {Math.round(s.rate * 100)}%
            </span>
          ))}
        </span>
      </div>
      <ul className="legend">
        <li>
          <span className="legend-swatch" style={{ background: UNKNOWN_RATE_COLOR }} aria-hidden="true" />
          No finished runs
        </li>
        <li>
          <span className="legend-node" aria-hidden="true" />
          Node size: executions
        </li>
        <li>
          <span className="legend-edge" aria-hidden="true" />
          Edge width: handoffs
        </li>
        <li>
          <span className="legend-workflow" aria-hidden="true" />
          Workflow run (not an agent)
        </li>
        <li>
          <span className="legend-circuit" style={{ background: CIRCUIT_NODE.open.fill }} aria-hidden="true" />
          Circuit open
        </li>
        <li>
          <span className="legend-circuit" style={{ background: CIRCUIT_NODE.half_open.fill }} aria-hidden="true" />
          Circuit half-open
        </li>
      </ul>
    </div>
  );
}
