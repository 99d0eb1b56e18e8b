// Produces prisma/postgres/schema.prisma from prisma/schema.prisma: one source of models, two
// providers. Only the datasource, the client output and the (shared) Pothos generator differ
// (matched whatever `prisma format` does to the alignment).
// `--check` exits 1 when the committed file is stale (run by the test suite).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
export const sqliteSchemaPath = `${root}prisma/schema.prisma`;
export const postgresSchemaPath = `${root}prisma/postgres/schema.prisma`;

export function postgresSchema(sqlite: string): string {
  return sqlite
    .replace(
      /^\/\/ Source of truth[\s\S]*?drift\.\n/m,
      "// GENERATED from prisma/schema.prisma by server/scripts/prisma-postgres.ts: do not edit.\n",
    )
    .replace(/generator pothos \{[\s\S]*?\n\}\n\n/, "")
    .replace(/(output\s+=\s+)"\.\.\/server\/generated\/sqlite"/, '$1"../../server/generated/postgres"')
    .replace(/(provider\s+=\s+)"sqlite"/, '$1"postgresql"')
    .replace(/(url\s+=\s+)"file:\.\.\/data\/baton\.db"/, '$1"postgresql://localhost:5432/baton"');
}

// Only as a script: importing this module (the drift test does) must not write the file.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const expected = postgresSchema(readFileSync(sqliteSchemaPath, "utf8"));
  if (process.argv.includes("--check")) {
    const current = readFileSync(postgresSchemaPath, "utf8");
    if (current !== expected) {
      console.error("prisma/postgres/schema.prisma is stale: run `npm run prisma:postgres`");
      process.exit(1);
    }
  } else {
    mkdirSync(`${root}prisma/postgres`, { recursive: true });
    writeFileSync(postgresSchemaPath, expected);
  }
}
