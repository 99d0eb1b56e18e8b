-- CreateTable
CREATE TABLE "NotionOutbox" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "executionId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "doneAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "NotionPage" (
    "executionId" TEXT NOT NULL PRIMARY KEY,
    "pageId" TEXT,
    "url" TEXT,
    "state" TEXT NOT NULL,
    "error" TEXT,
    "syncedAt" DATETIME,
    "notionEditedAt" DATETIME,
    "pushed" TEXT
);

-- CreateTable
CREATE TABLE "NotionSyncState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "databaseId" TEXT NOT NULL,
    "dataSourceId" TEXT,
    "lastSuccessAt" DATETIME,
    "lastError" TEXT,
    "lastErrorAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "NotionOutbox_doneAt_seq_idx" ON "NotionOutbox"("doneAt", "seq");

-- CreateIndex
CREATE INDEX "NotionOutbox_executionId_seq_idx" ON "NotionOutbox"("executionId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "NotionPage_pageId_key" ON "NotionPage"("pageId");

