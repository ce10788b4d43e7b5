-- One active suppression per customer, channel and reason, enforced by the database, so the one
-- suppression writer (api/src/policy/suppress.ts) inserts with ON CONFLICT DO NOTHING instead of
-- looking first (two requests at once could both find nothing and both insert).
-- Prisma's schema cannot state a partial index, so it lives here only (see the model's comment).

-- Duplicates the old find-then-create let through: the oldest stays active, the others are
-- marked removed (kept for the audit trail).
UPDATE "Suppression" s
   SET "removedAt" = now(), "removedReason" = 'duplicate of an earlier active suppression', "removedBy" = 'migration'
 WHERE s."removedAt" IS NULL
   AND EXISTS (
     SELECT 1 FROM "Suppression" o
      WHERE o."customerId" = s."customerId" AND o."channel" = s."channel" AND o."reason" = s."reason"
        AND o."removedAt" IS NULL AND (o."createdAt", o."id") < (s."createdAt", s."id"));

CREATE UNIQUE INDEX "Suppression_active_key" ON "Suppression"("customerId", "channel", "reason") WHERE "removedAt" IS NULL;
