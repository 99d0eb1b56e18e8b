// ESLint lints GraphQL only (Biome owns TypeScript): the printed schema with The Guild's
// schema-recommended rules, and the dashboard's `graphql()` documents with operations-recommended,
// checked against that schema. Run by `npm run lint` and tests/unit/graphql-lint.test.ts.
import { fileURLToPath } from "node:url";
import graphql from "@graphql-eslint/eslint-plugin";

// Absolute, so the lint does not depend on the working directory (the plugin resolves against it).
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

// One graphql-config for both: the plugin keeps the first one it loads for the whole run.
const graphQLConfig = {
  schema: here("schema/schema.graphql"),
  documents: [here("client/src/**/*.{ts,tsx}"), `!${here("client/src/gql/**")}`],
};

// The plugin's processor yields each `graphql()` document as a virtual `.graphql` block, then the
// host file itself; drop the host file so ESLint (no TypeScript parser here) never parses TS.
const documentsOnly = {
  meta: { name: "baton/graphql-documents-only" },
  supportsAutofix: true,
  preprocess: (code, filename) => graphql.processor.preprocess(code, filename).filter((b) => typeof b !== "string"),
  postprocess: (messages, filename) => graphql.processor.postprocess(messages, filename),
};

export default [
  {
    // Only what the blocks below name is linted; nothing generated, built or vendored.
    ignores: ["**/*.{js,mjs,cjs}", "client/src/gql/**", "client/dist/**", "server/generated/**", "data/**"],
  },
  {
    files: ["client/src/**/*.{ts,tsx}"],
    processor: documentsOnly,
  },
  {
    files: ["schema/schema.graphql", "client/src/**/*.graphql"],
    languageOptions: { parser: graphql.parser, parserOptions: { graphQLConfig } },
    plugins: { "@graphql-eslint": graphql },
  },
  {
    files: ["schema/schema.graphql"],
    rules: {
      ...graphql.configs["flat/schema-recommended"].rules,
      // Reconfigured: every field, argument, input field and enum value too (GraphiQL's docs pane is the manual).
      "@graphql-eslint/require-description": [
        "error",
        {
          types: true,
          rootField: true,
          DirectiveDefinition: true,
          FieldDefinition: true,
          InputValueDefinition: true,
          EnumValueDefinition: true,
        },
      ],
      // Reconfigured: value types (settings, figures, pages, events, errors) are never refetched by id.
      "@graphql-eslint/strict-id-in-types": [
        "error",
        {
          exceptions: {
            types: [
              "AgentFailure",
              "AgentHealth",
              "AgentHealthWindow",
              "AgentMetrics",
              "Circuit",
              "CircuitBreakerSettings",
              "ClaudeCodeHookResult",
              "AlertPolicy",
              "ExecutionNotion",
              "NotionIntegration",
              "NotionSyncReport",
              "CreatedApiToken",
              "ExecutionRetry",
              "ExecutionChanges",
              "FieldIssue",
              "HandoffGraph",
              "HandoffGraphNode",
              "Metrics",
              "MetricsBucket",
              "MetricsSummary",
              "PageInfo",
              "RecordedExecutions",
              "RetryPolicy",
              "Runner",
              "Timeline",
              "Viewer",
              "WorkflowStep",
              "WorkflowStepState",
            ],
            suffixes: ["Connection", "Edge", "Event", "Change", "Error"],
          },
        },
      ],
    },
  },
  {
    files: ["client/src/**/*.graphql"],
    rules: graphql.configs["flat/operations-recommended"].rules,
  },
];
