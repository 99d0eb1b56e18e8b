-- Full-text search over executions (not expressible in the Prisma schema): a GIN index on the
-- 'simple' text search vector of each execution's id, agent, inputs, outputs and error. The
-- expression is the one server/modules/trace/trace.service.ts searches with, so the index serves it.
CREATE INDEX "Execution_search_idx" ON "Execution" USING GIN (
  to_tsvector('simple'::regconfig,
    "id" || ' ' || "agentName" || ' ' || COALESCE(CAST("inputs" AS TEXT), '') || ' ' || COALESCE(CAST("outputs" AS TEXT), '') || ' ' || COALESCE("error", ''))
);
