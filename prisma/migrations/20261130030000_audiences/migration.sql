-- Customer CSV imports (progress and per-row errors)
CREATE TABLE "CustomerImport" (
    "id" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'validating',
    "fileName" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL DEFAULT '',
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "appliedRows" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    CONSTRAINT "CustomerImport_pkey" PRIMARY KEY ("id")
);

-- Broadcasts: one-off messages to an audience
CREATE TYPE "BroadcastStatus" AS ENUM ('draft', 'scheduled', 'sending', 'paused', 'done', 'cancelled', 'failed');
CREATE TABLE "Broadcast" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "message" JSONB NOT NULL,
    "audience" JSONB NOT NULL,
    "timing" TEXT NOT NULL DEFAULT 'now',
    "sendAt" TIMESTAMP(3),
    "localDate" TEXT,
    "localTime" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "ratePerSecond" INTEGER NOT NULL DEFAULT 50,
    "status" "BroadcastStatus" NOT NULL DEFAULT 'draft',
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "workflowId" TEXT,
    "error" TEXT,
    "createdBy" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    CONSTRAINT "Broadcast_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Broadcast_createdAt_idx" ON "Broadcast"("createdAt");

-- The customer list filters by attribute values with jsonb containment (attributes @> x),
-- which this index answers without reading every row (Prisma cannot state a GIN index here)
CREATE INDEX "Customer_attributes_gin_idx" ON "Customer" USING GIN ("attributes" jsonb_path_ops);
