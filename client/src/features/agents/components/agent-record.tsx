// An agent's record beside its configuration: its figures over the last 30 days (executions,
// success rate, p95 duration, from the same metrics query as the Metrics page), its latest
// executions, and links to its timeline and metrics. Live: an execution of the agent refreshes it.
import { Link } from "react-router-dom";
import { useQuery } from "urql";
import { ErrorPanel } from "../../../components/ui/query-state.tsx";
import { graphql } from "../../../gql/index.ts";
import { recordExecutionCommand } from "../../onboarding/api-commands.ts";
import { EmptyWithCommand } from "../../onboarding/components/empty-with-command.tsx";
import { fromEnum } from "../../../lib/graphql-enum.ts";
import { formatDateTime, formatMs, plural } from "../../../lib/format.ts";
import { useLiveMetrics } from "../../metrics/hooks/use-live-metrics.ts";
import { StatusBadge } from "../../timeline/components/status-badge.tsx";
import type { ExecutionStatus } from "../../timeline/lib/types.ts";

/** How many of the agent's latest executions the page lists. */
export const RECENT_EXECUTIONS = 10;

const AgentRecordQuery = graphql(`
  query AgentRecord($agent: [String!]!, $tz: String, $first: Int) {
    metrics(agent: $agent, tz: $tz) {
      start
      summary {
        total
        successes
        failures
        successRate
        p95DurationMs
      }
    }
    executions(agent: $agent, first: $first) {
      totalCount
      nodes {
        id
        status
        timestamp
        durationMs
        workflowRunId
      }
    }
  }
`);

const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `/timeline?…` opened on an execution's day (so one older than the default range is drawn). */
function timelineHref(agent: string, e?: { id: string; timestamp: string }) {
  const params = new URLSearchParams({ agent });
  if (e) {
    params.set("execution", e.id);
    params.set("start_date", e.timestamp.slice(0, 10));
  }
  return `/timeline?${params.toString()}`;
}

export function AgentRecord({ name }: { name: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: AgentRecordQuery,
    variables: { agent: [name], tz: browserZone, first: RECENT_EXECUTIONS },
    requestPolicy: "cache-and-network",
  });
  useLiveMetrics({ agent: [name], period: null, refetch: () => refetch({ requestPolicy: "network-only" }) });

  const summary = data?.metrics.summary;
  const executions = data?.executions.nodes ?? [];
  return (
    <section className="card detail-wide agent-record" aria-labelledby="sec-record" data-testid="agent-record">
      <div className="agent-record-head">
        <h2 id="sec-record">Record · last 30 days</h2>
        <p className="agent-record-links">
          <Link to={timelineHref(name)}>Timeline →</Link>
          <Link to={`/metrics?${new URLSearchParams({ agent: name }).toString()}`}>Metrics →</Link>
        </p>
      </div>
      {error && !data ? <ErrorPanel error={error} title="Could not load the agent's record" /> : null}
      {fetching && !data ? <p className="muted-text">Loading the record…</p> : null}
      {summary ? (
        <dl className="agent-record-figures" data-testid="agent-record-figures">
          <div>
            <dt>Executions</dt>
            <dd>{summary.total.toLocaleString("en-US")}</dd>
          </div>
          <div>
            <dt>Success rate</dt>
            <dd>
              {summary.successRate === null || summary.successRate === undefined
                ? "—"
                : `${percent.format(summary.successRate)} (${summary.successes} of ${summary.successes + summary.failures})`}
            </dd>
          </div>
          <div>
            <dt>p95 duration</dt>
            <dd>
              {summary.p95DurationMs === null || summary.p95DurationMs === undefined
                ? "—"
                : formatMs(Math.round(summary.p95DurationMs))}
            </dd>
          </div>
        </dl>
      ) : null}
      {data && executions.length === 0 ? (
        <EmptyWithCommand
          title="No executions yet"
          label="record an execution"
          command={(t) => recordExecutionCommand(t, name)}
        >
          <p>Executions of {name} appear here as they are recorded, for example:</p>
        </EmptyWithCommand>
      ) : null}
      {executions.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table" data-testid="agent-recent-executions">
            <caption className="agent-record-caption">
              Latest {plural(executions.length, "execution")} of {data?.executions.totalCount.toLocaleString("en-US")}{" "}
              (all time)
            </caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Status</th>
                <th scope="col">Duration</th>
                <th scope="col">Execution</th>
              </tr>
            </thead>
            <tbody>
              {executions.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.timestamp as string)}</td>
                  <td>
                    <StatusBadge status={fromEnum(e.status) as ExecutionStatus} />
                  </td>
                  <td>{e.durationMs === null || e.durationMs === undefined ? "—" : formatMs(e.durationMs)}</td>
                  <td>
                    <Link to={timelineHref(name, { id: e.id, timestamp: e.timestamp as string })}>
                      <code>{e.id}</code>
                    </Link>
                    {e.workflowRunId ? (
                      <>
                        {" · "}
                        <Link to={`/workflows/runs/${encodeURIComponent(e.workflowRunId)}`}>its run</Link>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
