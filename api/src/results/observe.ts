/**
 * Conversions the workflow cannot see, recorded once per enrolment (Conversion, source
 * `observed`): a goal event (a goal node's event and filter, or the journey's own goal event) that
 * came after the enrolment ended, within the attribution window: up to `windowDays` after the
 * customer's last message, or after leaving when no message was sent. That is how a holdout stays
 * observed: held-out customers leave at the split without any contact, and their goal events in
 * the window after it are recorded like everyone else's, so lift over the holdout is measurable.
 * A running customer's journey-level goal event counts too (goal nodes end the run themselves).
 *
 * Idempotent (ON CONFLICT on the enrolment) and incremental: only enrolments with no conversion
 * whose window may still hold an event are read, and after a journey's first observation only
 * those of customers queued since (ResultsObserveQueue, filled by triggers when an event, an
 * enrolment's end, a sent message or the attributes change: migration
 * 20261201100100_results_observe_queue). Called before a journey's results are read, so figures
 * are current without a change to the ingest path or the workflow.
 */
import type { Db } from '@cairn/db';
import { Prisma } from '@cairn/db';
import { journeyGoals } from './goals.js';
import { utcTimestamp } from './range.js';

/** The longest window a journey can name (settings.goal.windowDays max), plus a day of slack. */
const MAX_WINDOW_DAYS = 91;

interface Candidate {
  enrolmentId: string;
  versionId: string;
  status: string;
  enteredAt: Date;
  endedAt: Date | null;
  lastMessageId: string | null;
  lastSentAt: Date | null;
  lastNodeId: string | null;
  name: string;
  properties: unknown;
  timestamp: Date;
  attributes: unknown;
}

const asRecord = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Records the conversions observed since the last call; returns how many were new. */
export async function observeConversions(db: Db, journeyId: string, now: number): Promise<number> {
  const goals = await journeyGoals(db, journeyId);
  const all = [...goals.values()];
  const names = [...new Set(all.flatMap((g) => g.names))];
  if (names.length === 0) return 0;
  // Running customers only convert by the journey's own goal event (goal nodes end their run).
  const runningNames = [...new Set(all.flatMap((g) => (g.journeyEvent ? [g.journeyEvent] : [])))];
  const windowDays = Math.max(...all.map((g) => g.windowMs / 86_400_000));
  const since = utcTimestamp(now - MAX_WINDOW_DAYS * 86_400_000);
  // Taken before the candidates are read: every transaction older than this one has ended, so
  // the read below sees all it queued; the next observation reads the queue from here on. A
  // first observation reads every open enrolment; its mark, not yet complete, already holds the
  // queue from being pruned by other journeys' observations meanwhile.
  const [snap] = await db.$queryRaw<Array<{ xmin: string; mark: string | null }>>`
    WITH snap AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
    placed AS (
      INSERT INTO "ResultsObserveMark" ("journeyId", xid, complete) SELECT ${journeyId}, xmin, false FROM snap
      ON CONFLICT ("journeyId") DO NOTHING
    )
    SELECT snap.xmin::text AS xmin,
           (SELECT m.xid::text FROM "ResultsObserveMark" m WHERE m."journeyId" = ${journeyId} AND m.complete) AS mark
    FROM snap`;
  const { xmin, mark } = snap!;
  const queued =
    mark === null
      ? Prisma.empty
      : Prisma.sql`AND e."customerId" IN (SELECT q."customerId" FROM "ResultsObserveQueue" q WHERE q.xid >= ${mark}::xid8)`;
  // The SQL narrows to goal events that can count (after entering; within the widest window of the
  // journey's versions after the end, which is never before the last message); the exact window
  // and the goal filters are applied below, per version.
  const rows = await db.$queryRaw<Candidate[]>`
    WITH open AS (
      SELECT e.id, e."versionId", e.status, e."enteredAt", e."endedAt", e."customerId"
      FROM "Enrolment" e
      WHERE e."journeyId" = ${journeyId} AND (e."endedAt" IS NULL OR e."endedAt" > ${since})
        AND (e."endedAt" IS NOT NULL OR cardinality(${runningNames}::text[]) > 0)
        AND NOT EXISTS (SELECT 1 FROM "Conversion" cv WHERE cv."enrolmentId" = e.id)
        ${queued}
    ), hits AS (
      SELECT o.*, ev.id AS "eventId", ev.name, ev.properties, ev.timestamp
      FROM open o JOIN "Event" ev ON ev."customerId" = o."customerId" AND ev.name = ANY(${names}) AND ev.timestamp >= o."enteredAt"
      WHERE (o."endedAt" IS NULL AND ev.name = ANY(${runningNames}))
         OR (o."endedAt" IS NOT NULL AND ev.timestamp <= o."endedAt" + make_interval(days => ${windowDays}))
    )
    SELECT h.id AS "enrolmentId", h."versionId", h.status::text AS status, h."enteredAt", h."endedAt",
           ls.id AS "lastMessageId", ls."createdAt" AS "lastSentAt",
           (SELECT ne."nodeId" FROM "NodeEvent" ne WHERE ne."enrolmentId" = h.id AND ne.kind = 'entered' ORDER BY ne.seq DESC LIMIT 1) AS "lastNodeId",
           h.name, h.properties, h.timestamp, c.attributes
    FROM hits h
    JOIN "Customer" c ON c.id = h."customerId"
    LEFT JOIN LATERAL (
      SELECT m.id, m."createdAt" FROM "Message" m WHERE m."enrolmentId" = h.id AND m.status = 'sent' ORDER BY m."createdAt" DESC, m.id DESC LIMIT 1
    ) ls ON true
    ORDER BY h.id, h.timestamp, h."eventId"`;

  const found: Array<Record<string, unknown>> = [];
  let current: string | undefined;
  let done = false;
  for (const r of rows) {
    if (r.enrolmentId !== current) {
      current = r.enrolmentId;
      done = false;
    }
    if (done) continue;
    const g = goals.get(r.versionId);
    if (!g) continue;
    const running = r.endedAt === null;
    const at = r.timestamp.getTime();
    if (!running) {
      const ended = r.endedAt!.getTime();
      const anchor = r.lastSentAt ? Math.min(r.lastSentAt.getTime(), ended) : ended;
      if (at > Math.max(ended, anchor + g.windowMs)) continue;
    }
    const hit = g.match({ name: r.name, at, properties: asRecord(r.properties) }, { attributes: asRecord(r.attributes), history: [], now }, running);
    if (!hit) continue;
    done = true;
    found.push({
      enrolmentId: r.enrolmentId,
      goalNodeId: hit.goalNodeId ?? null,
      goalEvent: hit.goalEvent,
      at,
      lastMessageId: r.lastMessageId,
      lastNodeId: r.lastNodeId,
    });
  }
  const recorded = found.length === 0 ? 0 : await record(db, found);
  await advance(db, journeyId, xmin, mark !== null);
  return recorded;
}

/**
 * Moves the journey's mark forward. After a pass from a mark only while the mark is still there:
 * when the sweep dropped it meanwhile, the queue this pass read may have been pruned under it, so
 * the next pass reads everything.
 */
async function advance(db: Db, journeyId: string, xmin: string, fromMark: boolean): Promise<void> {
  if (fromMark) {
    await db.$executeRaw`
      UPDATE "ResultsObserveMark" SET xid = GREATEST(xid, ${xmin}::xid8), "observedAt" = now()
      WHERE "journeyId" = ${journeyId} AND complete`;
    return;
  }
  await db.$executeRaw`
    INSERT INTO "ResultsObserveMark" ("journeyId", xid, complete) VALUES (${journeyId}, ${xmin}::xid8, true)
    ON CONFLICT ("journeyId") DO UPDATE
      SET xid = CASE WHEN "ResultsObserveMark".complete THEN GREATEST("ResultsObserveMark".xid, EXCLUDED.xid) ELSE EXCLUDED.xid END,
          complete = true, "observedAt" = now()`;
}

/**
 * Bounds the queue (the launcher sweep calls it): drops the marks of journeys not observed for a
 * day, then the queued customers every remaining mark has seen (all of them with no mark left).
 * Safe against an observation under way: a first pass places its mark before it reads, and
 * whatever this delete can see was committed before that pass read, or is at or after its mark.
 */
export async function pruneObserveQueue(db: Db): Promise<number> {
  await db.$executeRaw`DELETE FROM "ResultsObserveMark" WHERE "observedAt" < now() - interval '1 day'`;
  return db.$executeRaw`
    DELETE FROM "ResultsObserveQueue"
    WHERE xid < COALESCE((SELECT min(xid) FROM "ResultsObserveMark"), pg_snapshot_xmin(pg_current_snapshot()))`;
}

function record(db: Db, found: Array<Record<string, unknown>>): Promise<number> {
  return db.$executeRaw`
    INSERT INTO "Conversion" (id, "enrolmentId", "journeyId", "versionId", version, "customerId", source, "goalNodeId", "goalEvent",
                              "convertedAt", "secondsToConvert", "lastMessageId", "lastNodeId")
    SELECT 'cv_' || md5(e.id), e.id, e."journeyId", e."versionId", e.version, e."customerId", 'observed', f."goalNodeId", f."goalEvent",
           (to_timestamp(f.at / 1000.0) AT TIME ZONE 'UTC')::timestamp(3),
           GREATEST(0, floor((f.at - extract(epoch FROM e."enteredAt") * 1000) / 1000))::int,
           f."lastMessageId", f."lastNodeId"
    FROM jsonb_to_recordset(${JSON.stringify(found)}::jsonb) AS f("enrolmentId" text, "goalNodeId" text, "goalEvent" text, at bigint, "lastMessageId" text, "lastNodeId" text)
    JOIN "Enrolment" e ON e.id = f."enrolmentId"
    ON CONFLICT ("enrolmentId") DO NOTHING`;
}
