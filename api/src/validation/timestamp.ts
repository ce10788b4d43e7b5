/**
 * A strict ISO-8601 / RFC 3339 timestamp. `Date.parse` is lenient ("1" is the year 2001,
 * "2026-02-31" is March 3rd, offsets are optional and then mean the server's own zone), and a
 * year like 275760 is a date JavaScript holds but no event ever had: both are refused here.
 */
import { z } from 'zod';

/** The range an event can have: from the Unix epoch to the last day ISO-8601's 4-digit years reach. */
export const MIN_TIMESTAMP = Date.UTC(1970, 0, 1);
export const MAX_TIMESTAMP = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

const EXAMPLE = 'e.g. 2026-01-31T12:00:00Z';

/** Date.UTC, except that years 0–99 are those years, not 1900–1999 ("0070" is not 1970). */
function utc(year: number, month: number, day: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  d.setUTCHours(h, mi, s, ms);
  return d.getTime();
}

/** Epoch ms of a strict ISO-8601 timestamp, or the reason it is refused. A time without an offset is UTC. */
export function parseIsoTimestamp(s: string): { ok: true; ms: number } | { ok: false; message: string } {
  const m = ISO.exec(s);
  if (!m) return { ok: false, message: `must be an ISO-8601 date, ${EXAMPLE}` };
  const [y, mo, d, h = 0, mi = 0, sec = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => (v === undefined ? undefined : Number(v))) as number[];
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const daysInMonth = new Date(utc(y!, mo!, 0)).getUTCDate();
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > daysInMonth || h > 23 || mi > 59 || sec > 59) {
    return { ok: false, message: `is not a real date and time (${EXAMPLE})` };
  }
  let offset = 0;
  if (m[9]) {
    const oh = Number(m[10]);
    const om = Number(m[11] ?? 0);
    if (oh > 23 || om > 59) return { ok: false, message: `has an impossible UTC offset (${EXAMPLE})` };
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const at = utc(y!, mo! - 1, d!, h, mi, sec, ms) - offset;
  if (at < MIN_TIMESTAMP || at > MAX_TIMESTAMP) return { ok: false, message: 'must be between 1970-01-01 and 9999-12-31' };
  return { ok: true, ms: at };
}

/** A strict ISO-8601 timestamp in 1970–9999, parsed to epoch milliseconds. */
export const isoTimestamp = () =>
  z.string().transform((s, ctx) => {
    const r = parseIsoTimestamp(s);
    if (r.ok) return r.ms;
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  });
