-- Executions per agent per UTC quarter hour, beside the hourly rollups. A metrics bucket is whole
-- hours (ExecutionRollup) plus, at its edges, whole quarter hours (this table): every zone in use
-- today is offset from UTC by a whole number of quarter hours (India +05:30, Nepal +05:45), so the
-- day and week edges of any zone now come from rollups too, where they came from the executions
-- themselves (a 90-day read in Asia/Kolkata read 41,000 executions for its 180 half-hour edges).
-- Only a range's own ends that fall inside a quarter hour are still read from the executions.
--
-- And the sketch is stored as JSON text, not jsonb, in both tables. A metrics read concatenates
-- the sketches of every hour it covers (string_agg) and TypeScript scans the text; turning 17,280
-- jsonb values into text was most of a 90-day read's SQL time (about 110 ms of 125 on a million
-- executions; about 40 ms as text). The text is what jsonb::text writes ({"461": 2, "z": 1}), so
-- rows already stored read the same; bins are still added through jsonb (baton_sketch_add).

-- CreateTable
CREATE TABLE "ExecutionRollupQuarter" (
    "agentName" TEXT NOT NULL,
    "quarter" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "successes" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "cancelled" INTEGER NOT NULL,
    "durationSum" BIGINT NOT NULL,
    "durationCount" INTEGER NOT NULL,
    "sketch" TEXT NOT NULL,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "tokenCount" INTEGER NOT NULL DEFAULT 0,
    "costNanos" BIGINT NOT NULL DEFAULT 0,
    "costCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ExecutionRollupQuarter_pkey" PRIMARY KEY ("agentName","quarter")
);

-- CreateIndex
CREATE INDEX "ExecutionRollupQuarter_quarter_idx" ON "ExecutionRollupQuarter"("quarter");

-- AlterTable
ALTER TABLE "ExecutionRollup" ALTER COLUMN "sketch" TYPE TEXT USING "sketch"::text;

DROP FUNCTION "baton_rollup_apply"(TEXT[], INTEGER[], TEXT[], BIGINT[], BIGINT[], BIGINT[], BIGINT[], INTEGER[]);
DROP FUNCTION "baton_sketch_add"(JSONB, JSONB);

-- Bin-wise sum of two sketches (JSON text), dropping bins that reach zero.
CREATE FUNCTION "baton_sketch_add"(a TEXT, b TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT COALESCE(jsonb_object_agg(k, n), '{}'::jsonb)::text FROM (
        SELECT k, SUM(n) AS n FROM (
            SELECT key AS k, value::numeric AS n FROM jsonb_each_text(a::jsonb)
            UNION ALL SELECT key, value::numeric FROM jsonb_each_text(b::jsonb)
        ) x GROUP BY k HAVING SUM(n) <> 0
    ) y
$$;

-- Applies signed rows (w = +1 for a row put in, -1 for a row taken out) to one rollup table:
-- "tbl" with its bucket column "col" = floor(epoch seconds / unit) (ExecutionRollup: "hour", 3600;
-- ExecutionRollupQuarter: "quarter", 900). Rows come as parallel arrays (transition tables are
-- visible only in the trigger function itself): agent, start (epoch seconds), status, duration,
-- input tokens, output tokens, cost in billionths of a dollar, sign. One grouped upsert per
-- (agent, bucket) touched, in key order (concurrent writers serialise on the rows they share).
CREATE FUNCTION "baton_rollup_apply"(tbl TEXT, col TEXT, unit INTEGER, ra TEXT[], rt NUMERIC[], rst TEXT[], rd BIGINT[],
                                     ri BIGINT[], ro BIGINT[], rc BIGINT[], rw INTEGER[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format($q$
    INSERT INTO %1$I AS r ("agentName", %2$I, "total", "successes", "failures", "cancelled",
        "durationSum", "durationCount", "sketch", "inputTokens", "outputTokens", "tokenCount", "costNanos", "costCount")
    SELECT c.a, c.h, c.n, c.s, c.f, c.c, c.ds, c.dc, COALESCE(k.sk::text, '{}'), c.ti, c.tout, c.tn, c.cn, c.cc
    FROM (
        SELECT a, h, SUM(w) AS n, COALESCE(SUM(w) FILTER (WHERE st = 'success'), 0) AS s,
               COALESCE(SUM(w) FILTER (WHERE st = 'failure'), 0) AS f, COALESCE(SUM(w) FILTER (WHERE st = 'cancelled'), 0) AS c,
               COALESCE(SUM(w * d), 0) AS ds, COALESCE(SUM(w) FILTER (WHERE d IS NOT NULL), 0) AS dc,
               COALESCE(SUM(w * i), 0) AS ti, COALESCE(SUM(w * o), 0) AS tout,
               COALESCE(SUM(w) FILTER (WHERE i IS NOT NULL OR o IS NOT NULL), 0) AS tn,
               COALESCE(SUM(w * cost), 0) AS cn, COALESCE(SUM(w) FILTER (WHERE cost IS NOT NULL), 0) AS cc
        FROM (SELECT a, floor(ts / $9)::integer AS h, st, d, i, o, cost, w
              FROM unnest($1, $2, $3, $4, $5, $6, $7, $8) AS t(a, ts, st, d, i, o, cost, w)) t
        GROUP BY a, h
    ) c
    LEFT JOIN (
        SELECT a, h, jsonb_object_agg(k, n) AS sk FROM (
            SELECT a, floor(ts / $9)::integer AS h,
                   CASE WHEN d <= 0 THEN 'z' ELSE CAST(CAST(ceil(ln(d::double precision) / 0.010000083334583356) AS INTEGER) AS TEXT) END AS k,
                   SUM(w) AS n
            FROM unnest($1, $2, $4, $8) AS t(a, ts, d, w) WHERE d IS NOT NULL GROUP BY 1, 2, 3 HAVING SUM(w) <> 0
        ) kk GROUP BY a, h
    ) k ON k.a = c.a AND k.h = c.h
    WHERE c.n <> 0 OR c.s <> 0 OR c.f <> 0 OR c.c <> 0 OR c.ds <> 0 OR c.dc <> 0 OR k.sk IS NOT NULL
       OR c.ti <> 0 OR c.tout <> 0 OR c.tn <> 0 OR c.cn <> 0 OR c.cc <> 0
    ORDER BY c.a, c.h
    ON CONFLICT ("agentName", %2$I) DO UPDATE SET
        "total" = r."total" + EXCLUDED."total",
        "successes" = r."successes" + EXCLUDED."successes",
        "failures" = r."failures" + EXCLUDED."failures",
        "cancelled" = r."cancelled" + EXCLUDED."cancelled",
        "durationSum" = r."durationSum" + EXCLUDED."durationSum",
        "durationCount" = r."durationCount" + EXCLUDED."durationCount",
        "sketch" = CASE WHEN EXCLUDED."sketch" = '{}' THEN r."sketch" ELSE "baton_sketch_add"(r."sketch", EXCLUDED."sketch") END,
        "inputTokens" = r."inputTokens" + EXCLUDED."inputTokens",
        "outputTokens" = r."outputTokens" + EXCLUDED."outputTokens",
        "tokenCount" = r."tokenCount" + EXCLUDED."tokenCount",
        "costNanos" = r."costNanos" + EXCLUDED."costNanos",
        "costCount" = r."costCount" + EXCLUDED."costCount"
    $q$, tbl, col) USING ra, rt, rst, rd, ri, ro, rc, rw, unit;
    IF EXISTS (SELECT 1 FROM unnest(rw) AS w WHERE w < 0) THEN
        EXECUTE format($q$
        DELETE FROM %1$I r USING (SELECT DISTINCT a, floor(ts / $3)::integer AS h FROM unnest($1, $2) AS t(a, ts)) t
        WHERE r."agentName" = t.a AND r.%2$I = t.h AND r."total" = 0
        $q$, tbl, col) USING ra, rt, unit;
    END IF;
END
$$;

-- Both tables from one pass over the transition tables. round(numeric) rounds halves away from
-- zero, as SQLite's round does.
CREATE OR REPLACE FUNCTION "baton_rollup_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ra TEXT[]; rt NUMERIC[]; rst TEXT[]; rd BIGINT[]; ri BIGINT[]; ro BIGINT[]; rc BIGINT[]; rw INTEGER[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg("agentName"), array_agg(extract(epoch FROM "timestamp")), array_agg("status"), array_agg("durationMs"::bigint),
               array_agg("inputTokens"::bigint), array_agg("outputTokens"::bigint), array_agg(round(("costUsd" * 1e9)::numeric)::bigint), array_agg(1)
        INTO ra, rt, rst, rd, ri, ro, rc, rw FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg("agentName"), array_agg(extract(epoch FROM "timestamp")), array_agg("status"), array_agg("durationMs"::bigint),
               array_agg("inputTokens"::bigint), array_agg("outputTokens"::bigint), array_agg(round(("costUsd" * 1e9)::numeric)::bigint), array_agg(-1)
        INTO ra, rt, rst, rd, ri, ro, rc, rw FROM old_rows;
    ELSE
        SELECT array_agg(x.a), array_agg(x.t), array_agg(x.st), array_agg(x.d), array_agg(x.i), array_agg(x.o), array_agg(x.c), array_agg(x.w)
        INTO ra, rt, rst, rd, ri, ro, rc, rw
        FROM old_rows o JOIN new_rows n ON n."id" = o."id",
        LATERAL (VALUES
            (o."agentName", extract(epoch FROM o."timestamp"), o."status", o."durationMs"::bigint,
             o."inputTokens"::bigint, o."outputTokens"::bigint, round((o."costUsd" * 1e9)::numeric)::bigint, -1),
            (n."agentName", extract(epoch FROM n."timestamp"), n."status", n."durationMs"::bigint,
             n."inputTokens"::bigint, n."outputTokens"::bigint, round((n."costUsd" * 1e9)::numeric)::bigint, 1)) x(a, t, st, d, i, o, c, w)
        WHERE (o."agentName", o."timestamp", o."status", o."durationMs", o."inputTokens", o."outputTokens", o."costUsd")
              IS DISTINCT FROM (n."agentName", n."timestamp", n."status", n."durationMs", n."inputTokens", n."outputTokens", n."costUsd");
    END IF;
    IF ra IS NOT NULL THEN
        PERFORM "baton_rollup_apply"('ExecutionRollup', 'hour', 3600, ra, rt, rst, rd, ri, ro, rc, rw);
        PERFORM "baton_rollup_apply"('ExecutionRollupQuarter', 'quarter', 900, ra, rt, rst, rd, ri, ro, rc, rw);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION "baton_rollup_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "ExecutionRollup";
    DELETE FROM "ExecutionRollupQuarter";
    RETURN NULL;
END
$$;

-- Existing executions (what `baton metrics rebuild` also recomputes).
INSERT INTO "ExecutionRollupQuarter" ("agentName", "quarter", "total", "successes", "failures", "cancelled",
    "durationSum", "durationCount", "sketch", "inputTokens", "outputTokens", "tokenCount", "costNanos", "costCount")
SELECT "a", "g", SUM("n"), SUM("s"), SUM("f"), SUM("c"), SUM("ds"), SUM("dc"),
       COALESCE(jsonb_object_agg(CASE WHEN "k" < 0 THEN 'z' ELSE "k"::text END, "n") FILTER (WHERE "k" IS NOT NULL), '{}'::jsonb)::text,
       SUM("ti"), SUM("to"), SUM("tn"), SUM("cn"), SUM("cc")
FROM (
    SELECT e."agentName" AS "a", floor(extract(epoch FROM e."timestamp") / 900)::integer AS "g",
           CASE WHEN e."durationMs" IS NULL THEN NULL WHEN e."durationMs" <= 0 THEN -1 ELSE CAST(ceil(ln(e."durationMs"::double precision) / 0.010000083334583356) AS INTEGER) END AS "k",
           COUNT(*) AS "n", COUNT(*) FILTER (WHERE e."status" = 'success') AS "s", COUNT(*) FILTER (WHERE e."status" = 'failure') AS "f",
           COUNT(*) FILTER (WHERE e."status" = 'cancelled') AS "c", COALESCE(SUM(e."durationMs"), 0) AS "ds", COUNT(e."durationMs") AS "dc",
           COALESCE(SUM(e."inputTokens"), 0) AS "ti", COALESCE(SUM(e."outputTokens"), 0) AS "to",
           COUNT(*) FILTER (WHERE e."inputTokens" IS NOT NULL OR e."outputTokens" IS NOT NULL) AS "tn",
           COALESCE(SUM(round((e."costUsd" * 1e9)::numeric)::bigint), 0) AS "cn", COUNT(e."costUsd") AS "cc"
    FROM "Execution" e GROUP BY 1, 2, 3
) "x"
GROUP BY "a", "g";
