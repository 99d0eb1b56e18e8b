// A titled panel around one chart, with its legend and a sized container (nivo's responsive charts
// fill their parent, so the parent needs a height). Shows a note instead of an empty chart.
import type { ReactNode } from "react";
import { ScrollRegion } from "../../../components/ui/scroll-region.tsx";

interface ChartPanelProps {
  title: string;
  caption?: string;
  legend?: ReactNode;
  testId: string;
  height: number;
  /** Why there is nothing to draw, or null to draw. */
  empty: string | null;
  wide?: boolean;
  /** A remark under the chart (an axis that does not start at 0). */
  note?: string | null;
  /** The chart's figures as a table (its text alternative), shown on demand. */
  table?: ReactNode;
  children: ReactNode;
}

export function ChartPanel({
  title,
  caption,
  legend,
  testId,
  height,
  empty,
  wide,
  note,
  table,
  children,
}: ChartPanelProps) {
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
      {note && !empty ? <p className="axis-note">{note}</p> : null}
      {table && !empty ? table : null}
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

/** A chart's figures as a table in a disclosure: the chart's text alternative, by keyboard too. */
export function ChartDataTable({
  title,
  columns,
  rows,
}: {
  title: string;
  columns: readonly string[];
  rows: readonly (readonly string[])[];
}) {
  return (
    <details className="chart-data">
      <summary>
        Data table<span className="visually-hidden">: {title}</span>
      </summary>
      <ScrollRegion label={`${title}: data`}>
        <table className="data-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row[0]}>
                {row.map((cell, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are its columns, in order
                  <td key={i}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </details>
  );
}
