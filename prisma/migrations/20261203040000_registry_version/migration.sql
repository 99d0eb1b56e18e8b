-- The registry's version: bumped by a trigger on every write to the registry tables, so each instance's
-- in-memory read model (server/modules/agent/registry.read.ts) knows with one single-row read whether
-- anything changed, whoever wrote it (another instance, a script, plain SQL).
CREATE TABLE "RegistryVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "version" BIGINT NOT NULL DEFAULT 0
);
INSERT INTO "RegistryVersion" ("id", "version") VALUES (1, 0);

CREATE TRIGGER "Agent_registry_insert" AFTER INSERT ON "Agent"
BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "Agent_registry_update" AFTER UPDATE ON "Agent"
BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "Agent_registry_delete" AFTER DELETE ON "Agent"
BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "AgentCapability_registry_insert" AFTER INSERT ON "AgentCapability"
BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "AgentCapability_registry_update" AFTER UPDATE ON "AgentCapability"
BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "AgentCapability_registry_delete" AFTER DELETE ON "AgentCapability"
BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "AgentTool_registry_insert" AFTER INSERT ON "AgentTool"
BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "AgentTool_registry_update" AFTER UPDATE ON "AgentTool"
BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "AgentTool_registry_delete" AFTER DELETE ON "AgentTool"
BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "AgentPattern_registry_insert" AFTER INSERT ON "AgentPattern"
BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "AgentPattern_registry_update" AFTER UPDATE ON "AgentPattern"
BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "AgentPattern_registry_delete" AFTER DELETE ON "AgentPattern"
BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "CoordinationPattern_registry_insert" AFTER INSERT ON "CoordinationPattern"
BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "CoordinationPattern_registry_update" AFTER UPDATE ON "CoordinationPattern"
BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;

CREATE TRIGGER "CoordinationPattern_registry_delete" AFTER DELETE ON "CoordinationPattern"
BEGIN UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1; END;
