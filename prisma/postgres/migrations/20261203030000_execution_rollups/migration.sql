-- CreateTable
CREATE TABLE "ExecutionRollup" (
    "agentName" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "successes" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "cancelled" INTEGER NOT NULL,
    "durationSum" BIGINT NOT NULL,
    "durationCount" INTEGER NOT NULL,
    "sketch" JSONB NOT NULL,

    CONSTRAINT "ExecutionRollup_pkey" PRIMARY KEY ("agentName","hour")
);

-- CreateIndex
CREATE INDEX "ExecutionRollup_hour_idx" ON "ExecutionRollup"("hour");

-- Rollup maintenance (not expressible in the Prisma schema): statement-level triggers with
-- transition tables fold every insert, update and delete of "Execution" into the rollup in the
-- statement's own transaction, one upsert per (agent, hour) however many rows the statement wrote
-- (a 1,000-row batch is one upsert per hour touched, not 1,000). The sketch key is DDSketch's
-- logarithmic mapping at 0.5% relative accuracy, ceil(ln(d) / ln(1 + 2a/(1 - a))), the same as
-- @datadog/sketches-js's LogarithmicMapping(0.005).key(d); zero durations count under "z".

-- Bin-wise sum of two sketches, dropping bins that reach zero.
CREATE FUNCTION "baton_sketch_add"(a JSONB, b JSONB) RETURNS JSONB LANGUAGE sql IMMUTABLE AS $$
    SELECT COALESCE(jsonb_object_agg(k, n), '{}'::jsonb) FROM (
        SELECT k, SUM(n) AS n FROM (
            SELECT key AS k, value::numeric AS n FROM jsonb_each_text(a)
            UNION ALL SELECT key, value::numeric FROM jsonb_each_text(b)
        ) x GROUP BY k HAVING SUM(n) <> 0
    ) y
$$;

-- Applies signed rows (w = +1 for a row put in, -1 for a row taken out), given as parallel arrays
-- (transition tables are visible only in the trigger function itself).
CREATE FUNCTION "baton_rollup_apply"(ra TEXT[], rh INTEGER[], rst TEXT[], rd BIGINT[], rw INTEGER[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "ExecutionRollup" AS r
    SELECT c.a, c.h, c.n, c.s, c.f, c.c, c.ds, c.dc, COALESCE(k.sk, '{}'::jsonb)
    FROM (
        SELECT a, h, SUM(w) AS n, COALESCE(SUM(w) FILTER (WHERE st = 'success'), 0) AS s,
               COALESCE(SUM(w) FILTER (WHERE st = 'failure'), 0) AS f, COALESCE(SUM(w) FILTER (WHERE st = 'cancelled'), 0) AS c,
               COALESCE(SUM(w * d), 0) AS ds, COALESCE(SUM(w) FILTER (WHERE d IS NOT NULL), 0) AS dc
        FROM unnest(ra, rh, rst, rd, rw) AS t(a, h, st, d, w) GROUP BY a, h
    ) c
    LEFT JOIN (
        SELECT a, h, jsonb_object_agg(k, n) AS sk FROM (
            SELECT a, h, CASE WHEN d <= 0 THEN 'z' ELSE CAST(CAST(ceil(ln(d::double precision) / 0.010000083334583356) AS INTEGER) AS TEXT) END AS k, SUM(w) AS n
            FROM unnest(ra, rh, rst, rd, rw) AS t(a, h, st, d, w) WHERE d IS NOT NULL GROUP BY 1, 2, 3 HAVING SUM(w) <> 0
        ) kk GROUP BY a, h
    ) k ON k.a = c.a AND k.h = c.h
    WHERE c.n <> 0 OR c.s <> 0 OR c.f <> 0 OR c.c <> 0 OR c.ds <> 0 OR c.dc <> 0 OR k.sk IS NOT NULL
    ORDER BY c.a, c.h
    ON CONFLICT ("agentName", "hour") DO UPDATE SET
        "total" = r."total" + EXCLUDED."total",
        "successes" = r."successes" + EXCLUDED."successes",
        "failures" = r."failures" + EXCLUDED."failures",
        "cancelled" = r."cancelled" + EXCLUDED."cancelled",
        "durationSum" = r."durationSum" + EXCLUDED."durationSum",
        "durationCount" = r."durationCount" + EXCLUDED."durationCount",
        "sketch" = CASE WHEN EXCLUDED."sketch" = '{}'::jsonb THEN r."sketch" ELSE "baton_sketch_add"(r."sketch", EXCLUDED."sketch") END;
    IF EXISTS (SELECT 1 FROM unnest(rw) AS w WHERE w < 0) THEN
        DELETE FROM "ExecutionRollup" r USING (SELECT DISTINCT a, h FROM unnest(ra, rh) AS t(a, h)) t
        WHERE r."agentName" = t.a AND r."hour" = t.h AND r."total" = 0;
    END IF;
END
$$;

CREATE FUNCTION "baton_rollup_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM "baton_rollup_apply"(array_agg("agentName"), array_agg(floor(extract(epoch FROM "timestamp") / 3600)::integer),
            array_agg("status"), array_agg("durationMs"::bigint), array_agg(1)) FROM new_rows HAVING COUNT(*) > 0;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM "baton_rollup_apply"(array_agg("agentName"), array_agg(floor(extract(epoch FROM "timestamp") / 3600)::integer),
            array_agg("status"), array_agg("durationMs"::bigint), array_agg(-1)) FROM old_rows HAVING COUNT(*) > 0;
    ELSE
        PERFORM "baton_rollup_apply"(array_agg(x.a), array_agg(x.h), array_agg(x.st), array_agg(x.d), array_agg(x.w))
        FROM old_rows o JOIN new_rows n ON n."id" = o."id",
        LATERAL (VALUES
            (o."agentName", floor(extract(epoch FROM o."timestamp") / 3600)::integer, o."status", o."durationMs"::bigint, -1),
            (n."agentName", floor(extract(epoch FROM n."timestamp") / 3600)::integer, n."status", n."durationMs"::bigint, 1)) x(a, h, st, d, w)
        WHERE (o."agentName", o."timestamp", o."status", o."durationMs") IS DISTINCT FROM (n."agentName", n."timestamp", n."status", n."durationMs")
        HAVING COUNT(*) > 0;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "ExecutionRollup_insert" AFTER INSERT ON "Execution"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "baton_rollup_trigger"();
CREATE TRIGGER "ExecutionRollup_update" AFTER UPDATE ON "Execution"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "baton_rollup_trigger"();
CREATE TRIGGER "ExecutionRollup_delete" AFTER DELETE ON "Execution"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "baton_rollup_trigger"();

CREATE FUNCTION "baton_rollup_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "ExecutionRollup";
    RETURN NULL;
END
$$;
CREATE TRIGGER "ExecutionRollup_truncate" AFTER TRUNCATE ON "Execution"
    FOR EACH STATEMENT EXECUTE FUNCTION "baton_rollup_truncate"();

-- Existing executions: the same figures, computed at once.
INSERT INTO "ExecutionRollup"
SELECT a, h, SUM(n), SUM(s), SUM(f), SUM(c), SUM(ds), SUM(dc),
       COALESCE(jsonb_object_agg(k, n) FILTER (WHERE k IS NOT NULL), '{}'::jsonb)
FROM (
    SELECT "agentName" AS a, floor(extract(epoch FROM "timestamp") / 3600)::integer AS h,
           CASE WHEN "durationMs" IS NULL THEN NULL WHEN "durationMs" <= 0 THEN 'z'
                ELSE CAST(CAST(ceil(ln("durationMs"::double precision) / 0.010000083334583356) AS INTEGER) AS TEXT) END AS k,
           COUNT(*) AS n, COUNT(*) FILTER (WHERE "status" = 'success') AS s, COUNT(*) FILTER (WHERE "status" = 'failure') AS f,
           COUNT(*) FILTER (WHERE "status" = 'cancelled') AS c, COALESCE(SUM("durationMs"), 0) AS ds, COUNT("durationMs") AS dc
    FROM "Execution" GROUP BY 1, 2, 3
) x
GROUP BY a, h;
