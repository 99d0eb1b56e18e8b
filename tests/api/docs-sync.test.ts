// The seeded docs-sync template on a real server, in its own temporary working directory: it
// writes docs/API.md byte for byte equal to the reference committed in this repository (both come
// from the same code), and when ReviewAgent finds a route the docs leave out the run stops, is
// rolled back (on_failure: rollback), the review's output names the route and docs/API.md is
// exactly what it was before the run (issue 11 §5, issue 12 §3). Each run formats ~50 KB of
// Markdown with prettier twice (FormatAgent, then SyncAgent's check): generous time limits.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { RestClient } from "../testkit/rest.js";
import { getRun, pollUntil, startRun } from "../testkit/workflows.js";

const COMMITTED = readFileSync(join(import.meta.dirname, "../../docs/API.md"), "utf8");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

// on_failure rollback: a failed run is `failed` for an instant, then rolled back — not an end.
const ENDED = ["succeeded", "cancelled", "rolled_back", "rollback_failed"];
async function runDocsSync(api: RestClient, params: Record<string, unknown> = {}) {
  const run = await startRun(api, "docs-sync", params);
  return pollUntil(
    () => getRun(api, run.id),
    (r) => ENDED.includes(r.status),
    "docs-sync ended",
    60_000,
    50,
  );
}

/** The committed reference without one operation's section: what a DocsAgent that forgot it writes. */
function withoutOperation(markdown: string, key: string): string {
  const start = markdown.indexOf(`### ${key}\n`);
  const end = markdown.indexOf("\n### ", start + 1);
  if (start < 0 || end < 0) throw new Error(`no section for ${key}`);
  return markdown.slice(0, start) + markdown.slice(end + 1);
}

describe("the seeded docs-sync template", () => {
  test("writes docs/API.md equal to the committed reference; a second run changes nothing", async ({ api, server }) => {
    const run = await runDocsSync(api);

    expect(run.status).toBe("succeeded");
    expect(run.steps.map((s) => [s.step_id, s.status, s.attempts])).toEqual([
      ["generate", "succeeded", 1],
      ["review", "succeeded", 1],
      ["format", "succeeded", 1],
      ["sync", "succeeded", 1],
    ]);
    const file = join(server.workdir, "docs/API.md");
    expect(readFileSync(file, "utf8")).toBe(COMMITTED);
    expect(run.outputs).toEqual({
      path: file,
      bytes: Buffer.byteLength(COMMITTED),
      sha256: sha256(COMMITTED),
      changed: true,
    });
    // Nothing next to it: no backup, no temporary file.
    expect(readdirSync(join(server.workdir, "docs"))).toEqual(["API.md"]);

    const again = await runDocsSync(api, { output_path: "docs/API.md" });
    expect(again.status).toBe("succeeded");
    expect(again.outputs).toMatchObject({ changed: false, sha256: sha256(COMMITTED) });
  }, 120_000);

  test("the output path may not leave the working directory", async ({ api, server }) => {
    const run = await runDocsSync(api, { output_path: "../escaped.md" });

    expect(run.status).toBe("rolled_back");
    expect(run.error).toContain(`path '../escaped.md' is outside the working directory`);
    expect(readdirSync(join(server.workdir, ".."))).not.toContain("escaped.md");
  }, 120_000);

  // Last in the file: it replaces the seeded DocsAgent of this file's server.
  test("ReviewAgent names an undocumented route; the run is rolled back and docs/API.md is byte for byte as before", async ({
    api,
    server,
  }) => {
    // DocsAgent replaced (as a team may plug in its own generator) by one that leaves a route out.
    const missing = "DELETE /agents/{id}";
    const markdown = withoutOperation(COMMITTED, missing);
    const patched = await api.patch("/agents/DocsAgent", {
      runner: {
        kind: "mock",
        settings: { outputs: { markdown, paths: [], title: "Baton REST API" }, latency_ms: 0 },
      },
    });
    expect(patched.status).toBe(200);
    const dir = join(server.workdir, "docs");
    mkdirSync(dir, { recursive: true });
    const before = Buffer.from("# API (edited by hand)\r\n\u00e9t\u00e9\u0000\u00ff no final newline", "utf8");
    writeFileSync(join(dir, "API.md"), before);

    const run = await runDocsSync(api);

    expect(run.status).toBe("rolled_back");
    expect(run.error).toMatch(/step 'review' failed/);
    expect(run.steps.map((s) => [s.step_id, s.status])).toEqual([
      ["generate", "succeeded"],
      ["review", "failed"],
      ["format", "skipped"],
      ["sync", "skipped"],
    ]);
    const review = run.executions.find((e) => e.workflow_step_id === "review");
    expect(review?.status).toBe("failure");
    expect(review?.error).toMatch(/output breaks the step's contract/);
    expect(review?.outputs).toMatchObject({
      approved: false,
      mismatches: [{ route: missing, field: "operation", expected: "documented", found: "missing" }],
    });
    expect(readFileSync(join(dir, "API.md")).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(["API.md"]);
  }, 120_000);
});
