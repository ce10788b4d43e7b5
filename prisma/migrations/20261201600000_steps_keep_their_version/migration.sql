-- Live counts scoped to a version (issue 12): a customer moved to a newer version keeps the steps
-- and messages of the old one under the old one. NodeEvent.version is written by the progress
-- write (engine activities/progress.ts). Message.version is set on insert from the Enrolment row,
-- which the send path has already moved in the same transaction. Earlier rows stay null and are
-- counted by their enrolment as before. Trigger body: an E string with \x3B for the semicolon.

ALTER TABLE "NodeEvent" ADD COLUMN "version" INTEGER;
ALTER TABLE "Message" ADD COLUMN "version" INTEGER;

CREATE FUNCTION message_version() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF NEW.version IS NULL AND NEW."enrolmentId" IS NOT NULL THEN
    NEW.version := (SELECT e.version FROM "Enrolment" e WHERE e.id = NEW."enrolmentId")\x3B
  END IF\x3B
  RETURN NEW\x3B
END';

CREATE TRIGGER message_version BEFORE INSERT ON "Message"
  FOR EACH ROW EXECUTE FUNCTION message_version();
