// The builtin agents behind docs-sync and the aggregate steps. Expected Markdown is written out by
// hand; file effects are read back from disk; the last test runs the whole docs chain over
// Baton's real OpenAPI document.
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { localDocsContext } from "../../server/cli/docs-sync.js";
import { aggregate } from "../../server/engine/builtins/aggregate.js";
import { docsGenerate } from "../../server/engine/builtins/docs-generate.js";
import { docsReview } from "../../server/engine/builtins/docs-review.js";
import { docsSyncFile } from "../../server/engine/builtins/docs-sync-file.js";
import { echo } from "../../server/engine/builtins/echo.js";
import { builtinAgents } from "../../server/engine/builtins/index.js";
import { markdownFormat } from "../../server/engine/builtins/markdown-format.js";
import { builtinRunner } from "../../server/engine/runners/builtin.js";
import type { BuiltinContext, Json, JsonObject } from "../../server/engine/types.js";

let workdir: string;
beforeAll(async () => {
  workdir = await realpath(await mkdtemp(join(tmpdir(), "baton-builtins-")));
});
afterAll(() => rm(workdir, { recursive: true, force: true }));

const petstore: JsonObject = {
  openapi: "3.1.0",
  info: { title: "Pet Store", version: "1.2.0", description: "Pets, and their owners." },
  tags: [{ name: "Pets", description: "Everything about pets." }],
  paths: {
    "/pets": {
      get: {
        tags: ["Pets"],
        summary: "List pets",
        parameters: [
          {
            name: "limit",
            in: "query",
            required: false,
            schema: { type: "integer" },
            description: "At most | this many",
          },
        ],
        responses: {
          "200": {
            description: "OK",
            content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Pet" } } } },
          },
        },
      },
      post: {
        tags: ["Pets"],
        summary: "Add a pet",
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: "#/components/schemas/NewPet" } } },
        },
        responses: {
          "201": {
            description: "Created",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } },
          },
          "400": { $ref: "#/components/responses/Invalid" },
        },
      },
    },
    "/pets/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" }, description: "Pet id" }],
      delete: { tags: ["Pets"], summary: "Remove a pet", responses: { "204": { description: "Removed" } } },
    },
    "/health": {
      get: {
        summary: "Liveness",
        description: "Always 200 while the process runs.",
        responses: { "200": { description: "Alive" } },
      },
    },
  },
  components: {
    schemas: {
      Pet: { type: "object" },
      NewPet: {
        type: "object",
        required: ["name"],
        properties: { name: { type: "string" }, tag: { type: "string", enum: ["cat", "dog"] } },
      },
      Error: { type: "object" },
    },
    responses: {
      Invalid: {
        description: "Invalid input",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
    },
  },
};

const PETSTORE_MD = `# Pet Store

Version 1.2.0.

Pets, and their owners.

4 operations.

## Pets

Everything about pets.

### GET /pets

List pets

Parameters:

| Name | In | Required | Type | Description |
| --- | --- | --- | --- | --- |
| limit | query | no | integer | At most \\| this many |

Responses:

- \`200\`: OK (\`Pet[]\`)

### POST /pets

Add a pet

Request body (required): \`application/json\`, \`NewPet\`.

Example request body:

\`\`\`json
{
  "name": "string",
  "tag": "cat"
}
\`\`\`

Responses:

- \`201\`: Created (\`Pet\`)
- \`400\`: Invalid input (\`Error\`)

### DELETE /pets/{id}

Remove a pet

Parameters:

| Name | In | Required | Type | Description |
| --- | --- | --- | --- | --- |
| id | path | yes | string | Pet id |

Responses:

- \`204\`: Removed

## Other

### GET /health

Liveness

Always 200 while the process runs.

Responses:

- \`200\`: Alive
`;

function context(
  openapi: JsonObject = petstore,
  signal = new AbortController().signal,
  routes?: string[],
): BuiltinContext {
  return { signal, openapi: () => openapi, workdir, ...(routes ? { routes: () => routes } : {}) };
}

/** The 1-based line of the n-th line of `text` that is exactly `line`. */
function lineOf(text: string, line: string, nth = 1): number {
  const lines = text.split("\n");
  let seen = 0;
  const index = lines.findIndex((l) => l === line && ++seen === nth);
  if (index < 0) throw new Error(`no line '${line}' (${nth})`);
  return index + 1;
}

/** PETSTORE_MD as DocsAgent hands it on. */
const generated = (markdown = PETSTORE_MD) => ({
  markdown,
  paths: ["GET /pets", "POST /pets", "DELETE /pets/{id}", "GET /health"],
  title: "Pet Store",
});

describe("docs-generate", () => {
  test("a Markdown reference: a section per tag, a heading per operation, parameters, body and responses", async () => {
    expect(await docsGenerate.run({ openapi: petstore }, {}, context({}))).toEqual({
      markdown: PETSTORE_MD,
      paths: ["GET /pets", "POST /pets", "DELETE /pets/{id}", "GET /health"],
      title: "Pet Store",
    });
  });

  test("without input.openapi it documents the server's own document", async () => {
    const out = (await docsGenerate.run(null, {}, context())) as JsonObject;
    expect(out.markdown).toBe(PETSTORE_MD);
    await expect(docsGenerate.run({ openapi: "nope" }, {}, context())).rejects.toThrow(
      "docs-generate: input.openapi must be an object, got a string",
    );
  });
});

describe("docs-review", () => {
  test("approves a reference that matches the document and passes the markdown on", async () => {
    expect(await docsReview.run(generated(), {}, context())).toEqual({
      approved: true,
      checked: 4,
      mismatches: [],
      markdown: PETSTORE_MD,
    });
  });

  test("holds the doc to the served routes: an undocumented one and a documented one not served are named", async () => {
    const served = ["GET /pets", "POST /pets", "DELETE /pets/{id}", "GET /health", "PUT /pets/{id}"];
    const out = (await docsReview.run(generated(), {}, context(petstore, undefined, served))) as JsonObject;
    expect(out.approved).toBe(false);
    expect(out.mismatches).toEqual([
      { route: "PUT /pets/{id}", field: "operation", expected: "documented", found: "missing" },
      { route: "PUT /pets/{id}", field: "openapi", expected: "described in the OpenAPI document", found: "missing" },
    ]);
    const fewer = ["GET /pets", "POST /pets", "DELETE /pets/{id}"];
    const extra = (await docsReview.run(generated(), {}, context(petstore, undefined, fewer))) as JsonObject;
    expect(extra.mismatches).toEqual([
      {
        route: "GET /health",
        field: "operation",
        expected: "no such route",
        found: `documented at line ${lineOf(PETSTORE_MD, "### GET /health")}`,
      },
      { route: "GET /health", field: "openapi", expected: "a route the server serves", found: "described" },
    ]);
  });

  test("names each wrong parameter, body and example: route, field, expected and found", async () => {
    const wrong = PETSTORE_MD.replace("| limit | query | no | integer |", "| limit | path | yes | string |")
      .replace(
        "| id | path | yes | string | Pet id |",
        "| id | path | yes | string | Pet id |\n| force | query | no | boolean | |",
      )
      .replace("`application/json`, `NewPet`.", "`application/json`, `Pet`.")
      .replace('"tag": "cat"', '"tag": "bird"')
      .replace("### GET /health", "### GET /health\n\n```json\n{ not json\n```")
      .replace("### DELETE /pets/{id}", "### GET /pets\n\n### DELETE /pets/{id}");
    const out = (await docsReview.run(generated(wrong), {}, context())) as JsonObject;
    expect(out.approved).toBe(false);
    expect(out.mismatches).toEqual([
      {
        route: "GET /pets",
        field: "operation",
        expected: "documented once",
        found: `again at line ${lineOf(wrong, "### GET /pets", 2)}`,
      },
      { route: "GET /pets", field: "parameter limit.in", expected: "query", found: "path" },
      { route: "GET /pets", field: "parameter limit.required", expected: "no", found: "yes" },
      { route: "GET /pets", field: "parameter limit.type", expected: "integer", found: "string" },
      { route: "POST /pets", field: "request body.type", expected: "NewPet", found: "Pet" },
      {
        route: "POST /pets",
        field: `example 1 (line ${lineOf(wrong, "```json")})`,
        expected: "a value of NewPet",
        found: '/tag must be equal to one of the allowed values: "cat", "dog"',
      },
      {
        route: "DELETE /pets/{id}",
        field: "parameter force",
        expected: "no such parameter",
        found: "documented (query, boolean)",
      },
      {
        route: "GET /health",
        field: `example 1 (line ${lineOf(wrong, "```json", 2)})`,
        expected: "valid JSON",
        found: expect.stringContaining("JSON") as unknown as string,
      },
    ]);
  });

  test("a missing operation, parameter and body are missing, not silently passed", async () => {
    const partial = PETSTORE_MD.replace(/### DELETE \/pets\/\{id\}[\s\S]*?(?=## Other)/, "")
      .replace(/Parameters:\n\n\| Name[^\n]*\n[^\n]*\n\| limit[^\n]*\n/, "")
      .replace(/Request body \(required\)[^\n]*\n/, "");
    const out = (await docsReview.run(generated(partial), {}, context())) as JsonObject;
    expect(out.mismatches).toEqual([
      { route: "DELETE /pets/{id}", field: "operation", expected: "documented", found: "missing" },
      { route: "GET /pets", field: "parameter limit", expected: "documented (query)", found: "missing" },
      { route: "POST /pets", field: "request body", expected: "required", found: "missing" },
    ]);
  });

  test("checks its input against DocsAgent's contract first", async () => {
    await expect(docsReview.run({ markdown: PETSTORE_MD }, {}, context())).rejects.toThrow(
      "docs-review: the input is not a valid 'generated' handoff: must have required property 'paths'; must have required property 'title'",
    );
    const runner = builtinRunner(builtinAgents, { openapi: () => petstore, workdir });
    const result = await runner.run({
      agent: { name: "ReviewAgent", kind: "builtin", settings: { name: "docs-review" } },
      input: { ...generated(), markdown: "" },
      signal: new AbortController().signal,
      timeoutMs: null,
      runId: "r",
      stepId: "review",
      attempt: 1,
      executionId: "e",
    });
    expect(result).toEqual({
      ok: false,
      error:
        "docs-review: the input is not a valid 'generated' handoff: /markdown must NOT have fewer than 1 characters",
    });
  });
});

describe("markdown-format", () => {
  const messy = [
    "\r\n",
    "# Title  \r\n",
    "Some text   \r\n",
    "continues here\r\n",
    "\r\n\r\n\r\n",
    "* one\n",
    "* two\n",
    "\n",
    "| a | bb |\n",
    "|:-|-:|\n",
    "| long cell | 1 |\n",
    "\n",
    "```json\n",
    '{"a":   1}\n',
    "```\n",
    "trailing paragraph\t\n",
    "### Last\n",
    "\n\n",
  ].join("");
  // prettier's Markdown: LF, "-" bullets, aligned tables, blank lines between blocks, embedded
  // JSON formatted, a trailing double space kept (it is a hard line break in Markdown).
  const tidy = [
    "# Title",
    "",
    "Some text  ",
    "continues here",
    "",
    "- one",
    "- two",
    "",
    "| a         |  bb |",
    "| :-------- | --: |",
    "| long cell |   1 |",
    "",
    "```json",
    '{ "a": 1 }',
    "```",
    "",
    "trailing paragraph",
    "",
    "### Last",
    "",
  ].join("\n");

  test("formats with prettier; formatting its own output changes nothing (idempotent)", async () => {
    expect(await markdownFormat.run({ markdown: messy }, {}, context())).toEqual({
      markdown: tidy,
      formatter: "prettier",
      changed: true,
    });
    expect(await markdownFormat.run({ markdown: tidy }, {}, context())).toEqual({
      markdown: tidy,
      formatter: "prettier",
      changed: false,
    });
  });

  test("the generated reference: tables aligned, and a second pass is byte for byte the first", async () => {
    const reviewed = { approved: true, checked: 4, mismatches: [], markdown: PETSTORE_MD };
    const once = (await markdownFormat.run(reviewed, {}, context())) as { markdown: string };
    expect(once.markdown).toContain(
      [
        "| Name  | In    | Required | Type    | Description          |",
        "| ----- | ----- | -------- | ------- | -------------------- |",
        "| limit | query | no       | integer | At most \\| this many |",
      ].join("\n"),
    );
    expect(once.markdown.replace(/^\|.*\|$/gm, "")).toBe(PETSTORE_MD.replace(/^\|.*\|$/gm, ""));
    const twice = (await markdownFormat.run({ ...reviewed, markdown: once.markdown }, {}, context())) as JsonObject;
    expect(twice).toEqual({ markdown: once.markdown, formatter: "prettier", changed: false });
  });

  test("refuses a review that did not approve, and input without markdown", async () => {
    const rejected = {
      approved: false,
      checked: 4,
      mismatches: [{ route: "GET /x", field: "operation", expected: "documented", found: "missing" }],
      markdown: PETSTORE_MD,
    };
    await expect(markdownFormat.run(rejected, {}, context())).rejects.toThrow(
      "markdown-format: the input is not a valid 'reviewed' handoff: /approved must be equal to constant; /mismatches must NOT have more than 0 items",
    );
    await expect(markdownFormat.run({ text: "x" }, {}, context())).rejects.toThrow(
      "markdown-format: input.markdown must be a string, got nothing",
    );
  });
});

describe("docs-sync-file", () => {
  const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

  test("writes under the workdir, creating directories; no backup file; identical content is not rewritten", async () => {
    const target = join(workdir, "docs/API.md");
    expect(await docsSyncFile.run({ markdown: "# v1\n" }, { path: "docs/API.md" }, context())).toEqual({
      path: target,
      bytes: 5,
      sha256: sha256("# v1\n"),
      changed: true,
    });
    expect(await readFile(target, "utf8")).toBe("# v1\n");

    const second = "# v2 — ünïcode\n";
    expect(await docsSyncFile.run({ markdown: second }, { path: "docs/API.md" }, context())).toEqual({
      path: target,
      bytes: Buffer.from(second).length,
      sha256: sha256(second),
      changed: true,
    });
    expect(await readFile(target, "utf8")).toBe(second);
    expect(await readdir(join(workdir, "docs"))).toEqual(["API.md"]);
    const again = (await docsSyncFile.run({ markdown: second }, { path: "docs/API.md" }, context())) as JsonObject;
    expect(again.changed).toBe(false);
    expect(docsSyncFile.writes?.({ markdown: second }, { path: "docs/API.md" })).toEqual(["docs/API.md"]);
  });

  test("refuses Markdown that is not prettier's output, writing nothing", async () => {
    await expect(
      docsSyncFile.run({ markdown: "* not\n* formatted\n", path: "unformatted.md" }, {}, context()),
    ).rejects.toThrow("docs-sync-file: input.markdown is not as prettier formats it: FormatAgent's output is expected");
    await expect(readFile(join(workdir, "unformatted.md"))).rejects.toThrow("ENOENT");
  });

  test("input.path wins over options.path", async () => {
    await writeFile(join(workdir, "other.md"), "old");
    const out = (await docsSyncFile.run(
      { markdown: "new\n", path: "other.md" },
      { path: "docs/API.md" },
      context(),
    )) as JsonObject;
    expect(out.path).toBe(join(workdir, "other.md"));
    expect(await readFile(join(workdir, "other.md"), "utf8")).toBe("new\n");
  });

  test("refuses paths outside the workdir and a missing path", async () => {
    await expect(docsSyncFile.run({ markdown: "x", path: "../x" }, {}, context())).rejects.toThrow(
      `docs-sync-file: path '../x' is outside the working directory ${workdir}`,
    );
    await expect(docsSyncFile.run({ markdown: "x" }, { path: "docs/../../etc/x" }, context())).rejects.toThrow(
      `docs-sync-file: path 'docs/../../etc/x' is outside the working directory ${workdir}`,
    );
    await expect(docsSyncFile.run({ markdown: "x", path: "/etc/passwd" }, {}, context())).rejects.toThrow(
      `docs-sync-file: path '/etc/passwd' is outside the working directory ${workdir}`,
    );
    await expect(docsSyncFile.run({ markdown: "x" }, {}, context())).rejects.toThrow(
      "docs-sync-file: no path to write (give input.path or the agent's options.path)",
    );
  });
});

describe("echo and aggregate", () => {
  test("echo hands its input on", async () => {
    const input: Json = { a: [1, { b: null }], c: "d" };
    expect(await echo.run(input, {}, context())).toEqual(input);
  });

  test("aggregate counts workers, sums passed/failed, averages measured coverage, lists failures", async () => {
    const workers: JsonObject = {
      unit: { passed: 10, failed: 1, coverage: 0.5, failures: [{ test: "a > b", message: "expected 1" }] },
      api: { passed: 5, failed: 0, coverage: 0.75, failures: [] },
      browser: { passed: 2, failed: 2, coverage: null },
      skipped: null,
    };
    expect(await aggregate.run({ workers, summary: "ignored" }, {}, context())).toEqual({
      count: 4,
      workers,
      ok: true,
      passed: 17,
      failed: 3,
      coverage: 0.625,
      failures: [{ worker: "unit", test: "a > b", message: "expected 1" }],
    });
    expect(await aggregate.run({ workers: { a: { x: 1 }, b: { y: 2 } } }, {}, context())).toEqual({
      count: 2,
      workers: { a: { x: 1 }, b: { y: 2 } },
      ok: true,
    });
    await expect(aggregate.run({ workers: [1] }, {}, context())).rejects.toThrow(
      "aggregate: input.workers must be an object of worker outputs by step id",
    );
  });
});

describe("the docs chain over Baton's own /openapi.json", () => {
  test("generate → review against the route table approves → format → sync writes it", async () => {
    const { routes } = await import("../../server/rest/routes.js");
    const ctx = await localDocsContext(workdir);

    const generated = (await docsGenerate.run(null, {}, ctx)) as { markdown: string; paths: string[] };
    // Every operation of the document: the route table's, the health probe and the dashboard's login.
    const expectedKeys = [
      ...routes.map((r) => `${r.method.toUpperCase()} ${r.path}`),
      "GET /health",
      "GET /auth/session",
      "POST /auth/session",
      "DELETE /auth/session",
    ];
    expect([...generated.paths].sort()).toEqual([...expectedKeys].sort());

    const review = (await docsReview.run(generated as unknown as Json, {}, ctx)) as JsonObject;
    expect(review).toMatchObject({ approved: true, mismatches: [], checked: expectedKeys.length });

    const formatted = (await markdownFormat.run(review, {}, ctx)) as JsonObject;
    // The formatted reference reads back to the same operations and still passes the review.
    const again = (await docsReview.run({ ...generated, markdown: formatted.markdown as Json }, {}, ctx)) as JsonObject;
    expect(again.mismatches).toEqual([]);
    const synced = (await docsSyncFile.run(
      { markdown: formatted.markdown as Json },
      { path: "docs/API.md" },
      ctx,
    )) as JsonObject;
    expect(await readFile(synced.path as string, "utf8")).toBe(formatted.markdown);
  });
});
