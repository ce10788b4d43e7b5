-- Delivery receipts from providers (Twilio status callbacks…): the first final verdict on a
-- message, and when it came. Receipts find their row by the id the provider gave.
ALTER TABLE "Message" ADD COLUMN "receipt" TEXT;
ALTER TABLE "Message" ADD COLUMN "receiptAt" TIMESTAMP(3);

CREATE INDEX "Message_providerId_idx" ON "Message"("providerId");
