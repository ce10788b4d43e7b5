/**
 * Consent by topic and channel. The latest record for the topic on this channel (or on every
 * channel) decides; at the same instant a refusal beats a grant. Opt-in topics need a grant;
 * opt-out topics go until refused. Transactional messages need no opt-in, but an explicit
 * refusal of that very topic still holds: marking a message transactional must not override
 * something the customer said.
 */
import type { Channel } from '../journey/primitives.js';
import type { ConsentMode, ConsentRecord, PolicyDecision } from './types.js';

/** The record in force for `topic` on `channel`, if any. */
export function latestConsent(records: readonly ConsentRecord[], topic: string, channel: Channel): ConsentRecord | undefined {
  let best: ConsentRecord | undefined;
  for (const r of records) {
    if (r.topic !== topic || (r.channel !== channel && r.channel !== 'all')) continue;
    if (!best || r.at > best.at || (r.at === best.at && r.status === 'refused')) best = r;
  }
  return best;
}

/** A `no-consent` decision, or undefined when consent allows the message. */
export function checkConsent(
  records: readonly ConsentRecord[],
  topic: string,
  channel: Channel,
  mode: ConsentMode,
  transactional: boolean,
): Extract<PolicyDecision, { kind: 'no-consent' }> | undefined {
  const latest = latestConsent(records, topic, channel);
  if (latest?.status === 'refused') {
    const scope = latest.channel === 'all' ? 'every channel' : channel;
    return {
      kind: 'no-consent',
      code: 'refused',
      reason: `the customer refused "${topic}" on ${scope} at ${new Date(latest.at).toISOString()}${latest.source ? ` via ${latest.source}` : ''}`,
    };
  }
  if (mode === 'opt-in' && !transactional && latest?.status !== 'granted') {
    return { kind: 'no-consent', code: 'not-granted', reason: `"${topic}" is opt-in and the customer has not opted in on ${channel}` };
  }
  return undefined;
}
