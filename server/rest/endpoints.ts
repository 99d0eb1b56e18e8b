// Every REST endpoint the server answers, as "METHOD /path": the route table's, then the two the
// server serves itself ahead of the REST shim (app.ts): the health probe and the dashboard's
// login. The docs review (engine/builtins/docs-review.ts) holds the API reference to this list.
import { HEALTH_PATH } from "../health.js";
import { SESSION_PATH } from "../security/session-routes.js";
import type { RestRoute } from "./routes.js";

/** The methods security/session-routes.ts answers on SESSION_PATH (others: 405). */
const SESSION_METHODS = ["GET", "POST", "DELETE"] as const;

export function servedEndpoints(table: readonly RestRoute[]): string[] {
  return [
    ...table.map((r) => `${r.method} ${r.path}`),
    `GET ${HEALTH_PATH}`,
    ...SESSION_METHODS.map((m) => `${m} ${SESSION_PATH}`),
  ];
}
