-- Executions per agent per UTC quarter hour, beside the hourly rollups. A metrics bucket is whole
-- hours (ExecutionRollup) plus, at its edges, whole quarter hours (this table): every zone in use
-- today is offset from UTC by a whole number of quarter hours (India +05:30, Nepal +05:45), so the
-- day and week edges of any zone now come from rollups too, where they came from the executions
-- themselves (a 90-day read in Asia/Kolkata read 41,000 executions for its 180 half-hour edges).
-- Only a range's own ends that fall inside a quarter hour are still read from the executions.
-- Same columns and triggers as ExecutionRollup (20261204010000_execution_usage), with "quarter"
-- = quarter hours since 1970-01-01T00:00Z of the execution's start.

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

    PRIMARY KEY ("agentName", "quarter")
);

-- CreateIndex
CREATE INDEX "ExecutionRollupQuarter_quarter_idx" ON "ExecutionRollupQuarter"("quarter");

CREATE TRIGGER "ExecutionRollupQuarter_insert" AFTER INSERT ON "Execution"
BEGIN
    INSERT OR IGNORE INTO "ExecutionRollupQuarter" ("agentName", "quarter", "total", "successes", "failures", "cancelled", "durationSum", "durationCount", "sketch")
        VALUES (NEW."agentName", CAST(floor(unixepoch(NEW."timestamp") / 900.0) AS INTEGER), 0, 0, 0, 0, 0, 0, '{}');
    UPDATE "ExecutionRollupQuarter" SET
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
    WHERE "agentName" = NEW."agentName" AND "quarter" = CAST(floor(unixepoch(NEW."timestamp") / 900.0) AS INTEGER);
END;

CREATE TRIGGER "ExecutionRollupQuarter_delete" AFTER DELETE ON "Execution"
BEGIN
    UPDATE "ExecutionRollupQuarter" SET
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
    WHERE "agentName" = OLD."agentName" AND "quarter" = CAST(floor(unixepoch(OLD."timestamp") / 900.0) AS INTEGER);
    DELETE FROM "ExecutionRollupQuarter"
    WHERE "agentName" = OLD."agentName" AND "quarter" = CAST(floor(unixepoch(OLD."timestamp") / 900.0) AS INTEGER) AND "total" = 0;
END;

CREATE TRIGGER "ExecutionRollupQuarter_update" AFTER UPDATE OF "agentName", "timestamp", "status", "durationMs", "inputTokens", "outputTokens", "costUsd" ON "Execution"
WHEN OLD."agentName" IS NOT NEW."agentName" OR OLD."timestamp" IS NOT NEW."timestamp" OR OLD."status" IS NOT NEW."status" OR OLD."durationMs" IS NOT NEW."durationMs" OR OLD."inputTokens" IS NOT NEW."inputTokens" OR OLD."outputTokens" IS NOT NEW."outputTokens" OR OLD."costUsd" IS NOT NEW."costUsd"
BEGIN
    UPDATE "ExecutionRollupQuarter" SET
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
    WHERE "agentName" = OLD."agentName" AND "quarter" = CAST(floor(unixepoch(OLD."timestamp") / 900.0) AS INTEGER);
    DELETE FROM "ExecutionRollupQuarter"
    WHERE "agentName" = OLD."agentName" AND "quarter" = CAST(floor(unixepoch(OLD."timestamp") / 900.0) AS INTEGER) AND "total" = 0;
    INSERT OR IGNORE INTO "ExecutionRollupQuarter" ("agentName", "quarter", "total", "successes", "failures", "cancelled", "durationSum", "durationCount", "sketch")
        VALUES (NEW."agentName", CAST(floor(unixepoch(NEW."timestamp") / 900.0) AS INTEGER), 0, 0, 0, 0, 0, 0, '{}');
    UPDATE "ExecutionRollupQuarter" SET
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
    WHERE "agentName" = NEW."agentName" AND "quarter" = CAST(floor(unixepoch(NEW."timestamp") / 900.0) AS INTEGER);
END;

-- Existing executions (what `baton metrics rebuild` also recomputes).
INSERT INTO "ExecutionRollupQuarter" ("agentName", "quarter", "total", "successes", "failures", "cancelled",
    "durationSum", "durationCount", "sketch", "inputTokens", "outputTokens", "tokenCount", "costNanos", "costCount")
SELECT "a", "g", SUM("n"), SUM("s"), SUM("f"), SUM("c"), SUM("ds"), SUM("dc"),
       COALESCE(json_group_object(CASE WHEN "k" < 0 THEN 'z' ELSE CAST("k" AS TEXT) END, "n") FILTER (WHERE "k" IS NOT NULL), '{}'),
       SUM("ti"), SUM("to"), SUM("tn"), SUM("cn"), SUM("cc")
FROM (
    SELECT e."agentName" AS "a", CAST(floor(unixepoch(e."timestamp") / 900.0) AS INTEGER) AS "g",
           CASE WHEN e."durationMs" IS NULL THEN NULL WHEN e."durationMs" <= 0 THEN -1 ELSE CAST(ceil(ln(e."durationMs") / 0.010000083334583356) AS INTEGER) END AS "k",
           COUNT(*) AS "n", SUM(e."status" = 'success') AS "s", SUM(e."status" = 'failure') AS "f",
           SUM(e."status" = 'cancelled') AS "c", COALESCE(SUM(e."durationMs"), 0) AS "ds", COUNT(e."durationMs") AS "dc",
           COALESCE(SUM(e."inputTokens"), 0) AS "ti", COALESCE(SUM(e."outputTokens"), 0) AS "to",
           SUM(e."inputTokens" IS NOT NULL OR e."outputTokens" IS NOT NULL) AS "tn",
           COALESCE(SUM(CAST(round(e."costUsd" * 1e9) AS INTEGER)), 0) AS "cn", COUNT(e."costUsd") AS "cc"
    FROM "Execution" e GROUP BY 1, 2, 3
)
GROUP BY "a", "g";
