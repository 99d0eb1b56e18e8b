// Agent contracts: the JSON Schemas an agent declares for what it takes (`input_schema`) and what it
// hands on (`output_schema`). They are checked three times: when an agent is registered (each is a
// valid JSON Schema of bounded size), when a template is saved (every `{{steps.x.output.a.b}}` names
// a field x's output contracts declare, and literal inputs give what the agent requires), and when
// a step runs (its resolved input and its output against its agent's schemas).
import type { ErrorObject, ValidateFunction } from "ajv";
import type { FieldIssue } from "../errors.js";
import { isObject, pathOf } from "../validation.js";
import { type PathSegment, type Reference, scanReferences } from "./expressions.js";
import { describeProblem, jsonProblem } from "./json-check.js";
import { describeError, schemaIssues, validatorOf } from "./json-schema.js";
import type { FlatGraph } from "./template-graph.js";
import type { FlatStep, Json, JsonSchema } from "./types.js";

/** What an agent promises: either side may be absent (null). */
export interface AgentContract {
  input: JsonSchema | null;
  output: JsonSchema | null;
}

/** The contract of a registered agent by name; null when the agent declares none (or is unknown). */
export type ContractLookup = (agent: string) => AgentContract | null;

/** Largest contract accepted, as JSON text: a schema is a description, not a payload. */
export const MAX_CONTRACT_BYTES = 65_536;
/** Deepest nesting of a contract's JSON (nested `properties` of nested objects count two a level). */
export const MAX_CONTRACT_DEPTH = 32;

// ---- registering ---------------------------------------------------------------------------------

/**
 * Issues of a contract as given for an agent (`field` is `inputSchema` or `outputSchema`): null or
 * absent is no contract; otherwise a JSON object of at most MAX_CONTRACT_BYTES, nested at most
 * MAX_CONTRACT_DEPTH levels, that Ajv accepts as a draft 2020-12 schema in strict mode.
 */
export function contractIssues(value: unknown, field: string): FieldIssue[] {
  if (value === null || value === undefined) return [];
  if (!isObject(value))
    return [{ field, message: 'must be a JSON Schema object (e.g. {"type": "object", "properties": {…}}) or null' }];
  const problem = jsonProblem(value as Json, MAX_CONTRACT_DEPTH);
  if (problem) return [{ field, message: describeProblem(problem) }];
  const bytes = Buffer.byteLength(JSON.stringify(value));
  if (bytes > MAX_CONTRACT_BYTES)
    return [{ field, message: `is ${bytes} bytes of JSON; a contract may have at most ${MAX_CONTRACT_BYTES}` }];
  return schemaIssues(value as JsonSchema, field).map((i) => ({
    field: i.field,
    message: `invalid JSON Schema: ${i.message}`,
  }));
}

/** `{}` accepts everything: it is stored as no contract at all (and is how an update removes one). */
export const contractOrNull = (value: unknown): JsonSchema | null =>
  isObject(value) && Object.keys(value).length > 0 ? (value as JsonSchema) : null;

// ---- at run time ----------------------------------------------------------------------------------

/** "/failures/0/test is required", "/passed must be integer", "(root) must be object". */
function describeContractError(e: ErrorObject): string {
  if (e.keyword === "required") return `${e.instancePath}/${String(e.params.missingProperty)} is required`;
  return e.instancePath === "" ? `(root) ${describeError(e)}` : describeError(e);
}

// By the schema object as well: a run looks its agents up once, so every step of the run calling an
// agent passes the same object, and this skips serialising it for validatorOf's cache key.
const byObject = new WeakMap<JsonSchema, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction {
  let validate = byObject.get(schema);
  if (!validate) {
    validate = validatorOf(schema);
    byObject.set(schema, validate);
  }
  return validate;
}

/** Why `value` breaks `schema`, each problem naming its path; null when it satisfies it. */
export function contractViolation(schema: JsonSchema, value: Json): string | null {
  const validate = validatorFor(schema);
  if (validate(value)) return null;
  const errors = (validate.errors ?? []).filter((e) => !COMBINATORS.has(e.keyword) || validate.errors?.length === 1);
  return (errors.length > 0 ? errors : (validate.errors ?? [])).map(describeContractError).join("; ");
}

// ---- when a template is saved: references to outputs ------------------------------------------

type Resolution = { kind: "declared" } | { kind: "unknown" } | { kind: "missing"; closed: boolean; why: string };

const MAX_WALK = 64;
const COMBINATORS = new Set(["allOf", "anyOf", "oneOf"]);

/** `schema` and the schemas its allOf/anyOf/oneOf branches add, flattened (bounded). */
function views(schema: unknown, depth = 0): Record<string, unknown>[] {
  if (!isObject(schema) || depth > MAX_WALK) return [];
  const out: Record<string, unknown>[] = [schema];
  for (const key of COMBINATORS) {
    const branches = schema[key];
    if (Array.isArray(branches)) for (const b of branches) out.push(...views(b, depth + 1));
  }
  return out;
}

const typesOf = (v: Record<string, unknown>): string[] | null =>
  typeof v.type === "string" ? [v.type] : Array.isArray(v.type) ? v.type.filter((t) => typeof t === "string") : null;

/** A type a view pins the value to that cannot have `want` (object fields, array items); else null. */
function wrongType(all: Record<string, unknown>[], want: "object" | "array"): string | null {
  for (const v of all) {
    const types = typesOf(v);
    if (types && !types.includes(want)) return types.join(" or ");
  }
  return null;
}

function combine(results: Resolution[]): Resolution {
  const closed = results.find((r) => r.kind === "missing" && r.closed);
  if (closed) return closed;
  if (results.some((r) => r.kind === "declared")) return { kind: "declared" };
  return results.find((r) => r.kind === "missing") ?? { kind: "unknown" };
}

/**
 * Whether `schema` declares the value at `path`: `declared`, `missing` (with why, and whether the
 * schema forbids it outright: `additionalProperties: false` or a type that has no fields), or
 * `unknown` when the schema does not describe that level (no `properties`, no `items`).
 */
export function resolvePath(schema: unknown, path: readonly PathSegment[], depth = 0): Resolution {
  if (path.length === 0) return { kind: "declared" };
  const all = views(schema);
  if (all.length === 0 || depth > MAX_WALK) return { kind: "unknown" };
  const [seg, ...rest] = path as [PathSegment, ...PathSegment[]];
  if (typeof seg === "number") {
    const wrong = wrongType(all, "array");
    if (wrong) return { kind: "missing", closed: true, why: `is ${article(wrong)}, not an array` };
    const children = all.flatMap((v) => {
      const prefix = Array.isArray(v.prefixItems) ? v.prefixItems : [];
      if (seg < prefix.length) return [prefix[seg]];
      return isObject(v.items) ? [v.items] : [];
    });
    if (children.length === 0) return { kind: "unknown" };
    return combine(children.map((c) => resolvePath(c, rest, depth + 1)));
  }
  const wrong = wrongType(all, "object");
  if (wrong) return { kind: "missing", closed: true, why: `is ${article(wrong)}, it has no field '${seg}'` };
  const declared = all.flatMap((v) =>
    isObject(v.properties) && Object.hasOwn(v.properties, seg) ? [v.properties[seg]] : [],
  );
  if (declared.length > 0) return combine(declared.map((c) => resolvePath(c, rest, depth + 1)));
  const open = all.flatMap((v) => {
    const patterns = isObject(v.patternProperties) ? v.patternProperties : {};
    const matching = Object.entries(patterns).flatMap(([re, s]) => (safeTest(re, seg) ? [s] : []));
    return isObject(v.additionalProperties) ? [...matching, v.additionalProperties] : matching;
  });
  if (open.length > 0) return combine(open.map((c) => resolvePath(c, rest, depth + 1)));
  // Sorted: PostgreSQL's jsonb does not keep a stored schema's key order.
  const names = [...new Set(all.flatMap((v) => (isObject(v.properties) ? Object.keys(v.properties) : [])))].sort();
  const closed = all.some((v) => v.additionalProperties === false);
  if (names.length === 0 && !closed) return { kind: "unknown" };
  const known = names.length > 0 ? ` (declared: ${names.join(", ")})` : "";
  return { kind: "missing", closed, why: `has no field '${seg}'${known}` };
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

function safeTest(source: string, text: string): boolean {
  try {
    return new RegExp(source, "u").test(text);
  } catch {
    return false;
  }
}

/** The output contracts of a step: its agent's output_schema and the step's own, with names for messages. */
function outputContracts(step: FlatStep, lookup: ContractLookup): { label: string; schema: JsonSchema }[] {
  const agentSchema = lookup(step.agent)?.output ?? null;
  return [
    ...(agentSchema ? [{ label: `agent ${step.agent}'s output_schema`, schema: agentSchema }] : []),
    ...(step.def.output_schema ? [{ label: "the step's output_schema", schema: step.def.output_schema }] : []),
  ];
}

/** Why `ref` reads a field `target`'s output contracts do not provide; null when they do (or say nothing). */
function referenceProblem(ref: Reference, path: readonly PathSegment[], target: FlatStep, lookup: ContractLookup) {
  const contracts = outputContracts(target, lookup);
  if (contracts.length === 0 || path.length === 0) return null;
  const results = contracts.map((c) => ({ c, r: resolvePath(c.schema, path) }));
  const verdict = combine(results.map((x) => x.r));
  if (verdict.kind !== "missing") return null;
  const by = results.find((x) => x.r === verdict)?.c.label ?? "its output contract";
  const where = pathOf(["output", ...path]);
  return `${ref.text} reads ${where} of step '${target.id}', but ${by} ${verdict.why}`;
}

/**
 * Issues for references to outputs that the referenced step's contracts do not provide:
 * `{{steps.x.output.a.b}}` and, in an aggregate, `{{workers.x.a.b}}`. Unknown step ids and
 * misplaced references are checkReferences' to report; they are passed over here.
 */
export function checkOutputReferences(graph: FlatGraph, lookup: ContractLookup): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const byId = new Map<string, FlatStep>();
  for (const s of graph.steps) if (!byId.has(s.id)) byId.set(s.id, s);
  for (const step of graph.steps) {
    if (step.def.input === undefined) continue;
    for (const { at, ref } of scanReferences(step.def.input).refs) {
      let target: FlatStep | undefined;
      let path: readonly PathSegment[] = [];
      if (ref.root === "steps" && ref.path[0] === "output" && ref.name !== undefined) {
        target = byId.get(ref.name);
        path = ref.path.slice(1);
      } else if (ref.root === "workers" && ref.name !== undefined && step.role === "aggregate") {
        if (!graph.workersOf.get(step.id)?.includes(ref.name)) continue;
        target = byId.get(ref.name);
        path = ref.path;
      }
      if (!target || target.id === step.id) continue;
      const problem = referenceProblem(ref, path, target, lookup);
      if (problem)
        issues.push({
          field: pathOf([`${graph.fields[step.position]}.input`, ...at]),
          message: `step '${step.id}': ${problem}`,
        });
    }
  }
  return issues;
}

// ---- when a template is saved: literal inputs ---------------------------------------------------

/** Errors that only structure decides, so they hold whatever an expression below resolves to. */
const STRUCTURAL = new Set([
  "required",
  "type",
  "additionalProperties",
  "minProperties",
  "maxProperties",
  "minItems",
  "maxItems",
  "propertyNames",
  "dependentRequired",
]);
const CONDITIONAL = /\/(anyOf|oneOf|not|if|then|else|contains|dependentSchemas)(\/|$)/;

/**
 * What a step's input (as written, expressions unresolved) certainly breaks in `schema`: a required
 * field missing from a literal object, a literal value of the wrong type or outside an enum, an
 * unexpected key. Whatever an expression might resolve to is given the benefit of the doubt, and so
 * are rules under anyOf/oneOf/not/if, which a placeholder could tip either way.
 */
export function literalInputProblems(input: Json | undefined, schema: JsonSchema): { at: string; message: string }[] {
  const holes: string[] = [];
  // Every string with `{{` stands for what it resolves to (escaped `\{{` included: it is rewritten).
  const stand = (v: Json, at: string): Json => {
    if (typeof v === "string") {
      if (!v.includes("{{")) return v;
      holes.push(at);
      return null;
    }
    if (Array.isArray(v)) return v.map((x, i) => stand(x, `${at}/${i}`));
    if (v === null || typeof v !== "object") return v;
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v)) {
      const key = `${at}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      Object.defineProperty(out, k, { value: stand(x, key), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  const value = stand(input ?? {}, "");
  const validate = validatorFor(schema);
  if (validate(value)) return [];
  const out: { at: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    if (COMBINATORS.has(e.keyword) || e.keyword === "not" || e.keyword === "if") continue;
    if (CONDITIONAL.test(e.schemaPath)) continue;
    const at = e.instancePath;
    if (holes.some((h) => at === h || at.startsWith(`${h}/`))) continue;
    if (!STRUCTURAL.has(e.keyword) && holes.some((h) => h.startsWith(`${at}/`))) continue;
    const message = describeContractError(e);
    if (seen.has(message)) continue;
    seen.add(message);
    out.push({ at, message });
  }
  return out;
}

/** Issues for step inputs that certainly break their agent's input_schema (literalInputProblems). */
export function checkLiteralInputs(graph: FlatGraph, lookup: ContractLookup): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const step of graph.steps) {
    const schema = lookup(step.agent)?.input;
    if (!schema) continue;
    for (const p of literalInputProblems(step.def.input, schema))
      issues.push({
        field: `${graph.fields[step.position]}.input`,
        message: `step '${step.id}': input breaks agent ${step.agent}'s input_schema: ${p.message}`,
      });
  }
  return issues;
}
