-- Results by version follow the version each step and message was taken under (issue 12: a
-- customer moved to a newer version leaves its earlier steps with the old one, and the move's own
-- arrival counts for the new one). NodeEvent.version and Message.version come from migration
-- 20261201600000. Rows without one (written before) go by their enrolment, as before. A node step
-- counts once per enrolment and version. Trigger bodies: E strings with \x3B for the semicolon.

CREATE OR REPLACE FUNCTION results_node_event_rollup() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "ResultsNodeStep" AS r ("journeyId", version, "nodeId", kind, output, n, converted)
  SELECT w."journeyId", COALESCE(w.version, e.version), w."nodeId", w.kind::text, COALESCE(w.output, ''''), count(DISTINCT w."enrolmentId"),
         count(DISTINCT w."enrolmentId") FILTER (WHERE EXISTS (SELECT 1 FROM "Conversion" c WHERE c."enrolmentId" = w."enrolmentId"))
  FROM new_rows w JOIN "Enrolment" e ON e.id = w."enrolmentId"
  WHERE w.kind IN (''entered'', ''left'')
    AND NOT EXISTS (
      SELECT 1 FROM "NodeEvent" x
      WHERE x."enrolmentId" = w."enrolmentId" AND x.seq < w.seq AND x."nodeId" = w."nodeId" AND x.kind = w.kind AND x.output IS NOT DISTINCT FROM w.output AND x.version IS NOT DISTINCT FROM w.version)
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("journeyId", version, "nodeId", kind, output) DO UPDATE SET n = r.n + EXCLUDED.n, converted = r.converted + EXCLUDED.converted\x3B
  RETURN NULL\x3B
END
';

CREATE OR REPLACE FUNCTION results_message_rollup() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''UPDATE'' THEN
    INSERT INTO "ResultsMessageDay" AS r ("journeyId", version, "nodeId", channel, day, status, n, delivered, receipts)
    SELECT o."journeyId", COALESCE(o.version, e.version, 0), COALESCE(o."nodeId", ''''), o.channel, o."createdAt"::date, o.status::text,
           -count(*), -count(*) FILTER (WHERE o.receipt = ''delivered''), -count(o.receipt)
    FROM old_rows o JOIN new_rows w ON w.id = o.id LEFT JOIN "Enrolment" e ON e.id = o."enrolmentId"
    WHERE o."journeyId" IS NOT NULL AND w."journeyId" IS NOT NULL AND (o.status, o.receipt) IS DISTINCT FROM (w.status, w.receipt)
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ("journeyId", day, version, "nodeId", channel, status)
      DO UPDATE SET n = r.n + EXCLUDED.n, delivered = r.delivered + EXCLUDED.delivered, receipts = r.receipts + EXCLUDED.receipts\x3B
    INSERT INTO "ResultsMessageDay" AS r ("journeyId", version, "nodeId", channel, day, status, n, delivered, receipts)
    SELECT w."journeyId", COALESCE(w.version, e.version, 0), COALESCE(w."nodeId", ''''), w.channel, w."createdAt"::date, w.status::text,
           count(*), count(*) FILTER (WHERE w.receipt = ''delivered''), count(w.receipt)
    FROM old_rows o JOIN new_rows w ON w.id = o.id LEFT JOIN "Enrolment" e ON e.id = o."enrolmentId"
    WHERE o."journeyId" IS NOT NULL AND w."journeyId" IS NOT NULL AND (o.status, o.receipt) IS DISTINCT FROM (w.status, w.receipt)
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ("journeyId", day, version, "nodeId", channel, status)
      DO UPDATE SET n = r.n + EXCLUDED.n, delivered = r.delivered + EXCLUDED.delivered, receipts = r.receipts + EXCLUDED.receipts\x3B
  ELSE
    INSERT INTO "ResultsMessageDay" AS r ("journeyId", version, "nodeId", channel, day, status, n, delivered, receipts)
    SELECT w."journeyId", COALESCE(w.version, e.version, 0), COALESCE(w."nodeId", ''''), w.channel, w."createdAt"::date, w.status::text,
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

CREATE OR REPLACE FUNCTION results_conversion_rollup() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "ResultsConversionDay" AS r ("journeyId", version, "enteredDay", "convertedDay", seconds, n)
  SELECT e."journeyId", e.version, e."enteredAt"::date, c."convertedAt"::date, c."secondsToConvert", count(*)
  FROM new_rows c JOIN "Enrolment" e ON e.id = c."enrolmentId"
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("journeyId", "enteredDay", version, "convertedDay", seconds) DO UPDATE SET n = r.n + EXCLUDED.n\x3B
  INSERT INTO "ResultsNodeStep" AS r ("journeyId", version, "nodeId", kind, output, n, converted)
  SELECT ne."journeyId", COALESCE(ne.version, e.version), ne."nodeId", ne.kind::text, COALESCE(ne.output, ''''), 0, count(DISTINCT ne."enrolmentId")
  FROM new_rows c JOIN "Enrolment" e ON e.id = c."enrolmentId"
  JOIN "NodeEvent" ne ON ne."enrolmentId" = c."enrolmentId" AND ne.kind IN (''entered'', ''left'')
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("journeyId", version, "nodeId", kind, output) DO UPDATE SET converted = r.converted + EXCLUDED.converted\x3B
  RETURN NULL\x3B
END
';
