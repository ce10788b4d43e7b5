-- CreateTable
CREATE TABLE "UniqueClaim" (
    "namespace" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UniqueClaim_pkey" PRIMARY KEY ("namespace","value")
);

-- CreateIndex
CREATE INDEX "UniqueClaim_owner_idx" ON "UniqueClaim"("owner");
