// Coordination patterns through GraphQL: order, detail by id/slug/name, NotFoundError, agents.
import { agentInput } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { ERROR_FIELDS } from "../testkit/graphql.js";

interface Pattern {
  id: string;
  slug: string;
  name: string;
  description: string;
  whenToUse: string;
  diagramUrl: string;
  exampleWorkflowId: string | null;
  exampleWorkflow: { id: string; name: string } | null;
  agents: { name: string }[];
}

const PATTERN_FIELDS =
  "id slug name description whenToUse diagramUrl exampleWorkflowId exampleWorkflow { id name } agents { name }";
const PATTERN = `query($id: String!) {
  pattern(id: $id) { __typename ... on CoordinationPattern { ${PATTERN_FIELDS} } ${ERROR_FIELDS} }
}`;

describe("patterns", () => {
  test("are Sequential, Parallel, Hierarchical in that order, each explained", async ({ graphql }) => {
    const { patterns } = await graphql.query<{ patterns: Pattern[] }>(`{ patterns { ${PATTERN_FIELDS} } }`);

    expect(patterns.map((p) => p.name)).toEqual(["Sequential", "Parallel", "Hierarchical"]);
    for (const p of patterns) {
      expect(p.description).not.toBe("");
      expect(p.whenToUse).not.toBe("");
      expect(p.diagramUrl).toBe(`/diagrams/${p.slug}.svg`);
    }
    expect(patterns.map((p) => [p.exampleWorkflow?.name, p.exampleWorkflow?.id === p.exampleWorkflowId])).toEqual([
      ["tdd-cycle", true],
      ["test-parallel", true],
      ["release", true],
    ]);
  });
});

describe("pattern(id)", () => {
  test("finds the same pattern by id, slug and name", async ({ graphql }) => {
    const { patterns } = await graphql.query<{ patterns: Pattern[] }>(`{ patterns { ${PATTERN_FIELDS} } }`);
    const sequential = patterns[0];

    for (const id of [sequential?.id, "sequential", "Sequential"]) {
      const { pattern } = await graphql.query<{ pattern: Pattern }>(PATTERN, { id });
      expect(pattern).toEqual({ __typename: "CoordinationPattern", ...sequential });
    }
  });

  test("an unknown pattern is a NotFoundError", async ({ graphql }) => {
    const { pattern } = await graphql.query<{ pattern: unknown }>(PATTERN, { id: "swarm" });

    expect(pattern).toEqual({
      __typename: "NotFoundError",
      code: "NOT_FOUND",
      message: "Pattern 'swarm' was not found",
      field: "id",
    });
  });

  test("agents lists the agents supporting the pattern, ordered by name", async ({ graphql }) => {
    const input = agentInput({ coordinationPatterns: ["hierarchical", "parallel"] });
    await graphql.query(`mutation($input: CreateAgentInput!) { createAgent(input: $input) { __typename } }`, {
      input,
    });
    const { agents } = await graphql.query<{
      agents: { agents: { name: string; coordinationPatterns: string[] }[] };
    }>('{ agents(pattern: "hierarchical", limit: 200) { ... on AgentList { agents { name coordinationPatterns } } } }');

    const { pattern } = await graphql.query<{ pattern: Pattern }>(PATTERN, { id: "hierarchical" });

    expect(pattern.agents.map((a) => a.name)).toEqual(agents.agents.map((a) => a.name));
    expect(pattern.agents.map((a) => a.name)).toEqual(
      expect.arrayContaining(["BuildAgent", "CodeAgent", "DeployAgent", "DocsAgent", "TestAgent", input.name]),
    );
  });
});
