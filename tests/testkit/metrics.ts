// Metrics for tests: a seeded execution data set and an independent model of what GET /metrics and
// the `metrics` query must answer. The model shares no code with the server: local dates come from
// ISO strings (UTC) or Intl formatting (other zones), bucket starts from a search for the first
// instant of a local day, percentiles from a sorted array.
import { uniqueName } from "./factories.js";
import { DAY, type ExecutionBody, type ExecutionStatus, FINISHED_STATUSES, iso, prng } from "./executions.js";
import type { GraphQLClient } from "./graphql.js";
import type { QueryParams, RestClient, RestError } from "./rest.js";

export type Granularity = "day" | "week" | "month";

/** One execution as the test knows it (times in ms). */
export interface MetricsExecution {
  agent: string;
  status: ExecutionStatus;
  ts: number;
  durationMs: number | null;
  /** What it used, when it said (absent: not said). */
  inputTokens?: number | null;
  outputTokens?: number | null;
  costUsd?: number | null;
}

export interface Stats {
  total: number;
  successes: number;
  failures: number;
  successRate: number | null;
  avgDurationMs: number | null;
  p50DurationMs: number | null;
  p95DurationMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  tokenExecutions: number;
  costUsd: number | null;
  costExecutions: number;
}
export interface BucketStats extends Stats {
  start: string;
  label: string;
}
export interface AgentMetrics {
  agentName: string;
  summary: Stats;
  previous: Stats;
  series: BucketStats[];
}
/** Metrics in camelCase with the domain's values (REST is the same in snake_case, see `toRest`; GraphQL names the granularity upper-case, see `GqlMetrics`). */
export interface Metrics {
  start: string;
  end: string;
  granularity: Granularity;
  tz: string;
  previousStart: string;
  summary: Stats;
  previous: Stats;
  series: BucketStats[];
  agents: AgentMetrics[];
}

export const EMPTY_STATS: Stats = {
  total: 0,
  successes: 0,
  failures: 0,
  successRate: null,
  avgDurationMs: null,
  p50DurationMs: null,
  p95DurationMs: null,
  inputTokens: null,
  outputTokens: null,
  tokenExecutions: 0,
  costUsd: null,
  costExecutions: 0,
};

// ---------------------------------------------------------------------------------------------
// Local calendar in a zone

const formats = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DDTHH:mm:ss.sss`: the wall-clock time of an instant in a zone. */
export function wallClock(ms: number, tz: string): string {
  if (tz === "UTC") return new Date(ms).toISOString().slice(0, 23);
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      fractionalSecondDigits: 3,
    });
    formats.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.${p.fractionalSecond}`;
}

/** `YYYY-MM-DD`: the local date of an instant in a zone. */
export const localDay = (ms: number, tz: string): string => wallClock(ms, tz).slice(0, 10);

/** A `YYYY-MM-DD` date moved by whole days (plain calendar arithmetic). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

const instants = new Map<string, number>();

/**
 * The first instant (ms) whose wall clock in the zone reads `wall` (`YYYY-MM-DDTHH:mm:ss.sss`) or
 * later: a binary search over the two days around it. Not meant for wall times inside a DST overlap.
 */
export function localTime(wall: string, tz: string): number {
  const utc = Date.parse(`${wall}Z`);
  if (tz === "UTC") return utc;
  const key = `${tz} ${wall}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  let lo = utc - 2 * DAY; // reads earlier than `wall`
  let hi = utc + 2 * DAY; // reads `wall` or later
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallClock(mid, tz) >= wall) hi = mid;
    else lo = mid;
  }
  instants.set(key, hi);
  return hi;
}

/** The first instant of a local date: midnight, or the first time that exists when DST skips it. */
export const localMidnight = (date: string, tz: string): number => localTime(`${date}T00:00:00.000`, tz);

/** The label (local start date) of the bucket holding a local date. */
export function bucketLabel(date: string, g: Granularity): string {
  if (g === "day") return date;
  if (g === "month") return `${date.slice(0, 7)}-01`;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // Sunday = 0
  return addDays(date, -((weekday + 6) % 7));
}

/** Every bucket label from the one holding `start` to the one holding the last ms before `endExclusive`. */
export function bucketLabels(start: number, endExclusive: number, g: Granularity, tz: string): string[] {
  const labels: string[] = [];
  const last = localDay(endExclusive - 1, tz);
  for (let d = localDay(start, tz); d <= last; d = addDays(d, 1)) {
    const label = bucketLabel(d, g);
    if (labels[labels.length - 1] !== label) labels.push(label);
  }
  return labels;
}

// ---------------------------------------------------------------------------------------------
// Figures

/** The `ceil(p·n)`-th smallest value (nearest rank), p in percent; null for no values. */
export function nearestRank(sorted: number[], percent: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((percent * sorted.length) / 100);
  return sorted[Math.max(rank, 1) - 1] as number;
}

/**
 * Percentiles come from merged DDSketch rollups (0.5% relative accuracy, docs/architecture.md): a
 * matcher for a value within 1% of the exact one (exactly 0 for 0, null for null).
 */
export function withinOnePercent(exact: number | null) {
  return {
    asymmetricMatch: (got: unknown) =>
      exact === null
        ? got === null
        : typeof got === "number" && (exact === 0 ? got === 0 : Math.abs(got - exact) <= 0.01 * Math.abs(exact)),
    toString: () => "WithinOnePercent",
    toAsymmetricMatcher: () => `WithinOnePercent<${exact}>`,
  };
}

const PERCENTILE_KEYS = new Set(["p50DurationMs", "p95DurationMs", "p50_duration_ms", "p95_duration_ms"]);

/** An expected value (GraphQL or REST shaped) whose percentiles are matched within 1% (withinOnePercent). */
export function approxPercentiles<T>(value: T): T {
  if (Array.isArray(value)) return value.map(approxPercentiles) as T;
  if (value && typeof value === "object" && !(value instanceof Date) && !("asymmetricMatch" in value))
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        PERCENTILE_KEYS.has(k) && (v === null || typeof v === "number") ? withinOnePercent(v) : approxPercentiles(v),
      ]),
    ) as T;
  return value;
}

export function statsOf(executions: MetricsExecution[]): Stats {
  const successes = executions.filter((e) => e.status === "success").length;
  const failures = executions.filter((e) => e.status === "failure").length;
  const durations = executions
    .map((e) => e.durationMs)
    .filter((d): d is number => d !== null)
    .sort((a, b) => a - b);
  // Tokens: over the executions that said either count. Cost: as documented (docs/metrics.md), the
  // sum of each cost in whole billionths of a dollar, so any order of adding gives the same figure.
  const withTokens = executions.filter((e) => e.inputTokens != null || e.outputTokens != null);
  const withCost = executions.filter((e) => e.costUsd != null);
  return {
    total: executions.length,
    successes,
    failures,
    successRate: successes + failures > 0 ? successes / (successes + failures) : null,
    avgDurationMs: durations.length > 0 ? durations.reduce((a, b) => a + b, 0) / durations.length : null,
    p50DurationMs: nearestRank(durations, 50),
    p95DurationMs: nearestRank(durations, 95),
    inputTokens: withTokens.length ? withTokens.reduce((a, e) => a + (e.inputTokens ?? 0), 0) : null,
    outputTokens: withTokens.length ? withTokens.reduce((a, e) => a + (e.outputTokens ?? 0), 0) : null,
    tokenExecutions: withTokens.length,
    costUsd: withCost.length ? withCost.reduce((a, e) => a + Math.round((e.costUsd as number) * 1e9), 0) / 1e9 : null,
    costExecutions: withCost.length,
  };
}

export interface MetricsQuery {
  /** Requested agents; undefined for no agent filter. */
  agents?: string[];
  /** Inclusive, ms. */
  start: number;
  /** Exclusive, ms (a date-only end is the next local midnight, a timestamp end + 1 ms). */
  endExclusive: number;
  granularity: Granularity;
  tz: string;
}

/** What the server must answer for a query over these executions (and nothing else in the database). */
export function expectedMetrics(model: MetricsExecution[], q: MetricsQuery): Metrics {
  const span = q.endExclusive - q.start;
  const previousStart = q.start - span;
  const requested = q.agents ? new Set(q.agents) : null;
  const mine = model.filter((e) => !requested || requested.has(e.agent));
  const inRange = mine.filter((e) => e.ts >= q.start && e.ts < q.endExclusive);
  const inPrevious = mine.filter((e) => e.ts >= previousStart && e.ts < q.start);
  const labels = bucketLabels(q.start, q.endExclusive, q.granularity, q.tz);
  const series = (executions: MetricsExecution[]): BucketStats[] => {
    const byLabel = new Map<string, MetricsExecution[]>(labels.map((l) => [l, []]));
    for (const e of executions) {
      const list = byLabel.get(bucketLabel(localDay(e.ts, q.tz), q.granularity));
      if (!list) throw new Error(`model: no bucket for ${iso(e.ts)}`);
      list.push(e);
    }
    return labels.map((label) => ({
      ...statsOf(byLabel.get(label) ?? []),
      start: iso(localMidnight(label, q.tz)),
      label,
    }));
  };
  const names = requested ? [...requested] : [...new Set(inRange.map((e) => e.agent))];
  return {
    start: iso(q.start),
    end: iso(q.endExclusive),
    granularity: q.granularity,
    tz: q.tz,
    previousStart: iso(previousStart),
    summary: statsOf(inRange),
    previous: statsOf(inPrevious),
    series: series(inRange),
    agents: names.sort().map((agentName) => ({
      agentName,
      summary: statsOf(inRange.filter((e) => e.agent === agentName)),
      previous: statsOf(inPrevious.filter((e) => e.agent === agentName)),
      series: series(inRange.filter((e) => e.agent === agentName)),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Data

export interface MetricsDataset {
  agents: string[];
  model: MetricsExecution[];
  /** The same executions as one POST /executions batch. */
  bodies: ExecutionBody[];
}

/** The zones the accuracy tests query in: UTC, two with DST (changing on different dates), and +05:30. */
export const EDGE_ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"] as const;

/**
 * `size` executions over `weeks` weeks from `start`, spread over four agents of unique names (the
 * last one rare): every status, durations given as duration_ms, as ended_at or not at all (some
 * finished executions have none), from 0 ms to ten minutes with repeats, and some timestamps
 * exactly on, or 1 ms before, a local midnight of one of `EDGE_ZONES`, so bucket edges are exercised.
 */
export function generateMetricsDataset(seed: number, start: number, size = 600, weeks = 10): MetricsDataset {
  const r = prng(seed);
  const u = prng(seed + 1_000_003);
  const agents = ["Planner", "Coder", "Reviewer", "Rare"].map((a) => uniqueName(`Metrics${a}`));
  const statuses: ExecutionStatus[] = [
    "success",
    "success",
    "success",
    "success",
    "failure",
    "failure",
    "cancelled",
    "in_progress",
    "pending",
  ];
  const span = weeks * 7 * DAY;
  const model: MetricsExecution[] = [];
  const bodies: ExecutionBody[] = [];
  for (let i = 0; i < size; i++) {
    const agent = r.chance(0.04) ? (agents[3] as string) : r.pick(agents.slice(0, 3));
    const status = r.pick(statuses);
    let ts = start + r.int(0, span - 1);
    if (r.chance(0.1)) {
      // On a local midnight of one of the zones the tests query, or the last ms before it.
      const date = addDays(new Date(start).toISOString().slice(0, 10), r.int(1, weeks * 7 - 1));
      ts = localMidnight(date, r.pick(EDGE_ZONES)) - (r.chance(0.5) ? 1 : 0);
    }
    const finished = FINISHED_STATUSES.includes(status);
    const how = finished ? r.pick(["duration", "duration", "duration", "ended", "none"] as const) : "none";
    const durationMs =
      how === "none" ? null : r.pick([() => r.int(0, 2_000), () => r.int(0, 60_000), () => r.int(0, 600_000)])();
    // Usage from a generator of its own, so the rest of the data set is what it was: some
    // executions say tokens and cost, some tokens only, some one count only, most nothing.
    const said = u.pick(["none", "none", "all", "tokens", "input", "cost"] as const);
    const usage = {
      ...(said === "all" || said === "tokens" || said === "input" ? { inputTokens: u.int(0, 400_000) } : {}),
      ...(said === "all" || said === "tokens" ? { outputTokens: u.int(0, 40_000) } : {}),
      // Costs with up to nine decimals, as Claude Code reports them.
      ...(said === "all" || said === "cost" ? { costUsd: u.int(0, 5_000_000_000) / 1e9 } : {}),
    };
    model.push({ agent, status, ts, durationMs, ...usage });
    bodies.push({
      agent_name: agent,
      status,
      timestamp: iso(ts),
      ...(how === "duration" ? { duration_ms: durationMs as number } : {}),
      ...(how === "ended" ? { ended_at: iso(ts + (durationMs as number)) } : {}),
      ...(usage.inputTokens !== undefined ? { input_tokens: usage.inputTokens } : {}),
      ...(usage.outputTokens !== undefined ? { output_tokens: usage.outputTokens } : {}),
      ...(usage.costUsd !== undefined ? { cost_usd: usage.costUsd } : {}),
    });
  }
  return { agents, model, bodies: r.shuffle(bodies) };
}

/** Records executions in one POST /executions batch; throws unless all were recorded. */
export async function recordAll(api: RestClient, bodies: ExecutionBody[]): Promise<void> {
  const res = await api.post<{ count: number }>("/executions", bodies);
  if (res.status !== 201 || res.body.count !== bodies.length)
    throw new Error(`recording ${bodies.length} executions failed: ${res.status} ${res.text.slice(0, 500)}`);
}

/** Executions of one agent at the given instants, finished with the given durations (ms). */
export function at(agent: string, times: (string | number)[], status: ExecutionStatus = "success", durationMs = 100) {
  return times.map((t): ExecutionBody => {
    const finished = FINISHED_STATUSES.includes(status);
    return {
      agent_name: agent,
      status,
      timestamp: typeof t === "number" ? iso(t) : t,
      ...(finished ? { duration_ms: durationMs } : {}),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Clients

const snake = (s: string) => s.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

/** A GraphQL-shaped value with every object key in snake_case: the REST rendering of it. */
export function toRest(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toRest);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [snake(k), toRest(v)]));
  return value;
}

const STATS =
  "total successes failures successRate avgDurationMs p50DurationMs p95DurationMs inputTokens outputTokens tokenExecutions costUsd costExecutions";
export const METRICS_QUERY = `query Metrics($agent: [String!], $startDate: DateOrDateTime, $endDate: DateOrDateTime,
                             $granularity: Granularity, $tz: String) {
  metrics(agent: $agent, startDate: $startDate, endDate: $endDate, granularity: $granularity, tz: $tz) {
    start end granularity tz previousStart
    summary { ${STATS} }
    previous { ${STATS} }
    series { ${STATS} start label }
    agents { agentName summary { ${STATS} } previous { ${STATS} } series { ${STATS} start label } }
  }
}`;

/** GET /metrics's parameters in camelCase, as the shared cases write them: `agent` comma-separated, granularity lowercase. */
export interface MetricsVars {
  agent?: string;
  startDate?: string;
  endDate?: string;
  granularity?: Granularity;
  tz?: string;
}

/** A granularity as GraphQL names it. */
export type GqlGranularity = Uppercase<Granularity>;

/** The `metrics` query's arguments: agents as a list, the granularity by its GraphQL name. */
export interface GqlMetricsVars {
  agent?: string[];
  startDate?: string;
  endDate?: string;
  granularity?: GqlGranularity;
  tz?: string;
}

/** The GraphQL `Metrics` as answered: the granularity by its GraphQL name. */
export type GqlMetrics = Omit<Metrics, "granularity"> & { granularity: GqlGranularity };

/** The shared (REST-shaped) case arguments as the `metrics` query takes them: `"a,b"` → `["a", "b"]`, `week` → `WEEK`. */
export function gqlMetricsVars(vars: MetricsVars): GqlMetricsVars {
  const { agent, granularity, ...rest } = vars;
  return {
    ...rest,
    ...(agent !== undefined ? { agent: agent.split(",") } : {}),
    ...(granularity !== undefined ? { granularity: granularity.toUpperCase() as GqlGranularity } : {}),
  };
}

/** What the `metrics` query must answer for an expected result of the model (percentiles within 1%). */
export const toGqlMetrics = (m: Metrics): GqlMetrics =>
  approxPercentiles({
    ...m,
    granularity: m.granularity.toUpperCase() as GqlGranularity,
  });

/** The whole response of the `metrics` query (data and errors), for tests of refused arguments. */
export const gqlMetricsResult = (graphql: GraphQLClient, vars: GqlMetricsVars) =>
  graphql.result<{ metrics: GqlMetrics }>(METRICS_QUERY, { ...vars });

/** The `metrics` query's Metrics; fails the test on any error. */
export async function gqlMetrics(graphql: GraphQLClient, vars: GqlMetricsVars): Promise<GqlMetrics> {
  const res = await gqlMetricsResult(graphql, vars);
  if (res.errors?.length || !res.data) throw new Error(`metrics(${JSON.stringify(vars)}): ${JSON.stringify(res)}`);
  return res.data.metrics;
}

/** GET /metrics's body (snake_case: compare with `toRest(expected)`); fails on anything but 200. */
export async function restMetrics(api: RestClient, query: QueryParams): Promise<unknown> {
  const res = await api.get<unknown>("/metrics", query);
  if (res.status !== 200) throw new Error(`GET /metrics ${JSON.stringify(query)}: ${res.status} ${res.text}`);
  return res.body;
}

/** GET /metrics expected to fail: the status, code and field of the error. */
export async function restMetricsError(api: RestClient, query: QueryParams) {
  const res = await api.get<RestError>("/metrics", query);
  return { status: res.status, code: res.body.error?.code, field: res.body.error?.field };
}

// ---------------------------------------------------------------------------------------------
// Cases

/** Case arguments as GET /metrics query parameters. */
export function restParams(vars: MetricsVars): QueryParams {
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [snake(k), v]));
}

export interface MetricsCase {
  name: string;
  vars: MetricsVars;
  expected: Metrics;
}

/**
 * Queries over a data set recorded from 2026-09-07 for ten weeks, in one zone: every granularity,
 * for date-only, absolute-timestamp, zone-less-timestamp and one-day ranges (the 25-hour Berlin
 * day), each for all agents (listed out of order), one agent, and two agents one of them rare.
 */
export function accuracyCases(dataset: MetricsDataset, tz: string): MetricsCase[] {
  const [planner, coder, reviewer, rare] = dataset.agents as [string, string, string, string];
  const ranges: { name: string; startDate: string; endDate: string; start: number; endExclusive: number }[] = [
    {
      name: "dates",
      startDate: "2026-09-01",
      endDate: "2026-11-30",
      start: localMidnight("2026-09-01", tz),
      endExclusive: localMidnight("2026-12-01", tz),
    },
    {
      name: "absolute timestamps",
      startDate: "2026-10-03T13:45:10.250Z",
      endDate: "2026-11-09T08:00:00+05:30",
      start: Date.parse("2026-10-03T13:45:10.250Z"),
      endExclusive: Date.parse("2026-11-09T08:00:00+05:30") + 1,
    },
    {
      name: "zone-less timestamps",
      startDate: "2026-10-10T06:30",
      endDate: "2026-11-02T18:00:00.000",
      start: localTime("2026-10-10T06:30:00.000", tz),
      endExclusive: localTime("2026-11-02T18:00:00.000", tz) + 1,
    },
    {
      name: "one day",
      startDate: "2026-10-25",
      endDate: "2026-10-25",
      start: localMidnight("2026-10-25", tz),
      endExclusive: localMidnight("2026-10-26", tz),
    },
  ];
  const filters: { name: string; agent: string; agents: string[] }[] = [
    { name: "all agents", agent: [rare, reviewer, planner, coder].join(","), agents: dataset.agents },
    { name: "one agent", agent: planner, agents: [planner] },
    { name: "two agents", agent: `${coder},${rare}`, agents: [coder, rare] },
  ];
  const cases: MetricsCase[] = [];
  for (const range of ranges)
    for (const granularity of ["day", "week", "month"] as const)
      for (const filter of filters)
        cases.push({
          name: `${tz} ${granularity} ${range.name} ${filter.name}`,
          vars: { agent: filter.agent, startDate: range.startDate, endDate: range.endDate, granularity, tz },
          expected: expectedMetrics(dataset.model, {
            agents: filter.agents,
            start: range.start,
            endExclusive: range.endExclusive,
            granularity,
            tz,
          }),
        });
  return cases;
}

/** Every stats object of a result (summaries, previous periods, buckets), overall and per agent. */
export function allStats(m: Pick<Metrics, "summary" | "previous" | "series" | "agents">): Stats[] {
  return [m.summary, m.previous, ...m.series, ...m.agents.flatMap((a) => [a.summary, a.previous, ...a.series])];
}
