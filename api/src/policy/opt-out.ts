/**
 * Refusals heard on a channel, from an address: an SMS STOP (Cairn's own /v1/sms/inbound or a
 * provider's inbound hook, e.g. Twilio's), a hard bounce or a spam complaint (Resend's events),
 * and the withdrawal of a STOP (START). The customers holding that address are suppressed on the
 * channel through the one suppression writer (suppress.ts), hard, since carriers stop every
 * message after STOP and a bounced address does not come back; a refusal by the customer also
 * emits "Unsubscribed", so running journeys end at once.
 */
import type { Db } from '@cairn/db';
import type { Channel } from '@cairn/core';
import { routeRows, type RouteDeps } from '../enrol/route.js';
import { storeCall } from '../ingest/store.js';
import { emitUnsubscribed } from './events.js';
import { phoneForms } from './suppressions.js';
import { liftSuppressions, suppressMany } from './suppress.js';

export interface HeardFromAddress {
  channel: Channel;
  address: string;
  /** Kept on the suppression ("sms-stop"); START lifts only what this source recorded. */
  source: string;
  /** Default unsubscribed; a bounce or complaint heard from a provider says so. */
  reason?: 'unsubscribed' | 'hard_bounce' | 'spam_complaint';
  note?: string;
  /** The vendor's id of what was heard (Twilio's MessageSid): its event is stored once, however often it is replayed. */
  ref?: string;
}

/** The customers who hold `address` on `channel` (phone numbers in their usual spellings). */
export async function customersAt(db: Pick<Db, 'customer'>, channel: Channel, address: string): Promise<string[]> {
  // No stored address holds a control character or a lone surrogate, and PostgreSQL refuses NUL in a query.
  if (address.trim() === '' || printable(address) !== address) return [];
  const where =
    channel === 'sms' ? { phone: { in: phoneForms(address) } }
    : channel === 'email' ? { email: { equals: address.trim(), mode: 'insensitive' as const } }
    : channel === 'push' ? { pushToken: address }
    : { chatId: address };
  const rows = await db.customer.findMany({ where, select: { id: true } });
  return rows.map((r) => r.id);
}

/** Suppresses the channel for everyone at the address (idempotent) and emits "Unsubscribed". */
export async function optOut(deps: RouteDeps & { log?: (m: string) => void }, heard: HeardFromAddress): Promise<{ customers: number }> {
  const ids = await customersAt(deps.db, heard.channel, heard.address);
  if (ids.length === 0) return { customers: 0 };
  await suppressMany(
    deps.db,
    ids.map((customerId) => ({ customerId, channel: heard.channel, reason: heard.reason ?? 'unsubscribed', source: heard.source, hard: true, ...(heard.note ? { note: printable(heard.note) } : {}) })),
  );
  // The customer's own refusals end journeys at once; a bounce is not one (its "Message Failed" event is).
  if (heard.reason === 'hard_bounce') return { customers: ids.length };
  const ref = heard.ref ?? String(deps.clock.now());
  for (const customerId of ids) await emitUnsubscribed(deps, customerId, { channel: heard.channel, source: heard.source }, `${heard.source}:${customerId}:${ref}`);
  return { customers: ids.length };
}

/** Control characters (NUL) in a quoted text would fail the insert (line breaks too, kept simple): they become spaces. */
function printable(text: string): string {
  const plain = [...text].map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? ' ' : c)).join('');
  // A lone surrogate cannot be stored in jsonb either: it becomes U+FFFD.
  return plain.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Lifts what `optOut` recorded from the same source for everyone at the address. */
export async function optIn(deps: RouteDeps, heard: HeardFromAddress & { keyword: string }): Promise<{ customers: number }> {
  const ids = await customersAt(deps.db, heard.channel, heard.address);
  if (ids.length === 0) return { customers: 0 };
  await liftSuppressions(
    deps.db,
    { customerId: { in: ids }, channel: heard.channel, reason: 'unsubscribed', source: heard.source },
    { reason: `${heard.keyword} received by ${heard.channel.toUpperCase()}`, by: 'customer', at: new Date(deps.clock.now()) },
  );
  return { customers: ids.length };
}

export const REPLIED_EVENT = 'Message Replied';

/**
 * A customer wrote back on a channel (not a keyword): a "Message Replied" event for every
 * customer at the address, stored once per `ref` (the vendor's message id) and routed like an
 * ingested one, so journeys can wait for a reply or branch on it.
 */
export async function replied(
  deps: RouteDeps & { log?: (m: string) => void },
  reply: { channel: Channel; address: string; text: string; ref: string; provider: string },
): Promise<{ customers: number }> {
  const ids = await customersAt(deps.db, reply.channel, reply.address);
  for (const customerId of ids) {
    try {
      const stored = await storeCall(
        deps.db,
        { type: 'track', customerId, name: REPLIED_EVENT, properties: { channel: reply.channel, provider: reply.provider, text: printable(reply.text) }, messageId: `reply:${reply.provider}:${reply.ref}:${customerId}` },
        deps.clock.now(),
      );
      if (!stored.rows.every((r) => r.processedAt)) await routeRows(deps, stored.rows);
    } catch (err) {
      deps.log?.(`reply: the ${REPLIED_EVENT} event for ${customerId} was not routed (the sweep retries): ${(err as Error).message}`);
    }
  }
  return { customers: ids.length };
}
