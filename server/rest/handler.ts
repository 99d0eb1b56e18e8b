// The REST shim: match a route, turn path/query/body into GraphQL variables, execute the route's
// prepared operation against the same schema and context as /graphql, and map typed errors to
// HTTP statuses. Bad input is always a 4xx with a JSON body naming the field.
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type GraphQLArgument,
  type GraphQLError,
  type GraphQLSchema,
  getNamedType,
  isListType,
  isNonNullType,
} from "graphql";
import { describeProblem, jsonProblem } from "../engine/json-check.js";
import { AppError, cutQuotes, echo } from "../errors.js";
import type { Context } from "../graphql/context.js";
import { RestInputError, restFieldPath, snake, toGraphQLInput } from "./case.js";
import { buildOperation, isErrorResult, type RouteOperation, routePattern } from "./operations.js";
import type { RestRoute } from "./routes.js";
import { type RestErrorBody, type RestErrorCode, statusOf } from "./status.js";

export interface RestOptions {
  /** The REST schema, or how to make it (on the first request). */
  schema: GraphQLSchema | (() => GraphQLSchema);
  routes: RestRoute[];
  /** The context a request's operation runs with (its caller, how it arrived). */
  context: (req: IncomingMessage) => Context;
  bodyLimit: number;
  onUnexpectedError: (error: unknown) => void;
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  sendJsonText(res, status, JSON.stringify(body));
}

function sendJsonText(res: ServerResponse, status: number, text: string) {
  // Encoded once: its length is the header, the same bytes are the body.
  const body = Buffer.from(text);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": body.length });
  res.end(body);
}

function sendError(res: ServerResponse, code: RestErrorCode, message: string, field?: string | null, extra?: object) {
  const body: RestErrorBody = { error: { code, message, ...(field ? { field } : {}), ...extra } };
  sendJson(res, statusOf[code], body);
}

/** A GraphQL variable coercion failure (wrong type, missing field) as a 400 naming the REST field. */
function sendCoercionError(res: ServerResponse, error: GraphQLError, op: RouteOperation) {
  sendError(
    res,
    "VALIDATION_FAILED",
    cutQuotes(error.message.replace(/^Variable "\$\w+" got invalid value /, "invalid value ")),
    coercionField(error, op),
  );
}

type DomainError = Pick<AppError, "code" | "message" | "field"> & { issues?: { field: string; message: string }[] };

/** A domain error (the field's error union, or an AppError thrown) with its fields in REST names. */
function sendDomainError(res: ServerResponse, e: DomainError, op: RouteOperation, matchedField: string) {
  const rootType = op.bodyArg?.type ?? null;
  // In a batch the body is the array itself: `executions[3].status` is `[3].status` to a REST caller.
  const batchArg = op.route.field !== matchedField ? `${op.bodyArg?.name}` : null;
  const toRest = (f: string) =>
    op.field.args.some((a) => a.name === f && a !== op.bodyArg)
      ? op.restName(f)
      : restFieldPath(batchArg && f.startsWith(`${batchArg}[`) ? f.slice(batchArg.length) : f, rootType);
  const field = e.field ? toRest(e.field) : null;
  const issues = e.issues?.map((i) => ({ field: toRest(i.field), message: i.message }));
  sendError(res, e.code, e.message.replace(e.field ?? "\u0000", field ?? ""), field, issues ? { issues } : undefined);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new RestInputError(`request body is larger than ${limit} bytes`, null);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function queryValue(arg: GraphQLArgument, raw: string[], name: string): unknown {
  const named = getNamedType(arg.type).name;
  const inner = isNonNullType(arg.type) ? arg.type.ofType : arg.type;
  const one = (v: string) => {
    if (named === "Int") {
      if (!/^-?\d+$/.test(v)) throw new RestInputError(`${name} must be an integer`, name);
      return Number(v);
    }
    if (named === "Float") {
      if (Number.isNaN(Number(v)) || v.trim() === "") throw new RestInputError(`${name} must be a number`, name);
      return Number(v);
    }
    if (named === "Boolean") {
      if (v !== "true" && v !== "false") throw new RestInputError(`${name} must be true or false`, name);
      return v === "true";
    }
    return v;
  };
  if (isListType(inner))
    return raw
      .flatMap((v) => v.split(","))
      .filter(Boolean)
      .map(one);
  if (raw.length > 1) throw new RestInputError(`${name} was given more than once`, name);
  return one(raw[0] as string);
}

/** `Variable "$input" got invalid value 5 at "input.name"; …` → the field path inside the argument. */
function coercionField(error: GraphQLError, op: RouteOperation): string | null {
  const at = /at "([^"]+)"/.exec(error.message)?.[1];
  const notProvided = /Field "([^"]+)" of required type/.exec(error.message)?.[1];
  const variable = /Variable "\$(\w+)"/.exec(error.message)?.[1];
  const arg = op.field.args.find((a) => a.name === variable);
  let path = at ?? variable ?? null;
  if (path && notProvided) path = `${path}.${notProvided}`;
  if (!path) return null;
  if (arg && arg === op.bodyArg) {
    // `input.name` → `name`; for a batch body (the array itself) `executions[2].status` → `[2].status`.
    const inner = path.slice(arg.name.length).replace(/^\./, "");
    return inner ? restFieldPath(inner, arg.type) : null;
  }
  // A query parameter is named as a whole (`status=success,nope` → `status`, not `status[1]`).
  return arg ? op.restName(arg.name) : restFieldPath(path, null);
}

export function createRestHandler(options: RestOptions) {
  // Each route's operation is built (parsed, validated, compiled by graphql-jit) on its first
  // request, not at start-up: ~40 routes cost 0.3–0.5 s of start here. So is the REST schema.
  const schemaOf = typeof options.schema === "function" ? options.schema : () => options.schema as GraphQLSchema;
  const table = options.routes.map((route) => ({ route, pattern: routePattern(route.path) }));
  const built = new Map<RestRoute, RouteOperation>();
  const operationOf = (route: RestRoute) => {
    let op = built.get(route);
    if (!op) {
      op = buildOperation(schemaOf(), route);
      built.set(route, op);
    }
    return op;
  };
  const batchBuilt = new Map<RestRoute, RouteOperation>();
  const batchOperationOf = (route: RestRoute) => {
    if (!route.batch) return undefined;
    let op = batchBuilt.get(route);
    if (!op) {
      const { field, arg, omit } = route.batch;
      op = buildOperation(schemaOf(), { ...route, field, body: arg, omit });
      batchBuilt.set(route, op);
    }
    return op;
  };

  async function handleRest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname;
    const matching = table.filter((r) => r.pattern.test(path));
    if (matching.length === 0) return false;
    const found = matching.find((o) => o.route.method === req.method);
    if (!found) {
      if (req.method === "HEAD" || req.method === "OPTIONS") return false;
      res.setHeader("allow", [...new Set(matching.map((o) => o.route.method))].join(", "));
      sendError(res, "METHOD_NOT_ALLOWED", `${req.method} is not allowed on ${path}`);
      return true;
    }
    let op = operationOf(found.route);
    const matchedField = op.route.field;
    try {
      const variables: Record<string, unknown> = {};
      const groups = op.pattern.exec(path)?.groups ?? {};
      for (const arg of op.pathParams) variables[arg.name] = decodePathSegment(groups[arg.name] ?? "", arg.name);
      const route = op;
      const known = new Map(op.queryParams.map((a) => [route.restName(a.name), a]));
      for (const key of new Set(url.searchParams.keys())) {
        const arg =
          known.get(key) ?? op.queryParams.find((a) => a.name === key && route.restName(a.name) === snake(a.name));
        if (!arg) {
          const expected = [...known.keys()].join(", ") || "none";
          throw new RestInputError(`unknown query parameter ${echo(key)} (expected: ${expected})`, key.slice(0, 80));
        }
        variables[arg.name] = queryValue(arg, url.searchParams.getAll(key), op.restName(arg.name));
      }
      if (op.bodyArg) {
        const text = await readBody(req, options.bodyLimit).catch((e: unknown) => {
          if (e instanceof RestInputError) {
            // The rest of the body is never read: close the connection so the client does not reuse it.
            res.setHeader("connection", "close");
            sendError(res, "PAYLOAD_TOO_LARGE", e.message);
            return null;
          }
          throw e;
        });
        if (text === null) return true;
        let body: unknown;
        try {
          body = text.trim() === "" ? undefined : JSON.parse(text);
        } catch (e) {
          sendError(res, "INVALID_JSON", `malformed JSON body: ${(e as Error).message}`);
          return true;
        }
        // An optional body argument (a run's parameters) may be left out: it is then absent.
        if ((body === undefined || body === null) && !isNonNullType((op.bodyArg as GraphQLArgument).type)) body = {};
        if (body === undefined || body === null) throw new RestInputError("a JSON object body is required", null);
        const batchOp = Array.isArray(body) ? batchOperationOf(op.route) : undefined;
        if (batchOp) op = batchOp;
        variables[(op.bodyArg as GraphQLArgument).name] = toGraphQLInput(
          body,
          (op.bodyArg as GraphQLArgument).type,
          "",
        );
      }
      refuseUnstorable(op, variables);
      if (op.route.serialise) {
        const coerced = op.coerce(variables);
        if (coerced.errors) {
          sendCoercionError(res, coerced.errors[0] as GraphQLError, op);
          return true;
        }
        try {
          sendJsonText(res, op.route.status ?? 200, await op.route.serialise(options.context(req), coerced.coerced));
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          sendDomainError(res, e, op, matchedField);
        }
        return true;
      }
      const result = await op.run(variables, options.context(req));
      if (result.errors?.length) {
        const first = result.errors[0] as GraphQLError;
        if (!first.path && /^Variable "\$/.test(first.message)) {
          sendCoercionError(res, first, op);
          return true;
        }
        // A query's expected failure (a thrown AppError) answers as a mutation's error member would.
        if (first.originalError instanceof AppError) {
          sendDomainError(res, first.originalError, op, matchedField);
          return true;
        }
        options.onUnexpectedError(first.originalError ?? first);
        sendError(res, "INTERNAL", "internal error");
        return true;
      }
      const value = (result.data as { result: unknown } | null)?.result;
      if (isErrorResult(value, schemaOf())) {
        sendDomainError(res, value as DomainError, op, matchedField);
        return true;
      }
      const out = Array.isArray(value)
        ? { [op.route.field]: value }
        : op.route.connection
          ? pageBody(op, value as { nodes: unknown[]; total: number }, variables)
          : stripTypename(value);
      sendJson(res, op.route.status ?? 200, out);
    } catch (e) {
      if (e instanceof RestInputError) sendError(res, "VALIDATION_FAILED", e.message, e.field);
      else {
        options.onUnexpectedError(e);
        if (!res.headersSent) sendError(res, "INTERNAL", "internal error");
      }
    }
    return true;
  }

  return Object.assign(handleRest, {
    /** Whether a route lives at this path (whatever the method): the path is the API's. */
    handles: (path: string) => table.some((r) => r.pattern.test(path)),
  });
}

/** Deeper than any template or record needs; the records' own `inputs`/`outputs` allow 64. */
const MAX_BODY_DEPTH = 100;

/**
 * No argument may carry what no database stores (a NUL character, a lone surrogate) or nest past
 * MAX_BODY_DEPTH: a 400 naming the parameter or the body field, before anything runs.
 */
function refuseUnstorable(op: RouteOperation, variables: Record<string, unknown>) {
  for (const [name, value] of Object.entries(variables)) {
    const problem = jsonProblem(value, MAX_BODY_DEPTH);
    if (!problem) continue;
    // In the body, the field it is under as REST names it (`[2]` for a batch's third record).
    const first = problem.at[0];
    const field =
      op.bodyArg?.name !== name
        ? op.restName(name)
        : first === undefined
          ? null
          : /^\d+$/.test(first)
            ? `[${first}]`
            : restFieldPath(first, (op.bodyArg as GraphQLArgument).type);
    throw new RestInputError(`${field ?? "body"}: ${describeProblem(problem, field ? 1 : 0)}`, field);
  }
}

/** A connection as REST lists it: `{ agents: [...], total, limit, offset }`. */
function pageBody(op: RouteOperation, page: { nodes: unknown[]; total: number }, variables: Record<string, unknown>) {
  const first = op.field.args.find((a) => a.name === "first");
  return {
    [op.route.connection?.list ?? op.route.field]: page.nodes,
    total: page.total,
    limit: variables.first ?? first?.defaultValue,
    offset: variables.offset ?? 0,
  };
}

function decodePathSegment(segment: string, name: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new RestInputError(`${name} in the path is not valid percent-encoding`, name);
  }
}

function stripTypename(value: unknown): unknown {
  if (!value || typeof value !== "object") return value;
  const { __typename: _, ...rest } = value as Record<string, unknown>;
  return rest;
}
