-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "alertFailures" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "alertWindowMs" INTEGER NOT NULL DEFAULT 600000;

-- AlterTable
ALTER TABLE "AlertOutbox" ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "claimedUntil" TIMESTAMP(3);

