// One suite, three projects: the API suites on SQLite, the same suites on PostgreSQL (by the
// BATON_TEST_DB flag), and the real-Chromium dashboard tests.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));
const apiSuites = ["tests/api/**/*.test.ts", "tests/rest/**/*.test.ts", "tests/ws/**/*.test.ts"];

export default defineConfig({
  test: {
    root,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: [...apiSuites, "tests/unit/**/*.test.ts", "server/**/*.test.ts"],
          env: { BATON_TEST_DB: "sqlite" },
        },
      },
      {
        extends: true,
        test: { name: "postgres", include: apiSuites, env: { BATON_TEST_DB: "postgres" } },
      },
      {
        extends: true,
        test: { name: "browser", include: ["tests/browser/**/*.test.ts"], testTimeout: 90_000, fileParallelism: false },
      },
    ],
  },
});
