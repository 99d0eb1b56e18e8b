// docs/API.md never drifts: the committed reference must be exactly what the docs-sync pipeline
// makes of the app's OpenAPI document today. And `baton docs-sync` as a person (or Claude Code's
// sub-agents) runs it: the installed binary in a temporary copy of the file, no server — --check
// exit codes, the write and what it says changed, the generate|review|format|write sub-steps
// handing JSON on, and a review that names an undocumented route.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { REGENERATE, runDocsSync } from "../../server/cli/docs-sync.js";
import { formatMarkdown } from "../../server/engine/builtins/markdown-format.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const bin = join(repo, "server/cli/bin.mjs");
const COMMITTED = readFileSync(join(repo, "docs/API.md"), "utf8");
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A working directory holding docs/API.md with `content` (none when null). */
function workdir(content: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), "baton-docs-"));
  dirs.push(dir);
  if (content !== null) {
    mkdirSync(join(dir, "docs"));
    writeFileSync(join(dir, "docs/API.md"), content);
  }
  return dir;
}

async function baton(cwd: string, args: string[], stdin?: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(bin, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin ?? "");
  });
}

describe("docs/API.md", () => {
  test("is what docs-sync makes of the OpenAPI document today", async () => {
    const result = await runDocsSync({ workdir: repo, check: true });
    const changes = JSON.stringify(result.changes);
    expect(result.approved).toBe(true);
    expect(result.outdated, `docs/API.md is out of date (${changes}): run \`${REGENERATE}\` and commit it`).toBe(false);
    expect(result.written).toBe(false);
  }, 120_000);

  test("is prettier's output: formatting it again changes nothing", async () => {
    expect(await formatMarkdown(COMMITTED)).toBe(COMMITTED);
  });
});

describe("baton docs-sync", () => {
  test("--check: 0 when up to date, 1 naming what changed when stale or missing; nothing is written", async () => {
    const fresh = workdir(COMMITTED);
    const ok = await baton(fresh, ["docs-sync", "--check"]);
    expect([ok.code, ok.stdout]).toEqual([0, expect.stringMatching(/^docs\/API\.md is up to date \(generate /)]);

    const edited = COMMITTED.replace("### GET /agents/{id}\n", "### GET /agents/{id}\n\nA hand edit.\n");
    const stale = workdir(edited);
    const check = await baton(stale, ["docs-sync", "--check"]);
    expect(check.code).toBe(1);
    expect(check.stdout).toBe(
      "docs/API.md is out of date with the OpenAPI document (changed GET /agents/{id}): run `npm run baton -- docs-sync` to regenerate it.\n",
    );
    expect(readFileSync(join(stale, "docs/API.md"), "utf8")).toBe(edited);

    const none = workdir(null);
    const missing = await baton(none, ["docs-sync", "--check", "--json"]);
    expect(missing.code).toBe(1);
    const report = JSON.parse(missing.stdout) as { outdated: boolean; written: boolean; changes: { added: string[] } };
    expect([report.outdated, report.written]).toEqual([true, false]);
    expect(report.changes.added.length).toBe(COMMITTED.match(/^### [A-Z]+ \//gm)?.length);
    expect(readdirSync(none)).toEqual([]);
  }, 240_000);

  test("writes the reference, saying which operations changed; then it is up to date", async () => {
    const removed = "### DELETE /agents/{id}\n";
    const start = COMMITTED.indexOf(removed);
    const older = COMMITTED.slice(0, start) + COMMITTED.slice(COMMITTED.indexOf("\n### ", start + 1) + 1);
    const dir = workdir(older);
    const run = await baton(dir, ["docs-sync"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^docs\/API\.md written: added DELETE \/agents\/\{id\} \(generate .* write .* ms\)\.\n$/,
    );
    expect(readFileSync(join(dir, "docs/API.md"), "utf8")).toBe(COMMITTED);
    expect(readdirSync(join(dir, "docs"))).toEqual(["API.md"]);
  }, 120_000);

  test("the sub-steps hand JSON on through their contracts and write the same file", async () => {
    const dir = workdir(null);
    // As the Claude Code sub-agents run them: handoffs in files under .baton/, a summary printed.
    const generated = await baton(dir, ["docs-sync", "generate", "--out", ".baton/docs-sync/generated.json"]);
    expect(generated.code).toBe(0);
    const operations = COMMITTED.match(/^### [A-Z]+ \//gm)?.length;
    expect(JSON.parse(generated.stdout)).toMatchObject({ out: ".baton/docs-sync/generated.json", operations });
    const args = ["--in", ".baton/docs-sync/generated.json", "--out", ".baton/docs-sync/reviewed.json"];
    const reviewed = await baton(dir, ["docs-sync", "review", ...args]);
    expect(reviewed.code).toBe(0);
    expect(JSON.parse(reviewed.stdout)).toMatchObject({ approved: true, checked: operations, mismatches: [] });
    // Piped: stdin in, the whole handoff out.
    const formatted = await baton(
      dir,
      ["docs-sync", "format"],
      readFileSync(join(dir, ".baton/docs-sync/reviewed.json"), "utf8"),
    );
    expect(formatted.code).toBe(0);
    expect(JSON.parse(formatted.stdout)).toMatchObject({ formatter: "prettier", markdown: COMMITTED });
    const written = await baton(dir, ["docs-sync", "write"], formatted.stdout);
    expect(written.code).toBe(0);
    expect(JSON.parse(written.stdout)).toMatchObject({ path: join(dir, "docs/API.md"), changed: true });
    expect(readFileSync(join(dir, "docs/API.md"), "utf8")).toBe(COMMITTED);
    const outside = await baton(dir, ["docs-sync", "review", "--in", "../elsewhere.json"]);
    expect(outside.code).toBe(1);
    expect((JSON.parse(outside.stdout) as { error: string }).error).toBe(
      `docs-sync-file: path '../elsewhere.json' is outside the working directory ${dir}`,
    );

    // A step refuses what breaks the previous step's contract: formatting an unapproved review.
    const rejected = await baton(dir, ["docs-sync", "format"], JSON.stringify({ markdown: "# x\n", approved: false }));
    expect(rejected.code).toBe(1);
    expect(JSON.parse(rejected.stdout)).toEqual({
      error:
        "docs-sync format: the input is not a valid 'reviewed' handoff: must have required property 'checked'; must have required property 'mismatches'; /approved must be equal to constant",
    });
  }, 360_000);

  test("review exits 1 naming an undocumented route; a wrong step is a usage error", async () => {
    const dir = workdir(null);
    const section = COMMITTED.indexOf("### POST /workflows/{id}/execute\n");
    const markdown = COMMITTED.slice(0, section) + COMMITTED.slice(COMMITTED.indexOf("\n### ", section + 1) + 1);
    const review = await baton(
      dir,
      ["docs-sync", "review"],
      JSON.stringify({ markdown, paths: [], title: "Baton REST API" }),
    );
    expect(review.code).toBe(1);
    expect(JSON.parse(review.stdout)).toMatchObject({
      approved: false,
      mismatches: [
        { route: "POST /workflows/{id}/execute", field: "operation", expected: "documented", found: "missing" },
      ],
    });

    const wrong = await baton(dir, ["docs-sync", "publish"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^baton: unknown docs-sync step 'publish': use generate, review, format or write/);
  }, 120_000);
});
