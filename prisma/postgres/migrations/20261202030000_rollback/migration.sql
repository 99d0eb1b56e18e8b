-- AlterTable
ALTER TABLE "WorkflowTemplate" ADD COLUMN "onFailure" TEXT NOT NULL DEFAULT 'fail';
