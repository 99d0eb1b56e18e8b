// `baton tokens …` as a person runs it: the installed binary against a database with no server
// running — the secret printed once, only its hash stored, listed, revoked; wrong input exits 2.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase } from "../../server/db.js";
import { createTestDatabase, type TestDatabase } from "../testkit/server.js";

const bin = fileURLToPath(new URL("../../server/cli/bin.mjs", import.meta.url));
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase("sqlite");
});
afterAll(() => database?.drop());

async function baton(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(bin, args, {
      env: { ...process.env, DATABASE_URL: database.url },
      cwd: "/tmp",
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("baton tokens", () => {
  test("create prints the secret once; the database keeps only its SHA-256; list and revoke find it", async () => {
    const created = await baton("tokens", "create", "--name", "ci", "--scope", "read,run", "--json");
    expect(created.code).toBe(0);
    const out = JSON.parse(created.stdout) as { id: string; name: string; scopes: string[]; secret: string };
    expect(out).toMatchObject({ name: "ci", scopes: ["read", "run"] });
    expect(out.secret).toMatch(/^baton_[A-Za-z0-9_-]{32}$/);

    const db = await openDatabase(database.url);
    try {
      const row = await db.prisma.apiToken.findUniqueOrThrow({ where: { id: out.id } });
      expect(row.secretHash).toBe(createHash("sha256").update(out.secret).digest("hex"));
      expect(readFileSync(database.url.replace(/^file:/, "")).includes(out.secret)).toBe(false);
      const audit = await db.prisma.auditEntry.findFirstOrThrow({ where: { target: out.id } });
      expect([audit.actor, audit.via, audit.operation]).toEqual(["cli", "cli", "createApiToken"]);
    } finally {
      await db.close();
    }

    const listed = await baton("tokens", "list");
    expect(listed.stdout).toContain(`${out.id}  ci  ${out.secret.slice(0, 12)}…  read,run  active  last used never`);
    expect(listed.stdout).not.toContain(out.secret);

    const revoked = await baton("tokens", "revoke", out.secret.slice(0, 12));
    expect([revoked.code, revoked.stdout.trim()]).toEqual([
      0,
      `Revoked token 'ci' (${out.id}); running servers stop accepting it within 2 seconds.`,
    ]);
    expect((await baton("tokens", "list")).stdout).not.toContain(out.id);
    expect((await baton("tokens", "list", "--all")).stdout).toContain(`${out.id}  ci`);
  });

  test("wrong input exits 2 with a message saying what to give", async () => {
    expect(await baton("tokens", "create", "--name", "x", "--scope", "root")).toMatchObject({
      code: 2,
      stderr: "baton: unknown scope root: use read, write, run, admin\n",
    });
    expect((await baton("tokens", "create", "--scope", "read")).stderr).toMatch(/^baton: --name is required/);
    expect((await baton("tokens", "revoke", "nope")).stderr).toBe("baton: token 'nope' was not found\n");
    expect((await baton("tokens", "create", "--name", "x", "--scope", "read", "--expires-in", "soon")).stderr).toBe(
      "baton: --expires-in must be a number of days or hours, like 30d or 12h (got 'soon')\n",
    );
    expect((await baton("frobnicate")).code).toBe(2);
  });
});
