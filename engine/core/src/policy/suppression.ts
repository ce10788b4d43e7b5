/**
 * Suppression: the customer refused contact (or the address is dead). Hard suppressions stop
 * every message on their channel, transactional ones included; soft ones stop marketing only,
 * so an order receipt still reaches someone who unsubscribed from promotional email.
 */
import type { Channel } from '../journey/primitives.js';
import type { PolicyDecision, Suppression, SuppressionReason } from './types.js';

/** Reasons that are hard whatever the scope. */
const ALWAYS_HARD: ReadonlySet<SuppressionReason> = new Set(['hard_bounce', 'spam_complaint', 'refused_contact', 'manual', 'imported']);

/**
 * Whether a suppression blocks transactional messages too. Bounces, complaints and refused
 * contact always do. Staff-entered and imported suppressions default to hard as well: when we
 * cannot tell what the person asked for, we err on the side of not messaging them. An
 * unsubscribe is hard when it covers every channel ("unsubscribe from all") and soft for one
 * channel. An explicit `hard` on the record wins.
 */
export function isHard(s: Suppression): boolean {
  if (s.hard !== undefined) return s.hard;
  if (ALWAYS_HARD.has(s.reason)) return true;
  return s.channel === 'all';
}

const REASON_TEXT: Record<SuppressionReason, string> = {
  unsubscribed: 'unsubscribed',
  refused_contact: 'refused contact',
  hard_bounce: 'hard bounce',
  spam_complaint: 'spam complaint',
  manual: 'suppressed by staff',
  imported: 'imported suppression',
};

/**
 * The suppression that stops this message, if any: a hard one first (it is the stronger
 * answer to "why not?"), then a soft one unless the message is transactional.
 */
export function findSuppression(suppressions: readonly Suppression[], channel: Channel, transactional: boolean): Suppression | undefined {
  const applicable = suppressions.filter((s) => s.channel === 'all' || s.channel === channel);
  const hard = applicable.find(isHard);
  if (hard) return hard;
  return transactional ? undefined : applicable[0];
}

/** The decision for a suppression found by `findSuppression`. */
export function suppressedDecision(s: Suppression, channel: Channel): Extract<PolicyDecision, { kind: 'suppressed' }> {
  const hard = isHard(s);
  const scope = s.channel === 'all' ? 'all channels' : channel;
  const detail = [REASON_TEXT[s.reason], ...(hard ? [] : ['marketing only']), ...(s.at !== undefined ? [`since ${new Date(s.at).toISOString()}`] : []), ...(s.source ? [`via ${s.source}`] : [])].join(', ');
  const what = s.reason === 'hard_bounce' ? `the address bounced on ${scope}` : `the customer refused contact on ${scope}`;
  return { kind: 'suppressed', code: s.reason, hard, reason: `${what} (${detail})` };
}
