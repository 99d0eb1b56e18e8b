-- AlterTable
ALTER TABLE "WorkflowTemplate" ADD COLUMN "memory" JSONB;
