// Idempotent seed: patterns are reference content and are kept equal to the seed; agents are
// created when missing and never overwritten (a user's edits to a seeded agent survive).
import type { Database } from "../db.js";
import { createAgent } from "../modules/agent/agent.service.js";
import { seedAgents } from "./agents.js";
import { seedPatterns } from "./patterns.js";

export interface SeedReport {
  patternsCreated: number;
  patternsUpdated: number;
  agentsCreated: number;
  agentsKept: number;
}

export async function seedDatabase(db: Database): Promise<SeedReport> {
  const report: SeedReport = { patternsCreated: 0, patternsUpdated: 0, agentsCreated: 0, agentsKept: 0 };
  for (const p of seedPatterns) {
    const current = await db.prisma.coordinationPattern.findUnique({ where: { slug: p.slug } });
    if (!current) {
      await db.prisma.coordinationPattern.create({ data: { ...p } });
      report.patternsCreated++;
    } else if (
      current.name !== p.name ||
      current.description !== p.description ||
      current.whenToUse !== p.whenToUse ||
      current.diagramUrl !== p.diagramUrl ||
      current.position !== p.position
    ) {
      await db.prisma.coordinationPattern.update({ where: { slug: p.slug }, data: { ...p } });
      report.patternsUpdated++;
    }
  }
  const existing = new Set(
    (
      await db.prisma.agent.findMany({ where: { name: { in: seedAgents.map((a) => a.name) } }, select: { name: true } })
    ).map((a) => a.name),
  );
  for (const agent of seedAgents) {
    if (existing.has(agent.name)) report.agentsKept++;
    else {
      await createAgent(db, agent);
      report.agentsCreated++;
    }
  }
  return report;
}
