import { builder } from "../../graphql/builder.js";
import { Agent } from "../agent/agent.schema.js";
import { getPatternId } from "./pattern.service.js";
import { WorkflowTemplate } from "../workflow/workflow.schema.js";

builder.prismaObject("CoordinationPattern", {
  description: "How agents hand work to each other, with guidance on when to use it.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "Baton's id for the pattern; `pattern(id:)` also takes its key or name" }),
    slug: t.exposeString("slug", {
      description:
        "Stable lower-case key (sequential, parallel, hierarchical): what Agent.coordinationPatterns and the " +
        "`pattern` filters hold",
    }),
    name: t.exposeString("name", { description: "Display name (Sequential, Parallel, Hierarchical)" }),
    description: t.exposeString("description", { description: "How the pattern hands work between agents" }),
    whenToUse: t.exposeString("whenToUse", {
      description: "The kind of work the pattern suits, for people choosing one",
    }),
    diagramUrl: t.exposeString("diagramUrl", {
      description: "Path of an SVG diagram of the pattern, served by Baton (e.g. /diagrams/sequential.svg)",
    }),
    exampleWorkflowId: t.exposeString("exampleWorkflowId", {
      nullable: true,
      description: "Id of the template that shows the pattern at work; null when there is none (or it was deleted)",
    }),
    exampleWorkflow: t.field({
      type: WorkflowTemplate,
      nullable: true,
      description: "The template that shows the pattern at work (seeded with Baton); null when there is none",
      resolve: (p, _a, ctx) =>
        p.exampleWorkflowId ? ctx.db.prisma.workflowTemplate.findUnique({ where: { id: p.exampleWorkflowId } }) : null,
    }),
    agents: t.field({
      type: [Agent],
      description: "Registered agents that take part in the pattern, by name",
      select: { agents: { include: { agent: true }, orderBy: { agent: { name: "asc" } } } },
      resolve: (p) => p.agents.map((a) => a.agent),
    }),
  }),
});

builder.queryFields((t) => ({
  patterns: t.prismaField({
    type: ["CoordinationPattern"],
    description: "Every coordination pattern, in the library's order (Sequential, Parallel, Hierarchical).",
    resolve: (query, _root, _args, ctx) =>
      ctx.db.prisma.coordinationPattern.findMany({ ...query, orderBy: { position: "asc" } }),
  }),
  pattern: t.prismaField({
    type: "CoordinationPattern",
    nullable: true,
    description: "A pattern by id, key or name; null with a NOT_FOUND error when there is none.",
    args: { id: t.arg.id({ required: true, description: "The pattern's id, key (sequential) or name" }) },
    resolve: async (query, _root, { id }, ctx) =>
      ctx.db.prisma.coordinationPattern.findUniqueOrThrow({
        ...query,
        where: { id: await getPatternId(ctx.db, String(id)) },
      }),
  }),
}));
