// The audit log of writes: every mutation — through GraphQL, the REST shim or graphql-ws, allowed
// or refused — is one row naming the token (never its secret), the operation, the REST request
// when there was one, the outcome and the id it was about. Token changes from the CLI too.
import { type GraphQLFieldResolver, type GraphQLSchema, GraphQLError } from "graphql";
import type { Database } from "../db.js";
import { AppError } from "../errors.js";
import type { Context } from "../graphql/context.js";
import { actorOf, type Principal } from "./scopes.js";

export interface AuditRecord {
  principal: Principal | "cli";
  via: "graphql" | "rest" | "ws" | "cli";
  operation: string;
  request?: string | null;
  outcome: string;
  target?: string | null;
}

export async function recordAudit(db: Database, r: AuditRecord) {
  await db.prisma.auditEntry.create({
    data: {
      tokenId: r.principal !== "cli" && r.principal.kind === "token" ? r.principal.tokenId : null,
      actor: r.principal === "cli" ? "cli" : actorOf(r.principal),
      via: r.via,
      operation: r.operation,
      request: r.request ?? null,
      outcome: r.outcome,
      target: r.target?.slice(0, 200) ?? null,
    },
  });
}

/** A resolver's result or error as an outcome: ok, or the error's code. */
function outcomeOf(value: unknown, thrown: boolean): string {
  const error = value instanceof GraphQLError ? (value.originalError ?? value) : value;
  if (error instanceof AppError) return error.code;
  return thrown || error instanceof Error ? "INTERNAL" : "ok";
}

/** What the write was about: the `id` argument, else the id of what it returned. */
function targetOf(args: Record<string, unknown>, value: unknown): string | null {
  if (typeof args.id === "string") return args.id;
  if (value && typeof value === "object" && !(value instanceof Error)) {
    const v = value as Record<string, unknown>;
    if (typeof v.id === "string") return v.id;
    // A created token comes back with its secret: the token's id, never the secret.
    if (v.token && typeof (v.token as { id?: unknown }).id === "string") return (v.token as { id: string }).id;
    if (Array.isArray(v.ids)) return `${v.ids.length} executions`;
  }
  return null;
}

/**
 * Wraps every mutation's resolver (after Pothos' own wrappers, so scope refusals and error-union
 * members are seen) to write one audit row per call. The REST shim's schema copy keeps the wrap.
 */
export function auditMutations(schema: GraphQLSchema): GraphQLSchema {
  const mutation = schema.getMutationType();
  if (!mutation) return schema;
  for (const field of Object.values(mutation.getFields())) {
    const resolve = field.resolve as GraphQLFieldResolver<unknown, Context> | undefined;
    if (!resolve) continue;
    field.resolve = async (root, args, ctx, info) => {
      const write = (outcome: string, target: string | null) =>
        recordAudit(ctx.db, {
          principal: ctx.auth,
          via: ctx.origin.via,
          operation: field.name,
          request: ctx.origin.request,
          outcome,
          target,
        });
      let value: unknown;
      try {
        value = await resolve(root, args, ctx, info);
      } catch (e) {
        await write(outcomeOf(e, true), targetOf(args, null));
        throw e;
      }
      await write(outcomeOf(value, false), targetOf(args, value));
      return value;
    };
  }
  return schema;
}
