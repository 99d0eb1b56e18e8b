-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "costUsd" DOUBLE PRECISION,
ADD COLUMN     "inputTokens" INTEGER,
ADD COLUMN     "model" TEXT,
ADD COLUMN     "outputTokens" INTEGER;

-- AlterTable
ALTER TABLE "ExecutionRollup" ADD COLUMN     "costCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "costNanos" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "inputTokens" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "outputTokens" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "tokenCount" INTEGER NOT NULL DEFAULT 0;

-- The rollup functions of 20261203030000_execution_rollups, replaced so that they also keep the
-- token and cost sums (executions recorded before this migration have none: their sums are 0).
-- Costs are summed as whole billionths of a dollar, round(costUsd * 1e9), so that a sum is the
-- same whatever order rows are added and taken away in (floating-point sums are not). The
-- triggers themselves stay: they call "baton_rollup_trigger", replaced here.
DROP FUNCTION "baton_rollup_apply"(TEXT[], INTEGER[], TEXT[], BIGINT[], INTEGER[]);

-- Applies signed rows (w = +1 for a row put in, -1 for a row taken out), given as parallel arrays
-- (transition tables are visible only in the trigger function itself): agent, hour, status,
-- duration, input tokens, output tokens, cost in billionths of a dollar, sign.
CREATE FUNCTION "baton_rollup_apply"(ra TEXT[], rh INTEGER[], rst TEXT[], rd BIGINT[], ri BIGINT[], ro BIGINT[], rc BIGINT[], rw INTEGER[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "ExecutionRollup" AS r ("agentName", "hour", "total", "successes", "failures", "cancelled",
        "durationSum", "durationCount", "sketch", "inputTokens", "outputTokens", "tokenCount", "costNanos", "costCount")
    SELECT c.a, c.h, c.n, c.s, c.f, c.c, c.ds, c.dc, COALESCE(k.sk, '{}'::jsonb), c.ti, c.tout, c.tn, c.cn, c.cc
    FROM (
        SELECT a, h, SUM(w) AS n, COALESCE(SUM(w) FILTER (WHERE st = 'success'), 0) AS s,
               COALESCE(SUM(w) FILTER (WHERE st = 'failure'), 0) AS f, COALESCE(SUM(w) FILTER (WHERE st = 'cancelled'), 0) AS c,
               COALESCE(SUM(w * d), 0) AS ds, COALESCE(SUM(w) FILTER (WHERE d IS NOT NULL), 0) AS dc,
               COALESCE(SUM(w * i), 0) AS ti, COALESCE(SUM(w * o), 0) AS tout,
               COALESCE(SUM(w) FILTER (WHERE i IS NOT NULL OR o IS NOT NULL), 0) AS tn,
               COALESCE(SUM(w * cost), 0) AS cn, COALESCE(SUM(w) FILTER (WHERE cost IS NOT NULL), 0) AS cc
        FROM unnest(ra, rh, rst, rd, ri, ro, rc, rw) AS t(a, h, st, d, i, o, cost, w) GROUP BY a, h
    ) c
    LEFT JOIN (
        SELECT a, h, jsonb_object_agg(k, n) AS sk FROM (
            SELECT a, h, CASE WHEN d <= 0 THEN 'z' ELSE CAST(CAST(ceil(ln(d::double precision) / 0.010000083334583356) AS INTEGER) AS TEXT) END AS k, SUM(w) AS n
            FROM unnest(ra, rh, rst, rd, rw) AS t(a, h, st, d, w) WHERE d IS NOT NULL GROUP BY 1, 2, 3 HAVING SUM(w) <> 0
        ) kk GROUP BY a, h
    ) k ON k.a = c.a AND k.h = c.h
    WHERE c.n <> 0 OR c.s <> 0 OR c.f <> 0 OR c.c <> 0 OR c.ds <> 0 OR c.dc <> 0 OR k.sk IS NOT NULL
       OR c.ti <> 0 OR c.tout <> 0 OR c.tn <> 0 OR c.cn <> 0 OR c.cc <> 0
    ORDER BY c.a, c.h
    ON CONFLICT ("agentName", "hour") DO UPDATE SET
        "total" = r."total" + EXCLUDED."total",
        "successes" = r."successes" + EXCLUDED."successes",
        "failures" = r."failures" + EXCLUDED."failures",
        "cancelled" = r."cancelled" + EXCLUDED."cancelled",
        "durationSum" = r."durationSum" + EXCLUDED."durationSum",
        "durationCount" = r."durationCount" + EXCLUDED."durationCount",
        "sketch" = CASE WHEN EXCLUDED."sketch" = '{}'::jsonb THEN r."sketch" ELSE "baton_sketch_add"(r."sketch", EXCLUDED."sketch") END,
        "inputTokens" = r."inputTokens" + EXCLUDED."inputTokens",
        "outputTokens" = r."outputTokens" + EXCLUDED."outputTokens",
        "tokenCount" = r."tokenCount" + EXCLUDED."tokenCount",
        "costNanos" = r."costNanos" + EXCLUDED."costNanos",
        "costCount" = r."costCount" + EXCLUDED."costCount";
    IF EXISTS (SELECT 1 FROM unnest(rw) AS w WHERE w < 0) THEN
        DELETE FROM "ExecutionRollup" r USING (SELECT DISTINCT a, h FROM unnest(ra, rh) AS t(a, h)) t
        WHERE r."agentName" = t.a AND r."hour" = t.h AND r."total" = 0;
    END IF;
END
$$;

-- round(numeric) rounds halves away from zero, as SQLite's round does.
CREATE OR REPLACE FUNCTION "baton_rollup_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM "baton_rollup_apply"(array_agg("agentName"), array_agg(floor(extract(epoch FROM "timestamp") / 3600)::integer),
            array_agg("status"), array_agg("durationMs"::bigint), array_agg("inputTokens"::bigint), array_agg("outputTokens"::bigint),
            array_agg(round(("costUsd" * 1e9)::numeric)::bigint), array_agg(1)) FROM new_rows HAVING COUNT(*) > 0;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM "baton_rollup_apply"(array_agg("agentName"), array_agg(floor(extract(epoch FROM "timestamp") / 3600)::integer),
            array_agg("status"), array_agg("durationMs"::bigint), array_agg("inputTokens"::bigint), array_agg("outputTokens"::bigint),
            array_agg(round(("costUsd" * 1e9)::numeric)::bigint), array_agg(-1)) FROM old_rows HAVING COUNT(*) > 0;
    ELSE
        PERFORM "baton_rollup_apply"(array_agg(x.a), array_agg(x.h), array_agg(x.st), array_agg(x.d), array_agg(x.i),
            array_agg(x.o), array_agg(x.c), array_agg(x.w))
        FROM old_rows o JOIN new_rows n ON n."id" = o."id",
        LATERAL (VALUES
            (o."agentName", floor(extract(epoch FROM o."timestamp") / 3600)::integer, o."status", o."durationMs"::bigint,
             o."inputTokens"::bigint, o."outputTokens"::bigint, round((o."costUsd" * 1e9)::numeric)::bigint, -1),
            (n."agentName", floor(extract(epoch FROM n."timestamp") / 3600)::integer, n."status", n."durationMs"::bigint,
             n."inputTokens"::bigint, n."outputTokens"::bigint, round((n."costUsd" * 1e9)::numeric)::bigint, 1)) x(a, h, st, d, i, o, c, w)
        WHERE (o."agentName", o."timestamp", o."status", o."durationMs", o."inputTokens", o."outputTokens", o."costUsd")
              IS DISTINCT FROM (n."agentName", n."timestamp", n."status", n."durationMs", n."inputTokens", n."outputTokens", n."costUsd")
        HAVING COUNT(*) > 0;
    END IF;
    RETURN NULL;
END
$$;
