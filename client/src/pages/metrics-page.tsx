// Metrics: how well the agents do over a range — key figures against the previous period, success
// rate and durations over time, executions by agent, agents compared — with the filters in the URL,
// kept current by execution events, and every point and bar leading to its executions.
import { useEffect, useMemo, useRef } from "react";
import { useNavigate } from "react-router-dom";
import { useClient, useQuery } from "urql";
import { PageHeader } from "../components/ui/page-header.tsx";
import { ErrorPanel, Loading } from "../components/ui/query-state.tsx";
import { type FilterErrors, MetricsFilters } from "../features/metrics/components/metrics-filters.tsx";
import { MetricsView } from "../features/metrics/components/metrics-view.tsx";
import { useLiveMetrics } from "../features/metrics/hooks/use-live-metrics.ts";
import { useMetricsFilters } from "../features/metrics/hooks/use-metrics-filters.ts";
import {
  bucketDateRange,
  bucketInstantRange,
  instantRange,
  periodDateRange,
  timelineSearch,
} from "../features/metrics/lib/bucket-range.ts";
import { formatBucketLabel, formatDateRange } from "../features/metrics/lib/format.ts";
import type { BarKey } from "../features/metrics/lib/series.ts";
import { graphql } from "../gql/index.ts";
import { fromEnum } from "../lib/graphql-enum.ts";
import { invalidArgument } from "../lib/graphql-errors.ts";

const MetricsPageQuery = graphql(`
  query MetricsPage(
    $agent: [String!]
    $startDate: DateOrDateTime
    $endDate: DateOrDateTime
    $granularity: Granularity
    $tz: String
  ) {
    metrics(agent: $agent, startDate: $startDate, endDate: $endDate, granularity: $granularity, tz: $tz) {
      start
      end
      granularity
      tz
      previousStart
      agents {
        agentName
      }
      series {
        label
        start
      }
      ...MetricsViewMetrics
    }
  }
`);

const MetricsAgentOptions = graphql(`
  query MetricsAgentOptions {
    agents(first: 200) {
      nodes {
        id
        name
      }
    }
  }
`);

const FILTER_FIELDS = ["startDate", "endDate", "granularity", "tz", "agent"] as const;

/** The timeline statuses a bar segment stands for. */
const SEGMENT_STATUSES: Record<BarKey, string[]> = {
  successes: ["success"],
  failures: ["failure"],
  other: ["pending", "in_progress", "cancelled"],
};

export function MetricsPage() {
  const filters = useMetricsFilters();
  const navigate = useNavigate();
  const client = useClient();
  const [result] = useQuery({
    query: MetricsPageQuery,
    variables: filters.variables,
    requestPolicy: "cache-and-network",
  });
  const [agentOptions] = useQuery({ query: MetricsAgentOptions });

  // While a new filter's data loads, keep showing the last one.
  const last = useRef(result.data?.metrics);
  if (result.data?.metrics) last.current = result.data.metrics;
  const loaded = result.data?.metrics ?? (result.fetching ? last.current : undefined);
  const granularity = loaded ? fromEnum(loaded.granularity) : null;
  const invalid = invalidArgument(result.error);

  useEffect(() => {
    if (result.data?.metrics) window.__batonMetrics = { data: result.data.metrics };
  }, [result.data]);

  useLiveMetrics({
    agent: filters.variables.agent,
    period: loaded
      ? { fromMs: Date.parse(loaded.previousStart), toMs: filters.endDate ? Date.parse(loaded.end) : null }
      : null,
    // Straight to the network (the result reaches the query above: same key), not via a re-render,
    // so the throttle's spacing is the requests' spacing.
    refetch: () =>
      void client.query(MetricsPageQuery, filters.variables, { requestPolicy: "network-only" }).toPromise(),
  });

  const agentNames = useMemo(() => {
    const registered = agentOptions.data?.agents.nodes.map((a) => a.name) ?? [];
    return [...new Set([...registered, ...(loaded?.agents.map((a) => a.agentName) ?? [])])];
  }, [agentOptions.data, loaded]);

  const errors: FilterErrors = {};
  const field = FILTER_FIELDS.find((f) => f === invalid?.field);
  if (invalid && field) errors[field] = filterMessage(invalid.message, field);

  // In UTC the timeline gets plain dates; elsewhere instants, as it reads dates as UTC days.
  const utc = loaded?.tz === "UTC";
  const range = loaded
    ? utc
      ? periodDateRange(loaded.start, loaded.end, loaded.tz)
      : instantRange(loaded.start, loaded.end)
    : null;
  // The label reads as local dates in every zone (the timeline's instants above are for links).
  const shown = loaded ? periodDateRange(loaded.start, loaded.end, loaded.tz) : null;
  // The range runs up to now (no To date) or past it: its last started bucket is still filling up.
  const now = Date.now();
  const inProgress =
    loaded && (!filters.endDate || now < Date.parse(loaded.end))
      ? (loaded.series.filter((b) => Date.parse(b.start) <= now).at(-1)?.label ?? null)
      : null;
  const openBucket = (label: string, agent: string | null) => {
    if (!loaded || !granularity) return;
    const agents = agent ? [agent] : filters.agents;
    const bucket = utc ? bucketDateRange(label, granularity) : bucketInstantRange(loaded.series, label, loaded);
    if (bucket) void navigate(`/timeline${timelineSearch(bucket, agents)}`);
  };
  const openAgent = (agent: string, key: BarKey) => {
    if (range) void navigate(`/timeline${timelineSearch(range, [agent], SEGMENT_STATUSES[key])}`);
  };

  return (
    <div className="metrics-page">
      <title>Metrics · Baton</title>
      <PageHeader
        title="Metrics"
        subtitle="Success rate, throughput and durations over time, per agent. Click a point or bar for its executions."
        actions={
          loaded && shown ? (
            <p className="result-count metrics-range" data-testid="metrics-range" aria-live="polite">
              <span className="live-dot" aria-hidden="true" />
              {formatDateRange(shown.startDate, shown.endDate)} · by {granularity} · {loaded.tz}
            </p>
          ) : null
        }
      />
      <MetricsFilters filters={filters} agentNames={agentNames} errors={errors} />
      {result.error && !loaded && !invalid ? (
        <ErrorPanel error={result.error} title="Could not load the metrics" />
      ) : null}
      {invalid && !field ? (
        <ErrorPanel error={invalid.message} title={`Invalid filter${invalid.field ? `: ${invalid.field}` : ""}`} />
      ) : null}
      {invalid && field ? (
        <p className="panel muted" data-testid="metrics-invalid">
          No metrics for these filters: correct the highlighted one.
        </p>
      ) : null}
      {!loaded && result.fetching ? <Loading label="Loading metrics…" /> : null}
      {loaded ? (
        <div className="metrics-body" aria-busy={result.fetching && !result.data ? true : undefined}>
          {inProgress && granularity ? (
            <p className="muted-text metrics-in-progress" data-testid="metrics-in-progress">
              {formatBucketLabel(inProgress, granularity, "long")} is in progress: its figures are partial and marked
              “in progress” in the data tables.
            </p>
          ) : null}
          <MetricsView
            metrics={loaded}
            picked={filters.agents}
            inProgress={inProgress}
            onOpenBucket={openBucket}
            onOpenAgent={openAgent}
          />
        </div>
      ) : null}
    </div>
  );
}

/**
 * The API's message in the filters' words: no `endDate: ` prefix, nor GraphQL's preamble for a
 * value its type refuses (`Variable "$startDate" got invalid value "…"; `), the date inputs by
 * their labels.
 */
function filterMessage(message: string, field: string): string {
  return message
    .replace(new RegExp(`^${field}: `), "")
    .replace(/^Variable "\$\w+" got invalid value [^;]*; /, "")
    .replace(/\bstartDate\b/g, "the From date")
    .replace(/\bendDate\b/g, "the To date");
}
