// Envelop plugin: queries run as graphql-jit compiled functions (cached per parsed document; Yoga's
// parse cache hands back the same DocumentNode for the same text). Variables are coerced by
// graphql-js first and any coercion failure is answered by graphql-js itself, so bad input keeps
// its exact messages and HTTP status. Mutations and subscriptions stay on graphql-js.
// A query that a read path serves whole (read-paths.ts) is compiled against the read path's schema.
import type { Plugin } from "graphql-yoga";
import {
  type DocumentNode,
  type execute,
  type ExecutionArgs,
  type GraphQLSchema,
  getOperationAST,
  getVariableValues,
} from "graphql";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";
import { type ReadPath, readSchema, servesOperation } from "./read-paths.js";

export function jitQueriesPlugin({ readPath }: { readPath?: ReadPath } = {}): Plugin {
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();
  const readSchemas = new WeakMap<GraphQLSchema, GraphQLSchema>();
  const schemaFor = (args: ExecutionArgs): GraphQLSchema => {
    if (!readPath || !servesOperation(args.schema, readPath, args.document, args.operationName)) return args.schema;
    let read = readSchemas.get(args.schema);
    if (!read) {
      read = readSchema(args.schema, readPath);
      readSchemas.set(args.schema, read);
    }
    return read;
  };

  const compile = (args: ExecutionArgs): CompiledQuery | null => {
    const name = args.operationName ?? "";
    let byName = compiled.get(args.document);
    if (!byName) {
      byName = new Map();
      compiled.set(args.document, byName);
    }
    if (!byName.has(name)) {
      const operation = getOperationAST(args.document, args.operationName ?? undefined);
      const result =
        operation?.operation === "query"
          ? compileQuery(schemaFor(args), args.document, args.operationName ?? undefined)
          : null;
      byName.set(name, result && isCompiledQuery(result) ? result : null);
    }
    return byName.get(name) ?? null;
  };

  return {
    onExecute: ({ executeFn, setExecuteFn }) => {
      // Anything jit does not take (mutations, bad variables) goes to Yoga's own executor, which
      // also decides the HTTP status of request errors.
      const fallback = executeFn as (args: ExecutionArgs) => ReturnType<typeof execute>;
      setExecuteFn(((args: ExecutionArgs) => {
        const query = compile(args);
        const operation = getOperationAST(args.document, args.operationName ?? undefined);
        if (!query || !operation) return fallback(args);
        const variables = args.variableValues ?? {};
        if (getVariableValues(args.schema, operation.variableDefinitions ?? [], variables).errors)
          return fallback(args);
        // jit coerces the variables as given (enum names, not the values graphql-js maps them to).
        return query.query(args.rootValue, args.contextValue, variables);
      }) as typeof execute);
    },
  };
}
