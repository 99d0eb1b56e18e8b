// JSON Schema for templates: step output_schema checks and run parameters, through Ajv (draft
// 2020-12, as types.ts promises).
//
// Ajv options, and why:
// - strictSchema: an unknown keyword is almost always a typo ("requried", "minLenght") that would
//   otherwise silently validate nothing; Ajv's message names the keyword.
// - strictTypes / strictTuples / strictRequired off: they reject valid, common schemas
//   (`{ properties }` without `type`), which is pedantry rather than typo protection.
// - validateFormats off: ajv-formats is not a dependency, and in 2020-12 `format` is an
//   annotation by default; so "format": "uri" is accepted and not enforced.
// - allErrors: a template author fixes every problem in one round trip. (It also makes some
//   hostile schemas slower; templates come from authenticated API users, not the public.)
// Two instances because `useDefaults` is compiled into the validator and mutates the data:
// parameters want defaults filled in (on a copy), step outputs must be checked as they are.
import type { ErrorObject, Options, ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { type FieldIssue, ValidationError } from "../errors.js";
import { isObject } from "../validation.js";
import { didYouMean } from "./suggest.js";
import type { JsonObject, JsonSchema } from "./types.js";

const options: Options = {
  allErrors: true,
  strictSchema: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
  validateFormats: false,
  allowUnionTypes: true,
};
const outputAjv = new Ajv2020(options);
const paramsAjv = new Ajv2020({ ...options, useDefaults: true });

export type SchemaCheck = (value: unknown) => { ok: true } | { ok: false; errors: string[] };

// Keyed by JSON text (equal schemas from different templates share one validator), least recently
// used first; evicted schemas are removed from Ajv too, which otherwise keeps every schema forever.
const MAX_CACHED = 1000;
type Cache = Map<string, { schema: JsonSchema; validate: ValidateFunction }>;
const caches = new Map<Ajv2020, Cache>([
  [outputAjv, new Map()],
  [paramsAjv, new Map()],
]);

function validatorFor(ajv: Ajv2020, schema: JsonSchema): ValidateFunction {
  const cache = caches.get(ajv) as Cache;
  const key = JSON.stringify(schema);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.validate;
  }
  // Compile a private copy: Ajv caches by object identity, and the caller may mutate theirs.
  const own = JSON.parse(key) as JsonSchema;
  const validate = ajv.compile(own);
  cache.set(key, { schema: own, validate });
  if (cache.size > MAX_CACHED) {
    const [oldest, entry] = cache.entries().next().value as [string, { schema: JsonSchema }];
    cache.delete(oldest);
    ajv.removeSchema(entry.schema);
  }
  return validate;
}

/** "/artifact must be string", plus the offending name or allowed values Ajv leaves out. */
export function describeError(e: ErrorObject): string {
  let message = e.message ?? "is invalid";
  if (e.keyword === "additionalProperties") message += ` ('${e.params.additionalProperty}')`;
  if (e.keyword === "enum") {
    message += `: ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return e.instancePath ? `${e.instancePath} ${message}` : message;
}

/**
 * A checker for values against `schema` (e.g. a step's output_schema). Throws Ajv's Error when the
 * schema itself is invalid; validateTemplate reports that as an issue before any run starts.
 */
export function compileSchema(schema: JsonSchema): SchemaCheck {
  const validate = validatorFor(outputAjv, schema);
  return (value) =>
    validate(value) ? { ok: true } : { ok: false, errors: (validate.errors ?? []).map(describeError) };
}

/** The cached Ajv validator of `schema` itself (raw errors), for callers that sort the errors. */
export function validatorOf(schema: JsonSchema): ValidateFunction {
  return validatorFor(outputAjv, schema);
}

/** `/config/files/0` → `<base>.config.files[0]` (a JSON pointer as a field path). */
function pointerField(base: string, pointer: string, extra?: string): string {
  const segments = pointer === "" ? [] : pointer.slice(1).split("/");
  if (extra !== undefined) segments.push(extra);
  return segments.reduce((acc, raw) => {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    return /^\d+$/.test(seg) ? `${acc}[${seg}]` : `${acc}.${seg}`;
  }, base);
}

/**
 * What is wrong with `schema` itself, as issues under `base` (`steps[0].output_schema.type`):
 * meta-schema violations where they are, then what only compiling finds (strict mode's unknown
 * keywords, unresolvable $refs) at `base`. `forParameters` compiles it as validateParams will.
 */
export function schemaIssues(schema: JsonSchema, base: string, forParameters = false): FieldIssue[] {
  const ajv = forParameters ? paramsAjv : outputAjv;
  try {
    if (!ajv.validateSchema(schema)) {
      // The meta-schema's anyOf branches report one problem several times; the first says it best.
      const seen = new Set<string>();
      return (ajv.errors ?? []).flatMap((e) => {
        if (seen.has(e.instancePath)) return [];
        seen.add(e.instancePath);
        return [{ field: pointerField(base, e.instancePath), message: describeError({ ...e, instancePath: "" }) }];
      });
    }
    validatorFor(ajv, schema);
    return [];
  } catch (e) {
    return [{ field: base, message: e instanceof Error ? e.message : String(e) }];
  }
}

/**
 * The run parameters checked against the template's `parameters` schema, with `default`s filled
 * in (on a copy: `params` is left as it was). A name not in `properties` is always an error,
 * whatever `additionalProperties` says, because a misspelt parameter is the usual mistake and
 * would otherwise run the template with the default instead.
 */
export function validateParams(parameters: JsonSchema, params: unknown): JsonObject {
  const given = params ?? {};
  if (!isObject(given)) throw ValidationError.field("params", "must be an object of parameter values");
  const properties = isObject(parameters.properties) ? parameters.properties : {};
  const issues: FieldIssue[] = [];
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(properties, key)) {
      issues.push({
        field: `params.${key}`,
        message: `unknown parameter '${key}'${didYouMean(key, Object.keys(properties))}`,
      });
    }
  }
  const copy = structuredClone(given) as JsonObject;
  const validate = validatorFor(paramsAjv, parameters);
  if (!validate(copy)) {
    for (const e of validate.errors ?? []) {
      if (e.keyword === "additionalProperties" && e.instancePath === "") continue; // reported above
      if (e.keyword === "required") {
        const name = String(e.params.missingProperty);
        const message = e.instancePath === "" ? `required parameter '${name}' is missing` : "is required";
        issues.push({ field: pointerField("params", e.instancePath, name), message });
      } else if (e.keyword === "additionalProperties") {
        const name = String(e.params.additionalProperty);
        issues.push({ field: pointerField("params", e.instancePath, name), message: `unknown property '${name}'` });
      } else {
        issues.push({
          field: pointerField("params", e.instancePath),
          message: describeError({ ...e, instancePath: "" }),
        });
      }
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return copy;
}
