// Read paths: queries that a read model can answer whole run against a copy of the schema whose
// resolvers for those fields read the model, instead of the Pothos resolvers (Prisma per field).
// A read path names, per type, the fields it serves; an operation is answered by it only when every
// field it selects (through fragments, at any depth) is one of them — anything else (another root
// field, Agent.health, introspection) runs on the schema's own resolvers. Parsing, validation (and
// so the depth and cost limits), authentication and CSRF checks happen before execution, as for
// any operation; the scope checks are the read path's resolvers' own.
import { MapperKind, mapSchema } from "@graphql-tools/utils";
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from "graphql";
import type { Context } from "./context.js";

// biome-ignore lint/suspicious/noExplicitAny: a read path's records are its own (one type per field)
export type ReadResolver = GraphQLFieldResolver<any, Context, any>;

/** Per GraphQL type, the fields served: a resolver, or `null` for the record's property of that name. */
export type ReadPath = Record<string, Record<string, ReadResolver | null>>;

/** The schema with the read path's resolvers in place of the served fields' own. */
export function readSchema(schema: GraphQLSchema, path: ReadPath): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (config, fieldName, typeName) => {
      const served = path[typeName];
      if (!served || !(fieldName in served)) return config;
      return { ...config, resolve: served[fieldName] ?? undefined };
    },
  });
}

/** Whether the path serves every field the operation selects (the document was validated). */
export function servesOperation(
  schema: GraphQLSchema,
  path: ReadPath,
  document: DocumentNode,
  operationName?: string | null,
): boolean {
  const operation = getOperationAST(document, operationName ?? undefined);
  const query = schema.getQueryType();
  if (operation?.operation !== "query" || !query) return false;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  // A fragment's fields depend on its type condition only: one check each.
  const checked = new Set<string>();
  const walk = (type: GraphQLNamedType | undefined | null, set: SelectionSetNode): boolean => {
    if (!type) return false;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === "__typename") continue;
        const served = path[type.name];
        if (!served || !(name in served) || !isObjectType(type)) return false;
        const field = type.getFields()[name];
        if (!field) return false;
        if (selection.selectionSet && !walk(getNamedType(field.type), selection.selectionSet)) return false;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (!walk(on, selection.selectionSet)) return false;
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) return false;
        if (checked.has(fragment.name.value)) continue;
        checked.add(fragment.name.value);
        if (!walk(schema.getType(fragment.typeCondition.name.value), fragment.selectionSet)) return false;
      }
    }
    return true;
  };
  return walk(query, operation.selectionSet);
}
