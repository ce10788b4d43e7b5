import { describe, expect, it } from 'vitest';
import { findSuppression, isHard, suppressedDecision } from './suppression.js';
import type { Suppression } from './types.js';

describe('isHard', () => {
  it('bounces, complaints, refused contact, staff and imported entries are hard on any scope', () => {
    for (const reason of ['hard_bounce', 'spam_complaint', 'refused_contact', 'manual', 'imported'] as const) {
      expect(isHard({ channel: 'email', reason })).toBe(true);
      expect(isHard({ channel: 'all', reason })).toBe(true);
    }
  });
  it('an unsubscribe is hard for all channels, soft for one', () => {
    expect(isHard({ channel: 'all', reason: 'unsubscribed' })).toBe(true);
    expect(isHard({ channel: 'email', reason: 'unsubscribed' })).toBe(false);
  });
  it('an explicit flag wins', () => {
    expect(isHard({ channel: 'email', reason: 'unsubscribed', hard: true })).toBe(true);
    expect(isHard({ channel: 'email', reason: 'manual', hard: false })).toBe(false);
  });
});

describe('findSuppression', () => {
  const softEmail: Suppression = { channel: 'email', reason: 'unsubscribed' };
  const bounce: Suppression = { channel: 'email', reason: 'hard_bounce' };
  const allRefused: Suppression = { channel: 'all', reason: 'refused_contact' };

  it('matches the channel or all', () => {
    expect(findSuppression([softEmail], 'email', false)).toBe(softEmail);
    expect(findSuppression([softEmail], 'sms', false)).toBeUndefined();
    expect(findSuppression([allRefused], 'push', false)).toBe(allRefused);
  });
  it('transactional passes a soft suppression, never a hard one', () => {
    expect(findSuppression([softEmail], 'email', true)).toBeUndefined();
    expect(findSuppression([softEmail, bounce], 'email', true)).toBe(bounce);
    expect(findSuppression([allRefused], 'sms', true)).toBe(allRefused);
  });
  it('prefers the hard suppression as the answer', () => {
    expect(findSuppression([softEmail, bounce], 'email', false)).toBe(bounce);
  });
});

describe('suppressedDecision', () => {
  it('says what, where, since when and from where', () => {
    const d = suppressedDecision({ channel: 'all', reason: 'spam_complaint', at: Date.parse('2026-01-02T03:04:05Z'), source: 'ses' }, 'email');
    expect(d).toEqual({
      kind: 'suppressed',
      code: 'spam_complaint',
      hard: true,
      reason: 'the customer refused contact on all channels (spam complaint, since 2026-01-02T03:04:05.000Z, via ses)',
    });
    expect(suppressedDecision({ channel: 'sms', reason: 'unsubscribed' }, 'sms').reason).toBe('the customer refused contact on sms (unsubscribed, marketing only)');
    expect(suppressedDecision({ channel: 'email', reason: 'hard_bounce' }, 'email').reason).toBe('the address bounced on email (hard bounce)');
  });
});
