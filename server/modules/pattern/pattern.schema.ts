import { builder } from "../../graphql/builder.js";
import { Agent } from "../agent/agent.schema.js";
import { NotFoundError } from "../../graphql/errors.js";
import { getPatternId } from "./pattern.service.js";

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
    resolve: (query, _root, _args, ctx) =>
      ctx.db.prisma.coordinationPattern.findMany({ ...query, orderBy: { position: "asc" } }),
  }),
  pattern: t.prismaField({
    type: "CoordinationPattern",
    description: "A pattern by id, key or name.",
    errors: { types: [NotFoundError] },
    args: { id: t.arg.string({ required: true }) },
    resolve: async (query, _root, { id }, ctx) =>
      ctx.db.prisma.coordinationPattern.findUniqueOrThrow({ ...query, where: { id: await getPatternId(ctx.db, id) } }),
  }),
}));
