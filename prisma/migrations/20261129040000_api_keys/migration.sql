-- API keys for backends and scripts: only the token's SHA-256 is kept, the token is shown once.
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- The audit of every call made with a key.
CREATE TABLE "ApiKeyCall" (
    "id" BIGSERIAL NOT NULL,
    "keyId" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "procedure" TEXT,
    "status" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "ApiKeyCall_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ApiKeyCall_keyId_at_idx" ON "ApiKeyCall"("keyId", "at");
ALTER TABLE "ApiKeyCall" ADD CONSTRAINT "ApiKeyCall_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
