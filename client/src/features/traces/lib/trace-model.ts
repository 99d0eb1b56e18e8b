// One trace's executions as the trace view uses them: tree order for the Gantt's rows, errors first
// for the side list, the search's matches, and the agent graph's aggregate. Pure: tests call these.
import type { ExecutionStatus } from "../../timeline/lib/types.ts";

export interface TraceSpan {
  id: string;
  parentId: string | null;
  agentName: string;
  status: ExecutionStatus;
  startMs: number;
  /** null while unfinished: the bar reaches "now". */
  endMs: number | null;
  error: string | null;
  /** What the search looks in: id, agent, inputs, outputs and error, lower-cased. */
  text: string;
}

export interface TraceRow {
  span: TraceSpan;
  depth: number;
  /** Row index of the parent; -1 for the root (or an execution whose parent is not in the tree). */
  parent: number;
}

const byStart = (a: TraceSpan, b: TraceSpan) => a.startMs - b.startMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Rows depth first from the root, each execution's children by start: a subtree's rows are contiguous. */
export function treeRows(spans: readonly TraceSpan[], rootId: string): TraceRow[] {
  const ids = new Set(spans.map((s) => s.id));
  const children = new Map<string | null, TraceSpan[]>();
  for (const s of spans) {
    const key = s.id === rootId || s.parentId === null || !ids.has(s.parentId) ? null : s.parentId;
    const list = children.get(key);
    if (list) list.push(s);
    else children.set(key, [s]);
  }
  for (const list of children.values()) list.sort(byStart);
  const rows: TraceRow[] = [];
  // Iterative: a chain of thousands of handoffs must not overflow the stack.
  const stack: { span: TraceSpan; depth: number; parent: number }[] = [...(children.get(null) ?? [])]
    .reverse()
    .map((span) => ({ span, depth: 0, parent: -1 }));
  while (stack.length) {
    const item = stack.pop() as (typeof stack)[number];
    const index = rows.length;
    rows.push(item);
    const kids = children.get(item.span.id) ?? [];
    for (let i = kids.length - 1; i >= 0; i--)
      stack.push({ span: kids[i] as TraceSpan, depth: item.depth + 1, parent: index });
  }
  return rows;
}

/** The side list's order: failed executions first, then the rest; each group by start. */
export function errorsFirst(spans: readonly TraceSpan[]): TraceSpan[] {
  const failed = spans.filter((s) => s.status === "failure").sort(byStart);
  const rest = spans.filter((s) => s.status !== "failure").sort(byStart);
  return [...failed, ...rest];
}

/** The search's words: lower-cased, split on anything but letters and digits. */
export function searchWords(query: string): string[] {
  return [
    ...new Set(
      query
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean),
    ),
  ];
}

/** Ids of the spans whose text holds every word (anywhere, as a substring); empty words match none. */
export function matchingIds(spans: readonly TraceSpan[], words: readonly string[]): Set<string> {
  if (words.length === 0) return new Set();
  return new Set(spans.filter((s) => words.every((w) => s.text.includes(w))).map((s) => s.id));
}

/** The searchable text of an execution (JSON values written as JSON). */
export function spanText(e: {
  id: string;
  agentName: string;
  inputs?: unknown;
  outputs?: unknown;
  error?: string | null;
}): string {
  const json = (v: unknown) => (v === null || v === undefined ? "" : JSON.stringify(v));
  return `${e.id} ${e.agentName} ${json(e.inputs)} ${json(e.outputs)} ${e.error ?? ""}`.toLowerCase();
}

export interface AgentNode {
  agent: string;
  executions: number;
  failures: number;
}
export interface AgentEdge {
  source: string;
  target: string;
  handoffs: number;
}

/** Agents with their executions and failures, and agent → agent handoffs with their counts. */
export function agentGraph(spans: readonly TraceSpan[]): { nodes: AgentNode[]; edges: AgentEdge[] } {
  const byId = new Map(spans.map((s) => [s.id, s]));
  const nodes = new Map<string, AgentNode>();
  const edges = new Map<string, AgentEdge>();
  for (const s of spans) {
    const node = nodes.get(s.agentName) ?? { agent: s.agentName, executions: 0, failures: 0 };
    node.executions++;
    if (s.status === "failure") node.failures++;
    nodes.set(s.agentName, node);
    const parent = s.parentId ? byId.get(s.parentId) : undefined;
    if (!parent) continue;
    const key = `${parent.agentName}\u0000${s.agentName}`;
    const edge = edges.get(key) ?? { source: parent.agentName, target: s.agentName, handoffs: 0 };
    edge.handoffs++;
    edges.set(key, edge);
  }
  const name = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    nodes: [...nodes.values()].sort((a, b) => name(a.agent, b.agent)),
    edges: [...edges.values()].sort((a, b) => name(a.source, b.source) || name(a.target, b.target)),
  };
}
