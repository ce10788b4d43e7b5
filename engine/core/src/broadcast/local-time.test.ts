import { describe, expect, it } from 'vitest';
import { localInstant } from './local-time.js';

describe('localInstant', () => {
  it('puts the same wall-clock time at each zone’s own instant', () => {
    expect(new Date(localInstant('2026-12-24', '09:00', 'Europe/Paris', 'UTC')).toISOString()).toBe('2026-12-24T08:00:00.000Z');
    expect(new Date(localInstant('2026-12-24', '09:00', 'America/New_York', 'UTC')).toISOString()).toBe('2026-12-24T14:00:00.000Z');
    expect(new Date(localInstant('2026-07-01', '09:00', 'America/New_York', 'UTC')).toISOString()).toBe('2026-07-01T13:00:00.000Z');
  });
  it('uses the fallback zone for customers without one, or with an unknown one', () => {
    expect(localInstant('2026-12-24', '09:00', null, 'Asia/Tokyo')).toBe(Date.parse('2026-12-24T00:00:00Z'));
    expect(localInstant('2026-12-24', '09:00', 'Mars/Olympus', 'Asia/Tokyo')).toBe(Date.parse('2026-12-24T00:00:00Z'));
  });
});
