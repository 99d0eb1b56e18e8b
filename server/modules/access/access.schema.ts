// API tokens, the caller's identity and the audit log. Tokens and the log are admin's; `viewer`
// tells any caller who it is and what it may do (the dashboard shows it).
import { builder } from "../../graphql/builder.js";
import { connectionType, type Page, paging } from "../../graphql/connection.js";
import { domainEnum } from "../../graphql/enums.js";
import { NotFoundError, ValidationError } from "../../graphql/errors.js";
import { parseStoredScopes, type Scope, SCOPES } from "../../security/scopes.js";
import { createToken, isActive, revokeToken } from "../../security/tokens.js";

const ApiScope = domainEnum<Scope>(
  "ApiScope",
  "What a token may do. admin includes the others; write and run include read.",
  {
    read: "Every query and subscription",
    write: "Record and update executions, edit the registry and templates (runners other than MOCK need ADMIN)",
    run: "Start and cancel workflow runs",
    admin:
      "Runners that execute things (any runner but MOCK, in agents and in template step overrides), deleting executions, tokens and the audit log",
  },
);

const ApiToken = builder.prismaObject("ApiToken", {
  description: "An API token. Its secret was shown once, when it was created, and is not stored.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The token's id (revoke it by this id)" }),
    name: t.exposeString("name", { description: "What it is for, e.g. `ci` or `alice laptop`" }),
    prefix: t.exposeString("prefix", {
      description: "The secret's first characters, to recognise it (`baton_AbC123`)",
    }),
    scopes: t.field({
      type: [ApiScope],
      description: "The scopes it was given",
      select: { scopes: true },
      resolve: (row) => parseStoredScopes(row.scopes),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was created" }),
    lastUsedAt: t.expose("lastUsedAt", {
      type: "DateTime",
      nullable: true,
      description: "When a request last used it (updated at most once a minute); null if never",
    }),
    expiresAt: t.expose("expiresAt", {
      type: "DateTime",
      nullable: true,
      description: "When it stops working; null for never",
    }),
    revokedAt: t.expose("revokedAt", {
      type: "DateTime",
      nullable: true,
      description: "When it was revoked; null while it is not",
    }),
    active: t.boolean({
      description: "Whether it can be used now: neither revoked nor expired",
      select: { revokedAt: true, expiresAt: true },
      resolve: (row) => isActive(row),
    }),
  }),
});

const AuditVia = domainEnum<"graphql" | "rest" | "ws" | "cli">("AuditVia", "How a write reached Baton.", {
  graphql: "POST /graphql",
  rest: "The REST shim (request names the method and path)",
  ws: "An operation over the graphql-ws socket",
  cli: "The `baton` command line, on the server's database",
});

builder.prismaObject("AuditEntry", {
  description: "One write: who made it (a token, never its secret), what it was and how it ended.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The entry's id" }),
    at: t.expose("at", { type: "DateTime", description: "When the write was made" }),
    tokenId: t.exposeID("tokenId", {
      nullable: true,
      description: "The token used; null when authentication is off or from the CLI",
    }),
    actor: t.exposeString("actor", {
      description: "The token's name at the time, `local` when authentication is off, `cli` from the command line",
    }),
    via: t.field({ type: AuditVia, description: "How it arrived", resolve: (e) => e.via as never }),
    operation: t.exposeString("operation", { description: "The mutation called (`createAgent`, `executeWorkflow`…)" }),
    request: t.exposeString("request", { nullable: true, description: "`METHOD /path` when it came through REST" }),
    outcome: t.exposeString("outcome", {
      description: "`ok`, or the error's code (VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, CONFLICT, INTERNAL)",
    }),
    target: t.exposeString("target", {
      nullable: true,
      description: "The id (or name) it was about, when there is one",
    }),
  }),
});

type TokenPage = Page & { includeRevoked: boolean };
const ApiTokenConnection = connectionType<TokenPage>({
  name: "ApiToken",
  model: "ApiToken",
  description: "A page of API tokens, newest first.",
  rows: (page, query, ctx) =>
    ctx.db.prisma.apiToken.findMany({
      ...query,
      where: page.includeRevoked ? {} : { revokedAt: null },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: page.limit,
      skip: page.offset,
    }),
  row: (id, query, ctx) => ctx.db.prisma.apiToken.findUniqueOrThrow({ ...query, where: { id } }),
});

type AuditWhere = { tokenId?: string; operation?: string; outcome?: string };
const AuditConnection = connectionType<Page & { where: AuditWhere }>({
  name: "AuditEntry",
  model: "AuditEntry",
  description: "A page of the audit log, newest first.",
  rows: (page, query, ctx) =>
    ctx.db.prisma.auditEntry.findMany({
      ...query,
      where: page.where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: page.limit,
      skip: page.offset,
    }),
  row: (id, query, ctx) => ctx.db.prisma.auditEntry.findUniqueOrThrow({ ...query, where: { id } }),
});

const Viewer = builder
  .objectRef<{ authentication: boolean; actor: string; scopes: Scope[]; tokenId: string | null }>("Viewer")
  .implement({
    description: "Who is asking and what it may do.",
    fields: (t) => ({
      authentication: t.exposeBoolean("authentication", {
        description: "Whether this server asks for tokens (false: loopback only, everyone is the local user)",
      }),
      actor: t.exposeString("actor", { description: "The token's name, or `local` when authentication is off" }),
      scopes: t.field({
        type: [ApiScope],
        description: "Every scope the caller holds, with those its scopes include",
        resolve: (v) => v.scopes,
      }),
      token: t.prismaField({
        type: "ApiToken",
        nullable: true,
        description: "The token used; null when authentication is off",
        resolve: (query, v, _a, ctx) =>
          v.tokenId ? ctx.db.prisma.apiToken.findUnique({ ...query, where: { id: v.tokenId } }) : null,
      }),
    }),
  });

const tokenPaging = paging(200, 50);
const auditPaging = paging(500, 100);

builder.queryFields((t) => ({
  viewer: t.field({
    type: Viewer,
    description: "The caller: its token and scopes, or the local user when authentication is off.",
    resolve: (_r, _a, ctx) =>
      ctx.auth.kind === "local"
        ? { authentication: false, actor: "local", scopes: [...SCOPES], tokenId: null }
        : {
            authentication: true,
            actor: ctx.auth.name,
            scopes: SCOPES.filter((s) => ctx.auth.kind === "token" && ctx.auth.scopes.has(s)),
            tokenId: ctx.auth.tokenId,
          },
  }),
  apiTokens: t.field({
    type: ApiTokenConnection,
    authScopes: { admin: true },
    description: "API tokens, newest first (revoked ones only when asked).",
    args: {
      includeRevoked: t.arg.boolean({ defaultValue: false, description: "Also list revoked tokens" }),
      ...tokenPaging.args(t.arg),
    },
    resolve: (_r, args, ctx) => {
      const where = args.includeRevoked ? {} : { revokedAt: null };
      return {
        includeRevoked: args.includeRevoked ?? false,
        ...tokenPaging.page(args, () => ctx.db.prisma.apiToken.count({ where })),
      };
    },
  }),
  auditLog: t.field({
    type: AuditConnection,
    authScopes: { admin: true },
    description: "The audit log of writes, newest first, filtered by every argument given.",
    args: {
      token: t.arg.id({ description: "Only writes made with this token (its id)" }),
      operation: t.arg.string({ description: "Only calls of this mutation (`createAgent`)" }),
      outcome: t.arg.string({ description: "Only this outcome: `ok` or an error code (`FORBIDDEN`)" }),
      ...auditPaging.args(t.arg),
    },
    resolve: (_r, args, ctx) => {
      const where: AuditWhere = {
        ...(args.token ? { tokenId: String(args.token) } : {}),
        ...(args.operation ? { operation: args.operation } : {}),
        ...(args.outcome ? { outcome: args.outcome } : {}),
      };
      return { where, ...auditPaging.page(args, () => ctx.db.prisma.auditEntry.count({ where })) };
    },
  }),
}));

const ApiTokenInput = builder.inputType("ApiTokenInput", {
  description: "A token to create.",
  fields: (t) => ({
    name: t.string({ required: true, description: "What it is for: 1–100 characters" }),
    scopes: t.field({ type: [ApiScope], required: true, description: "What it may do: at least one scope" }),
    expiresAt: t.field({ type: "DateTime", description: "When it stops working; default never" }),
  }),
});

const CreatedApiToken = builder.objectRef<{ token: { id: string }; secret: string }>("CreatedApiToken").implement({
  description: "A new token and its secret: the only time the secret is shown.",
  fields: (t) => ({
    token: t.prismaField({
      type: "ApiToken",
      description: "The token as listed from now on",
      resolve: (query, r, _a, ctx) => ctx.db.prisma.apiToken.findUniqueOrThrow({ ...query, where: { id: r.token.id } }),
    }),
    secret: t.exposeString("secret", {
      description: "Send it as `Authorization: Bearer <secret>`; it is not stored and cannot be shown again",
    }),
  }),
});

builder.mutationFields((t) => ({
  createApiToken: t.field({
    type: CreatedApiToken,
    authScopes: { admin: true },
    description: "Create an API token; its secret is in the answer and nowhere else.",
    errors: { types: [ValidationError], union: { description: "The new token and its secret, or why not." } },
    args: { input: t.arg({ type: ApiTokenInput, required: true, description: "The token to create" }) },
    resolve: (_r, { input }, ctx) => createToken(ctx.db, input),
  }),
  revokeApiToken: t.prismaField({
    type: "ApiToken",
    authScopes: { admin: true },
    description:
      "Revoke a token: it stops working at once here (within 2 s on other instances); sessions opened with it end.",
    errors: { types: [NotFoundError], union: { description: "The revoked token, or NotFoundError." } },
    args: { id: t.arg.id({ required: true, description: "The token's id (or its secret's prefix)" }) },
    resolve: async (query, _r, { id }, ctx) => {
      const token = await revokeToken(ctx.db, String(id));
      ctx.tokenRevoked(token.id);
      return ctx.db.prisma.apiToken.findUniqueOrThrow({ ...query, where: { id: token.id } });
    },
  }),
}));

export { ApiToken };
