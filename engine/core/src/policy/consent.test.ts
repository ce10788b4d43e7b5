import { describe, expect, it } from 'vitest';
import { checkConsent, latestConsent } from './consent.js';
import type { ConsentRecord } from './types.js';

const rec = (status: 'granted' | 'refused', at: number, channel: ConsentRecord['channel'] = 'email', topic = 'promotions'): ConsentRecord => ({ topic, channel, status, at });

describe('latestConsent', () => {
  it('the latest record for the topic on the channel or on all channels wins', () => {
    const records = [rec('granted', 1), rec('refused', 2, 'all'), rec('granted', 3, 'sms'), rec('granted', 9, 'email', 'news')];
    expect(latestConsent(records, 'promotions', 'email')?.status).toBe('refused');
    expect(latestConsent(records, 'promotions', 'sms')?.at).toBe(3);
    expect(latestConsent(records, 'news', 'email')?.at).toBe(9);
    expect(latestConsent(records, 'news', 'push')).toBeUndefined();
  });
  it('at the same instant a refusal beats a grant, in any order', () => {
    expect(latestConsent([rec('refused', 5), rec('granted', 5)], 'promotions', 'email')?.status).toBe('refused');
    expect(latestConsent([rec('granted', 5), rec('refused', 5)], 'promotions', 'email')?.status).toBe('refused');
  });
});

describe('checkConsent', () => {
  it('opt-in needs a grant', () => {
    expect(checkConsent([], 'promotions', 'email', 'opt-in', false)).toMatchObject({ code: 'not-granted' });
    expect(checkConsent([rec('granted', 1)], 'promotions', 'email', 'opt-in', false)).toBeUndefined();
    expect(checkConsent([rec('granted', 1), rec('refused', 2)], 'promotions', 'email', 'opt-in', false)).toMatchObject({ code: 'refused' });
    expect(checkConsent([rec('refused', 1), rec('granted', 2)], 'promotions', 'email', 'opt-in', false)).toBeUndefined();
  });
  it('opt-out allows until refused', () => {
    expect(checkConsent([], 'promotions', 'email', 'opt-out', false)).toBeUndefined();
    expect(checkConsent([rec('refused', 1, 'all')], 'promotions', 'sms', 'opt-out', false)).toMatchObject({
      code: 'refused',
      reason: expect.stringContaining('every channel'),
    });
  });
  it('transactional needs no opt-in, but an explicit refusal of the topic still holds', () => {
    expect(checkConsent([], 'receipts', 'email', 'opt-in', true)).toBeUndefined();
    expect(checkConsent([rec('refused', 1, 'email', 'receipts')], 'receipts', 'email', 'opt-in', true)).toMatchObject({ code: 'refused' });
  });
});
