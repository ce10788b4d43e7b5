import { describe, expect, it } from 'vitest';
import { outcomeOf } from './outcome.js';
import { consentModeOf, DEFAULT_POLICY_SETTINGS, longestCapWindowMs, PolicySettings } from './settings.js';

describe('PolicySettings', () => {
  it('defaults to no quiet hours, no caps, opt-out for unlisted topics', () => {
    expect(DEFAULT_POLICY_SETTINGS).toEqual({ timeZone: 'UTC', quietHours: null, caps: [], topics: [], unlistedTopicMode: 'opt-out' });
  });
  it('rejects bad zones, times and caps with the path', () => {
    const r = PolicySettings.safeParse({ timeZone: 'Moon/Base', quietHours: { start: '25:00', end: '08:00' }, caps: [{ limit: -1, window: { amount: 0, unit: 'days' } }] });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['caps.0.limit', 'caps.0.window', 'quietHours.start', 'timeZone']);
  });
  it('consent mode per topic, with the fallback', () => {
    const s = PolicySettings.parse({ topics: [{ id: 'promotions', label: 'Offers', consentMode: 'opt-in' }], unlistedTopicMode: 'opt-out' });
    expect(consentModeOf(s, 'promotions')).toBe('opt-in');
    expect(consentModeOf(s, 'news')).toBe('opt-out');
  });
  it('longest cap window', () => {
    expect(longestCapWindowMs(DEFAULT_POLICY_SETTINGS)).toBe(0);
    expect(longestCapWindowMs({ caps: [{ limit: 1, window: { amount: 2, unit: 'hours' } }, { limit: 3, window: { amount: 1, unit: 'weeks' } }] })).toBe(604_800_000);
  });
});

describe('outcomeOf', () => {
  it('maps each decision to the recorded status', () => {
    expect(outcomeOf({ kind: 'allow', timeZone: 'UTC' })).toEqual({ status: 'allowed' });
    expect(outcomeOf({ kind: 'suppressed', code: 'hard_bounce', hard: true, reason: 'r' })).toEqual({ status: 'suppressed', code: 'hard_bounce', reason: 'r' });
    expect(outcomeOf({ kind: 'no-consent', code: 'refused', reason: 'r' })).toEqual({ status: 'suppressed', code: 'consent-refused', reason: 'r' });
    expect(outcomeOf({ kind: 'capped', action: 'skip', code: 'c', reason: 'r' })).toEqual({ status: 'capped', code: 'c', reason: 'r' });
    expect(outcomeOf({ kind: 'capped', action: 'defer', until: 5, code: 'c', reason: 'r' })).toEqual({ status: 'deferred', code: 'c', reason: 'r', until: 5 });
    expect(outcomeOf({ kind: 'quiet-hours', until: 7, code: 'quiet-hours', reason: 'r' })).toEqual({ status: 'deferred', code: 'quiet-hours', reason: 'r', until: 7 });
  });
});
