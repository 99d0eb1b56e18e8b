// Drift: prisma/postgres/schema.prisma is generated from prisma/schema.prisma and committed; it
// must be exactly what the generator produces today. Provider-independent: SQLite project only.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { postgresSchema, postgresSchemaPath, sqliteSchemaPath } from "../../server/scripts/prisma-postgres.js";
import { testDbKind } from "../testkit/server.js";

describe.skipIf(testDbKind === "postgres")("prisma/postgres/schema.prisma", () => {
  test("equals what `npm run prisma:postgres` generates from prisma/schema.prisma", () => {
    const generated = postgresSchema(readFileSync(sqliteSchemaPath, "utf8"));

    expect(readFileSync(postgresSchemaPath, "utf8")).toBe(generated);
  });

  test("differs from the SQLite schema only in header, generators and datasource", () => {
    const generated = postgresSchema(readFileSync(sqliteSchemaPath, "utf8"));
    const models = (s: string) => s.slice(s.indexOf("\nmodel "));

    expect(generated).toContain('provider = "postgresql"');
    expect(generated).not.toContain("generator pothos");
    expect(models(generated)).toBe(models(readFileSync(sqliteSchemaPath, "utf8")));
  });
});
