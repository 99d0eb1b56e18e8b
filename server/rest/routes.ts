// The REST shim's route table: each path is one root field of the GraphQL schema, executed with
// the same resolvers. Arguments come from the path, the snake_case query string, or the JSON body.
import type { Context } from "../graphql/context.js";
import { filterOf } from "../modules/execution/execution.service.js";
import { timelineJson } from "../modules/execution/execution.views.js";
import { agentByIdJson, agentsJson, patternsJson } from "../modules/agent/registry.views.js";

export interface RestRoute {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** OpenAPI-style path, `{name}` segments bind to the GraphQL argument of that name. */
  path: string;
  operation: "query" | "mutation";
  field: string;
  /** The argument that receives the whole JSON body. */
  body?: string;
  /** Success status (default 200). */
  status?: number;
  /** The OpenAPI operationId when two routes run one field (default: the field's name). */
  operationId?: string;
  /** Related records (by field name) to include, one level deep; others appear as ids only. */
  expand?: string[];
  /** Fields never selected (e.g. the echo of a 1,000-row batch). */
  omit?: string[];
  /** When the JSON body is an array, run this field instead with the array as its `arg`. */
  batch?: { field: string; arg: string; omit?: string[] };
  /**
   * The response is nested trees: the field's flat tree-ordered `list` becomes `into` (roots),
   * each item with `children` (what `serialise` writes; the OpenAPI document describes it so).
   */
  nest?: { list: string; into: string };
  /**
   * The body written by the service as JSON text instead of by executing the field, for responses
   * of megabytes: arguments are parsed and coerced as for the field, and the service's errors
   * (AppError) answer exactly as the field's error union would. It must write what the field's
   * selection (with `nest`) would.
   */
  serialise?: (ctx: Context, args: Record<string, unknown>) => Promise<string>;
  /**
   * The field is a GraphQL connection; REST answers `{ [list]: nodes, total, limit, offset }` (the
   * OpenAPI component `schema`), pages with `limit` (GraphQL's `first`) and `offset`.
   */
  connection?: { list: string; schema: string };
  /**
   * The field reads much (heavy reads: db.sql.read): it may answer 503 READ_TIMEOUT or
   * READ_TOO_LARGE, which the OpenAPI document says.
   */
  heavyRead?: boolean;
  summary: string;
  tag: string;
}

export const routes: RestRoute[] = [
  {
    method: "POST",
    path: "/hooks/claude-code",
    operation: "mutation",
    field: "recordClaudeCodeHook",
    body: "payload",
    summary:
      "Record a Claude Code hook event (the raw payload): sessions and sub-agent spawns become a handoff tree of executions",
    tag: "claude-code",
  },
  {
    method: "GET",
    path: "/agents",
    operation: "query",
    field: "agents",
    connection: { list: "agents", schema: "AgentList" },
    // From the registry's read model (modules/agent/registry.read.ts), as the field would answer.
    serialise: agentsJson,
    summary: "List agents (filters: capability, pattern, q; paging: limit, offset)",
    tag: "agents",
  },
  {
    method: "POST",
    path: "/agents",
    operation: "mutation",
    field: "createAgent",
    body: "input",
    status: 201,
    summary: "Register an agent",
    tag: "agents",
  },
  {
    method: "GET",
    path: "/agents/{id}",
    operation: "query",
    field: "agent",
    serialise: agentByIdJson,
    summary: "An agent by id or unique name",
    tag: "agents",
  },
  {
    method: "PATCH",
    path: "/agents/{id}",
    operation: "mutation",
    field: "updateAgent",
    body: "input",
    summary: "Change an agent (lists given replace the stored ones)",
    tag: "agents",
  },
  {
    method: "GET",
    path: "/agents/{id}/health",
    operation: "query",
    field: "agentHealth",
    heavyRead: true,
    expand: ["openAlerts"],
    summary:
      "An agent's health: circuit state, success rate and p95 duration over the last hour and day, last failure, open alerts",
    tag: "agents",
  },
  {
    method: "POST",
    path: "/agents/{id}/circuit/reset",
    operation: "mutation",
    field: "resetAgentCircuit",
    summary: "Close an agent's circuit breaker by hand (its failure count forgotten)",
    tag: "agents",
  },
  {
    method: "POST",
    path: "/agents/{id}/circuit/open",
    operation: "mutation",
    field: "openAgentCircuit",
    summary: "Open an agent's circuit breaker by hand: out of service until reset",
    tag: "agents",
  },
  {
    method: "GET",
    path: "/alerts",
    operation: "query",
    field: "alerts",
    connection: { list: "alerts", schema: "AlertList" },
    summary: "List alerts, newest first (filters: agent, state; paging: limit, offset)",
    tag: "alerts",
  },
  {
    method: "POST",
    path: "/alerts/{id}/acknowledge",
    operation: "mutation",
    field: "acknowledgeAlert",
    summary: "Acknowledge an open alert (409 when it is acknowledged or resolved already)",
    tag: "alerts",
  },
  {
    method: "DELETE",
    path: "/agents/{id}",
    operation: "mutation",
    field: "deleteAgent",
    summary: "Delete an agent",
    tag: "agents",
  },
  {
    method: "GET",
    path: "/executions/timeline",
    heavyRead: true,
    operation: "query",
    field: "timeline",
    nest: { list: "executions", into: "roots" },
    serialise: (ctx, args) =>
      timelineJson(ctx.db, {
        ...filterOf(args),
        limit: args.limit as number | undefined,
        before: args.before as string | undefined,
      }),
    summary: "Handoff trees (nested) of the executions matching the filters, with their ancestors",
    tag: "executions",
  },
  {
    method: "GET",
    path: "/traces",
    heavyRead: true,
    operation: "query",
    field: "traces",
    // A tree's critical path reads its every execution: GET /traces/{id} has it, the list does not.
    omit: ["edges", "criticalPath"],
    summary:
      "Handoff trees newest first, one row each (root agent, status, start, duration, executions, failures, agents, tokens and cost); filters; paged by first + after",
    tag: "executions",
  },
  {
    method: "GET",
    path: "/traces/{id}",
    heavyRead: true,
    operation: "query",
    field: "trace",
    expand: ["executions"],
    omit: ["root"],
    summary:
      "One handoff tree (the id of its root or of any execution in it): its figures, every execution, and its critical path",
    tag: "executions",
  },
  {
    method: "GET",
    path: "/executions/graph",
    heavyRead: true,
    operation: "query",
    field: "handoffGraph",
    summary: "Agents and agent→agent handoffs with counts, success rates and durations",
    tag: "executions",
  },
  {
    method: "GET",
    path: "/executions",
    heavyRead: true,
    operation: "query",
    field: "executions",
    connection: { list: "executions", schema: "ExecutionList" },
    summary: "List executions (filters: agent, status, start_date, end_date, workflow, workflow_run; sort; paging)",
    tag: "executions",
  },
  {
    method: "POST",
    path: "/executions",
    operation: "mutation",
    field: "recordExecution",
    body: "input",
    batch: { field: "recordExecutions", arg: "executions", omit: ["executions"] },
    status: 201,
    summary: "Record an execution (JSON object) or a batch (JSON array: all or nothing)",
    tag: "executions",
  },
  {
    method: "GET",
    path: "/executions/sync",
    operation: "mutation",
    field: "syncNotion",
    summary:
      "Sync from Notion now (docs/notion.md): pull pages edited since the cursor, apply notes and tags, record conflicts, push Baton's edits; the report. Admin scope",
    tag: "notion",
  },
  {
    method: "POST",
    path: "/executions/sync",
    operation: "mutation",
    field: "syncNotion",
    operationId: "syncNotionPost",
    summary: "Sync from Notion now (as GET /executions/sync); the report. Admin scope",
    tag: "notion",
  },
  {
    method: "GET",
    path: "/executions/{id}/notion",
    operation: "query",
    field: "executionNotion",
    summary:
      "How an execution stands with Notion (synced, pending, failed, not_written), its page's URL, notes and tags",
    tag: "notion",
  },
  {
    method: "GET",
    path: "/executions/{id}",
    heavyRead: true,
    operation: "query",
    field: "execution",
    expand: ["ancestors", "children", "descendants"],
    summary: "An execution with its handoff chain (ancestors), children and descendants",
    tag: "executions",
  },
  {
    method: "PATCH",
    path: "/executions/{id}",
    operation: "mutation",
    field: "updateExecution",
    body: "input",
    summary: "Progress or finish an execution (a finished one cannot change: 409)",
    tag: "executions",
  },
  {
    method: "DELETE",
    path: "/executions/{id}",
    operation: "mutation",
    field: "deleteExecution",
    summary: "Delete one execution (a repair; 409 while executions hang under it or a workflow run recorded it)",
    tag: "executions",
  },
  {
    method: "GET",
    path: "/metrics",
    heavyRead: true,
    operation: "query",
    field: "metrics",
    summary:
      "Success rate, durations (avg, p50, p95), volumes, tokens and cost by agent, by day/week/month (tz), with the previous period",
    tag: "metrics",
  },
  {
    method: "GET",
    path: "/workflows",
    operation: "query",
    field: "workflows",
    connection: { list: "workflows", schema: "WorkflowList" },
    summary: "List workflow templates (filters: q, pattern; paging: limit, offset)",
    tag: "workflows",
  },
  {
    method: "POST",
    path: "/workflows",
    operation: "mutation",
    field: "createWorkflow",
    body: "input",
    status: 201,
    summary: "Create a workflow template (name, description, parameters: JSON Schema, steps: the step tree)",
    tag: "workflows",
  },
  {
    method: "GET",
    path: "/workflows/{id}",
    operation: "query",
    field: "workflow",
    expand: ["runs"],
    summary: "A workflow template by id or name, with its flattened steps and recent runs",
    tag: "workflows",
  },
  {
    method: "PATCH",
    path: "/workflows/{id}",
    operation: "mutation",
    field: "updateWorkflow",
    body: "input",
    summary: "Change a workflow template (runs already started keep their copy)",
    tag: "workflows",
  },
  {
    method: "DELETE",
    path: "/workflows/{id}",
    operation: "mutation",
    field: "deleteWorkflow",
    summary: "Delete a workflow template (its runs stay)",
    tag: "workflows",
  },
  {
    method: "POST",
    path: "/workflows/{id}/execute",
    operation: "mutation",
    field: "executeWorkflow",
    body: "params",
    status: 201,
    summary: "Start a run: the JSON body is the parameters; returns the run at once (steps run in the background)",
    tag: "workflows",
  },
  {
    method: "GET",
    path: "/workflow-runs",
    operation: "query",
    field: "workflowRuns",
    connection: { list: "runs", schema: "WorkflowRunList" },
    summary: "List workflow runs, most recent first (filters: workflow, status; paging)",
    tag: "workflows",
  },
  {
    method: "GET",
    path: "/workflow-runs/{id}",
    operation: "query",
    field: "workflowRun",
    expand: ["executions", "memories"],
    summary: "A workflow run with every step's state and the executions it recorded",
    tag: "workflows",
  },
  {
    method: "POST",
    path: "/workflow-runs/{id}/resume",
    operation: "mutation",
    field: "resumeWorkflowRun",
    summary: "Resume a failed or cancelled run from where it stopped (succeeded steps are kept; 409 otherwise)",
    tag: "workflows",
  },
  {
    method: "POST",
    path: "/workflow-runs/{id}/rerun",
    operation: "mutation",
    field: "rerunWorkflowRun",
    body: "params",
    status: 201,
    summary: "Start a new run of a finished run's definition with its parameters (the body's values replace theirs)",
    tag: "workflows",
  },
  {
    method: "POST",
    path: "/workflow-runs/{id}/rollback",
    operation: "mutation",
    field: "rollbackWorkflowRun",
    summary:
      "Roll back a finished run: its steps' compensations in reverse order of completion, then the files it wrote (409 while running or once rolled back)",
    tag: "workflows",
  },
  {
    method: "POST",
    path: "/workflows/{id}/rollback",
    operation: "mutation",
    field: "rollbackWorkflow",
    summary:
      "Roll back the template's most recent finished run, or the body's run_id (409 while running or once rolled back)",
    tag: "workflows",
  },
  {
    method: "POST",
    path: "/executions/{id}/retry",
    operation: "mutation",
    field: "retryExecution",
    summary:
      "Retry a failed or cancelled execution: inside a run, the run resumes from its step; outside, its agent runs again (attempt + 1)",
    tag: "executions",
  },
  {
    method: "POST",
    path: "/workflow-runs/{id}/cancel",
    operation: "mutation",
    field: "cancelWorkflowRun",
    summary: "Cancel a running workflow run (409 when it already finished)",
    tag: "workflows",
  },
  {
    method: "GET",
    path: "/patterns",
    operation: "query",
    field: "patterns",
    expand: ["agents"],
    serialise: patternsJson,
    summary: "List coordination patterns",
    tag: "patterns",
  },
  {
    method: "GET",
    path: "/patterns/{id}",
    operation: "query",
    field: "pattern",
    expand: ["agents"],
    summary: "A pattern by id, key (sequential) or name",
    tag: "patterns",
  },
  {
    method: "GET",
    path: "/tokens",
    operation: "query",
    field: "apiTokens",
    connection: { list: "tokens", schema: "ApiTokenList" },
    summary: "List API tokens, newest first (include_revoked=true for revoked ones too); admin scope",
    tag: "access",
  },
  {
    method: "POST",
    path: "/tokens",
    operation: "mutation",
    field: "createApiToken",
    body: "input",
    status: 201,
    summary: "Create an API token: the answer holds its secret, shown this once; admin scope",
    tag: "access",
  },
  {
    method: "DELETE",
    path: "/tokens/{id}",
    operation: "mutation",
    field: "revokeApiToken",
    summary: "Revoke an API token (by id or secret prefix); its dashboard sessions end; admin scope",
    tag: "access",
  },
  {
    method: "GET",
    path: "/audit",
    operation: "query",
    field: "auditLog",
    connection: { list: "entries", schema: "AuditLog" },
    summary: "The audit log of writes, newest first (filters: token, operation, outcome); admin scope",
    tag: "access",
  },
  {
    method: "GET",
    path: "/integrations/notion",
    operation: "query",
    field: "notionIntegration",
    summary: "The Notion integration: enabled, mode, state, outbox backlog, last success and error, MCP server",
    tag: "notion",
  },
  {
    method: "GET",
    path: "/integrations/notion/conflicts",
    operation: "query",
    field: "notionConflicts",
    summary: "Conflicts sync from Notion settled, most recent first (filters: execution_id; limit)",
    tag: "notion",
  },
];
