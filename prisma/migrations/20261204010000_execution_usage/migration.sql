-- AlterTable
ALTER TABLE "Execution" ADD COLUMN "model" TEXT;
ALTER TABLE "Execution" ADD COLUMN "inputTokens" INTEGER;
ALTER TABLE "Execution" ADD COLUMN "outputTokens" INTEGER;
ALTER TABLE "Execution" ADD COLUMN "costUsd" REAL;

-- AlterTable
ALTER TABLE "ExecutionRollup" ADD COLUMN "inputTokens" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "ExecutionRollup" ADD COLUMN "outputTokens" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "ExecutionRollup" ADD COLUMN "tokenCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ExecutionRollup" ADD COLUMN "costNanos" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "ExecutionRollup" ADD COLUMN "costCount" INTEGER NOT NULL DEFAULT 0;

-- The rollup triggers of 20261203030000_execution_rollups, replaced so that they also keep the
-- token and cost sums (executions recorded before this migration have none: their sums are 0).
-- Costs are summed as whole billionths of a dollar, round(costUsd * 1e9), so that a sum is the
-- same whatever order rows are added and taken away in (floating-point sums are not).
DROP TRIGGER "ExecutionRollup_insert";
DROP TRIGGER "ExecutionRollup_delete";
DROP TRIGGER "ExecutionRollup_update";

CREATE TRIGGER "ExecutionRollup_insert" AFTER INSERT ON "Execution"
BEGIN
    INSERT OR IGNORE INTO "ExecutionRollup" ("agentName", "hour", "total", "successes", "failures", "cancelled", "durationSum", "durationCount", "sketch")
        VALUES (NEW."agentName", CAST(floor(unixepoch(NEW."timestamp") / 3600.0) AS INTEGER), 0, 0, 0, 0, 0, 0, '{}');
    UPDATE "ExecutionRollup" SET
        "total" = "total" + 1,
        "successes" = "successes" + (NEW."status" = 'success'),
        "failures" = "failures" + (NEW."status" = 'failure'),
        "cancelled" = "cancelled" + (NEW."status" = 'cancelled'),
        "durationSum" = "durationSum" + COALESCE(NEW."durationMs", 0),
        "durationCount" = "durationCount" + (NEW."durationMs" IS NOT NULL),
        "inputTokens" = "inputTokens" + COALESCE(NEW."inputTokens", 0),
        "outputTokens" = "outputTokens" + COALESCE(NEW."outputTokens", 0),
        "tokenCount" = "tokenCount" + (NEW."inputTokens" IS NOT NULL OR NEW."outputTokens" IS NOT NULL),
        "costNanos" = "costNanos" + COALESCE(CAST(round(NEW."costUsd" * 1e9) AS INTEGER), 0),
        "costCount" = "costCount" + (NEW."costUsd" IS NOT NULL),
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
        "inputTokens" = "inputTokens" - COALESCE(OLD."inputTokens", 0),
        "outputTokens" = "outputTokens" - COALESCE(OLD."outputTokens", 0),
        "tokenCount" = "tokenCount" - (OLD."inputTokens" IS NOT NULL OR OLD."outputTokens" IS NOT NULL),
        "costNanos" = "costNanos" - COALESCE(CAST(round(OLD."costUsd" * 1e9) AS INTEGER), 0),
        "costCount" = "costCount" - (OLD."costUsd" IS NOT NULL),
        "sketch" = CASE WHEN OLD."durationMs" IS NULL THEN "sketch"
            WHEN json_extract("sketch", '$."' || CASE WHEN OLD."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(OLD."durationMs") / 0.010000083334583356) AS INTEGER) END || '"') > 1
            THEN json_set("sketch", '$."' || CASE WHEN OLD."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(OLD."durationMs") / 0.010000083334583356) AS INTEGER) END || '"',
                json_extract("sketch", '$."' || CASE WHEN OLD."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(OLD."durationMs") / 0.010000083334583356) AS INTEGER) END || '"') - 1)
            ELSE json_remove("sketch", '$."' || CASE WHEN OLD."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(OLD."durationMs") / 0.010000083334583356) AS INTEGER) END || '"') END
    WHERE "agentName" = OLD."agentName" AND "hour" = CAST(floor(unixepoch(OLD."timestamp") / 3600.0) AS INTEGER);
    DELETE FROM "ExecutionRollup"
    WHERE "agentName" = OLD."agentName" AND "hour" = CAST(floor(unixepoch(OLD."timestamp") / 3600.0) AS INTEGER) AND "total" = 0;
END;

-- An update is the old row taken out and the new one put in; updates that leave the rolled-up
-- columns as they were (outputs, notes, endedAt, model alone) do not touch the rollup.
CREATE TRIGGER "ExecutionRollup_update" AFTER UPDATE OF "agentName", "timestamp", "status", "durationMs", "inputTokens", "outputTokens", "costUsd" ON "Execution"
WHEN OLD."agentName" IS NOT NEW."agentName" OR OLD."timestamp" IS NOT NEW."timestamp" OR OLD."status" IS NOT NEW."status" OR OLD."durationMs" IS NOT NEW."durationMs" OR OLD."inputTokens" IS NOT NEW."inputTokens" OR OLD."outputTokens" IS NOT NEW."outputTokens" OR OLD."costUsd" IS NOT NEW."costUsd"
BEGIN
    UPDATE "ExecutionRollup" SET
        "total" = "total" - 1,
        "successes" = "successes" - (OLD."status" = 'success'),
        "failures" = "failures" - (OLD."status" = 'failure'),
        "cancelled" = "cancelled" - (OLD."status" = 'cancelled'),
        "durationSum" = "durationSum" - COALESCE(OLD."durationMs", 0),
        "durationCount" = "durationCount" - (OLD."durationMs" IS NOT NULL),
        "inputTokens" = "inputTokens" - COALESCE(OLD."inputTokens", 0),
        "outputTokens" = "outputTokens" - COALESCE(OLD."outputTokens", 0),
        "tokenCount" = "tokenCount" - (OLD."inputTokens" IS NOT NULL OR OLD."outputTokens" IS NOT NULL),
        "costNanos" = "costNanos" - COALESCE(CAST(round(OLD."costUsd" * 1e9) AS INTEGER), 0),
        "costCount" = "costCount" - (OLD."costUsd" IS NOT NULL),
        "sketch" = CASE WHEN OLD."durationMs" IS NULL THEN "sketch"
            WHEN json_extract("sketch", '$."' || CASE WHEN OLD."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(OLD."durationMs") / 0.010000083334583356) AS INTEGER) END || '"') > 1
            THEN json_set("sketch", '$."' || CASE WHEN OLD."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(OLD."durationMs") / 0.010000083334583356) AS INTEGER) END || '"',
                json_extract("sketch", '$."' || CASE WHEN OLD."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(OLD."durationMs") / 0.010000083334583356) AS INTEGER) END || '"') - 1)
            ELSE json_remove("sketch", '$."' || CASE WHEN OLD."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(OLD."durationMs") / 0.010000083334583356) AS INTEGER) END || '"') END
    WHERE "agentName" = OLD."agentName" AND "hour" = CAST(floor(unixepoch(OLD."timestamp") / 3600.0) AS INTEGER);
    DELETE FROM "ExecutionRollup"
    WHERE "agentName" = OLD."agentName" AND "hour" = CAST(floor(unixepoch(OLD."timestamp") / 3600.0) AS INTEGER) AND "total" = 0;
    INSERT OR IGNORE INTO "ExecutionRollup" ("agentName", "hour", "total", "successes", "failures", "cancelled", "durationSum", "durationCount", "sketch")
        VALUES (NEW."agentName", CAST(floor(unixepoch(NEW."timestamp") / 3600.0) AS INTEGER), 0, 0, 0, 0, 0, 0, '{}');
    UPDATE "ExecutionRollup" SET
        "total" = "total" + 1,
        "successes" = "successes" + (NEW."status" = 'success'),
        "failures" = "failures" + (NEW."status" = 'failure'),
        "cancelled" = "cancelled" + (NEW."status" = 'cancelled'),
        "durationSum" = "durationSum" + COALESCE(NEW."durationMs", 0),
        "durationCount" = "durationCount" + (NEW."durationMs" IS NOT NULL),
        "inputTokens" = "inputTokens" + COALESCE(NEW."inputTokens", 0),
        "outputTokens" = "outputTokens" + COALESCE(NEW."outputTokens", 0),
        "tokenCount" = "tokenCount" + (NEW."inputTokens" IS NOT NULL OR NEW."outputTokens" IS NOT NULL),
        "costNanos" = "costNanos" + COALESCE(CAST(round(NEW."costUsd" * 1e9) AS INTEGER), 0),
        "costCount" = "costCount" + (NEW."costUsd" IS NOT NULL),
        "sketch" = CASE WHEN NEW."durationMs" IS NULL THEN "sketch" ELSE json_set("sketch",
            '$."' || CASE WHEN NEW."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(NEW."durationMs") / 0.010000083334583356) AS INTEGER) END || '"',
            COALESCE(json_extract("sketch", '$."' || CASE WHEN NEW."durationMs" <= 0 THEN 'z' ELSE CAST(ceil(ln(NEW."durationMs") / 0.010000083334583356) AS INTEGER) END || '"'), 0) + 1) END
    WHERE "agentName" = NEW."agentName" AND "hour" = CAST(floor(unixepoch(NEW."timestamp") / 3600.0) AS INTEGER);
END;
