/**
 * Opens and clicks per channel, for the messages of a journey created in a range: messages with an
 * "Email Opened" event (the open pixel, api/src/channels/tracking.ts), and messages with at least
 * one click ("Email Link Clicked", or a provider's "Push Clicked"). Each such event names its
 * message (properties.messageId) and is stored once per message (per link for clicks).
 * Mail scanners and privacy proxies (Apple Mail Privacy Protection) fetch pixels and follow links
 * on delivery, so opens especially run high: signals, not proof that a person read the message.
 * Read from the events at query time (they are few next to the messages; index on name, time).
 */
import type { Db } from '@cairn/db';
import { Prisma } from '@cairn/db';
import { utcTimestamp, type ResolvedRange } from './range.js';

export const OPEN_EVENTS = ['Email Opened'];
export const CLICK_EVENTS = ['Email Link Clicked', 'Push Clicked'];

export async function engagementByChannel(db: Db, journeyId: string, range: ResolvedRange, version?: number): Promise<Map<string, { opened: number; clicked: number }>> {
  const from = utcTimestamp(range.start);
  const rows = await db.$queryRaw<Array<{ channel: string; opened: number; clicked: number }>>`
    SELECT m.channel,
           count(DISTINCT m.id) FILTER (WHERE ev.name = ANY(${OPEN_EVENTS}))::int AS opened,
           count(DISTINCT m.id) FILTER (WHERE ev.name = ANY(${CLICK_EVENTS}))::int AS clicked
    FROM "Event" ev
    JOIN "Message" m ON m.id = ev.properties->>'messageId'
    ${version === undefined ? Prisma.empty : Prisma.sql`JOIN "Enrolment" e ON e.id = m."enrolmentId" AND e.version = ${version}`}
    WHERE ev.name = ANY(${[...OPEN_EVENTS, ...CLICK_EVENTS]}) AND ev.timestamp >= ${from}
      AND m."journeyId" = ${journeyId} AND m."createdAt" >= ${from} AND m."createdAt" < ${utcTimestamp(range.end)}
    GROUP BY m.channel`;
  return new Map(rows.map((r) => [r.channel, { opened: r.opened, clicked: r.clicked }]));
}
