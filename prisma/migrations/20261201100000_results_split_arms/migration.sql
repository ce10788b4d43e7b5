-- Random-split arms as a roll-up (issue 11, scale): per journey, version, node, output and day the
-- enrolment entered, the enrolments whose first left step at that node took that output, by how
-- many whole days after that step they converted (rounded up, so converted within W days is
-- lagDays from 0 to W for any window W). lagDays -1: no conversion, or one before the step.
-- Kept by the NodeEvent and Conversion triggers below in the transaction that writes the row, as
-- the other results roll-ups (20261130050000_results_rollups). The trigger bodies are E strings
-- with \x3B for the semicolon (the migration runner splits statements at every semicolon).

CREATE TABLE "ResultsSplitArm" (
    "journeyId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "nodeId" TEXT NOT NULL,
    "output" TEXT NOT NULL,
    "enteredDay" DATE NOT NULL,
    "lagDays" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    CONSTRAINT "ResultsSplitArm_pkey" PRIMARY KEY ("journeyId", "nodeId", "enteredDay", "version", "output", "lagDays"),
    CONSTRAINT "ResultsSplitArm_journeyId_fkey" FOREIGN KEY ("journeyId") REFERENCES "Journey"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Whole days from a step to a conversion, rounded up (exact on millisecond timestamps), or -1
CREATE FUNCTION results_lag_days(converted timestamp, step timestamp) RETURNS integer LANGUAGE sql IMMUTABLE AS E'
  SELECT CASE WHEN converted >= step THEN ((round(extract(epoch FROM converted - step) * 1000)::bigint + 86399999) / 86400000)::int ELSE -1 END
';

CREATE FUNCTION results_split_arm_step() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "ResultsSplitArm" AS r ("journeyId", version, "nodeId", output, "enteredDay", "lagDays", n)
  SELECT w."journeyId", e.version, w."nodeId", COALESCE(w.output, ''''), e."enteredAt"::date, COALESCE(results_lag_days(c."convertedAt", w.at), -1), count(*)
  FROM new_rows w JOIN "Enrolment" e ON e.id = w."enrolmentId" LEFT JOIN "Conversion" c ON c."enrolmentId" = w."enrolmentId"
  WHERE w.kind = ''left''
    AND NOT EXISTS (
      SELECT 1 FROM "NodeEvent" x
      WHERE x."enrolmentId" = w."enrolmentId" AND x.seq < w.seq AND x."nodeId" = w."nodeId" AND x.kind = ''left'')
  GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ("journeyId", "nodeId", "enteredDay", version, output, "lagDays") DO UPDATE SET n = r.n + EXCLUDED.n\x3B
  RETURN NULL\x3B
END
';
CREATE TRIGGER results_split_arm_step AFTER INSERT ON "NodeEvent" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION results_split_arm_step();

-- A conversion moves its enrolment first left steps from -1 to their lag
CREATE FUNCTION results_split_arm_conversion() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "ResultsSplitArm" AS r ("journeyId", version, "nodeId", output, "enteredDay", "lagDays", n)
  SELECT "journeyId", version, "nodeId", output, "enteredDay", lag, sum(d)
  FROM (
    SELECT f."journeyId", f.version, f."nodeId", f.output, f."enteredDay", m.lag, m.d
    FROM (
      SELECT DISTINCT ON (ne."enrolmentId", ne."nodeId") ne."journeyId", e.version, ne."nodeId", COALESCE(ne.output, '''') AS output,
             e."enteredAt"::date AS "enteredDay", results_lag_days(c."convertedAt", ne.at) AS lag
      FROM new_rows c JOIN "Enrolment" e ON e.id = c."enrolmentId"
      JOIN "NodeEvent" ne ON ne."enrolmentId" = c."enrolmentId" AND ne.kind = ''left''
      ORDER BY ne."enrolmentId", ne."nodeId", ne.seq
    ) f, LATERAL (VALUES (-1, -1), (f.lag, 1)) m(lag, d)
    WHERE f.lag >= 0
  ) moved
  GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ("journeyId", "nodeId", "enteredDay", version, output, "lagDays") DO UPDATE SET n = r.n + EXCLUDED.n\x3B
  RETURN NULL\x3B
END
';
CREATE TRIGGER results_split_arm_conversion AFTER INSERT ON "Conversion" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION results_split_arm_conversion();

-- The arms of the steps already there
INSERT INTO "ResultsSplitArm" ("journeyId", version, "nodeId", output, "enteredDay", "lagDays", n)
SELECT f."journeyId", f.version, f."nodeId", f.output, f."enteredDay", f.lag, count(*)
FROM (
  SELECT DISTINCT ON (ne."enrolmentId", ne."nodeId") ne."journeyId", e.version, ne."nodeId", COALESCE(ne.output, '') AS output,
         e."enteredAt"::date AS "enteredDay", COALESCE(results_lag_days(c."convertedAt", ne.at), -1) AS lag
  FROM "NodeEvent" ne JOIN "Enrolment" e ON e.id = ne."enrolmentId" LEFT JOIN "Conversion" c ON c."enrolmentId" = ne."enrolmentId"
  WHERE ne.kind = 'left'
  ORDER BY ne."enrolmentId", ne."nodeId", ne.seq
) f
GROUP BY 1, 2, 3, 4, 5, 6;
