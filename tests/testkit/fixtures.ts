// `import { test } from "../testkit/fixtures.js"` gives every test in a file the same running
// Baton (`server`, started once per file) and clients bound to it (`api` for REST, `graphql`).
import { test as base } from "vitest";
import { graphqlClient } from "./graphql.js";
import { rest } from "./rest.js";
import { startTestServer } from "./server.js";

export const test = base
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern
  .extend("server", { scope: "file" }, async ({}, { onCleanup }) => {
    const server = await startTestServer();
    onCleanup(() => server.stop());
    return server;
  })
  .extend("api", { scope: "file" }, ({ server }) => rest(server.url))
  .extend("graphql", { scope: "file" }, ({ server }) => graphqlClient(server.url));

export { describe, expect } from "vitest";
