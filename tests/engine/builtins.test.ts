// The builtin agents behind docs-sync and the aggregate steps. Expected Markdown is written out by
// hand; file effects are read back from disk; the last test runs the whole docs chain over
// Baton's real OpenAPI document.
import { createHash } from "node:crypto";
import { mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
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
    schemas: { Pet: { type: "object" }, NewPet: { type: "object" }, Error: { type: "object" } },
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

function context(openapi: JsonObject = petstore, signal = new AbortController().signal): BuiltinContext {
  return { signal, openapi: () => openapi, workdir };
}

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
  test("approves docs naming every operation and passes the markdown on", async () => {
    expect(await docsReview.run({ markdown: PETSTORE_MD, openapi: petstore }, {}, context({}))).toEqual({
      approved: true,
      missing: [],
      checked: 4,
      markdown: PETSTORE_MD,
    });
  });

  test("fails naming what is missing; a longer path does not count for a shorter one", async () => {
    const partial = "# API\n\n### GET /pets/{id}\n\n### POST /pets\n\nGET /healthz is elsewhere.\n";
    await expect(docsReview.run({ markdown: partial }, {}, context())).rejects.toThrow(
      "docs miss 3 operations: GET /pets, DELETE /pets/{id}, GET /health",
    );
    const runner = builtinRunner(builtinAgents, { openapi: () => petstore, workdir });
    const result = await runner.run({
      agent: { name: "ReviewAgent", kind: "builtin", settings: { name: "docs-review" } },
      input: { markdown: PETSTORE_MD.replace("### GET /health", "### Health") },
      signal: new AbortController().signal,
      timeoutMs: null,
      runId: "r",
      stepId: "review",
      attempt: 1,
      executionId: "e",
    });
    expect(result).toEqual({ ok: false, error: "docs miss 1 operation: GET /health" });
  });
});

describe("markdown-format", () => {
  const messy = [
    "\r\n",
    "# Title  \r\n",
    "Some text   \r\n",
    "continues here\r\n",
    "\r\n\r\n\r\n",
    "## Section\n",
    "| a | bb |\n",
    "|:-|-:|\n",
    "| long cell | 1 |\n",
    "| x |\n",
    "\n",
    "```js\n",
    "const x = 1;   \n",
    "\n\n\n",
    "| not | a | table |\n",
    "```\n",
    "trailing paragraph\t\n",
    "### Last\n",
    "\n\n",
  ].join("");
  const tidy = [
    "# Title",
    "",
    "Some text",
    "continues here",
    "",
    "## Section",
    "",
    "| a         |  bb |",
    "| :-------- | --: |",
    "| long cell |   1 |",
    "| x         |     |",
    "",
    "```js",
    "const x = 1;   ",
    "",
    "",
    "",
    "| not | a | table |",
    "```",
    "trailing paragraph",
    "",
    "### Last",
    "",
  ].join("\n");

  test("normalises endings, spaces, blank lines and tables; keeps code fences verbatim", async () => {
    expect(await markdownFormat.run({ markdown: messy }, {}, context())).toEqual({ markdown: tidy, changed: true });
    expect(await markdownFormat.run({ markdown: tidy }, {}, context())).toEqual({ markdown: tidy, changed: false });
  });

  test("aligns the generated docs' tables, and formatting them twice changes nothing more", async () => {
    const once = (await markdownFormat.run({ markdown: PETSTORE_MD }, {}, context())) as { markdown: string };
    expect(once.markdown).toContain(
      [
        "| Name  | In    | Required | Type    | Description          |",
        "| ----- | ----- | -------- | ------- | -------------------- |",
        "| limit | query | no       | integer | At most \\| this many |",
      ].join("\n"),
    );
    expect(once.markdown.replace(/^\|.*\|$/gm, "")).toBe(PETSTORE_MD.replace(/^\|.*\|$/gm, ""));
    expect(await markdownFormat.run({ markdown: once.markdown }, {}, context())).toEqual({
      markdown: once.markdown,
      changed: false,
    });
  });

  test("input.markdown is required", async () => {
    await expect(markdownFormat.run({ text: "x" }, {}, context())).rejects.toThrow(
      "markdown-format: input.markdown must be a string, got nothing",
    );
  });
});

describe("docs-sync-file", () => {
  const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

  test("writes under the workdir, creating directories; keeps the previous file as .bak", async () => {
    const target = join(workdir, "docs/API.md");
    expect(await docsSyncFile.run({ markdown: "# v1\n" }, { path: "docs/API.md" }, context())).toEqual({
      path: target,
      bytes: 5,
      previous_backup: null,
      sha256: sha256("# v1\n"),
    });
    expect(await readFile(target, "utf8")).toBe("# v1\n");

    const second = "# v2 — ünïcode\n";
    expect(await docsSyncFile.run({ markdown: second }, { path: "docs/API.md" }, context())).toEqual({
      path: target,
      bytes: Buffer.from(second).length,
      previous_backup: `${target}.bak`,
      sha256: sha256(second),
    });
    expect(await readFile(target, "utf8")).toBe(second);
    expect(await readFile(`${target}.bak`, "utf8")).toBe("# v1\n");
  });

  test("input.path wins over options.path", async () => {
    await writeFile(join(workdir, "other.md"), "old");
    const out = (await docsSyncFile.run(
      { markdown: "new", path: "other.md" },
      { path: "docs/API.md" },
      context(),
    )) as JsonObject;
    expect(out.path).toBe(join(workdir, "other.md"));
    expect(await readFile(join(workdir, "other.md"), "utf8")).toBe("new");
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
  test("generate → review approves every operation → format → sync writes docs/API.md", async () => {
    const { buildOpenApi } = await import("../../server/rest/openapi.js");
    const { routes } = await import("../../server/rest/routes.js");
    const { restSchema } = await import("../../server/rest/rest-schema.js");
    const { schema } = await import("../../server/graphql/schema.js");
    const openapi = JSON.parse(JSON.stringify(buildOpenApi(restSchema(schema), routes, "9.9.9"))) as JsonObject;
    const ctx = context(openapi);

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

    const review = (await docsReview.run({ markdown: generated.markdown }, {}, ctx)) as JsonObject;
    expect(review).toMatchObject({ approved: true, missing: [], checked: expectedKeys.length });

    const formatted = (await markdownFormat.run({ markdown: review.markdown as Json }, {}, ctx)) as JsonObject;
    const synced = (await docsSyncFile.run(
      { markdown: formatted.markdown as Json },
      { path: "docs/API.md" },
      ctx,
    )) as JsonObject;
    expect(await readFile(synced.path as string, "utf8")).toBe(formatted.markdown);
  });
});
