// One handoff tree (/traces/:id, the id of its root or of any execution in it): its own Gantt
// fitted to the tree, the critical path, failed executions first in the list beside it, a search
// that highlights matching executions, the agent graph, and prev/next through the trace list with
// the filters it was opened from ([ and ] or k and j). Live: changes in the tree fetch it again.
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { useQuery } from "urql";
import { PageHeader } from "../components/ui/page-header.tsx";
import { ErrorPanel, Loading } from "../components/ui/query-state.tsx";
import { ExecutionDetailPanel } from "../features/timeline/components/execution-detail-panel.tsx";
import { StatusBadge } from "../features/timeline/components/status-badge.tsx";
import type { ExecutionStatus } from "../features/timeline/lib/types.ts";
import { TraceGantt } from "../features/traces/components/trace-gantt.tsx";
import { TraceSpanList } from "../features/traces/components/trace-span-list.tsx";
import { useLiveTrace } from "../features/traces/hooks/use-live-trace.ts";
import { shortMs } from "../features/traces/lib/gantt-layout.ts";
import { listParams, traceListVariables } from "../features/traces/lib/trace-list-filters.ts";
import type { GraphMode } from "../features/traces/lib/trace-graph-elements.ts";
import {
  agentGraph,
  errorsFirst,
  matchingIds,
  searchWords,
  spanText,
  type TraceSpan,
  treeRows,
} from "../features/traces/lib/trace-model.ts";
import { graphql } from "../gql/index.ts";
import { fromEnum } from "../lib/graphql-enum.ts";
import { errorWithCode } from "../lib/graphql-errors.ts";
import { formatDateTime, plural } from "../lib/format.ts";
import { searchString, useSearchParamUpdater, withParams } from "../lib/use-search-param-updater.ts";

const TraceAgentGraph = lazy(() => import("../features/traces/components/trace-agent-graph.tsx"));

const TraceViewQuery = graphql(`
  query TraceView(
    $id: ID!
    $status: [ExecutionStatus!]
    $agent: [String!]
    $minDurationMs: Int
    $maxDurationMs: Int
    $execution: ID
    $text: String
  ) {
    trace(id: $id) {
      id
      agentName
      status
      startedAt
      endedAt
      durationMs
      executionCount
      failureCount
      workflowRunId
      criticalPath
      newer(
        status: $status
        agent: $agent
        minDurationMs: $minDurationMs
        maxDurationMs: $maxDurationMs
        execution: $execution
        text: $text
      ) {
        id
      }
      older(
        status: $status
        agent: $agent
        minDurationMs: $minDurationMs
        maxDurationMs: $maxDurationMs
        execution: $execution
        text: $text
      ) {
        id
      }
      executions {
        id
        parentExecutionId
        agentName
        status
        timestamp
        endedAt
        error
        inputs
        outputs
        updatedAt
      }
    }
  }
`);

/** Keys that move through the list: [ or k to the newer tree, ] or j to the older one. */
const NEWER_KEYS = new Set(["[", "k"]);
const OLDER_KEYS = new Set(["]", "j"]);

export function TraceViewPage() {
  const { id = "" } = useParams();
  const [params, update] = useSearchParamUpdater();
  const navigate = useNavigate();
  const variables = useMemo(() => ({ id, ...traceListVariables(params) }), [id, params]);
  const [result, refetch] = useQuery({ query: TraceViewQuery, variables });
  const trace = result.data?.trace ?? null;
  useLiveTrace(trace?.id ?? null, () => refetch({ requestPolicy: "network-only" }));
  const notFound = errorWithCode(result.error, "NOT_FOUND");

  const spans = useMemo<TraceSpan[]>(
    () =>
      (trace?.executions ?? []).map((e) => ({
        id: e.id,
        parentId: e.parentExecutionId ?? null,
        agentName: e.agentName,
        status: fromEnum(e.status) as ExecutionStatus,
        startMs: Date.parse(String(e.timestamp)),
        endMs: e.endedAt ? Date.parse(String(e.endedAt)) : null,
        error: e.error ?? null,
        text: spanText(e),
      })),
    [trace?.executions],
  );
  const rootId = trace?.id ?? id;
  const rows = useMemo(() => treeRows(spans, rootId), [spans, rootId]);
  const listed = useMemo(() => errorsFirst(spans), [spans]);
  const critical = useMemo(() => new Set(trace?.criticalPath ?? []), [trace?.criticalPath]);
  // The search: ?find=, else the list's own ?q= (a tree opened from a search shows what matched).
  const find = params.get("find") ?? params.get("q") ?? "";
  const words = useMemo(() => searchWords(find), [find]);
  const matches = useMemo(() => (words.length ? matchingIds(spans, words) : null), [spans, words]);

  const selectedParam = params.get("selected");
  const selectedId = selectedParam ?? (trace && id !== trace.id ? id : null);
  const select = useCallback((sel: string) => update({ selected: sel }, true), [update]);

  const nowMs = useNow(spans.some((s) => s.endMs === null));

  const go = useCallback(
    (target: string | undefined) => {
      if (!target) return;
      void navigate({
        pathname: `/traces/${encodeURIComponent(target)}`,
        search: searchString(withParams(listParams(params), { find: params.get("find") })),
      });
    },
    [navigate, params],
  );
  const newer = trace?.newer?.id;
  const older = trace?.older?.id;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || t?.closest("input, textarea, select, [contenteditable]")) return;
      if (NEWER_KEYS.has(e.key)) go(newer);
      else if (OLDER_KEYS.has(e.key)) go(older);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [go, newer, older]);

  const back = `/traces${searchString(listParams(params))}`;
  const title = trace ? trace.agentName : "Trace";
  // Children may outlive their root (a handoff ends the parent's part): the tree's own span, from
  // the root's start to the latest end in it, beside the root's duration once the root has ended
  // (while it runs, the latest end so far is not the tree's span).
  const treeSpan =
    trace?.endedAt != null ? Date.parse(String(trace.endedAt)) - Date.parse(String(trace.startedAt)) : null;
  return (
    <>
      <title>{`${title} · Trace · Baton`}</title>
      <PageHeader
        title={title}
        badge={trace ? <StatusBadge status={fromEnum(trace.status) as ExecutionStatus} /> : null}
        back={<Link to={back}>← Traces</Link>}
        subtitle={
          trace ? (
            <span data-testid="trace-summary">
              <code>{trace.id}</code> · started {formatDateTime(String(trace.startedAt))} ·{" "}
              {trace.durationMs == null ? "running" : `root ${shortMs(trace.durationMs)}`}
              {trace.durationMs != null && treeSpan !== null && treeSpan > trace.durationMs
                ? `, tree ${shortMs(treeSpan)}`
                : ""}{" "}
              · {plural(trace.executionCount, "execution")} · {plural(trace.failureCount, "failure")}
              {trace.workflowRunId ? (
                <>
                  {" · "}
                  <Link to={`/workflows/runs/${encodeURIComponent(trace.workflowRunId)}`}>workflow run</Link>
                </>
              ) : null}
            </span>
          ) : null
        }
        actions={
          <nav className="trace-nav" aria-label="Trace list">
            <button
              type="button"
              className="button button-small"
              disabled={!newer}
              aria-keyshortcuts="[ k"
              onClick={() => go(newer)}
            >
              ← Newer
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={!older}
              aria-keyshortcuts="] j"
              onClick={() => go(older)}
            >
              Older →
            </button>
          </nav>
        }
      />
      {notFound ? <ErrorPanel error={notFound.message} title="No such trace" /> : null}
      {result.error && !trace && !notFound ? (
        <ErrorPanel error={result.error} title="Could not load the trace" />
      ) : null}
      {result.fetching && !trace ? <Loading label="Loading the trace…" /> : null}
      {trace ? (
        <>
          <form className="filters trace-search" aria-label="Highlight executions" onSubmit={(e) => e.preventDefault()}>
            <label>
              Highlight{" "}
              <input
                type="search"
                key={find}
                defaultValue={find}
                maxLength={200}
                placeholder="agent, id, words in inputs, outputs, errors"
                onBlur={(e) => update({ find: e.target.value.trim() || null }, true)}
                onKeyDown={(e) => e.key === "Enter" && update({ find: e.currentTarget.value.trim() || null }, true)}
              />
            </label>
            <p className="result-count" data-testid="trace-matches" aria-live="polite">
              {matches
                ? `${plural(matches.size, "execution")} of ${spans.length} match`
                : `${plural(critical.size, "execution")} on the critical path`}
            </p>
          </form>
          <div className={`trace-layout${selectedId ? " with-detail" : ""}`}>
            <TraceGantt
              rootId={trace.id}
              rows={rows}
              critical={critical}
              matches={matches}
              selectedId={selectedId}
              onSelect={select}
              nowMs={nowMs}
            />
            <section className="panel trace-side" aria-label="Executions">
              <h2 className="section-title">Executions · failed first</h2>
              <TraceSpanList
                spans={listed}
                critical={critical}
                matches={matches}
                selectedId={selectedId}
                onSelect={select}
                nowMs={nowMs}
              />
            </section>
            {selectedId ? (
              <ExecutionDetailPanel
                key={selectedId}
                id={selectedId}
                version={String(trace.executions.find((e) => e.id === selectedId)?.updatedAt ?? "")}
                onClose={() => update({ selected: null }, true)}
              />
            ) : null}
          </div>
          <TraceGraphSection spans={spans} critical={critical} onSelect={select} />
        </>
      ) : null}
    </>
  );
}

function TraceGraphSection({
  spans,
  critical,
  onSelect,
}: {
  spans: readonly TraceSpan[];
  critical: ReadonlySet<string>;
  onSelect: (id: string) => void;
}) {
  const [mode, setMode] = useState<GraphMode>("agents");
  return (
    <section className="panel trace-graph" aria-label="Agent graph">
      <header className="trace-graph-head">
        <h2 className="section-title">Agent graph</h2>
        <label>
          <input
            type="checkbox"
            checked={mode === "executions"}
            onChange={(e) => setMode(e.target.checked ? "executions" : "agents")}
          />{" "}
          One node per execution
        </label>
      </header>
      <Suspense fallback={<Loading label="Loading the graph…" />}>
        <TraceAgentGraph spans={spans} mode={mode} critical={critical} onSelect={onSelect} />
      </Suspense>
      <TraceGraphTables spans={spans} />
    </section>
  );
}

/** Now, ticking every second while any execution of the tree runs (its bar grows). */
function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}

/** The graph's text alternative: each agent's runs and failures, and each agent → agent route's handoffs. */
function TraceGraphTables({ spans }: { spans: readonly TraceSpan[] }) {
  const { nodes, edges } = useMemo(() => agentGraph(spans), [spans]);
  return (
    <div className="trace-graph-tables">
      <table className="data-table" data-testid="trace-graph-agents">
        <caption className="visually-hidden">Agents of the trace</caption>
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Runs</th>
            <th scope="col">Failures</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => (
            <tr key={n.agent}>
              <td>{n.agent}</td>
              <td>{n.executions}</td>
              <td>{n.failures}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="data-table" data-testid="trace-graph-routes">
        <caption className="visually-hidden">Handoff routes of the trace</caption>
        <thead>
          <tr>
            <th scope="col">From agent</th>
            <th scope="col">To agent</th>
            <th scope="col">Handoffs</th>
          </tr>
        </thead>
        <tbody>
          {edges.map((e) => (
            <tr key={`${e.source}→${e.target}`}>
              <td>{e.source}</td>
              <td>{e.target}</td>
              <td>{e.handoffs}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
