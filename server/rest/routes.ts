// The REST shim's route table: each path is one root field of the GraphQL schema, executed with
// the same resolvers. Arguments come from the path, the snake_case query string, or the JSON body.
export interface RestRoute {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** OpenAPI-style path, `{name}` segments bind to the GraphQL argument of that name. */
  path: string;
  operation: "query" | "mutation";
  field: string;
  /** The argument that receives the whole JSON body. */
  body?: string;
  /** Success status (default 200). */
  status?: number;
  summary: string;
  tag: string;
}

export const routes: RestRoute[] = [
  {
    method: "GET",
    path: "/agents",
    operation: "query",
    field: "agents",
    summary: "List agents (filters: capability, pattern, q; paging: limit, offset)",
    tag: "agents",
  },
  {
    method: "POST",
    path: "/agents",
    operation: "mutation",
    field: "createAgent",
    body: "input",
    status: 201,
    summary: "Register an agent",
    tag: "agents",
  },
  {
    method: "GET",
    path: "/agents/{id}",
    operation: "query",
    field: "agent",
    summary: "An agent by id or unique name",
    tag: "agents",
  },
  {
    method: "PATCH",
    path: "/agents/{id}",
    operation: "mutation",
    field: "updateAgent",
    body: "input",
    summary: "Change an agent (lists given replace the stored ones)",
    tag: "agents",
  },
  {
    method: "DELETE",
    path: "/agents/{id}",
    operation: "mutation",
    field: "deleteAgent",
    summary: "Delete an agent",
    tag: "agents",
  },
  {
    method: "GET",
    path: "/patterns",
    operation: "query",
    field: "patterns",
    summary: "List coordination patterns",
    tag: "patterns",
  },
  {
    method: "GET",
    path: "/patterns/{id}",
    operation: "query",
    field: "pattern",
    summary: "A pattern by id, key (sequential) or name",
    tag: "patterns",
  },
];
