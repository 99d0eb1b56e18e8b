// The run form's model, from the template's parameter schema (`{ type: "object", properties,
// required }`): one field per property, its typed input, the defaults prefilled, and the values read
// back into parameters with the same checks the server makes, so most mistakes never leave the page.
import { type FieldIssue, type PlacedIssue, placeIssues } from "../../../lib/field-issues.ts";

export type ParamKind = "string" | "number" | "integer" | "boolean" | "enum" | "json";

export interface ParamField {
  name: string;
  /** `title`, else the name. */
  label: string;
  description: string | null;
  kind: ParamKind;
  required: boolean;
  /** undefined: the schema gives none. */
  defaultValue: unknown;
  /** For `enum`: the allowed values (any JSON) in schema order. */
  options: unknown[];
  /** For `json`: what the value must be. */
  jsonType: "array" | "object" | null;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
}

/** What the inputs hold: text for text, number, enum (the option's index) and JSON; a flag for booleans. */
export type ParamValues = Record<string, string | boolean>;

export type ParamErrors = Record<string, string[]>;

export const REQUIRED_MESSAGE = "This parameter is required";

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

function kindOf(p: Record<string, unknown>): { kind: ParamKind; jsonType: ParamField["jsonType"] } {
  if (Array.isArray(p.enum)) return { kind: "enum", jsonType: null };
  const types = (Array.isArray(p.type) ? p.type : [p.type]).filter((t) => typeof t === "string" && t !== "null");
  let type = types[0] as string | undefined;
  if (type === undefined && p.default !== undefined && p.default !== null)
    type = Array.isArray(p.default) ? "array" : typeof p.default;
  if (type === "string" || type === "number" || type === "integer" || type === "boolean")
    return { kind: type, jsonType: null };
  if (type === "array" || type === "object") return { kind: "json", jsonType: type };
  return { kind: "string", jsonType: null };
}

export function paramFields(schema: unknown): ParamField[] {
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === "string") : []);
  return Object.entries(schema.properties).map(([name, raw]) => {
    const p = isObject(raw) ? raw : {};
    const field: ParamField = {
      name,
      label: typeof p.title === "string" && p.title ? p.title : name,
      description: typeof p.description === "string" && p.description ? p.description : null,
      ...kindOf(p),
      required: required.has(name),
      defaultValue: p.default,
      options: Array.isArray(p.enum) ? p.enum : [],
    };
    for (const key of [
      "minimum",
      "maximum",
      "exclusiveMinimum",
      "exclusiveMaximum",
      "minLength",
      "maxLength",
    ] as const) {
      const v = num(p[key]);
      if (v !== undefined) field[key] = v;
    }
    if (typeof p.pattern === "string") field.pattern = p.pattern;
    return field;
  });
}

/** The inputs' first values: each default, shown as its input shows it. */
export function initialParamValues(fields: readonly ParamField[]): ParamValues {
  const values: ParamValues = {};
  for (const f of fields) {
    const d = f.defaultValue;
    if (f.kind === "boolean") values[f.name] = d === true;
    else if (f.kind === "enum") {
      const i = f.options.findIndex((o) => JSON.stringify(o) === JSON.stringify(d));
      values[f.name] = d === undefined || i < 0 ? "" : String(i);
    } else if (f.kind === "json") values[f.name] = d === undefined ? "" : JSON.stringify(d, null, 2);
    else values[f.name] = d === undefined || d === null ? "" : String(d);
  }
  return values;
}

/** How an enum option reads in the select. */
export const optionLabel = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

function numberErrors(f: ParamField, n: number): string[] {
  const errors: string[] = [];
  if (f.kind === "integer" && !Number.isInteger(n)) errors.push("Must be a whole number");
  if (f.minimum !== undefined && n < f.minimum) errors.push(`Must be at least ${f.minimum}`);
  if (f.maximum !== undefined && n > f.maximum) errors.push(`Must be at most ${f.maximum}`);
  if (f.exclusiveMinimum !== undefined && n <= f.exclusiveMinimum)
    errors.push(`Must be greater than ${f.exclusiveMinimum}`);
  if (f.exclusiveMaximum !== undefined && n >= f.exclusiveMaximum)
    errors.push(`Must be less than ${f.exclusiveMaximum}`);
  return errors;
}

function stringErrors(f: ParamField, s: string): string[] {
  const errors: string[] = [];
  const length = [...s].length;
  if (f.minLength !== undefined && length < f.minLength) errors.push(`Must be at least ${f.minLength} characters`);
  if (f.maxLength !== undefined && length > f.maxLength) errors.push(`Must be at most ${f.maxLength} characters`);
  if (f.pattern !== undefined) {
    let re: RegExp | null = null;
    try {
      re = new RegExp(f.pattern, "u");
    } catch {
      // A pattern the browser cannot compile is left to the server.
    }
    if (re && !re.test(s)) errors.push(`Must match the pattern ${f.pattern}`);
  }
  return errors;
}

/** One field's value, or its errors. An empty optional field is left out (the server fills its default). */
function readField(f: ParamField, raw: string | boolean): { value?: unknown; errors: string[] } {
  if (f.kind === "boolean") return { value: raw === true, errors: [] };
  const text = typeof raw === "string" ? raw : "";
  const blank = f.kind === "string" ? text === "" : text.trim() === "";
  if (blank) return { errors: f.required ? [REQUIRED_MESSAGE] : [] };
  switch (f.kind) {
    case "string":
      return { value: text, errors: stringErrors(f, text) };
    case "number":
    case "integer": {
      const n = Number(text.trim());
      if (!Number.isFinite(n))
        return { errors: [f.kind === "integer" ? "Must be a whole number" : "Must be a number"] };
      return { value: n, errors: numberErrors(f, n) };
    }
    case "enum": {
      const i = Number(text);
      if (!Number.isInteger(i) || i < 0 || i >= f.options.length) return { errors: ["Choose one of the values"] };
      return { value: f.options[i], errors: [] };
    }
    case "json": {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return { errors: ["Must be valid JSON"] };
      }
      if (f.jsonType === "array" && !Array.isArray(value)) return { errors: ["Must be a JSON array"] };
      if (f.jsonType === "object" && !isObject(value)) return { errors: ["Must be a JSON object"] };
      return { value, errors: [] };
    }
  }
}

export type ReadParams = { ok: true; params: Record<string, unknown> } | { ok: false; errors: ParamErrors };

/** The parameters to send, or every field's problems. */
export function readParams(fields: readonly ParamField[], values: ParamValues): ReadParams {
  const params: Record<string, unknown> = {};
  const errors: ParamErrors = {};
  for (const f of fields) {
    const r = readField(f, values[f.name] ?? (f.kind === "boolean" ? false : ""));
    if (r.errors.length) errors[f.name] = r.errors;
    else if ("value" in r) params[f.name] = r.value;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, params };
}

/** The errors of one field, for live re-checking after the first submit. */
export function fieldErrors(field: ParamField, value: string | boolean): string[] {
  return readField(field, value).errors;
}

/**
 * The server's ValidationError issues on the fields they name (`params.count`, `params.tags[1]`);
 * the rest (`params` itself, an unknown parameter) for the summary above the form.
 */
export function placeParamIssues(
  issues: FieldIssue[],
  fields: readonly ParamField[],
): { byName: Record<string, PlacedIssue[]>; unplaced: FieldIssue[] } {
  const keys = fields.map((f) => `params.${f.name}`);
  const { byField, unplaced } = placeIssues(issues, keys);
  const byName: Record<string, PlacedIssue[]> = {};
  for (const [key, list] of Object.entries(byField))
    if (list) byName[key.slice("params.".length)] = list as PlacedIssue[];
  return { byName, unplaced };
}
