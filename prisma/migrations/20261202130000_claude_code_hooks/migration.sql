-- CreateTable
CREATE TABLE "ClaudeCodeSession" (
    "sessionId" TEXT NOT NULL PRIMARY KEY,
    "rootExecutionId" TEXT NOT NULL,
    "cwd" TEXT NOT NULL DEFAULT '',
    "lastEventAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ClaudeCodeHookEvent" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "capturedAt" DATETIME NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "ClaudeCodeSession_closedAt_lastEventAt_idx" ON "ClaudeCodeSession"("closedAt", "lastEventAt");

-- CreateIndex
CREATE INDEX "ClaudeCodeHookEvent_sessionId_capturedAt_idx" ON "ClaudeCodeHookEvent"("sessionId", "capturedAt");

