// Workflows for tests: agents with scripted runners (mock, command, http), templates with unique
// names, starting a run and waiting for it to finish (REST polling GET /workflow-runs/{id}, or the
// GraphQL workflowRun query), and small readers of a finished run (its executions by step).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { agentBody, uniqueName } from "./factories.js";
import type { GqlExecution, RestExecution } from "./executions.js";
import type { GraphQLClient } from "./graphql.js";
import type { RestClient } from "./rest.js";

export type RunStatus =
  | "pending"
  | "running"
  | "succeeded"
  | "failed"
  | "cancelled"
  | "rolling_back"
  | "rolled_back"
  | "rollback_failed";
export type StepStatus = "pending" | "running" | "succeeded" | "failed" | "skipped" | "cancelled";
/** Run and step statuses as GraphQL names them: `SUCCEEDED`. */
export type GqlRunStatus = Uppercase<RunStatus>;
export type GqlStepStatus = Uppercase<StepStatus>;
export const FINISHED_RUN_STATUSES: readonly RunStatus[] = ["succeeded", "failed", "cancelled"];
export const GQL_FINISHED_RUN_STATUSES: readonly GqlRunStatus[] = ["SUCCEEDED", "FAILED", "CANCELLED"];
/** Whether a REST run has finished: succeeded, failed or cancelled. */
export const isFinished = (run: { status: string }) =>
  (FINISHED_RUN_STATUSES as readonly string[]).includes(run.status);
/** Whether a GraphQL run has finished: SUCCEEDED, FAILED or CANCELLED. */
export const isFinishedGql = (run: { status: string }) =>
  (GQL_FINISHED_RUN_STATUSES as readonly string[]).includes(run.status);

/** A step of a template as written (snake_case, like the REST body). */
export interface StepBody {
  id: string;
  agent: string;
  description?: string;
  input?: unknown;
  output_schema?: unknown;
  timeout_ms?: number;
  retry?: RetryBody;
  optional?: boolean;
  runner?: { kind: string; settings?: unknown };
}
export type NodeBody =
  | StepBody
  | { sequential: NodeBody[] }
  | { parallel: NodeBody[] }
  | {
      hierarchical: {
        supervisor: StepBody;
        workers: NodeBody[];
        aggregate: Omit<StepBody, "agent"> & { agent?: string };
      };
    };

export interface WorkflowBody {
  name?: string;
  description?: string;
  parameters?: unknown;
  steps?: unknown;
  /** Serena memory: { serena: true | false } (docs/serena.md). */
  memory?: unknown;
}

export interface RetryBody {
  max_retries?: number;
  backoff?: "fixed" | "linear" | "exponential";
  initial_delay_ms?: number;
  max_delay_ms?: number;
}

export interface MockSettings {
  outputs?: Record<string, unknown>;
  latency_ms?: number;
  failure_rate?: number;
  error?: string;
  seed?: number;
}

export interface RestWorkflowStep {
  id: string;
  agent_name: string;
  description: string | null;
  role: "step" | "supervisor" | "worker" | "aggregate";
  path: string[];
  after: string[];
  optional: boolean;
  timeout_ms: number | null;
  runner_kind: string | null;
  runner_source: "step" | "agent";
  input: unknown;
  output_schema: unknown;
}

export interface RestWorkflow {
  id: string;
  name: string;
  description: string;
  parameters: unknown;
  steps: unknown;
  patterns: string[];
  run_count: number;
  /** { serena: boolean } or null (docs/serena.md). */
  memory?: unknown;
  step_list: RestWorkflowStep[];
  created_at: string;
  updated_at: string;
  /** Only on GET /workflows/{id}. */
  runs?: RestWorkflowRun[];
}

export interface RestWorkflowList {
  workflows: RestWorkflow[];
  total: number;
  limit: number;
  offset: number;
}

export interface RestStepState {
  step_id: string;
  agent_name: string;
  role: string;
  position: number;
  status: StepStatus;
  attempts: number;
  outputs: unknown;
  error: string | null;
  execution_id: string | null;
  started_at: string | null;
  ended_at: string | null;
}

export interface RestWorkflowRun {
  id: string;
  workflow_id: string | null;
  workflow_name: string;
  definition: { parameters: unknown; steps: unknown };
  params: Record<string, unknown>;
  status: RunStatus;
  error: string | null;
  failed_step_id: string | null;
  root_execution_id: string | null;
  outputs: unknown;
  cancel_requested: boolean;
  resume_count: number;
  steps: RestStepState[];
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  duration_ms: number | null;
  /** Only on GET /workflow-runs/{id}: the Serena memories its handoffs were written to (docs/serena.md). */
  memories?: string[];
  /** Only on GET /workflow-runs/{id}: every execution of the run, by start. */
  executions?: RestExecution[];
}

/** GET /workflow-runs/{id}: the run with every execution. */
export type RestWorkflowRunDetail = RestWorkflowRun & { executions: RestExecution[] };

export interface RestWorkflowRunList {
  runs: RestWorkflowRun[];
  total: number;
  limit: number;
  offset: number;
}

/** Registers an agent running `runner`, with no retries unless `retry` says otherwise; returns its name. */
export async function registerAgent(
  api: RestClient,
  runner: { kind: string; settings?: unknown },
  options: { retry?: RetryBody; prefix?: string } = {},
): Promise<string> {
  const name = uniqueName(options.prefix ?? "WfAgent");
  const res = await api.post<{ name: string }>("/agents", {
    ...agentBody({ name, runner: { kind: runner.kind, settings: runner.settings ?? {} } }),
    retry_policy: { max_retries: 0, backoff: "fixed", initial_delay_ms: 0, max_delay_ms: 0, ...options.retry },
  });
  if (res.status !== 201) throw new Error(`POST /agents: ${res.status} ${res.text}`);
  return res.body.name;
}

/** A mock agent: scripted outputs (`{{input.x}}` placeholders), latency, failures. */
export const registerMockAgent = (api: RestClient, settings: MockSettings = {}, options?: { retry?: RetryBody }) =>
  registerAgent(api, { kind: "mock", settings }, { ...options, prefix: "Mock" });

/** A `command` agent running `node -e <script>` (the step's input arrives as JSON on stdin). */
export const registerNodeScriptAgent = (
  api: RestClient,
  script: string,
  extra: { args?: string[]; timeout_ms?: number } = {},
  options?: { retry?: RetryBody },
) =>
  registerAgent(
    api,
    {
      kind: "command",
      settings: {
        command: process.execPath,
        args: ["-e", script, ...(extra.args ?? [])],
        ...(extra.timeout_ms ? { timeout_ms: extra.timeout_ms } : {}),
      },
    },
    { ...options, prefix: "Cmd" },
  );

/** POST /workflows with a unique name (unless given); fails the test unless it is created. */
export async function createWorkflow(api: RestClient, body: WorkflowBody): Promise<RestWorkflow> {
  const res = await api.post<RestWorkflow>("/workflows", { name: uniqueName("wf"), ...body });
  if (res.status !== 201) throw new Error(`POST /workflows: ${res.status} ${res.text}`);
  return res.body;
}

/**
 * A sequential template of the steps `ids` over one agent, each step's input `{ n: <its position,
 * from 1>, __mock: {{params.<id>}} }`: every run scripts its steps (latency, failure) through its
 * parameters, e.g. `{ s2: { latency_ms: 700 } }` (default: none).
 */
export const scriptedSequence = (api: RestClient, agent: string, ids: string[], body: WorkflowBody = {}) =>
  createWorkflow(api, {
    parameters: {
      type: "object",
      properties: Object.fromEntries(ids.map((id) => [id, { type: "object", default: {} }])),
    },
    steps: ids.map((id, i) => ({ id, agent, input: { n: i + 1, __mock: `{{params.${id}}}` } })),
    ...body,
  });

/** POST /workflows/{id}/execute; the run as returned (pending). */
export async function startRun(
  api: RestClient,
  workflowId: string,
  params: Record<string, unknown> = {},
): Promise<RestWorkflowRun> {
  const res = await api.post<RestWorkflowRun>(`/workflows/${encodeURIComponent(workflowId)}/execute`, params);
  if (res.status !== 201) throw new Error(`POST /workflows/${workflowId}/execute: ${res.status} ${res.text}`);
  return res.body;
}

export async function getRun(api: RestClient, runId: string): Promise<RestWorkflowRunDetail> {
  const res = await api.get<RestWorkflowRunDetail>(`/workflow-runs/${encodeURIComponent(runId)}`);
  if (res.status !== 200) throw new Error(`GET /workflow-runs/${runId}: ${res.status} ${res.text}`);
  return res.body;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `done` holds; throws with the last value after `timeoutMs`. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 10_000,
  intervalMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not reached in ${timeoutMs} ms; last seen ${JSON.stringify(value).slice(0, 2000)}`);
    await pause(intervalMs);
  }
}

/** GET /workflow-runs/{id} until the run has finished (succeeded, failed or cancelled). */
export const waitForRun = (api: RestClient, runId: string, timeoutMs = 10_000) =>
  pollUntil(() => getRun(api, runId), isFinished, `run ${runId} finishing`, timeoutMs);

/** GET /workflow-runs/{id} until the step is in `status` (e.g. running, to cancel it mid-way). */
export const waitForStep = (api: RestClient, runId: string, stepId: string, status: StepStatus, timeoutMs = 10_000) =>
  pollUntil(
    () => getRun(api, runId),
    (r) => r.steps.some((s) => s.step_id === stepId && s.status === status),
    `step ${stepId} of run ${runId} reaching ${status}`,
    timeoutMs,
  );

/** Creates a template of `steps`, runs it with `params` and returns both once the run has finished. */
export async function runWorkflow(
  api: RestClient,
  steps: NodeBody[],
  options: { parameters?: unknown; params?: Record<string, unknown>; name?: string } = {},
): Promise<{ workflow: RestWorkflow; run: RestWorkflowRun }> {
  const workflow = await createWorkflow(api, {
    ...(options.name ? { name: options.name } : {}),
    ...(options.parameters ? { parameters: options.parameters } : {}),
    steps,
  });
  const started = await startRun(api, workflow.id, options.params ?? {});
  return { workflow, run: await waitForRun(api, started.id) };
}

// ---- reading a finished run ------------------------------------------------------------------

/** The executions of a run (GET /workflow-runs/{id}) that belong to a step, by attempt. */
export function attemptsOf(run: RestWorkflowRun, stepId: string): RestExecution[] {
  return (run.executions ?? []).filter((e) => e.workflow_step_id === stepId).sort((a, b) => a.attempt - b.attempt);
}

/** A step's only (or last) execution; throws when the step has none. */
export function executionOf(run: RestWorkflowRun, stepId: string): RestExecution {
  const found = attemptsOf(run, stepId).at(-1);
  if (!found) throw new Error(`step '${stepId}' of run ${run.id} has no execution`);
  return found;
}

/** The run's root execution (agent `workflow:<name>`, depth 0). */
export function rootOf(run: RestWorkflowRun): RestExecution {
  const root = (run.executions ?? []).find((e) => e.id === run.root_execution_id);
  if (!root) throw new Error(`run ${run.id} has no root execution`);
  return root;
}

/** How a run's executions are labelled by `handoffs`: `root`, the step id, `step#2` for later attempts. */
export const labelOf = (e: Pick<RestExecution, "workflow_step_id" | "attempt">) =>
  e.workflow_step_id === null ? "root" : e.attempt > 1 ? `${e.workflow_step_id}#${e.attempt}` : e.workflow_step_id;

/**
 * The run's handoff tree in words: `{ label: [parent label, depth] }` for every execution, e.g.
 * `{ root: [null, 0], build: ["root", 1], test: ["build", 2] }`.
 */
export function handoffs(run: RestWorkflowRun): Record<string, [string | null, number]> {
  const executions = run.executions ?? [];
  const byId = new Map(executions.map((e) => [e.id, e]));
  return Object.fromEntries(
    executions.map((e) => {
      const parent = e.parent_execution_id === null ? null : byId.get(e.parent_execution_id);
      if (parent === undefined) throw new Error(`execution ${e.id}'s parent is not in run ${run.id}`);
      return [labelOf(e), [parent === null ? null : labelOf(parent), e.depth]];
    }),
  );
}

export const stepState = (run: RestWorkflowRun, stepId: string): RestStepState => {
  const s = run.steps.find((x) => x.step_id === stepId);
  if (!s) throw new Error(`run ${run.id} has no step '${stepId}'`);
  return s;
};

/** `{ stepId: status }` of every step, for one exact comparison. */
export const stepStatuses = (run: RestWorkflowRun): Record<string, StepStatus> =>
  Object.fromEntries(run.steps.map((s) => [s.step_id, s.status]));

/** The interval an execution ran in, in ms (its end must be recorded). */
export function span(e: Pick<RestExecution, "timestamp" | "ended_at" | "id">): [number, number] {
  if (!e.ended_at) throw new Error(`execution ${e.id} has not ended`);
  return [Date.parse(e.timestamp), Date.parse(e.ended_at)];
}

export const overlap = (a: [number, number], b: [number, number]) => a[0] < b[1] && b[0] < a[1];

// ---- GraphQL -----------------------------------------------------------------------------------

export const GQL_STEP_STATE_FIELDS =
  "stepId agentName role position status attempts outputs error executionId startedAt endedAt";
export const GQL_RUN_FIELDS = `
  id workflowId workflowName definition params status error failedStepId rootExecutionId outputs
  cancelRequested resumeCount createdAt startedAt endedAt durationMs
  steps { ${GQL_STEP_STATE_FIELDS} }`;

export interface GqlStepState {
  stepId: string;
  agentName: string;
  role: string;
  position: number;
  status: GqlStepStatus;
  attempts: number;
  outputs: unknown;
  error: string | null;
  executionId: string | null;
  startedAt: string | null;
  endedAt: string | null;
}

export interface GqlWorkflowRun {
  __typename?: "WorkflowRun";
  id: string;
  workflowId: string | null;
  workflowName: string;
  definition: { parameters: unknown; steps: unknown };
  params: Record<string, unknown>;
  status: GqlRunStatus;
  error: string | null;
  failedStepId: string | null;
  rootExecutionId: string | null;
  outputs: unknown;
  cancelRequested: boolean;
  resumeCount: number;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  steps: GqlStepState[];
  executions?: Pick<
    GqlExecution,
    "id" | "agentName" | "status" | "parentExecutionId" | "rootId" | "depth" | "workflowStepId" | "attempt"
  >[];
}

const GQL_RUN = `query Run($id: ID!) {
  workflowRun(id: $id) {
    __typename ${GQL_RUN_FIELDS}
    executions { id agentName status parentExecutionId rootId depth workflowStepId attempt }
  }
}`;

/** The GraphQL workflowRun query; fails the test on any error (an unknown run is one: NOT_FOUND). */
export async function getRunGql(graphql: GraphQLClient, id: string): Promise<GqlWorkflowRun> {
  const res = await graphql.result<{ workflowRun: GqlWorkflowRun | null }>(GQL_RUN, { id });
  if (res.errors?.length || !res.data?.workflowRun) throw new Error(`workflowRun(${id}): ${JSON.stringify(res)}`);
  return res.data.workflowRun;
}

/** The GraphQL workflowRun query until the run has finished. */
export const waitForRunGql = (graphql: GraphQLClient, id: string, timeoutMs = 10_000) =>
  pollUntil(() => getRunGql(graphql, id), isFinishedGql, `run ${id} finishing`, timeoutMs);

// ---- a scripted HTTP agent -----------------------------------------------------------------------

export interface ScriptedService {
  url: string;
  /** Every request body received, in order. */
  requests: unknown[];
  close(): Promise<void>;
}

interface ScriptedReply {
  status: number;
  body: unknown;
}

/**
 * A local HTTP service for `http` agents: `reply(body, n)` (n = 1 for the first request) gives the
 * status and JSON body to answer with; a promise of them holds the agent's step until it settles.
 */
export async function scriptedService(
  reply: (body: unknown, n: number) => ScriptedReply | Promise<ScriptedReply>,
): Promise<ScriptedService> {
  const requests: unknown[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "null") as unknown;
      requests.push(body);
      const answer = (out: ScriptedReply) => {
        res.writeHead(out.status, { "content-type": "application/json" });
        res.end(JSON.stringify(out.body));
      };
      Promise.resolve(reply(body, requests.length)).then(answer, (e: unknown) =>
        answer({ status: 500, body: { error: String(e) } }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/agent`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * An `http` agent whose every call waits at its service until the test calls `release()`, then
 * answers `body`: its step stays running for as long as a test needs to look at it.
 */
export async function heldHttpAgent(api: RestClient, body: unknown = {}) {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const service = await scriptedService(async () => {
    await released;
    return { status: 200, body };
  });
  const agent = await registerAgent(api, { kind: "http", settings: { url: service.url } }, { prefix: "Held" });
  return {
    agent,
    release,
    async close() {
      release();
      await service.close();
    },
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
