/**
 * Daily series over a range (UTC days, every day present, zeros included): customers who
 * entered, conversions recorded that day, and messages by outcome.
 */
import type { Db } from '@cairn/db';
import { Prisma } from '@cairn/db';
import { utcTimestamp, type ResolvedRange } from './range.js';

export interface DayResults {
  day: string;
  entered: number;
  converted: number;
  sent: number;
  failed: number;
  suppressed: number;
}

export async function dailySeries(db: Db, journeyId: string, range: ResolvedRange, version?: number): Promise<DayResults[]> {
  const from = utcTimestamp(range.start);
  const to = utcTimestamp(range.end);
  const ofVersion = (alias: string) => (version === undefined ? Prisma.empty : Prisma.sql`AND ${Prisma.raw(alias)}.version = ${version}`);
  const rows = await db.$queryRaw<DayResults[]>`
    WITH days AS (
      SELECT generate_series(${from}, ${to} - interval '1 day', interval '1 day') AS d
    ), entered AS (
      SELECT date_trunc('day', e."enteredAt") AS d, count(*)::int AS n FROM "Enrolment" e
      WHERE e."journeyId" = ${journeyId} AND e."enteredAt" >= ${from} AND e."enteredAt" < ${to} ${ofVersion('e')} GROUP BY 1
    ), converted AS (
      SELECT date_trunc('day', c."convertedAt") AS d, count(*)::int AS n FROM "Conversion" c
      WHERE c."journeyId" = ${journeyId} AND c."convertedAt" >= ${from} AND c."convertedAt" < ${to} ${ofVersion('c')} GROUP BY 1
    ), messages AS (
      SELECT date_trunc('day', m."createdAt") AS d,
             count(*) FILTER (WHERE m.status = 'sent')::int AS sent,
             count(*) FILTER (WHERE m.status = 'failed')::int AS failed,
             count(*) FILTER (WHERE m.status IN ('suppressed', 'capped', 'no_address'))::int AS suppressed
      FROM "Message" m
      ${version === undefined ? Prisma.empty : Prisma.sql`JOIN "Enrolment" e ON e.id = m."enrolmentId" AND e.version = ${version}`}
      WHERE m."journeyId" = ${journeyId} AND m."createdAt" >= ${from} AND m."createdAt" < ${to} GROUP BY 1
    )
    SELECT to_char(days.d, 'YYYY-MM-DD') AS day, COALESCE(entered.n, 0) AS entered, COALESCE(converted.n, 0) AS converted,
           COALESCE(messages.sent, 0) AS sent, COALESCE(messages.failed, 0) AS failed, COALESCE(messages.suppressed, 0) AS suppressed
    FROM days LEFT JOIN entered USING (d) LEFT JOIN converted USING (d) LEFT JOIN messages USING (d)
    ORDER BY days.d`;
  return rows;
}
