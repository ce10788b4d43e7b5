import { describe, expect, it } from 'vitest';
import { resolveRange } from './range.js';

const NOW = Date.parse('2026-11-28T22:10:00Z');

describe('resolveRange', () => {
  it('the last 7 days end with today (UTC days, today included)', () => {
    expect(resolveRange({ days: 7 }, NOW)).toEqual({
      from: '2026-11-22', to: '2026-11-28', start: Date.parse('2026-11-22T00:00:00Z'), end: Date.parse('2026-11-29T00:00:00Z'), days: 7,
    });
  });

  it('a chosen range covers whole days, both ends included; one day is allowed', () => {
    expect(resolveRange({ from: '2026-11-01', to: '2026-11-30' }, NOW)).toMatchObject({ days: 30, end: Date.parse('2026-12-01T00:00:00Z') });
    expect(resolveRange({ from: '2026-11-05', to: '2026-11-05' }, NOW)).toMatchObject({ from: '2026-11-05', to: '2026-11-05', days: 1 });
  });

  it('refuses a reversed or too long range in words', () => {
    expect(() => resolveRange({ from: '2026-11-20', to: '2026-11-19' }, NOW)).toThrow('the range ends on 2026-11-19, before it starts on 2026-11-20: swap the dates');
    expect(() => resolveRange({ from: '2025-01-01', to: '2026-01-02' }, NOW)).toThrow('the range covers 367 days; choose at most 366');
    expect(resolveRange({ from: '2025-01-01', to: '2026-01-01' }, NOW).days).toBe(366);
  });
});
