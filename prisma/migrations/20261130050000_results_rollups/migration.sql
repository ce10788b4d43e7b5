-- Results roll-ups (issue 11).
-- The trigger bodies are E strings with \x3B for the semicolon: the migration runner splits
-- statements at every semicolon, even inside a function body. Counters per journey, version and day, kept by statement-level
-- triggers in the same transaction as the row they count, whoever writes it (workflow
-- activities, ingest, broadcasts, the observer of goal events, a bulk SQL fill). The results
-- pages read these small tables instead of grouping millions of rows.
-- Deletes are not counted back: results keep what happened (a journey deleted takes its
-- counters along through the foreign keys).
-- Empty text stands for NULL in the keys (no exit reason, no node, no output) and version 0
-- for a message without an enrolment.

CREATE TABLE "ResultsEnrolmentDay" (
    "journeyId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    CONSTRAINT "ResultsEnrolmentDay_pkey" PRIMARY KEY ("journeyId", "day", "version", "status", "reason"),
    CONSTRAINT "ResultsEnrolmentDay_journeyId_fkey" FOREIGN KEY ("journeyId") REFERENCES "Journey"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "ResultsConversionDay" (
    "journeyId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "enteredDay" DATE NOT NULL,
    "convertedDay" DATE NOT NULL,
    "seconds" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    CONSTRAINT "ResultsConversionDay_pkey" PRIMARY KEY ("journeyId", "enteredDay", "version", "convertedDay", "seconds"),
    CONSTRAINT "ResultsConversionDay_journeyId_fkey" FOREIGN KEY ("journeyId") REFERENCES "Journey"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "ResultsConversionDay_journeyId_convertedDay_idx" ON "ResultsConversionDay"("journeyId", "convertedDay");

CREATE TABLE "ResultsMessageDay" (
    "journeyId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "nodeId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "delivered" INTEGER NOT NULL,
    "receipts" INTEGER NOT NULL,
    CONSTRAINT "ResultsMessageDay_pkey" PRIMARY KEY ("journeyId", "day", "version", "nodeId", "channel", "status"),
    CONSTRAINT "ResultsMessageDay_journeyId_fkey" FOREIGN KEY ("journeyId") REFERENCES "Journey"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "ResultsNodeStep" (
    "journeyId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "nodeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "output" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "converted" INTEGER NOT NULL,
    CONSTRAINT "ResultsNodeStep_pkey" PRIMARY KEY ("journeyId", "version", "nodeId", "kind", "output"),
    CONSTRAINT "ResultsNodeStep_journeyId_fkey" FOREIGN KEY ("journeyId") REFERENCES "Journey"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Enrolments by the day they entered and where they are now (a status change moves one count)
CREATE FUNCTION results_enrolment_rollup() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''UPDATE'' THEN
    INSERT INTO "ResultsEnrolmentDay" AS r ("journeyId", version, day, status, reason, n)
    SELECT o."journeyId", o.version, o."enteredAt"::date, o.status::text, COALESCE(o."exitReason", ''''), -count(*)
    FROM old_rows o JOIN new_rows w ON w.id = o.id
    WHERE (o."journeyId", o.version, o."enteredAt", o.status, o."exitReason") IS DISTINCT FROM (w."journeyId", w.version, w."enteredAt", w.status, w."exitReason")
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("journeyId", day, version, status, reason) DO UPDATE SET n = r.n + EXCLUDED.n\x3B
    INSERT INTO "ResultsEnrolmentDay" AS r ("journeyId", version, day, status, reason, n)
    SELECT w."journeyId", w.version, w."enteredAt"::date, w.status::text, COALESCE(w."exitReason", ''''), count(*)
    FROM old_rows o JOIN new_rows w ON w.id = o.id
    WHERE (o."journeyId", o.version, o."enteredAt", o.status, o."exitReason") IS DISTINCT FROM (w."journeyId", w.version, w."enteredAt", w.status, w."exitReason")
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("journeyId", day, version, status, reason) DO UPDATE SET n = r.n + EXCLUDED.n\x3B
  ELSE
    INSERT INTO "ResultsEnrolmentDay" AS r ("journeyId", version, day, status, reason, n)
    SELECT w."journeyId", w.version, w."enteredAt"::date, w.status::text, COALESCE(w."exitReason", ''''), count(*)
    FROM new_rows w
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ("journeyId", day, version, status, reason) DO UPDATE SET n = r.n + EXCLUDED.n\x3B
  END IF\x3B
  RETURN NULL\x3B
END
';
CREATE TRIGGER results_enrolment_insert AFTER INSERT ON "Enrolment" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION results_enrolment_rollup();
CREATE TRIGGER results_enrolment_update AFTER UPDATE ON "Enrolment" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION results_enrolment_rollup();

-- Conversions by the day their enrolment entered, the day they converted and the seconds it
-- took (exact medians), and the steps their enrolment had taken so far
CREATE FUNCTION results_conversion_rollup() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "ResultsConversionDay" AS r ("journeyId", version, "enteredDay", "convertedDay", seconds, n)
  SELECT e."journeyId", e.version, e."enteredAt"::date, c."convertedAt"::date, c."secondsToConvert", count(*)
  FROM new_rows c JOIN "Enrolment" e ON e.id = c."enrolmentId"
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("journeyId", "enteredDay", version, "convertedDay", seconds) DO UPDATE SET n = r.n + EXCLUDED.n\x3B
  INSERT INTO "ResultsNodeStep" AS r ("journeyId", version, "nodeId", kind, output, n, converted)
  SELECT ne."journeyId", e.version, ne."nodeId", ne.kind::text, COALESCE(ne.output, ''''), 0, count(DISTINCT ne."enrolmentId")
  FROM new_rows c JOIN "Enrolment" e ON e.id = c."enrolmentId"
  JOIN "NodeEvent" ne ON ne."enrolmentId" = c."enrolmentId" AND ne.kind IN (''entered'', ''left'')
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("journeyId", version, "nodeId", kind, output) DO UPDATE SET converted = r.converted + EXCLUDED.converted\x3B
  RETURN NULL\x3B
END
';
CREATE TRIGGER results_conversion_insert AFTER INSERT ON "Conversion" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION results_conversion_rollup();

-- Steps: each enrolment counted once per node, kind and output (its first such step), as
-- converted when its conversion is already recorded
CREATE FUNCTION results_node_event_rollup() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "ResultsNodeStep" AS r ("journeyId", version, "nodeId", kind, output, n, converted)
  SELECT w."journeyId", e.version, w."nodeId", w.kind::text, COALESCE(w.output, ''''), count(DISTINCT w."enrolmentId"),
         count(DISTINCT w."enrolmentId") FILTER (WHERE EXISTS (SELECT 1 FROM "Conversion" c WHERE c."enrolmentId" = w."enrolmentId"))
  FROM new_rows w JOIN "Enrolment" e ON e.id = w."enrolmentId"
  WHERE w.kind IN (''entered'', ''left'')
    AND NOT EXISTS (
      SELECT 1 FROM "NodeEvent" x
      WHERE x."enrolmentId" = w."enrolmentId" AND x.seq < w.seq AND x."nodeId" = w."nodeId" AND x.kind = w.kind AND x.output IS NOT DISTINCT FROM w.output)
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("journeyId", version, "nodeId", kind, output) DO UPDATE SET n = r.n + EXCLUDED.n, converted = r.converted + EXCLUDED.converted\x3B
  RETURN NULL\x3B
END
';
CREATE TRIGGER results_node_event_insert AFTER INSERT ON "NodeEvent" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION results_node_event_rollup();

-- Messages of journeys by node, channel, day created and status (a status or receipt change
-- moves one count)
CREATE FUNCTION results_message_rollup() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''UPDATE'' THEN
    INSERT INTO "ResultsMessageDay" AS r ("journeyId", version, "nodeId", channel, day, status, n, delivered, receipts)
    SELECT o."journeyId", COALESCE(e.version, 0), COALESCE(o."nodeId", ''''), o.channel, o."createdAt"::date, o.status::text,
           -count(*), -count(*) FILTER (WHERE o.receipt = ''delivered''), -count(o.receipt)
    FROM old_rows o JOIN new_rows w ON w.id = o.id LEFT JOIN "Enrolment" e ON e.id = o."enrolmentId"
    WHERE o."journeyId" IS NOT NULL AND w."journeyId" IS NOT NULL AND (o.status, o.receipt) IS DISTINCT FROM (w.status, w.receipt)
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ("journeyId", day, version, "nodeId", channel, status)
      DO UPDATE SET n = r.n + EXCLUDED.n, delivered = r.delivered + EXCLUDED.delivered, receipts = r.receipts + EXCLUDED.receipts\x3B
    INSERT INTO "ResultsMessageDay" AS r ("journeyId", version, "nodeId", channel, day, status, n, delivered, receipts)
    SELECT w."journeyId", COALESCE(e.version, 0), COALESCE(w."nodeId", ''''), w.channel, w."createdAt"::date, w.status::text,
           count(*), count(*) FILTER (WHERE w.receipt = ''delivered''), count(w.receipt)
    FROM old_rows o JOIN new_rows w ON w.id = o.id LEFT JOIN "Enrolment" e ON e.id = o."enrolmentId"
    WHERE o."journeyId" IS NOT NULL AND w."journeyId" IS NOT NULL AND (o.status, o.receipt) IS DISTINCT FROM (w.status, w.receipt)
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ("journeyId", day, version, "nodeId", channel, status)
      DO UPDATE SET n = r.n + EXCLUDED.n, delivered = r.delivered + EXCLUDED.delivered, receipts = r.receipts + EXCLUDED.receipts\x3B
  ELSE
    INSERT INTO "ResultsMessageDay" AS r ("journeyId", version, "nodeId", channel, day, status, n, delivered, receipts)
    SELECT w."journeyId", COALESCE(e.version, 0), COALESCE(w."nodeId", ''''), w.channel, w."createdAt"::date, w.status::text,
           count(*), count(*) FILTER (WHERE w.receipt = ''delivered''), count(w.receipt)
    FROM new_rows w LEFT JOIN "Enrolment" e ON e.id = w."enrolmentId"
    WHERE w."journeyId" IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ("journeyId", day, version, "nodeId", channel, status)
      DO UPDATE SET n = r.n + EXCLUDED.n, delivered = r.delivered + EXCLUDED.delivered, receipts = r.receipts + EXCLUDED.receipts\x3B
  END IF\x3B
  RETURN NULL\x3B
END
';
CREATE TRIGGER results_message_insert AFTER INSERT ON "Message" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION results_message_rollup();
CREATE TRIGGER results_message_update AFTER UPDATE ON "Message" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION results_message_rollup();

-- The counters of the rows already there
INSERT INTO "ResultsEnrolmentDay" ("journeyId", version, day, status, reason, n)
SELECT "journeyId", version, "enteredAt"::date, status::text, COALESCE("exitReason", ''), count(*) FROM "Enrolment" GROUP BY 1, 2, 3, 4, 5;
INSERT INTO "ResultsConversionDay" ("journeyId", version, "enteredDay", "convertedDay", seconds, n)
SELECT e."journeyId", e.version, e."enteredAt"::date, c."convertedAt"::date, c."secondsToConvert", count(*)
FROM "Conversion" c JOIN "Enrolment" e ON e.id = c."enrolmentId" GROUP BY 1, 2, 3, 4, 5;
INSERT INTO "ResultsNodeStep" ("journeyId", version, "nodeId", kind, output, n, converted)
SELECT ne."journeyId", e.version, ne."nodeId", ne.kind::text, COALESCE(ne.output, ''), count(DISTINCT ne."enrolmentId"),
       count(DISTINCT ne."enrolmentId") FILTER (WHERE c.id IS NOT NULL)
FROM "NodeEvent" ne JOIN "Enrolment" e ON e.id = ne."enrolmentId" LEFT JOIN "Conversion" c ON c."enrolmentId" = ne."enrolmentId"
WHERE ne.kind IN ('entered', 'left') GROUP BY 1, 2, 3, 4, 5;
INSERT INTO "ResultsMessageDay" ("journeyId", version, "nodeId", channel, day, status, n, delivered, receipts)
SELECT m."journeyId", COALESCE(e.version, 0), COALESCE(m."nodeId", ''), m.channel, m."createdAt"::date, m.status::text,
       count(*), count(*) FILTER (WHERE m.receipt = 'delivered'), count(m.receipt)
FROM "Message" m LEFT JOIN "Enrolment" e ON e.id = m."enrolmentId" WHERE m."journeyId" IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6;
