-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "circuitFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "circuitOpenedAt" TIMESTAMP(3),
ADD COLUMN     "circuitRetryAt" TIMESTAMP(3),
ADD COLUMN     "circuitState" TEXT NOT NULL DEFAULT 'closed',
ADD COLUMN     "circuitVersion" INTEGER NOT NULL DEFAULT 0;

