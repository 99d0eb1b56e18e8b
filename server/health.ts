// `GET /health`: a probe for load balancers and supervisors — public, tiny, fast. It asks the
// database one small query on the server's own connection (the agents whose circuit is not closed,
// and how many agents there are: the registry is small): heavy reads run elsewhere (SQLite: on
// worker threads; PostgreSQL: at most BATON_READ_CONCURRENCY pool connections), so the probe does
// not queue behind them and answers within milliseconds while the heaviest allowed read runs.
// Healthy (200) means this server can serve: the database answered, the workflow engine runs, and
// pub/sub is connected. Agents' circuits are reported but never make the server unhealthy: an open
// circuit is an agent's trouble, and a load balancer must not take Baton out of service for it.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Database } from "./db.js";
import { effectiveState } from "./engine/recovery/circuit-breaker.js";
import type { NotionStatus } from "./integrations/notion/notion-sync.js";
import { num, readTime, sql } from "./sql.js";

export const HEALTH_PATH = "/health";

/** How long the probe waits for the database before it answers 503 with `database: "timeout"`. */
const DATABASE_WAIT_MS = 1000;

type CircuitStateName = "closed" | "open" | "half_open";

export interface Health {
  status: "ok" | "unavailable";
  database: "ok" | "error" | "timeout";
  engine: "running" | "stopped";
  pubsub: "connected" | "disconnected";
  /** Agents by circuit state; `not_closed` names every agent whose circuit is open or half-open. Null when the database did not answer. */
  circuits: {
    total: number;
    closed: number;
    open: number;
    half_open: number;
    not_closed: { name: string; state: CircuitStateName; consecutive_failures: number; retry_after: string | null }[];
  } | null;
  /** The Notion integration (docs/notion.md); null when it is not configured. Never affects `status`. */
  notion: {
    state: "starting" | "ok" | "degraded" | "error";
    backlog: number;
    failed: number;
    last_success_at: string | null;
    last_error: string | null;
  } | null;
  /** Seconds since this server started. */
  uptime_s: number;
}

export interface HealthDeps {
  db: Pick<Database, "sql">;
  /** Whether the workflow engine runs (started, not closed). */
  engine: { running(): boolean };
  /** Whether pub/sub reaches subscribers (Redis connections ready). */
  pubsub: { connected(): boolean };
  /** The Notion integration, when configured. */
  notion?: { status(): Promise<NotionStatus> };
}

type Circuits = NonNullable<Health["circuits"]>;

export function createHealthHandler({ db, engine, pubsub, notion }: HealthDeps) {
  const notionHealth = async (): Promise<Health["notion"]> => {
    if (!notion) return null;
    const s = await notion.status().catch(() => null);
    if (!s) return null;
    return {
      state: s.state,
      backlog: s.backlog,
      failed: s.failed,
      last_success_at: s.lastSuccessAt,
      last_error: s.lastError,
    };
  };
  const started = Date.now();
  const read = async (): Promise<Circuits> => {
    const rows = await db.sql.all<Record<string, unknown>>(sql`
      SELECT "name", "circuitState", "circuitFailures", "circuitRetryAt", NULL AS "total" FROM "Agent"
      WHERE "circuitState" <> 'closed'
      UNION ALL SELECT NULL, NULL, NULL, NULL, COUNT(*) FROM "Agent"`);
    const now = new Date();
    const circuits: Circuits = { total: 0, closed: 0, open: 0, half_open: 0, not_closed: [] };
    for (const r of rows) {
      if (r.name === null) {
        circuits.total = num(r.total);
        continue;
      }
      const retryAt = readTime(r.circuitRetryAt);
      const state = effectiveState({ state: r.circuitState as CircuitStateName, retryAt }, now);
      circuits.not_closed.push({
        name: String(r.name),
        state,
        consecutive_failures: num(r.circuitFailures),
        retry_after: retryAt?.toISOString() ?? null,
      });
      if (state === "open") circuits.open++;
      else if (state === "half_open") circuits.half_open++;
    }
    circuits.not_closed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    circuits.closed = circuits.total - circuits.open - circuits.half_open;
    return circuits;
  };
  const check = async (): Promise<{ database: Health["database"]; circuits: Health["circuits"] }> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), DATABASE_WAIT_MS);
    });
    try {
      const circuits = await Promise.race([read(), timeout]);
      return circuits === "timeout" ? { database: "timeout", circuits: null } : { database: "ok", circuits };
    } catch {
      return { database: "error", circuits: null };
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
    const { database, circuits } = await check();
    const health: Health = {
      status: "ok",
      database,
      engine: engine.running() ? "running" : "stopped",
      pubsub: pubsub.connected() ? "connected" : "disconnected",
      circuits,
      notion: database === "ok" ? await notionHealth() : null,
      uptime_s: Math.floor((Date.now() - started) / 1000),
    };
    const healthy = database === "ok" && health.engine === "running" && health.pubsub === "connected";
    health.status = healthy ? "ok" : "unavailable";
    const body = Buffer.from(JSON.stringify(health));
    res.writeHead(healthy ? 200 : 503, {
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
    summary: "The server's health and every agent's circuit state, for probes (public, no authentication)",
    description:
      "Answers within milliseconds even while heavy reads run. 200 when the server can serve: the database " +
      "answered (one small query on the server's own connection), the workflow engine runs and pub/sub is " +
      "connected (Redis when REDIS_URL is set); else 503 (`database` says `error` or `timeout`, after 1 s at most; " +
      "`engine` `stopped`; `pubsub` `disconnected`). Agents' circuits are reported (`circuits`: counts by state, " +
      "and every agent whose circuit is not closed) but an open circuit does not make the server unhealthy.",
    tags: ["health"],
    responses: {
      "200": {
        description: "Serving",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Health" } } },
      },
      "503": {
        description: "The database did not answer, the engine is stopped, or pub/sub is disconnected",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Health" } } },
      },
    },
  },
};

export const HEALTH_SCHEMA = {
  type: "object",
  required: ["status", "database", "engine", "pubsub", "circuits", "notion", "uptime_s"],
  properties: {
    status: { type: "string", enum: ["ok", "unavailable"], description: "ok when the server can serve" },
    database: { type: "string", enum: ["ok", "error", "timeout"], description: "What the database probe found" },
    engine: {
      type: "string",
      enum: ["running", "stopped"],
      description: "Whether this server's workflow engine runs (stopped while starting and once closing)",
    },
    pubsub: {
      type: "string",
      enum: ["connected", "disconnected"],
      description: "Whether subscription events reach subscribers (with REDIS_URL: both Redis connections ready)",
    },
    circuits: {
      type: ["object", "null"],
      description: "Agents' circuit breakers (null when the database did not answer); never affects `status`",
      required: ["total", "closed", "open", "half_open", "not_closed"],
      properties: {
        total: { type: "integer", description: "Registered agents" },
        closed: { type: "integer", description: "Agents whose circuit is closed" },
        open: { type: "integer", description: "Agents whose circuit is open" },
        half_open: { type: "integer", description: "Agents whose circuit is half-open (a trial call is allowed)" },
        not_closed: {
          type: "array",
          description: "Every agent whose circuit is open or half-open, by name",
          items: {
            type: "object",
            required: ["name", "state", "consecutive_failures", "retry_after"],
            properties: {
              name: { type: "string", description: "The agent's name" },
              state: { type: "string", enum: ["open", "half_open"], description: "Its circuit's state" },
              consecutive_failures: { type: "integer", description: "Failed executions in a row" },
              retry_after: {
                type: ["string", "null"],
                format: "date-time",
                description: "When a trial call may go through; null for a circuit opened by hand",
              },
            },
          },
        },
      },
    },
    notion: {
      type: ["object", "null"],
      description:
        "The Notion integration (null when NOTION_TOKEN and BATON_NOTION_DATABASE_ID are not set); degraded or error never affects `status`",
      required: ["state", "backlog", "failed", "last_success_at", "last_error"],
      properties: {
        state: {
          type: "string",
          enum: ["starting", "ok", "degraded", "error"],
          description:
            "ok: writing; degraded: Notion or the MCP server keeps failing (retrying); error: configuration refused",
        },
        backlog: { type: "integer", description: "Outbox rows not yet written to Notion" },
        failed: { type: "integer", description: "Executions Notion refused (validation_error), recorded against each" },
        last_success_at: { type: ["string", "null"], format: "date-time", description: "When Notion last answered" },
        last_error: { type: ["string", "null"], description: "The last error from Notion or the MCP server" },
      },
    },
    uptime_s: { type: "integer", description: "Seconds since this server started" },
  },
};
