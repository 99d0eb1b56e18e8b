// The graph's text alternative: every handoff route as a row (from → to, handoffs, failures, success
// rate), readable without hovering and by screen readers, each leading to the route's executions.
import { Link } from "react-router-dom";
import { ScrollRegion } from "../../../components/ui/scroll-region.tsx";
import type { GraphEdgeFields } from "../lib/graph-elements.ts";

/** 0.667 → "66.7%"; no finished handoffs → "—". */
export const routeRate = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? "—" : `${Math.round(rate * 1000) / 10}%`;

interface GraphRoutesTableProps {
  edges: readonly GraphEdgeFields[];
  /** The timeline URL (path and query) for one route. */
  timelineHref: (source: string, target: string) => string;
}

export function GraphRoutesTable({ edges, timelineHref }: GraphRoutesTableProps) {
  return (
    <section className="panel graph-routes" aria-labelledby="graph-routes-title">
      <h2 id="graph-routes-title" className="section-title">
        Handoff routes
      </h2>
      {edges.length === 0 ? (
        <p className="muted-text">No agent handed off to another in this range.</p>
      ) : (
        <ScrollRegion label="Handoff routes">
          <table className="data-table" data-testid="graph-routes">
            <thead>
              <tr>
                <th scope="col">From agent</th>
                <th scope="col">To agent</th>
                <th scope="col">Handoffs</th>
                <th scope="col">Failures</th>
                <th scope="col">Success rate</th>
                <th scope="col">
                  <span className="visually-hidden">Executions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {edges.map((e) => (
                <tr key={`${e.source}\n${e.target}`}>
                  <td>{e.source}</td>
                  <td>{e.target}</td>
                  <td className="num">{e.count.toLocaleString("en-US")}</td>
                  <td className="num">{e.failureCount.toLocaleString("en-US")}</td>
                  <td className="num">{routeRate(e.successRate)}</td>
                  <td>
                    <Link to={timelineHref(e.source, e.target)} aria-label={`Executions of ${e.source} → ${e.target}`}>
                      Executions
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
