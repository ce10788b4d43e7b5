/** Test helper: a policy input that allows everything, to be narrowed per test. */
import type { PolicyInput } from './types.js';

export function policyInput(over: Partial<PolicyInput> = {}): PolicyInput {
  return {
    channel: 'email',
    topic: 'promotions',
    transactional: false,
    now: Date.parse('2026-06-10T12:00:00Z'),
    timeZones: { workspace: 'UTC' },
    suppressions: [],
    consents: [],
    consentMode: 'opt-out',
    caps: [],
    recentSends: [],
    quietHours: null,
    capBehaviour: 'skip',
    ...over,
  };
}
