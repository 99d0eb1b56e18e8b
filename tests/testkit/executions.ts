// Executions for tests: REST/GraphQL shapes, unique time windows, a seeded PRNG, and an
// independent (plain TypeScript) model of the handoff graph to compare the server's SQL against.
import { uniqueToken } from "./factories.js";

export type ExecutionStatus = "pending" | "in_progress" | "success" | "failure" | "cancelled";
export const FINISHED_STATUSES: readonly ExecutionStatus[] = ["success", "failure", "cancelled"];
/** An execution status as GraphQL names it (REST and the domain say `in_progress`, GraphQL `IN_PROGRESS`). */
export type GqlExecutionStatus = Uppercase<ExecutionStatus>;
export const gqlStatus = <S extends string>(status: S) => status.toUpperCase() as Uppercase<S>;

/** A POST /executions body (snake_case); every field but agent_name and status is optional. */
export interface ExecutionBody {
  id?: string;
  agent_name: string;
  status: ExecutionStatus;
  timestamp?: string;
  ended_at?: string;
  duration_ms?: number;
  inputs?: unknown;
  outputs?: unknown;
  error?: string;
  parent_execution_id?: string;
  workflow_id?: string;
  workflow_run_id?: string;
  workflow_step_id?: string;
  attempt?: number;
  model?: string;
  input_tokens?: number;
  output_tokens?: number;
  cost_usd?: number;
}

export interface RestExecution {
  id: string;
  agent_name: string;
  status: ExecutionStatus;
  timestamp: string;
  ended_at: string | null;
  duration_ms: number | null;
  inputs: unknown;
  outputs: unknown;
  error: string | null;
  parent_execution_id: string | null;
  root_id: string;
  depth: number;
  workflow_id: string | null;
  workflow_run_id: string | null;
  workflow_step_id: string | null;
  attempt: number;
  model: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cost_usd: number | null;
  created_at: string;
  updated_at: string;
}

export interface RestExecutionDetail extends RestExecution {
  ancestors: RestExecution[];
  children: RestExecution[];
  descendants: RestExecution[];
}

export interface RestExecutionList {
  executions: RestExecution[];
  total: number;
  limit: number;
  offset: number;
}

export interface RestRecorded {
  count: number;
  ids: string[];
}

export interface RestTimelineNode extends RestExecution {
  children: RestTimelineNode[];
}

export interface RestTimeline {
  roots: RestTimelineNode[];
  context_ids: string[];
  matched_count: number;
  root_count: number;
  truncated: boolean;
  /** `before` for the next older trees; null when none is older. */
  next_cursor: string | null;
}

export interface GraphNode {
  agentName: string;
  executionCount: number;
  successCount: number;
  failureCount: number;
  successRate: number | null;
  avgDurationMs: number | null;
}

export interface GraphEdge {
  source: string;
  target: string;
  count: number;
  successCount: number;
  failureCount: number;
  successRate: number | null;
  firstAt: string;
  lastAt: string;
}

export interface RestGraphNode {
  agent_name: string;
  execution_count: number;
  success_count: number;
  failure_count: number;
  success_rate: number | null;
  avg_duration_ms: number | null;
}

export interface RestGraphEdge {
  source: string;
  target: string;
  count: number;
  success_count: number;
  failure_count: number;
  success_rate: number | null;
  first_at: string;
  last_at: string;
}

export interface RestGraph {
  nodes: RestGraphNode[];
  edges: RestGraphEdge[];
}

/** Every scalar field of Execution, for GraphQL selections. */
export const EXECUTION_SCALARS = `
  id agentName status timestamp endedAt durationMs inputs outputs error parentExecutionId
  rootId depth workflowId workflowRunId workflowStepId attempt createdAt updatedAt`;

export interface GqlExecution {
  __typename?: "Execution";
  id: string;
  agentName: string;
  status: GqlExecutionStatus;
  timestamp: string;
  endedAt: string | null;
  durationMs: number | null;
  inputs: unknown;
  outputs: unknown;
  error: string | null;
  parentExecutionId: string | null;
  rootId: string;
  depth: number;
  workflowId: string | null;
  workflowRunId: string | null;
  workflowStepId: string | null;
  attempt: number;
  createdAt: string;
  updatedAt: string;
}

/** An execution id nobody else uses (letters, digits and '-', as ids must be). */
export const uniqueExecutionId = (prefix = "ex") => uniqueToken(prefix);

const DAY = 86_400_000;
let windows = 0;

/**
 * The start (ms) of a 10-day window no other call in this process returns, far from "now", so
 * date-filtered queries in one test never see another test's executions.
 */
export function uniqueWindow(): number {
  windows += 1;
  return Date.UTC(2031, 0, 1) + windows * 10 * DAY;
}

export const iso = (ms: number) => new Date(ms).toISOString();
/** `YYYY-MM-DD` of a time (UTC). */
export const day = (ms: number) => iso(ms).slice(0, 10);
export { DAY };

/** mulberry32: a small deterministic PRNG, so generated data sets are the same on every run. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
    shuffle<T>(items: T[]): T[] {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j] as T, out[i] as T];
      }
      return out;
    },
  };
}

/** One execution of a generated data set, as the test knows it (times in ms). */
export interface ModelExecution {
  id: string;
  agent: string;
  status: ExecutionStatus;
  ts: number;
  durationMs: number | null;
  parent: string | null;
  workflowId: string | null;
}

export interface GeneratedDataset {
  model: ModelExecution[];
  /** The same executions as one POST /executions batch, in shuffled order (children before parents too). */
  bodies: ExecutionBody[];
  agents: string[];
  workflows: string[];
  start: number;
}

/**
 * Handoff trees over several agents (two of them unregistered), mixed statuses, durations given
 * as duration_ms, as ended_at or not at all, some workflow ids that differ between a parent and
 * its child, all within 10 days of `start`.
 */
export function generateHandoffDataset(seed: number, start: number, size = 300): GeneratedDataset {
  const r = prng(seed);
  const tag = uniqueToken("g");
  const agents = ["TestAgent", "CodeAgent", "BuildAgent", "ReviewAgent", "DeployAgent", `Ghost_${tag}`, `Stray_${tag}`];
  const workflows = [`wf-a-${tag}`, `wf-b-${tag}`, `wf-c-${tag}`];
  const statuses: ExecutionStatus[] = [
    "success",
    "success",
    "success",
    "failure",
    "failure",
    "cancelled",
    "pending",
    "in_progress",
  ];
  const model: ModelExecution[] = [];
  const bodies: ExecutionBody[] = [];
  const add = (parent: ModelExecution | null) => {
    const id = `${tag}-${model.length}`;
    const ts = parent ? parent.ts + r.int(1, 3_600_000) : start + r.int(0, 9 * DAY);
    const status = r.pick(statuses);
    const finished = FINISHED_STATUSES.includes(status);
    const how = finished ? r.pick(["duration", "duration", "ended", "none"] as const) : "none";
    const durationMs = how === "none" ? null : r.int(0, 120_000);
    const inherited = parent ? parent.workflowId : r.chance(0.3) ? null : r.pick(workflows);
    const workflowId = r.chance(0.1) ? r.pick([null, ...workflows]) : inherited;
    const e: ModelExecution = {
      id,
      agent: r.pick(agents),
      status,
      ts,
      durationMs,
      parent: parent?.id ?? null,
      workflowId,
    };
    model.push(e);
    bodies.push({
      id,
      agent_name: e.agent,
      status,
      timestamp: iso(ts),
      ...(how === "duration" ? { duration_ms: durationMs as number } : {}),
      ...(how === "ended" ? { ended_at: iso(ts + (durationMs as number)) } : {}),
      ...(parent ? { parent_execution_id: parent.id } : {}),
      ...(workflowId ? { workflow_id: workflowId } : {}),
    });
    return e;
  };
  while (model.length < size) {
    const root = add(null);
    const grow = (node: ModelExecution, depth: number) => {
      const children = depth >= 4 ? 0 : r.int(0, 3 - Math.floor(depth / 2));
      for (let i = 0; i < children && model.length < size; i++) grow(add(node), depth + 1);
    };
    grow(root, 0);
  }
  return { model, bodies: r.shuffle(bodies), agents, workflows, start };
}

export interface ModelFilter {
  /** inclusive, ms */
  start?: number;
  /** exclusive, ms (a date-only end is the next midnight; a timestamp end is +1 ms) */
  endExclusive?: number;
  workflow?: string;
  agents?: string[];
  statuses?: ExecutionStatus[];
}

const matches = (e: ModelExecution, f: ModelFilter) =>
  (f.start === undefined || e.ts >= f.start) &&
  (f.endExclusive === undefined || e.ts < f.endExclusive) &&
  (f.workflow === undefined || e.workflowId === f.workflow) &&
  (f.agents === undefined || f.agents.includes(e.agent)) &&
  (f.statuses === undefined || f.statuses.includes(e.status));

const rateOf = (s: number, f: number) => (s + f > 0 ? s / (s + f) : null);

/**
 * The handoff graph as specified: a node per agent with matching executions (plus a bare node for
 * the source of any edge), an edge per (parent agent, child agent) over the matching children.
 */
export function expectedHandoffGraph(model: ModelExecution[], f: ModelFilter = {}) {
  const byId = new Map(model.map((e) => [e.id, e]));
  const kept = model.filter((e) => matches(e, f));
  const nodes = new Map<string, { count: number; s: number; f: number; durations: number[] }>();
  for (const e of kept) {
    const n = nodes.get(e.agent) ?? { count: 0, s: 0, f: 0, durations: [] };
    n.count += 1;
    if (e.status === "success") n.s += 1;
    if (e.status === "failure") n.f += 1;
    if (e.durationMs !== null) n.durations.push(e.durationMs);
    nodes.set(e.agent, n);
  }
  const edges = new Map<
    string,
    { source: string; target: string; count: number; s: number; f: number; times: number[] }
  >();
  for (const e of kept) {
    if (!e.parent) continue;
    const parent = byId.get(e.parent) as ModelExecution;
    const key = `${parent.agent}\u0000${e.agent}`;
    const edge = edges.get(key) ?? { source: parent.agent, target: e.agent, count: 0, s: 0, f: 0, times: [] };
    edge.count += 1;
    if (e.status === "success") edge.s += 1;
    if (e.status === "failure") edge.f += 1;
    edge.times.push(e.ts);
    edges.set(key, edge);
    if (!nodes.has(parent.agent)) nodes.set(parent.agent, { count: 0, s: 0, f: 0, durations: [] });
  }
  const graphNodes: GraphNode[] = [...nodes.entries()].map(([agentName, n]) => ({
    agentName,
    executionCount: n.count,
    successCount: n.s,
    failureCount: n.f,
    successRate: rateOf(n.s, n.f),
    avgDurationMs: n.durations.length ? n.durations.reduce((a, b) => a + b, 0) / n.durations.length : null,
  }));
  const graphEdges: GraphEdge[] = [...edges.values()].map((e) => ({
    source: e.source,
    target: e.target,
    count: e.count,
    successCount: e.s,
    failureCount: e.f,
    successRate: rateOf(e.s, e.f),
    firstAt: iso(Math.min(...e.times)),
    lastAt: iso(Math.max(...e.times)),
  }));
  return { nodes: sortNodes(graphNodes), edges: sortEdges(graphEdges) };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export const sortNodes = <T extends { agentName: string }>(nodes: T[]) =>
  [...nodes].sort((a, b) => cmp(a.agentName, b.agentName));
export const sortEdges = <T extends { source: string; target: string }>(edges: T[]) =>
  [...edges].sort((a, b) => cmp(a.source, b.source) || cmp(a.target, b.target));

/** REST graph → the GraphQL (camelCase) shape, so one expectation serves both. */
export function fromRestGraph(g: RestGraph) {
  return {
    nodes: g.nodes.map((n) => ({
      agentName: n.agent_name,
      executionCount: n.execution_count,
      successCount: n.success_count,
      failureCount: n.failure_count,
      successRate: n.success_rate,
      avgDurationMs: n.avg_duration_ms,
    })),
    edges: g.edges.map((e) => ({
      source: e.source,
      target: e.target,
      count: e.count,
      successCount: e.success_count,
      failureCount: e.failure_count,
      successRate: e.success_rate,
      firstAt: e.first_at,
      lastAt: e.last_at,
    })),
  };
}

/** A nested timeline reduced to ids: `[id, [children…]]`, for exact structure and order checks. */
export type IdTree = [string, IdTree[]];
export const idTree = (node: { id: string; children: { id: string; children: unknown[] }[] }): IdTree => [
  node.id,
  node.children.map((c) => idTree(c as Parameters<typeof idTree>[0])),
];

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** A REST body as a GraphQL RecordExecutionInput (camelCase keys, status upper-case; inputs/outputs untouched). */
export function toRecordInput(body: ExecutionBody): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(body).map(([k, v]) => [camel(k), k === "status" ? gqlStatus(String(v)) : v]),
  );
}

/** Reads executions back one by one (GET /executions/{id}), without their relations. */
export async function readBack(
  api: { get: <T>(path: string) => Promise<{ status: number; body: T }> },
  ids: string[],
): Promise<RestExecution[]> {
  return Promise.all(
    ids.map(async (id) => {
      const res = await api.get<RestExecutionDetail>(`/executions/${encodeURIComponent(id)}`);
      if (res.status !== 200) throw new Error(`GET /executions/${id}: ${res.status}`);
      const { ancestors: _a, children: _c, descendants: _d, ...e } = res.body;
      return e;
    }),
  );
}
