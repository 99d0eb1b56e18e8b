// The trace list: one row per handoff tree, newest first, filters in the URL (?status=&agent=&
// min_ms=&max_ms=&execution=), pages of older trees appended below (keyset cursors), the first page
// kept current live. A row opens the tree's trace view (and, secondarily, the timeline). The rows
// are windowed: only those around the table's scrolled view are in the DOM (aria-rowcount and
// aria-rowindex keep the whole count).
import { useCallback, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { type Client, useClient, useQuery } from "urql";
import { download, type ExportFormat, fileText, MAX_EXPORT_TRACES } from "../features/traces/export.ts";
import { PageHeader } from "../components/ui/page-header.tsx";
import { ErrorPanel, Loading } from "../components/ui/query-state.tsx";
import { ScrollRegion } from "../components/ui/scroll-region.tsx";
import { recordTreeCommand } from "../features/onboarding/api-commands.ts";
import { EmptyWithCommand } from "../features/onboarding/components/empty-with-command.tsx";
import { useLiveMetrics } from "../features/metrics/hooks/use-live-metrics.ts";
import { StatusBadge } from "../features/timeline/components/status-badge.tsx";
import { STATUS_LABELS } from "../features/timeline/lib/status-colors.ts";
import { EXECUTION_STATUSES, type ExecutionStatus } from "../features/timeline/lib/types.ts";
import { listParams, msParam, traceListVariables } from "../features/traces/lib/trace-list-filters.ts";
import { graphql } from "../gql/index.ts";
import type { TracesPageQuery as TracesPageResult } from "../gql/graphql.ts";
import { fromEnum } from "../lib/graphql-enum.ts";
import { invalidArgument } from "../lib/graphql-errors.ts";
import { formatCount, formatDateTime, formatMs, formatUsd, plural } from "../lib/format.ts";
import { useSearchParamUpdater } from "../lib/use-search-param-updater.ts";
import { useRowWindow } from "../lib/use-row-window.ts";

/** Trees per page. */
export const TRACES_PAGE = 50;

/**
 * Rows rendered beyond each edge of the view: about a page, so a quick scroll or Tab through the
 * links never meets a blank row (focusing a row scrolls it into view, which moves the window on).
 */
export const TRACE_ROWS_OVERSCAN = 40;

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
        inputTokens
        outputTokens
        costUsd
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
    model
    inputTokens
    outputTokens
    costUsd
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
  "inputTokens",
  "outputTokens",
  "costUsd",
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
  "model",
  "inputTokens",
  "outputTokens",
  "costUsd",
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

function useTraceFilters() {
  const [params, update] = useSearchParamUpdater();
  const status = params.get("status") ?? "";
  const agent = params.get("agent") ?? "";
  const execution = params.get("execution") ?? "";
  const text = params.get("q") ?? "";
  const minMs = msParam(params.get("min_ms"));
  const maxMs = msParam(params.get("max_ms"));
  const variables = { ...traceListVariables(params), first: TRACES_PAGE };
  return { status, agent, execution, text, minMs, maxMs, variables, update };
}

type TraceVariables = ReturnType<typeof useTraceFilters>["variables"];

export function TracesPage() {
  const filters = useTraceFilters();
  const [first, refetch] = useQuery({
    query: TracesPageQuery,
    variables: { ...filters.variables, after: null },
    requestPolicy: "cache-and-network",
  });
  useLiveMetrics({ agent: null, period: null, refetch: () => refetch({ requestPolicy: "network-only" }) });
  const total = first.data?.traces.totalCount;
  const client = useClient();
  const invalid = invalidArgument(first.error);
  const older = useOlderTraces(filters.variables, first.data?.traces.pageInfo);
  const rows = first.data ? withoutRepeats([...first.data.traces.nodes, ...older.nodes]) : [];
  const win = useRowWindow(rows.length, "tbody tr[data-trace-id]", TRACE_ROWS_OVERSCAN);

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
        <ScrollRegion
          label={`Traces, ${plural(rows.length, "row")} loaded`}
          className="traces-scroll"
          ref={win.scroller}
          testId="traces-scroll"
        >
          <table className="data-table traces-table" data-testid="traces-table" aria-rowcount={rows.length + 1}>
            <thead>
              <tr>
                <th scope="col">Root</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Duration</th>
                <th scope="col">Executions</th>
                <th scope="col">Failures</th>
                <th scope="col">Agents</th>
                <th scope="col">Tokens</th>
                <th scope="col">Cost</th>
                <th scope="col">Export</th>
              </tr>
            </thead>
            <RowsSpacer height={win.above} />
            <TraceRows traces={rows.slice(win.first, win.last)} firstIndex={win.first} />
            <RowsSpacer height={win.below} />
          </table>
        </ScrollRegion>
      ) : null}
      {older.more || older.error ? (
        <p className="traces-more">
          {older.more ? (
            <button type="button" className="button" disabled={older.loading} onClick={older.more}>
              {older.loading ? "Loading older traces…" : "Older traces →"}
            </button>
          ) : null}
          {older.error ? (
            <span role="alert" className="error-text">
              Could not load older traces: {older.error}
            </span>
          ) : null}
        </p>
      ) : null}
    </>
  );
}

type TraceNode = TracesPageResult["traces"]["nodes"][number];
type PageInfo = { hasNextPage: boolean; endCursor?: string | null };

/**
 * The rows outside the window, as one empty row of their height (hidden from assistive tech; the
 * row needs a cell, or the table gives it no height).
 */
function RowsSpacer({ height }: { height: number }) {
  if (height <= 0) return null;
  return (
    <tbody aria-hidden="true">
      <tr className="rows-spacer">
        <td style={{ height }} />
      </tr>
    </tbody>
  );
}

/** A tree listed twice (the first page moved on live while older pages were read) is shown once. */
function withoutRepeats(nodes: readonly TraceNode[]): TraceNode[] {
  const seen = new Set<string>();
  return nodes.filter((n) => !seen.has(n.id) && Boolean(seen.add(n.id)));
}

/**
 * The pages after the first, read one at a time by cursor ("Older traces →") and appended; a new
 * filter starts again from the newest. `more` is null when the last page read says none follow.
 */
function useOlderTraces(variables: TraceVariables, firstInfo: PageInfo | undefined) {
  const client = useClient();
  const key = JSON.stringify(variables);
  const empty = {
    key,
    nodes: [] as TraceNode[],
    info: null as PageInfo | null,
    loading: false,
    error: null as string | null,
  };
  const [state, setState] = useState(empty);
  const s = state.key === key ? state : empty;
  const info = s.info ?? firstInfo;
  const cursor = info?.hasNextPage && info.endCursor ? info.endCursor : null;
  const load = useCallback(async () => {
    if (!cursor) return;
    setState({ ...s, loading: true, error: null });
    const r = await client.query(TracesPageQuery, { ...variables, after: cursor }).toPromise();
    setState((p) => {
      const current = p.key === key ? p : s;
      if (!r.data) return { ...current, loading: false, error: r.error?.message ?? "no answer" };
      return {
        key,
        nodes: [...current.nodes, ...r.data.traces.nodes],
        info: r.data.traces.pageInfo,
        loading: false,
        error: null,
      };
    });
  }, [client, variables, cursor, key, s]);
  return { nodes: s.nodes, loading: s.loading, error: s.error, more: cursor ? () => void load() : null };
}

function TraceRows({ traces, firstIndex }: { traces: readonly TraceNode[]; firstIndex: number }) {
  const client = useClient();
  // The trace view walks this list (prev/next) with the same filters.
  const [params] = useSearchParams();
  const keep = listParams(params).toString();
  return (
    <tbody>
      {traces.map((t, i) => {
        const status = fromEnum(t.status) as ExecutionStatus;
        const open = new URLSearchParams({ execution: t.id, start_date: String(t.startedAt).slice(0, 10) });
        const workflow = t.agentName.startsWith("workflow:");
        return (
          <tr key={t.id} data-trace-id={t.id} aria-rowindex={firstIndex + i + 2}>
            <td>
              <Link to={`/traces/${encodeURIComponent(t.id)}${keep ? `?${keep}` : ""}`} className="trace-root">
                {t.agentName}
              </Link>
              {" · "}
              <Link to={`/timeline?${open.toString()}`} aria-label={`${t.agentName} ${t.id} on the timeline`}>
                timeline
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
            <td data-testid="trace-tokens">
              {t.inputTokens == null && t.outputTokens == null
                ? "—"
                : `${formatCount(t.inputTokens ?? 0)} in · ${formatCount(t.outputTokens ?? 0)} out`}
            </td>
            <td data-testid="trace-cost" title={t.costUsd == null ? undefined : `${t.costUsd} USD`}>
              {t.costUsd == null ? "—" : formatUsd(t.costUsd)}
            </td>
            <td>
              <ExportButtons label={`Export trace ${t.id}`} run={(format) => exportTree(client, t.id, format)} />
            </td>
          </tr>
        );
      })}
    </tbody>
  );
}
