-- Full-text search over executions (not expressible in the Prisma schema): an FTS5 index of each
-- execution's id, agent, inputs, outputs and error, keyed by the execution's rowid and kept by
-- triggers in the same transaction as every write. Contentless (the text stays in "Execution" only).
-- A VACUUM may renumber rowids: rebuild the index then with the two statements at the end.
CREATE VIRTUAL TABLE "ExecutionSearch" USING fts5("body", content='', contentless_delete=1, tokenize='unicode61');

CREATE TRIGGER "Execution_search_insert" AFTER INSERT ON "Execution" BEGIN
  INSERT INTO "ExecutionSearch"(rowid, "body") VALUES (NEW.rowid,
    NEW."id" || ' ' || NEW."agentName" || ' ' || COALESCE(NEW."inputs", '') || ' ' || COALESCE(NEW."outputs", '') || ' ' || COALESCE(NEW."error", ''));
END;

CREATE TRIGGER "Execution_search_update" AFTER UPDATE OF "agentName", "inputs", "outputs", "error" ON "Execution" BEGIN
  DELETE FROM "ExecutionSearch" WHERE rowid = OLD.rowid;
  INSERT INTO "ExecutionSearch"(rowid, "body") VALUES (NEW.rowid,
    NEW."id" || ' ' || NEW."agentName" || ' ' || COALESCE(NEW."inputs", '') || ' ' || COALESCE(NEW."outputs", '') || ' ' || COALESCE(NEW."error", ''));
END;

CREATE TRIGGER "Execution_search_delete" AFTER DELETE ON "Execution" BEGIN
  DELETE FROM "ExecutionSearch" WHERE rowid = OLD.rowid;
END;

DELETE FROM "ExecutionSearch";
INSERT INTO "ExecutionSearch"(rowid, "body")
  SELECT rowid, "id" || ' ' || "agentName" || ' ' || COALESCE("inputs", '') || ' ' || COALESCE("outputs", '') || ' ' || COALESCE("error", '')
  FROM "Execution";
