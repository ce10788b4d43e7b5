-- Customers reached per channel (issue 11, scale: the overview): enrolments sent at least one
-- message on a channel among the messages created in a range, and how many of them converted.
-- Distinct over a range of days, so not a sum of daily counts: ResultsReachDay keeps the days on
-- which each enrolment was sent something on each channel (n: how many messages), and
-- ResultsReach counts each such day with the previous one (prevDay, -infinity for the first).
-- An enrolment was reached in the range from A to B exactly when one of its days falls in it
-- with the previous one before A, and only one such day does: the count is the sum over day in
-- A to B with prevDay before A.
-- Kept by triggers in the transaction that writes the message or the conversion, as the other
-- results roll-ups. A change recounts the enrolments and channels it touches: their days with
-- the previous ones are taken out as they were and put back as they are now. Empty text stands
-- for a message without a journey. Trigger bodies: E strings with \x3B for the semicolon (the
-- migration runner splits statements at every semicolon).

CREATE TABLE "ResultsReachDay" (
    "journeyId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "n" INTEGER NOT NULL,
    CONSTRAINT "ResultsReachDay_pkey" PRIMARY KEY ("enrolmentId", "channel", "day", "journeyId")
);

CREATE TABLE "ResultsReach" (
    "journeyId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "prevDay" DATE NOT NULL,
    "converted" BOOLEAN NOT NULL,
    "n" INTEGER NOT NULL,
    CONSTRAINT "ResultsReach_pkey" PRIMARY KEY ("journeyId", "day", "channel", "prevDay", "converted")
);

CREATE FUNCTION results_reach_message() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''UPDATE'' THEN
  WITH delta AS (
    SELECT j, e, ch, day, sum(k)::int AS k FROM (SELECT COALESCE("journeyId", '''') AS j, "enrolmentId" AS e, channel AS ch, "createdAt"::date AS day, -1 AS k FROM old_rows WHERE status = ''sent'' AND "enrolmentId" IS NOT NULL UNION ALL SELECT COALESCE("journeyId", '''') AS j, "enrolmentId" AS e, channel AS ch, "createdAt"::date AS day, 1 AS k FROM new_rows WHERE status = ''sent'' AND "enrolmentId" IS NOT NULL) d GROUP BY 1, 2, 3, 4 HAVING sum(k) <> 0
  ), pairs AS (
    SELECT DISTINCT j, e, ch FROM delta
  ), was AS (
    SELECT r."journeyId" AS j, r."enrolmentId" AS e, r.channel AS ch, r.day, r.n FROM "ResultsReachDay" r JOIN pairs p ON p.e = r."enrolmentId" AND p.ch = r.channel AND p.j = r."journeyId"
  ), will AS (
    SELECT j, e, ch, day, sum(n)::int AS n FROM (SELECT j, e, ch, day, n FROM was UNION ALL SELECT j, e, ch, day, k FROM delta) u GROUP BY 1, 2, 3, 4 HAVING sum(n) > 0
  ), kept AS (
    INSERT INTO "ResultsReachDay" AS x ("journeyId", "enrolmentId", channel, day, n)
    SELECT w.j, w.e, w.ch, w.day, w.n FROM will w JOIN delta d ON (d.j, d.e, d.ch, d.day) = (w.j, w.e, w.ch, w.day) ORDER BY 1, 2, 3, 4
    ON CONFLICT ("enrolmentId", channel, day, "journeyId") DO UPDATE SET n = EXCLUDED.n
  ), gone AS (
    DELETE FROM "ResultsReachDay" r USING was w
    WHERE r."enrolmentId" = w.e AND r.channel = w.ch AND r.day = w.day AND r."journeyId" = w.j
      AND NOT EXISTS (SELECT 1 FROM will n WHERE (n.j, n.e, n.ch, n.day) = (w.j, w.e, w.ch, w.day))
  ), counted AS (
    SELECT j, ch, day, lag(day) OVER (PARTITION BY j, e, ch ORDER BY day) AS prev, e, -1 AS s FROM was
    UNION ALL
    SELECT j, ch, day, lag(day) OVER (PARTITION BY j, e, ch ORDER BY day) AS prev, e, 1 AS s FROM will
  )
  INSERT INTO "ResultsReach" AS x ("journeyId", channel, day, "prevDay", converted, n)
  SELECT c.j, c.ch, c.day, COALESCE(c.prev, ''-infinity''::date), EXISTS (SELECT 1 FROM "Conversion" cv WHERE cv."enrolmentId" = c.e), sum(c.s)
  FROM counted c
  GROUP BY 1, 2, 3, 4, 5 HAVING sum(c.s) <> 0 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("journeyId", day, channel, "prevDay", converted) DO UPDATE SET n = x.n + EXCLUDED.n\x3B
  ELSE
  WITH delta AS (
    SELECT j, e, ch, day, sum(k)::int AS k FROM (SELECT COALESCE("journeyId", '''') AS j, "enrolmentId" AS e, channel AS ch, "createdAt"::date AS day, 1 AS k FROM new_rows WHERE status = ''sent'' AND "enrolmentId" IS NOT NULL) d GROUP BY 1, 2, 3, 4 HAVING sum(k) <> 0
  ), pairs AS (
    SELECT DISTINCT j, e, ch FROM delta
  ), was AS (
    SELECT r."journeyId" AS j, r."enrolmentId" AS e, r.channel AS ch, r.day, r.n FROM "ResultsReachDay" r JOIN pairs p ON p.e = r."enrolmentId" AND p.ch = r.channel AND p.j = r."journeyId"
  ), will AS (
    SELECT j, e, ch, day, sum(n)::int AS n FROM (SELECT j, e, ch, day, n FROM was UNION ALL SELECT j, e, ch, day, k FROM delta) u GROUP BY 1, 2, 3, 4 HAVING sum(n) > 0
  ), kept AS (
    INSERT INTO "ResultsReachDay" AS x ("journeyId", "enrolmentId", channel, day, n)
    SELECT w.j, w.e, w.ch, w.day, w.n FROM will w JOIN delta d ON (d.j, d.e, d.ch, d.day) = (w.j, w.e, w.ch, w.day) ORDER BY 1, 2, 3, 4
    ON CONFLICT ("enrolmentId", channel, day, "journeyId") DO UPDATE SET n = EXCLUDED.n
  ), gone AS (
    DELETE FROM "ResultsReachDay" r USING was w
    WHERE r."enrolmentId" = w.e AND r.channel = w.ch AND r.day = w.day AND r."journeyId" = w.j
      AND NOT EXISTS (SELECT 1 FROM will n WHERE (n.j, n.e, n.ch, n.day) = (w.j, w.e, w.ch, w.day))
  ), counted AS (
    SELECT j, ch, day, lag(day) OVER (PARTITION BY j, e, ch ORDER BY day) AS prev, e, -1 AS s FROM was
    UNION ALL
    SELECT j, ch, day, lag(day) OVER (PARTITION BY j, e, ch ORDER BY day) AS prev, e, 1 AS s FROM will
  )
  INSERT INTO "ResultsReach" AS x ("journeyId", channel, day, "prevDay", converted, n)
  SELECT c.j, c.ch, c.day, COALESCE(c.prev, ''-infinity''::date), EXISTS (SELECT 1 FROM "Conversion" cv WHERE cv."enrolmentId" = c.e), sum(c.s)
  FROM counted c
  GROUP BY 1, 2, 3, 4, 5 HAVING sum(c.s) <> 0 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("journeyId", day, channel, "prevDay", converted) DO UPDATE SET n = x.n + EXCLUDED.n\x3B
  END IF\x3B
  RETURN NULL\x3B
END
';
CREATE TRIGGER results_reach_message_insert AFTER INSERT ON "Message" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION results_reach_message();
CREATE TRIGGER results_reach_message_update AFTER UPDATE ON "Message" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION results_reach_message();

-- A conversion moves the days of its enrolment to converted
CREATE FUNCTION results_reach_conversion() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "ResultsReach" AS x ("journeyId", channel, day, "prevDay", converted, n)
  SELECT s."journeyId", s.channel, s.day, s.prev, m.converted, sum(m.d)
  FROM (
    SELECT r."journeyId", r.channel, r.day, COALESCE(lag(r.day) OVER (PARTITION BY r."journeyId", r."enrolmentId", r.channel ORDER BY r.day), ''-infinity''::date) AS prev
    FROM "ResultsReachDay" r WHERE r."enrolmentId" IN (SELECT "enrolmentId" FROM new_rows)
  ) s, LATERAL (VALUES (false, -1), (true, 1)) m(converted, d)
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("journeyId", day, channel, "prevDay", converted) DO UPDATE SET n = x.n + EXCLUDED.n\x3B
  RETURN NULL\x3B
END
';
CREATE TRIGGER results_reach_conversion AFTER INSERT ON "Conversion" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION results_reach_conversion();

-- The messages already there
INSERT INTO "ResultsReachDay" ("journeyId", "enrolmentId", channel, day, n)
SELECT COALESCE("journeyId", ''), "enrolmentId", channel, "createdAt"::date, count(*)
FROM "Message" WHERE status = 'sent' AND "enrolmentId" IS NOT NULL GROUP BY 1, 2, 3, 4;
INSERT INTO "ResultsReach" ("journeyId", channel, day, "prevDay", converted, n)
SELECT "journeyId", channel, day, prev, converted, count(*)
FROM (
  SELECT r."journeyId", r.channel, r.day,
         COALESCE(lag(r.day) OVER (PARTITION BY r."journeyId", r."enrolmentId", r.channel ORDER BY r.day), '-infinity'::date) AS prev,
         EXISTS (SELECT 1 FROM "Conversion" c WHERE c."enrolmentId" = r."enrolmentId") AS converted
  FROM "ResultsReachDay" r
) s
GROUP BY 1, 2, 3, 4, 5;
