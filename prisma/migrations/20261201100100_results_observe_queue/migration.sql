-- Incremental observation of goal events (api/src/results/observe.ts, issue 11 scale): the
-- customers whose goal events may have changed since a journey was last observed, so a read
-- looks at those customers only instead of every open enrolment of the journey.
-- A customer is queued, with the id of the transaction that wrote the change, when one of its
-- events is stored or changed, one of its enrolments enters or ends, it is sent a message (the
-- attribution window starts at the last one) or its attributes change (goal filters read them).
-- ResultsObserveMark keeps per journey the oldest transaction still running when it was last
-- observed (pg_snapshot_xmin): every change written by an older transaction was visible to that
-- observation, so the next one reads the queue from there on (complete: false while a first
-- observation, which reads every open enrolment, is under way). The launcher sweep drops marks
-- not used for a day (that journey reads everything again next time) and the queue older than
-- every mark (api/src/results/observe.ts, pruneObserveQueue). Trigger bodies: E strings with \x3B for the semicolon (the migration
-- runner splits statements at every semicolon).

CREATE TABLE "ResultsObserveQueue" (
    "xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
    "customerId" TEXT NOT NULL
);
CREATE INDEX "ResultsObserveQueue_xid_idx" ON "ResultsObserveQueue"("xid");

CREATE TABLE "ResultsObserveMark" (
    "journeyId" TEXT NOT NULL,
    "xid" xid8 NOT NULL,
    "complete" BOOLEAN NOT NULL,
    "observedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ResultsObserveMark_pkey" PRIMARY KEY ("journeyId"),
    CONSTRAINT "ResultsObserveMark_journeyId_fkey" FOREIGN KEY ("journeyId") REFERENCES "Journey"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE FUNCTION results_observe_event() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "ResultsObserveQueue" ("customerId") SELECT DISTINCT "customerId" FROM new_rows\x3B
  RETURN NULL\x3B
END
';
CREATE TRIGGER results_observe_event_insert AFTER INSERT ON "Event" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION results_observe_event();
CREATE TRIGGER results_observe_event_update AFTER UPDATE ON "Event" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION results_observe_event();
CREATE TRIGGER results_observe_enrolment_insert AFTER INSERT ON "Enrolment" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION results_observe_event();

CREATE FUNCTION results_observe_enrolment_update() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "ResultsObserveQueue" ("customerId")
  SELECT DISTINCT w."customerId" FROM old_rows o JOIN new_rows w ON w.id = o.id
  WHERE (o."customerId", o."enteredAt", o."endedAt", o."versionId") IS DISTINCT FROM (w."customerId", w."enteredAt", w."endedAt", w."versionId")\x3B
  RETURN NULL\x3B
END
';
CREATE TRIGGER results_observe_enrolment_update AFTER UPDATE ON "Enrolment" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION results_observe_enrolment_update();

CREATE FUNCTION results_observe_message_insert() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "ResultsObserveQueue" ("customerId") SELECT DISTINCT "customerId" FROM new_rows WHERE status = ''sent''\x3B
  RETURN NULL\x3B
END
';
CREATE TRIGGER results_observe_message_insert AFTER INSERT ON "Message" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION results_observe_message_insert();

CREATE FUNCTION results_observe_message_update() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "ResultsObserveQueue" ("customerId")
  SELECT DISTINCT w."customerId" FROM old_rows o JOIN new_rows w ON w.id = o.id
  WHERE (o.status = ''sent'' OR w.status = ''sent'')
    AND (o.status, o."createdAt", o."enrolmentId") IS DISTINCT FROM (w.status, w."createdAt", w."enrolmentId")\x3B
  RETURN NULL\x3B
END
';
CREATE TRIGGER results_observe_message_update AFTER UPDATE ON "Message" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION results_observe_message_update();

CREATE FUNCTION results_observe_customer_update() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "ResultsObserveQueue" ("customerId")
  SELECT w.id FROM old_rows o JOIN new_rows w ON w.id = o.id WHERE o.attributes IS DISTINCT FROM w.attributes\x3B
  RETURN NULL\x3B
END
';
CREATE TRIGGER results_observe_customer_update AFTER UPDATE ON "Customer" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION results_observe_customer_update();
