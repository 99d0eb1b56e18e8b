// Coordination patterns through GraphQL: order, detail by id/slug/name, NOT_FOUND, agents.
import { agentInput } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import { errorsOf } from "../testkit/graphql.js";

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
const PATTERN = `query($id: ID!) {
  pattern(id: $id) { __typename ${PATTERN_FIELDS} }
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

  test("an unknown pattern is null with a NOT_FOUND error", async ({ graphql }) => {
    const res = await graphql.result<{ pattern: Pattern | null }>(PATTERN, { id: "swarm" });

    expect(res.data).toEqual({ pattern: null });
    expect(errorsOf(res)).toEqual([
      { message: "Pattern 'swarm' was not found", path: ["pattern"], extensions: { code: "NOT_FOUND", field: "id" } },
    ]);
  });

  test("agents lists the agents supporting the pattern, ordered by name", async ({ graphql }) => {
    const input = agentInput({ coordinationPatterns: ["hierarchical", "parallel"] });
    await graphql.query(`mutation($input: CreateAgentInput!) { createAgent(input: $input) { __typename } }`, {
      input,
    });
    const { agents } = await graphql.query<{
      agents: { nodes: { name: string; coordinationPatterns: string[] }[]; pageInfo: { hasNextPage: boolean } };
    }>(
      '{ agents(pattern: "hierarchical", first: 200) { nodes { name coordinationPatterns } pageInfo { hasNextPage } } }',
    );
    expect(agents.pageInfo.hasNextPage).toBe(false);

    const { pattern } = await graphql.query<{ pattern: Pattern }>(PATTERN, { id: "hierarchical" });

    expect(pattern.agents.map((a) => a.name)).toEqual(agents.nodes.map((a) => a.name));
    expect(pattern.agents.map((a) => a.name)).toEqual(
      expect.arrayContaining(["BuildAgent", "CodeAgent", "DeployAgent", "DocsAgent", "TestAgent", input.name]),
    );
  });
});
