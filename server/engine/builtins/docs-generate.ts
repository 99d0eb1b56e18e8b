// DocsAgent's builtin: an OpenAPI document (the input's, else Baton's own /openapi.json) turned
// into a Markdown API reference — one section per tag, one heading per operation named
// "METHOD /path", its parameters as a table, its request body with a JSON example, and its
// responses. docs-review reads that layout back (headings, tables, body line, examples).
import type { BuiltinAgent, Json, JsonObject } from "../types.js";
import { isObject, objectInput, optionalObject } from "./input.js";
import { deref, describeSchema, listOperations, type Operation } from "./openapi.js";

const UNTAGGED = "Other";

/** One table cell: pipes escaped, on one line. */
const cell = (text: string) =>
  text
    .replace(/\|/g, "\\|")
    .replace(/\s*\n\s*/g, " ")
    .trim();
const text = (value: Json | undefined) => (typeof value === "string" ? value.trim() : "");

function jsonSchemaOf(doc: JsonObject, holder: Json | undefined): Json | undefined {
  const resolved = deref(doc, holder);
  if (!isObject(resolved) || !isObject(resolved.content)) return undefined;
  const media = resolved.content["application/json"] ?? Object.values(resolved.content)[0];
  return isObject(media) ? media.schema : undefined;
}

function operationSection(doc: JsonObject, op: Operation): string[] {
  const lines = [`### ${op.key}`, ""];
  const summary = text(op.operation.summary);
  const description = text(op.operation.description);
  if (summary) lines.push(summary, "");
  if (description && description !== summary) lines.push(description, "");
  if (op.operation.deprecated === true) lines.push("**Deprecated.**", "");

  if (op.parameters.length > 0) {
    lines.push("Parameters:", "", "| Name | In | Required | Type | Description |", "| --- | --- | --- | --- | --- |");
    for (const p of op.parameters) {
      const required = p.required === true || p.in === "path" ? "yes" : "no";
      const row = [text(p.name), text(p.in), required, describeSchema(p.schema), text(p.description)];
      lines.push(`| ${row.map(cell).join(" | ")} |`);
    }
    lines.push("");
  }

  const body = deref(doc, op.operation.requestBody);
  if (isObject(body)) {
    const types = isObject(body.content) ? Object.keys(body.content) : [];
    const bodySchema = jsonSchemaOf(doc, body);
    const schema = describeSchema(bodySchema);
    const parts = [`Request body (${body.required === true ? "required" : "optional"})`];
    if (types.length > 0) parts.push(`: ${types.map((t) => `\`${t}\``).join(", ")}`);
    if (schema) parts.push(`, \`${schema}\``);
    lines.push(`${parts.join("")}.`, "");
    if (isObject(bodySchema) && types.includes("application/json")) {
      const example = exampleOf(doc, bodySchema, 0);
      lines.push("Example request body:", "", "```json", JSON.stringify(example, null, 2), "```", "");
    }
  }

  const responses = isObject(op.operation.responses) ? Object.entries(op.operation.responses) : [];
  if (responses.length > 0) {
    lines.push("Responses:", "");
    for (const [status, raw] of responses) {
      const response = deref(doc, raw);
      const description = isObject(response) ? text(response.description) : "";
      const schema = describeSchema(jsonSchemaOf(doc, response));
      lines.push(`- \`${status}\`${description ? `: ${description}` : ""}${schema ? ` (\`${schema}\`)` : ""}`);
    }
    lines.push("");
  }
  return lines;
}

const SAMPLE_TIME = "2026-01-01T00:00:00.000Z";

/**
 * A value `schema` accepts that shows its shape: every field at the top, an object's required
 * fields below it, one item of an array, an enum's first value. docs-review validates it.
 */
export function exampleOf(doc: JsonObject, raw: Json | undefined, depth: number): Json {
  const schema = deref(doc, raw);
  if (!isObject(schema) || depth > 6) return null;
  if ("const" in schema) return schema.const ?? null;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0] ?? null;
  const options = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(options) && options.length > 0) return exampleOf(doc, options[0], depth + 1);
  if (Array.isArray(schema.allOf)) {
    const merged: JsonObject = {};
    for (const part of schema.allOf) {
      const value = exampleOf(doc, part, depth + 1);
      if (isObject(value)) Object.assign(merged, value);
    }
    return merged;
  }
  const types = Array.isArray(schema.type) ? schema.type.filter((t) => t !== "null") : [schema.type];
  switch (types[0]) {
    case "object": {
      const properties = isObject(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === "string") : [];
      const shown = depth === 0 ? Object.keys(properties) : required;
      return Object.fromEntries(shown.map((name) => [name, exampleOf(doc, properties[name], depth + 1)]));
    }
    case "array":
      return [exampleOf(doc, schema.items, depth + 1)];
    case "string":
      return schema.format === "date-time" ? SAMPLE_TIME : "string";
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 0;
    case "boolean":
      return false;
    default:
      // No type (GraphQL's JSON scalar: any value): an empty object is one.
      return isObject(schema.properties) ? exampleOf(doc, { ...schema, type: "object" }, depth) : {};
  }
}

export function generateDocs(doc: JsonObject): { markdown: string; paths: string[]; title: string } {
  const info = isObject(doc.info) ? doc.info : {};
  const title = text(info.title) || "API reference";
  const operations = listOperations(doc);

  // Tags in the order the document declares them, then as operations first use them.
  const declared = Array.isArray(doc.tags) ? doc.tags.filter(isObject) : [];
  const tagDescriptions = new Map(declared.map((t) => [text(t.name), text(t.description)]));
  const groups = new Map<string, Operation[]>([...tagDescriptions.keys()].map((name) => [name, []]));
  for (const op of operations) {
    const tags = Array.isArray(op.operation.tags) ? op.operation.tags : [];
    const tag = (typeof tags[0] === "string" && tags[0].trim()) || UNTAGGED;
    groups.set(tag, [...(groups.get(tag) ?? []), op]);
  }
  const other = groups.get(UNTAGGED);
  if (other && !tagDescriptions.has(UNTAGGED)) {
    groups.delete(UNTAGGED);
    groups.set(UNTAGGED, other);
  }

  const lines = [`# ${title}`, ""];
  const version = text(info.version);
  if (version) lines.push(`Version ${version}.`, "");
  if (text(info.description)) lines.push(text(info.description), "");
  lines.push(`${operations.length} operation${operations.length === 1 ? "" : "s"}.`, "");
  for (const [tag, ops] of groups) {
    if (ops.length === 0) continue;
    lines.push(`## ${tag}`, "");
    if (tagDescriptions.get(tag)) lines.push(tagDescriptions.get(tag) ?? "", "");
    for (const op of ops) lines.push(...operationSection(doc, op));
  }
  return { markdown: `${lines.join("\n").trimEnd()}\n`, paths: operations.map((op) => op.key), title };
}

export const docsGenerate: BuiltinAgent = {
  name: "docs-generate",
  description: "Markdown API reference from an OpenAPI document (input.openapi, else Baton's /openapi.json).",
  async run(input, _options, context) {
    const doc = optionalObject(objectInput(input, "docs-generate"), "openapi", "docs-generate", context.openapi);
    return generateDocs(doc);
  },
};
