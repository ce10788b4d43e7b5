/**
 * Daily series over a range (UTC days, every day present, zeros included): customers who
 * entered, conversions recorded that day, and messages by outcome, from the roll-ups.
 */
import type { Db } from '@cairn/db';
import { Prisma } from '@cairn/db';
import { dayRange, utcTimestamp, type ResolvedRange } from './range.js';

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
  const ofVersion = version === undefined ? Prisma.empty : Prisma.sql`AND version = ${version}`;
  const rows = await db.$queryRaw<DayResults[]>`
    WITH days AS (
      SELECT generate_series(${from}, ${to} - interval '1 day', interval '1 day')::date AS d
    ), entered AS (
      SELECT day AS d, sum(n)::int AS n FROM "ResultsEnrolmentDay"
      WHERE "journeyId" = ${journeyId} AND ${dayRange(Prisma.sql`day`, range)} ${ofVersion} GROUP BY 1
    ), converted AS (
      SELECT "convertedDay" AS d, sum(n)::int AS n FROM "ResultsConversionDay"
      WHERE "journeyId" = ${journeyId} AND ${dayRange(Prisma.sql`"convertedDay"`, range)} ${ofVersion} GROUP BY 1
    ), messages AS (
      SELECT day AS d,
             sum(n) FILTER (WHERE status = 'sent')::int AS sent,
             sum(n) FILTER (WHERE status = 'failed')::int AS failed,
             sum(n) FILTER (WHERE status IN ('suppressed', 'capped', 'no_address'))::int AS suppressed
      FROM "ResultsMessageDay"
      WHERE "journeyId" = ${journeyId} AND ${dayRange(Prisma.sql`day`, range)} ${ofVersion} GROUP BY 1
    )
    SELECT to_char(days.d, 'YYYY-MM-DD') AS day, COALESCE(entered.n, 0) AS entered, COALESCE(converted.n, 0) AS converted,
           COALESCE(messages.sent, 0) AS sent, COALESCE(messages.failed, 0) AS failed, COALESCE(messages.suppressed, 0) AS suppressed
    FROM days LEFT JOIN entered USING (d) LEFT JOIN converted USING (d) LEFT JOIN messages USING (d)
    ORDER BY days.d`;
  return rows;
}
