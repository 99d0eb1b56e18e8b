// What one execution did: its agent, status, times, attempt, model, tokens and cost (when known),
// error, inputs and outputs, and where it sits in its handoff chain (links select the others on the
// timeline), and the workflow it ran under.
import { CopyButton } from "../../../components/ui/copy-button.tsx";
import { Link, useLocation } from "react-router-dom";
import { type FragmentType, graphql, useFragment } from "../../../gql/index.ts";
import type { ExecutionStatus } from "../../../gql/graphql.ts";
import { formatCount, formatDateTime, formatMs, formatUsd } from "../../../lib/format.ts";
import { fromEnum } from "../../../lib/graphql-enum.ts";
import { searchString, withParams } from "../../../lib/use-search-param-updater.ts";
import { runPath, workflowPath } from "../../workflows/lib/paths.ts";
import { RetryExecutionButton } from "./retry-execution-button.tsx";
import { StatusBadge } from "./status-badge.tsx";

export const ExecutionDetailFragment = graphql(`
  fragment ExecutionDetailExecution on Execution {
    id
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
    error
    inputs
    outputs
    workflowId
    workflow {
      id
      name
    }
    workflowRunId
    workflowStepId
    notes
    tags
    notion {
      state
      pageUrl
      error
      syncedAt
    }
    ancestors {
      id
      agentName
      status
    }
    children {
      id
      agentName
      status
    }
  }
`);

export function ExecutionDetail(props: { execution: FragmentType<typeof ExecutionDetailFragment> }) {
  const e = useFragment(ExecutionDetailFragment, props.execution);
  const status = fromEnum(e.status);
  const running = !e.endedAt && (status === "in_progress" || status === "pending");
  const duration = e.durationMs ?? (running ? Date.now() - Date.parse(e.timestamp) : null);
  return (
    <>
      <dl className="facts detail-facts">
        <dt>Agent</dt>
        <dd>
          <Link to={`/agents/${encodeURIComponent(e.agentName)}`}>{e.agentName}</Link>
        </dd>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={status} />
        </dd>
        <dt>Start</dt>
        <dd>{formatDateTime(e.timestamp)}</dd>
        <dt>End</dt>
        <dd>
          {e.endedAt ? formatDateTime(e.endedAt) : <span className="muted-text">{running ? "running" : "—"}</span>}
        </dd>
        <dt>Duration</dt>
        <dd>{duration === null ? "—" : `${running ? "so far " : ""}${formatMs(Math.round(duration))}`}</dd>
        <dt>Attempt</dt>
        <dd>
          {e.attempt}
          {status === "failure" || status === "cancelled" ? <RetryExecutionButton id={e.id} /> : null}
        </dd>
        {e.model !== null && e.model !== undefined ? (
          <>
            <dt>Model</dt>
            <dd data-testid="execution-model">
              <code>{e.model}</code>
            </dd>
          </>
        ) : null}
        {e.inputTokens != null || e.outputTokens != null ? (
          <>
            <dt>Tokens</dt>
            <dd data-testid="execution-tokens">
              {e.inputTokens != null ? `${formatCount(e.inputTokens)} in` : "— in"}
              {" · "}
              {e.outputTokens != null ? `${formatCount(e.outputTokens)} out` : "— out"}
            </dd>
          </>
        ) : null}
        {e.costUsd != null ? (
          <>
            <dt>Cost</dt>
            <dd data-testid="execution-cost" title={`${e.costUsd} USD`}>
              {formatUsd(e.costUsd)}
            </dd>
          </>
        ) : null}
        {e.workflowId || e.workflowRunId ? (
          <>
            <dt>Workflow</dt>
            <dd data-testid="execution-workflow">
              {e.workflow ? (
                <Link to={workflowPath(e.workflow.name)}>{e.workflow.name}</Link>
              ) : (
                <code title="No template has this id any more">{e.workflowId ?? "—"}</code>
              )}
              {e.workflowRunId ? (
                <>
                  {" · "}
                  <Link to={runPath(e.workflowRunId)}>run</Link>
                </>
              ) : null}
              {e.workflowStepId?.startsWith("rollback:")
                ? ` · rollback: compensation of step ${e.workflowStepId.slice("rollback:".length)}`
                : e.workflowStepId
                  ? ` · step ${e.workflowStepId}`
                  : ""}
            </dd>
          </>
        ) : null}
        <dt>Id</dt>
        <dd>
          <code>{e.id}</code> <CopyButton text={e.id} what="execution id" />
        </dd>
        {e.notion.state !== "not_written" ? (
          <>
            <dt>Notion</dt>
            <dd data-testid="execution-notion" data-state={e.notion.state}>
              {e.notion.state}
              {e.notion.pageUrl ? (
                <>
                  {" · "}
                  <a href={e.notion.pageUrl} target="_blank" rel="noreferrer">
                    open page
                  </a>
                </>
              ) : null}
              {e.notion.syncedAt && e.notion.state === "synced" ? ` · ${formatDateTime(e.notion.syncedAt)}` : ""}
              {e.notion.error ? <div className="field-error">{e.notion.error}</div> : null}
            </dd>
          </>
        ) : null}
        {e.tags.length > 0 ? (
          <>
            <dt>Tags</dt>
            <dd data-testid="execution-tags">{e.tags.join(", ")}</dd>
          </>
        ) : null}
      </dl>
      {e.notes ? (
        <>
          <h3 className="block-label">Notes</h3>
          <p data-testid="execution-notes">{e.notes}</p>
        </>
      ) : null}
      {e.error ? (
        <>
          <h3 className="block-label">Error</h3>
          <p className="execution-error" data-testid="execution-error">
            {e.error}
          </p>
        </>
      ) : null}
      <h3 className="block-label">Handoff chain</h3>
      <HandoffChain current={e} />
      <h3 className="block-label">
        Inputs <CopyButton text={formatJson(e.inputs)} what="inputs" />
      </h3>
      <pre className="code-block" data-testid="execution-inputs">
        {formatJson(e.inputs)}
      </pre>
      <h3 className="block-label">
        Outputs <CopyButton text={formatJson(e.outputs)} what="outputs" />
      </h3>
      <pre className="code-block" data-testid="execution-outputs">
        {formatJson(e.outputs)}
      </pre>
    </>
  );
}

type ChainLink = { id: string; agentName: string; status: ExecutionStatus };

function HandoffChain({ current }: { current: ChainLink & { ancestors: ChainLink[]; children: ChainLink[] } }) {
  const location = useLocation();
  const to = (id: string) => ({
    search: searchString(withParams(new URLSearchParams(location.search), { execution: id })),
  });
  return (
    <>
      <ol className="handoff-chain" aria-label="Handoff chain, root first" data-testid="handoff-chain">
        {[...current.ancestors, current].map((link) => (
          <li key={link.id}>
            {link.id === current.id ? (
              <span className="chain-current" aria-current="true">
                <StatusBadge status={fromEnum(link.status)} compact />
                {link.agentName}
              </span>
            ) : (
              <Link to={to(link.id)} data-execution-id={link.id}>
                <StatusBadge status={fromEnum(link.status)} compact />
                {link.agentName}
              </Link>
            )}
          </li>
        ))}
      </ol>
      {current.children.length ? (
        <>
          <p className="chain-caption">Handed off to</p>
          <ul className="handoff-chain handoff-children" aria-label="Handed off to">
            {current.children.map((c) => (
              <li key={c.id}>
                <Link to={to(c.id)} data-execution-id={c.id}>
                  <StatusBadge status={fromEnum(c.status)} compact />
                  {c.agentName}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function formatJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  return JSON.stringify(value, null, 2);
}
