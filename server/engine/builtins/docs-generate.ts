// DocsAgent's builtin: an OpenAPI document (the input's, else Baton's own /openapi.json) turned
// into a Markdown API reference — one section per tag, one heading per operation named
// "METHOD /path" (what docs-review looks for), its parameters as a table, body and responses.
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
    const schema = describeSchema(jsonSchemaOf(doc, body));
    const parts = [`Request body (${body.required === true ? "required" : "optional"})`];
    if (types.length > 0) parts.push(`: ${types.map((t) => `\`${t}\``).join(", ")}`);
    if (schema) parts.push(`, \`${schema}\``);
    lines.push(`${parts.join("")}.`, "");
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
