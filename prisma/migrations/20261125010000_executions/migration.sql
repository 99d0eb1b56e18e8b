-- CreateTable
CREATE TABLE "Execution" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agentName" TEXT NOT NULL,
    "agentId" TEXT,
    "status" TEXT NOT NULL,
    "timestamp" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "durationMs" INTEGER,
    "inputs" JSONB,
    "outputs" JSONB,
    "error" TEXT,
    "parentExecutionId" TEXT,
    "rootId" TEXT NOT NULL,
    "depth" INTEGER NOT NULL DEFAULT 0,
    "workflowId" TEXT,
    "workflowRunId" TEXT,
    "workflowStepId" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Execution_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Execution_parentExecutionId_fkey" FOREIGN KEY ("parentExecutionId") REFERENCES "Execution" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Execution_timestamp_idx" ON "Execution"("timestamp");

-- CreateIndex
CREATE INDEX "Execution_agentName_timestamp_idx" ON "Execution"("agentName", "timestamp");

-- CreateIndex
CREATE INDEX "Execution_status_timestamp_idx" ON "Execution"("status", "timestamp");

-- CreateIndex
CREATE INDEX "Execution_parentExecutionId_idx" ON "Execution"("parentExecutionId");

-- CreateIndex
CREATE INDEX "Execution_rootId_idx" ON "Execution"("rootId");

-- CreateIndex
CREATE INDEX "Execution_workflowRunId_idx" ON "Execution"("workflowRunId");

-- CreateIndex
CREATE INDEX "Execution_workflowId_timestamp_idx" ON "Execution"("workflowId", "timestamp");

-- CreateIndex
CREATE INDEX "Execution_agentId_idx" ON "Execution"("agentId");

