-- CreateTable
CREATE TABLE "ExecutionNote" (
    "executionId" TEXT NOT NULL,
    "notes" TEXT,
    "tags" TEXT NOT NULL DEFAULT '[]',
    "notesEditedAt" TIMESTAMP(3),
    "tagsEditedAt" TIMESTAMP(3),

    CONSTRAINT "ExecutionNote_pkey" PRIMARY KEY ("executionId")
);

-- AlterTable
ALTER TABLE "NotionPage" ADD COLUMN     "fieldsSyncedAt" TIMESTAMP(3),
ADD COLUMN     "notes" TEXT,
ADD COLUMN     "tags" TEXT;

-- AlterTable
ALTER TABLE "NotionSyncState" ADD COLUMN     "lastPullAt" TIMESTAMP(3),
ADD COLUMN     "lastPullError" TEXT,
ADD COLUMN     "pullCursor" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "NotionConflict" (
    "id" TEXT NOT NULL,
    "executionId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "localValue" TEXT,
    "localAt" TIMESTAMP(3),
    "notionValue" TEXT,
    "notionAt" TIMESTAMP(3) NOT NULL,
    "winner" TEXT NOT NULL,
    "resolvedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotionConflict_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NotionConflict_resolvedAt_idx" ON "NotionConflict"("resolvedAt");

-- CreateIndex
CREATE INDEX "NotionConflict_executionId_idx" ON "NotionConflict"("executionId");

-- AddForeignKey
ALTER TABLE "ExecutionNote" ADD CONSTRAINT "ExecutionNote_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "Execution"("id") ON DELETE CASCADE ON UPDATE CASCADE;
