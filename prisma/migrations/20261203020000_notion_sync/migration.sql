-- CreateTable
CREATE TABLE "ExecutionNote" (
    "executionId" TEXT NOT NULL PRIMARY KEY,
    "notes" TEXT,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "notesEditedAt" DATETIME,
    "tagsEditedAt" DATETIME,
    CONSTRAINT "ExecutionNote_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "Execution" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable
ALTER TABLE "NotionPage" ADD COLUMN "notes" TEXT;
ALTER TABLE "NotionPage" ADD COLUMN "tags" TEXT;
ALTER TABLE "NotionPage" ADD COLUMN "fieldsSyncedAt" DATETIME;

-- AlterTable
ALTER TABLE "NotionSyncState" ADD COLUMN "pullCursor" DATETIME;
ALTER TABLE "NotionSyncState" ADD COLUMN "lastPullAt" DATETIME;
ALTER TABLE "NotionSyncState" ADD COLUMN "lastPullError" TEXT;

-- CreateTable
CREATE TABLE "NotionConflict" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "executionId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "localValue" TEXT,
    "localAt" DATETIME,
    "notionValue" TEXT,
    "notionAt" DATETIME NOT NULL,
    "winner" TEXT NOT NULL,
    "resolvedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "NotionConflict_resolvedAt_idx" ON "NotionConflict"("resolvedAt");

-- CreateIndex
CREATE INDEX "NotionConflict_executionId_idx" ON "NotionConflict"("executionId");
