// The OpenAPI 3.1 document of the REST shim, derived from the route table and the GraphQL types
// (snake_case names, as REST speaks), so it cannot disagree with what the routes do.
import {
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from "graphql";
import { HEALTH_OPENAPI, HEALTH_SCHEMA } from "../health.js";
import { SESSION_COOKIE } from "../security/auth.js";
import { scopeText } from "../security/scope-docs.js";
import { snake } from "./case.js";
import { buildOperation, ERROR_INTERFACE, OPT_IN_FIELDS, successType } from "./operations.js";
import type { RestRoute } from "./routes.js";
import { statusOf } from "./status.js";

type JsonSchema = Record<string, unknown>;

const scalarSchema: Record<string, JsonSchema> = {
  String: { type: "string" },
  ID: { type: "string" },
  Int: { type: "integer" },
  Float: { type: "number" },
  Boolean: { type: "boolean" },
  DateTime: { type: "string", format: "date-time" },
  JSON: { description: "Any JSON value" },
};

/** The dashboard's login, outside the GraphQL schema. */
function sessionPaths(errorResponse: (d: string) => object) {
  const session = {
    type: "object",
    required: ["authentication", "authenticated", "actor", "scopes"],
    properties: {
      authentication: { type: "boolean", description: "Whether this server asks for tokens" },
      authenticated: { type: "boolean", description: "Whether the caller proved a live token (always true when off)" },
      actor: { type: ["string", "null"], description: "The token's name, `local` when authentication is off" },
      scopes: { type: "array", items: { type: "string", enum: ["read", "write", "run", "admin"] } },
    },
  };
  const ok = (description: string) => ({ description, content: { "application/json": { schema: session } } });
  return {
    get: {
      operationId: "session",
      summary: "Who the caller is (token name and scopes); never 401",
      tags: ["access"],
      security: [],
      responses: { "200": ok("The caller") },
    },
    post: {
      operationId: "login",
      summary: "Log in with a token: sets the session cookie (HttpOnly, SameSite=Strict, 12 hours)",
      tags: ["access"],
      security: [],
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: { type: "object", required: ["token"], properties: { token: { type: "string" } } },
          },
        },
      },
      responses: {
        "200": ok("Logged in; the Set-Cookie header holds the session"),
        "400": errorResponse("No token in the body, or malformed JSON"),
        "401": errorResponse("Not a valid token (unknown, revoked or expired)"),
        "415": errorResponse("The request did not say Content-Type: application/json"),
      },
    },
    delete: {
      operationId: "logout",
      summary: "Log out: ends the session and clears the cookie",
      tags: ["access"],
      security: [],
      responses: { "204": { description: "Logged out" } },
    },
  };
}

export function buildOpenApi(schema: GraphQLSchema, routes: RestRoute[], version: string) {
  const components: Record<string, JsonSchema> = {};

  const ref = (named: GraphQLNamedType): JsonSchema => {
    if (isScalarType(named)) return scalarSchema[named.name] ?? { type: "string" };
    if (isEnumType(named)) return { type: "string", enum: named.getValues().map((v) => v.value) };
    if (!components[named.name]) {
      components[named.name] = {};
      components[named.name] = define(named);
    }
    return { $ref: `#/components/schemas/${named.name}` };
  };

  const typeSchema = (t: GraphQLOutputType | GraphQLInputType): JsonSchema => {
    const inner = isNonNullType(t) ? t.ofType : t;
    if (isListType(inner)) return { type: "array", items: typeSchema(inner.ofType) };
    return ref(getNamedType(inner));
  };

  function define(named: GraphQLNamedType): JsonSchema {
    if (isUnionType(named)) return { oneOf: named.getTypes().map(ref) };
    if (isObjectType(named) || isInterfaceType(named) || isInputObjectType(named)) {
      const fields = Object.values(named.getFields()).filter(
        (f) =>
          (!("args" in f) || !(f.args as { type: GraphQLInputType }[]).some((a) => isNonNullType(a.type))) &&
          !OPT_IN_FIELDS.has(`${named.name}.${f.name}`),
      );
      return {
        type: "object",
        ...(named.description ? { description: named.description } : {}),
        properties: Object.fromEntries(
          fields.map((f) => [
            snake(f.name),
            { ...typeSchema(f.type), ...(f.description ? { description: f.description } : {}) },
          ]),
        ),
        required: fields
          .filter((f) => isNonNullType(f.type) && !("defaultValue" in f && f.defaultValue !== undefined))
          .map((f) => snake(f.name)),
      };
    }
    return {};
  }

  /** A connection route's body: `{ [list]: nodes, total, limit, offset }`, as a named component. */
  function pageSchema(page: NonNullable<RestRoute["connection"]>, node: GraphQLNamedType, about?: string | null) {
    components[page.schema] = {
      type: "object",
      ...(about ? { description: about } : {}),
      properties: {
        [page.list]: { type: "array", items: ref(node) },
        limit: { type: "integer", description: "The page size used" },
        offset: { type: "integer", description: "Items skipped before this page" },
        total: { type: "integer", description: "Items matching the filter, all pages" },
      },
      required: [page.list, "limit", "offset", "total"],
    };
    return { $ref: `#/components/schemas/${page.schema}` };
  }

  /** A nested route's body: the list field becomes `into`, trees of its items with `children`. */
  function nestedSchema(result: GraphQLNamedType, nest: NonNullable<RestRoute["nest"]>): JsonSchema {
    const fields = isObjectType(result) ? result.getFields() : {};
    const item = getNamedType(fields[nest.list]?.type ?? result);
    const node = `${item.name}TreeNode`;
    components[node] = {
      allOf: [
        ref(item),
        {
          type: "object",
          required: ["children"],
          properties: { children: { type: "array", items: { $ref: `#/components/schemas/${node}` } } },
        },
      ],
    };
    const own = define(result) as { properties: Record<string, JsonSchema>; required: string[] };
    const { [snake(nest.list)]: _list, ...properties } = own.properties;
    return {
      type: "object",
      ...(result.description ? { description: result.description } : {}),
      properties: { [nest.into]: { type: "array", items: { $ref: `#/components/schemas/${node}` } }, ...properties },
      required: [nest.into, ...own.required.filter((r) => r !== snake(nest.list))],
    };
  }

  // Not "Error": that name is the GraphQL error interface, dropped from the document below.
  components.ErrorResponse = {
    type: "object",
    required: ["error"],
    properties: {
      error: {
        type: "object",
        required: ["code", "message"],
        properties: {
          code: {
            type: "string",
            // The route's codes (rest/status.ts), then the request guard's (security/request-guard.ts).
            examples: [...Object.keys(statusOf), "UNSUPPORTED_MEDIA_TYPE", "FORBIDDEN_ORIGIN", "MISDIRECTED_REQUEST"],
          },
          message: { type: "string" },
          field: { type: "string", description: "The input field at fault, snake_case dotted path" },
          issues: {
            type: "array",
            items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } },
          },
        },
      },
    },
  };
  const errorResponse = (description: string) => ({
    description,
    content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorResponse" } } },
  });

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const op = buildOperation(schema, route);
    const result = successType(op.field, schema);
    const list = isListType(isNonNullType(op.field.type) ? op.field.type.ofType : op.field.type);
    const responseSchema = list
      ? { type: "object", properties: { [route.field]: typeSchema(op.field.type) } }
      : route.connection && op.node
        ? pageSchema(route.connection, op.node, getNamedType(op.field.type).description)
        : route.nest
          ? nestedSchema(result, route.nest)
          : ref(result);
    const errorNames = isUnionType(getNamedType(op.field.type))
      ? schema.getPossibleTypes(getNamedType(op.field.type) as never).map((t) => t.name)
      : [];
    const responses: Record<string, unknown> = {
      [String(route.status ?? 200)]: { description: "OK", content: { "application/json": { schema: responseSchema } } },
    };
    // Every route answers 400 to a query parameter it does not take or a path that is not valid
    // percent-encoding, before anything runs.
    responses["400"] = errorResponse(
      op.bodyArg || op.queryParams.length > 0 || errorNames.includes("ValidationError")
        ? "Invalid input: malformed JSON, wrong type or a rule broken (see error.field)"
        : `Invalid request: an unknown query parameter${op.pathParams.length > 0 ? " or a path parameter that is not valid percent-encoding" : ""}`,
    );
    // A query by a path parameter throws NotFoundError for an unknown key; a mutation has it in its union.
    if (errorNames.includes("NotFoundError") || (route.operation === "query" && op.pathParams.length > 0))
      responses["404"] = errorResponse("Not found");
    if (errorNames.includes("ConflictError")) responses["409"] = errorResponse("Conflicts with an existing record");
    if (route.heavyRead)
      responses["503"] = errorResponse(
        "READ_TIMEOUT: the read did not finish within BATON_READ_TIMEOUT_MS, or READ_TOO_LARGE: it needed more " +
          "memory than a request may use; it was stopped — narrow the range or filters and retry",
      );
    // Any route: 401 without a live token when authentication is on; 403 when the token lacks the scope.
    responses["401"] = errorResponse(
      "UNAUTHENTICATED: no token, or one unknown, revoked or expired (authentication on)",
    );
    responses["403"] = errorResponse(
      `FORBIDDEN: the token lacks the ${scopeText(op.field)} scope (or FORBIDDEN_ORIGIN: a page on another origin)`,
    );
    if (route.method === "POST" || route.method === "PATCH")
      responses["415"] = errorResponse(
        "The request did not say Content-Type: application/json (sent even without a body)",
      );
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = {
      operationId: route.operationId ?? route.field,
      summary: route.summary,
      // Mutations say their scope in their description already (security/scope-docs.ts).
      description: /Scope: /.test(op.field.description ?? "")
        ? op.field.description
        : `${op.field.description ? `${op.field.description} ` : ""}Scope: ${scopeText(op.field)}.`,
      "x-baton-scope": scopeText(op.field),
      tags: [route.tag],
      parameters: [
        ...op.pathParams.map((a) => ({
          name: a.name,
          in: "path",
          required: true,
          schema: typeSchema(a.type),
          description: a.description ?? undefined,
        })),
        ...op.queryParams.map((a) => ({
          name: op.restName(a.name),
          in: "query",
          required: isNonNullType(a.type),
          schema: typeSchema(a.type),
          description: a.description ?? undefined,
        })),
      ],
      ...(op.bodyArg
        ? { requestBody: { required: true, content: { "application/json": { schema: typeSchema(op.bodyArg.type) } } } }
        : {}),
      responses,
    };
  }
  delete components[ERROR_INTERFACE];
  paths["/health"] = { get: { ...(HEALTH_OPENAPI as { get: object }).get, security: [] } };
  paths["/auth/session"] = sessionPaths(errorResponse);
  components.Health = HEALTH_SCHEMA;
  return {
    openapi: "3.1.0",
    info: {
      title: "Baton REST API",
      version,
      description:
        "REST shim over Baton's GraphQL schema (same resolvers). GraphQL: /graphql. Field names are snake_case. " +
        "Writes send Content-Type: application/json; requests from other origins (Origin header) are refused " +
        "with 403 unless listed in BATON_ALLOWED_ORIGINS, and a Host that is not a loopback or configured name with 421. " +
        "Every error answers application/json `ErrorResponse` (`{ error: { code, message, field? } }`): besides the " +
        "statuses each operation lists, any operation may answer 403 FORBIDDEN_ORIGIN, 421 MISDIRECTED_REQUEST, 405 " +
        "METHOD_NOT_ALLOWED (with an Allow header) for a method its path does not have, 413 PAYLOAD_TOO_LARGE for a body over " +
        "BATON_BODY_LIMIT, and 500 INTERNAL. Authentication: off by default on loopback (every caller may do " +
        "everything); on (BATON_AUTH=on, and always beyond loopback) every operation needs an API token " +
        "(`Authorization: Bearer baton_…`, or the dashboard's session cookie) with the scope it names: read, " +
        "write, run or admin (docs/security.md).",
    },
    // Relative: the server (and port, or proxy) that served this document.
    servers: [{ url: "/", description: "This Baton server" }],
    paths,
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    components: {
      schemas: components,
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          description:
            "An API token (`baton tokens create --scope …`, or POST /tokens with an admin token); its scopes decide what it may call",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: SESSION_COOKIE,
          description: "The dashboard's session (HttpOnly, SameSite=Strict), set by POST /auth/session",
        },
      },
    },
  };
}
