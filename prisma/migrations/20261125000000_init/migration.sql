-- CreateTable
CREATE TABLE "Agent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "runnerKind" TEXT NOT NULL,
    "runnerSettings" JSONB NOT NULL,
    "retryMaxRetries" INTEGER NOT NULL DEFAULT 2,
    "retryBackoff" TEXT NOT NULL DEFAULT 'exponential',
    "retryInitialDelayMs" INTEGER NOT NULL DEFAULT 1000,
    "retryMaxDelayMs" INTEGER NOT NULL DEFAULT 30000,
    "breakerFailureThreshold" INTEGER NOT NULL DEFAULT 5,
    "breakerCooldownMs" INTEGER NOT NULL DEFAULT 60000,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AgentCapability" (
    "agentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("agentId", "name"),
    CONSTRAINT "AgentCapability_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgentTool" (
    "agentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("agentId", "name"),
    CONSTRAINT "AgentTool_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgentPattern" (
    "agentId" TEXT NOT NULL,
    "patternSlug" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("agentId", "patternSlug"),
    CONSTRAINT "AgentPattern_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AgentPattern_patternSlug_fkey" FOREIGN KEY ("patternSlug") REFERENCES "CoordinationPattern" ("slug") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CoordinationPattern" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "whenToUse" TEXT NOT NULL,
    "diagramUrl" TEXT NOT NULL,
    "exampleWorkflowId" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE UNIQUE INDEX "Agent_name_key" ON "Agent"("name");

-- CreateIndex
CREATE INDEX "Agent_createdAt_idx" ON "Agent"("createdAt");

-- CreateIndex
CREATE INDEX "AgentCapability_name_idx" ON "AgentCapability"("name");

-- CreateIndex
CREATE INDEX "AgentTool_name_idx" ON "AgentTool"("name");

-- CreateIndex
CREATE INDEX "AgentPattern_patternSlug_idx" ON "AgentPattern"("patternSlug");

-- CreateIndex
CREATE UNIQUE INDEX "CoordinationPattern_slug_key" ON "CoordinationPattern"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "CoordinationPattern_name_key" ON "CoordinationPattern"("name");

