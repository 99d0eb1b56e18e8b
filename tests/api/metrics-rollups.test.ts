// Metrics from rollups (ExecutionRollup, docs/architecture.md "Metrics from rollups"), on SQLite and
// PostgreSQL alike:
// - after a mixed sequence of writes through every path (REST batch and single, GraphQL record and
//   update, REST update and delete, a workflow run's engine writes, Claude Code hooks, Prisma's
//   createMany and multi-row raw SQL updates and deletes), the rollup rows equal a recomputation
//   from the raw executions made here, in both tables (hour and quarter-hour buckets, counts, sums, token and cost sums, DDSketch bins computed with the
//   library's own mapping);
// - `baton metrics rebuild` recomputes identical rows;
// - p50/p95 of merged sketches are within 1% of the exact nearest-rank values on four distributions;
// - day and week series in zones with :30 and :45 offsets (and DST) are exact: counts, rates and
//   averages equal the independent model, over date ranges and over ranges that start and end mid-hour.
import { DDSketch } from "@datadog/sketches-js";
import type { Database } from "../../server/db.js";
import { raw, readTime, sql } from "../../server/sql.js";
import { batonCli } from "../testkit/baton-cli.js";
import { parallelAndNestedSession } from "../testkit/claude-hooks.js";
import { DAY, type ExecutionBody, type ExecutionStatus, iso, prng } from "../testkit/executions.js";
import { uniqueName } from "../testkit/factories.js";
import { describe, expect, test } from "../testkit/fixtures.js";
import {
  addDays,
  gqlMetrics,
  localMidnight,
  localTime,
  type MetricsExecution,
  expectedMetrics,
  nearestRank,
  recordAll,
  toGqlMetrics,
} from "../testkit/metrics.js";
import { registerMockAgent, runWorkflow } from "../testkit/workflows.js";

const HOUR = 3_600_000;
/** The two rollup tables: per agent per UTC hour, and per agent per UTC quarter hour. */
const TABLES = [
  { table: "ExecutionRollup", column: "hour", unitMs: HOUR },
  { table: "ExecutionRollupQuarter", column: "quarter", unitMs: HOUR / 4 },
] as const;
type Table = (typeof TABLES)[number];
const mapping = new DDSketch({ relativeAccuracy: 0.005 }).mapping;

interface RollupRow {
  agentName: string;
  /** The hour or quarter hour since 1970. */
  bucket: number;
  total: number;
  successes: number;
  failures: number;
  cancelled: number;
  durationSum: number;
  durationCount: number;
  sketch: Record<string, number>;
  inputTokens: number;
  outputTokens: number;
  tokenCount: number;
  costNanos: number;
  costCount: number;
}
const order = (rows: RollupRow[]) =>
  rows.sort((a, b) => (a.agentName < b.agentName ? -1 : a.agentName > b.agentName ? 1 : a.bucket - b.bucket));

async function rollupRows(db: Database, t: Table = TABLES[0]): Promise<RollupRow[]> {
  const rows = await db.sql.all<Record<string, unknown>>(
    sql`SELECT "agentName", ${raw(`"${t.column}"`)} AS "bucket", "total", "successes", "failures", "cancelled", "durationSum", "durationCount", "sketch",
               "inputTokens", "outputTokens", "tokenCount", "costNanos", "costCount"
        FROM ${raw(`"${t.table}"`)}`,
  );
  return order(
    rows.map((r) => ({
      agentName: String(r.agentName),
      bucket: Number(r.bucket),
      total: Number(r.total),
      successes: Number(r.successes),
      failures: Number(r.failures),
      cancelled: Number(r.cancelled),
      durationSum: Number(r.durationSum),
      durationCount: Number(r.durationCount),
      sketch: Object.fromEntries(
        Object.entries((typeof r.sketch === "string" ? JSON.parse(r.sketch) : r.sketch) as Record<string, unknown>).map(
          ([k, v]) => [k, Number(v)],
        ),
      ),
      inputTokens: Number(r.inputTokens),
      outputTokens: Number(r.outputTokens),
      tokenCount: Number(r.tokenCount),
      costNanos: Number(r.costNanos),
      costCount: Number(r.costCount),
    })),
  );
}

/** A table's rollup rows recomputed here from the raw executions (the library's mapping for the bins). */
async function recomputed(db: Database, t: Table = TABLES[0]): Promise<RollupRow[]> {
  const rows = await db.sql.all<Record<string, unknown>>(
    sql`SELECT "agentName", "timestamp", "status", "durationMs", "inputTokens", "outputTokens", "costUsd" FROM "Execution"`,
  );
  const byKey = new Map<string, RollupRow>();
  for (const r of rows) {
    const agentName = String(r.agentName);
    const bucket = Math.floor((readTime(r.timestamp) as Date).getTime() / t.unitMs);
    const k = `${agentName}\u0000${bucket}`;
    const row = byKey.get(k) ?? {
      agentName,
      bucket,
      total: 0,
      successes: 0,
      failures: 0,
      cancelled: 0,
      durationSum: 0,
      durationCount: 0,
      sketch: {},
      inputTokens: 0,
      outputTokens: 0,
      tokenCount: 0,
      costNanos: 0,
      costCount: 0,
    };
    byKey.set(k, row);
    row.total++;
    if (r.status === "success") row.successes++;
    if (r.status === "failure") row.failures++;
    if (r.status === "cancelled") row.cancelled++;
    if (r.durationMs !== null && r.durationMs !== undefined) {
      const d = Number(r.durationMs);
      row.durationSum += d;
      row.durationCount++;
      const bin = d <= 0 ? "z" : String(mapping.key(d));
      row.sketch[bin] = (row.sketch[bin] ?? 0) + 1;
    }
    // Tokens over the executions that said either count; costs in whole billionths of a dollar.
    if (r.inputTokens != null || r.outputTokens != null) {
      row.inputTokens += Number(r.inputTokens ?? 0);
      row.outputTokens += Number(r.outputTokens ?? 0);
      row.tokenCount++;
    }
    if (r.costUsd != null) {
      row.costNanos += Math.round(Number(r.costUsd) * 1e9);
      row.costCount++;
    }
  }
  return order([...byKey.values()]);
}

/** Both tables equal their recomputation; returns the recomputed rows (hours, quarter hours). */
async function expectRollupsExact(db: Database, step: string) {
  const want: RollupRow[][] = [];
  for (const t of TABLES) {
    want.push(await recomputed(db, t));
    expect(await rollupRows(db, t), `${step}: ${t.table}`).toEqual(want.at(-1));
  }
  return want as [RollupRow[], RollupRow[]];
}

const STATUSES: ExecutionStatus[] = ["success", "success", "success", "failure", "cancelled", "in_progress", "pending"];

describe("rollups follow every write", () => {
  test("a mixed sequence of writes through every path leaves the rollups equal to a recomputation; rebuild gives the same rows", {
    timeout: 120_000,
  }, async ({ server, api, graphql }) => {
    const db = server.db;
    const r = prng(15_2026);
    const agents = ["A", "B", "C"].map((a) => uniqueName(`Rollup${a}`));
    const t0 = Date.UTC(2026, 4, 4, 6);
    const body = (i: number): ExecutionBody => {
      const status = r.pick(STATUSES);
      const finished = ["success", "failure", "cancelled"].includes(status);
      return {
        id: `rollup-${i}-${r.int(0, 1e9)}`,
        agent_name: r.pick(agents),
        status,
        timestamp: iso(t0 + r.int(0, 30 * HOUR)),
        ...(finished && r.chance(0.85) ? { duration_ms: r.pick([0, r.int(1, 99), r.int(100, 60_000)]) } : {}),
        ...usage(),
      };
    };
    // Usage from a generator of its own (the rest of the data is what it was): some say tokens and
    // cost, some one of them, most nothing.
    const u = prng(16_2026);
    const usage = () =>
      u.pick([
        {},
        {},
        { input_tokens: u.int(0, 90_000), output_tokens: u.int(0, 9_000), cost_usd: u.int(0, 3e9) / 1e9 },
        { output_tokens: u.int(0, 9_000) },
        { cost_usd: u.int(0, 3e9) / 1e9 },
      ]);

    // REST batch.
    const batch = Array.from({ length: 400 }, (_, i) => body(i));
    await recordAll(api, batch);
    await expectRollupsExact(db, "REST batch");

    // REST single and GraphQL record.
    const single = await api.post<{ id: string }>("/executions", {
      agent_name: agents[0],
      status: "in_progress",
      timestamp: iso(t0 + 5 * HOUR + 17),
    });
    expect(single.status).toBe(201);
    const recorded = await graphql.query<{ recordExecution: { id: string } }>(
      `mutation($input: RecordExecutionInput!) { recordExecution(input: $input) { ... on Execution { id } } }`,
      { input: { agentName: agents[1], status: "PENDING", timestamp: iso(t0 + 7 * HOUR) } },
    );
    await expectRollupsExact(db, "REST single and GraphQL record");

    // Status and duration updates: REST PATCH finishes one, GraphQL another (a zero duration).
    const patched = await api.patch(`/executions/${single.body.id}`, {
      status: "success",
      duration_ms: 1234,
      model: "claude-sonnet-4-5",
      input_tokens: 4_321,
      output_tokens: 765,
      cost_usd: 0.024438,
    });
    expect(patched.status).toBe(200);
    await graphql.query(
      `mutation($id: ID!, $input: UpdateExecutionInput!) { updateExecution(id: $id, input: $input) { ... on Execution { id } } }`,
      { id: recorded.recordExecution.id, input: { status: "FAILURE", durationMs: 0, inputTokens: 10, costUsd: 0.5 } },
    );
    const unfinished = batch.find((b) => b.status === "in_progress") as ExecutionBody;
    expect((await api.patch(`/executions/${unfinished.id}`, { status: "cancelled", duration_ms: 77_777 })).status).toBe(
      200,
    );
    await expectRollupsExact(db, "updates");

    // REST delete.
    const doomed = batch.filter((b) => b.duration_ms !== undefined).slice(0, 3);
    for (const d of doomed) expect((await api.delete(`/executions/${d.id}`)).status).toBe(200);
    await expectRollupsExact(db, "REST delete");

    // The engine: a workflow run writes its executions through the run store's raw SQL.
    const worker = await registerMockAgent(api, { latency_ms: 5 });
    const { run } = await runWorkflow(api, [
      { id: "first", agent: worker },
      {
        parallel: [
          { id: "left", agent: worker },
          { id: "right", agent: worker },
        ],
      },
    ]);
    expect(run.status).toBe("succeeded");
    await expectRollupsExact(db, "workflow run");

    // Claude Code hooks: a session with parallel and nested sub-agents.
    for (const e of parallelAndNestedSession(uniqueName("rollup-session"), server.workdir, new Date(t0)))
      expect((await api.post("/hooks/claude-code", e)).status).toBe(200);
    await expectRollupsExact(db, "Claude Code hooks");

    // Any other writer: Prisma's createMany, multi-row raw updates moving rows across agents and
    // hours (and changing status and duration), a multi-row delete.
    await db.prisma.execution.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({
        id: `rollup-many-${i}`,
        agentName: agents[i % 3] as string,
        status: i % 2 ? "success" : "failure",
        timestamp: new Date(t0 + i * 997_000),
        durationMs: i % 5 ? i * 1_013 : null,
        rootId: `rollup-many-${i}`,
        ...(i % 3 ? { inputTokens: i * 101, outputTokens: i * 7 } : {}),
        ...(i % 4 ? { costUsd: i / 1_000 } : {}),
      })),
    });
    await expectRollupsExact(db, "createMany");
    await db.sql.write([
      sql`UPDATE "Execution" SET "agentName" = ${agents[2]}, "durationMs" = 31 WHERE "id" LIKE 'rollup-many-1%'`,
    ]);
    await expectRollupsExact(db, "multi-row move");
    // Token and cost changes alone (nothing else rolled up changes): set, changed and cleared.
    await db.sql.write([
      sql`UPDATE "Execution" SET "inputTokens" = 5, "costUsd" = 0.000000001 WHERE "id" LIKE 'rollup-many-3%'`,
      sql`UPDATE "Execution" SET "inputTokens" = NULL, "outputTokens" = NULL, "costUsd" = NULL WHERE "id" LIKE 'rollup-many-4%'`,
    ]);
    await expectRollupsExact(db, "token and cost updates");
    const moved = await db.prisma.execution.updateMany({
      where: { id: { startsWith: "rollup-many-2" } },
      data: { timestamp: new Date(t0 + 40 * HOUR), status: "cancelled" },
    });
    expect(moved.count).toBe(11);
    await db.prisma.execution.updateMany({
      where: { id: { startsWith: "rollup-many-3" } },
      data: { outputs: { x: 1 } },
    });
    await expectRollupsExact(db, "multi-row updates");
    await db.sql.write([sql`DELETE FROM "Execution" WHERE "id" LIKE 'rollup-many-4%'`]);
    const [want, wantQuarters] = await expectRollupsExact(db, "multi-row delete");
    expect(want.length).toBeGreaterThan(60);
    expect(wantQuarters.length).toBeGreaterThan(want.length);

    // Rebuild: from emptied (and spoiled) tables, the same rows.
    await db.sql.write([
      sql`DELETE FROM "ExecutionRollup"`,
      sql`INSERT INTO "ExecutionRollup" ("agentName", "hour", "total", "successes", "failures", "cancelled", "durationSum",
            "durationCount", "sketch", "costNanos") VALUES ('nobody', 1, 5, 5, 0, 0, 5, 5, '{"0": 5}', 7)`,
      sql`DELETE FROM "ExecutionRollupQuarter" WHERE "agentName" = ${agents[0]}`,
      sql`UPDATE "ExecutionRollupQuarter" SET "total" = "total" + 1, "sketch" = '{"1": 1}'`,
    ]);
    const cli = await batonCli(["metrics", "rebuild", "--json"], { DATABASE_URL: server.database.url });
    expect(cli.stderr).toBe("");
    expect(cli.code).toBe(0);
    const total = want.reduce((n, x) => n + x.total, 0);
    expect(JSON.parse(cli.stdout)).toMatchObject({
      rows: want.length,
      quarterRows: wantQuarters.length,
      executions: total,
    });
    expect(await rollupRows(db, TABLES[0])).toEqual(want);
    expect(await rollupRows(db, TABLES[1])).toEqual(wantQuarters);
  });

  test("baton metrics with anything but rebuild is a usage error (exit 2) and changes nothing", async ({ server }) => {
    const before = await rollupRows(server.db);
    const cli = await batonCli(["metrics", "rebiuld"], { DATABASE_URL: server.database.url });
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain("usage: baton metrics rebuild");
    expect(await rollupRows(server.db)).toEqual(before);
  });
});

describe("percentiles from merged sketches", () => {
  test("p50 and p95 of four distributions, per day and over ten days, within 1% of the exact values", {
    timeout: 120_000,
  }, async ({ api, graphql }) => {
    const r = prng(95_2026);
    const normal = () => Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
    const distributions: Record<string, () => number> = {
      lognormal: () => Math.round(Math.exp(7.5 + normal())),
      uniform: () => r.int(0, 600_000),
      bimodal: () => (r.chance(0.7) ? r.int(40, 60) : r.int(25_000, 35_000)),
      pareto: () => Math.round(200 / (1 - r.next()) ** (1 / 1.5)),
    };
    const start = Date.UTC(2026, 6, 1);
    let worst = 0;
    for (const [name, draw] of Object.entries(distributions)) {
      const agent = uniqueName(`Pct${name}`);
      const model: MetricsExecution[] = [];
      const bodies: ExecutionBody[] = [];
      for (let i = 0; i < 3_000; i++) {
        const ts = start + r.int(0, 10 * DAY - 1);
        const durationMs = draw();
        model.push({ agent, status: "success", ts, durationMs });
        bodies.push({ agent_name: agent, status: "success", timestamp: iso(ts), duration_ms: durationMs });
      }
      await recordAll(api, bodies);
      const got = await gqlMetrics(graphql, {
        agent: [agent],
        startDate: "2026-07-01",
        endDate: "2026-07-10",
        granularity: "DAY",
      });
      const want = expectedMetrics(model, {
        agents: [agent],
        start,
        endExclusive: start + 10 * DAY,
        granularity: "day",
        tz: "UTC",
      });
      expect(got, name).toEqual(toGqlMetrics(want));
      const sorted = model.map((e) => e.durationMs as number).sort((a, b) => a - b);
      for (const [p, v] of [
        [50, got.summary.p50DurationMs],
        [95, got.summary.p95DurationMs],
      ] as const) {
        const exact = nearestRank(sorted, p) as number;
        worst = Math.max(worst, Math.abs((v as number) - exact) / exact);
      }
    }
    // DDSketch's guarantee at 0.5% relative accuracy (the test's bar is 1%).
    expect(worst).toBeLessThanOrEqual(0.005);
    console.log(
      `[figure] worst relative error of summary p50/p95 over four distributions: ${(worst * 100).toFixed(3)}%`,
    );
  });
});

describe("time zones regroup hour and quarter-hour rollups exactly", () => {
  const ZONES = ["Asia/Kolkata", "Asia/Kathmandu", "Australia/Adelaide", "America/St_Johns", "Europe/Berlin"];

  test("day and week series over dates and over mid-hour instants equal the model in zones at :30 and :45", {
    timeout: 120_000,
  }, async ({ api, graphql }) => {
    const r = prng(545_2026);
    const agents = ["X", "Y"].map((a) => uniqueName(`Tz${a}`));
    const start = Date.UTC(2026, 2, 20); // over the DST changes of Adelaide (April) and Berlin, St John's (March)
    const model: MetricsExecution[] = [];
    const bodies: ExecutionBody[] = [];
    for (let i = 0; i < 2_000; i++) {
      const agent = r.pick(agents);
      const status = r.pick(STATUSES);
      // Many on the quarter hours either side of a half or three-quarter hour.
      const ts = r.chance(0.3)
        ? start + r.int(0, 24 * 19) * HOUR + r.pick([15, 30, 45]) * 60_000 - r.int(0, 1)
        : start + r.int(0, 20 * DAY - 1);
      const finished = ["success", "failure", "cancelled"].includes(status);
      const durationMs = finished ? r.int(0, 90_000) : null;
      model.push({ agent, status, ts, durationMs });
      bodies.push({
        agent_name: agent,
        status,
        timestamp: iso(ts),
        ...(durationMs !== null ? { duration_ms: durationMs } : {}),
      });
    }
    await recordAll(api, bodies);
    for (const tz of ZONES) {
      for (const granularity of ["day", "week"] as const) {
        // A date range.
        const from = "2026-03-25";
        const to = "2026-04-06";
        const got = await gqlMetrics(graphql, {
          agent: agents,
          startDate: from,
          endDate: to,
          granularity: granularity.toUpperCase() as "DAY" | "WEEK",
          tz,
        });
        const want = expectedMetrics(model, {
          agents,
          start: localMidnight(from, tz),
          endExclusive: localMidnight(addDays(to, 1), tz),
          granularity,
          tz,
        });
        expect(got, `${tz} ${granularity} dates`).toEqual(toGqlMetrics(want));
        expect(want.summary.total).toBeGreaterThan(500);
      }
      // Instants in the middle of hours (local wall-clock times without an offset).
      const startWall = "2026-03-23T07:17:31.250";
      const endWall = "2026-04-02T19:43:05.999";
      const got = await gqlMetrics(graphql, {
        agent: agents,
        startDate: startWall,
        endDate: endWall,
        granularity: "DAY",
        tz,
      });
      const want = expectedMetrics(model, {
        agents,
        start: localTime(startWall, tz),
        endExclusive: localTime(endWall, tz) + 1,
        granularity: "day",
        tz,
      });
      expect(got, `${tz} mid-hour`).toEqual(toGqlMetrics(want));
    }
  });
});
