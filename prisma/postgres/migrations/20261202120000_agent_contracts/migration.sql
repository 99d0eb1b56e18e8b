-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "inputSchema" JSONB,
ADD COLUMN     "outputSchema" JSONB;
