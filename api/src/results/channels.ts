/**
 * Message outcomes by channel. Every MessageStatus belongs to one column (a new status without
 * one is a type error). Read from the ResultsMessageDay roll-up. Delivered counts the provider's delivery receipts (Message.receipt); it is
 * null, "not reported", for a channel none of whose messages has a receipt (SMTP and the log
 * provider send none), never a guess. Opened and clicked (engagement.ts) are null the same way
 * while no message of the channel has such an event.
 */
import type { Db, MessageStatus } from '@cairn/db';
import { Prisma } from '@cairn/db';
import { engagementByChannel } from './engagement.js';
import { dayRange, type ResolvedRange } from './range.js';

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
  const [rows, engagement] = await Promise.all([
    db.$queryRaw<Array<{ channel: string; status: MessageStatus; n: number; delivered: number; receipts: number }>>`
      SELECT channel, status, sum(n)::int AS n, sum(delivered)::int AS delivered, sum(receipts)::int AS receipts
      FROM "ResultsMessageDay"
      WHERE "journeyId" = ${journeyId} AND ${dayRange(Prisma.sql`day`, range)} ${version === undefined ? Prisma.empty : Prisma.sql`AND version = ${version}`}
      GROUP BY channel, status HAVING sum(n) <> 0
      ORDER BY channel`,
    engagementByChannel(db, journeyId, range, version),
  ]);
  const by = new Map<string, ChannelResults>();
  for (const r of rows) {
    const c = by.get(r.channel) ?? { channel: r.channel, messages: 0, sent: 0, failed: 0, suppressed: 0, deferred: 0, sending: 0, delivered: null, opened: null, clicked: null };
    c[COLUMN_OF[r.status]] += r.n;
    c.messages += r.n;
    if (r.receipts > 0) c.delivered = (c.delivered ?? 0) + r.delivered;
    by.set(r.channel, c);
  }
  for (const c of by.values()) {
    const e = engagement.get(c.channel);
    if (e) Object.assign(c, { opened: e.opened || null, clicked: e.clicked || null });
  }
  return [...by.values()];
}
