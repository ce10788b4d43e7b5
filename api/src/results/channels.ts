/**
 * Message outcomes by channel. Every MessageStatus belongs to one column (a new status without
 * one is a type error). Delivered counts the provider's delivery receipts (Message.receipt); it is
 * null, "not reported", for a channel none of whose messages has a receipt (SMTP and the log
 * provider send none), never a guess. Opened and clicked wait for those events the same way.
 */
import type { Db, MessageStatus } from '@cairn/db';
import { Prisma } from '@cairn/db';
import { utcTimestamp, type ResolvedRange } from './range.js';

export type ChannelColumn = 'sent' | 'failed' | 'suppressed' | 'deferred' | 'sending';

export const COLUMN_OF: Record<MessageStatus, ChannelColumn> = {
  claimed: 'sending',
  sent: 'sent',
  failed: 'failed',
  suppressed: 'suppressed',
  capped: 'suppressed',
  no_address: 'suppressed',
  deferred: 'deferred',
};

export interface ChannelResults extends Record<ChannelColumn, number> {
  channel: string;
  /** Every attempt (one per message step). */
  messages: number;
  delivered: number | null;
  opened: number | null;
  clicked: number | null;
}

/** Messages of the journey created in the range (of enrolments in `version` when given), by channel. */
export async function channelResults(db: Db, journeyId: string, range: ResolvedRange, version?: number): Promise<ChannelResults[]> {
  const rows = await db.$queryRaw<Array<{ channel: string; status: MessageStatus; n: number; delivered: number; receipts: number }>>`
    SELECT m.channel, m.status::text AS status, count(*)::int AS n,
           count(*) FILTER (WHERE m.receipt = 'delivered')::int AS delivered, count(m.receipt)::int AS receipts
    FROM "Message" m
    ${version === undefined ? Prisma.empty : Prisma.sql`JOIN "Enrolment" e ON e.id = m."enrolmentId" AND e.version = ${version}`}
    WHERE m."journeyId" = ${journeyId} AND m."createdAt" >= ${utcTimestamp(range.start)} AND m."createdAt" < ${utcTimestamp(range.end)}
    GROUP BY m.channel, m.status
    ORDER BY m.channel`;
  const by = new Map<string, ChannelResults>();
  for (const r of rows) {
    const c = by.get(r.channel) ?? { channel: r.channel, messages: 0, sent: 0, failed: 0, suppressed: 0, deferred: 0, sending: 0, delivered: null, opened: null, clicked: null };
    c[COLUMN_OF[r.status]] += r.n;
    c.messages += r.n;
    if (r.receipts > 0) c.delivered = (c.delivered ?? 0) + r.delivered;
    by.set(r.channel, c);
  }
  return [...by.values()];
}
