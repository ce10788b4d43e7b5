import { describe, expect, it } from 'vitest';
import { zonedParts } from '../time/zoned.js';
import { isQuiet, localInstantAfter, nextOutsideQuietHours } from './quiet-hours.js';
import { QuietHours } from './types.js';

const q = (start: string, end: string, days: number[] = [], exemptTransactional = false) => QuietHours.parse({ start, end, days, exemptTransactional });
const iso = (s: string) => Date.parse(s);
const H = 3_600_000;

describe('isQuiet', () => {
  const night = q('21:00', '08:00');
  it('reads the customer clock, crossing midnight', () => {
    expect(isQuiet(iso('2026-06-10T19:00:00Z'), 'Europe/Paris', night)).toBe(true); // 21:00 CEST
    expect(isQuiet(iso('2026-06-10T18:59:59Z'), 'Europe/Paris', night)).toBe(false); // 20:59:59
    expect(isQuiet(iso('2026-06-11T05:59:59Z'), 'Europe/Paris', night)).toBe(true); // 07:59:59
    expect(isQuiet(iso('2026-06-11T06:00:00Z'), 'Europe/Paris', night)).toBe(false); // 08:00
    expect(isQuiet(iso('2026-06-11T12:00:00Z'), 'Europe/Paris', night)).toBe(false);
  });

  it('a daytime window does not cross midnight', () => {
    const lunch = q('12:00', '14:00');
    expect(isQuiet(iso('2026-06-10T12:30:00Z'), 'UTC', lunch)).toBe(true);
    expect(isQuiet(iso('2026-06-10T14:00:00Z'), 'UTC', lunch)).toBe(false);
    expect(isQuiet(iso('2026-06-10T11:59:00Z'), 'UTC', lunch)).toBe(false);
  });

  it('the night belongs to the day it starts on', () => {
    const weeknights = q('21:00', '08:00', [1, 2, 3, 4, 5]); // Mon-Fri evenings
    // 2026-06-12 is a Friday, 06-13 Saturday, 06-14 Sunday, 06-15 Monday.
    expect(isQuiet(iso('2026-06-13T07:00:00Z'), 'UTC', weeknights)).toBe(true); // Sat 07:00, Friday's night
    expect(isQuiet(iso('2026-06-13T22:00:00Z'), 'UTC', weeknights)).toBe(false); // Sat night: not listed
    expect(isQuiet(iso('2026-06-15T07:00:00Z'), 'UTC', weeknights)).toBe(false); // Mon 07:00 is Sunday's night
    expect(isQuiet(iso('2026-06-15T22:00:00Z'), 'UTC', weeknights)).toBe(true);
  });

  it('start equal to end is the whole day', () => {
    const sunday = q('00:00', '00:00', [0]);
    expect(isQuiet(iso('2026-06-14T00:00:00Z'), 'UTC', sunday)).toBe(true);
    expect(isQuiet(iso('2026-06-14T23:59:00Z'), 'UTC', sunday)).toBe(true);
    expect(isQuiet(iso('2026-06-15T00:00:00Z'), 'UTC', sunday)).toBe(false);
    expect(isQuiet(iso('2026-06-13T23:59:00Z'), 'UTC', sunday)).toBe(false);
  });
});

describe('nextOutsideQuietHours', () => {
  const night = q('21:00', '08:00');

  it('returns the instant itself outside quiet hours', () => {
    const t = iso('2026-06-10T10:00:00Z');
    expect(nextOutsideQuietHours(t, 'UTC', night)).toBe(t);
  });

  it('is the exact end of the spell in the customer zone', () => {
    expect(nextOutsideQuietHours(iso('2026-06-10T22:30:00Z'), 'Asia/Ho_Chi_Minh', night)).toBe(iso('2026-06-11T01:00:00Z')); // 08:00 +07
    expect(nextOutsideQuietHours(iso('2026-06-11T02:15:00Z'), 'America/New_York', night)).toBe(iso('2026-06-11T12:00:00Z')); // 22:15 EDT -> 08:00 EDT
  });

  it('evening and early-morning halves end at the same morning', () => {
    const evening = iso('2026-06-10T21:30:00Z');
    const morning = iso('2026-06-11T03:00:00Z');
    expect(nextOutsideQuietHours(evening, 'UTC', night)).toBe(iso('2026-06-11T08:00:00Z'));
    expect(nextOutsideQuietHours(morning, 'UTC', night)).toBe(iso('2026-06-11T08:00:00Z'));
  });

  it('follows whole quiet days back to back', () => {
    const weekend = q('00:00', '00:00', [6, 0]);
    expect(nextOutsideQuietHours(iso('2026-06-13T10:00:00Z'), 'UTC', weekend)).toBe(iso('2026-06-15T00:00:00Z'));
    const weekendNights = q('18:00', '18:00', [5, 6]); // Fri 18:00 -> Sun 18:00
    expect(nextOutsideQuietHours(iso('2026-06-12T19:00:00Z'), 'UTC', weekendNights)).toBe(iso('2026-06-14T18:00:00Z'));
  });

  it('spring forward: a spell ending at 08:00 is one hour shorter and ends at 08:00 local', () => {
    // Europe/Paris, 2026-03-29: 02:00 CET jumps to 03:00 CEST.
    const t = iso('2026-03-28T21:30:00Z'); // 22:30 CET
    const until = nextOutsideQuietHours(t, 'Europe/Paris', night);
    expect(until).toBe(iso('2026-03-29T06:00:00Z'));
    expect(zonedParts(until, 'Europe/Paris')).toMatchObject({ hour: 8, minute: 0, day: 29 });
    expect(until - t).toBe(8.5 * H); // 9.5 wall-clock hours, one of them skipped
  });

  it('spring forward: an end time inside the gap resolves to the moment the clocks jump', () => {
    const q2 = q('22:00', '02:30');
    const until = nextOutsideQuietHours(iso('2026-03-28T23:00:00Z'), 'Europe/Paris', q2); // 00:00 CET
    expect(until).toBe(iso('2026-03-29T01:00:00Z')); // 03:00 CEST, the jump
    expect(isQuiet(until, 'Europe/Paris', q2)).toBe(false);
    expect(isQuiet(until - 1, 'Europe/Paris', q2)).toBe(true);
  });

  it('fall back: the spell ends at the first 08:00 after the longer night', () => {
    // Europe/Paris, 2026-10-25: 03:00 CEST falls back to 02:00 CET.
    const t = iso('2026-10-24T20:00:00Z'); // 22:00 CEST
    const until = nextOutsideQuietHours(t, 'Europe/Paris', night);
    expect(until).toBe(iso('2026-10-25T07:00:00Z')); // 08:00 CET
    expect(until - t).toBe(11 * H);
  });

  it('fall back: in the repeated hour, the end is the occurrence after now', () => {
    // America/New_York, 2026-11-01: 02:00 EDT falls back to 01:00 EST, so 01:00-01:59 happens twice.
    const q2 = q('00:30', '01:30');
    const firstPass = iso('2026-11-01T05:15:00Z'); // 01:15 EDT
    const secondPass = iso('2026-11-01T06:15:00Z'); // 01:15 EST
    expect(nextOutsideQuietHours(firstPass, 'America/New_York', q2)).toBe(iso('2026-11-01T05:30:00Z'));
    expect(nextOutsideQuietHours(secondPass, 'America/New_York', q2)).toBe(iso('2026-11-01T06:30:00Z'));
  });

  it('the same instant has different answers in different zones (a customer who moved)', () => {
    const t = iso('2026-06-10T23:00:00Z');
    expect(isQuiet(t, 'Asia/Ho_Chi_Minh', night)).toBe(true); // 06:00 +07
    expect(nextOutsideQuietHours(t, 'Asia/Ho_Chi_Minh', night)).toBe(iso('2026-06-11T01:00:00Z'));
    expect(isQuiet(t, 'America/Los_Angeles', night)).toBe(false); // 16:00 PDT
    expect(nextOutsideQuietHours(t, 'America/Los_Angeles', night)).toBe(t);
  });

  it('half-hour offsets and half-hour DST (Lord Howe)', () => {
    // Australia/Lord_Howe moves by 30 minutes: 2026-04-05 02:00 +11 -> 01:30 +10:30.
    const until = nextOutsideQuietHours(iso('2026-04-04T11:00:00Z'), 'Australia/Lord_Howe', night); // 22:00 +11
    expect(zonedParts(until, 'Australia/Lord_Howe')).toMatchObject({ day: 5, hour: 8, minute: 0 });
    expect(until).toBe(iso('2026-04-04T21:30:00Z'));
  });
});

describe('localInstantAfter', () => {
  it('finds a plain local time', () => {
    expect(localInstantAfter('Asia/Tokyo', 2026, 1, 2, 9, 0, 0)).toBe(iso('2026-01-02T00:00:00Z'));
  });
  it('skips occurrences at or before `after`', () => {
    const first = iso('2026-11-01T05:30:00Z'); // 01:30 EDT
    expect(localInstantAfter('America/New_York', 2026, 11, 1, 1, 30, first - 1)).toBe(first);
    expect(localInstantAfter('America/New_York', 2026, 11, 1, 1, 30, first)).toBe(iso('2026-11-01T06:30:00Z'));
  });
});
