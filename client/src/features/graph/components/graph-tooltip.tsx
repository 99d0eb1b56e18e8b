import { formatDateTime, formatMs } from "../../../lib/format.ts";
import type { GraphEdgeFields, GraphNodeFields } from "../lib/graph-elements.ts";

export type TooltipTarget =
  | { kind: "node"; data: GraphNodeFields; x: number; y: number; flip: boolean }
  | { kind: "edge"; data: GraphEdgeFields; x: number; y: number; flip: boolean };

const percent = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? "—" : `${Math.round(rate * 1000) / 10}%`;

export function GraphTooltip({ target }: { target: TooltipTarget }) {
  return (
    <div
      className="chart-tooltip graph-tooltip"
      role="tooltip"
      data-testid="graph-tooltip"
      style={{ left: target.x, top: Math.max(4, target.y), transform: target.flip ? "translateX(-100%)" : undefined }}
    >
      {target.kind === "node" ? <NodeFigures node={target.data} /> : <EdgeFigures edge={target.data} />}
    </div>
  );
}

function NodeFigures({ node }: { node: GraphNodeFields }) {
  return (
    <>
      <strong>{node.agentName}</strong>
      <dl>
        <dt>Executions</dt>
        <dd>{node.executionCount.toLocaleString("en-US")}</dd>
        <dt>Success rate</dt>
        <dd>
          {percent(node.successRate)}{" "}
          <span className="muted-text">
            ({node.successCount} ok · {node.failureCount} failed)
          </span>
        </dd>
        <dt>Avg duration</dt>
        <dd>
          {node.avgDurationMs === null || node.avgDurationMs === undefined
            ? "—"
            : formatMs(Math.round(node.avgDurationMs))}
        </dd>
      </dl>
      <span className="tooltip-hint">Click to see its executions</span>
    </>
  );
}

function EdgeFigures({ edge }: { edge: GraphEdgeFields }) {
  return (
    <>
      <strong>
        {edge.source} → {edge.target}
      </strong>
      <dl>
        <dt>Handoffs</dt>
        <dd>{edge.count.toLocaleString("en-US")}</dd>
        <dt>Success rate</dt>
        <dd>
          {percent(edge.successRate)}{" "}
          <span className="muted-text">
            ({edge.successCount} ok · {edge.failureCount} failed)
          </span>
        </dd>
        <dt>First</dt>
        <dd>{formatDateTime(edge.firstAt)}</dd>
        <dt>Last</dt>
        <dd>{formatDateTime(edge.lastAt)}</dd>
      </dl>
      <span className="tooltip-hint">Click to see both agents' executions</span>
    </>
  );
}
