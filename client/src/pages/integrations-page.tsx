// Integrations: the Notion integration (docs/notion.md) — whether it is on, what it writes, its
// state, outbox backlog, last success and last error (a refused token or a wrong database id shows
// here), the MCP server, the pull cursor — the conflicts sync from Notion settled, and "Sync now",
// which runs a sync and shows its report.
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { PageHeader } from "../components/ui/page-header.tsx";
import { ErrorPanel, errorMessage, Loading } from "../components/ui/query-state.tsx";
import { graphql } from "../gql/index.ts";
import type { SyncNotionNowMutation } from "../gql/graphql.ts";
import { formatDateTime } from "../lib/format.ts";

const IntegrationsPageQuery = graphql(`
  query IntegrationsPage {
    notionIntegration {
      enabled
      mode
      state
      databaseId
      dataSourceId
      backlog
      failed
      conflicts
      lastSuccessAt
      lastError
      lastErrorAt
      lastPullAt
      lastPullError
      pullCursor
      pullIntervalMs
      mcpServer
    }
    notionConflicts(limit: 20) {
      id
      executionId
      field
      localValue
      notionValue
      notionAt
      winner
      resolvedAt
    }
  }
`);

const SyncNotionNow = graphql(`
  mutation SyncNotionNow {
    syncNotion {
      __typename
      ... on NotionSyncReport {
        seen
        pulled
        updated
        created
        ignored
        conflicts
        pushed
        pending
        error
        changes {
          executionId
          field
          direction
          value
        }
      }
      ... on ConflictError {
        message
      }
    }
  }
`);

type Report = Extract<SyncNotionNowMutation["syncNotion"], { __typename: "NotionSyncReport" }>;

const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));

function SyncReport({ report }: { report: Report }) {
  const figures: [string, number][] = [
    ["seen", report.seen],
    ["pulled", report.pulled],
    ["updated", report.updated],
    ["created", report.created],
    ["ignored", report.ignored],
    ["conflicts", report.conflicts],
    ["pushed", report.pushed],
    ["pending", report.pending],
  ];
  return (
    <section className="card" aria-label="Sync report" data-testid="sync-report">
      <h2>Last sync</h2>
      {report.error ? (
        <p className="field-error" role="alert" data-testid="sync-error">
          {report.error}
        </p>
      ) : null}
      <dl className="facts">
        {figures.map(([label, n]) => (
          <div key={label} data-testid={`report-${label}`}>
            <dt>{label}</dt>
            <dd>{n}</dd>
          </div>
        ))}
      </dl>
      {report.changes.length > 0 ? (
        <ul data-testid="sync-changes">
          {report.changes.map((c) => (
            <li key={`${c.executionId}-${c.field}-${c.direction}`}>
              <code>{c.executionId}</code> {c.field} {c.direction === "pulled" ? "← Notion" : "→ Notion"}:{" "}
              {show(c.value)}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export function IntegrationsPage() {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: IntegrationsPageQuery,
    requestPolicy: "cache-and-network",
  });
  const [syncState, sync] = useMutation(SyncNotionNow);
  const [report, setReport] = useState<Report | null>(null);
  const [syncError, setSyncError] = useState<string | null>(null);
  const n = data?.notionIntegration;

  const syncNow = async () => {
    setSyncError(null);
    const result = await sync({}, { additionalTypenames: ["NotionConflict", "Execution"] });
    if (result.error) setSyncError(errorMessage(result.error));
    const r = result.data?.syncNotion;
    if (r?.__typename === "NotionSyncReport") setReport(r);
    else if (r?.__typename === "ConflictError") setSyncError(r.message);
    refetch({ requestPolicy: "network-only" });
  };

  const facts: [string, string, string][] = n?.enabled
    ? [
        ["State", n.state ?? "—", "notion-state"],
        ["Writes", n.mode ?? "—", "notion-mode"],
        ["Database", n.databaseId ?? "—", "notion-database"],
        ["Data source", n.dataSourceId ?? "not found yet", "notion-data-source"],
        ["Outbox backlog", String(n.backlog), "notion-backlog"],
        ["Refused by Notion", String(n.failed), "notion-failed"],
        ["Last success", n.lastSuccessAt ? formatDateTime(n.lastSuccessAt) : "never", "notion-last-success"],
        ["Last sync from Notion", n.lastPullAt ? formatDateTime(n.lastPullAt) : "never", "notion-last-pull"],
        [
          "Periodic sync",
          n.pullIntervalMs ? `every ${Math.round(n.pullIntervalMs / 1000)} s` : "off",
          "notion-pull-interval",
        ],
        ["MCP server", n.mcpServer ?? "—", "notion-mcp"],
        ["Conflicts", String(n.conflicts), "notion-conflicts"],
      ]
    : [];

  return (
    <>
      <title>Integrations · Baton</title>
      <PageHeader
        title="Integrations"
        subtitle="Notion persistence through the official Notion MCP server: what is written, what waits, what went wrong."
        actions={
          n?.enabled ? (
            <button
              type="button"
              className="button button-primary"
              disabled={syncState.fetching}
              onClick={() => void syncNow()}
            >
              {syncState.fetching ? "Syncing…" : "Sync now"}
            </button>
          ) : null
        }
      />
      {error ? <ErrorPanel error={error} title="Could not load the integrations" /> : null}
      {fetching && !data ? <Loading label="Loading integrations…" /> : null}
      {n && !n.enabled ? (
        <section className="card" data-testid="notion-off">
          <h2>Notion</h2>
          <p>
            Off. Set <code>NOTION_TOKEN</code> and <code>BATON_NOTION_DATABASE_ID</code> to write executions to a Notion
            database (docs/notion.md).
          </p>
        </section>
      ) : null}
      {n?.enabled ? (
        <section className="card" aria-label="Notion" data-testid="notion-integration" data-state={n.state ?? ""}>
          <h2>Notion</h2>
          {n.lastError && n.state !== "ok" ? (
            <p className="field-error" role="alert" data-testid="notion-error">
              {n.lastError}
              {n.lastErrorAt ? ` (${formatDateTime(n.lastErrorAt)})` : ""}
            </p>
          ) : null}
          <dl className="facts">
            {facts.map(([label, value, id]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd data-testid={id}>{value}</dd>
              </div>
            ))}
          </dl>
          {n.lastPullError ? (
            <p className="field-error" data-testid="notion-pull-error">
              Last sync from Notion stopped: {n.lastPullError}
            </p>
          ) : null}
        </section>
      ) : null}
      {syncError ? (
        <p className="field-error" role="alert" data-testid="sync-error">
          {syncError}
        </p>
      ) : null}
      {report ? <SyncReport report={report} /> : null}
      {n?.enabled && data && data.notionConflicts.length > 0 ? (
        <section className="card" aria-label="Conflicts">
          <h2>Conflicts</h2>
          <div className="table-scroll">
            <table className="data-table" data-testid="notion-conflicts">
              <thead>
                <tr>
                  <th scope="col">Execution</th>
                  <th scope="col">Field</th>
                  <th scope="col">Baton</th>
                  <th scope="col">Notion</th>
                  <th scope="col">Winner</th>
                  <th scope="col">Settled</th>
                </tr>
              </thead>
              <tbody>
                {data.notionConflicts.map((c) => (
                  <tr key={c.id} data-testid="notion-conflict" data-execution={c.executionId} data-winner={c.winner}>
                    <td>
                      <code>{c.executionId}</code>
                    </td>
                    <td>{c.field}</td>
                    <td>{show(c.localValue)}</td>
                    <td>{show(c.notionValue)}</td>
                    <td>{c.winner}</td>
                    <td>{formatDateTime(c.resolvedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
