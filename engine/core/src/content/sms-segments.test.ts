import { describe, expect, it } from 'vitest';
import { smsSegments } from './sms-segments.js';

describe('SMS segments', () => {
  it('counts GSM-7 texts in septets: 160 in one part, 153 per part beyond', () => {
    expect(smsSegments('')).toMatchObject({ encoding: 'GSM-7', segments: 0, remaining: 160 });
    expect(smsSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1, remaining: 0 });
    expect(smsSegments('a'.repeat(161))).toMatchObject({ segments: 2, remaining: 306 - 161 });
    // Extension characters take two septets.
    expect(smsSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', characters: 80, units: 160, segments: 1 });
    expect(smsSegments('Price: 10€ [sale]')).toMatchObject({ encoding: 'GSM-7', units: 20 });
  });

  it('needs UCS-2 for Vietnamese diacritics: 70 in one part, 67 per part beyond', () => {
    const vi = 'Chào Lan, đơn hàng của bạn đã sẵn sàng';
    expect(smsSegments(vi)).toMatchObject({ encoding: 'UCS-2', characters: vi.length, segments: 1, firstUnicode: 'đ' });
    expect(smsSegments('ư'.repeat(70))).toMatchObject({ segments: 1, remaining: 0 });
    expect(smsSegments('ư'.repeat(71))).toMatchObject({ segments: 2, remaining: 134 - 71 });
    // "Chào" is GSM-7 (à is in the alphabet); "đ" is not.
    expect(smsSegments('Chào')).toMatchObject({ encoding: 'GSM-7' });
  });

  it('counts an emoji as two UCS-2 units', () => {
    expect(smsSegments('🎉')).toMatchObject({ encoding: 'UCS-2', characters: 1, units: 2, firstUnicode: '🎉' });
  });
});
