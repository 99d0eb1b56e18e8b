// The seed and the start-up migration: a fresh database is migrated and seeded on start, seeding
// again changes nothing, and users' edits to seeded agents survive a re-seed. The demo data's trees
// are recorded under the templates they are examples of.
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Database } from "../../server/db.js";
import { seedDemo } from "../../server/seed/demo.js";
import { seedDatabase } from "../../server/seed/seed.js";
import type { RestGraph } from "../testkit/executions.js";
import { agentBody } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import type { RestAgent, RestAgentList, RestPattern } from "../testkit/rest.js";
import { rest } from "../testkit/rest.js";
import { startTestServer, testDbKind } from "../testkit/server.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** The agents a fresh Baton must know, with their capabilities in order (written out, not imported). */
const seededAgents: Record<string, string[]> = {
  BuildAgent: ["building", "type-checking"],
  CodeAgent: ["coding", "refactoring"],
  DeployAgent: ["deployment", "release-management", "supervision"],
  DocsAgent: ["documentation", "openapi"],
  FormatAgent: ["formatting", "markdown"],
  ReviewAgent: ["review", "validation"],
  SyncAgent: ["sync", "persistence"],
  TestAgent: ["testing", "test-generation", "coverage"],
};

/** Every registry row, in a stable order, for before/after comparisons. */
async function snapshot(db: Database) {
  const [agents, patterns, workflows] = await Promise.all([
    db.prisma.agent.findMany({
      orderBy: { name: "asc" },
      include: {
        capabilities: { orderBy: { position: "asc" } },
        tools: { orderBy: { position: "asc" } },
        patterns: { orderBy: { position: "asc" } },
      },
    }),
    db.prisma.coordinationPattern.findMany({ orderBy: { position: "asc" } }),
    db.prisma.workflowTemplate.findMany({ orderBy: { name: "asc" } }),
  ]);
  return { agents, patterns, workflows };
}

describe("on start", () => {
  test("a fresh database gets every committed migration, recorded in _baton_migrations", async ({ server }) => {
    const dir = testDbKind === "sqlite" ? "prisma/migrations" : "prisma/postgres/migrations";
    const committed = readdirSync(`${root}${dir}`, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();

    const applied = await server.db.prisma.$queryRawUnsafe<{ name: string }[]>(
      'SELECT "name" FROM "_baton_migrations" ORDER BY "name"',
    );

    expect(committed.length).toBeGreaterThan(0);
    expect(applied.map((r) => r.name)).toEqual(committed);
  });

  test("a fresh database is seeded with the 8 agents and their capabilities", async ({ server, api }) => {
    const rows = await server.db.prisma.agent.findMany({
      where: { name: { in: Object.keys(seededAgents) } },
      orderBy: { name: "asc" },
      include: { capabilities: { orderBy: { position: "asc" } } },
    });

    expect(Object.fromEntries(rows.map((a) => [a.name, a.capabilities.map((c) => c.name)]))).toEqual(seededAgents);
    const seeded = await api.get<RestAgent>("/agents/DeployAgent");
    expect(seeded.body).toMatchObject({
      runner: { kind: "mock" },
      coordination_patterns: ["hierarchical", "sequential"],
    });
  });

  test("with BATON_SEED=off a fresh database is migrated but left empty", async () => {
    const bare = await startTestServer({ seed: "off" });
    try {
      const api = rest(bare.url);
      expect((await api.get<RestAgentList>("/agents")).body).toEqual({ agents: [], total: 0, limit: 50, offset: 0 });
      expect((await api.get<{ patterns: RestPattern[] }>("/patterns")).body).toEqual({ patterns: [] });
    } finally {
      await bare.stop();
    }
  });
});

describe("seeding again", () => {
  test("changes no row and reports everything as already present", async ({ server, api }) => {
    await api.post("/agents", agentBody());
    const before = await snapshot(server.db);

    const report = await seedDatabase(server.db);

    expect(report).toEqual({
      patternsCreated: 0,
      patternsUpdated: 0,
      agentsCreated: 0,
      agentsKept: 8,
      workflowsCreated: 0,
      workflowsKept: 4,
      workflowsSkipped: [],
    });
    expect(await snapshot(server.db)).toEqual(before);
  });

  test("keeps a user's edits to a seeded agent", async ({ server, api }) => {
    const edited = await api.patch<RestAgent>("/agents/ReviewAgent", {
      description: "Reviews only the docs.",
      capabilities: ["review"],
      retry_policy: { max_retries: 0 },
    });
    expect(edited.status).toBe(200);

    await seedDatabase(server.db);

    expect((await api.get<RestAgent>("/agents/ReviewAgent")).body).toEqual(edited.body);
  });

  test("brings back a seeded agent that was deleted", async ({ server, api }) => {
    // docs-sync calls FormatAgent: an agent in use cannot be deleted, so the template goes first.
    expect((await api.delete("/workflows/docs-sync")).status).toBe(200);
    expect((await api.delete("/agents/FormatAgent")).status).toBe(200);

    const report = await seedDatabase(server.db);

    expect(report).toMatchObject({ agentsCreated: 1, agentsKept: 7 });
    const restored = await api.get<RestAgent>("/agents/FormatAgent");
    expect(restored.status).toBe(200);
    expect(restored.body.capabilities).toEqual(seededAgents.FormatAgent);
  });

  test("restores a pattern's reference text that was changed in the database", async ({ server, api }) => {
    const original = (await api.get<RestPattern>("/patterns/parallel")).body;
    await server.db.prisma.coordinationPattern.update({
      where: { slug: "parallel" },
      data: { description: "tampered" },
    });

    const report = await seedDatabase(server.db);

    expect(report).toMatchObject({ patternsCreated: 0, patternsUpdated: 1 });
    expect((await api.get<RestPattern>("/patterns/parallel")).body).toEqual(original);
  });

  test("`npm run seed` on a seeded database creates nothing and changes no row", async ({ server }) => {
    const before = await snapshot(server.db);

    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "server/scripts/seed.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: server.database.url, LOG_LEVEL: "error" },
    });

    expect(stdout).toContain(
      "patterns +0 created, 0 updated; agents +0 created, 8 already present; workflows +0 created, 4 already present",
    );
    expect(await snapshot(server.db)).toEqual(before);
  });
});

describe("the demo data", () => {
  /** The agents of each seeded template's demo trees (server/seed/demo.ts, written out here). */
  const agentsOf: Record<string, string[]> = {
    "tdd-cycle": ["CodeAgent", "TestAgent"],
    "docs-sync": ["DocsAgent", "FormatAgent", "ReviewAgent", "SyncAgent"],
    "test-parallel": ["TestAgent"],
    release: ["BuildAgent", "DeployAgent", "DocsAgent", "TestAgent"],
  };

  test("records every handoff tree under the seeded template it is an example of", async ({ server, api }) => {
    const { created } = await seedDemo(server.db, { anchor: new Date("2026-11-20T00:00:00Z"), days: 21 });
    expect(created).toBeGreaterThan(100);
    const templates = await server.db.prisma.workflowTemplate.findMany({ select: { id: true, name: true } });
    const nameOf = new Map(templates.map((t) => [t.id, t.name]));
    const rows = await server.db.prisma.execution.findMany({
      where: { id: { startsWith: "demo-" } },
      select: { rootId: true, workflowId: true, agentName: true },
    });
    expect(rows).toHaveLength(created);

    // One template per tree, and each tree's agents are those of its template.
    const byTree = new Map<string, Set<string>>();
    for (const r of rows)
      byTree.set(r.rootId, (byTree.get(r.rootId) ?? new Set()).add(nameOf.get(r.workflowId ?? "") ?? "?"));
    expect([...byTree.values()].every((names) => names.size === 1)).toBe(true);
    const counted: Record<string, number> = {};
    for (const r of rows) {
      const name = nameOf.get(r.workflowId ?? "") ?? "?";
      expect(agentsOf[name], `${r.agentName} in ${name}`).toContain(r.agentName);
      counted[name] = (counted[name] ?? 0) + 1;
    }
    expect(Object.keys(counted).sort()).toEqual(Object.keys(agentsOf).sort());

    // What the graph's workflow filter shows for each, by name: those agents, those counts.
    for (const [name, agents] of Object.entries(agentsOf)) {
      const graph = await api.get<RestGraph>("/executions/graph", { workflow: name });
      expect(graph.body.nodes.map((n) => n.agent_name).sort()).toEqual(agents);
      expect(graph.body.nodes.reduce((n, node) => n + node.execution_count, 0)).toBe(counted[name]);
    }
  });

  test("the Claude agents' executions say what they used; the others say nothing", async ({ server }) => {
    await seedDemo(server.db, { anchor: new Date("2026-11-20T00:00:00Z"), days: 21 });
    const rows = await server.db.prisma.execution.findMany({
      where: { id: { startsWith: "demo-" } },
      select: { agentName: true, durationMs: true, model: true, inputTokens: true, outputTokens: true, costUsd: true },
    });
    const claude = new Set(["TestAgent", "CodeAgent", "ReviewAgent"]);
    const used = rows.filter((r) => claude.has(r.agentName));
    const others = rows.filter((r) => !claude.has(r.agentName));
    expect(used.length).toBeGreaterThan(50);
    expect(others.length).toBeGreaterThan(20);
    for (const r of used) {
      // Sonnet 4.5 list prices: $3 per million input tokens, $15 per million output tokens.
      const cost = ((r.inputTokens as number) * 3 + (r.outputTokens as number) * 15) / 1e6;
      expect({ model: r.model, cost: r.costUsd }).toEqual({ model: "claude-sonnet-4-5", cost });
      // At least the base of a call, more the longer it ran.
      expect((r.inputTokens as number) >= 3_000 && (r.outputTokens as number) >= 300).toBe(true);
    }
    expect(
      others.every((r) => r.model === null && r.inputTokens === null && r.outputTokens === null && r.costUsd === null),
    ).toBe(true);
  });
});
