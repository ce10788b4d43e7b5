import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTimestamp, MAX_TIMESTAMP, MIN_TIMESTAMP, parseIsoTimestamp } from './timestamp.js';

const ms = (s: string) => {
  const r = parseIsoTimestamp(s);
  return r.ok ? r.ms : r.message;
};

describe('parseIsoTimestamp', () => {
  it('reads what Segment libraries send, offsets included', () => {
    expect(ms('2026-01-31T12:00:00Z')).toBe(Date.UTC(2026, 0, 31, 12));
    expect(ms('2026-01-31T12:00:00.123456789Z')).toBe(Date.UTC(2026, 0, 31, 12, 0, 0, 123));
    expect(ms('2026-01-31T14:30:00+02:30')).toBe(Date.UTC(2026, 0, 31, 12));
    expect(ms('2026-01-31T07:00:00-0500')).toBe(Date.UTC(2026, 0, 31, 12));
    expect(ms('2026-01-31')).toBe(Date.UTC(2026, 0, 31));
    // No offset: UTC, whatever the server's zone (Date.parse would use the local one).
    expect(ms('2026-01-31T12:00')).toBe(Date.UTC(2026, 0, 31, 12));
  });

  it('refuses what Date.parse accepts leniently', () => {
    for (const s of ['1', '2001', 'yesterday', 'Jan 1 2026', '2026-1-1', '2026-01-31T12:00:00 GMT', ' 2026-01-31', '2026-01-31T12Z']) {
      expect(ms(s), s).toMatch(/must be an ISO-8601 date/);
    }
    expect(ms('2026-02-29T00:00:00Z')).toMatch(/not a real date/);
    expect(ms('2026-13-01')).toMatch(/not a real date/);
    expect(ms('2026-01-01T24:00:00Z')).toMatch(/not a real date/);
    expect(ms('2026-01-01T00:00:00+24:00')).toMatch(/impossible UTC offset/);
  });

  it('refuses dates outside 1970–9999', () => {
    expect(ms('1969-12-31T23:59:59Z')).toMatch(/between 1970-01-01 and 9999-12-31/);
    expect(ms('1970-01-01T00:30:00+01:00')).toMatch(/between/);
    expect(ms('0001-01-01T00:00:00Z')).toMatch(/between/);
    // Date.UTC reads years 0–99 as 1900–1999: 0070 must not become 1970.
    expect(ms('0070-06-15T12:00:00Z')).toMatch(/between/);
    expect(ms('1969-12-31T23:30:00-01:00')).toBe(Date.UTC(1970, 0, 1, 0, 30));
    expect(ms('9999-12-31T23:59:59.999Z')).toBe(MAX_TIMESTAMP);
  });

  it('agrees with toISOString for every date in range', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(MIN_TIMESTAMP), max: new Date(MAX_TIMESTAMP), noInvalidDate: true }), (d) => {
        expect(ms(d.toISOString())).toBe(d.getTime());
      }),
    );
  });

  it('never throws, and what it accepts is in range', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2})?$/)), (s) => {
        const r = parseIsoTimestamp(s);
        if (r.ok) expect(r.ms >= MIN_TIMESTAMP && r.ms <= MAX_TIMESTAMP).toBe(true);
      }),
    );
  });
});

describe('isoTimestamp schema', () => {
  it('parses to epoch ms, or names the problem', () => {
    expect(isoTimestamp().parse('2026-01-31T12:00:00Z')).toBe(Date.UTC(2026, 0, 31, 12));
    expect(isoTimestamp().safeParse('1').error?.issues[0]?.message).toMatch(/ISO-8601/);
  });
});
