-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "processedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN     "triggerEventId" TEXT;

-- CreateIndex
CREATE INDEX "Event_processedAt_receivedAt_idx" ON "Event"("processedAt", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Enrolment_journeyId_triggerEventId_key" ON "Enrolment"("journeyId", "triggerEventId");

