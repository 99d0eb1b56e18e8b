// Rollbacks outlive their server (issue 11 §5). Real Baton processes on one database and one
// working directory: the process rolling a run back is killed (SIGKILL) in the middle of a
// compensation, and the next instance continues the rollback — the compensation that had
// succeeded is not run again (its execution says so, and so does the log the compensations append
// to), the interrupted one is closed as cancelled and runs again, the rest run, and the file a
// builtin step overwrote is restored byte for byte from the snapshot in the database (the working
// directory holds no snapshot of its own). A failed run whose automatic rollback had not started
// when its server died is rolled back by the next instance.
import { once } from "node:events";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { type Database, openDatabase } from "../../server/db.js";
import { sql } from "../../server/sql.js";
import { type BatonProcess, spawnBaton } from "../testkit/baton-process.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { type RestClient, rest } from "../testkit/rest.js";
import { createTestDatabase, type TestDatabase } from "../testkit/server.js";
import {
  createWorkflow,
  getRun,
  pollUntil,
  registerAgent,
  registerMockAgent,
  registerNodeScriptAgent,
  type RestWorkflowRunDetail,
  startRun,
  stepStatuses,
  waitForRun,
} from "../testkit/workflows.js";

const LEASE_MS = 1_000;

/**
 * A compensation: appends `input.step` to the log when done. With `input.hold`, it first waits
 * for the release file; it gives up (without logging) when the server that started it dies, as
 * an orphaned child would otherwise finish the undo behind the next instance's back.
 */
const COMPENSATE = `
  const fs = require("node:fs");
  const [log, release] = process.argv.slice(1);
  const parent = process.ppid;
  let input = "";
  process.stdin.on("data", (d) => (input += d)).on("end", () => {
    const i = JSON.parse(input);
    const finish = () => { fs.appendFileSync(log, i.step + "\\n"); console.log(JSON.stringify({ undone: i.step })); };
    if (!i.hold) return finish();
    // Tell the test it is holding (and which server it belongs to) before it may kill that server.
    fs.writeFileSync(release + ".held", String(parent));
    // process.ppid is read once at start: ask whether the parent is still there.
    const orphaned = () => { try { process.kill(parent, 0); return false; } catch { return true; } };
    const timer = setInterval(() => {
      if (orphaned()) process.exit(3);
      // The test writes the release file only after its server's death, so look again once the
      // file is there: between the first look and this one the server may have been killed.
      if (fs.existsSync(release)) { clearInterval(timer); if (orphaned()) process.exit(3); finish(); }
    }, 20);
  });`;

const FAIL = `process.stdin.resume(); process.stdin.on("end", () => { console.error("review failed"); process.exit(1); });`;

let database: TestDatabase;
let db: Database;
let workdir: string;
const started: BatonProcess[] = [];

async function spawn() {
  const p = await spawnBaton(
    {
      DATABASE_URL: database.url,
      BATON_RUN_LEASE_MS: String(LEASE_MS),
      BATON_WORKDIR: workdir,
    },
    120_000,
  );
  started.push(p);
  return p;
}

async function kill(p: BatonProcess) {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = once(p.child, "exit");
  p.child.kill("SIGKILL");
  await exited;
}

function compensator() {
  const dir = mkdtempSync(join(tmpdir(), "baton-undo-"));
  const log = join(dir, "undo.log");
  const release = join(dir, "release");
  writeFileSync(log, "");
  return {
    log,
    release,
    undone: () => readFileSync(log, "utf8").split("\n").filter(Boolean),
    /** The held compensation's process is running, with its server as parent. */
    holding: () => existsSync(`${release}.held`) && Number(readFileSync(`${release}.held`, "utf8")) > 1,
    register: (api: RestClient) => registerNodeScriptAgent(api, COMPENSATE, { args: [log, release] }),
  };
}

/** A file under the shared working directory with bytes that survive no careless rewrite. */
function existingDoc(name: string) {
  mkdirSync(join(workdir, "docs"), { recursive: true });
  const bytes = Buffer.from(`# ${name}\r\n\u00e9t\u00e9 before the run\n\u0000\u00ff`, "utf8");
  writeFileSync(join(workdir, "docs", name), bytes);
  return bytes;
}

const compensations = (run: RestWorkflowRunDetail) =>
  run.executions
    .filter((e) => e.workflow_step_id?.startsWith("rollback:"))
    .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp) || a.attempt - b.attempt)
    .map((e) => [e.workflow_step_id, e.attempt, e.status]);

const rolledBackOrFailed = (r: { status: string }) => r.status === "rolled_back" || r.status === "rollback_failed";

/** Snapshots in the database: path, existed, size and SHA-256 of each. */
async function snapshotRows(runId: string) {
  const rows = await db.sql.all<{ path: string; existed: unknown; size: unknown; sha256: string | null }>(
    sql`SELECT "path", "existed", "size", "sha256" FROM "RunFileSnapshot" WHERE "runId" = ${runId} ORDER BY "path"`,
  );
  return rows.map((r) => [r.path, Boolean(r.existed), Number(r.size), r.sha256]);
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

const processTest = (name: string, body: () => Promise<void>) =>
  test(name, { timeout: 300_000 }, async () => {
    try {
      await body();
    } catch (e) {
      const logs = started.map((p, i) => `--- process ${i} (pid ${p.child.pid}) ---\n${p.output()}`).join("\n");
      throw new Error(`${(e as Error).message}\n${logs}`, { cause: e });
    }
  });

describe("rollbacks across server restarts", () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    workdir = mkdtempSync(join(tmpdir(), "baton-shared-work-"));
  });
  afterAll(async () => {
    for (const p of started) await p.stop();
    await db?.close();
    await database?.drop();
    rmSync(workdir, { recursive: true, force: true });
  });

  processTest(
    "SIGKILL mid-compensation: the next instance continues the rollback, repeating no finished compensation, and restores the file from the database",
    async () => {
      const a = await spawn();
      db = await openDatabase(database.url);
      const api = rest(a.url);
      const comp = compensator();
      const undo = await comp.register(api);
      const mock = await registerMockAgent(api, { outputs: { ok: true } });
      const writer = await registerAgent(api, { kind: "builtin", settings: { name: "docs-sync-file" } });
      const before = existingDoc("API.md");
      const wf = await createWorkflow(api, {
        steps: [
          { id: "a", agent: mock, compensate: { agent: undo, input: { step: "a" } } },
          { id: "b", agent: mock, compensate: { agent: undo, input: { step: "b", hold: true } } },
          { id: "sync", agent: writer, input: { markdown: "# new docs\n", path: "docs/API.md" } },
          { id: "c", agent: mock, compensate: { agent: undo, input: { step: "c" } } },
        ],
      });
      const done = await waitForRun(api, (await startRun(api, wf.id)).id, 30_000);
      expect(done.status).toBe("succeeded");
      expect(readFileSync(join(workdir, "docs", "API.md"), "utf8")).toBe("# new docs\n");
      // The snapshots are rows, not files: the file as it was.
      expect(await snapshotRows(done.id)).toEqual([["docs/API.md", true, before.length, sha256(before)]]);
      expect(readdirSync(workdir).sort()).toEqual(["docs"]);

      // The rollback's answer never comes: its server dies while b's compensation is held.
      const asked = api.post(`/workflow-runs/${done.id}/rollback`).catch((e: unknown) => e);
      const held = await pollUntil(
        () => getRun(api, done.id),
        (r) => compensations(r).some(([step, , status]) => step === "rollback:b" && status === "in_progress"),
        "b's compensation in progress",
        30_000,
      );
      expect(held.status).toBe("rolling_back");
      // The execution is marked before its process starts: kill the server only once the process
      // runs, or it would start an orphan (its parent already init) that cannot tell.
      await pollUntil(async () => comp.holding(), Boolean, "b's compensation process holding", 30_000);
      expect(comp.undone()).toEqual(["c"]);
      await kill(a);
      await asked;
      writeFileSync(comp.release, "");

      const b = await spawn();
      const after = await pollUntil(
        () => getRun(rest(b.url), done.id),
        rolledBackOrFailed,
        "the rollback's end",
        30_000,
      );
      expect([after.status, after.error]).toEqual(["rolled_back", null]);
      expect(stepStatuses(after)).toEqual({ a: "succeeded", b: "succeeded", sync: "succeeded", c: "succeeded" });
      // c once (before the kill), b's interrupted attempt closed and run again, then a.
      expect(comp.undone()).toEqual(["c", "b", "a"]);
      expect(compensations(after)).toEqual([
        ["rollback:c", 1, "success"],
        ["rollback:b", 1, "cancelled"],
        ["rollback:b", 2, "success"],
        ["rollback:a", 1, "success"],
      ]);
      const interrupted = after.executions.find((e) => e.workflow_step_id === "rollback:b" && e.attempt === 1);
      expect(interrupted?.error ?? "").toMatch(/^interrupted/);
      expect(after.executions.filter((e) => e.status === "in_progress")).toEqual([]);
      expect(after.executions.every((e) => e.ended_at !== null)).toBe(true);
      // The file is back byte for byte, no .bak is left, and the snapshots are spent.
      expect(readFileSync(join(workdir, "docs", "API.md")).equals(before)).toBe(true);
      expect(existsSync(join(workdir, "docs", "API.md.bak"))).toBe(false);
      expect(await snapshotRows(done.id)).toEqual([]);
      await b.stop();
    },
  );

  processTest(
    "a failed run whose automatic rollback had not started when its server died is rolled back by the next instance",
    async () => {
      const a = await spawn();
      db ??= await openDatabase(database.url);
      const api = rest(a.url);
      const comp = compensator();
      const undo = await comp.register(api);
      const mock = await registerMockAgent(api, { outputs: { ok: true } });
      const writer = await registerAgent(api, { kind: "builtin", settings: { name: "docs-sync-file" } });
      const failing = await registerNodeScriptAgent(api, FAIL);
      const before = existingDoc("GUIDE.md");
      const wf = await createWorkflow(api, {
        steps: [
          { id: "prepare", agent: mock, compensate: { agent: undo, input: { step: "prepare" } } },
          { id: "sync", agent: writer, input: { markdown: "# guide, rewritten\n", path: "docs/GUIDE.md" } },
          { id: "review", agent: failing },
        ],
      });
      const failed = await waitForRun(api, (await startRun(api, wf.id)).id, 30_000);
      expect([failed.status, failed.failed_step_id]).toEqual(["failed", "review"]);
      await kill(a);
      // What the failing write of a run whose template says on_failure "rollback" leaves when its
      // server dies before the rollback starts (the executor test shows that write carries the flag).
      await db.sql.write([
        sql`UPDATE "WorkflowRun" SET "rollbackPending" = ${database.kind === "postgres" ? true : 1} WHERE "id" = ${failed.id}`,
      ]);
      expect(readFileSync(join(workdir, "docs", "GUIDE.md"), "utf8")).toBe("# guide, rewritten\n");

      const b = await spawn();
      const after = await pollUntil(
        () => getRun(rest(b.url), failed.id),
        rolledBackOrFailed,
        "the rollback's end",
        30_000,
      );
      expect(after.status).toBe("rolled_back");
      expect(after.error).toMatch(/^step 'review' failed: /);
      expect(comp.undone()).toEqual(["prepare"]);
      expect(compensations(after)).toEqual([["rollback:prepare", 1, "success"]]);
      expect(readFileSync(join(workdir, "docs", "GUIDE.md")).equals(before)).toBe(true);
      const [flag] = await db.sql.all<{ pending: unknown }>(
        sql`SELECT "rollbackPending" AS "pending" FROM "WorkflowRun" WHERE "id" = ${failed.id}`,
      );
      expect(Boolean(flag?.pending)).toBe(false);
      // Rolled back once: asking again is a 409.
      expect((await rest(b.url).post(`/workflow-runs/${failed.id}/rollback`)).status).toBe(409);
      await b.stop();
    },
  );
});
