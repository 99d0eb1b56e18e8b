// Coordination patterns through REST: the three seeded patterns in order, detail by id, slug or
// name, diagrams served as SVG, and the agents that support each pattern.
import { agentBody, uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { RestAgent, RestAgentList, RestError, RestPattern } from "../testkit/rest.js";

describe("GET /patterns", () => {
  test("lists exactly Sequential, Parallel, Hierarchical in that order", async ({ api }) => {
    const res = await api.get<{ patterns: RestPattern[] }>("/patterns");

    expect(res.status).toBe(200);
    expect(res.body.patterns.map((p) => [p.slug, p.name])).toEqual([
      ["sequential", "Sequential"],
      ["parallel", "Parallel"],
      ["hierarchical", "Hierarchical"],
    ]);
  });

  test("each pattern explains itself, has a diagram and links its seeded example workflow", async ({ api }) => {
    const { patterns } = (await api.get<{ patterns: RestPattern[] }>("/patterns")).body;
    const examples = { sequential: "tdd-cycle", parallel: "test-parallel", hierarchical: "release" };

    for (const p of patterns) {
      expect(p.description.length).toBeGreaterThan(20);
      expect(p.when_to_use.length).toBeGreaterThan(20);
      expect(p.diagram_url).toBe(`/diagrams/${p.slug}.svg`);
      const example = await api.get<{ id: string }>(`/workflows/${examples[p.slug as keyof typeof examples]}`);
      expect(p.example_workflow_id).toBe(example.body.id);
    }
  });
});

describe("GET /patterns/{id}", () => {
  test("finds a pattern by id, by slug and by name, all the same", async ({ api }) => {
    const { patterns } = (await api.get<{ patterns: RestPattern[] }>("/patterns")).body;
    const parallel = patterns.find((p) => p.slug === "parallel");

    const byId = await api.get<RestPattern>(`/patterns/${parallel?.id}`);
    const bySlug = await api.get<RestPattern>("/patterns/parallel");
    const byName = await api.get<RestPattern>("/patterns/Parallel");
    const bySlugUpperCase = await api.get<RestPattern>("/patterns/PARALLEL");

    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(parallel);
    expect(bySlug.body).toEqual(parallel);
    expect(byName.body).toEqual(parallel);
    expect(bySlugUpperCase.body).toEqual(parallel);
  });

  test("an unknown pattern is 404 NOT_FOUND", async ({ api }) => {
    const res = await api.get<RestError>("/patterns/swarm");

    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: "NOT_FOUND", message: "Pattern 'swarm' was not found", field: "id" });
  });

  test("agents are those supporting the pattern, by name", async ({ api }) => {
    const supporter = (await api.post<RestAgent>("/agents", agentBody({ coordinationPatterns: ["parallel"] }))).body;
    await api.post("/agents", agentBody({ name: uniqueName("Solo"), coordinationPatterns: ["sequential"] }));
    const all = (await api.get<RestAgentList>("/agents", { limit: 200 })).body.agents;
    const expected = all.filter((a) => a.coordination_patterns.includes("parallel")).map((a) => a.name);

    const { agents } = (await api.get<RestPattern>("/patterns/parallel")).body;

    expect(agents.map((a) => a.name)).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining(["ReviewAgent", "TestAgent", supporter.name]));
    expect(agents.find((a) => a.id === supporter.id)).toEqual(supporter);
  });

  test("an agent deleted is no longer listed on its patterns", async ({ api }) => {
    const agent = (await api.post<RestAgent>("/agents", agentBody({ coordinationPatterns: ["hierarchical"] }))).body;
    await api.delete(`/agents/${agent.id}`);

    const { agents } = (await api.get<RestPattern>("/patterns/hierarchical")).body;

    expect(agents.map((a) => a.name)).not.toContain(agent.name);
  });
});

describe("pattern diagrams", () => {
  test("every diagram_url resolves to an SVG image", async ({ api }) => {
    const { patterns } = (await api.get<{ patterns: RestPattern[] }>("/patterns")).body;

    for (const p of patterns) {
      const res = await api.get<string>(p.diagram_url);
      expect(res.status, p.diagram_url).toBe(200);
      expect(res.headers.get("content-type"), p.diagram_url).toMatch(/^image\/svg\+xml/);
      expect(res.text.trimStart(), p.diagram_url).toMatch(/^(<svg|<\?xml)/);
    }
  });

  test("an unknown diagram is 404", async ({ api }) => {
    expect((await api.get("/diagrams/swarm.svg")).status).toBe(404);
  });
});
