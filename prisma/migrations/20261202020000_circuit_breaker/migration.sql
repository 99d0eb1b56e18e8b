-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Agent" (
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
    "circuitState" TEXT NOT NULL DEFAULT 'closed',
    "circuitFailures" INTEGER NOT NULL DEFAULT 0,
    "circuitOpenedAt" DATETIME,
    "circuitRetryAt" DATETIME,
    "circuitVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Agent" ("breakerCooldownMs", "breakerFailureThreshold", "createdAt", "description", "id", "name", "retryBackoff", "retryInitialDelayMs", "retryMaxDelayMs", "retryMaxRetries", "runnerKind", "runnerSettings", "updatedAt") SELECT "breakerCooldownMs", "breakerFailureThreshold", "createdAt", "description", "id", "name", "retryBackoff", "retryInitialDelayMs", "retryMaxDelayMs", "retryMaxRetries", "runnerKind", "runnerSettings", "updatedAt" FROM "Agent";
DROP TABLE "Agent";
ALTER TABLE "new_Agent" RENAME TO "Agent";
CREATE UNIQUE INDEX "Agent_name_key" ON "Agent"("name");
CREATE INDEX "Agent_createdAt_idx" ON "Agent"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

