import { describe, expect, it } from 'vitest';
import { lastDueFire } from './due.js';

const at = (iso: string) => Date.parse(iso);

describe('lastDueFire', () => {
  it('fires a one-off schedule once, when its time has come', () => {
    const s = { kind: 'once' as const, at: '2026-05-01T09:00:00+07:00' };
    expect(lastDueFire(s, 'UTC', 0, at('2026-05-01T01:59:00Z'))).toBeUndefined();
    expect(lastDueFire(s, 'UTC', 0, at('2026-05-01T02:00:00Z'))).toBe(at('2026-05-01T02:00:00Z'));
    expect(lastDueFire(s, 'UTC', at('2026-05-01T02:00:00Z'), at('2026-05-02T00:00:00Z'))).toBeUndefined();
  });

  it('fires a daily schedule at the local time of the journey, only the latest missed one', () => {
    const s = { kind: 'recurring' as const, every: 'day' as const, at: '09:00', daysOfWeek: [] };
    const tz = 'Asia/Ho_Chi_Minh'; // UTC+7: 09:00 local is 02:00 UTC
    expect(lastDueFire(s, tz, 0, at('2026-05-03T01:00:00Z'))).toBe(at('2026-05-02T02:00:00Z'));
    expect(lastDueFire(s, tz, at('2026-05-02T02:00:00Z'), at('2026-05-03T01:00:00Z'))).toBeUndefined();
    expect(lastDueFire(s, tz, at('2026-04-20T00:00:00Z'), at('2026-05-03T03:00:00Z'))).toBe(at('2026-05-03T02:00:00Z'));
  });

  it('keeps weekly days and the day of the month, across a daylight-saving change', () => {
    const weekly = { kind: 'recurring' as const, every: 'week' as const, at: '08:30', daysOfWeek: [1] };
    // Monday 30 March 2026 in Berlin is after the switch to summer time (UTC+2).
    expect(lastDueFire(weekly, 'Europe/Berlin', 0, at('2026-04-01T12:00:00Z'))).toBe(at('2026-03-30T06:30:00Z'));
    const monthly = { kind: 'recurring' as const, every: 'month' as const, at: '10:00', daysOfWeek: [], dayOfMonth: 15 };
    expect(lastDueFire(monthly, 'UTC', 0, at('2026-05-20T00:00:00Z'))).toBe(at('2026-05-15T10:00:00Z'));
  });
});
