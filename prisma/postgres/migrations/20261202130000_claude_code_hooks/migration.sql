-- CreateTable
CREATE TABLE "ClaudeCodeSession" (
    "sessionId" TEXT NOT NULL,
    "rootExecutionId" TEXT NOT NULL,
    "cwd" TEXT NOT NULL DEFAULT '',
    "lastEventAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClaudeCodeSession_pkey" PRIMARY KEY ("sessionId")
);

-- CreateTable
CREATE TABLE "ClaudeCodeHookEvent" (
    "key" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "capturedAt" TIMESTAMP(3) NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClaudeCodeHookEvent_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "ClaudeCodeSession_closedAt_lastEventAt_idx" ON "ClaudeCodeSession"("closedAt", "lastEventAt");

-- CreateIndex
CREATE INDEX "ClaudeCodeHookEvent_sessionId_capturedAt_idx" ON "ClaudeCodeHookEvent"("sessionId", "capturedAt");
