// Every GraphQL example a person reads — each ```graphql block of README.md and docs/*.md, and each
// tab GraphiQL opens with — is valid against the schema and runs as written against a freshly
// seeded Baton: queries and mutations answer without errors (or with exactly the error code the
// example says it shows: `# → error NOT_FOUND`), subscriptions start without errors.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type DocumentNode, Kind, type OperationDefinitionNode, parse, print, validate } from "graphql";
import { PLAYGROUND_TABS } from "../../server/graphql/playground.js";
import { schema } from "../../server/graphql/schema.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { gqlResult } from "../testkit/graphql.js";
import { subscribe } from "../testkit/subscriptions.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

interface Example {
  where: string;
  text: string;
  /** Variables: the ```json block that follows an example declaring variables. */
  variables?: Record<string, unknown>;
}

function examplesIn(file: string): Example[] {
  const markdown = readFileSync(join(root, file), "utf8");
  const fences = [...markdown.matchAll(/```(\w+)\n([\s\S]*?)```/g)];
  return fences.flatMap((fence, i) => {
    if (fence[1] !== "graphql") return [];
    const next = fences.slice(i + 1).find((f) => f[1] === "json" || f[1] === "graphql");
    const line = markdown.slice(0, fence.index).split("\n").length;
    const text = fence[2] as string;
    const wantsVariables = /\(\s*\$\w+/.test(text);
    return [
      {
        where: `${file}:${line}`,
        text,
        ...(wantsVariables && next?.[1] === "json" ? { variables: JSON.parse(next[2] as string) } : {}),
      },
    ];
  });
}

const docs = readdirSync(join(root, "docs"))
  .filter((f) => f.endsWith(".md"))
  .map((f) => `docs/${f}`);
const examples: Example[] = [
  ...["README.md", ...docs].flatMap(examplesIn),
  ...PLAYGROUND_TABS.map((tab, i) => ({
    where: `GraphiQL tab ${i + 1}`,
    text: tab.query,
    ...(tab.variables ? { variables: JSON.parse(tab.variables) } : {}),
  })),
];

/** The operations of a block: it may list several anonymous ones, each run on its own. */
function operations(document: DocumentNode): OperationDefinitionNode[] {
  return document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
}

describe("GraphQL examples in the README, docs/ and GraphiQL", () => {
  test("there are examples in README.md, docs/graphql.md and every GraphiQL tab", () => {
    const where = examples.map((e) => e.where.split(":")[0]);
    expect(where).toContain("README.md");
    expect(where.filter((w) => w === "docs/graphql.md").length).toBeGreaterThanOrEqual(8);
    expect(where.filter((w) => w?.startsWith("GraphiQL tab"))).toHaveLength(PLAYGROUND_TABS.length);
  });

  test.for(examples.map((e) => [e.where, e] as const))("%s runs as written", async ([, example], { api, server }) => {
    // A run to follow, for examples that name one.
    const text = example.text.includes("<run id>")
      ? example.text.replaceAll(
          "<run id>",
          ((await api.post("/workflows/tdd-cycle/execute", { task: "docs example" })).body as { id: string }).id,
        )
      : example.text;
    const expectedCode = /# → error ([A-Z_]+)/.exec(text)?.[1];
    for (const operation of operations(parse(text))) {
      const alone: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation] };
      expect(validate(schema, alone).map((e) => e.message)).toEqual([]);
      const query = print(operation);
      if (operation.operation === "subscription") {
        const sub = subscribe(server.url, query, example.variables);
        await new Promise((r) => setTimeout(r, 300));
        await sub.close();
        expect(sub.errors).toEqual([]);
        continue;
      }
      const result = await gqlResult<unknown>(server.url, query, example.variables);
      if (expectedCode) {
        expect(result.errors?.map((e) => e.extensions?.code)).toEqual([expectedCode]);
      } else {
        expect(result.errors).toBeUndefined();
        expect(result.data).toBeTruthy();
      }
    }
  });
});
