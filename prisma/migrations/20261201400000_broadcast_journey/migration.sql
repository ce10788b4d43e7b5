-- Broadcasts may enrol their audience into a journey, instead of or besides sending a message.
ALTER TABLE "Broadcast" ALTER COLUMN "message" DROP NOT NULL;
ALTER TABLE "Broadcast" ADD COLUMN "journeyId" TEXT;
