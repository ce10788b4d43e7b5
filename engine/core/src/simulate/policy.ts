/**
 * The delivery policy in a simulation: a real customer tried in the test panel meets the same
 * pure `decidePolicy` production uses, with their suppressions, consent records, the workspace's
 * quiet hours and caps, and the messages they were already sent (the simulated sends count
 * towards the caps as the run goes). A send held for quiet hours or a cap goes out when the
 * policy allows it, as the workflow's deferral does.
 */
import type { Channel } from '../journey/primitives.js';
import { decidePolicy } from '../policy/decide.js';
import { consentModeOf, type PolicySettings } from '../policy/settings.js';
import type { ConsentRecord, RecentSend, Suppression } from '../policy/types.js';

/** What production's policy knows about a customer, for the simulator. */
export interface SimPolicy {
  settings: PolicySettings;
  suppressions: Suppression[];
  consents: ConsentRecord[];
  /** Messages already sent to them (epoch ms, channel, topic), for the frequency caps. */
  recentSends: RecentSend[];
}

export type SimulatedDecision =
  | { kind: 'send'; at: number; held?: string }
  | { kind: 'refuse'; status: 'suppressed' | 'capped'; reason: string };

/** One message step's fate under the policy at `now`; `sent` adds to the customer's sends. */
export function simulatedPolicy(
  policy: SimPolicy,
  message: { channel: Channel; topic: string; transactional: boolean; onCap?: 'skip' | 'defer' | undefined },
  now: number,
  timeZones: { customer?: string | undefined; journey?: string | undefined },
  sent: readonly RecentSend[],
): SimulatedDecision {
  const d = decidePolicy({
    channel: message.channel,
    topic: message.topic,
    transactional: message.transactional,
    now,
    timeZones: { customer: timeZones.customer ?? null, journey: timeZones.journey ?? null, workspace: policy.settings.timeZone },
    suppressions: policy.suppressions,
    consents: policy.consents,
    consentMode: consentModeOf(policy.settings, message.topic),
    caps: policy.settings.caps,
    recentSends: [...policy.recentSends, ...sent],
    quietHours: policy.settings.quietHours ?? null,
    capBehaviour: message.onCap ?? 'skip',
  });
  switch (d.kind) {
    case 'allow':
      return { kind: 'send', at: now };
    case 'suppressed':
    case 'no-consent':
      return { kind: 'refuse', status: 'suppressed', reason: d.reason };
    case 'quiet-hours':
      return { kind: 'send', at: d.until, held: d.reason };
    case 'capped':
      return d.action === 'defer' && d.until !== undefined ? { kind: 'send', at: d.until, held: d.reason } : { kind: 'refuse', status: 'capped', reason: d.reason };
  }
}
