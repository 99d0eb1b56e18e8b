// Prints the code-first schema to schema/schema.graphql (checked in; drift-tested).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { lexicographicSortSchema, printSchema } from "graphql";
import { schema } from "../graphql/schema.js";

export const schemaPath = fileURLToPath(new URL("../../schema/schema.graphql", import.meta.url));
export const printedSchema = () => `${printSchema(lexicographicSortSchema(schema))}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(schemaPath, printedSchema());
  console.log(`wrote ${schemaPath}`);
}
