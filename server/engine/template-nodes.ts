// The structure of a template's step tree: which node is a step or a group, and each step's own
// fields. Every problem is pushed to `ctx.issues` and parsing goes on, so one save reports all of
// them; what comes back is the tree as far as it could be read (only used when there were none).
import type { FieldIssue } from "../errors.js";
import { isObject, pathOf } from "../validation.js";
import { scanReferences } from "./expressions.js";
import { schemaIssues } from "./json-schema.js";
import { memoryNameProblem } from "./memory.js";
import { didYouMean, sameIgnoringCase } from "./suggest.js";
import {
  BACKOFFS,
  type HierarchicalDef,
  type Json,
  type JsonObject,
  type NodeDef,
  type PatternKind,
  RETRY_LIMITS,
  RUNNER_KINDS,
  type RunnerKind,
  type StepDef,
} from "./types.js";

export interface NodeContext {
  issues: FieldIssue[];
  isAgent: (name: string) => boolean;
  /** For the case-insensitive suggestion; null when agents are known only through a predicate. */
  agentNames: Iterable<string> | null;
  validateRunner?: (kind: RunnerKind, settings: JsonObject) => FieldIssue[];
  /** Step id → field of its first occurrence. */
  ids: Map<string, string>;
  patterns: Set<PatternKind>;
  /** The template turns memory off (`memory: { serena: false }`): no step may load memories. */
  memoryOff?: boolean;
}

/** Where a node sits, which decides what it may be (a supervisor is a step, `optional` needs a parallel parent). */
type Parent = "top" | "sequential" | "parallel" | "workers" | "supervisor" | "aggregate";

export const STEP_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const GROUPS = ["sequential", "parallel", "hierarchical"] as const;
const STEP_KEYS = [
  "id",
  "agent",
  "description",
  "input",
  "output_schema",
  "timeout_ms",
  "retry",
  "optional",
  "runner",
  "compensate",
  "context_memories",
];
const COMPENSATE_KEYS = ["agent", "input", "timeout_ms"];
const RETRY_KEYS = ["max_retries", "backoff", "initial_delay_ms", "max_delay_ms"];
const EMPTY: Record<string, string> = {
  top: "a template needs at least one step",
  sequential: "a sequential group needs at least one node",
  parallel: "a parallel group needs at least one node",
  workers: "a hierarchical group needs at least one worker",
};

const intIn = (v: unknown, min: number, max: number): boolean =>
  typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

function unknownKeys(obj: Record<string, unknown>, allowed: string[], field: string, what: string, ctx: NodeContext) {
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue;
    const hint = didYouMean(key, allowed) || ` (allowed: ${allowed.join(", ")})`;
    ctx.issues.push({ field: `${field}.${key}`, message: `${what}: unknown key '${key}'${hint}` });
  }
}

export function parseNodes(list: unknown, field: string, ctx: NodeContext, parent: Parent): NodeDef[] {
  if (!Array.isArray(list)) {
    const message = list === undefined ? EMPTY[parent] : "must be a list of steps and groups";
    ctx.issues.push({ field, message: message ?? "must be a list" });
    return [];
  }
  if (list.length === 0) ctx.issues.push({ field, message: EMPTY[parent] ?? "must not be empty" });
  return list.flatMap((node, i) => parseNode(node, `${field}[${i}]`, ctx, parent) ?? []);
}

function parseNode(value: unknown, field: string, ctx: NodeContext, parent: Parent): NodeDef | null {
  const shape = "must be exactly one of a step ({ id, agent, … }) or a sequential, parallel or hierarchical group";
  if (!isObject(value)) {
    ctx.issues.push({ field, message: shape });
    return null;
  }
  const groups = GROUPS.filter((g) => Object.hasOwn(value, g));
  const kind = groups[0];
  if (kind === undefined) {
    if (!Object.hasOwn(value, "id") && !Object.hasOwn(value, "agent")) {
      ctx.issues.push({ field, message: shape });
      return null;
    }
    return parseStep(value, field, ctx, parent, null);
  }
  if (groups.length > 1) {
    ctx.issues.push({ field, message: `${shape}, not both ${groups.join(" and ")}` });
    return null;
  }
  if (Object.hasOwn(value, "id") || Object.hasOwn(value, "agent")) {
    ctx.issues.push({ field, message: `${shape}, not a step and a ${kind} group at once` });
    return null;
  }
  unknownKeys(value, [kind], field, `a ${kind} group`, ctx);
  ctx.patterns.add(kind);
  if (kind === "hierarchical") return parseHierarchical(value.hierarchical, `${field}.hierarchical`, ctx);
  const nodes = parseNodes(value[kind], `${field}.${kind}`, ctx, kind);
  return kind === "sequential" ? { sequential: nodes } : { parallel: nodes };
}

function parseHierarchical(value: unknown, field: string, ctx: NodeContext): HierarchicalDef | null {
  if (!isObject(value)) {
    ctx.issues.push({ field, message: "must be an object { supervisor, workers, aggregate }" });
    return null;
  }
  const sup = value.supervisor;
  const supId = isObject(sup) && typeof sup.id === "string" ? sup.id : null;
  const what = supId === null ? "a hierarchical group" : `the hierarchical group of supervisor '${supId}'`;
  unknownKeys(value, ["supervisor", "workers", "aggregate"], field, what, ctx);
  const single = (v: unknown, role: "supervisor" | "aggregate"): Record<string, unknown> | null => {
    if (v === undefined)
      ctx.issues.push({
        field: `${field}.${role}`,
        message: `${what} needs a${role === "aggregate" ? "n" : ""} ${role} step`,
      });
    else if (!isObject(v) || GROUPS.some((g) => Object.hasOwn(v, g))) {
      ctx.issues.push({
        field: `${field}.${role}`,
        message: `${what}: the ${role} must be a single step, not a group`,
      });
    } else return v;
    return null;
  };
  const supObj = single(sup, "supervisor");
  const supervisor = supObj && parseStep(supObj, `${field}.supervisor`, ctx, "supervisor", null);
  const workers = parseNodes(value.workers, `${field}.workers`, ctx, "workers");
  const aggObj = single(value.aggregate, "aggregate");
  // An unusable supervisor agent is already reported; the aggregate inheriting it says nothing new.
  const inherited = supervisor === null ? null : supervisor.agent;
  const aggregate = aggObj && parseStep(aggObj, `${field}.aggregate`, ctx, "aggregate", inherited);
  if (supervisor === null || aggregate === null) return null;
  return { hierarchical: { supervisor, workers, aggregate } };
}

/** Null only when the step has no usable id; otherwise the step as far as it was valid. */
function parseStep(
  s: Record<string, unknown>,
  field: string,
  ctx: NodeContext,
  parent: Parent,
  inheritedAgent: string | null,
): StepDef | null {
  const id = s.id;
  const label = typeof id === "string" && id !== "" ? `step '${id}'` : `step at ${field}`;
  const issue = (key: string, message: string) =>
    ctx.issues.push({ field: `${field}.${key}`, message: `${label}: ${message}` });
  unknownKeys(s, STEP_KEYS, field, label, ctx);

  if (id === undefined) issue("id", "missing 'id'");
  else if (typeof id !== "string" || !STEP_ID.test(id)) {
    issue("id", "the id must start with a letter and use only letters, digits, '_' and '-' (at most 64 characters)");
  }
  if (typeof id === "string") {
    const first = ctx.ids.get(id);
    if (first !== undefined) issue("id", `duplicate step id (also used at ${first})`);
    else ctx.ids.set(id, field);
  }

  let agent = s.agent;
  if (agent === undefined && parent === "aggregate") agent = inheritedAgent ?? "";
  else if (agent === undefined) issue("agent", "missing 'agent'");
  else if (typeof agent !== "string" || agent.trim() === "") issue("agent", "'agent' must be an agent name");
  else if (!ctx.isAgent(agent)) {
    const near = ctx.agentNames && sameIgnoringCase(agent, ctx.agentNames);
    issue("agent", `unknown agent '${agent}'${near ? ` (did you mean '${near}'?)` : ""}`);
  }

  if (s.description !== undefined && (typeof s.description !== "string" || s.description.length > 2000)) {
    issue("description", "the description must be a string of at most 2000 characters");
  }
  if (s.input !== undefined) {
    for (const e of scanReferences(s.input as Json).errors) issue(pathOf(["input", ...e.at]), e.message);
  }
  if (s.output_schema !== undefined) {
    if (!isObject(s.output_schema)) issue("output_schema", "output_schema must be a JSON Schema object");
    else {
      for (const i of schemaIssues(s.output_schema as JsonObject, `${field}.output_schema`)) {
        ctx.issues.push({ field: i.field, message: `${label}: invalid output_schema: ${i.message}` });
      }
    }
  }
  if (s.timeout_ms !== undefined && !intIn(s.timeout_ms, 1, 86_400_000)) {
    issue("timeout_ms", "timeout_ms must be a whole number of milliseconds from 1 to 86400000");
  }
  if (s.retry !== undefined) checkRetry(s.retry, `${field}.retry`, label, ctx);
  if (s.optional !== undefined && typeof s.optional !== "boolean")
    issue("optional", "'optional' must be true or false");
  else if (s.optional === true && parent !== "parallel") {
    issue("optional", "'optional' only applies to a step directly inside a parallel group");
  }
  if (s.runner !== undefined) checkRunner(s.runner, `${field}.runner`, label, ctx);
  if (s.compensate !== undefined) checkCompensate(s.compensate, `${field}.compensate`, label, ctx);
  if (s.context_memories !== undefined)
    checkContextMemories(s.context_memories, `${field}.context_memories`, label, ctx);

  if (typeof id !== "string") return null;
  const step: StepDef = { id, agent: typeof agent === "string" ? agent : "" };
  for (const key of STEP_KEYS.slice(2)) {
    if (s[key] !== undefined) (step as unknown as Record<string, unknown>)[key] = s[key];
  }
  if (isObject(s.runner) && s.runner.settings === undefined)
    step.runner = { kind: s.runner.kind as RunnerKind, settings: {} };
  return step;
}

/** A step's `compensate`: a registered agent, an input whose references parse, a timeout. */
function checkCompensate(c: unknown, field: string, label: string, ctx: NodeContext) {
  const issue = (key: string, message: string) =>
    ctx.issues.push({ field: key ? `${field}.${key}` : field, message: `${label}: compensate: ${message}` });
  if (!isObject(c)) return issue("", "'compensate' must be an object { agent, input?, timeout_ms? }");
  unknownKeys(c, COMPENSATE_KEYS, field, `${label}: compensate`, ctx);
  const agent = c.agent;
  if (typeof agent !== "string" || agent.trim() === "") issue("agent", "'agent' must be an agent name");
  else if (!ctx.isAgent(agent)) {
    const near = ctx.agentNames && sameIgnoringCase(agent, ctx.agentNames);
    issue("agent", `unknown agent '${agent}'${near ? ` (did you mean '${near}'?)` : ""}`);
  }
  if (c.input !== undefined)
    for (const e of scanReferences(c.input as Json).errors) issue(pathOf(["input", ...e.at]), e.message);
  if (c.timeout_ms !== undefined && !intIn(c.timeout_ms, 1, 86_400_000))
    issue("timeout_ms", "timeout_ms must be a whole number of milliseconds from 1 to 86400000");
}

/** The only expression a memory name may hold: the run's id, so a step can read this run's handoffs. */
export const RUN_ID_IN_NAME = "{{run.id}}";
const MAX_CONTEXT_MEMORIES = 50;

/** A step's `context_memories`: a list of names or globs inside .serena/memories. */
function checkContextMemories(list: unknown, field: string, label: string, ctx: NodeContext) {
  const issue = (at: string, message: string) =>
    ctx.issues.push({ field: `${field}${at}`, message: `${label}: ${message}` });
  if (!Array.isArray(list) || list.length > MAX_CONTEXT_MEMORIES)
    return issue("", `context_memories must be a list of at most ${MAX_CONTEXT_MEMORIES} memory names or globs`);
  if (ctx.memoryOff)
    issue("", "context_memories needs memory, which this template turns off (memory: { serena: false })");
  list.forEach((entry, i) => {
    if (typeof entry !== "string") {
      issue(`[${i}]`, "each memory name must be a string");
      return;
    }
    const bare = entry.replaceAll(RUN_ID_IN_NAME, "run");
    const problem =
      bare.includes("{{") || bare.includes("}}")
        ? {
            message: `'${entry}': the only expression a memory name may hold is ${RUN_ID_IN_NAME}`,
            code: "MEMORY_NAME_INVALID",
          }
        : memoryNameProblem(bare, true);
    if (problem) issue(`[${i}]`, `${problem.message} (${problem.code})`);
  });
}

function checkRetry(r: unknown, field: string, label: string, ctx: NodeContext) {
  const issue = (key: string, message: string) =>
    ctx.issues.push({ field: `${field}.${key}`, message: `${label}: ${message}` });
  if (!isObject(r)) {
    ctx.issues.push({ field, message: `${label}: retry must be an object { ${RETRY_KEYS.join(", ")} }` });
    return;
  }
  unknownKeys(r, RETRY_KEYS, field, label, ctx);
  const { maxRetries, initialDelayMs, maxDelayMs } = RETRY_LIMITS;
  if (r.max_retries !== undefined && !intIn(r.max_retries, 0, maxRetries))
    issue("max_retries", `max_retries must be a whole number from 0 to ${maxRetries}`);
  if (r.backoff !== undefined && !(BACKOFFS as readonly unknown[]).includes(r.backoff)) {
    issue("backoff", `backoff must be one of ${BACKOFFS.join(", ")}`);
  }
  const initialOk = intIn(r.initial_delay_ms, 0, initialDelayMs);
  const maxOk = intIn(r.max_delay_ms, 0, maxDelayMs);
  if (r.initial_delay_ms !== undefined && !initialOk) {
    issue("initial_delay_ms", `initial_delay_ms must be a whole number of milliseconds from 0 to ${initialDelayMs}`);
  }
  if (r.max_delay_ms !== undefined && !maxOk) {
    issue("max_delay_ms", `max_delay_ms must be a whole number of milliseconds from 0 to ${maxDelayMs}`);
  }
  if (initialOk && maxOk && (r.max_delay_ms as number) < (r.initial_delay_ms as number)) {
    issue("max_delay_ms", "max_delay_ms must be ≥ initial_delay_ms");
  }
}

function checkRunner(r: unknown, field: string, label: string, ctx: NodeContext) {
  if (!isObject(r)) {
    ctx.issues.push({ field, message: `${label}: runner must be an object { kind, settings }` });
    return;
  }
  unknownKeys(r, ["kind", "settings"], field, label, ctx);
  const kindOk = RUNNER_KINDS.includes(r.kind as RunnerKind);
  if (!kindOk) {
    ctx.issues.push({
      field: `${field}.kind`,
      message: `${label}: runner kind must be one of ${RUNNER_KINDS.join(", ")}`,
    });
  }
  const settings = r.settings ?? {};
  if (!isObject(settings)) {
    ctx.issues.push({ field: `${field}.settings`, message: `${label}: runner settings must be an object` });
  } else if (kindOk && ctx.validateRunner) {
    for (const i of ctx.validateRunner(r.kind as RunnerKind, settings as JsonObject)) {
      const at = i.field === "" || i.field === "input" ? "" : i.field.startsWith("[") ? i.field : `.${i.field}`;
      const what = at === "" ? "runner settings" : `runner setting '${i.field}'`;
      ctx.issues.push({ field: `${field}.settings${at}`, message: `${label}: ${what}: ${i.message}` });
    }
  }
}
