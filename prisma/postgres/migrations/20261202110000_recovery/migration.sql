-- AlterTable
ALTER TABLE "WorkflowRun" ADD COLUMN     "rollbackPending" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "WorkflowStepRun" ADD COLUMN     "attemptBase" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "RunFileSnapshot" (
    "runId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "existed" BOOLEAN NOT NULL,
    "content" BYTEA,
    "size" INTEGER NOT NULL,
    "sha256" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunFileSnapshot_pkey" PRIMARY KEY ("runId","path")
);

-- AddForeignKey
ALTER TABLE "RunFileSnapshot" ADD CONSTRAINT "RunFileSnapshot_runId_fkey" FOREIGN KEY ("runId") REFERENCES "WorkflowRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

