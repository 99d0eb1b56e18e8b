// The register/edit form's values, how they become a CreateAgentInput, and the checks only the
// browser can make (is the JSON parseable, is a number whole). Every other rule is the server's.
import type { Backoff as GqlBackoff, CreateAgentInput, RunnerKind as GqlRunnerKind } from "../../gql/graphql.ts";
import type { FieldIssue } from "../../lib/field-issues.ts";
import { fromEnum, toEnum } from "../../lib/graphql-enum.ts";

/** A runner kind in the form's (and the docs') words: `mock`, `command`, … */
export type RunnerKind = Lowercase<GqlRunnerKind>;
export type Backoff = Lowercase<GqlBackoff>;

export const RUNNER_KINDS: readonly RunnerKind[] = ["mock", "command", "http", "builtin", "claude"];
export const BACKOFFS: readonly Backoff[] = ["fixed", "linear", "exponential"];

/** Inputs of the form, named by the server's field paths so its issues land on them. */
export const FORM_FIELDS = [
  "name",
  "description",
  "capabilities",
  "tools",
  "coordinationPatterns",
  "runner.kind",
  "runner.settings",
  "retryPolicy.maxRetries",
  "retryPolicy.backoff",
  "retryPolicy.initialDelayMs",
  "retryPolicy.maxDelayMs",
  "circuitBreaker.failureThreshold",
  "circuitBreaker.cooldownMs",
  "inputSchema",
  "outputSchema",
  "alertPolicy.failures",
  "alertPolicy.windowMs",
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export const RUNNER_EXAMPLES: Record<RunnerKind, Record<string, unknown>> = {
  mock: { outputs: { ok: true }, latency_ms: 250, failure_rate: 0 },
  command: { command: "npm", args: ["test", "--silent"], timeout_ms: 600000 },
  http: { url: "https://example.com/agent", headers: { authorization: "Bearer …" }, timeout_ms: 30000 },
  builtin: { name: "markdown-format" },
  claude: { agent_file: ".claude/agents/my-agent.md", allowed_tools: ["Read", "Grep"], timeout_ms: 600000 },
};

export const RUNNER_HINTS: Record<RunnerKind, string> = {
  mock: "outputs {}, latency_ms, failure_rate 0–1, error, seed",
  command: "command, args [], cwd, env {}, timeout_ms, max_output_bytes",
  http: "url, headers {}, timeout_ms",
  builtin: "name, options {}",
  claude: "agent_file, model, allowed_tools [], timeout_ms",
};

export function exampleSettings(kind: RunnerKind): string {
  return JSON.stringify(RUNNER_EXAMPLES[kind], null, 2);
}

export interface AgentFormValues {
  name: string;
  description: string;
  capabilities: string[];
  capabilitiesDraft: string;
  tools: string[];
  toolsDraft: string;
  coordinationPatterns: string[];
  runnerKind: RunnerKind;
  runnerSettings: string;
  maxRetries: string;
  backoff: Backoff;
  initialDelayMs: string;
  maxDelayMs: string;
  failureThreshold: string;
  cooldownMs: string;
  /** JSON Schema text; empty means no contract. */
  inputSchema: string;
  outputSchema: string;
  alertFailures: string;
  alertWindowMs: string;
}

/** What the form shows for a new agent: the server's defaults, and a mock runner that just works. */
export function emptyAgentForm(): AgentFormValues {
  return {
    name: "",
    description: "",
    capabilities: [],
    capabilitiesDraft: "",
    tools: [],
    toolsDraft: "",
    coordinationPatterns: [],
    runnerKind: "mock",
    runnerSettings: exampleSettings("mock"),
    maxRetries: "2",
    backoff: "exponential",
    initialDelayMs: "1000",
    maxDelayMs: "30000",
    failureThreshold: "5",
    cooldownMs: "60000",
    inputSchema: "",
    outputSchema: "",
    alertFailures: "3",
    alertWindowMs: "600000",
  };
}

export interface StoredAgent {
  name: string;
  description: string;
  capabilities: string[];
  tools: string[];
  coordinationPatterns: string[];
  runner: { kind: GqlRunnerKind; settings: unknown };
  retryPolicy: { maxRetries: number; backoff: GqlBackoff; initialDelayMs: number; maxDelayMs: number };
  circuitBreaker: { failureThreshold: number; cooldownMs: number };
  inputSchema?: unknown;
  outputSchema?: unknown;
  alertPolicy: { failures: number; windowMs: number };
}

const schemaText = (schema: unknown) =>
  schema === null || schema === undefined ? "" : JSON.stringify(schema, null, 2);

export function agentFormFrom(agent: StoredAgent): AgentFormValues {
  return {
    ...emptyAgentForm(),
    name: agent.name,
    description: agent.description,
    capabilities: [...agent.capabilities],
    tools: [...agent.tools],
    coordinationPatterns: [...agent.coordinationPatterns],
    runnerKind: fromEnum(agent.runner.kind),
    runnerSettings: JSON.stringify(agent.runner.settings ?? {}, null, 2),
    maxRetries: String(agent.retryPolicy.maxRetries),
    backoff: fromEnum(agent.retryPolicy.backoff),
    initialDelayMs: String(agent.retryPolicy.initialDelayMs),
    maxDelayMs: String(agent.retryPolicy.maxDelayMs),
    failureThreshold: String(agent.circuitBreaker.failureThreshold),
    cooldownMs: String(agent.circuitBreaker.cooldownMs),
    inputSchema: schemaText(agent.inputSchema),
    outputSchema: schemaText(agent.outputSchema),
    alertFailures: String(agent.alertPolicy.failures),
    alertWindowMs: String(agent.alertPolicy.windowMs),
  };
}

/** Splits typed text on commas and new lines into trimmed, non-empty tags. */
export function splitTags(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/**
 * `input` on failure: the form's values with every unparseable JSON box sent as a string the server
 * refuses (`INVALID_JSON`), so asking the server still reports the other fields' problems and
 * creates nothing; `unparsed` names those boxes.
 */
export type BuildResult =
  | { ok: true; input: CreateAgentInput }
  | { ok: false; issues: FieldIssue[]; input: CreateAgentInput; unparsed: string[] };

/** What an unparseable JSON box is sent as when the server is asked about the other fields. */
export const INVALID_JSON = "(not valid JSON)";

export function buildAgentInput(v: AgentFormValues): BuildResult {
  const issues: FieldIssue[] = [];
  const int = (field: FormField, text: string): number | null => {
    const t = text.trim();
    if (t === "") return null;
    const n = Number(t);
    if (!Number.isInteger(n)) {
      issues.push({ field, message: "must be a whole number" });
      return null;
    }
    return n;
  };

  const unparsed: string[] = [];
  let settings: unknown = {};
  if (v.runnerSettings.trim() !== "") {
    try {
      settings = JSON.parse(v.runnerSettings);
    } catch (e) {
      issues.push({ field: "runner.settings", message: `not valid JSON (${(e as Error).message})` });
      unparsed.push("runner.settings");
      settings = INVALID_JSON;
    }
  }

  // An empty box is no contract: {} says so to the server (and removes a stored one on edit).
  const contract = (field: "inputSchema" | "outputSchema", text: string): unknown => {
    if (text.trim() === "") return {};
    try {
      return JSON.parse(text);
    } catch (e) {
      issues.push({ field, message: `not valid JSON (${(e as Error).message})` });
      unparsed.push(field);
      return INVALID_JSON;
    }
  };

  const input: CreateAgentInput = {
    name: v.name,
    description: v.description,
    capabilities: [...v.capabilities, ...splitTags(v.capabilitiesDraft)],
    tools: [...v.tools, ...splitTags(v.toolsDraft)],
    coordinationPatterns: v.coordinationPatterns,
    runner: { kind: toEnum(v.runnerKind), settings },
    retryPolicy: {
      maxRetries: int("retryPolicy.maxRetries", v.maxRetries),
      backoff: toEnum(v.backoff),
      initialDelayMs: int("retryPolicy.initialDelayMs", v.initialDelayMs),
      maxDelayMs: int("retryPolicy.maxDelayMs", v.maxDelayMs),
    },
    circuitBreaker: {
      failureThreshold: int("circuitBreaker.failureThreshold", v.failureThreshold),
      cooldownMs: int("circuitBreaker.cooldownMs", v.cooldownMs),
    },
    inputSchema: contract("inputSchema", v.inputSchema),
    outputSchema: contract("outputSchema", v.outputSchema),
    alertPolicy: {
      failures: int("alertPolicy.failures", v.alertFailures),
      windowMs: int("alertPolicy.windowMs", v.alertWindowMs),
    },
  };
  return issues.length > 0 ? { ok: false, issues, input, unparsed } : { ok: true, input };
}

/**
 * A server message in the form's words: no internal field names (`retryPolicy.initialDelayMs` →
 * "initial delay (ms)"), no validator jargon ("Unrecognized key(s) in object: 'x'" → "unknown setting: x").
 */
export function inUserWords(text: string): string {
  return text
    .replace(/Unrecognized keys?\(s\)? in object: (.+)$/, (_, keys: string) => {
      const names = keys.split(/,\s*/).map((k) => k.replace(/^'|'$/g, ""));
      return `unknown setting${names.length === 1 ? "" : "s"}: ${names.join(", ")}`;
    })
    .replace(/\b[a-z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9]*)+\b/g, (path) => path.slice(path.lastIndexOf(".") + 1))
    .replace(/\b[a-z]+(?:[A-Z][a-z]*)+\b/g, (name) => {
      const words = name
        .replace(/([A-Z])/g, " $1")
        .toLowerCase()
        .split(" ");
      const unit = words.at(-1) === "ms" ? " (ms)" : "";
      return (unit ? words.slice(0, -1) : words).join(" ") + unit;
    });
}

/** What a page tells the form after calling the server. */
export type SubmitOutcome = { ok: true } | { ok: false; issues: FieldIssue[]; summary?: string };

/** The error members of createAgent/updateAgent, as the form wants them. */
export function errorOutcome(
  error:
    | { __typename: "ValidationError"; message: string; issues: FieldIssue[] }
    | { __typename: "ConflictError" | "NotFoundError"; message: string; field?: string | null },
): SubmitOutcome {
  if (error.__typename === "ValidationError") return { ok: false, issues: error.issues };
  if (error.field) return { ok: false, issues: [{ field: error.field, message: error.message }] };
  return { ok: false, issues: [], summary: error.message };
}
