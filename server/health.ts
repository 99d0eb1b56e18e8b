// `GET /health`: a probe for load balancers and supervisors — public, tiny, fast. It asks the
// database one `SELECT 1` on the server's own connection: heavy reads run elsewhere (SQLite: on
// worker threads; PostgreSQL: at most BATON_READ_CONCURRENCY pool connections), so the probe does
// not queue behind them and answers within milliseconds while the heaviest allowed read runs.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Database } from "./db.js";
import { sql } from "./sql.js";

export const HEALTH_PATH = "/health";

/** How long the probe waits for the database before it answers 503 with `database: "timeout"`. */
const DATABASE_WAIT_MS = 1000;

export interface Health {
  status: "ok" | "unavailable";
  database: "ok" | "error" | "timeout";
  /** Seconds since this server started. */
  uptime_s: number;
}

export function createHealthHandler({ db }: { db: Pick<Database, "sql"> }) {
  const started = Date.now();
  const check = async (): Promise<Health["database"]> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), DATABASE_WAIT_MS);
    });
    try {
      return await Promise.race([db.sql.all(sql`SELECT 1 AS "ok"`).then(() => "ok" as const), timeout]);
    } catch {
      return "error";
    } finally {
      clearTimeout(timer);
    }
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      const body = JSON.stringify({
        error: { code: "METHOD_NOT_ALLOWED", message: `${req.method} is not allowed on ${HEALTH_PATH}; use GET` },
      });
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "application/json; charset=utf-8" });
      res.end(body);
      return;
    }
    const database = await check();
    const health: Health = {
      status: database === "ok" ? "ok" : "unavailable",
      database,
      uptime_s: Math.floor((Date.now() - started) / 1000),
    };
    const body = Buffer.from(JSON.stringify(health));
    res.writeHead(database === "ok" ? 200 : 503, {
      "content-type": "application/json; charset=utf-8",
      "content-length": body.length,
      "cache-control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  };
}

/** The probe in the OpenAPI document (it is not a GraphQL field, so the route table does not hold it). */
export const HEALTH_OPENAPI = {
  get: {
    operationId: "health",
    summary: "Liveness and database reachability, for probes (public, no authentication)",
    description:
      "Answers within milliseconds even while heavy reads run: 200 when the database answered a `SELECT 1`, " +
      "else 503 (`database` says `error` or `timeout`, after 1 s at most).",
    tags: ["health"],
    responses: {
      "200": {
        description: "Serving",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Health" } } },
      },
      "503": {
        description: "The database did not answer",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Health" } } },
      },
    },
  },
};

export const HEALTH_SCHEMA = {
  type: "object",
  required: ["status", "database", "uptime_s"],
  properties: {
    status: { type: "string", enum: ["ok", "unavailable"], description: "ok when the server can serve" },
    database: { type: "string", enum: ["ok", "error", "timeout"], description: "What the database probe found" },
    uptime_s: { type: "integer", description: "Seconds since this server started" },
  },
};
