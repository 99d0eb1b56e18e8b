// Prisma CLI configuration. Prisma 6.19 runs offline only in "js engine" mode with a driver
// adapter (see TOOLCHAIN.md). The provider follows DATABASE_URL, like the server does.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL ?? "file:./data/baton.db";
const postgres = url.startsWith("postgres");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? "postgres/schema.prisma" : "schema.prisma",
  adapter: async () => (postgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url })),
});
