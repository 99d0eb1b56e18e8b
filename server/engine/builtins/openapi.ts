// The operations of an OpenAPI 3.x document, as the docs agents see them: "METHOD /path", in
// document order, with path-level parameters merged in and local $refs followed.
import type { Json, JsonObject } from "../types.js";
import { isObject } from "./input.js";

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

export interface Operation {
  /** "GET /agents/{id}": how the docs name it and the review looks for it. */
  key: string;
  method: string;
  path: string;
  operation: JsonObject;
  parameters: JsonObject[];
}

/** Follows a local `$ref` (`#/components/…`); anything else comes back as given. */
export function deref(doc: JsonObject, value: Json | undefined): Json | undefined {
  if (!isObject(value) || typeof value.$ref !== "string" || !value.$ref.startsWith("#/")) return value;
  let target: Json | undefined = doc;
  for (const raw of value.$ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    target = isObject(target) ? target[key] : undefined;
  }
  return target;
}

export function listOperations(doc: JsonObject): Operation[] {
  const paths = isObject(doc.paths) ? doc.paths : {};
  const found: Operation[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = deref(doc, rawItem);
    if (!isObject(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method) || !isObject(operation)) continue;
      const own = Array.isArray(operation.parameters) ? operation.parameters : [];
      // An operation's parameter replaces a path-level one of the same name and location.
      const byKey = new Map<string, JsonObject>();
      for (const p of [...shared, ...own].map((p) => deref(doc, p))) {
        if (isObject(p) && typeof p.name === "string") byKey.set(`${p.in}:${p.name}`, p);
      }
      const upper = method.toUpperCase();
      found.push({ key: `${upper} ${path}`, method: upper, path, operation, parameters: [...byKey.values()] });
    }
  }
  return found;
}

/** A schema in a few words: `Agent`, `Agent[]`, `string (date-time)`, `one of a, b`. */
export function describeSchema(schema: Json | undefined): string {
  if (!isObject(schema)) return "";
  if (typeof schema.$ref === "string") return schema.$ref.split("/").at(-1) ?? "";
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => String(v)).join(", ")}`;
  if (schema.type === "array") return `${describeSchema(schema.items) || "any"}[]`;
  if (Array.isArray(schema.oneOf ?? schema.anyOf)) {
    const options = (schema.oneOf ?? schema.anyOf) as Json[];
    return options.map((s) => describeSchema(s)).join(" or ");
  }
  const type = Array.isArray(schema.type)
    ? schema.type.join(" or ")
    : typeof schema.type === "string"
      ? schema.type
      : "";
  return typeof schema.format === "string" ? `${type} (${schema.format})` : type;
}
