import { describe, expect, it } from 'vitest';
import { decidePolicy } from './decide.js';
import { policyInput } from './testing.js';
import { QuietHours, type FrequencyCap } from './types.js';

const iso = (s: string) => Date.parse(s);
const DAY = 86_400_000;
const night = QuietHours.parse({ start: '21:00', end: '08:00' });
const promo3per7: FrequencyCap = { id: 'promo-3-7', channel: 'email', topic: 'promotions', limit: 3, window: { amount: 7, unit: 'days' } };

describe('decidePolicy', () => {
  it('allows by default and names the zone used', () => {
    expect(decidePolicy(policyInput())).toEqual({ kind: 'allow', timeZone: 'UTC' });
  });

  it('time zone: customer, else journey, else workspace, skipping unknown zones', () => {
    expect(decidePolicy(policyInput({ timeZones: { customer: 'Asia/Ho_Chi_Minh', journey: 'Europe/Paris', workspace: 'UTC' } }))).toMatchObject({ timeZone: 'Asia/Ho_Chi_Minh' });
    expect(decidePolicy(policyInput({ timeZones: { customer: 'Mars/Base', journey: 'Europe/Paris' } }))).toMatchObject({ timeZone: 'Europe/Paris' });
    expect(decidePolicy(policyInput({ timeZones: { customer: null, journey: null, workspace: 'America/Chicago' } }))).toMatchObject({ timeZone: 'America/Chicago' });
    expect(decidePolicy(policyInput({ timeZones: {} }))).toMatchObject({ timeZone: 'UTC' });
  });

  it('a hard suppression stops transactional messages, and outranks everything else', () => {
    const d = decidePolicy(
      policyInput({
        transactional: true,
        suppressions: [{ channel: 'all', reason: 'refused_contact' }],
        consents: [{ topic: 'promotions', channel: 'email', status: 'granted', at: 1 }],
        quietHours: night,
        now: iso('2026-06-10T23:00:00Z'),
      }),
    );
    expect(d).toMatchObject({ kind: 'suppressed', code: 'refused_contact', hard: true });
  });

  it('a soft suppression stops marketing, not transactional', () => {
    const suppressions = [{ channel: 'email' as const, reason: 'unsubscribed' as const }];
    expect(decidePolicy(policyInput({ suppressions }))).toMatchObject({ kind: 'suppressed', hard: false });
    expect(decidePolicy(policyInput({ suppressions, transactional: true }))).toMatchObject({ kind: 'allow' });
    expect(decidePolicy(policyInput({ suppressions, channel: 'sms' }))).toMatchObject({ kind: 'allow' });
  });

  it('consent comes before quiet hours and caps', () => {
    const d = decidePolicy(policyInput({ consentMode: 'opt-in', quietHours: night, now: iso('2026-06-10T23:00:00Z') }));
    expect(d).toMatchObject({ kind: 'no-consent', code: 'not-granted' });
  });

  it('quiet hours defer to the exact end in the customer zone', () => {
    const d = decidePolicy(policyInput({ quietHours: night, now: iso('2026-06-10T15:00:00Z'), timeZones: { customer: 'Asia/Ho_Chi_Minh' } }));
    expect(d).toEqual({
      kind: 'quiet-hours',
      until: iso('2026-06-11T01:00:00Z'),
      code: 'quiet-hours',
      reason: 'quiet hours 21:00-08:00 in Asia/Ho_Chi_Minh; next allowed 2026-06-11 08:00 Asia/Ho_Chi_Minh',
    });
  });

  it('transactional messages wait for quiet hours unless exempted', () => {
    const base = { transactional: true, now: iso('2026-06-10T23:00:00Z') };
    expect(decidePolicy(policyInput({ ...base, quietHours: night }))).toMatchObject({ kind: 'quiet-hours' });
    expect(decidePolicy(policyInput({ ...base, quietHours: { ...night, exemptTransactional: true } }))).toMatchObject({ kind: 'allow' });
  });

  it('caps: skip or defer to the exact next allowed time; transactional exempt', () => {
    const now = iso('2026-06-10T12:00:00Z');
    const recentSends = [6, 3, 1].map((d) => ({ at: now - d * DAY, channel: 'email' as const, topic: 'promotions' }));
    const over = { now, caps: [promo3per7], recentSends };
    expect(decidePolicy(policyInput({ ...over, capBehaviour: 'skip' }))).toMatchObject({ kind: 'capped', action: 'skip', code: 'promo-3-7' });
    expect(decidePolicy(policyInput({ ...over, capBehaviour: 'defer' }))).toMatchObject({ kind: 'capped', action: 'defer', until: now + DAY });
    expect(decidePolicy(policyInput({ ...over, transactional: true }))).toMatchObject({ kind: 'allow' });
    expect(decidePolicy(policyInput({ ...over, topic: 'news' }))).toMatchObject({ kind: 'allow' });
  });

  it('a deferred cap that opens inside quiet hours waits for them to end too', () => {
    const now = iso('2026-06-10T12:00:00Z');
    // The oldest send leaves the window at 22:00 UTC, inside 21:00-08:00 UTC quiet hours.
    const recentSends = [{ at: now - 7 * DAY + 10 * 3_600_000, channel: 'email' as const, topic: 'promotions' }, { at: now - DAY, channel: 'email' as const, topic: 'promotions' }, { at: now - DAY, channel: 'email' as const, topic: 'promotions' }];
    const d = decidePolicy(policyInput({ now, caps: [promo3per7], recentSends, capBehaviour: 'defer', quietHours: night }));
    expect(d).toMatchObject({ kind: 'capped', action: 'defer', until: iso('2026-06-11T08:00:00Z') });
  });

  it('caps are judged when the message could go: after quiet hours end', () => {
    // In quiet hours now; the cap is full now but a send leaves the window before 08:00.
    const now = iso('2026-06-10T22:00:00Z');
    const recentSends = [now - 7 * DAY + 3_600_000, now - DAY, now - DAY].map((at) => ({ at, channel: 'email' as const, topic: 'promotions' }));
    const d = decidePolicy(policyInput({ now, caps: [promo3per7], recentSends, capBehaviour: 'skip', quietHours: night }));
    expect(d).toMatchObject({ kind: 'quiet-hours', until: iso('2026-06-11T08:00:00Z') });
  });

  it('a cap with limit 0 skips even when the node would defer', () => {
    const d = decidePolicy(policyInput({ caps: [{ ...promo3per7, limit: 0 }], capBehaviour: 'defer' }));
    expect(d).toMatchObject({ kind: 'capped', action: 'skip' });
  });

  it('the same customer, moved from Hanoi to Los Angeles, is judged on the new clock', () => {
    const now = iso('2026-06-10T23:00:00Z'); // 06:00 in Ho Chi Minh City, 16:00 in Los Angeles
    expect(decidePolicy(policyInput({ now, quietHours: night, timeZones: { customer: 'Asia/Ho_Chi_Minh' } }))).toMatchObject({ kind: 'quiet-hours' });
    expect(decidePolicy(policyInput({ now, quietHours: night, timeZones: { customer: 'America/Los_Angeles' } }))).toMatchObject({ kind: 'allow' });
  });

  it('a deferral across the spring-forward night lands at 08:00 local', () => {
    const now = iso('2026-03-08T04:00:00Z'); // 23:00 EST, Saturday; clocks jump at 02:00
    const d = decidePolicy(policyInput({ now, quietHours: night, timeZones: { customer: 'America/New_York' } }));
    expect(d).toMatchObject({ kind: 'quiet-hours', until: iso('2026-03-08T12:00:00Z') }); // 08:00 EDT
  });
});
