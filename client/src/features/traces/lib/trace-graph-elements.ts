// The trace's agent graph as cytoscape elements: by agent (one node per agent, edges counting its
// handoffs) or expanded (one node per execution, an edge per handoff). Pure: tests call it.
import type { ElementDefinition } from "cytoscape";
import { statusColor } from "../../timeline/lib/status-colors.ts";
import { agentGraph, type TraceSpan } from "./trace-model.ts";

export type GraphMode = "agents" | "executions";

export function traceGraphElements(
  spans: readonly TraceSpan[],
  mode: GraphMode,
  critical: ReadonlySet<string>,
): ElementDefinition[] {
  if (mode === "executions") {
    const ids = new Set(spans.map((s) => s.id));
    return [
      ...spans.map((s) => ({
        data: { id: s.id, label: s.agentName, color: statusColor(s.status), size: 28 },
        classes: critical.has(s.id) ? "critical" : "",
      })),
      ...spans
        .filter((s) => s.parentId !== null && ids.has(s.parentId))
        .map((s) => ({
          data: { id: `${s.parentId}->${s.id}`, source: s.parentId as string, target: s.id, label: "" },
          classes: critical.has(s.id) && critical.has(s.parentId as string) ? "critical" : "",
        })),
    ];
  }
  const { nodes, edges } = agentGraph(spans);
  const most = Math.max(1, ...nodes.map((n) => n.executions));
  const onPath = new Set(spans.filter((s) => critical.has(s.id)).map((s) => s.agentName));
  return [
    ...nodes.map((n) => ({
      data: {
        id: n.agent,
        label: `${n.agent}\n${n.executions} run${n.executions === 1 ? "" : "s"}${n.failures ? `, ${n.failures} failed` : ""}`,
        color: n.failures ? statusColor("failure") : statusColor("success"),
        size: 30 + Math.round((40 * n.executions) / most),
      },
      classes: onPath.has(n.agent) ? "critical" : "",
    })),
    ...edges.map((e) => ({
      data: { id: `${e.source}->${e.target}`, source: e.source, target: e.target, label: `${e.handoffs}×` },
    })),
  ];
}
