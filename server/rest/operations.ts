// Builds, once at start-up, the GraphQL operation each REST route runs: every field of the result
// type is selected under its snake_case alias, so responses come out in REST's naming with no
// per-route mapping code, and JSON scalars (settings, inputs, outputs) are passed through untouched.
import {
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type ExecutionResult,
  type OperationDefinitionNode,
  execute,
  getVariableValues,
  parse,
  validate,
} from "graphql";
import { compileQuery, isCompiledQuery } from "graphql-jit";
import { snake } from "./case.js";
import type { RestRoute } from "./routes.js";

export const ERROR_INTERFACE = "Error";
/** Fields REST selects only when a route expands them (`Agent.health`: GET /agents/{id}/health). */
export const OPT_IN_FIELDS = new Set([
  "Agent.health",
  "WorkflowRun.memories",
  "Execution.notion",
  "Execution.notes",
  "Execution.tags",
]);
const MAX_DEPTH = 4;

export interface RouteOperation {
  route: RestRoute;
  document: DocumentNode;
  /** Runs the prepared operation: graphql-jit's compiled function when the query compiles, else graphql-js. */
  run(variables: Record<string, unknown>, context: unknown): Promise<ExecutionResult>;
  /** The variables coerced by graphql-js (its errors for bad input), without running anything. */
  coerce(variables: Record<string, unknown>): ReturnType<typeof getVariableValues>;
  field: GraphQLField<unknown, unknown>;
  pathParams: GraphQLArgument[];
  queryParams: GraphQLArgument[];
  bodyArg: GraphQLArgument | null;
  pattern: RegExp;
  /** The REST name of a top-level argument (`limit` for a connection's `first`, else snake_case). */
  restName(argName: string): string;
  /** A connection route's node type (what its list holds). */
  node: GraphQLNamedType | null;
}

/** A connection's paging arguments as REST calls them; `after` (cursors) is GraphQL's only. */
const CONNECTION_ARGS: Record<string, string | null> = { first: "limit", after: null };

/**
 * A record type ("model") is an object with an `id: ID!`. Models nest only one level, and a
 * nested model field is selected only when the route names it in `expand` (children,
 * ancestors…): a REST response carries ids for relations instead of whole object graphs.
 */
function isModel(type: GraphQLNamedType): boolean {
  return isObjectType(type) && getNamedType(type.getFields().id?.type ?? type).name === "ID";
}

export interface Shape {
  expand?: readonly string[];
  omit?: readonly string[];
}

export function selectionFor(
  type: GraphQLNamedType,
  schema: GraphQLSchema,
  shape: Shape = {},
  trail: GraphQLNamedType[] = [],
): string {
  if (isLeafType(type)) return "";
  if (trail.length >= MAX_DEPTH) return "";
  if (isAbstractType(type)) {
    const members = schema.getPossibleTypes(type);
    const own = isInterfaceType(type) ? objectFields(type, schema, shape, trail) : "";
    return `{ __typename ${own} ${members.map((m) => `... on ${m.name} ${selectionFor(m, schema, shape, trail)}`).join(" ")} }`;
  }
  if (isObjectType(type)) {
    const typename = type.getInterfaces().some((i) => i.name === ERROR_INTERFACE) ? "__typename" : "";
    return `{ ${typename} ${objectFields(type, schema, shape, trail)} }`;
  }
  return "";
}

function objectFields(
  type: GraphQLObjectType | GraphQLInterfaceType,
  schema: GraphQLSchema,
  { expand = [], omit = [] }: Shape,
  trail: GraphQLNamedType[],
): string {
  const path = [...trail, type];
  const modelsAbove = path.filter(isModel).length;
  return (
    Object.values(type.getFields())
      .filter((f) => !f.args.some((a) => isNonNullType(a.type)) && !omit.includes(f.name))
      // Computed per record at a cost (two aggregate reads each): REST has a route of its own for it.
      .filter((f) => !OPT_IN_FIELDS.has(`${type.name}.${f.name}`) || expand.includes(f.name))
      .filter((f) => {
        const named = getNamedType(f.type);
        if (!isModel(named)) return !trail.includes(named);
        return modelsAbove === 0 || (modelsAbove === 1 && expand.includes(f.name));
      })
      .map((f) => {
        const named = getNamedType(f.type);
        const sub = isLeafType(named) ? "" : selectionFor(named, schema, { expand, omit }, path);
        if (!isLeafType(named) && !sub) return "";
        const alias = snake(f.name) === f.name ? "" : `${snake(f.name)}: `;
        return `${alias}${f.name} ${sub}`;
      })
      .join(" ")
  );
}

function printType(t: GraphQLInputType): string {
  return t.toString();
}

export function buildOperation(schema: GraphQLSchema, route: RestRoute): RouteOperation {
  const root = route.operation === "query" ? schema.getQueryType() : schema.getMutationType();
  const field = root?.getFields()[route.field];
  if (!field) throw new Error(`REST route ${route.method} ${route.path}: no ${route.operation} field '${route.field}'`);
  const pathNames = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const pathParams = field.args.filter((a) => pathNames.includes(a.name));
  const bodyArg = route.body ? (field.args.find((a) => a.name === route.body) ?? null) : null;
  const renamed = route.connection ? CONNECTION_ARGS : {};
  const queryParams = field.args.filter(
    (a) => !pathNames.includes(a.name) && a !== bodyArg && renamed[a.name] !== null,
  );
  const restName = (name: string) => renamed[name] ?? snake(name);
  const node = route.connection ? connectionNode(field, schema) : null;
  const vars = field.args.map((a) => `$${a.name}: ${printType(a.type)}`).join(", ");
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(", ");
  const selection = node
    ? `{ total: totalCount nodes ${selectionFor(node, schema, route)} }`
    : selectionFor(getNamedType(field.type), schema, route);
  const source = `${route.operation} Rest${vars ? `(${vars})` : ""} { result: ${field.name}${
    args ? `(${args})` : ""
  } ${selection} }`;
  const document = parse(source);
  const errors = validate(schema, document);
  if (errors.length > 0) throw new Error(`REST route ${route.path}: ${errors.map((e) => e.message).join("; ")}`);
  const pattern = routePattern(route.path);
  // Every route is compiled once with graphql-jit: reads return whole lists of records, where
  // graphql-js's per-field interpretation dominated the timeline benchmark; a batch write's
  // variables (thousands of input objects) were coerced ~4× faster by jit's generated parser.
  // graphql-js stays the judge of bad input: when jit refuses the variables, graphql-js coerces
  // them again and its errors (exact messages, the field named) are the answer; should graphql-js
  // accept what jit refused, graphql-js executes the operation.
  const compiled = compileQuery(schema, document);
  const definitions = (document.definitions[0] as OperationDefinitionNode).variableDefinitions ?? [];
  const interpreted = (variables: Record<string, unknown>, context: unknown) =>
    execute({ schema, document, variableValues: variables, contextValue: context });
  const run: RouteOperation["run"] = isCompiledQuery(compiled)
    ? async (variables, context) => {
        const result = (await compiled.query(undefined, context, variables)) as ExecutionResult;
        // jit answers variable errors before it runs anything: only then is there no path.
        if (!result.errors?.some((e) => !e.path && /^Variable "\$/.test(e.message))) return result;
        const coerced = coerce(variables);
        return coerced.errors ? { errors: coerced.errors } : interpreted(variables, context);
      }
    : async (variables, context) => interpreted(variables, context);
  const coerce = (variables: Record<string, unknown>) => getVariableValues(schema, definitions, variables);
  return { route, document, field, pathParams, queryParams, bodyArg, pattern, run, coerce, restName, node };
}

/** The path's regular expression: `{name}` segments become named groups. */
export function routePattern(path: string): RegExp {
  return new RegExp(`^${path.replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}/?$`);
}

/** The node type of a connection field (the type of its `nodes` list). */
function connectionNode(field: GraphQLField<unknown, unknown>, schema: GraphQLSchema): GraphQLNamedType {
  const type = getNamedType(field.type);
  const nodes = isObjectType(type) ? type.getFields().nodes : undefined;
  if (!nodes) throw new Error(`REST route for ${field.name}: ${type.name} is not a connection`);
  return schema.getType(getNamedType(nodes.type).name) as GraphQLNamedType;
}

export function isErrorResult(value: unknown, schema: GraphQLSchema): boolean {
  if (!value || typeof value !== "object" || !("__typename" in value)) return false;
  const type = schema.getType(String((value as { __typename: string }).__typename));
  return isObjectType(type) && type.getInterfaces().some((i) => i.name === ERROR_INTERFACE);
}

/** The success member of a field's result (the field type itself when it is not an error union). */
export function successType(field: GraphQLField<unknown, unknown>, schema: GraphQLSchema): GraphQLNamedType {
  const named = getNamedType(field.type);
  if (!isUnionType(named)) return named;
  const members = schema
    .getPossibleTypes(named)
    .filter((m) => !m.getInterfaces().some((i) => i.name === ERROR_INTERFACE));
  return members[0] ?? named;
}
