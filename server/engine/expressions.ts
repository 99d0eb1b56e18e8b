// The `{{ … }}` expressions of step inputs (syntax in docs: "Step input expressions").
//
//   {{params.suite}}  {{steps.build.output.files[0]}}  {{steps.build.status}}  {{workers.test}}  {{run.id}}
//   {{memory.conventions}}  {{memory.baton/handoffs/x/build}}  {{memory}}
//
// `memory.<name>` is a Serena memory the step loaded (its `context_memories`): everything after
// `memory.` is the name, `/` and `.` included, and the value is the memory's text.
//
// A string that is exactly one expression becomes the referenced JSON value, keeping its type;
// expressions inside longer strings are interpolated. A path that leads nowhere gives null (whole
// string) or "" (interpolated) rather than failing the step: whether a step may refer to another
// is checked when the template is saved (template-graph.ts), so at run time a missing value can
// only mean "that output has no such field", which the step's own output_schema should catch.
//
// Parsing is cached per distinct string: a template's strings are parsed once when it is saved and
// every run resolves them from the cache, keeping per-step overhead to a map lookup and a walk.
import { memoryNameProblem } from "./memory.js";
import type { Json, JsonObject } from "./types.js";

export type ReferenceRoot = "params" | "steps" | "workers" | "run" | "memory";
export type PathSegment = string | number;

/**
 * One parsed expression. `name` is the parameter name, step id or worker step id (absent for
 * `{{params}}`, `{{workers}}` and `{{run.id}}`). For steps, `path` starts with "output" or is
 * exactly ["status"]; for params and workers it is the path inside the named value.
 */
export interface Reference {
  root: ReferenceRoot;
  name?: string;
  path: PathSegment[];
  /** The expression as written, braces included. */
  text: string;
}

/** A reference and where its string sits inside the input (`["files", 0]`). */
export interface LocatedReference {
  at: PathSegment[];
  ref: Reference;
}

export interface ResolveScope {
  params: JsonObject;
  steps: Record<string, { output: Json; status: string }>;
  /** Only for a hierarchical group's aggregate step: worker step id → its output. */
  workers?: Record<string, Json>;
  run: { id: string };
  /** The memories the step loaded (`context_memories`): name → text. */
  memory?: Record<string, string>;
}

export class ExpressionError extends Error {
  /** Where the malformed string sits inside the scanned value. */
  readonly at: PathSegment[];
  constructor(message: string, at: PathSegment[] = []) {
    super(message);
    this.name = "ExpressionError";
    this.at = at;
  }
}

type Part = string | Reference;
interface Compiled {
  parts: Part[];
  refs: Reference[];
  /** Set when the whole string is one expression: the value keeps its JSON type. */
  single: Reference | null;
}

const NAME = /[A-Za-z_$][\w$-]*/y;
const ROOTS = "params, steps, workers, run or memory";

function parseExpression(text: string, inner: string): Reference {
  const src = inner.trim();
  if (src === "") throw new ExpressionError(`empty expression '${text}'`);
  if (src === "memory") return { root: "memory", path: [], text };
  if (src.startsWith("memory.")) {
    const name = src.slice("memory.".length).trim();
    const problem = memoryNameProblem(name);
    if (problem) throw new ExpressionError(`'${text}': ${problem.message} (${problem.code})`);
    return { root: "memory", name, path: [], text };
  }
  const segs: PathSegment[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (segs.length === 0 || ch === ".") {
      if (segs.length > 0) i++;
      NAME.lastIndex = i;
      const m = NAME.exec(src);
      if (!m) {
        const hint = /\d/.test(src[i] ?? "") ? " (write an index as [0])" : "";
        const where = segs.length === 0 ? "at the start" : `after '${src.slice(0, i)}'`;
        throw new ExpressionError(`expected a name ${where} in '${text}'${hint}`);
      }
      segs.push(m[0]);
      i = NAME.lastIndex;
    } else if (ch === "[") {
      const close = src.indexOf("]", i);
      const body = close < 0 ? src.slice(i + 1) : src.slice(i + 1, close);
      if (close < 0 || !/^\d+$/.test(body) || !Number.isSafeInteger(Number(body))) {
        const shown = close < 0 ? src.slice(i) : src.slice(i, close + 1);
        throw new ExpressionError(`bad index '${shown}' in '${text}': indexes are whole numbers like [0]`);
      }
      segs.push(Number(body));
      i = close + 1;
    } else {
      throw new ExpressionError(`unexpected '${ch}' in '${text}'`);
    }
  }
  return toReference(text, segs);
}

function toReference(text: string, [root, ...rest]: PathSegment[]): Reference {
  switch (root) {
    case "params":
    case "workers": {
      const [name, ...path] = rest;
      if (name === undefined) return { root, path: [], text };
      if (typeof name !== "string") throw new ExpressionError(`'${text}': ${root} are named, not indexed`);
      return { root, name, path, text };
    }
    case "steps": {
      const [id, field, ...path] = rest;
      if (typeof id !== "string") {
        throw new ExpressionError(`'${text}' needs a step id: {{steps.<id>.output}} or {{steps.<id>.status}}`);
      }
      if (field === "output") return { root, name: id, path: ["output", ...path], text };
      if (field === "status" && path.length === 0) return { root, name: id, path: ["status"], text };
      if (field === "status") throw new ExpressionError(`'${text}': a step's status is a string, it has no fields`);
      throw new ExpressionError(`'${text}': a step id is followed by .output or .status`);
    }
    case "run":
      if (rest.length === 1 && rest[0] === "id") return { root, path: ["id"], text };
      throw new ExpressionError(`'${text}': the only run field is {{run.id}}`);
    default:
      throw new ExpressionError(`unknown root '${String(root)}' in '${text}' (expected ${ROOTS})`);
  }
}

function compile(s: string): Compiled {
  const parts: Part[] = [];
  let text = "";
  let i = 0;
  for (let open = s.indexOf("{{"); open >= 0; open = s.indexOf("{{", i)) {
    if (s[open - 1] === "\\") {
      text += `${s.slice(i, open - 1)}{{`;
      i = open + 2;
      continue;
    }
    const close = s.indexOf("}}", open + 2);
    const nested = s.indexOf("{{", open + 2);
    if (close < 0) {
      throw new ExpressionError(`unclosed '{{' in '${s}' (write '\\{{' for a literal '{{')`);
    }
    if (nested >= 0 && nested < close) {
      throw new ExpressionError(`'{{' inside an expression in '${s}' (write '\\{{' for a literal '{{')`);
    }
    text += s.slice(i, open);
    if (text !== "") parts.push(text);
    text = "";
    parts.push(parseExpression(s.slice(open, close + 2), s.slice(open + 2, close)));
    i = close + 2;
  }
  text += s.slice(i);
  if (text !== "") parts.push(text);
  const refs = parts.filter((p): p is Reference => typeof p !== "string");
  const only = parts.length === 1 ? parts[0] : undefined;
  return { parts, refs, single: only !== undefined && typeof only !== "string" ? only : null };
}

// Bounded so strings of deleted templates do not pile up; a full clear is cheap to recover from.
const MAX_CACHED = 20_000;
const cache = new Map<string, Compiled>();
const PLAIN: Compiled = { parts: [], refs: [], single: null };

function compiled(s: string): Compiled {
  if (!s.includes("{{")) return PLAIN;
  let c = cache.get(s);
  if (c === undefined) {
    c = compile(s);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(s, c);
  }
  return c;
}

function walkStrings(value: Json, at: PathSegment[], visit: (s: string, at: PathSegment[]) => void): void {
  if (typeof value === "string") visit(value, at);
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) walkStrings(v, [...at, i], visit);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) walkStrings(v, [...at, k], visit);
  }
}

/** Every reference in `value` and every malformed string, each with where it sits. */
export function scanReferences(value: Json): { refs: LocatedReference[]; errors: ExpressionError[] } {
  const refs: LocatedReference[] = [];
  const errors: ExpressionError[] = [];
  walkStrings(value, [], (s, at) => {
    try {
      for (const ref of compiled(s).refs) refs.push({ at, ref });
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      errors.push(new ExpressionError(e.message, at));
    }
  });
  return { refs, errors };
}

/** Every reference in `value`, in order; throws ExpressionError for the first malformed one. */
export function parseReferences(value: Json): Reference[] {
  const { refs, errors } = scanReferences(value);
  if (errors[0]) throw errors[0];
  return refs.map((r) => r.ref);
}

function child(value: unknown, key: PathSegment): unknown {
  if (typeof key === "number") return Array.isArray(value) ? value[key] : undefined;
  // Own properties only: `{{params.constructor}}` must not reach into Object.prototype.
  if (value === null || typeof value !== "object" || Array.isArray(value) || !Object.hasOwn(value, key)) {
    return undefined;
  }
  return (value as Record<string, unknown>)[key];
}

function lookup(ref: Reference, scope: ResolveScope): unknown {
  let value: unknown;
  let from = 0;
  switch (ref.root) {
    case "run":
      return scope.run.id;
    case "steps": {
      const step = child(scope.steps, ref.name ?? "") as ResolveScope["steps"][string] | undefined;
      if (step === undefined) return undefined;
      if (ref.path[0] === "status") return step.status;
      value = step.output;
      from = 1;
      break;
    }
    case "params":
      value = ref.name === undefined ? scope.params : child(scope.params, ref.name);
      break;
    case "workers":
      value = ref.name === undefined ? scope.workers : child(scope.workers, ref.name);
      break;
    case "memory":
      return ref.name === undefined ? scope.memory : child(scope.memory, ref.name);
  }
  for (let i = from; i < ref.path.length && value !== undefined; i++) value = child(value, ref.path[i] ?? "");
  return value;
}

function resolveString(s: string, scope: ResolveScope): Json {
  const c = compiled(s);
  if (c === PLAIN) return s;
  if (c.single) return (lookup(c.single, scope) ?? null) as Json;
  let out = "";
  for (const part of c.parts) {
    if (typeof part === "string") out += part;
    else {
      const v = lookup(part, scope);
      out += typeof v === "string" ? v : v === null || v === undefined ? "" : JSON.stringify(v);
    }
  }
  return out;
}

/**
 * `value` with every expression replaced (a new value; referenced objects are shared, not
 * copied). Object keys are never expressions. Throws ExpressionError for a malformed string.
 */
export function resolveInput(value: Json, scope: ResolveScope): Json {
  if (typeof value === "string") return resolveString(value, scope);
  if (Array.isArray(value)) return value.map((v) => resolveInput(v, scope));
  if (value === null || typeof value !== "object") return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    // A JSON key "__proto__" is data; plain assignment would replace the prototype instead.
    const resolved = resolveInput(v, scope);
    if (k === "__proto__") {
      Object.defineProperty(out, k, { value: resolved, enumerable: true, writable: true, configurable: true });
    } else out[k] = resolved;
  }
  return out;
}
