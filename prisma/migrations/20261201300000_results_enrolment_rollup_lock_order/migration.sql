-- Enrolment roll-up in one statement. The first version moved a count with two statements (the
-- old status down, then the new one up), so two enrolments of one journey moving in opposite
-- directions (active to waiting, waiting to active) locked the same two ResultsEnrolmentDay rows
-- in opposite orders and deadlocked (seen as failed, retried progress writes and sends in
-- npm run bench -- engine). One INSERT over both changes, grouped by key and ordered, takes the
-- row locks in key order. Same counts: the old key gets minus one, the new key plus one, and a
-- change that keeps the key (enteredAt moved within its day) nets zero.
CREATE OR REPLACE FUNCTION results_enrolment_rollup() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''UPDATE'' THEN
    INSERT INTO "ResultsEnrolmentDay" AS r ("journeyId", version, day, status, reason, n)
    SELECT "journeyId", version, day, status, reason, sum(d)::int FROM (
      SELECT o."journeyId", o.version, o."enteredAt"::date AS day, o.status::text AS status, COALESCE(o."exitReason", '''') AS reason, -1 AS d
      FROM old_rows o JOIN new_rows w ON w.id = o.id
      WHERE (o."journeyId", o.version, o."enteredAt", o.status, o."exitReason") IS DISTINCT FROM (w."journeyId", w.version, w."enteredAt", w.status, w."exitReason")
      UNION ALL
      SELECT w."journeyId", w.version, w."enteredAt"::date, w.status::text, COALESCE(w."exitReason", ''''), 1
      FROM old_rows o JOIN new_rows w ON w.id = o.id
      WHERE (o."journeyId", o.version, o."enteredAt", o.status, o."exitReason") IS DISTINCT FROM (w."journeyId", w.version, w."enteredAt", w.status, w."exitReason")
    ) c
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
