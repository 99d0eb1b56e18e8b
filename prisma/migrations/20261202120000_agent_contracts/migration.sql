-- AlterTable
ALTER TABLE "Agent" ADD COLUMN "inputSchema" JSONB;
ALTER TABLE "Agent" ADD COLUMN "outputSchema" JSONB;
