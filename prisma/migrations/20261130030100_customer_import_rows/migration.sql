-- Validated rows of a customer CSV import, staged while the file streams in (so a large file is
-- never held in memory), then applied in one transaction and deleted. Unlogged: a crash loses
-- only imports in progress, which are refused and started again.
CREATE UNLOGGED TABLE "CustomerImportRow" (
    "importId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "row" INTEGER NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "timeZone" TEXT,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "consents" JSONB NOT NULL DEFAULT '[]',
    CONSTRAINT "CustomerImportRow_pkey" PRIMARY KEY ("importId", "id")
);
