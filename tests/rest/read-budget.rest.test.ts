// Issue 10 §4: one anonymous read must not freeze the server. Heavy reads (timeline, metrics,
// graph, execution lists) run off the event loop within a time budget (BATON_READ_TIMEOUT_MS):
// past it they answer 503 READ_TIMEOUT (GraphQL: extensions.code); a timeline is capped in size
// and says `truncated`; `GET /health` and small requests answer while a heavy read runs.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "../../server/db.js";
import { createHealthHandler } from "../../server/health.js";
import {
  MAX_GRAPHQL_TIMELINE_EXECUTIONS,
  MAX_TIMELINE_EXECUTIONS,
} from "../../server/modules/execution/execution.views.js";
import { sql, timeParam } from "../../server/sql.js";
import { startTestServer, type TestServer } from "../testkit/server.js";

/** Executions written by one set-based statement (fast on both providers): `count` one-execution trees. */
async function seedSingles(db: Database, count: number, at: Date) {
  const t = timeParam(db.provider, at);
  await db.sql.write([
    sql`WITH RECURSIVE n("i") AS (SELECT 1 UNION ALL SELECT "i" + 1 FROM n WHERE "i" < ${count})
      INSERT INTO "Execution" ("id", "agentName", "status", "timestamp", "endedAt", "durationMs", "rootId", "depth", "attempt", "createdAt", "updatedAt")
      SELECT 's' || "i", 'Bulk' || ("i" % 7), CASE WHEN "i" % 5 = 0 THEN 'failure' ELSE 'success' END,
             ${t}, ${t}, "i" % 997, 's' || "i", 0, 1, ${t}, ${t} FROM n`,
  ]);
}

/** `trees` handoff trees of one root and `children` children each, all of agent TreeAgent. */
async function seedTrees(db: Database, trees: number, children: number, at: Date) {
  const t = timeParam(db.provider, at);
  // Child i (from 1) hangs under root ⌈i / children⌉ (CAST: SQLite binds a number as REAL).
  const parent = sql`'t' || CAST(("i" - 1) / ${children} + 1 AS INTEGER)`;
  await db.sql.write([
    sql`WITH RECURSIVE n("i") AS (SELECT 1 UNION ALL SELECT "i" + 1 FROM n WHERE "i" < ${trees})
      INSERT INTO "Execution" ("id", "agentName", "status", "timestamp", "durationMs", "rootId", "depth", "attempt", "createdAt", "updatedAt")
      SELECT 't' || "i", 'TreeAgent', 'success', ${t}, 5, 't' || "i", 0, 1, ${t}, ${t} FROM n`,
    sql`WITH RECURSIVE n("i") AS (SELECT 1 UNION ALL SELECT "i" + 1 FROM n WHERE "i" < ${trees * children})
      INSERT INTO "Execution" ("id", "agentName", "status", "timestamp", "durationMs", "parentExecutionId", "rootId", "depth", "attempt", "createdAt", "updatedAt")
      SELECT 'c' || "i", 'TreeAgent', 'success', ${t}, 5, ${parent}, ${parent}, 1, 1, ${t}, ${t} FROM n`,
  ]);
}

const ROWS = 300_000;
const yesterday = () => new Date(Date.now() - 86_400_000);
const json = async (r: Response) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> });
const gql = (url: string, query: string) =>
  fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });

const timedOut = (ms: number) => ({
  error: {
    code: "READ_TIMEOUT",
    message:
      `the read did not finish within its budget of ${ms} ms (BATON_READ_TIMEOUT_MS) and was stopped: ` +
      "narrow it (a shorter start_date/end_date range, an agent or status filter, a smaller limit) and retry",
  },
});

describe("a read budget of 5 ms on 300,000 executions", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: "off", env: { BATON_READ_TIMEOUT_MS: "5" } });
    await seedSingles(server.db, ROWS, yesterday());
  });
  afterAll(() => server?.stop());

  test("the default timeline, metrics, graph and a duration-sorted list answer 503 READ_TIMEOUT, saying to narrow the read", async () => {
    const got = await Promise.all(
      ["/executions/timeline", "/metrics", "/executions/graph", "/executions?sort=duration_desc&offset=250000"].map(
        async (path) => ({ path, ...(await json(await fetch(`${server.url}${path}`))) }),
      ),
    );
    expect(got).toEqual(
      ["/executions/timeline", "/metrics", "/executions/graph", "/executions?sort=duration_desc&offset=250000"].map(
        (path) => ({ path, status: 503, body: timedOut(5) }),
      ),
    );
  });

  test("GraphQL: the timeline's error carries extensions.code READ_TIMEOUT", async () => {
    const { status, body } = await json(await gql(server.url, "{ timeline(limit: 20000) { rootCount truncated } }"));
    expect({ status, body }).toEqual({
      status: 200,
      body: {
        data: null,
        errors: [
          {
            message: timedOut(5).error.message,
            path: ["timeline"],
            extensions: { code: "READ_TIMEOUT" },
          },
        ],
      },
    });
  });

  test("the health probe and a small read still answer", async () => {
    const health = await json(await fetch(`${server.url}/health`));
    expect(health).toEqual({
      status: 200,
      body: {
        status: "ok",
        database: "ok",
        engine: "running",
        pubsub: "connected",
        circuits: expect.objectContaining({ open: 0, half_open: 0, not_closed: [] }),
        notion: null,
        uptime_s: expect.any(Number),
      },
    });
    const agents = await json(await fetch(`${server.url}/agents?limit=1`));
    expect(agents).toEqual({ status: 200, body: { agents: [], total: 0, limit: 1, offset: 0 } });
  });
});

describe("a generous read budget on 380,000 executions", () => {
  let server: TestServer;
  beforeAll(async () => {
    // These tests are about what a read answers and what answers while it runs, not about time:
    // a budget no read here comes near, however loaded the machine.
    server = await startTestServer({ seed: "off", env: { BATON_READ_TIMEOUT_MS: "300000" } });
    await seedSingles(server.db, ROWS, yesterday());
    await seedTrees(server.db, 20_000, 3, yesterday());
  });
  afterAll(() => server?.stop());

  test("GET /health: 200 with the database's state; other methods 405", async () => {
    const res = await fetch(`${server.url}/health`);
    expect({ status: res.status, cache: res.headers.get("cache-control"), body: await res.json() }).toEqual({
      status: 200,
      cache: "no-store",
      body: {
        status: "ok",
        database: "ok",
        engine: "running",
        pubsub: "connected",
        circuits: expect.objectContaining({ open: 0, half_open: 0, not_closed: [] }),
        notion: null,
        uptime_s: expect.any(Number),
      },
    });
    const post = await fetch(`${server.url}/health`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect({ status: post.status, allow: post.headers.get("allow"), body: await post.json() }).toEqual({
      status: 405,
      allow: "GET, HEAD",
      body: { error: { code: "METHOD_NOT_ALLOWED", message: "POST is not allowed on /health; use GET" } },
    });
  });

  test("while heavy reads run, /health and a small request answer first", async () => {
    let heavyDone = false;
    const heavy = Promise.all([
      fetch(`${server.url}/metrics`).then((r) => r.status),
      fetch(`${server.url}/executions/timeline?limit=20000`).then((r) => r.status),
    ]).finally(() => {
      heavyDone = true;
    });
    const seen: { path: string; status: number; heavyStillRunning: boolean }[] = [];
    for (const path of ["/health", "/agents?limit=1", "/health"]) {
      const res = await fetch(`${server.url}${path}`);
      seen.push({ path, status: res.status, heavyStillRunning: !heavyDone });
    }
    expect(await heavy).toEqual([200, 200]);
    expect(seen).toEqual([
      { path: "/health", status: 200, heavyStillRunning: true },
      { path: "/agents?limit=1", status: 200, heavyStillRunning: true },
      { path: "/health", status: 200, heavyStillRunning: true },
    ]);
  });

  test("a timeline past the execution cap keeps the newest whole trees and says truncated", async () => {
    const res = await fetch(`${server.url}/executions/timeline?agent=TreeAgent&limit=20000`);
    const body = (await res.json()) as {
      roots: { id: string; children: unknown[] }[];
      context_ids: string[];
      matched_count: number;
      root_count: number;
      truncated: boolean;
      next_cursor: string | null;
    };
    const executions = body.roots.reduce((n, r) => n + 1 + r.children.length, 0);
    expect({
      status: res.status,
      trees: body.roots.length,
      executions,
      wholeTrees: body.roots.every((r) => r.children.length === 3),
      matched: body.matched_count,
      roots: body.root_count,
      truncated: body.truncated,
    }).toEqual({
      status: 200,
      trees: MAX_TIMELINE_EXECUTIONS / 4,
      executions: MAX_TIMELINE_EXECUTIONS,
      wholeTrees: true,
      matched: 80_000,
      roots: 20_000,
      truncated: true,
    });
    // The newest trees (one start: by id, descending) are kept, oldest first as always.
    const ids = Array.from({ length: 20_000 }, (_, i) => `t${i + 1}`).sort();
    expect(body.roots.map((r) => r.id)).toEqual(ids.slice(ids.length - MAX_TIMELINE_EXECUTIONS / 4));
    // The trees the cap left out are the next page's: its cursor continues after the oldest kept.
    const next = await fetch(
      `${server.url}/executions/timeline?agent=TreeAgent&limit=20000&before=${body.next_cursor ?? ""}`,
    );
    const older = (await next.json()) as typeof body;
    expect([next.status, older.roots.map((r) => r.id), older.truncated]).toEqual([
      200,
      ids.slice(ids.length - MAX_TIMELINE_EXECUTIONS / 2, ids.length - MAX_TIMELINE_EXECUTIONS / 4),
      true,
    ]);
  });

  test("GraphQL timeline(limit: 20000) is capped at its own (lower) cap", async () => {
    const { body } = await json(
      await gql(
        server.url,
        '{ timeline(agent: ["TreeAgent"], limit: 20000) { rootCount matchedCount truncated executions { id } } }',
      ),
    );
    const tl = (
      body.data as { timeline: { rootCount: number; matchedCount: number; truncated: boolean; executions: unknown[] } }
    ).timeline;
    expect({ ...tl, executions: tl.executions.length }).toEqual({
      rootCount: 20_000,
      matchedCount: 80_000,
      truncated: true,
      executions: MAX_GRAPHQL_TIMELINE_EXECUTIONS,
    });
  });
});

describe("the health probe's answer when the database fails", () => {
  test("503 with database: error", async () => {
    const handler = createHealthHandler({
      db: { sql: { all: () => Promise.reject(new Error("disk I/O error")) } as unknown as Database["sql"] },
      engine: { running: () => true },
      pubsub: { connected: () => true },
    });
    let status = 0;
    let body = "";
    const res = {
      writeHead: (s: number) => {
        status = s;
      },
      end: (b?: Buffer) => {
        body = b ? b.toString() : "";
      },
    };
    await handler({ method: "GET" } as never, res as never);
    expect({ status, body: JSON.parse(body) }).toEqual({
      status: 503,
      body: {
        status: "unavailable",
        database: "error",
        engine: "running",
        pubsub: "connected",
        circuits: null,
        notion: null,
        uptime_s: 0,
      },
    });
  });
});
