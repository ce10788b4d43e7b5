/**
 * Refusals heard on a channel, from an address: an SMS STOP (Cairn's own /v1/sms/inbound or a
 * provider's inbound hook, e.g. Twilio's), a hard bounce or a spam complaint (Resend's events),
 * and the withdrawal of a STOP (START). The customers holding that address are suppressed on the
 * channel through the one suppression writer (suppress.ts), hard, since carriers stop every
 * message after STOP and a bounced address does not come back; a refusal by the customer also
 * emits "Unsubscribed", so running journeys end at once.
 */
import type { Db } from '@cairn/db';
import type { Channel } from '@cairn/engine';
import type { RouteDeps } from '../enrol/route.js';
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

/** Control characters (NUL) in a quoted text would fail the insert: they become spaces. */
function printable(text: string): string {
  return [...text].map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? ' ' : c)).join('');
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
