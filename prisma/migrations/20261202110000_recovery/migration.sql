-- CreateTable
CREATE TABLE "RunFileSnapshot" (
    "runId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "existed" BOOLEAN NOT NULL,
    "content" BLOB,
    "size" INTEGER NOT NULL,
    "sha256" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("runId", "path"),
    CONSTRAINT "RunFileSnapshot_runId_fkey" FOREIGN KEY ("runId") REFERENCES "WorkflowRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_WorkflowRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workflowId" TEXT,
    "workflowName" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "params" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "failedStepId" TEXT,
    "rootExecutionId" TEXT,
    "outputs" JSONB,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "ownerId" TEXT,
    "heartbeatAt" DATETIME,
    "resumeCount" INTEGER NOT NULL DEFAULT 0,
    "rollbackPending" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WorkflowRun_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "WorkflowTemplate" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_WorkflowRun" ("cancelRequested", "createdAt", "definition", "endedAt", "error", "failedStepId", "heartbeatAt", "id", "outputs", "ownerId", "params", "resumeCount", "rootExecutionId", "startedAt", "status", "updatedAt", "workflowId", "workflowName") SELECT "cancelRequested", "createdAt", "definition", "endedAt", "error", "failedStepId", "heartbeatAt", "id", "outputs", "ownerId", "params", "resumeCount", "rootExecutionId", "startedAt", "status", "updatedAt", "workflowId", "workflowName" FROM "WorkflowRun";
DROP TABLE "WorkflowRun";
ALTER TABLE "new_WorkflowRun" RENAME TO "WorkflowRun";
CREATE INDEX "WorkflowRun_status_createdAt_idx" ON "WorkflowRun"("status", "createdAt");
CREATE INDEX "WorkflowRun_workflowId_createdAt_idx" ON "WorkflowRun"("workflowId", "createdAt");
CREATE INDEX "WorkflowRun_createdAt_idx" ON "WorkflowRun"("createdAt");
CREATE TABLE "new_WorkflowStepRun" (
    "runId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "agentName" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "attemptBase" INTEGER NOT NULL DEFAULT 0,
    "outputs" JSONB,
    "error" TEXT,
    "executionId" TEXT,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("runId", "stepId"),
    CONSTRAINT "WorkflowStepRun_runId_fkey" FOREIGN KEY ("runId") REFERENCES "WorkflowRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_WorkflowStepRun" ("agentName", "attempts", "endedAt", "error", "executionId", "outputs", "position", "role", "runId", "startedAt", "status", "stepId", "updatedAt") SELECT "agentName", "attempts", "endedAt", "error", "executionId", "outputs", "position", "role", "runId", "startedAt", "status", "stepId", "updatedAt" FROM "WorkflowStepRun";
DROP TABLE "WorkflowStepRun";
ALTER TABLE "new_WorkflowStepRun" RENAME TO "WorkflowStepRun";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

