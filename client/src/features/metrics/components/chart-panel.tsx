// A titled panel around one chart, with its legend and a sized container (nivo's responsive charts
// fill their parent, so the parent needs a height). Shows a note instead of an empty chart.
import type { ReactNode } from "react";

interface ChartPanelProps {
  title: string;
  caption?: string;
  legend?: ReactNode;
  testId: string;
  height: number;
  /** Why there is nothing to draw, or null to draw. */
  empty: string | null;
  wide?: boolean;
  children: ReactNode;
}

export function ChartPanel({ title, caption, legend, testId, height, empty, wide, children }: ChartPanelProps) {
  const id = `${testId}-title`;
  return (
    <section className={`panel metrics-panel${wide ? " metrics-panel-wide" : ""}`} aria-labelledby={id}>
      <header className="metrics-panel-head">
        <div>
          <h2 id={id}>{title}</h2>
          {caption ? <p className="metrics-panel-caption">{caption}</p> : null}
        </div>
        {legend}
      </header>
      <div className="metrics-chart" data-testid={testId} style={{ height }}>
        {empty ? <p className="metrics-chart-empty">{empty}</p> : children}
      </div>
    </section>
  );
}

export function ChartLegend({ items }: { items: { name: string; color: string }[] }) {
  return (
    <ul className="legend metrics-legend">
      {items.map((item) => (
        <li key={item.name}>
          <span className="legend-swatch" style={{ background: item.color }} aria-hidden="true" />
          {item.name}
        </li>
      ))}
    </ul>
  );
}
