-- Issue 17, one customer per person: merge by matching email or phone, un-merge, and the record
-- that makes a merge reversible.

-- A profile made by calls that named only an anonymousId. Matching by email or phone merges
-- known customers only (rows from before this column count as known).
ALTER TABLE "Customer" ADD COLUMN "anonymous" BOOLEAN NOT NULL DEFAULT false;

-- Matching keys (api/src/identity/match-keys.ts states the same normalisation): emails trimmed
-- and lower-cased, phones without spaces, dashes, dots or brackets. Live profiles only.
CREATE INDEX "Customer_email_match_idx" ON "Customer" (lower(btrim(email, E' \t\n\r'))) WHERE "mergedInto" IS NULL AND email IS NOT NULL;
CREATE INDEX "Customer_phone_match_idx" ON "Customer" (regexp_replace(phone, E'[ \t\n\r().-]', '', 'g')) WHERE "mergedInto" IS NULL AND phone IS NOT NULL;

-- Who merged (ingest or a user), both profiles before the merge (null on merges recorded before
-- un-merge existed: those cannot be undone), and the un-merge once done.
ALTER TABLE "CustomerMerge" ADD COLUMN "by" TEXT NOT NULL DEFAULT '';
ALTER TABLE "CustomerMerge" ADD COLUMN "before" JSONB;
ALTER TABLE "CustomerMerge" ADD COLUMN "unmergedAt" TIMESTAMP(3);
ALTER TABLE "CustomerMerge" ADD COLUMN "unmergedBy" TEXT;
ALTER TABLE "CustomerMerge" ADD COLUMN "unmerged" JSONB;

-- Each row a merge moved from the merged-away profile (events, messages, enrolments with their
-- entry number, suppressions, consents, push devices, pointers), each row it wrote (refusals kept,
-- duplicate suppressions closed) and each enrolment it ended.
CREATE TABLE "CustomerMergeItem" (
    "mergeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "entry" INTEGER,

    CONSTRAINT "CustomerMergeItem_pkey" PRIMARY KEY ("mergeId", "kind", "itemId"),
    CONSTRAINT "CustomerMergeItem_mergeId_fkey" FOREIGN KEY ("mergeId") REFERENCES "CustomerMerge"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
