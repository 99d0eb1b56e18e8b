// openDatabase on SQLite: Prisma's connection gets its pragmas from the driver as it connects
// (not through Prisma's query compiler, which a start no longer loads before its first request).
import { openDatabase } from "../../server/db.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { createTestDatabase, testDbKind } from "../testkit/server.js";

describe.skipIf(testDbKind !== "sqlite")("opening a SQLite database", () => {
  test("Prisma's connection has foreign keys on, a 5 s busy timeout and synchronous = NORMAL", async () => {
    const database = await createTestDatabase();
    const db = await openDatabase(database.url);
    try {
      const pragma = async (name: string) => {
        const rows = await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
        return Number(Object.values(rows[0] ?? {})[0]);
      };
      expect(await pragma("foreign_keys")).toBe(1);
      expect(await pragma("busy_timeout")).toBe(5000);
      // NORMAL is 1 (SQLite's default is FULL, 2).
      expect(await pragma("synchronous")).toBe(1);
      // And they act: a row pointing at no parent is refused.
      await expect(
        db.prisma.$executeRawUnsafe(
          `INSERT INTO "AgentCapability" ("agentId", "name", "position") VALUES ('no-such-agent', 'x', 0)`,
        ),
      ).rejects.toThrow(/FOREIGN KEY/i);
    } finally {
      await db.close();
      await database.drop();
    }
  });
});
