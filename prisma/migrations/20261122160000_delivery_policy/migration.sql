-- CreateEnum
CREATE TYPE "ConsentStatus" AS ENUM ('granted', 'refused');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('validating', 'applying', 'done', 'failed');

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "deferredUntil" TIMESTAMP(3),
ADD COLUMN     "policyCode" TEXT;

-- AlterTable
ALTER TABLE "Suppression" ADD COLUMN     "hard" BOOLEAN,
ADD COLUMN     "importId" TEXT,
ADD COLUMN     "removedBy" TEXT;

-- CreateTable
CREATE TABLE "Consent" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" "ConsentStatus" NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuppressionImport" (
    "id" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'validating',
    "fileName" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL,
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "appliedRows" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "warnings" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "SuppressionImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkspaceSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkspaceSetting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "Consent_customerId_topic_createdAt_idx" ON "Consent"("customerId", "topic", "createdAt");

-- CreateIndex
CREATE INDEX "Customer_phone_idx" ON "Customer"("phone");

-- CreateIndex
CREATE INDEX "Suppression_removedAt_createdAt_idx" ON "Suppression"("removedAt", "createdAt");

-- AddForeignKey
ALTER TABLE "Suppression" ADD CONSTRAINT "Suppression_importId_fkey" FOREIGN KEY ("importId") REFERENCES "SuppressionImport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

