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

    PRIMARY KEY ("agentName", "hour")
);

-- CreateIndex
CREATE INDEX "ExecutionRollup_hour_idx" ON "ExecutionRollup"("hour");

-- Rollup maintenance (not expressible in the Prisma schema): row triggers on "Execution" add the
-- new row's figures and subtract the old row's, in the statement's own transaction, whatever wrote
-- it (Prisma, the SQL port's batch insert, the engine's run store). The sketch key is DDSketch's
-- logarithmic mapping at 0.5% relative accuracy, ceil(ln(d) / ln(1 + 2a/(1 - a))), the same as
-- @datadog/sketches-js's LogarithmicMapping(0.005).key(d); zero durations count under "z".
CREATE TRIGGER "ExecutionRollup_insert" AFTER INSERT ON "Execution"
BEGIN
    INSERT OR IGNORE INTO "ExecutionRollup" VALUES (NEW."agentName", CAST(floor(unixepoch(NEW."timestamp") / 3600.0) AS INTEGER), 0, 0, 0, 0, 0, 0, '{}');
    UPDATE "ExecutionRollup" SET
        "total" = "total" + 1,
        "successes" = "successes" + (NEW."status" = 'success'),
        "failures" = "failures" + (NEW."status" = 'failure'),
        "cancelled" = "cancelled" + (NEW."status" = 'cancelled'),
        "durationSum" = "durationSum" + COALESCE(NEW."durationMs", 0),
        "durationCount" = "durationCount" + (NEW."durationMs" IS NOT NULL),
        "sketch" = CASE WHEN NEW."durationMs" IS NULL THEN "sketch" ELSE json_set("sketch",
            '$."' || CASE WHEN NEW."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(NEW."durationMs") / 0.010000083334583356) AS INTEGER) END || '"',
            COALESCE(json_extract("sketch", '$."' || CASE WHEN NEW."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(NEW."durationMs") / 0.010000083334583356) AS INTEGER) END || '"'), 0) + 1) END
    WHERE "agentName" = NEW."agentName" AND "hour" = CAST(floor(unixepoch(NEW."timestamp") / 3600.0) AS INTEGER);
END;

CREATE TRIGGER "ExecutionRollup_delete" AFTER DELETE ON "Execution"
BEGIN
    UPDATE "ExecutionRollup" SET
        "total" = "total" - 1,
        "successes" = "successes" - (OLD."status" = 'success'),
        "failures" = "failures" - (OLD."status" = 'failure'),
        "cancelled" = "cancelled" - (OLD."status" = 'cancelled'),
        "durationSum" = "durationSum" - COALESCE(OLD."durationMs", 0),
        "durationCount" = "durationCount" - (OLD."durationMs" IS NOT NULL),
        "sketch" = CASE WHEN OLD."durationMs" IS NULL THEN "sketch"
            WHEN json_extract("sketch", '$."' || CASE WHEN OLD."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(OLD."durationMs") / 0.010000083334583356) AS INTEGER) END || '"') > 1
            THEN json_set("sketch", '$."' || CASE WHEN OLD."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(OLD."durationMs") / 0.010000083334583356) AS INTEGER) END || '"',
                json_extract("sketch", '$."' || CASE WHEN OLD."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(OLD."durationMs") / 0.010000083334583356) AS INTEGER) END || '"') - 1)
            ELSE json_remove("sketch", '$."' || CASE WHEN OLD."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(OLD."durationMs") / 0.010000083334583356) AS INTEGER) END || '"') END
    WHERE "agentName" = OLD."agentName" AND "hour" = CAST(floor(unixepoch(OLD."timestamp") / 3600.0) AS INTEGER);
    DELETE FROM "ExecutionRollup"
    WHERE "agentName" = OLD."agentName" AND "hour" = CAST(floor(unixepoch(OLD."timestamp") / 3600.0) AS INTEGER) AND "total" = 0;
END;

-- An update is the old row taken out and the new one put in; updates that leave the four columns
-- as they were (outputs, notes, endedAt alone) do not touch the rollup.
CREATE TRIGGER "ExecutionRollup_update" AFTER UPDATE OF "agentName", "timestamp", "status", "durationMs" ON "Execution"
WHEN OLD."agentName" IS NOT NEW."agentName" OR OLD."timestamp" IS NOT NEW."timestamp"
  OR OLD."status" IS NOT NEW."status" OR OLD."durationMs" IS NOT NEW."durationMs"
BEGIN
    UPDATE "ExecutionRollup" SET
        "total" = "total" - 1,
        "successes" = "successes" - (OLD."status" = 'success'),
        "failures" = "failures" - (OLD."status" = 'failure'),
        "cancelled" = "cancelled" - (OLD."status" = 'cancelled'),
        "durationSum" = "durationSum" - COALESCE(OLD."durationMs", 0),
        "durationCount" = "durationCount" - (OLD."durationMs" IS NOT NULL),
        "sketch" = CASE WHEN OLD."durationMs" IS NULL THEN "sketch"
            WHEN json_extract("sketch", '$."' || CASE WHEN OLD."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(OLD."durationMs") / 0.010000083334583356) AS INTEGER) END || '"') > 1
            THEN json_set("sketch", '$."' || CASE WHEN OLD."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(OLD."durationMs") / 0.010000083334583356) AS INTEGER) END || '"',
                json_extract("sketch", '$."' || CASE WHEN OLD."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(OLD."durationMs") / 0.010000083334583356) AS INTEGER) END || '"') - 1)
            ELSE json_remove("sketch", '$."' || CASE WHEN OLD."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(OLD."durationMs") / 0.010000083334583356) AS INTEGER) END || '"') END
    WHERE "agentName" = OLD."agentName" AND "hour" = CAST(floor(unixepoch(OLD."timestamp") / 3600.0) AS INTEGER);
    DELETE FROM "ExecutionRollup"
    WHERE "agentName" = OLD."agentName" AND "hour" = CAST(floor(unixepoch(OLD."timestamp") / 3600.0) AS INTEGER) AND "total" = 0;
    INSERT OR IGNORE INTO "ExecutionRollup" VALUES (NEW."agentName", CAST(floor(unixepoch(NEW."timestamp") / 3600.0) AS INTEGER), 0, 0, 0, 0, 0, 0, '{}');
    UPDATE "ExecutionRollup" SET
        "total" = "total" + 1,
        "successes" = "successes" + (NEW."status" = 'success'),
        "failures" = "failures" + (NEW."status" = 'failure'),
        "cancelled" = "cancelled" + (NEW."status" = 'cancelled'),
        "durationSum" = "durationSum" + COALESCE(NEW."durationMs", 0),
        "durationCount" = "durationCount" + (NEW."durationMs" IS NOT NULL),
        "sketch" = CASE WHEN NEW."durationMs" IS NULL THEN "sketch" ELSE json_set("sketch",
            '$."' || CASE WHEN NEW."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(NEW."durationMs") / 0.010000083334583356) AS INTEGER) END || '"',
            COALESCE(json_extract("sketch", '$."' || CASE WHEN NEW."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(NEW."durationMs") / 0.010000083334583356) AS INTEGER) END || '"'), 0) + 1) END
    WHERE "agentName" = NEW."agentName" AND "hour" = CAST(floor(unixepoch(NEW."timestamp") / 3600.0) AS INTEGER);
END;

-- Existing executions: the same figures, computed at once.
INSERT INTO "ExecutionRollup"
SELECT "agentName", "hour", SUM("n"), SUM("s"), SUM("f"), SUM("c"), SUM("ds"), SUM("dc"),
       COALESCE(json_group_object("k", "kn") FILTER (WHERE "k" IS NOT NULL), '{}')
FROM (
    SELECT "agentName", CAST(floor(unixepoch("timestamp") / 3600.0) AS INTEGER) AS "hour",
           CASE WHEN "durationMs" IS NULL THEN NULL WHEN "durationMs" <= 0 THEN 'z'
                ELSE CAST(CAST(ceil(ln("durationMs") / 0.010000083334583356) AS INTEGER) AS TEXT) END AS "k",
           COUNT(*) AS "n", SUM("status" = 'success') AS "s", SUM("status" = 'failure') AS "f",
           SUM("status" = 'cancelled') AS "c", COALESCE(SUM("durationMs"), 0) AS "ds", COUNT("durationMs") AS "dc",
           CASE WHEN "durationMs" IS NULL THEN NULL ELSE COUNT(*) END AS "kn"
    FROM "Execution" GROUP BY 1, 2, 3
)
GROUP BY "agentName", "hour";
