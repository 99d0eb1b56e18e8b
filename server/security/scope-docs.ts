// The scope a root field needs, in words, read from its Pothos `authScopes` (the Query and
// Subscription types' `read` by default): the schema's descriptions and the OpenAPI document say it.
import type { GraphQLField, GraphQLSchema } from "graphql";

export function scopeText(field: GraphQLField<unknown, unknown>): string {
  const scopes = (field.extensions as { pothosOptions?: { authScopes?: unknown } }).pothosOptions?.authScopes;
  if (typeof scopes === "function")
    return "write (admin when it sets a runner other than mock, in the agent or a step)";
  if (scopes && typeof scopes === "object") return Object.keys(scopes).join(" or ");
  return "read";
}

/** Ends every mutation's description with the scope it needs. */
export function describeMutationScopes(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {}))
    field.description = `${field.description ?? ""} Scope: ${scopeText(field)}.`.trim();
  return schema;
}
