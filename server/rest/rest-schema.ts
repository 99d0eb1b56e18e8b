// The schema as the REST shim speaks it: the same types and resolvers, but each enum value named by
// its domain value (`success`, `in_progress`, `timestamp_desc`) instead of GraphQL's UPPER_CASE
// name. REST bodies, query strings, responses and /openapi.json keep the seed's lowercase values
// with no conversion code in the routes: graphql-js coerces and serialises them as it would any enum.
import { MapperKind, mapSchema } from "@graphql-tools/utils";
import {
  GraphQLEnumType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isObjectType,
} from "graphql";

export function restSchema(schema: GraphQLSchema): GraphQLSchema {
  const mapped = mapSchema(schema, {
    [MapperKind.ENUM_TYPE]: (type) => {
      const config = type.toConfig();
      return new GraphQLEnumType({
        ...config,
        values: Object.fromEntries(Object.values(config.values).map((v) => [String(v.value), v])),
      });
    },
  });
  // mapSchema carries defaults across by their names, which changed: an enum's default is its
  // domain value in both schemas, so take it from the original.
  for (const type of Object.values(mapped.getTypeMap())) {
    const original = schema.getType(type.name);
    if (isObjectType(type) && isObjectType(original))
      for (const field of Object.values(type.getFields()))
        for (const arg of field.args) {
          const before = original.getFields()[field.name]?.args.find((a) => a.name === arg.name);
          if (isEnumType(getNamedType(arg.type)) && before) arg.defaultValue = before.defaultValue;
        }
    if (isInputObjectType(type) && isInputObjectType(original))
      for (const field of Object.values(type.getFields())) {
        const before = original.getFields()[field.name];
        if (isEnumType(getNamedType(field.type)) && before) field.defaultValue = before.defaultValue;
      }
  }
  return mapped;
}
