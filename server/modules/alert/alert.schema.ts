// Alerts in GraphQL (and REST through the shim): list, acknowledge, stream. docs/alerts.md.
import { filter, pipe } from "graphql-yoga";
import { builder } from "../../graphql/builder.js";
import { connectionType, type Page, paging } from "../../graphql/connection.js";
import { domainEnum } from "../../graphql/enums.js";
import { ConflictError, NotFoundError } from "../../graphql/errors.js";
import type { AlertChange } from "../../graphql/pubsub.js";
import { actorOf } from "../../security/scopes.js";
import { getAgentId } from "../agent/agent.service.js";
import {
  ALERT_KINDS,
  ALERT_STATES,
  type AlertKind,
  type AlertState,
  acknowledgeAlert,
  AlertNotFound,
  AlertNotOpen,
} from "./alert.store.js";

const AlertKindEnum = domainEnum<AlertKind>("AlertKind", "Why an alert was raised.", {
  circuit_open: "The agent's circuit breaker opened (or was opened by hand): workflow steps calling it fail fast",
  repeated_failures: "The agent failed several times within a short window (3 failures in 10 minutes)",
});
void ALERT_KINDS;
const AlertStateEnum = domainEnum<AlertState>("AlertState", "Where an alert stands.", {
  open: "Raised, nobody has acknowledged it, the agent has not recovered",
  acknowledged: "A person has seen it; it stays until the agent recovers",
  resolved: "The agent recovered (its circuit closed, or it succeeded after the failures)",
});
void ALERT_STATES;
const AlertEventEnum = domainEnum<AlertChange["event"]>("AlertEvent", "What happened to an alert.", {
  raised: "The alert was raised",
  acknowledged: "A person acknowledged it",
  resolved: "The agent recovered and the alert was resolved",
});

builder.prismaObject("Alert", {
  description: "An alert about an agent: raised once per episode, resolved when the agent recovers.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The alert's id" }),
    kind: t.field({ type: AlertKindEnum, description: "Why it was raised", resolve: (a) => a.kind as AlertKind }),
    state: t.field({ type: AlertStateEnum, description: "Where it stands", resolve: (a) => a.state as AlertState }),
    agentId: t.exposeID("agentId", { description: "The agent's id" }),
    agentName: t.exposeString("agentName", { description: "The agent's name when the alert was raised" }),
    message: t.exposeString("message", { description: "What happened, in a sentence" }),
    raisedAt: t.expose("raisedAt", { type: "DateTime", description: "When it was raised" }),
    acknowledgedAt: t.expose("acknowledgedAt", {
      type: "DateTime",
      nullable: true,
      description: "When a person acknowledged it; null if nobody has",
    }),
    acknowledgedBy: t.exposeString("acknowledgedBy", {
      nullable: true,
      description: "Who acknowledged it (a token's name, or `local`); null if nobody has",
    }),
    resolvedAt: t.expose("resolvedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the agent recovered; null while unresolved",
    }),
  }),
});

type AlertPage = Page & { where: { agentId?: string; state?: { in: string[] } } };
const alertPaging = paging(200, 50);
const AlertConnection = connectionType<AlertPage>({
  name: "Alert",
  model: "Alert",
  description: "A page of alerts, newest first.",
  rows: (page, query, ctx) =>
    ctx.db.prisma.alert.findMany({
      ...query,
      where: page.where,
      orderBy: [{ raisedAt: "desc" }, { id: "desc" }],
      skip: page.offset,
      take: page.limit,
    }),
  row: (id, query, ctx) => ctx.db.prisma.alert.findUniqueOrThrow({ ...query, where: { id } }),
});

builder.queryFields((t) => ({
  alerts: t.field({
    type: AlertConnection,
    description: "Alerts matching every given filter, newest first.",
    args: {
      agent: t.arg.id({ description: "Only this agent's alerts (its id or unique name)" }),
      state: t.arg({ type: [AlertStateEnum], description: "Only alerts in one of these states" }),
      ...alertPaging.args(t.arg),
    },
    resolve: async (_root, args, ctx) => {
      const where: AlertPage["where"] = {};
      if (args.agent != null) where.agentId = await getAgentId(ctx.db, String(args.agent));
      if (args.state?.length) where.state = { in: args.state };
      return { where, ...alertPaging.page(args, () => ctx.db.prisma.alert.count({ where })) };
    },
  }),
}));

builder.mutationFields((t) => ({
  acknowledgeAlert: t.prismaField({
    authScopes: { write: true },
    type: "Alert",
    description:
      "Acknowledge an open alert (a person has seen it). It stays unresolved until the agent recovers; " +
      "an alert that is acknowledged or resolved already is a ConflictError.",
    errors: {
      types: [NotFoundError, ConflictError],
      union: { description: "The acknowledged alert, NotFoundError, or ConflictError when it is not open." },
    },
    args: { id: t.arg.id({ required: true, description: "The alert's id" }) },
    resolve: async (query, _root, { id }, ctx) => {
      try {
        await acknowledgeAlert(ctx.db, ctx.pubsub, String(id), actorOf(ctx.auth));
      } catch (e) {
        if (e instanceof AlertNotFound) throw new NotFoundError("alert", String(id));
        if (e instanceof AlertNotOpen) throw new ConflictError(e.message, "id");
        throw e;
      }
      return ctx.db.prisma.alert.findUniqueOrThrow({ ...query, where: { id: String(id) } });
    },
  }),
}));

const AlertChangeRef = builder.objectRef<AlertChange>("AlertChange").implement({
  description: "An alert raised, acknowledged or resolved.",
  fields: (t) => ({
    event: t.field({ type: AlertEventEnum, description: "What happened", resolve: (c) => c.event }),
    alert: t.prismaField({
      type: "Alert",
      description: "The alert as it is now",
      resolve: (query, c, _args, ctx) => ctx.db.prisma.alert.findUniqueOrThrow({ ...query, where: { id: c.alert.id } }),
    }),
  }),
});

builder.subscriptionFields((t) => ({
  alerts: t.field({
    type: AlertChangeRef,
    description: "Each alert raised, acknowledged or resolved, on any instance (optionally one agent's only).",
    args: { agentId: t.arg.id({ description: "Only this agent's alerts (its id)" }) },
    subscribe: (_root, { agentId }, ctx) => {
      const all = ctx.pubsub.subscribe("alertChanged");
      return agentId
        ? pipe(
            all,
            filter((c: AlertChange) => c.alert.agentId === String(agentId)),
          )
        : all;
    },
    resolve: (change) => change,
  }),
}));
