// GET /openapi.json passes `redocly lint` with the recommended ruleset (as configured in the repo's
// redocly.yaml, whose every rule turned off says why) with no errors, offline.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, test } from "../testkit/fixtures.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const redocly = join(root, "node_modules", ".bin", "redocly");

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
}

/** `redocly lint --format=json` on a file: its report, whether the lint passed (exit 0) or not (exit 1). */
async function lint(file: string): Promise<LintReport> {
  const run = promisify(execFile);
  const options = {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
    // No usage data or update check: the suite runs offline.
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
  };
  const args = ["lint", file, "--config", join(root, "redocly.yaml"), "--format=json"];
  const stdout = await run(redocly, args, options).then(
    (r) => r.stdout,
    (e: { stdout?: string; stderr?: string }) => {
      if (!e.stdout?.trim()) throw new Error(`redocly lint failed to run: ${e.stderr ?? String(e)}`);
      return e.stdout;
    },
  );
  return JSON.parse(stdout) as LintReport;
}

describe("GET /openapi.json under redocly lint (recommended)", () => {
  test("has no errors", { timeout: 20_000 }, async ({ api }) => {
    const res = await api.get<Record<string, unknown>>("/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.servers).toEqual([expect.objectContaining({ url: "/" })]);

    const dir = await mkdtemp(join(tmpdir(), "baton-openapi-"));
    try {
      const file = join(dir, "openapi.json");
      await writeFile(file, JSON.stringify(res.body, null, 2));
      const report = await lint(file);
      const errors = report.problems
        .filter((p) => p.severity === "error")
        .map((p) => `${p.ruleId} at ${p.location[0]?.pointer ?? "?"}: ${p.message}`);

      expect(errors, errors.join("\n")).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
