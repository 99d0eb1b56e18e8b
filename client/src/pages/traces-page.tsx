// The trace list: one row per handoff tree, newest first, filters in the URL (?status=&agent=&
// min_ms=&max_ms=&execution=), pages of older trees appended below (keyset cursors), the first page
// kept current live. A row opens the tree on the timeline.
import { recordTreeCommand } from "../features/onboarding/api-commands.ts";
import { EmptyWithCommand } from "../features/onboarding/components/empty-with-command.tsx";
import { useState } from "react";
import { Link } from "react-router-dom";
import { type Client, useClient, useQuery } from "urql";
import { download, type ExportFormat, fileText, MAX_EXPORT_TRACES } from "../features/traces/export.ts";
import { PageHeader } from "../components/ui/page-header.tsx";
import { ErrorPanel, Loading } from "../components/ui/query-state.tsx";
import { useLiveMetrics } from "../features/metrics/hooks/use-live-metrics.ts";
import { StatusBadge } from "../features/timeline/components/status-badge.tsx";
import { STATUS_LABELS } from "../features/timeline/lib/status-colors.ts";
import { EXECUTION_STATUSES, type ExecutionStatus } from "../features/timeline/lib/types.ts";
import { graphql } from "../gql/index.ts";
import type { ExecutionStatus as GqlStatus } from "../gql/graphql.ts";
import { fromEnum, toEnum } from "../lib/graphql-enum.ts";
import { invalidArgument } from "../lib/graphql-errors.ts";
import { formatDateTime, formatMs, plural } from "../lib/format.ts";
import { useSearchParamUpdater } from "../lib/use-search-param-updater.ts";

/** Trees per page. */
export const TRACES_PAGE = 50;

const TracesPageQuery = graphql(`
  query TracesPage(
    $status: [ExecutionStatus!]
    $agent: [String!]
    $minDurationMs: Int
    $maxDurationMs: Int
    $execution: ID
    $text: String
    $first: Int
    $after: String
  ) {
    traces(
      status: $status
      agent: $agent
      minDurationMs: $minDurationMs
      maxDurationMs: $maxDurationMs
      execution: $execution
      text: $text
      first: $first
      after: $after
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        agentName
        status
        startedAt
        endedAt
        durationMs
        executionCount
        failureCount
        agents
        workflowRunId
      }
    }
  }
`);

const TraceTreeExport = graphql(`
  query TraceTreeExport($id: ID!) {
    execution(id: $id) {
      ...TraceExportExecution
      descendants {
        ...TraceExportExecution
      }
    }
  }
  fragment TraceExportExecution on Execution {
    id
    parentExecutionId
    depth
    agentName
    status
    timestamp
    endedAt
    durationMs
    attempt
    workflowRunId
    workflowStepId
    error
    inputs
    outputs
  }
`);

/** The columns of a trace list export, in order (the row's own keys). */
const TRACE_COLUMNS = [
  "id",
  "agentName",
  "status",
  "startedAt",
  "endedAt",
  "durationMs",
  "executionCount",
  "failureCount",
  "agents",
  "workflowRunId",
] as const;
const EXECUTION_COLUMNS = [
  "id",
  "parentExecutionId",
  "depth",
  "agentName",
  "status",
  "timestamp",
  "endedAt",
  "durationMs",
  "attempt",
  "workflowRunId",
  "workflowStepId",
  "error",
  "inputs",
  "outputs",
] as const;

/** Every trace matching the filters (up to MAX_EXPORT_TRACES), newest first, page by page. */
async function exportTraces(client: Client, variables: TraceVariables, format: ExportFormat) {
  const rows: Record<string, unknown>[] = [];
  let after: string | null = null;
  do {
    const r = await client
      .query(TracesPageQuery, { ...variables, first: 500, after }, { requestPolicy: "network-only" })
      .toPromise();
    if (r.error || !r.data) throw r.error ?? new Error("no answer");
    for (const node of r.data.traces.nodes) {
      // urql adds __typename to what it reads: not part of the file.
      const { __typename: _t, ...t } = node as typeof node & { __typename?: string };
      rows.push({ ...t, status: fromEnum(t.status) });
    }
    after = r.data.traces.pageInfo.hasNextPage ? (r.data.traces.pageInfo.endCursor ?? null) : null;
  } while (after && rows.length < MAX_EXPORT_TRACES);
  download(`baton-traces.${format}`, fileText(rows.slice(0, MAX_EXPORT_TRACES), TRACE_COLUMNS, format), format);
}

/** One trace: its root, then every execution under it (depth first, as the API lists them). */
async function exportTree(client: Client, id: string, format: ExportFormat) {
  const r = await client.query(TraceTreeExport, { id }, { requestPolicy: "network-only" }).toPromise();
  if (r.error || !r.data?.execution) throw r.error ?? new Error(`no execution ${id}`);
  const { descendants, ...root } = r.data.execution as unknown as Record<string, unknown> & {
    descendants: Record<string, unknown>[];
  };
  const rows = [root, ...descendants].map(({ __typename: _t, ...e }) => ({
    ...e,
    status: fromEnum(e.status as string),
  }));
  download(`baton-trace-${id}.${format}`, fileText(rows, EXECUTION_COLUMNS, format), format);
}

function ExportButtons({ label, run }: { label: string; run: (format: ExportFormat) => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const go = (format: ExportFormat) => {
    setBusy(true);
    setFailed(null);
    run(format)
      .catch((e: unknown) => setFailed(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  return (
    <span className="export-buttons">
      {(["json", "csv"] as const).map((f) => (
        <button
          key={f}
          type="button"
          className="button button-small"
          disabled={busy}
          aria-label={`${label} as ${f.toUpperCase()}`}
          onClick={() => go(f)}
        >
          {f.toUpperCase()}
        </button>
      ))}
      {failed ? (
        <span role="alert" className="error-text">
          Export failed: {failed}
        </span>
      ) : null}
    </span>
  );
}

const msParam = (v: string | null) => {
  const n = Number(v);
  return v !== null && v !== "" && Number.isInteger(n) && n >= 0 ? n : null;
};

function useTraceFilters() {
  const [params, update] = useSearchParamUpdater();
  const status = params.get("status") ?? "";
  const agent = params.get("agent") ?? "";
  const execution = params.get("execution") ?? "";
  const text = params.get("q") ?? "";
  const minMs = msParam(params.get("min_ms"));
  const maxMs = msParam(params.get("max_ms"));
  const variables = {
    status: (EXECUTION_STATUSES as readonly string[]).includes(status) ? [toEnum(status) as GqlStatus] : null,
    agent: agent.trim() ? [agent.trim()] : null,
    minDurationMs: minMs,
    maxDurationMs: maxMs,
    execution: execution.trim() || null,
    text: text.trim() || null,
    first: TRACES_PAGE,
  };
  return { status, agent, execution, text, minMs, maxMs, variables, update };
}

type TraceVariables = ReturnType<typeof useTraceFilters>["variables"];

export function TracesPage() {
  const filters = useTraceFilters();
  // Cursors of the pages shown after the first; a new filter starts again from the newest.
  const key = JSON.stringify(filters.variables);
  const [more, setMore] = useState<{ key: string; cursors: string[] }>({ key, cursors: [] });
  const cursors = more.key === key ? more.cursors : [];
  const [first, refetch] = useQuery({
    query: TracesPageQuery,
    variables: { ...filters.variables, after: null },
    requestPolicy: "cache-and-network",
  });
  useLiveMetrics({ agent: null, period: null, refetch: () => refetch({ requestPolicy: "network-only" }) });
  const total = first.data?.traces.totalCount;
  const client = useClient();
  const invalid = invalidArgument(first.error);

  return (
    <>
      <title>Traces · Baton</title>
      <PageHeader
        title="Traces"
        subtitle="Every handoff tree, newest first: what ran, how it ended, how long it took."
        actions={
          total !== undefined ? (
            <>
              <p className="result-count" data-testid="traces-count" aria-live="polite">
                {plural(total, "trace")}
              </p>
              {total > 0 ? (
                <ExportButtons
                  label="Export the list"
                  run={(format) => exportTraces(client, filters.variables, format)}
                />
              ) : null}
            </>
          ) : null
        }
      />
      <form className="filters traces-filters" onSubmit={(e) => e.preventDefault()} aria-label="Trace filters">
        <label>
          Search{" "}
          <input
            type="search"
            defaultValue={filters.text}
            maxLength={200}
            placeholder="words in inputs, outputs, errors"
            onBlur={(e) => filters.update({ q: e.target.value.trim() })}
            onKeyDown={(e) => e.key === "Enter" && filters.update({ q: e.currentTarget.value.trim() })}
          />
        </label>
        <label>
          Status{" "}
          <select value={filters.status} onChange={(e) => filters.update({ status: e.target.value })}>
            <option value="">Any</option>
            {EXECUTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Agent{" "}
          <input
            type="text"
            defaultValue={filters.agent}
            placeholder="any agent in the tree"
            onBlur={(e) => filters.update({ agent: e.target.value.trim() })}
            onKeyDown={(e) => e.key === "Enter" && filters.update({ agent: e.currentTarget.value.trim() })}
          />
        </label>
        <label>
          Min duration (ms){" "}
          <input
            type="number"
            min={0}
            defaultValue={filters.minMs ?? ""}
            onBlur={(e) => filters.update({ min_ms: e.target.value })}
            onKeyDown={(e) => e.key === "Enter" && filters.update({ min_ms: e.currentTarget.value })}
          />
        </label>
        <label>
          Max duration (ms){" "}
          <input
            type="number"
            min={0}
            defaultValue={filters.maxMs ?? ""}
            onBlur={(e) => filters.update({ max_ms: e.target.value })}
            onKeyDown={(e) => e.key === "Enter" && filters.update({ max_ms: e.currentTarget.value })}
          />
        </label>
        <label>
          Execution id{" "}
          <input
            type="search"
            defaultValue={filters.execution}
            placeholder="any execution of the tree"
            onBlur={(e) => filters.update({ execution: e.target.value.trim() })}
            onKeyDown={(e) => e.key === "Enter" && filters.update({ execution: e.currentTarget.value.trim() })}
          />
        </label>
      </form>
      {first.error && !first.data ? (
        <ErrorPanel
          error={first.error}
          title={invalid ? `Invalid filter${invalid.field ? `: ${invalid.field}` : ""}` : "Could not load the traces"}
        />
      ) : null}
      {first.fetching && !first.data ? <Loading label="Loading traces…" /> : null}
      {first.data && first.data.traces.nodes.length === 0 ? (
        <EmptyWithCommand title="No traces match" label="record a handoff tree" command={recordTreeCommand}>
          <p>Clear a filter, or record a tree:</p>
        </EmptyWithCommand>
      ) : null}
      {first.data && first.data.traces.nodes.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table traces-table" data-testid="traces-table">
            <thead>
              <tr>
                <th scope="col">Root</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Duration</th>
                <th scope="col">Executions</th>
                <th scope="col">Failures</th>
                <th scope="col">Agents</th>
                <th scope="col">Export</th>
              </tr>
            </thead>
            <TraceRows traces={first.data.traces.nodes} />
            {cursors.map((after) => (
              <TracePage key={after} variables={filters.variables} after={after} />
            ))}
          </table>
        </div>
      ) : null}
      <LoadOlder
        variables={filters.variables}
        cursor={cursors.length ? (cursors[cursors.length - 1] as string) : null}
        firstPage={first.data?.traces.pageInfo}
        onMore={(c) => setMore({ key, cursors: [...cursors, c] })}
      />
    </>
  );
}

type TraceNode = NonNullable<ReturnType<typeof useTracePage>["data"]>["traces"]["nodes"][number];

function useTracePage(variables: TraceVariables, after: string | null) {
  const [result] = useQuery({ query: TracesPageQuery, variables: { ...variables, after } });
  return result;
}

/** A later page: its own query, appended as a body of the table. */
function TracePage({ variables, after }: { variables: TraceVariables; after: string }) {
  const page = useTracePage(variables, after);
  if (!page.data) return null;
  return <TraceRows traces={page.data.traces.nodes} />;
}

/** The button under the list: it asks for the page after the last one shown. */
function LoadOlder({
  variables,
  cursor,
  firstPage,
  onMore,
}: {
  variables: TraceVariables;
  cursor: string | null;
  firstPage: { hasNextPage: boolean; endCursor?: string | null } | undefined;
  onMore: (cursor: string) => void;
}) {
  // The last page shown tells whether more follow (its query is cached: no second request).
  const last = useQuery({
    query: TracesPageQuery,
    variables: { ...variables, after: cursor },
    pause: cursor === null,
  })[0];
  const info = cursor === null ? firstPage : last.data?.traces.pageInfo;
  if (!info?.hasNextPage || !info.endCursor) return null;
  const next = info.endCursor;
  return (
    <p className="traces-more">
      <button type="button" className="button" onClick={() => onMore(next)}>
        Older traces →
      </button>
    </p>
  );
}

function TraceRows({ traces }: { traces: readonly TraceNode[] }) {
  const client = useClient();
  return (
    <tbody>
      {traces.map((t) => {
        const status = fromEnum(t.status) as ExecutionStatus;
        const open = new URLSearchParams({ execution: t.id, start_date: String(t.startedAt).slice(0, 10) });
        const workflow = t.agentName.startsWith("workflow:");
        return (
          <tr key={t.id} data-trace-id={t.id}>
            <td>
              <Link to={`/timeline?${open.toString()}`} className="trace-root">
                {t.agentName}
              </Link>
              {workflow && t.workflowRunId ? (
                <>
                  {" · "}
                  <Link to={`/workflows/runs/${encodeURIComponent(t.workflowRunId)}`}>run</Link>
                </>
              ) : null}
              <div className="muted-text trace-id">
                <code>{t.id}</code>
              </div>
            </td>
            <td>
              <StatusBadge status={status} />
            </td>
            <td>{formatDateTime(String(t.startedAt))}</td>
            <td>{t.durationMs === null || t.durationMs === undefined ? "—" : formatMs(t.durationMs)}</td>
            <td>{t.executionCount.toLocaleString("en-US")}</td>
            <td>{t.failureCount.toLocaleString("en-US")}</td>
            <td>{t.agents.join(", ")}</td>
            <td>
              <ExportButtons label={`Export trace ${t.id}`} run={(format) => exportTree(client, t.id, format)} />
            </td>
          </tr>
        );
      })}
    </tbody>
  );
}
