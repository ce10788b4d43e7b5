import { describe, expect, it } from 'vitest';
import { capApplies, capsHit, describeCap } from './caps.js';
import type { FrequencyCap, RecentSend } from './types.js';

const DAY = 86_400_000;
const promoEmail: FrequencyCap = { id: 'promo-email', channel: 'email', topic: 'promotions', limit: 3, window: { amount: 7, unit: 'days' } };
const global: FrequencyCap = { limit: 5, window: { amount: 1, unit: 'days' } };
const send = (at: number, channel: RecentSend['channel'] = 'email', topic = 'promotions', transactional = false): RecentSend => ({ at, channel, topic, transactional });

describe('capApplies', () => {
  it('scopes by channel and topic; no scope is global', () => {
    expect(capApplies(global, 'sms', 'news')).toBe(true);
    expect(capApplies(promoEmail, 'email', 'promotions')).toBe(true);
    expect(capApplies(promoEmail, 'sms', 'promotions')).toBe(false);
    expect(capApplies(promoEmail, 'email', 'news')).toBe(false);
    expect(capApplies({ ...global, channel: 'sms' }, 'sms', 'anything')).toBe(true);
    expect(capApplies({ ...global, topic: 'news' }, 'push', 'news')).toBe(true);
  });
});

describe('capsHit', () => {
  const now = 100 * DAY;

  it('allows while fewer than the limit are in the window', () => {
    expect(capsHit([promoEmail], [send(now - DAY), send(now - 2 * DAY)], 'email', 'promotions', now)).toEqual([]);
  });

  it('reports the exact instant the oldest relevant send leaves the window', () => {
    const sends = [send(now - 6 * DAY), send(now - 3 * DAY), send(now - DAY)];
    const [hit] = capsHit([promoEmail], sends, 'email', 'promotions', now);
    expect(hit).toMatchObject({ count: 3, until: now + DAY });
    // At `until` the message fits, a millisecond before it does not.
    expect(capsHit([promoEmail], sends, 'email', 'promotions', now + DAY)).toEqual([]);
    expect(capsHit([promoEmail], sends, 'email', 'promotions', now + DAY - 1)).toHaveLength(1);
  });

  it('with more sends than the limit, waits until enough have left', () => {
    // 5 sends against a limit of 3 (e.g. the cap was lowered): the 3rd oldest must leave.
    const sends = [1, 2, 3, 4, 5].map((d) => send(now - d * DAY));
    const [hit] = capsHit([promoEmail], sends, 'email', 'promotions', now);
    expect(hit?.until).toBe(now - 3 * DAY + 7 * DAY);
  });

  it('ignores transactional sends, other scopes and sends outside the window', () => {
    const sends = [send(now - DAY, 'email', 'promotions', true), send(now - DAY, 'sms'), send(now - DAY, 'email', 'news'), send(now - 7 * DAY), send(now - 8 * DAY)];
    expect(capsHit([promoEmail], sends, 'email', 'promotions', now)).toEqual([]);
  });

  it('a send exactly one window ago no longer counts', () => {
    const sends = [send(now - 7 * DAY), send(now - DAY), send(now - DAY)];
    expect(capsHit([promoEmail], sends, 'email', 'promotions', now)).toEqual([]);
  });

  it('global caps count every channel and topic', () => {
    const sends = [send(now - 1000, 'sms', 'a'), send(now - 2000, 'push', 'b'), send(now - 3000), send(now - 4000, 'chat', 'c'), send(now - 5000, 'email', 'd')];
    const hits = capsHit([global, promoEmail], sends, 'push', 'z', now);
    expect(hits.map((h) => h.cap)).toEqual([global]);
    expect(hits[0]?.until).toBe(now - 5000 + DAY);
  });

  it('a limit of zero never opens', () => {
    const [hit] = capsHit([{ ...promoEmail, limit: 0 }], [], 'email', 'promotions', now);
    expect(hit?.until).toBe(Infinity);
  });

  it('sends dated in the future count as now', () => {
    const sends = [send(now + DAY), send(now), send(now - DAY)];
    const [hit] = capsHit([promoEmail], sends, 'email', 'promotions', now);
    expect(hit?.until).toBe(now - DAY + 7 * DAY);
  });
});

describe('describeCap', () => {
  it('reads naturally', () => {
    expect(describeCap(promoEmail)).toBe('3 promotions emails per 7 days');
    expect(describeCap({ limit: 1, window: { amount: 1, unit: 'days' } })).toBe('1 message per 1 day');
  });
});
