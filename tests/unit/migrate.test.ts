// The start-up migrator applies each committed migration once and refuses a database whose
// applied migrations no longer match the committed files.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, test } from "vitest";
import { migrateSqlite } from "../../server/db/migrate.js";

const committed = readdirSync(new URL("../../prisma/migrations", import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("migrateSqlite", () => {
  const dirs: string[] = [];
  const freshPath = () => {
    const dir = mkdtempSync(join(tmpdir(), "baton-migrate-"));
    dirs.push(dir);
    return join(dir, "b.db");
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  test("applies every committed migration once, in order, and nothing the second time", () => {
    const path = freshPath();
    expect(migrateSqlite(path)).toEqual(committed);
    expect(migrateSqlite(path)).toEqual([]);
    const db = new Database(path);
    expect(db.prepare(`SELECT name FROM "_baton_migrations" ORDER BY name`).pluck().all()).toEqual(committed);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  test("refuses a database where an applied migration differs from the committed file", () => {
    const path = freshPath();
    migrateSqlite(path);
    const db = new Database(path);
    db.prepare(`UPDATE "_baton_migrations" SET checksum = 'edited' WHERE name = ?`).run(committed[0]);
    db.close();
    expect(() => migrateSqlite(path)).toThrow(`migration ${committed[0]} was changed after it was applied`);
  });
});
