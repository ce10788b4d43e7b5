-- One customer per person: a merged profile stays as a pointer to the surviving one.
ALTER TABLE "Customer" ADD COLUMN "mergedInto" TEXT;
CREATE INDEX "Customer_mergedInto_idx" ON "Customer"("mergedInto");

-- The record of each merge.
CREATE TABLE "CustomerMerge" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "moved" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerMerge_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "CustomerMerge_targetId_idx" ON "CustomerMerge"("targetId");
CREATE INDEX "CustomerMerge_sourceId_idx" ON "CustomerMerge"("sourceId");
