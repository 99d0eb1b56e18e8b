// Name mapping between REST (snake_case, as the seed writes it) and GraphQL (camelCase).
import {
  type GraphQLInputObjectType,
  type GraphQLInputType,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from "graphql";
import { echo } from "../errors.js";

export const snake = (s: string) => s.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

export class RestInputError extends Error {
  constructor(
    message: string,
    readonly field: string | null,
  ) {
    super(message);
  }
}

const isJsonScalar = (t: GraphQLInputType) => isScalarType(getNamedType(t)) && getNamedType(t).name === "JSON";

type InputFields = { byRestName: Map<string, { name: string; type: GraphQLInputType }>; known: string };
const fieldCache = new WeakMap<GraphQLInputObjectType, InputFields>();

/** REST and GraphQL names of an input type's fields, computed once per type. */
function inputFields(type: GraphQLInputObjectType): InputFields {
  let cached = fieldCache.get(type);
  if (!cached) {
    const fields = Object.values(type.getFields());
    const byRestName = new Map<string, { name: string; type: GraphQLInputType }>();
    for (const f of fields) {
      byRestName.set(f.name, f);
      byRestName.set(snake(f.name), f);
    }
    cached = { byRestName, known: fields.map((f) => snake(f.name)).join(", ") };
    fieldCache.set(type, cached);
  }
  return cached;
}

/** Converts a snake_case (or camelCase) JSON value to the GraphQL input of `type`. JSON scalars are verbatim. */
export function toGraphQLInput(value: unknown, type: GraphQLInputType, path: string): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (value === null || value === undefined || isJsonScalar(inner)) return value;
  if (isListType(inner)) {
    // REST is strict where GraphQL would wrap a single value into a list.
    if (!Array.isArray(value)) throw new RestInputError(`${path || "body"} must be a JSON array`, path || null);
    return value.map((v, i) => toGraphQLInput(v, inner.ofType, `${path}[${i}]`));
  }
  if (isInputObjectType(inner)) {
    if (typeof value !== "object" || Array.isArray(value))
      throw new RestInputError(`${path || "body"} must be a JSON object`, path || null);
    const { byRestName, known } = inputFields(inner);
    const out: Record<string, unknown> = {};
    for (const key in value) {
      const field = byRestName.get(key);
      if (!field) {
        const name = key.length > 80 ? `${key.slice(0, 80)}…` : key;
        throw new RestInputError(`unknown field ${echo(key)} (expected: ${known})`, path ? `${path}.${name}` : name);
      }
      out[field.name] = toGraphQLInput(
        (value as Record<string, unknown>)[key],
        field.type,
        path ? `${path}.${key}` : key,
      );
    }
    return out;
  }
  return value;
}

/** `retryPolicy.maxRetries` → `retry_policy.max_retries`; segments inside a JSON scalar stay as written. */
export function restFieldPath(path: string, root: GraphQLInputType | null): string {
  let type: GraphQLInputType | null = root;
  let verbatim = false;
  // A JSON body argument (a run's `params`) is named first; what follows is the caller's own keys.
  const jsonRoot = root !== null && isJsonScalar(root);
  return path.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (name) => {
    if (verbatim) return name;
    if (jsonRoot) {
      verbatim = true;
      return snake(name);
    }
    const named = type ? getNamedType(type) : null;
    if (named && isInputObjectType(named)) {
      const field = named.getFields()[name];
      type = field?.type ?? null;
      if (field && isJsonScalar(field.type)) verbatim = true;
    } else type = null;
    return snake(name);
  });
}
