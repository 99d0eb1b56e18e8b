import { builder } from "../../graphql/builder.js";
import { Agent } from "../agent/agent.schema.js";
import { getPatternId } from "./pattern.service.js";
import { WorkflowTemplate } from "../workflow/workflow.schema.js";

builder.prismaObject("CoordinationPattern", {
  description: "How agents hand work to each other, with guidance on when to use it.",
  fields: (t) => ({
    id: t.exposeID("id"),
    slug: t.exposeString("slug", { description: "Key used by agents and filters" }),
    name: t.exposeString("name"),
    description: t.exposeString("description"),
    whenToUse: t.exposeString("whenToUse"),
    diagramUrl: t.exposeString("diagramUrl", { description: "An SVG served by Baton" }),
    exampleWorkflowId: t.exposeString("exampleWorkflowId", { nullable: true }),
    exampleWorkflow: t.field({
      type: WorkflowTemplate,
      nullable: true,
      description: "The seeded (or chosen) template that shows this pattern",
      resolve: (p, _a, ctx) =>
        p.exampleWorkflowId ? ctx.db.prisma.workflowTemplate.findUnique({ where: { id: p.exampleWorkflowId } }) : null,
    }),
    agents: t.field({
      type: [Agent],
      description: "Agents that support this pattern, by name.",
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
