// Validating a workflow template as written by an API user: its name, run parameters and step
// tree (template-nodes.ts), then the happens-before order of its steps and the references it
// allows (template-graph.ts). One ValidationError lists every problem, fields being dotted paths
// into the input (`steps[1].parallel[0].agent`) and messages naming the step at fault.
import { type FieldIssue, ValidationError } from "../errors.js";
import { checkLiteralInputs, checkOutputReferences, type ContractLookup } from "./contracts.js";
import { schemaIssues } from "./json-schema.js";
import { checkReferences, flattenNodes } from "./template-graph.js";
import { isObject } from "../validation.js";
import { type NodeContext, parseNodes } from "./template-nodes.js";
import {
  type FlatStep,
  type JsonObject,
  type JsonSchema,
  type MemoryConfig,
  ON_FAILURE,
  type OnFailure,
  type PatternKind,
  type RunnerKind,
  type TemplateDefinition,
} from "./types.js";

export { compileSchema, type SchemaCheck, validateParams } from "./json-schema.js";
export { type FlatGraph, flattenNodes, happensBefore } from "./template-graph.js";

export interface TemplateInput {
  name: string;
  description?: string;
  parameters?: unknown;
  steps: unknown;
  /** "fail" (default) or "rollback". */
  on_failure?: unknown;
  /** `{ serena: true | false }`: Serena memory on or off for its runs (absent: BATON_SERENA_DIR decides). */
  memory?: unknown;
}

export interface TemplateOptions {
  /** Checks a step's runner override settings; issue fields are relative to `settings` (`url`). */
  validateRunner?: (kind: RunnerKind, settings: JsonObject) => FieldIssue[];
  /**
   * The registered agents' contracts: given, every `{{steps.x.output.…}}` must name a field x's
   * output contracts declare, and literal inputs must give what each agent's input_schema requires.
   */
  contracts?: ContractLookup;
}

export interface ValidatedTemplate {
  /** The name, trimmed. */
  name: string;
  /** Normalized: parameters defaulted, each aggregate's agent filled in, unknown keys impossible. */
  definition: TemplateDefinition;
  steps: FlatStep[];
  patterns: PatternKind[];
}

/** Parameter names must be reachable as `{{params.<name>}}`. */
const PARAM_NAME = /^[A-Za-z_$][\w$-]*$/;
const PATTERNS: PatternKind[] = ["sequential", "parallel", "hierarchical"];

function checkName(name: unknown, issues: FieldIssue[]): string {
  if (typeof name !== "string") issues.push({ field: "name", message: "must be a string" });
  else if (name.trim() === "") issues.push({ field: "name", message: "must not be empty" });
  else if (name.trim().length > 100) issues.push({ field: "name", message: "must be at most 100 characters" });
  return typeof name === "string" ? name.trim() : "";
}

/** The parameters schema (defaulted when absent) and its names; null names when unreadable. */
function checkParameters(value: unknown, issues: FieldIssue[]): { schema: JsonSchema; names: Set<string> | null } {
  if (value === undefined || value === null) return { schema: { type: "object", properties: {} }, names: new Set() };
  if (!isObject(value)) {
    issues.push({
      field: "parameters",
      message: 'must be a JSON Schema object: { type: "object", properties, required }',
    });
    return { schema: {}, names: null };
  }
  const before = issues.length;
  if (value.type !== "object") issues.push({ field: "parameters.type", message: 'must be "object"' });
  const props = value.properties ?? {};
  let names: Set<string> | null = null;
  if (!isObject(props)) {
    issues.push({ field: "parameters.properties", message: "must be an object of parameter schemas by name" });
  } else {
    names = new Set(Object.keys(props));
    for (const [name, schema] of Object.entries(props)) {
      const field = `parameters.properties.${name}`;
      if (!PARAM_NAME.test(name)) {
        issues.push({
          field,
          message: `parameter name '${name}' must start with a letter or '_' and use only letters, digits, '_' and '-', so {{params.${name}}} can refer to it`,
        });
      }
      if (!isObject(schema)) issues.push({ field, message: `parameter '${name}': must be a JSON Schema object` });
    }
  }
  const required = value.required;
  if (required !== undefined) {
    if (!Array.isArray(required) || !required.every((r) => typeof r === "string")) {
      issues.push({ field: "parameters.required", message: "must be a list of parameter names" });
    } else {
      required.forEach((r, i) => {
        if (names && !names.has(r)) {
          issues.push({
            field: `parameters.required[${i}]`,
            message: `required parameter '${r}' is not defined in properties`,
          });
        }
      });
    }
  }
  // Ajv last: its messages about the shape above would only repeat ours less clearly.
  if (issues.length === before) {
    for (const i of schemaIssues(value as JsonSchema, "parameters", true)) {
      const param = /^parameters\.properties\.([^.[]+)/.exec(i.field)?.[1];
      const what = param === undefined ? "invalid JSON Schema" : `parameter '${param}'`;
      issues.push({ field: i.field, message: `${what}: ${i.message}` });
    }
  }
  return { schema: value as JsonSchema, names };
}

/** `memory`: absent, or `{ serena: boolean }`. */
function checkMemory(value: unknown, issues: FieldIssue[]): MemoryConfig | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) {
    issues.push({ field: "memory", message: "must be an object { serena: true | false }" });
    return null;
  }
  const before = issues.length;
  for (const key of Object.keys(value))
    if (key !== "serena") issues.push({ field: `memory.${key}`, message: `unknown key '${key}' (allowed: serena)` });
  if (typeof value.serena !== "boolean")
    issues.push({ field: "memory.serena", message: "must be true (write handoffs to .serena/memories) or false" });
  return issues.length === before ? { serena: value.serena as boolean } : null;
}

/**
 * Validates a template; throws one ValidationError listing every issue. `knownAgents` decides
 * which agent names exist (a Set also lets "unknown agent" suggest a match differing in case).
 */
export function validateTemplate(
  input: TemplateInput,
  knownAgents: Set<string> | ((name: string) => boolean),
  options: TemplateOptions = {},
): ValidatedTemplate {
  const issues: FieldIssue[] = [];
  const name = checkName(input.name, issues);
  const description: unknown = input.description;
  if (description !== undefined && description !== null) {
    if (typeof description !== "string" || description.trim().length > 2000) {
      issues.push({ field: "description", message: "must be a string of at most 2000 characters" });
    }
  }
  const parameters = checkParameters(input.parameters, issues);

  const memory = checkMemory(input.memory, issues);
  const ctx: NodeContext = {
    memoryOff: memory?.serena === false,
    issues,
    isAgent: typeof knownAgents === "function" ? knownAgents : (n) => knownAgents.has(n),
    agentNames: typeof knownAgents === "function" ? null : knownAgents,
    validateRunner: options.validateRunner,
    ids: new Map(),
    patterns: new Set(),
  };
  const nodes = parseNodes(input.steps, "steps", ctx, "top");
  if (nodes.length >= 2) ctx.patterns.add("sequential");
  // References are checked on whatever part of the tree was readable, so that they are reported
  // together with the structural problems instead of after the author fixes those.
  const graph = flattenNodes(nodes);
  issues.push(...checkReferences(graph, parameters.names, new Set(ctx.ids.keys())));
  if (options.contracts) {
    issues.push(...checkOutputReferences(graph, options.contracts));
    issues.push(...checkLiteralInputs(graph, options.contracts));
  }

  const onFailure = input.on_failure ?? "fail";
  if (!ON_FAILURE.includes(onFailure as OnFailure))
    issues.push({ field: "on_failure", message: `must be one of ${ON_FAILURE.join(", ")}` });

  if (issues.length > 0) throw new ValidationError(issues);
  return {
    name,
    definition: {
      parameters: parameters.schema,
      steps: nodes,
      ...(onFailure === "rollback" ? { on_failure: "rollback" as const } : {}),
      ...(memory ? { memory } : {}),
    },
    steps: graph.steps,
    patterns: PATTERNS.filter((p) => ctx.patterns.has(p)),
  };
}
