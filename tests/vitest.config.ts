// One suite, three projects: the API suites on SQLite, the same suites on PostgreSQL (by the
// BATON_TEST_DB flag), and the real-Chromium dashboard tests.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));
const apiSuites = ["tests/api/**/*.test.ts", "tests/rest/**/*.test.ts", "tests/ws/**/*.test.ts"];

export default defineConfig({
  resolve: {
    // Node (and so every external dependency: Pothos, Yoga, graphql-ws) loads graphql's CommonJS
    // build; Vite would pick its "module" build for our own files, and graphql refuses types made by
    // "another realm". Point Vite at the build Node uses so there is one graphql, as in production.
    alias: [
      { find: /^graphql$/, replacement: fileURLToPath(new URL("../node_modules/graphql/index.js", import.meta.url)) },
    ],
  },
  test: {
    root,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: [
            ...apiSuites,
            "tests/unit/**/*.test.ts",
            "tests/engine/**/*.test.ts",
            "server/**/*.test.ts",
            "client/src/**/*.test.ts",
          ],
          env: { BATON_TEST_DB: "sqlite" },
          // Each file starts its own server and database; sharing the module cache between files
          // saves re-importing the server (Prisma, the schema) per file: a third of the run time.
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: "postgres", include: apiSuites, env: { BATON_TEST_DB: "postgres" }, isolate: false },
      },
      {
        extends: true,
        test: { name: "browser", include: ["tests/browser/**/*.test.ts"], testTimeout: 90_000, fileParallelism: false },
      },
    ],
  },
});
