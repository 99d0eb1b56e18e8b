// Idempotent seed: patterns are reference content and are kept equal to the seed; agents and
// workflow templates are created when missing and never overwritten (a user's edits survive).
// A pattern without an example workflow gets the seeded template that shows it.
import type { Database } from "../db.js";
import { ValidationError } from "../errors.js";
import { createAgent } from "../modules/agent/agent.service.js";
import { seedAgents } from "./agents.js";
import { seedPatterns } from "./patterns.js";
import { createWorkflow } from "../modules/workflow/workflow.service.js";
import { seedWorkflows } from "./workflows.js";

export interface SeedReport {
  patternsCreated: number;
  patternsUpdated: number;
  agentsCreated: number;
  agentsKept: number;
  workflowsCreated: number;
  workflowsKept: number;
  /** Templates not created because the registry lacks their agents (a user deleted one). */
  workflowsSkipped: string[];
}

export async function seedDatabase(db: Database): Promise<SeedReport> {
  const report: SeedReport = {
    patternsCreated: 0,
    patternsUpdated: 0,
    agentsCreated: 0,
    agentsKept: 0,
    workflowsCreated: 0,
    workflowsKept: 0,
    workflowsSkipped: [],
  };
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
  await seedTemplates(db, report);
  return report;
}

async function seedTemplates(db: Database, report: SeedReport) {
  const existing = new Map(
    (
      await db.prisma.workflowTemplate.findMany({
        where: { name: { in: seedWorkflows.map((w) => w.name) } },
        select: { id: true, name: true },
      })
    ).map((w) => [w.name, w.id]),
  );
  for (const w of seedWorkflows) {
    let id = existing.get(w.name);
    if (id) report.workflowsKept++;
    else {
      try {
        id = (await createWorkflow(db, w)).id;
        report.workflowsCreated++;
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        report.workflowsSkipped.push(`${w.name} (${e.message})`);
        continue;
      }
    }
    if (w.exampleOf)
      await db.prisma.coordinationPattern.updateMany({
        where: { slug: w.exampleOf, exampleWorkflowId: null },
        data: { exampleWorkflowId: id },
      });
  }
}
