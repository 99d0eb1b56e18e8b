// `baton docs-sync`: the docs-sync pipeline run locally, without a server — the app's OpenAPI
// document built from the code (route table + GraphQL schema, as the server builds it) →
// DocsAgent's generate → ReviewAgent's review against the route table → FormatAgent's prettier →
// SyncAgent's write of docs/API.md. The same builtins as the seeded template, each handoff held
// to its contract (engine/builtins/docs-contracts.ts). `--check` writes nothing and fails when
// the file is out of date. The sub-commands run one step each, JSON in (a file or stdin) and JSON
// out: the Claude Code sub-agents (.claude/agents/docs-*.md) hand off through them.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { performance } from "node:perf_hooks";
import { assertContract } from "../engine/builtins/docs-contracts.js";
import { docsGenerate } from "../engine/builtins/docs-generate.js";
import { describeMismatch, docsReview, parseReference, type Mismatch } from "../engine/builtins/docs-review.js";
import { docsSyncFile, pathInside } from "../engine/builtins/docs-sync-file.js";
import { markdownFormat } from "../engine/builtins/markdown-format.js";
import type { BuiltinContext, Json, JsonObject } from "../engine/types.js";
import { type Args, CliError, type Out, parseArgs } from "./args.js";

export const DOCS_PATH = "docs/API.md";
export const REGENERATE = "npm run baton -- docs-sync";

const USAGE = `baton docs-sync [--check] [--json] [--path ${DOCS_PATH}]
    generate the API reference from the app's OpenAPI document, review it against the
    route table, format it with prettier and write it (--check: write nothing, exit 1
    when the file is out of date)
baton docs-sync generate [--out <file>]                  DocsAgent: the reference (JSON)
baton docs-sync review [--in <file>] [--out <file>]      ReviewAgent: check a 'generated' handoff
baton docs-sync format [--in <file>] [--out <file>]      FormatAgent: prettier on a 'reviewed' one
baton docs-sync write  [--in <file>] [--path ${DOCS_PATH}]  SyncAgent: write a 'formatted' one

Sub-steps read their handoff from --in (else stdin) and print JSON (with --out: the handoff goes
to that file and a summary is printed). They exit 1 when their input breaks the previous step's
contract, or (review) when the reference does not match the code. Files stay inside the current
directory.`;

/** What the builtins need, built from the code in this process: no server, no database. */
export async function localDocsContext(workdir: string): Promise<BuiltinContext> {
  const [{ schema }, { restSchema }, { routes }, { buildOpenApi }, { servedEndpoints }, { readVersion }] =
    await Promise.all([
      import("../graphql/schema.js"),
      import("../rest/rest-schema.js"),
      import("../rest/routes.js"),
      import("../rest/openapi.js"),
      import("../rest/endpoints.js"),
      import("../static.js"),
    ]);
  // A plain JSON copy, as the server sends it (undefined descriptions dropped).
  const openapi = JSON.parse(JSON.stringify(buildOpenApi(restSchema(schema), routes, readVersion()))) as JsonObject;
  const served = servedEndpoints(routes);
  return { openapi: () => openapi, routes: () => served, workdir, signal: new AbortController().signal };
}

export interface DocsChange {
  added: string[];
  removed: string[];
  changed: string[];
}

export interface DocsSyncResult {
  path: string;
  /** The file differs from what the pipeline produced (before a write, or with --check). */
  outdated: boolean;
  written: boolean;
  approved: boolean;
  operations: number;
  mismatches: Mismatch[];
  changes: DocsChange;
  timings_ms: { generate: number; review: number; format: number; write: number; total: number };
}

/** Each operation's section ("### METHOD /path" up to the next heading of its level or above). */
function sections(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = markdown.split("\n");
  const ops = parseReference(markdown);
  ops.forEach((op, n) => {
    const end = n + 1 < ops.length ? (ops[n + 1]?.line ?? lines.length) - 1 : lines.length;
    const tail = lines.slice(op.line, end);
    const stop = tail.findIndex((l) => /^#{1,2}\s/.test(l));
    out.set(op.key, tail.slice(0, stop < 0 ? tail.length : stop).join("\n"));
  });
  return out;
}

export function compareReferences(before: string | null, after: string): DocsChange {
  const old = sections(before ?? "");
  const now = sections(after);
  return {
    added: [...now.keys()].filter((k) => !old.has(k)),
    removed: [...old.keys()].filter((k) => !now.has(k)),
    changed: [...now.keys()].filter((k) => old.has(k) && old.get(k) !== now.get(k)),
  };
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

const since = (start: number) => Math.round((performance.now() - start) * 10) / 10;

/**
 * The whole pipeline. Stops (approved false, nothing written) when the review finds a mismatch;
 * with `check`, reports whether the file is out of date and writes nothing.
 */
export async function runDocsSync(options: {
  workdir: string;
  path?: string;
  check?: boolean;
  context?: BuiltinContext;
  progress?: (step: string) => void;
}): Promise<DocsSyncResult> {
  const started = performance.now();
  const path = options.path ?? DOCS_PATH;
  const context = options.context ?? (await localDocsContext(options.workdir));
  const file = pathInside(options.workdir, path);
  const timings = { generate: 0, review: 0, format: 0, write: 0, total: 0 };

  let t = performance.now();
  options.progress?.("generate");
  const generated = (await docsGenerate.run(null, {}, context)) as JsonObject;
  assertContract("generated", generated, "docs-sync");
  timings.generate = since(t);

  t = performance.now();
  options.progress?.("review");
  const reviewed = (await docsReview.run(generated, {}, context)) as JsonObject;
  timings.review = since(t);
  const mismatches = reviewed.mismatches as unknown as Mismatch[];
  const before = await readText(file);
  const base = { path, written: false, operations: reviewed.checked as number, mismatches };
  if (reviewed.approved !== true) {
    timings.total = since(started);
    const changes = { added: [], removed: [], changed: [] };
    return { ...base, outdated: true, approved: false, changes, timings_ms: timings };
  }
  assertContract("reviewed", reviewed, "docs-sync");

  t = performance.now();
  options.progress?.("format");
  const formatted = (await markdownFormat.run(reviewed, {}, context)) as JsonObject;
  assertContract("formatted", formatted, "docs-sync");
  timings.format = since(t);

  const markdown = formatted.markdown as string;
  const outdated = before !== markdown;
  const changes = compareReferences(before, markdown);
  let written = false;
  if (!options.check && outdated) {
    t = performance.now();
    options.progress?.("write");
    const synced = (await docsSyncFile.run({ ...formatted, path }, {}, context)) as JsonObject;
    assertContract("synced", synced, "docs-sync");
    written = synced.changed === true;
    timings.write = since(t);
  }
  timings.total = since(started);
  return { ...base, outdated, written, approved: true, changes, timings_ms: timings };
}

async function readHandoff(args: Args, workdir: string): Promise<Json> {
  const from = args.option("in");
  let text: string;
  if (from !== undefined) text = await readFile(pathInside(workdir, from), "utf8");
  else {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    text = Buffer.concat(chunks).toString("utf8");
  }
  try {
    return JSON.parse(text) as Json;
  } catch (e) {
    throw new CliError(`the handoff ${from ? `in ${from}` : "on stdin"} is not JSON: ${(e as Error).message}`);
  }
}

const list = (keys: string[]) =>
  keys.length > 6 ? `${keys.slice(0, 6).join(", ")} and ${keys.length - 6} more` : keys.join(", ");

function describeChanges(c: DocsChange): string {
  const parts = [
    c.added.length > 0 ? `added ${list(c.added)}` : "",
    c.removed.length > 0 ? `removed ${list(c.removed)}` : "",
    c.changed.length > 0 ? `changed ${list(c.changed)}` : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join("; ") : "the operations are the same; the text around them differs";
}

/** What a sub-step prints when its handoff went to a file: enough to decide, not the Markdown. */
function summary(step: string, output: JsonObject, file: string): JsonObject {
  const { markdown, ...rest } = output;
  const bytes = typeof markdown === "string" ? Buffer.byteLength(markdown) : 0;
  if (step === "generate")
    return { out: file, title: rest.title ?? null, operations: (rest.paths as Json[]).length, bytes };
  return { out: file, ...rest, bytes };
}

/**
 * One sub-step: the previous handoff in (`--in` file or stdin), this step's output out (stdout,
 * or `--out` file with a summary on stdout); exit 1 on a broken contract or a failed review.
 */
async function subStep(step: string, args: Args, out: Out, workdir: string): Promise<number> {
  // Only DocsAgent and ReviewAgent read the OpenAPI document; building it loads the whole schema.
  const context: BuiltinContext =
    step === "generate" || step === "review"
      ? await localDocsContext(workdir)
      : {
          workdir,
          signal: new AbortController().signal,
          openapi: () => {
            throw new Error(`docs-sync ${step} does not read the OpenAPI document`);
          },
        };
  const target = args.option("out");
  let output: Json;
  try {
    if (step === "generate") output = await docsGenerate.run(null, {}, context);
    else {
      const input = await readHandoff(args, workdir);
      if (step === "review") output = await docsReview.run(input, {}, context);
      else if (step === "format") {
        assertContract("reviewed", input, "docs-sync format");
        output = await markdownFormat.run(input, {}, context);
      } else {
        assertContract("formatted", input, "docs-sync write");
        output = await docsSyncFile.run(
          { ...(input as JsonObject), path: args.option("path") ?? DOCS_PATH },
          {},
          context,
        );
      }
    }
  } catch (e) {
    out.json({ error: (e as Error).message });
    return 1;
  }
  if (target !== undefined && step !== "write") {
    const file = pathInside(workdir, target);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(output)}\n`);
    out.json(summary(step, output as JsonObject, target));
  } else out.json(output);
  return step === "review" && (output as JsonObject).approved !== true ? 1 : 0;
}

/** `baton docs-sync …` (argv after the command name); the exit code. */
export async function docsSyncCommand(argv: readonly string[], out: Out, workdir = process.cwd()): Promise<number> {
  // --check is a switch here; the shared parser only knows its own.
  const check = argv.includes("--check");
  const args = parseArgs(argv.filter((a) => a !== "--check"));
  const [step, ...extra] = args.positional;
  if (args.flag("help")) {
    out.line(USAGE);
    return 0;
  }
  if (extra.length > 0) throw new CliError(`unexpected argument '${extra[0]}'\n\n${USAGE}`);
  if (step !== undefined) {
    if (!["generate", "review", "format", "write"].includes(step))
      throw new CliError(`unknown docs-sync step '${step}': use generate, review, format or write\n\n${USAGE}`);
    if (check) throw new CliError(`--check is for the whole pipeline, not the '${step}' step`);
    return subStep(step, args, out, workdir);
  }
  const json = args.flag("json");
  const path = args.option("path") ?? DOCS_PATH;
  const result = await runDocsSync({
    workdir,
    path,
    check,
    progress: json ? undefined : (s) => process.stderr.write(`docs-sync: ${s}…\n`),
  });
  const failed = !result.approved || (check && result.outdated);
  if (json) {
    out.json(result);
    return failed ? 1 : 0;
  }
  const ms = result.timings_ms;
  if (!result.approved) {
    out.line(`docs-sync: the review found ${result.mismatches.length} mismatch(es); ${path} was not touched:`);
    for (const m of result.mismatches) out.line(`  ${describeMismatch(m)}`);
    return 1;
  }
  const steps = `generate ${ms.generate} ms, review ${ms.review} ms (${result.operations} operations), format ${ms.format} ms`;
  if (!result.outdated) out.line(`${path} is up to date (${steps}).`);
  else if (check)
    out.line(
      `${path} is out of date with the OpenAPI document (${describeChanges(result.changes)}): run \`${REGENERATE}\` to regenerate it.`,
    );
  else out.line(`${path} written: ${describeChanges(result.changes)} (${steps}, write ${ms.write} ms).`);
  return failed ? 1 : 0;
}
