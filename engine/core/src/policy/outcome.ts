/**
 * From a policy decision to what the send path records: the message status (the values of the
 * database's MessageStatus) and whether the workflow should wait and try the same step again.
 */
import type { PolicyDecision } from './types.js';

/**
 * What the send path records for a policy decision: a message status, and when deferred, the time to try
 * again.
 */
export type PolicyOutcome =
  | { status: 'allowed' }
  | { status: 'suppressed' | 'capped'; reason: string; code: string }
  | { status: 'deferred'; reason: string; code: string; until: number };

/** Turns a policy decision into what the send path records. */
export function outcomeOf(d: PolicyDecision): PolicyOutcome {
  switch (d.kind) {
    case 'allow':
      return { status: 'allowed' };
    case 'suppressed':
      return { status: 'suppressed', reason: d.reason, code: d.code };
    case 'no-consent':
      // Recorded as suppressed (the customer cannot be messaged on this topic), coded apart.
      return { status: 'suppressed', reason: d.reason, code: `consent-${d.code}` };
    case 'capped':
      return d.action === 'defer' && d.until !== undefined
        ? { status: 'deferred', reason: d.reason, code: d.code, until: d.until }
        : { status: 'capped', reason: d.reason, code: d.code };
    case 'quiet-hours':
      return { status: 'deferred', reason: d.reason, code: d.code, until: d.until };
  }
}
