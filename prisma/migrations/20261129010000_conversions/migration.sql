-- Conversions, one per enrolment (issue 11): written by the goal exit in the progress statement
-- and by the observation of goal events after an enrolment ends (holdouts included).
CREATE TABLE "Conversion" (
    "id" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "journeyId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "customerId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "goalNodeId" TEXT,
    "goalEvent" TEXT,
    "convertedAt" TIMESTAMP(3) NOT NULL,
    "secondsToConvert" INTEGER NOT NULL,
    "lastMessageId" TEXT,
    "lastNodeId" TEXT,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Conversion_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Conversion_enrolmentId_key" ON "Conversion"("enrolmentId");
CREATE INDEX "Conversion_journeyId_convertedAt_idx" ON "Conversion"("journeyId", "convertedAt");
CREATE INDEX "Enrolment_journeyId_enteredAt_idx" ON "Enrolment"("journeyId", "enteredAt");

ALTER TABLE "Conversion" ADD CONSTRAINT "Conversion_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
