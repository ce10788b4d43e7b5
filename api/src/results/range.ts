/**
 * The period a results query covers: the last 7, 30 or 90 days (today included, days in UTC), or
 * a chosen range of whole days. A reversed or too long range is refused in words.
 */
import { Prisma } from '@cairn/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

const DAY = 86_400_000;
/** The longest range one query reads. */
export const MAX_RANGE_DAYS = 366;

export const ResultsRange = z.union([
  z.object({ days: z.union([z.literal(7), z.literal(30), z.literal(90)]) }),
  z.object({ from: z.iso.date(), to: z.iso.date() }),
]);
export type ResultsRange = z.infer<typeof ResultsRange>;

export interface ResolvedRange {
  /** Inclusive first day and last day, YYYY-MM-DD (UTC). */
  from: string;
  to: string;
  /** [start, end) in epoch ms: the first day's midnight to the midnight after the last day. */
  start: number;
  end: number;
  days: number;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function resolveRange(range: ResultsRange, now: number): ResolvedRange {
  let start: number;
  let end: number;
  if ('days' in range) {
    end = Math.floor(now / DAY) * DAY + DAY;
    start = end - range.days * DAY;
  } else {
    start = Date.parse(`${range.from}T00:00:00Z`);
    end = Date.parse(`${range.to}T00:00:00Z`) + DAY;
    if (end <= start) throw new TRPCError({ code: 'BAD_REQUEST', message: `the range ends on ${range.to}, before it starts on ${range.from}: swap the dates` });
  }
  const days = Math.round((end - start) / DAY);
  if (days > MAX_RANGE_DAYS) throw new TRPCError({ code: 'BAD_REQUEST', message: `the range covers ${days} days; choose at most ${MAX_RANGE_DAYS}` });
  return { from: day(start), to: day(end - DAY), start, end, days };
}

/**
 * An instant as a SQL timestamp literal in UTC. Cairn's timestamp columns hold UTC without a zone
 * (as Prisma writes them), so parameters are sent the same way, whatever the session's zone.
 */
export function utcTimestamp(ms: number): Prisma.Sql {
  return Prisma.sql`${new Date(ms).toISOString().slice(0, 23).replace('T', ' ')}::timestamp(3)`;
}

/** `column` (a DATE, a UTC day) within the range's days. */
export function dayRange(column: Prisma.Sql, range: ResolvedRange): Prisma.Sql {
  return Prisma.sql`${column} >= ${range.from}::date AND ${column} <= ${range.to}::date`;
}
