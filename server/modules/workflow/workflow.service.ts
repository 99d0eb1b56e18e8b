// Workflow template use cases: validate everything first (engine/template.ts names each step at
// fault), then one write. A template's runs keep their own copy of its definition.
import type { Database } from "../../db.js";
import { type AgentContract, contractOrNull } from "../../engine/contracts.js";
import { validateTemplate } from "../../engine/template.js";
import type { FlatStep, JsonObject, PatternKind, TemplateDefinition } from "../../engine/types.js";
import { ConflictError, type FieldIssue, NotFoundError } from "../../errors.js";
import { Prisma } from "../../generated/sqlite/client.js";
import { parseIssues } from "../../validation.js";
import { unmaskStepSecrets } from "./step-secrets.js";
import {
  type RunnerKind,
  type RunnerPolicy,
  runnerPolicyIssues,
  runnerSettingsSchemas,
} from "../agent/agent.validation.js";

export interface WorkflowInput {
  name?: string | null;
  description?: string | null;
  parameters?: unknown;
  steps?: unknown;
  /** "fail" or "rollback" (default "fail", or kept on update). */
  onFailure?: string | null;
  /** `{ serena: true | false }` (docs/serena.md); null or absent: none (create) or kept (update). */
  memory?: unknown;
}

export interface WorkflowFilter {
  q?: string | null;
  pattern?: string | null;
}

export const MAX_WORKFLOW_PAGE = 200;

function runnerIssues(kind: RunnerKind, settings: unknown, policy: RunnerPolicy): FieldIssue[] {
  const r = parseIssues(runnerSettingsSchemas[kind], settings ?? {});
  return r.ok
    ? runnerPolicyIssues(kind, r.data, policy)
    : r.issues.map((i) => ({ field: i.field, message: i.message }));
}

/** Validates a template against the registered agents (and step runners against `policy`); returns what is stored. */
export async function checkWorkflow(db: Database, input: WorkflowInput, policy: RunnerPolicy = {}) {
  const rows = await db.prisma.agent.findMany({ select: { name: true, inputSchema: true, outputSchema: true } });
  const agents = new Set(rows.map((a) => a.name));
  const contracts = new Map(rows.map((a) => [a.name, contractOf(a)]));
  const result = validateTemplate(
    {
      name: input.name ?? "",
      description: input.description ?? "",
      parameters: input.parameters ?? { type: "object", properties: {} },
      steps: input.steps,
      on_failure: input.onFailure ?? "fail",
      memory: input.memory ?? undefined,
    },
    agents,
    {
      validateRunner: (kind, settings) => runnerIssues(kind as RunnerKind, settings, policy),
      contracts: (name) => contracts.get(name) ?? null,
    },
  );
  return { ...result, name: (input.name ?? "").trim(), description: (input.description ?? "").trim() };
}

/** An agent row's contract (null when it declares neither side). */
export function contractOf(a: { inputSchema: unknown; outputSchema: unknown }): AgentContract | null {
  const input = contractOrNull(a.inputSchema);
  const output = contractOrNull(a.outputSchema);
  return input || output ? { input, output } : null;
}

function rowData(checked: Awaited<ReturnType<typeof checkWorkflow>>) {
  return {
    name: checked.name,
    description: checked.description,
    parameters: checked.definition.parameters as Prisma.InputJsonValue,
    steps: checked.definition.steps as unknown as Prisma.InputJsonValue,
    patterns: checked.patterns.join(","),
    onFailure: checked.definition.on_failure ?? "fail",
    memory: (checked.definition.memory ?? Prisma.DbNull) as Prisma.InputJsonValue | typeof Prisma.DbNull,
  };
}

async function assertNameFree(db: Database, name: string, except?: string) {
  const taken = await db.prisma.workflowTemplate.findFirst({ where: { name }, select: { id: true } });
  if (taken && taken.id !== except) throw new ConflictError(`a workflow named '${name}' already exists`, "name");
}

export async function createWorkflow(db: Database, input: WorkflowInput, policy: RunnerPolicy = {}) {
  // A new template has no stored secret for a mask to keep.
  const checked = await checkWorkflow(db, { ...input, steps: unmaskStepSecrets(input.steps, null) }, policy);
  await assertNameFree(db, checked.name);
  return db.prisma.workflowTemplate.create({ data: rowData(checked) });
}

/** Replaces the fields given; the steps and parameters are validated together again. */
export async function updateWorkflow(db: Database, idOrName: string, input: WorkflowInput, policy: RunnerPolicy = {}) {
  const current = await getWorkflowRow(db, idOrName);
  const merged: WorkflowInput = {
    name: input.name ?? current.name,
    description: input.description ?? current.description,
    parameters: input.parameters ?? current.parameters,
    // A step's secret sent back masked keeps its stored value while that step's destination stays.
    steps: input.steps ? unmaskStepSecrets(input.steps, current.steps) : current.steps,
    onFailure: input.onFailure ?? current.onFailure,
    memory: input.memory ?? current.memory,
  };
  const checked = await checkWorkflow(db, merged, policy);
  await assertNameFree(db, checked.name, current.id);
  return db.prisma.workflowTemplate.update({ where: { id: current.id }, data: rowData(checked) });
}

/** Deletes a template; its runs stay (they carry the definition they ran). */
export async function deleteWorkflow(db: Database, idOrName: string) {
  const current = await getWorkflowRow(db, idOrName);
  await db.prisma.$transaction([
    db.prisma.coordinationPattern.updateMany({
      where: { exampleWorkflowId: current.id },
      data: { exampleWorkflowId: null },
    }),
    db.prisma.workflowTemplate.delete({ where: { id: current.id } }),
  ]);
  return current;
}

/** The template `idOrName` names, by its id or its unique name. */
const byIdOrName = (idOrName: string) => ({ OR: [{ id: idOrName }, { name: idOrName }] });

/** A template's id, from its id or its unique name; NotFoundError when neither names one. */
export async function getWorkflowId(db: Database, idOrName: string): Promise<string> {
  const row = await db.prisma.workflowTemplate.findFirst({ where: byIdOrName(idOrName), select: { id: true } });
  if (!row) throw new NotFoundError("Workflow", idOrName);
  return row.id;
}

/** A template by id or unique name. */
export async function getWorkflowRow(db: Database, idOrName: string) {
  const row = await db.prisma.workflowTemplate.findFirst({ where: byIdOrName(idOrName) });
  if (!row) throw new NotFoundError("Workflow", idOrName);
  return row;
}

export function definitionOf(row: {
  parameters: unknown;
  steps: unknown;
  onFailure?: string;
  memory?: unknown;
}): TemplateDefinition {
  const memory = row.memory as TemplateDefinition["memory"] | null | undefined;
  return {
    parameters: row.parameters as JsonObject,
    steps: row.steps as TemplateDefinition["steps"],
    ...(row.onFailure === "rollback" ? { on_failure: "rollback" as const } : {}),
    ...(memory ? { memory } : {}),
  };
}

/** The stored steps flattened (roles, order, happens-before) — stored templates are valid. */
export function flatSteps(row: { name: string; parameters: unknown; steps: unknown }): FlatStep[] {
  return validateTemplate({ name: row.name, parameters: row.parameters, steps: row.steps }, () => true).steps;
}

/** The names of the templates with a step that calls `agentName` (case as registered), by name. */
export async function templatesUsingAgent(db: Database, agentName: string): Promise<string[]> {
  const templates = await db.prisma.workflowTemplate.findMany({
    select: { name: true, parameters: true, steps: true },
    orderBy: { name: "asc" },
  });
  // A cheap text test first: only templates that mention the name are walked.
  return templates
    .filter((t) => JSON.stringify(t.steps).includes(JSON.stringify(agentName)))
    .filter((t) => flatSteps(t).some((s) => s.agent === agentName))
    .map((t) => t.name);
}

/** Refuses to delete an agent that templates call: their runs would fail at that step. */
export async function assertAgentUnused(db: Database, agentName: string) {
  const users = await templatesUsingAgent(db, agentName);
  if (users.length > 0)
    throw new ConflictError(
      `agent '${agentName}' is used by ${users.length === 1 ? "template" : "templates"} ${users.map((n) => `'${n}'`).join(", ")}: change or delete ${users.length === 1 ? "it" : "them"} first`,
      "id",
    );
}

export function workflowWhere(db: Database, f: WorkflowFilter): Prisma.WorkflowTemplateWhereInput {
  const q = f.q?.trim();
  const pattern = f.pattern?.trim().toLowerCase();
  // SQLite's LIKE ignores ASCII case already; PostgreSQL needs to be told.
  const contains = q
    ? db.provider === "postgresql"
      ? { contains: q, mode: "insensitive" as const }
      : { contains: q }
    : {};
  return {
    ...(q ? { OR: [{ name: contains }, { description: contains }] } : {}),
    ...(pattern ? { patterns: { contains: pattern } } : {}),
  };
}

export const patternsOf = (row: { patterns: string }) => row.patterns.split(",").filter(Boolean) as PatternKind[];
