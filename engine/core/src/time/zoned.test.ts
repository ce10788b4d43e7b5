import { describe, expect, it } from 'vitest';
import { nextWindowOpening, offsetMs, parseTimeOfDay, zonedParts, zonedTimeToInstant } from './zoned.js';

const HOUR = 3_600_000;
const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);
const EVERY_DAY: number[] = [];
const WEEKDAYS = [1, 2, 3, 4, 5];

describe('zonedParts and offsetMs', () => {
  it('read the wall clock in a zone', () => {
    expect(zonedParts(utc(2026, 1, 5, 20, 30), 'Asia/Ho_Chi_Minh')).toEqual({ year: 2026, month: 1, day: 6, hour: 3, minute: 30, second: 0, weekday: 2 });
    expect(zonedParts(utc(2026, 1, 1, 3), 'America/New_York')).toMatchObject({ year: 2025, month: 12, day: 31, hour: 22, weekday: 3 });
    expect(zonedParts(utc(2026, 1, 5, 0, 0), 'UTC').hour).toBe(0); // never "24"
  });
  it('know the offset, including daylight saving time', () => {
    expect(offsetMs(utc(2026, 1, 5), 'Asia/Ho_Chi_Minh')).toBe(7 * HOUR);
    expect(offsetMs(utc(2026, 1, 5), 'America/New_York')).toBe(-5 * HOUR);
    expect(offsetMs(utc(2026, 7, 5), 'America/New_York')).toBe(-4 * HOUR);
    expect(offsetMs(utc(2026, 1, 5), 'Asia/Kolkata')).toBe(5.5 * HOUR);
  });
});

describe('zonedTimeToInstant', () => {
  it('turns a local time into an instant', () => {
    expect(zonedTimeToInstant('Asia/Ho_Chi_Minh', 2026, 1, 6, 9, 0)).toBe(utc(2026, 1, 6, 2));
    expect(zonedTimeToInstant('America/New_York', 2026, 3, 9, 9, 0)).toBe(utc(2026, 3, 9, 13)); // EDT
    expect(zonedTimeToInstant('America/New_York', 2026, 3, 7, 9, 0)).toBe(utc(2026, 3, 7, 14)); // EST
  });
  it('resolves a time skipped by the spring jump to the moment the clocks jump (03:00 EDT)', () => {
    // 2026-03-08 02:30 does not exist in New York: clocks go from 01:59 EST to 03:00 EDT (07:00 UTC).
    expect(zonedTimeToInstant('America/New_York', 2026, 3, 8, 2, 30)).toBe(utc(2026, 3, 8, 7));
  });
  it('handles a half-hour jump (Lord Howe Island, 02:00 → 02:30)', () => {
    const at = zonedTimeToInstant('Australia/Lord_Howe', 2026, 10, 4, 2, 15);
    expect(at).toBe(utc(2026, 10, 3, 15, 30));
    expect(zonedParts(at, 'Australia/Lord_Howe')).toMatchObject({ day: 4, hour: 2, minute: 30 });
  });
  it('resolves a repeated time in the autumn to its first occurrence (EDT)', () => {
    // 2026-11-01 01:30 happens twice in New York: 05:30 UTC (EDT) and 06:30 UTC (EST).
    expect(zonedTimeToInstant('America/New_York', 2026, 11, 1, 1, 30)).toBe(utc(2026, 11, 1, 5, 30));
  });
  it('parses times of day', () => {
    expect(parseTimeOfDay('07:05')).toEqual({ hour: 7, minute: 5 });
  });
});

describe('nextWindowOpening', () => {
  describe('Asia/Ho_Chi_Minh (UTC+7, no DST)', () => {
    const tz = 'Asia/Ho_Chi_Minh';
    it('opens later the same day, or the next day once the window has passed', () => {
      // 08:00 local → 09:00 local the same day.
      expect(nextWindowOpening(utc(2026, 1, 5, 1), tz, EVERY_DAY, '09:00', '11:00')).toBe(utc(2026, 1, 5, 2));
      // 15:00 local → 09:00 local tomorrow.
      expect(nextWindowOpening(utc(2026, 1, 5, 8), tz, EVERY_DAY, '09:00', '11:00')).toBe(utc(2026, 1, 6, 2));
    });
    it('returns the moment itself inside the window; the end is exclusive', () => {
      const inside = utc(2026, 1, 5, 3, 59); // 10:59 local
      expect(nextWindowOpening(inside, tz, EVERY_DAY, '09:00', '11:00')).toBe(inside);
      expect(nextWindowOpening(utc(2026, 1, 5, 4), tz, EVERY_DAY, '09:00', '11:00')).toBe(utc(2026, 1, 6, 2));
    });
    it('uses the local date, not the UTC date, for the day of week', () => {
      // Friday 2026-01-09 20:00 UTC is Saturday 03:00 local: weekdays only → Monday 09:00 local.
      expect(nextWindowOpening(utc(2026, 1, 9, 20), tz, WEEKDAYS, '09:00', '11:00')).toBe(utc(2026, 1, 12, 2));
    });
  });

  describe('America/New_York across daylight saving', () => {
    const tz = 'America/New_York';
    it('spring forward: Saturday 10:00 EST → Sunday 09:00 EDT (13:00 UTC, not 14:00)', () => {
      expect(nextWindowOpening(utc(2026, 3, 7, 15), tz, EVERY_DAY, '09:00', '10:00')).toBe(utc(2026, 3, 8, 13));
    });
    it('fall back: Saturday 10:00 EDT → Sunday 09:00 EST (14:00 UTC, not 13:00)', () => {
      expect(nextWindowOpening(utc(2026, 10, 31, 14), tz, EVERY_DAY, '09:00', '10:00')).toBe(utc(2026, 11, 1, 14));
    });
    it('a window starting inside the spring gap opens when the clocks jump', () => {
      expect(nextWindowOpening(utc(2026, 3, 7, 12), tz, [0], '02:30', '04:00')).toBe(utc(2026, 3, 8, 7));
    });
    it('is inside a window during the repeated autumn hour', () => {
      const second130 = utc(2026, 11, 1, 6, 30); // 01:30 EST, the second time
      expect(nextWindowOpening(second130, tz, EVERY_DAY, '01:00', '02:00')).toBe(second130);
    });
  });

  describe('windows crossing midnight (22:00-06:00)', () => {
    const tz = 'UTC';
    it('is open late in the evening and early the next morning', () => {
      const mon2300 = utc(2026, 1, 5, 23);
      const tue0300 = utc(2026, 1, 6, 3);
      expect(nextWindowOpening(mon2300, tz, EVERY_DAY, '22:00', '06:00')).toBe(mon2300);
      expect(nextWindowOpening(tue0300, tz, EVERY_DAY, '22:00', '06:00')).toBe(tue0300);
    });
    it('opens at 22:00 from the middle of the day', () => {
      expect(nextWindowOpening(utc(2026, 1, 6, 12), tz, EVERY_DAY, '22:00', '06:00')).toBe(utc(2026, 1, 6, 22));
    });
    it('gives the early hours to the previous day', () => {
      // Weekday nights: Saturday 03:00 belongs to Friday night (open); Sunday 03:00 to Saturday night (closed).
      expect(nextWindowOpening(utc(2026, 1, 10, 3), tz, WEEKDAYS, '22:00', '06:00')).toBe(utc(2026, 1, 10, 3));
      expect(nextWindowOpening(utc(2026, 1, 11, 3), tz, WEEKDAYS, '22:00', '06:00')).toBe(utc(2026, 1, 12, 22));
      // Monday 03:00 belongs to Sunday night (closed): opens Monday 22:00.
      expect(nextWindowOpening(utc(2026, 1, 12, 3), tz, WEEKDAYS, '22:00', '06:00')).toBe(utc(2026, 1, 12, 22));
    });
    it('in a real zone: Ho Chi Minh nights', () => {
      // Monday 16:00 UTC = 23:00 local: open.
      expect(nextWindowOpening(utc(2026, 1, 5, 16), 'Asia/Ho_Chi_Minh', EVERY_DAY, '22:00', '06:00')).toBe(utc(2026, 1, 5, 16));
      // Monday 00:00 UTC = 07:00 local: opens 22:00 local = 15:00 UTC.
      expect(nextWindowOpening(utc(2026, 1, 5, 0), 'Asia/Ho_Chi_Minh', EVERY_DAY, '22:00', '06:00')).toBe(utc(2026, 1, 5, 15));
    });
  });

  describe('day-of-week filters', () => {
    it('skips to the next allowed day', () => {
      // Friday 12:00 UTC, weekdays 09:00-11:00 → Monday 09:00.
      expect(nextWindowOpening(utc(2026, 1, 9, 12), 'UTC', WEEKDAYS, '09:00', '11:00')).toBe(utc(2026, 1, 12, 9));
      // Only Wednesdays, from Wednesday after the window → next Wednesday.
      expect(nextWindowOpening(utc(2026, 1, 7, 12), 'UTC', [3], '09:00', '11:00')).toBe(utc(2026, 1, 14, 9));
      // Only Sundays, from Monday.
      expect(nextWindowOpening(utc(2026, 1, 5, 0), 'UTC', [0], '09:00', '11:00')).toBe(utc(2026, 1, 11, 9));
    });
    it('never goes back in time, whatever the start', () => {
      for (let h = 0; h < 24 * 8; h += 5) {
        const from = utc(2026, 3, 5) + h * HOUR;
        const at = nextWindowOpening(from, 'America/New_York', [2, 4], '08:15', '08:45');
        expect(at).toBeGreaterThanOrEqual(from);
        expect(at - from).toBeLessThanOrEqual(7 * 24 * HOUR);
        const p = zonedParts(at, 'America/New_York');
        if (at !== from) expect([p.weekday, p.hour, p.minute]).toEqual([p.weekday === 2 ? 2 : 4, 8, 15]);
      }
    });
  });
});
