// Drift: the committed schema/schema.graphql is exactly what the code prints, so the client's
// codegen and reviewers read the schema that runs. Provider-independent: SQLite project only.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { printedSchema, schemaPath } from "../../server/scripts/print-schema.js";
import { testDbKind } from "../testkit/server.js";

describe.skipIf(testDbKind === "postgres")("schema/schema.graphql", () => {
  test("equals the schema printed from the code (run `npm run schema:print` when it does not)", () => {
    expect(readFileSync(schemaPath, "utf8")).toBe(printedSchema());
  });
});
