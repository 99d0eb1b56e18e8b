// Wires Pothos plugins and scalars; types live in server/modules/*.
import SchemaBuilder from "@pothos/core";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import ScopeAuthPlugin, { type AuthFailure, AuthScopeFailureType } from "@pothos/plugin-scope-auth";
import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import { ForbiddenError } from "../errors.js";
import { actorOf, can, SCOPES, type Scope } from "../security/scopes.js";
import type PrismaTypes from "../generated/pothos-types.js";
import { getDatamodel } from "../generated/pothos-types.js";
import type { Context } from "./context.js";
import { DateOrDateTime } from "./scalars.js";

/** The scopes a refused field asked for (a failure nests when a field asks for one of several). */
function missingScopes(failure: AuthFailure): string[] {
  if (failure.kind === AuthScopeFailureType.AuthScope) return [failure.scope];
  if (failure.kind === AuthScopeFailureType.AnyAuthScopes || failure.kind === AuthScopeFailureType.AllAuthScopes)
    return failure.failures.flatMap(missingScopes);
  return [];
}

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  /** The token scopes (security/scopes.ts); a field states the one it needs with `authScopes`. */
  AuthScopes: Record<Scope, boolean>;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    DateOrDateTime: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  // Scope checks run first, before a resolver (or its error union) sees the request.
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin],
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => Object.fromEntries(SCOPES.map((s) => [s, can(ctx.auth, s)])) as Record<Scope, boolean>,
    unauthorizedError: (_parent, ctx, info, result) =>
      new ForbiddenError(
        `${info.fieldName} needs a token with the ${missingScopes(result.failure).join(" or ") || "right"} scope; ` +
          `'${actorOf(ctx.auth)}' has ${ctx.auth.kind === "token" ? SCOPES.filter((s) => ctx.auth.kind === "token" && ctx.auth.scopes.has(s)).join(", ") || "no scope" : "every scope"}`,
      ),
  },
  defaultFieldNullability: false,
  prisma: {
    client: (ctx) => ctx.db.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
  },
  errors: { directResult: true },
});

builder.addScalarType("DateTime", DateTimeResolver);
builder.addScalarType("JSON", JSONResolver);
builder.addScalarType("DateOrDateTime", DateOrDateTime);

builder.queryType({
  description: "Read Baton's registry, executions, workflows and metrics.",
  authScopes: { read: true },
});
builder.mutationType({ description: "Change Baton's state. Expected failures come back as typed errors." });
builder.subscriptionType({ description: "Live streams over graphql-ws at /graphql.", authScopes: { read: true } });
