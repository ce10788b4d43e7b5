import { describe, expect, it } from 'vitest';
import { parseJourney } from '../journey/journey.js';
import { PolicySettings, type PolicySettingsInput } from '../policy/settings.js';
import type { SimPolicy } from './policy.js';
import { simulate } from './simulate.js';

const parsed = parseJourney({
  id: 'j',
  name: 'Two emails',
  nodes: [
    { id: 't', type: 'trigger.event', event: 'Signed Up' },
    { id: 'first', type: 'action.email', subject: 'One', body: 'x', topic: 'promotions' },
    { id: 'second', type: 'action.email', subject: 'Two', body: 'y', topic: 'promotions' },
    { id: 'done', type: 'exit' },
  ],
  edges: [
    { id: 'e1', source: 't', target: 'first' },
    { id: 'e2', source: 'first', target: 'second' },
    { id: 'e3', source: 'second', target: 'done' },
  ],
});
if (!parsed.ok) throw new Error('fixture');
const journey = parsed.journey;

const start = Date.UTC(2026, 10, 30, 22, 0); // 22:00 UTC, a Monday night
const signUp = [{ name: 'Signed Up', at: start, properties: {} }];
const policy = (over: Partial<Omit<SimPolicy, 'settings'>> & { settings?: PolicySettingsInput } = {}): SimPolicy => ({
  suppressions: [],
  consents: [],
  recentSends: [],
  ...over,
  settings: PolicySettings.parse(over.settings ?? {}),
});
const left = (r: ReturnType<typeof simulate>, node: string) => r.steps.find((s) => s.nodeId === node && s.kind === 'left');

describe('a real customer in the simulator meets production’s policy', () => {
  it('holds a send for quiet hours and sends it when they end', () => {
    const r = simulate(journey, { id: 'c', policy: policy({ settings: { quietHours: { start: '21:00', end: '08:00' } } }) }, signUp, { start });
    const first = left(r, 'first');
    expect(first?.status).toBe('sent');
    expect(first?.reason).toMatch(/^held back \(quiet hours 21:00-08:00 in UTC; next allowed 2026-12-01 08:00 UTC\), then would send email$/);
    expect(first?.at).toBe(Date.UTC(2026, 11, 1, 8, 0));
  });

  it('refuses without the consent an opt-in topic needs, and counts its own sends against the caps', () => {
    const optIn = simulate(journey, { id: 'c', policy: policy({ settings: { topics: [{ id: 'promotions', label: 'Offers', consentMode: 'opt-in' }] } }) }, signUp, { start });
    expect(left(optIn, 'first')).toMatchObject({ status: 'suppressed', reason: expect.stringContaining('promotions') });
    const capped = simulate(journey, { id: 'c', policy: policy({ settings: { caps: [{ limit: 1, window: { amount: 1, unit: 'days' } }] } }) }, signUp, { start });
    expect(left(capped, 'first')?.status).toBe('sent');
    expect(left(capped, 'second')).toMatchObject({ status: 'capped', reason: expect.stringContaining('skipped') });
  });

  it('counts the customer’s earlier sends and honours their suppressions', () => {
    const cap = { settings: { caps: [{ limit: 1, window: { amount: 7, unit: 'days' as const } }] }, recentSends: [{ at: start - 86_400_000, channel: 'email' as const, topic: 'promotions' }] };
    expect(left(simulate(journey, { id: 'c', policy: policy(cap) }, signUp, { start }), 'first')?.status).toBe('capped');
    const refused = simulate(journey, { id: 'c', policy: policy({ suppressions: [{ channel: 'email', reason: 'unsubscribed' }] }) }, signUp, { start });
    expect(left(refused, 'first')?.status).toBe('suppressed');
    // Without policy facts (a made-up test customer) nothing changes: both go at once.
    const plain = simulate(journey, { id: 'c' }, signUp, { start });
    expect([left(plain, 'first')?.status, left(plain, 'second')?.status]).toEqual(['sent', 'sent']);
  });
});
