// Issue 15 §1: each instance answers registry reads from its own in-memory read model; a change made
// through one instance — or straight in the database, by no instance at all — is what the other
// answers on its very next read (no polling, no wait: the RegistryVersion trigger path).
import { test } from "vitest";
import { openDatabase } from "../../server/db.js";
import { sql } from "../../server/sql.js";
import { type BatonProcess, spawnBaton } from "../testkit/baton-process.js";
import { agentBody, uniqueName } from "../testkit/factories.js";
import { describe, expect } from "../testkit/fixtures.js";
import { rest } from "../testkit/rest.js";
import { createTestDatabase } from "../testkit/server.js";

interface Agent {
  id: string;
  name: string;
  description: string;
  capabilities: string[];
  coordination_patterns: string[];
  circuit: { state: string };
}

describe("registry reads across two instances", () => {
  test("a write on one instance, or in plain SQL, is the other's next answer", { timeout: 180_000 }, async () => {
    const database = await createTestDatabase();
    const instances: BatonProcess[] = [];
    const db = await openDatabase(database.url);
    try {
      instances.push(await spawnBaton({ DATABASE_URL: database.url }));
      instances.push(await spawnBaton({ DATABASE_URL: database.url }));
      const [a, b] = instances.map((i) => rest(i.url)) as [ReturnType<typeof rest>, ReturnType<typeof rest>];
      const name = uniqueName("Twin");
      // Both read models are warm before the writes.
      expect((await a.get<{ total: number }>("/agents", { q: name })).body.total).toBe(0);
      expect((await b.get<{ total: number }>("/agents", { q: name })).body.total).toBe(0);

      const created = await b.post<Agent>(
        "/agents",
        agentBody({ name, description: "first", capabilities: ["twin-cap"], coordinationPatterns: ["parallel"] }),
      );
      expect(created.status).toBe(201);
      const id = created.body.id;
      const onA = await a.get<Agent>(`/agents/${id}`);
      expect([onA.status, onA.body.name, onA.body.description]).toEqual([200, name, "first"]);
      const listedOnA = await a.get<{ agents: Agent[]; total: number }>("/agents", { capability: "twin-cap" });
      expect(listedOnA.body.agents.map((x) => x.id)).toEqual([id]);

      expect((await a.patch(`/agents/${id}`, { description: "second" })).status).toBe(200);
      expect((await b.get<Agent>(`/agents/${name}`)).body.description).toBe("second");

      // The circuit, changed on A, as B reports it.
      expect((await a.post(`/agents/${id}/circuit/open`, {})).status).toBe(200);
      expect((await b.get<Agent>(`/agents/${id}`)).body.circuit.state).toBe("open");

      // No instance wrote these: only the trigger tells the read models.
      await db.sql.write([sql`UPDATE "Agent" SET "description" = 'third' WHERE "id" = ${id}`]);
      expect((await a.get<Agent>(`/agents/${id}`)).body.description).toBe("third");
      expect((await b.get<Agent>(`/agents/${id}`)).body.description).toBe("third");
      await db.sql.write([sql`DELETE FROM "AgentPattern" WHERE "agentId" = ${id}`]);
      const patternsOnB = await b.get<{ patterns: { slug: string; agents: { id: string }[] }[] }>("/patterns");
      const parallel = patternsOnB.body.patterns.find((p) => p.slug === "parallel");
      expect(parallel?.agents.some((x) => x.id === id)).toBe(false);
      expect((await a.get<Agent>(`/agents/${id}`)).body.coordination_patterns).toEqual([]);
      await db.sql.write([sql`DELETE FROM "Agent" WHERE "id" = ${id}`]);
      expect((await a.get(`/agents/${id}`)).status).toBe(404);
      expect((await b.get<{ total: number }>("/agents", { q: name })).body.total).toBe(0);

      // Deleted through B: gone from A's list at once.
      const again = await a.post<Agent>("/agents", agentBody({ name: `${name}x` }));
      expect((await b.get<{ total: number }>("/agents", { q: `${name}x` })).body.total).toBe(1);
      expect((await b.delete(`/agents/${again.body.id}`)).status).toBe(200);
      expect((await a.get<{ total: number }>("/agents", { q: `${name}x` })).body.total).toBe(0);
    } finally {
      await Promise.all(instances.map((i) => i.stop()));
      await db.close();
      await database.drop();
    }
  });
});
