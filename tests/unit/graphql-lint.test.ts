// The GraphQL lint (eslint.config.js: The Guild's graphql-eslint) as tests: the printed schema
// passes schema-recommended (every type, field, argument and enum value described) without a single
// finding, and the dashboard's `graphql()` documents have no error against that schema.
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, test } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const eslint = new ESLint({ cwd: root });

const report = (results: ESLint.LintResult[], severity = 1) =>
  results.flatMap((r) =>
    r.messages
      .filter((m) => m.severity >= severity)
      .map((m) => `${relative(root, r.filePath)}:${m.line}:${m.column} ${m.ruleId ?? "fatal"}: ${m.message}`),
  );

describe("GraphQL lint", () => {
  test("schema/schema.graphql has no finding under schema-recommended", async () => {
    const results = await eslint.lintFiles(["schema/schema.graphql"]);
    expect(results).toHaveLength(1);
    const found = report(results);
    expect(found.length, `npx eslint schema/schema.graphql:\n${found.join("\n")}`).toBe(0);
  });

  test("the client's operations have no error under operations-recommended", async () => {
    const results = await eslint.lintFiles(["client/src"]);
    expect(results.length).toBeGreaterThan(0);
    const errors = report(results, 2);
    expect(errors.length, `npx eslint client/src:\n${errors.join("\n")}`).toBe(0);
  });

  test("documents embedded in client code are linted (a probe with an unknown field is reported)", async () => {
    const probe =
      'import { graphql } from "../gql/index.ts";\n\nexport const Probe = graphql(`\n  query Probe {\n    agents { nope }\n  }\n`);\n';
    const [result] = await eslint.lintText(probe, { filePath: `${root}client/src/lib/graphql-lint-probe.ts` });
    expect(result?.messages.map((m) => m.ruleId)).toContain("@graphql-eslint/fields-on-correct-type");
  });
});
