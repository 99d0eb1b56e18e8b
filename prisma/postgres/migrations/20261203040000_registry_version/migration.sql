-- The registry's version: bumped by a statement trigger on every write to the registry tables, so each
-- instance's in-memory read model (server/modules/agent/registry.read.ts) knows with one single-row read
-- whether anything changed, whoever wrote it (another instance, a script, plain SQL).
CREATE TABLE "RegistryVersion" (
    "id" INTEGER NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "RegistryVersion_pkey" PRIMARY KEY ("id")
);
INSERT INTO "RegistryVersion" ("id", "version") VALUES (1, 0);

CREATE FUNCTION "baton_bump_registry_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "RegistryVersion" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Agent_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Agent"
FOR EACH STATEMENT EXECUTE FUNCTION "baton_bump_registry_version"();

CREATE TRIGGER "AgentCapability_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AgentCapability"
FOR EACH STATEMENT EXECUTE FUNCTION "baton_bump_registry_version"();

CREATE TRIGGER "AgentTool_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AgentTool"
FOR EACH STATEMENT EXECUTE FUNCTION "baton_bump_registry_version"();

CREATE TRIGGER "AgentPattern_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AgentPattern"
FOR EACH STATEMENT EXECUTE FUNCTION "baton_bump_registry_version"();

CREATE TRIGGER "CoordinationPattern_registry_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CoordinationPattern"
FOR EACH STATEMENT EXECUTE FUNCTION "baton_bump_registry_version"();
