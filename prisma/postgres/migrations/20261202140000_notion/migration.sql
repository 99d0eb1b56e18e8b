-- CreateTable
CREATE TABLE "NotionOutbox" (
    "seq" SERIAL NOT NULL,
    "executionId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "doneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotionOutbox_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "NotionPage" (
    "executionId" TEXT NOT NULL,
    "pageId" TEXT,
    "url" TEXT,
    "state" TEXT NOT NULL,
    "error" TEXT,
    "syncedAt" TIMESTAMP(3),
    "notionEditedAt" TIMESTAMP(3),
    "pushed" TEXT,

    CONSTRAINT "NotionPage_pkey" PRIMARY KEY ("executionId")
);

-- CreateTable
CREATE TABLE "NotionSyncState" (
    "id" TEXT NOT NULL,
    "databaseId" TEXT NOT NULL,
    "dataSourceId" TEXT,
    "lastSuccessAt" TIMESTAMP(3),
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotionSyncState_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NotionOutbox_doneAt_seq_idx" ON "NotionOutbox"("doneAt", "seq");

-- CreateIndex
CREATE INDEX "NotionOutbox_executionId_seq_idx" ON "NotionOutbox"("executionId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "NotionPage_pageId_key" ON "NotionPage"("pageId");

