// ReviewAgent's builtin: holds a Markdown API reference to the code, not to strings. The doc is
// read back into operations ("### METHOD /path" headings), their parameter tables, request-body
// lines and JSON examples, and compared with what the server really has: every endpoint it
// serves (the REST route table and its own, context.routes) must be documented, and every
// documented operation, parameter (location, type, required-ness) and request body must be the
// OpenAPI document's (which is derived from the route table and the GraphQL types). Examples must
// parse, and a request-body example must be valid against the body's schema. Each mismatch is
// reported with the route, the field, what the code has and what the doc says; the verdict is in
// the output (`approved`), and the step's contract (docs-contracts.ts) stops the run on any.
import type { ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describeError } from "../json-schema.js";
import type { BuiltinAgent, Json, JsonObject } from "../types.js";
import { assertContract } from "./docs-contracts.js";
import { isObject, objectInput, optionalObject } from "./input.js";
import { deref, describeSchema, listOperations, type Operation } from "./openapi.js";

export interface Mismatch {
  route: string;
  field: string;
  expected: string;
  found: string;
}

export interface DocumentedParameter {
  name: string;
  in: string;
  required: string;
  type: string;
}

export interface DocumentedOperation {
  key: string;
  line: number;
  parameters: DocumentedParameter[];
  /** "Request body (required): `application/json`, `Type`." as its parts, or null. */
  body: { required: string; type: string } | null;
  /** Fenced JSON blocks: the text and the line of the caption before them. */
  examples: { text: string; line: number; caption: string }[];
}

const OPERATION_HEADING = /^#{2,6}\s+([A-Z]+)\s+(\/\S*)\s*$/;
const ANY_HEADING = /^ {0,3}#{1,6}(?:\s|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w-]*)/;
const BODY_LINE = /^Request body \((required|optional)\)(?::[^,]*)?(?:,\s*`([^`]*)`)?\.?\s*$/;
const PARAMETER_HEADER = ["name", "in", "required", "type"];

/** Cells of a table row, split on unescaped pipes, outer pipes dropped, `\|` unescaped. */
function cells(row: string): string[] {
  let line = row.trim();
  if (line.startsWith("|")) line = line.slice(1);
  if (line.endsWith("|") && !line.endsWith("\\|")) line = line.slice(0, -1);
  return line.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|"));
}

const isDelimiterRow = (line: string) => line.includes("-") && cells(line).every((c) => /^:?-+:?$/.test(c));

/** The doc read back: its operations in order, with what each one documents. */
export function parseReference(markdown: string): DocumentedOperation[] {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const operations: DocumentedOperation[] = [];
  let current: DocumentedOperation | null = null;
  let lastText = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const fence = FENCE.exec(line);
    if (fence?.[1]) {
      const marker = fence[1];
      const closer = new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}\\s*$`);
      const start = i;
      const body: string[] = [];
      while (++i < lines.length && !closer.test(lines[i] ?? "")) body.push(lines[i] ?? "");
      if (current && fence[2]?.toLowerCase() === "json")
        current.examples.push({ text: body.join("\n"), line: start + 1, caption: lastText });
      continue;
    }
    const heading = OPERATION_HEADING.exec(line);
    if (heading) {
      current = { key: `${heading[1]} ${heading[2]}`, line: i + 1, parameters: [], body: null, examples: [] };
      operations.push(current);
      continue;
    }
    if (ANY_HEADING.test(line)) {
      current = null;
      continue;
    }
    if (!current || line.trim() === "") continue;
    lastText = line.trim();
    const header = cells(line).map((c) => c.toLowerCase());
    if (PARAMETER_HEADER.every((h, n) => header[n] === h) && isDelimiterRow(lines[i + 1] ?? "")) {
      for (i += 2; i < lines.length && (lines[i] ?? "").trim().startsWith("|"); i++) {
        const [name = "", location = "", required = "", type = ""] = cells(lines[i] ?? "");
        current.parameters.push({ name, in: location, required, type });
      }
      i--;
      continue;
    }
    const body = BODY_LINE.exec(line.trim());
    if (body) current.body = { required: body[1] ?? "", type: body[2] ?? "" };
  }
  return operations;
}

function bodySchema(doc: JsonObject, op: Operation): { required: boolean; schema: Json | undefined } | null {
  const body = deref(doc, op.operation.requestBody);
  if (!isObject(body)) return null;
  const content = isObject(body.content) ? body.content : {};
  const media = deref(doc, content["application/json"] ?? Object.values(content)[0]);
  return { required: body.required === true, schema: isObject(media) ? media.schema : undefined };
}

type SchemaErrors = (schema: Json | undefined, value: Json) => string[];

/** Ajv errors of a value against a schema of `doc`: its `#/components/…` refs resolve once. */
function examplesValidator(doc: JsonObject): SchemaErrors {
  // OpenAPI schemas carry keywords Ajv does not know (`examples` of enums, `x-…`): not strict.
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: "openapi.json", components: doc.components ?? {} });
  const compiled = new Map<string, ValidateFunction>();
  return (schema, value) => {
    if (!isObject(schema)) return [];
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (!validate) {
      // Local refs point into the document registered above.
      const rebased = key.replace(/"\$ref":"#\//g, '"$ref":"openapi.json#/');
      validate = ajv.compile(JSON.parse(rebased) as object);
      compiled.set(key, validate);
    }
    return validate(value) ? [] : (validate.errors ?? []).map(describeError);
  };
}

function compareOperation(
  doc: JsonObject,
  op: Operation,
  documented: DocumentedOperation,
  schemaErrors: SchemaErrors,
  out: Mismatch[],
) {
  const route = op.key;
  const push = (field: string, expected: string, found: string) => out.push({ route, field, expected, found });

  const truth = new Map(op.parameters.map((p) => [String(p.name), p]));
  const seen = new Set<string>();
  for (const p of documented.parameters) {
    const real = truth.get(p.name);
    if (!real) {
      push(`parameter ${p.name}`, "no such parameter", `documented (${p.in}, ${p.type || "no type"})`);
      continue;
    }
    if (seen.has(p.name)) push(`parameter ${p.name}`, "documented once", "documented twice");
    seen.add(p.name);
    const where = String(real.in);
    const required = real.required === true || where === "path" ? "yes" : "no";
    const type = describeSchema(real.schema);
    if (p.in !== where) push(`parameter ${p.name}.in`, where, p.in);
    if (p.required !== required) push(`parameter ${p.name}.required`, required, p.required);
    if (p.type !== type) push(`parameter ${p.name}.type`, type, p.type);
  }
  for (const [name, real] of truth)
    if (!seen.has(name)) push(`parameter ${name}`, `documented (${String(real.in)})`, "missing");

  const body = bodySchema(doc, op);
  if (!body && documented.body) push("request body", "none", `documented (${documented.body.required})`);
  if (body && !documented.body) push("request body", body.required ? "required" : "optional", "missing");
  if (body && documented.body) {
    const required = body.required ? "required" : "optional";
    if (documented.body.required !== required) push("request body.required", required, documented.body.required);
    const type = describeSchema(body.schema);
    if (documented.body.type !== type) push("request body.type", type, documented.body.type || "none");
  }

  documented.examples.forEach((example, n) => {
    const field = `example ${n + 1} (line ${example.line})`;
    let value: Json;
    try {
      value = JSON.parse(example.text) as Json;
    } catch (e) {
      push(field, "valid JSON", (e as Error).message);
      return;
    }
    if (/request body/i.test(example.caption)) {
      if (!body) push(field, "no request body to exemplify", "a request-body example");
      else {
        const errors = schemaErrors(body.schema, value);
        if (errors.length > 0)
          push(field, `a value of ${describeSchema(body.schema) || "the body's schema"}`, errors.join("; "));
      }
    }
  });
}

export interface Review {
  approved: boolean;
  checked: number;
  mismatches: Mismatch[];
}

/**
 * The doc against the OpenAPI document and the endpoints served (default: the document's own
 * operations). `checked`: the operations of the document compared.
 */
export function reviewDocs(markdown: string, doc: JsonObject, served?: readonly string[]): Review {
  const operations = listOperations(doc);
  const byKey = new Map(operations.map((op) => [op.key, op]));
  const servedSet = new Set(served ?? operations.map((op) => op.key));
  const documented = parseReference(markdown);
  const docByKey = new Map<string, DocumentedOperation>();
  const mismatches: Mismatch[] = [];

  for (const d of documented) {
    if (docByKey.has(d.key)) {
      mismatches.push({
        route: d.key,
        field: "operation",
        expected: "documented once",
        found: `again at line ${d.line}`,
      });
      continue;
    }
    docByKey.set(d.key, d);
    if (!servedSet.has(d.key))
      mismatches.push({
        route: d.key,
        field: "operation",
        expected: "no such route",
        found: `documented at line ${d.line}`,
      });
  }
  for (const key of servedSet) {
    if (!docByKey.has(key))
      mismatches.push({ route: key, field: "operation", expected: "documented", found: "missing" });
    if (!byKey.has(key))
      mismatches.push({
        route: key,
        field: "openapi",
        expected: "described in the OpenAPI document",
        found: "missing",
      });
  }
  const schemaErrors = examplesValidator(doc);
  for (const op of operations) {
    if (!servedSet.has(op.key))
      mismatches.push({ route: op.key, field: "openapi", expected: "a route the server serves", found: "described" });
    const d = docByKey.get(op.key);
    if (d && servedSet.has(op.key)) compareOperation(doc, op, d, schemaErrors, mismatches);
  }
  return { approved: mismatches.length === 0, checked: operations.length, mismatches };
}

/** "GET /agents: parameter limit.type: expected integer, found string". */
export const describeMismatch = (m: Mismatch) => `${m.route}: ${m.field}: expected ${m.expected}, found ${m.found}`;

export const docsReview: BuiltinAgent = {
  name: "docs-review",
  description:
    "Reviews a generated API reference against the code: every served route documented, every documented operation, parameter (type, required) and body real, examples valid. Reports each mismatch.",
  async run(input, _options, context) {
    const fields = objectInput(input, "docs-review");
    assertContract("generated", fields, "docs-review");
    const markdown = fields.markdown as string;
    const doc = optionalObject(fields, "openapi", "docs-review", context.openapi);
    // A document given in the input is reviewed on its own terms; the server's against its routes.
    const served = fields.openapi === undefined && context.routes ? context.routes() : undefined;
    const review = reviewDocs(markdown, doc, served);
    return { ...review, mismatches: review.mismatches as unknown as Json, markdown } as JsonObject;
  },
};
