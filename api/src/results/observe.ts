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
 * whose window may still hold an event are read. Called before a journey's results are read, so
 * figures are current without a change to the ingest path or the workflow.
 */
import type { Db } from '@cairn/db';
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

const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

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
  // The SQL narrows to events that can count (the widest window of the journey's versions); the
  // exact window and the goal filters are applied below, per version.
  const rows = await db.$queryRaw<Candidate[]>`
    SELECT e.id AS "enrolmentId", e."versionId", e.status::text AS status, e."enteredAt", e."endedAt",
           ls.id AS "lastMessageId", ls."createdAt" AS "lastSentAt",
           (SELECT ne."nodeId" FROM "NodeEvent" ne WHERE ne."enrolmentId" = e.id AND ne.kind = 'entered' ORDER BY ne.seq DESC LIMIT 1) AS "lastNodeId",
           ev.name, ev.properties, ev.timestamp, c.attributes
    FROM "Enrolment" e
    JOIN "Customer" c ON c.id = e."customerId"
    LEFT JOIN LATERAL (
      SELECT m.id, m."createdAt" FROM "Message" m WHERE m."enrolmentId" = e.id AND m.status = 'sent' ORDER BY m."createdAt" DESC, m.id DESC LIMIT 1
    ) ls ON true
    JOIN "Event" ev ON ev."customerId" = e."customerId" AND ev.timestamp >= e."enteredAt"
      AND CASE WHEN e."endedAt" IS NULL THEN ev.name = ANY(${runningNames})
               ELSE ev.name = ANY(${names})
                    AND ev.timestamp <= GREATEST(e."endedAt", COALESCE(LEAST(ls."createdAt", e."endedAt"), e."endedAt") + make_interval(days => ${windowDays})) END
    WHERE e."journeyId" = ${journeyId} AND (e."endedAt" IS NULL OR e."endedAt" > ${since})
      AND (e."endedAt" IS NOT NULL OR cardinality(${runningNames}::text[]) > 0)
      AND NOT EXISTS (SELECT 1 FROM "Conversion" cv WHERE cv."enrolmentId" = e.id)
    ORDER BY e.id, ev.timestamp, ev.id`;

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
    const hit = g.match({ name: r.name, at, properties: record(r.properties) }, { attributes: record(r.attributes), history: [], now }, running);
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
  if (found.length === 0) return 0;
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
