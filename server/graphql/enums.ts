// GraphQL enums in GraphQL's own style (UPPER_CASE names) over the domain's lowercase values:
// resolvers and services keep `success`, GraphQL clients write and read `SUCCESS`, and the REST
// shim's copy of the schema (rest/rest-schema.ts) names each value by its domain value again.
import type { EnumRef } from "@pothos/core";
import { builder } from "./builder.js";

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/**
 * An enum whose GraphQL names are its values upper-cased (`in_progress` → `IN_PROGRESS`), each
 * with its description: every value must be described (GraphiQL's docs pane is the manual).
 */
export function domainEnum<const T extends string>(
  name: string,
  description: string,
  values: { readonly [K in T]: string },
): EnumRef<Types, T, T> {
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(
      (Object.entries(values) as [T, string][]).map(([value, about]) => [
        value.toUpperCase(),
        { value, description: about },
      ]),
    ),
  }) as unknown as EnumRef<Types, T, T>;
}
